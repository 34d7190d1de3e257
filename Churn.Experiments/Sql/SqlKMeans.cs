using Churn.Algorithms.Clustering;

namespace Churn.Experiments.Sql;

/// <summary>What <see cref="SqlKMeans"/> found: centres in standardised units, the scaler, and how Lloyd ended.</summary>
public sealed record SqlKMeansResult(
    StandardScalerModel Scaler,
    Matrix<double> Centers,
    Matrix<double> CentersOriginal,
    IReadOnlyList<long> Sizes,
    double Inertia,
    int Iterations,
    bool Converged,
    string StopReason,
    long Rows,
    int SampleRows,
    IReadOnlyList<string> Warnings);

/// <summary>
/// KMeans on standardised numeric columns with the rows left in the engine. Means, SDs and medians come
/// from one aggregate query; the start is k-means++ (the project's <see cref="KMeans"/>, NInit runs, same
/// seed) on a sample pulled through the engine: every row when the table has at most
/// <see cref="SampleRows"/> rows (then that fit is the answer and the engine only counts it), else the rows with the
/// smallest hash of their row number. Each Lloyd iteration is one GROUP BY on the nearest centre (counts
/// and sums per centre, and how many rows changed centre); C# moves the centres and applies scikit-learn's
/// stopping rules: labels unchanged, or summed squared centre shift &lt;= Tolerance x mean variance.
/// </summary>
public static class SqlKMeans
{
    public const int SampleRows = 100_000;

    public static SqlKMeansResult Fit(SqlTable table, IReadOnlyList<string> features, KMeansOptions options, IProgress<string>? progress = null,
        int sampleRows = SampleRows) => Fit(SqlSource.Of(table), features, options, progress, sampleRows);

    /// <summary>KMeans over every shard of <paramref name="table"/>: each GROUP BY runs per shard and the counts and sums are added.</summary>
    public static SqlKMeansResult Fit(SqlSource table, IReadOnlyList<string> features, KMeansOptions options, IProgress<string>? progress = null,
        int sampleRows = SampleRows)
    {
        options.Validate();
        var prepared = Prepare(table, features, options);
        var warnings = new List<string>(prepared.Warnings);
        var x = Sample(table, prepared.Imputed, prepared.RowCounts, sampleRows, options.Seed);
        progress?.Report(string.Format(CultureInfo.InvariantCulture, "k-means++ start: KMeans k={0}, n_init={1}, seed={2} on {3} sampled rows",
            options.NumberOfClusters, options.NInit, options.Seed, x.RowCount));
        var start = new KMeans(options).Fit(prepared.Scaler.Transform(x));
        warnings.AddRange(start.Warnings);
        var means = prepared.Scaler.Means.ToArray();
        var scales = prepared.Scaler.Scales.ToArray();
        if (x.RowCount == prepared.Rows)
        {
            // The sample is the table: the in-memory fit is the answer; the engine only re-counts it.
            var final = Step(table, prepared.Imputed, means, scales, start.Centers.ToRowArrays(), null);
            return new SqlKMeansResult(prepared.Scaler, start.Centers, SegmentCentres.InOriginalUnits(final.RawSums, final.Counts, prepared.Scaler, start.Centers), final.Counts, final.Inertia, start.Iterations, start.Converged,
                start.StopReason + " (every row fitted in the sample, so k-means++ and Lloyd ran in memory)", prepared.Rows, x.RowCount, warnings);
        }
        var lloyd = Lloyd(table, prepared.Imputed, means, scales, start.Centers, options, options.Tolerance * prepared.MeanVariance, progress);
        warnings.AddRange(lloyd.Warnings);
        return new SqlKMeansResult(prepared.Scaler, lloyd.Centers, lloyd.CentersOriginal, lloyd.Sizes, lloyd.Inertia, lloyd.Iterations, lloyd.Converged, lloyd.StopReason,
            prepared.Rows, x.RowCount, warnings);
    }

    /// <summary>The centres (standardised) from which Fit starts Lloyd in the engine.</summary>
    internal static Matrix<double> StartingCenters(SqlTable table, IReadOnlyList<string> features, KMeansOptions options, int sampleRows)
    {
        var source = SqlSource.Of(table);
        var prepared = Prepare(source, features, options);
        return new KMeans(options).Fit(prepared.Scaler.Transform(Sample(source, prepared.Imputed, prepared.RowCounts, sampleRows, options.Seed))).Centers;
    }

    private sealed record Prepared(long Rows, long[] RowCounts, IReadOnlyList<string> Imputed, StandardScalerModel Scaler, double MeanVariance, IReadOnlyList<string> Warnings);

    /// <summary>
    /// Checks the columns; pass 1: rows and NULLs per shard (a NULL is refused, naming the shard and
    /// column, as training through an engine does); pass 2: means and variances, pooled over shards.
    /// </summary>
    private static Prepared Prepare(SqlSource table, IReadOnlyList<string> features, KMeansOptions options)
    {
        var d = table.Dialect;
        var columns = table.Columns();
        foreach (var name in features)
        {
            var column = columns.FirstOrDefault(c => c.Name == name);
            if (column.Name is null)
                throw new ChurnDataException(table.Name + ": no column '" + name + "'; its columns are: " + string.Join(", ", columns.Select(c => c.Name)) + ".");
            if (!SqlFeatureColumns.IsNumeric(column.Type))
                throw new ChurnDataException(table.Name + ", column '" + name + "': type " + column.Type.Name + " is not numeric; segments need numeric columns.");
        }
        var raw = features.Select(n => d.CastDouble(d.Identifier(n))).ToList();
        var first = table.Each(t => "SELECT COUNT(*), " + string.Join(", ", raw.Select(x => "COUNT(" + x + ")")) + " FROM " + t.From);
        var rowCounts = new long[first.Count];
        for (var s = 0; s < first.Count; s++)
        {
            rowCounts[s] = (long)SqlEngine.Number(first[s][0][0]);
            for (var j = 0; j < features.Count; j++)
            {
                var present = (long)SqlEngine.Number(first[s][0][1 + j]);
                if (present < rowCounts[s])
                    throw new ChurnDataException(string.Format(CultureInfo.InvariantCulture,
                        "{0}, column '{1}': {2} of {3} values are NULL; segments through an engine take no NULLs (fill or filter the rows with --query).",
                        table.Shards[s].Name, features[j], rowCounts[s] - present, rowCounts[s]));
            }
        }
        SqlStatistics.RefuseNonFinite(table, features,
            "segments through an engine take finite numbers only (leave the column out of --features, or fill or filter the rows with --query).");
        var rows = rowCounts.Sum();
        if (rows < options.NumberOfClusters)
            throw new ChurnDataException(string.Format(CultureInfo.InvariantCulture, "{0}: {1} rows, fewer than k={2}.", table.Name, rows, options.NumberOfClusters));
        var refs = Enumerable.Range(0, raw.Count).Select(j => "q." + d.Identifier("x_" + j.ToString(CultureInfo.InvariantCulture))).ToList();
        var (means, variances) = SqlStatistics.Moments(table, t =>
        {
            var q = new ScoringSql.Layers(d);
            q.From(t.From, raw.Select((x, j) => (x, "x_" + j.ToString(CultureInfo.InvariantCulture))).ToList());
            return q;
        }, refs);
        var scales = new double[features.Count];
        var meanVariance = 0.0;
        for (var j = 0; j < features.Count; j++)
        {
            scales[j] = StandardScaler.ScaleFor(rows, means[j], variances[j]);
            meanVariance += variances[j] / (scales[j] * scales[j]);
        }
        return new Prepared(rows, rowCounts, raw, StandardScalerModel.FromParameters(means, scales), meanVariance / features.Count, []);
    }

    /// <summary>
    /// The columns of every row (table order, shard after shard) when there are at most <paramref name="size"/>,
    /// else of the <paramref name="size"/> rows with the smallest seeded hash of their position (Knuth's
    /// multiplicative hash in 64-bit integers, computed alike by every engine): each shard sends its smallest
    /// and C# keeps the smallest overall, so shards sample the rows one table would.
    /// </summary>
    private static Matrix<double> Sample(SqlSource table, IReadOnlyList<string> imputed, long[] rowCounts, int size, int seed)
    {
        var d = table.Dialect;
        var select = string.Join(", ", imputed);
        List<object?[]> result;
        if (rowCounts.Sum() <= size)
            result = table.Each(t => "SELECT " + select + " FROM " + t.From + t.OrderByRows).SelectMany(r => r).ToList();
        else
        {
            var offsets = rowCounts.Select((_, s) => rowCounts.Take(s).Sum()).ToArray();
            var s = 0;
            result = table.Each(t => "SELECT " + select + ", churn_sample_key FROM (SELECT src.*, "
                    + d.Modulo("(" + t.RowNumber + " + " + (offsets[s++] + seed).ToString(CultureInfo.InvariantCulture) + ") * 2654435761", "4294967296")
                    + " AS churn_sample_key FROM " + t.From + ") AS sampled ORDER BY churn_sample_key LIMIT " + size.ToString(CultureInfo.InvariantCulture))
                .SelectMany(r => r).OrderBy(r => SqlEngine.Number(r[imputed.Count])).Take(size).ToList();
        }
        return Matrix<double>.Build.Dense(result.Count, imputed.Count, (i, j) => SqlEngine.Number(result[i][j]));
    }

    private sealed record LloydResult(Matrix<double> Centers, Matrix<double> CentersOriginal, long[] Sizes, double Inertia, int Iterations, bool Converged, string StopReason, List<string> Warnings);

    private static LloydResult Lloyd(SqlSource table, IReadOnlyList<string> imputed, double[] means, double[] scales, Matrix<double> start,
        KMeansOptions options, double tolerance, IProgress<string>? progress)
    {
        var k = start.RowCount;
        var dims = start.ColumnCount;
        var centers = start.ToRowArrays();
        double[][]? previous = null;
        var warnings = new List<string>();
        var converged = false;
        var iterations = 0;
        string? reason = null;
        for (var i = 0; i < options.MaxIterations; i++)
        {
            var step = Step(table, imputed, means, scales, centers, previous);
            iterations = i + 1;
            var moved = new double[k][];
            var shift = 0.0;
            for (var c = 0; c < k; c++)
            {
                // An empty centre stays where it is (the in-memory path relocates it to a far row).
                moved[c] = step.Counts[c] == 0 ? centers[c] : Enumerable.Range(0, dims).Select(f => step.Sums[c][f] / step.Counts[c]).ToArray();
                for (var f = 0; f < dims; f++) shift += (moved[c][f] - centers[c][f]) * (moved[c][f] - centers[c][f]);
            }
            if (step.Counts.Any(n => n == 0))
                warnings.Add(string.Format(CultureInfo.InvariantCulture, "iteration {0}: a centre has no rows; it was kept in place.", iterations));
            progress?.Report(string.Format(CultureInfo.InvariantCulture, "Lloyd iteration {0}: {1} rows changed centre, shift {2:G4}", iterations, step.Changed, shift));
            (previous, centers) = (centers, moved);
            if (step.Changed == 0)
            {
                converged = true;
                reason = string.Format(CultureInfo.InvariantCulture, "labels unchanged at iteration {0} (strict convergence)", iterations);
                break;
            }
            if (shift <= tolerance)
            {
                converged = true;
                reason = string.Format(CultureInfo.InvariantCulture, "center shift {0:R} <= tolerance {1:R} at iteration {2}", shift, tolerance, iterations);
                break;
            }
        }
        reason ??= string.Format(CultureInfo.InvariantCulture, "reached MaxIterations={0} without convergence", options.MaxIterations);
        if (!converged) warnings.Add(string.Format(CultureInfo.InvariantCulture, "Lloyd did not converge within MaxIterations={0}; increase MaxIterations or Tolerance.", options.MaxIterations));
        // Final assignment to the final centres: sizes and inertia.
        var last = Step(table, imputed, means, scales, centers, null);
        var final = Matrix<double>.Build.DenseOfRowArrays(centers);
        return new LloydResult(final, SegmentCentres.InOriginalUnits(last.RawSums, last.Counts, StandardScalerModel.FromParameters(means, scales), final), last.Counts, last.Inertia, iterations, converged, reason, warnings);
    }

    private sealed record StepResult(long[] Counts, double[][] Sums, double Inertia, long Changed, double[][] RawSums);

    /// <summary>One GROUP BY on the nearest centre: rows, sums of the standardised columns, squared distances, and rows whose centre under <paramref name="previous"/> differs.</summary>
    private static StepResult Step(SqlSource table, IReadOnlyList<string> imputed, double[] means, double[] scales, double[][] centers, double[][]? previous) =>
        table.Each(t => StepSql(t, imputed, means, scales, centers, previous))
            .Aggregate(new StepResult(new long[centers.Length], centers.Select(_ => new double[imputed.Count]).ToArray(), 0, 0,
                centers.Select(_ => new double[imputed.Count]).ToArray()), (total, rows) => Merge(total, rows, imputed.Count));

    private static string StepSql(SqlTable table, IReadOnlyList<string> imputed, double[] means, double[] scales, double[][] centers, double[][]? previous)
    {
        var q = new ScoringSql.Layers(table.Dialect);
        q.From(table.From, imputed.Select((x, j) => (x, "x_" + j.ToString(CultureInfo.InvariantCulture))).ToList());
        var inputs = Enumerable.Range(0, imputed.Count).Select(j => q.Ref("x_" + j.ToString(CultureInfo.InvariantCulture))).ToList();
        NearestCentreSql.Add(q, inputs, means, scales, centers, "g_0");
        if (previous is not null) NearestCentreSql.Add(q, inputs, means, scales, previous, "h_0");
        var k = centers.Length;
        var own = "CASE " + string.Join(" ", Enumerable.Range(0, k).Select(c => "WHEN " + q.Ref("g_0") + " = " + c.ToString(CultureInfo.InvariantCulture) + " THEN " + q.Ref(NearestCentreSql.Distance("g_0", c)))) + " END";
        var aggregates = new List<(string, string)> { (q.Ref("g_0"), "centre"), ("COUNT(*)", "n") };
        for (var f = 0; f < imputed.Count; f++) aggregates.Add(("SUM(" + q.Ref(NearestCentreSql.Scaled("g_0", f)) + ")", "s" + f.ToString(CultureInfo.InvariantCulture)));
        aggregates.Add(("SUM(" + own + ")", "inertia"));
        aggregates.Add((previous is null ? "COUNT(*)" : "SUM(CASE WHEN " + q.Ref("g_0") + " = " + q.Ref("h_0") + " THEN 0 ELSE 1 END)", "changed"));
        for (var f = 0; f < imputed.Count; f++) aggregates.Add(("SUM(" + inputs[f] + ")", "r" + f.ToString(CultureInfo.InvariantCulture)));
        return q.Final(aggregates).TrimEnd() + " GROUP BY " + q.Ref("g_0");
    }

    /// <summary>Adds one shard's GROUP BY rows (centre, rows, sums, inertia, changed) to the totals, centre by centre in index order.</summary>
    private static StepResult Merge(StepResult total, IReadOnlyList<object?[]> rows, int dims)
    {
        var inertia = total.Inertia;
        var changed = total.Changed;
        foreach (var row in rows.OrderBy(r => (int)SqlEngine.Number(r[0])))
        {
            var c = (int)SqlEngine.Number(row[0]);
            total.Counts[c] += (long)SqlEngine.Number(row[1]);
            for (var f = 0; f < dims; f++) total.Sums[c][f] += SqlEngine.Number(row[2 + f]);
            inertia += SqlEngine.Number(row[2 + dims]);
            changed += (long)SqlEngine.Number(row[3 + dims]);
            for (var f = 0; f < dims; f++) total.RawSums[c][f] += SqlEngine.Number(row[4 + dims + f]);
        }
        return total with { Inertia = inertia, Changed = changed };
    }
}
