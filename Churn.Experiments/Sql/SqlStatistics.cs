namespace Churn.Experiments.Sql;

/// <summary>Rows, label counts, and per numeric column its minimum, maximum, median and mean.</summary>
internal sealed record TableStatistics(long Rows, long Positives, IReadOnlyDictionary<string, NumericFeature> Numeric, IReadOnlyDictionary<string, double> Means);

/// <summary>
/// The pipeline's statistics of a <see cref="SqlSource"/>, each one aggregate per shard merged in C#:
/// counts and sums add, minima and maxima combine, means and variances pool, category lists unite; a
/// median is the engine's when there is one shard and an exact k-th-value search over the shards otherwise.
/// </summary>
internal static class SqlStatistics
{
    /// <summary>
    /// Counts, label sums and per numeric column COUNT, MIN, MAX, SUM (and MEDIAN with one shard). A NULL
    /// in a numeric feature column is refused, naming the shard and the column: the engine path does not
    /// impute (filter or fill the rows in --query instead).
    /// </summary>
    public static TableStatistics Describe(SqlSource source, SqlFeatureColumns chosen)
    {
        var d = source.Dialect;
        var single = source.Shards.Count == 1;
        var exprs = chosen.Numeric.Select(n => d.CastDouble(d.Identifier(n))).ToList();
        var width = single ? 5 : 4;
        var perShard = source.Each(t =>
        {
            var sql = new StringBuilder("SELECT COUNT(*), COUNT(" + chosen.LabelExpression + "), SUM(" + chosen.LabelExpression + ")");
            foreach (var x in exprs)
            {
                sql.Append(", COUNT(").Append(x).Append("), MIN(").Append(x).Append("), MAX(").Append(x).Append("), SUM(").Append(x).Append(')');
                if (single) sql.Append(", ").Append(d.Median(x));
            }
            return sql.Append(" FROM ").Append(t.From).ToString();
        });
        long rows = 0, labelled = 0, positives = 0;
        var minimum = Enumerable.Repeat(double.PositiveInfinity, exprs.Count).ToArray();
        var maximum = Enumerable.Repeat(double.NegativeInfinity, exprs.Count).ToArray();
        var sum = new double[exprs.Count];
        for (var s = 0; s < perShard.Count; s++)
        {
            var row = perShard[s][0];
            var shardRows = (long)SqlEngine.Number(row[0]);
            rows += shardRows;
            labelled += (long)SqlEngine.Number(row[1]);
            if (shardRows == 0) continue;
            positives += (long)SqlEngine.Number(row[2]);
            for (var j = 0; j < exprs.Count; j++)
            {
                var at = 3 + width * j;
                var present = (long)SqlEngine.Number(row[at]);
                if (present < shardRows)
                    throw new ChurnDataException(string.Format(CultureInfo.InvariantCulture,
                        "{0}, column '{1}': {2} of {3} values are NULL; training through an engine takes no NULLs in a numeric feature column "
                        + "(leave the column out with --exclude, or fill or filter the rows with --query).", source.Shards[s].Name, chosen.Numeric[j], shardRows - present, shardRows));
                minimum[j] = Math.Min(minimum[j], SqlEngine.Number(row[at + 1]));
                maximum[j] = Math.Max(maximum[j], SqlEngine.Number(row[at + 2]));
                sum[j] += SqlEngine.Number(row[at + 3]);
            }
        }
        if (rows == 0) throw new ChurnDataException(source.Name + ": the table has no rows.");
        if (labelled < rows)
            throw new ChurnDataException(string.Format(CultureInfo.InvariantCulture, "{0}: the label is blank (NULL) in {1} of {2} rows; every row needs a label.", source.Name, rows - labelled, rows));
        if (positives == 0 || positives == rows)
            throw new ChurnDataException(string.Format(CultureInfo.InvariantCulture,
                "{0}: {1} of {2} rows have the positive label value; training needs both classes (check --positive).", source.Name, positives, rows));
        var medians = single
            ? Enumerable.Range(0, exprs.Count).Select(j => SqlEngine.Number(perShard[0][0][3 + width * j + 4])).ToArray()
            : Medians(source, exprs, rows, minimum, maximum);
        var numeric = new Dictionary<string, NumericFeature>(StringComparer.Ordinal);
        var means = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var j = 0; j < exprs.Count; j++)
        {
            numeric[chosen.Numeric[j]] = new NumericFeature(chosen.Numeric[j], medians[j], minimum[j], maximum[j]);
            means[chosen.Numeric[j]] = sum[j] / rows;
        }
        return new TableStatistics(rows, positives, numeric, means);
    }

    /// <summary>
    /// Exact medians over shards (interpolated halfway between the middle two for an even count, as the
    /// engines' medians): the k-th smallest value is the least double v with COUNT(x &lt;= v) &gt;= k, found by
    /// bisection on the doubles' order (at most 64 count queries, every column at once).
    /// </summary>
    private static double[] Medians(SqlSource source, IReadOnlyList<string> exprs, long rows, double[] minimum, double[] maximum)
    {
        var ranks = new[] { (rows + 1) / 2, rows / 2 + 1 }; // the two middle ranks (equal for an odd count)
        var lo = new long[exprs.Count * 2];
        var hi = new long[exprs.Count * 2];
        for (var j = 0; j < lo.Length; j++) (lo[j], hi[j]) = (OrderKey(minimum[j / 2]), OrderKey(maximum[j / 2]));
        while (Enumerable.Range(0, lo.Length).Any(j => lo[j] < hi[j]))
        {
            var mid = Enumerable.Range(0, lo.Length).Select(j => (lo[j] & hi[j]) + ((lo[j] ^ hi[j]) >> 1)).ToArray();
            var counts = source.Sum(t => "SELECT " + string.Join(", ", mid.Select((m, j) =>
                "SUM(CASE WHEN " + exprs[j / 2] + " <= " + SqlDialect.Number(FromOrderKey(m)) + " THEN 1 ELSE 0 END)")) + " FROM " + t.From);
            for (var j = 0; j < lo.Length; j++)
                if (counts[j] >= ranks[j % 2]) hi[j] = mid[j];
                else lo[j] = mid[j] + 1;
        }
        return Enumerable.Range(0, exprs.Count).Select(j =>
        {
            double a = FromOrderKey(lo[2 * j]), b = FromOrderKey(lo[2 * j + 1]);
            return a + (b - a) * 0.5;
        }).ToArray();
    }

    /// <summary>A long that orders like the double (-0 just below +0).</summary>
    private static long OrderKey(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        return bits >= 0 ? bits : -(bits & long.MaxValue) - 1;
    }

    private static double FromOrderKey(long key) =>
        BitConverter.Int64BitsToDouble(key >= 0 ? key : (-(key + 1)) | long.MinValue);

    /// <summary>
    /// The columns of <paramref name="chosen"/> that <see cref="AutomaticExclusion"/> leaves out, as a CSV file's would be:
    /// one query per shard counts each column's values, distinct values, and for numbers the non-integers and the range.
    /// Over several shards a value is "different in every row" when it is within every shard (the engines cannot
    /// count distinct values across one another), and text categories are the largest shard's count.
    /// </summary>
    public static List<ExcludedColumn> AutomaticExclusions(SqlSource source, SqlFeatureColumns chosen, LabelledCsvOptions options)
    {
        var d = source.Dialect;
        // A numeric column with a stray word is read as text: refuse it first, or it would leave as "identifier-like".
        foreach (var name in chosen.Text) RefuseNumbersAsText(source, name);
        var numeric = chosen.Numeric.Select(n => d.CastDouble(d.Identifier(n))).ToList();
        var text = chosen.Text.Select(n => "NULLIF(TRIM(" + d.CastText(d.Identifier(n)) + "), '')").ToList();
        var perShard = source.Each(t =>
        {
            var sql = new StringBuilder("SELECT COUNT(*)");
            foreach (var x in numeric)
                sql.Append(", COUNT(").Append(x).Append("), COUNT(DISTINCT ").Append(x).Append("), MIN(").Append(x).Append("), MAX(").Append(x)
                    .Append("), SUM(CASE WHEN ").Append(x).Append(" <> FLOOR(").Append(x).Append(") THEN 1 ELSE 0 END)");
            foreach (var x in text)
                sql.Append(", COUNT(").Append(x).Append("), COUNT(DISTINCT ").Append(x).Append("), MIN(").Append(x).Append(')');
            return sql.Append(" FROM ").Append(t.From).ToString();
        });
        long Long(object? value) => value is null ? 0 : (long)SqlEngine.Number(value);
        var rows = perShard.Sum(r => Long(r[0][0]));
        var excluded = new List<ExcludedColumn>();
        if (rows == 0) return excluded; // every column would look constant; the statistics say "no rows"
        for (var j = 0; j < numeric.Count; j++)
        {
            var at = 1 + 5 * j;
            long present = 0, nonIntegers = 0;
            var allDistinct = true;
            double low = double.PositiveInfinity, high = double.NegativeInfinity;
            foreach (var shard in perShard)
            {
                var row = shard[0];
                var count = Long(row[at]);
                present += count;
                allDistinct &= Long(row[at + 1]) == count;
                if (count == 0) continue;
                low = Math.Min(low, SqlEngine.Number(row[at + 2]));
                high = Math.Max(high, SqlEngine.Number(row[at + 3]));
                nonIntegers += Long(row[at + 4]);
            }
            if (AutomaticExclusion.Numeric(chosen.Numeric[j], rows, present, low < high, low, nonIntegers == 0, allDistinct, options) is { } exclusion)
                excluded.Add(exclusion);
        }
        for (var j = 0; j < text.Count; j++)
        {
            var at = 1 + 5 * numeric.Count + 3 * j;
            var name = chosen.Text[j];
            var firsts = perShard.Select(shard => shard[0][at + 2] as string).Where(v => v is not null).Distinct(StringComparer.Ordinal).ToList();
            ExcludedColumn? Judge(object?[] shard) =>
                AutomaticExclusion.Text(name, Long(shard[0]), Long(shard[at]), Long(shard[at + 1]), shard[at + 2] as string, options);
            if (perShard.Count == 1)
            {
                if (Judge(perShard[0][0]) is { } exclusion) excluded.Add(exclusion);
                continue;
            }
            // Over shards: constant when no shard has two values and they share the one value; identifier-like when
            // every shard is, each against its own rows (distinct counts do not add across engines).
            var present = perShard.Sum(shard => Long(shard[0][at]));
            if (firsts.Count <= 1 && perShard.All(shard => Long(shard[0][at + 1]) <= 1))
                excluded.Add(AutomaticExclusion.Text(name, rows, present, firsts.Count, firsts.FirstOrDefault(), options)!);
            else if (perShard.Select(shard => Judge(shard[0])).ToList() is var verdicts && verdicts.All(v => v?.Kind == ExclusionKind.Identifier))
                excluded.Add(verdicts[0]! with { Reason = verdicts[0]!.Reason + " in every shard" });
        }
        return excluded;
    }

    /// <summary>Distinct trimmed values of each text column over every shard, through FeaturePipeline's category rule; columns above the cap are left out.</summary>
    public static List<CategoricalFeature> Categories(SqlSource source, IReadOnlyList<string> names, int maxCategories, List<string> warnings)
    {
        var d = source.Dialect;
        var result = new List<CategoricalFeature>();
        foreach (var name in names)
        {
            RefuseNumbersAsText(source, name);
            var values = source.Each(t => "SELECT DISTINCT TRIM(" + d.CastText(d.Identifier(name)) + ") FROM " + t.From, name)
                .SelectMany(rows => rows.Select(r => r[0] as string)).Distinct(StringComparer.Ordinal).ToList();
            var feature = FeaturePipeline.CategoricalFrom(name, values, source.Name);
            if (feature.Categories.Count > maxCategories)
            {
                warnings.Add(string.Format(CultureInfo.InvariantCulture, "{0}, column '{1}': {2} categories, more than --max-categories {3}; left out.",
                    source.Name, name, feature.Categories.Count, maxCategories));
                continue;
            }
            result.Add(feature);
        }
        return result;
    }

    /// <summary>
    /// NaN and infinities in numeric columns (a DOUBLE column holds them; PostgreSQL takes 'NaN' and 'Infinity') are
    /// refused, naming the shard, the column, how many and one of them, as the CSV reader refuses such a cell: otherwise
    /// a NaN, which both engines order above every number, made MIN &lt; MAX false and the column left as "constant", and an
    /// infinity ended the run in a message naming nothing. One query per shard for every column at once.
    /// </summary>
    /// <param name="source">The shards to check.</param>
    /// <param name="names">The numeric columns to check.</param>
    /// <param name="rule">What the message ends with: the rule and how to obey it.</param>
    public static void RefuseNonFinite(SqlSource source, IReadOnlyList<string> names, string rule)
    {
        if (names.Count == 0) return;
        var d = source.Dialect;
        var above = d.CastDouble(SqlDialect.Number(double.MaxValue));
        var below = d.CastDouble(SqlDialect.Number(-double.MaxValue));
        var tests = names.Select(n =>
        {
            var x = d.CastDouble(d.Identifier(n));
            return (Value: x, Test: "(" + x + " > " + above + " OR " + x + " < " + below + ")");
        }).ToList();
        var perShard = source.Each(t => "SELECT COUNT(*), " + string.Join(", ", tests.Select(c =>
            "SUM(CASE WHEN " + c.Test + " THEN 1 ELSE 0 END), MAX(CASE WHEN " + c.Test + " THEN " + c.Value + " END)")) + " FROM " + t.From);
        for (var s = 0; s < perShard.Count; s++)
        {
            var row = perShard[s][0];
            for (var j = 0; j < names.Count; j++)
            {
                var count = row[1 + 2 * j] is null ? 0 : (long)SqlEngine.Number(row[1 + 2 * j]);
                if (count == 0) continue;
                throw new ChurnDataException(string.Format(CultureInfo.InvariantCulture,
                    "{0}, column '{1}': {2} of {3} values are not finite (e.g. {4}); {5}",
                    source.Shards[s].Name, names[j], count, (long)SqlEngine.Number(row[0]), SqlEngine.Number(row[2 + 2 * j]).ToString(CultureInfo.InvariantCulture), rule));
            }
        }
    }

    /// <summary>
    /// A text column whose non-blank values are mostly numbers holds a stray word or a number in another
    /// format: refused, naming the shard, the column and a value, as the CSV reader refuses it (it never
    /// silently becomes a category).
    /// </summary>
    private static void RefuseNumbersAsText(SqlSource source, string name)
    {
        var d = source.Dialect;
        var text = "TRIM(" + d.CastText(d.Identifier(name)) + ")";
        var perShard = source.Each(t => "SELECT SUM(CASE WHEN " + text + " <> '' THEN 1 ELSE 0 END), SUM(CASE WHEN " + d.IsNumberText(text) + " THEN 1 ELSE 0 END), "
            + "MIN(CASE WHEN " + text + " <> '' AND NOT " + d.IsNumberText(text) + " THEN " + text + " END) FROM " + t.From, name);
        double present = 0, numbers = 0;
        foreach (var rows in perShard)
        {
            present += SqlEngine.Number(rows[0][0] ?? 0L);
            numbers += SqlEngine.Number(rows[0][1] ?? 0L);
        }
        if (numbers * 2 <= present || numbers == present) return;
        var shard = Enumerable.Range(0, perShard.Count).First(s => perShard[s][0][2] is string);
        throw new ChurnDataException(string.Format(CultureInfo.InvariantCulture,
            "{0}, column '{1}': holds numbers in {2} of {3} non-blank values but '{4}' is not a number; fix the value, or leave the column out (--exclude).",
            source.Shards[shard].Name, name, numbers, present, perShard[shard][0][2]));
    }

    /// <summary>Pearson correlations of the numeric columns from sums of centred products (one query per shard), as Collinearity's pairs at or above the threshold.</summary>
    public static List<CollinearPair> Correlations(SqlSource source, IReadOnlyList<string> names, TableStatistics stats, double threshold)
    {
        var pairs = new List<CollinearPair>();
        if (names.Count < 2) return pairs;
        var d = source.Dialect;
        var centred = names.Select(n => "(" + d.CastDouble(d.Identifier(n)) + " - " + SqlDialect.Number(stats.Means[n]) + ")").ToList();
        var terms = new List<(int, int)>();
        for (var j = 0; j < names.Count; j++)
            for (var k = j + 1; k < names.Count; k++) terms.Add((j, k));
        var sums = source.Sum(t => "SELECT " + string.Join(", ", centred.Select(c => "SUM(" + c + " * " + c + ")")
            .Concat(terms.Select(p => "SUM(" + centred[p.Item1] + " * " + centred[p.Item2] + ")"))) + " FROM " + t.From);
        for (var t = 0; t < terms.Count; t++)
        {
            var r = sums[names.Count + t] / Math.Sqrt(sums[terms[t].Item1] * sums[terms[t].Item2]);
            if (double.IsFinite(r) && Math.Abs(r) >= threshold) pairs.Add(new CollinearPair(terms[t].Item1, terms[t].Item2, r));
        }
        return pairs;
    }

    /// <summary>Means and population variances of expressions, pooled over shards (Chan et al.'s parallel formula).</summary>
    public static (double[] Means, double[] Variances) Moments(SqlSource source, Func<SqlTable, ScoringSql.Layers> layers, IReadOnlyList<string> columns)
    {
        var perShard = source.Each(t => layers(t).Final(new[] { ("COUNT(*)", "n") }
            .Concat(columns.SelectMany((c, j) => new[] { ("AVG(" + c + ")", "m" + Index(j)), ("VAR_POP(" + c + ")", "v" + Index(j)) })).ToList()));
        var means = new double[columns.Count];
        var variances = new double[columns.Count];
        double n = 0;
        foreach (var rows in perShard)
        {
            var row = rows[0];
            var m = SqlEngine.Number(row[0]);
            if (m == 0) continue;
            var total = n + m;
            for (var j = 0; j < columns.Count; j++)
            {
                double mean = SqlEngine.Number(row[1 + 2 * j]), variance = SqlEngine.Number(row[2 + 2 * j]);
                if (n == 0)
                {
                    (means[j], variances[j]) = (mean, variance);
                    continue;
                }
                var delta = mean - means[j];
                variances[j] = (n * variances[j] + m * variance + delta * delta * n * m / total) / total;
                means[j] += delta * m / total;
            }
            n = total;
        }
        return (means, variances);
    }

    private static string Index(int j) => j.ToString(CultureInfo.InvariantCulture);
}
