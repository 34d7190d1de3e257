namespace Churn.Experiments.Sql;

/// <summary>
/// One SELECT that scores every row of a table the way <see cref="ChurnModel.Score"/> does: raw
/// columns (zero-filled where the recipe says blank means zero) -> derived features -> median
/// imputation and one-hot indicators -> nearest segment centre -> an additive model's basis columns
/// (<see cref="AdditiveSql"/>) -> standardised columns -> log-odds
/// -> probability and 0/1 prediction. Each step is one nested SELECT, so every value is computed once
/// and the operations happen in ChurnModel's order (left-to-right sums, the same sigmoid branch);
/// numbers are written round-trip, so an engine's IEEE doubles give ChurnModel's probabilities.
/// Rows come out in the table's order where the engine has one (DuckDB's insertion order, PostgreSQL's ctid).
/// </summary>
public static class ScoringSql
{
    public const string ProbabilityColumn = "churn_probability";
    public const string PredictionColumn = "churn_prediction";
    public const string SegmentColumn = "segment";

    /// <summary>
    /// The SELECT for <paramref name="table"/> (a dotted name, each part quoted). With
    /// <paramref name="idColumn"/> that column is passed through first, so results join back to customers.
    /// A model with a <see cref="RowDerivation"/> reads the raw columns and computes its derived features
    /// (they are returned too); the table must hold the raw file's columns.
    /// </summary>
    public static string Build(ChurnModel model, SqlDialect dialect, string table, string? idColumn = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(dialect);
        var passThrough = new List<(string, string)>();
        if (idColumn is not null) passThrough.Add((dialect.Identifier(idColumn), "id_0"));
        if (dialect.RowOrderColumn is { } order) passThrough.Add((order, "order_0"));
        var (q, derivedColumns) = Encoded(model.Features, model.Derivation, dialect, dialect.QualifiedName(table), passThrough,
            model.Training.MissingTokens ?? []);

        var columns = Enumerable.Range(0, model.Features.EncodedCount).Select(j => Ref(X(j))).ToList();
        if (model.Segments is { } segments)
        {
            var inputs = segments.FeatureNames.Select(n => Ref(X(ChurnModel.IndexOfNumeric(model.Features, n)))).ToList();
            NearestCentreSql.Add(q, inputs, segments.Scaler.Means, segments.Scaler.Scales, segments.Clusters.Centers.ToRowArrays(), "g_0");
            for (var k = 1; k < segments.Count; k++)
                columns.Add("CASE WHEN " + Ref("g_0") + " = " + k.ToString(CultureInfo.InvariantCulture) + " THEN " + SqlDialect.Number(1) + " ELSE " + SqlDialect.Number(0) + " END");
        }

        // Additive models: the encoded row (and segment indicators) expanded into the basis columns.
        IReadOnlyList<string> modelColumns = model.Basis is { } basis ? AdditiveSql.Columns(q, basis, columns) : columns;
        AddLogOdds(q, modelColumns, model.Classifier.Intercept, model.Classifier.Coefficients.ToArray(), model.Scaler.Means, model.Scaler.Scales, "z_0");
        AddProbability(q, "z_0", "p_0");

        var output = new List<(string, string)>();
        if (idColumn is not null) output.Add((Ref("id_0"), idColumn));
        for (var d = 0; d < derivedColumns.Count; d++) output.Add((Ref(Derived(d)), derivedColumns[d].Name));
        output.Add((Ref("p_0"), ProbabilityColumn));
        output.Add(("CASE WHEN " + Ref("p_0") + " >= " + SqlDialect.Number(model.Threshold) + " THEN 1 ELSE 0 END", PredictionColumn));
        if (model.Segments is not null) output.Add((Ref("g_0"), SegmentColumn));
        var select = q.Final(output);
        return dialect.RowOrderColumn is null ? select : select + "ORDER BY " + q.Ref("order_0") + "\n";

        string Ref(string alias) => q.Ref(alias);
    }

    /// <summary>Adds the log-odds b + sum_j w_j (x_j - m_j) / s_j, summed left to right from the intercept as ChurnModel does.</summary>
    internal static void AddLogOdds(Layers q, IReadOnlyList<string> columns, double intercept, IReadOnlyList<double> coefficients,
        IReadOnlyList<double> means, IReadOnlyList<double> scales, string alias)
    {
        var z = new StringBuilder(SqlDialect.Number(intercept));
        for (var j = 0; j < columns.Count; j++)
            z.Append("\n      + ").Append(SqlDialect.Number(coefficients[j]))
                .Append(" * ((").Append(columns[j]).Append(" - ").Append(SqlDialect.Number(means[j]))
                .Append(") / ").Append(SqlDialect.Number(scales[j])).Append(')');
        q.Add([(z.ToString(), alias)]);
    }

    /// <summary>
    /// Adds e = exp(-|z|) ("alias_e") and the probability: ChurnModel's sigmoid branch, so EXP never
    /// overflows and small probabilities keep their digits. The exponent is held at -745 or above, where
    /// exp is already below the smallest double, because PostgreSQL raises an error on underflow.
    /// </summary>
    internal static void AddProbability(Layers q, string z, string alias)
    {
        var one = SqlDialect.Number(1);
        var e = alias + "_e";
        q.Add([("EXP(GREATEST(-ABS(" + q.Ref(z) + "), " + SqlDialect.Number(-745) + "))", e)]);
        q.Add([("CASE WHEN " + q.Ref(z) + " >= " + SqlDialect.Number(0) + " THEN " + one + " / (" + one + " + " + q.Ref(e) + ") ELSE "
            + q.Ref(e) + " / (" + one + " + " + q.Ref(e) + ") END", alias)]);
    }

    /// <summary>Internal name of encoded column j (FeaturePipeline order) in the layers of <see cref="Encoded"/>.</summary>
    internal static string X(int j) => "x_" + j.ToString(CultureInfo.InvariantCulture);

    private static string Derived(int d) => "v_" + d.ToString(CultureInfo.InvariantCulture);

    private static string Text(int c) => "t_" + c.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The layers that turn rows of <paramref name="from"/> into FeaturePipeline's encoded columns
    /// (<see cref="X"/>): raw casts (zero-filled where the recipe says so), derived features, imputation
    /// and one-hot indicators. <paramref name="passThrough"/> columns (id, label) are carried along.
    /// Returns the derived columns computed, in layer order.
    /// </summary>
    internal static (Layers Q, IReadOnlyList<DerivedColumn> Derived) Encoded(FeaturePipeline features, RowDerivation? derivation,
        SqlDialect dialect, string from, IReadOnlyList<(string Expression, string Alias)> passThrough,
        IReadOnlyList<string>? missingTokens = null)
    {
        var q = new Layers(dialect);
        var numeric = features.Numeric;
        // The cell texts the model's training read as missing (train --na) are NULL here, as predict reads them as blanks.
        var tokens = missingTokens is { Count: > 0 } ? "(" + string.Join(", ", missingTokens.Select(dialect.String)) + ")" : null;
        string Trimmed(string column) => "TRIM(" + dialect.CastText(column) + ")";
        string OrNull(string column, string value) => tokens is null ? value : "CASE WHEN " + Trimmed(column) + " IN " + tokens + " THEN NULL ELSE " + value + " END";

        // Layer 0: the raw inputs as doubles / trimmed text, under internal names.
        var rawNames = new List<string>();
        foreach (var feature in numeric)
            foreach (var input in derivation is not null && derivation.Derives(feature.Name) ? derivation.RawInputs([feature.Name]) : [feature.Name])
                if (!rawNames.Contains(input)) rawNames.Add(input);
        var raw = rawNames.ToDictionary(n => n, n => "r_" + rawNames.IndexOf(n).ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var first = new List<(string Expression, string Alias)>(passThrough);
        foreach (var name in rawNames)
        {
            var cast = dialect.CastDouble(OrNull(dialect.Identifier(name), dialect.Identifier(name)));
            var zeroFilled = derivation is not null && derivation.ZeroFilled.Contains(name);
            first.Add((zeroFilled ? "COALESCE(" + cast + ", " + SqlDialect.Number(0) + ")" : cast, raw[name]));
        }
        for (var c = 0; c < features.Categorical.Count; c++)
        {
            var column = dialect.Identifier(features.Categorical[c].Name);
            first.Add((OrNull(column, Trimmed(column)), Text(c)));
        }
        q.From(from, first);

        // Layer 1: derived features (blank when an input is blank, as in RowDerivation).
        var derivedAlias = new Dictionary<string, string>(StringComparer.Ordinal);
        var derivedColumns = derivation?.Columns.Where(c => numeric.Any(n => n.Name == c.Name)).ToList() ?? [];
        if (derivedColumns.Count > 0)
        {
            var layer = new List<(string, string)>();
            foreach (var column in derivedColumns)
            {
                var alias = Derived(derivedAlias.Count);
                derivedAlias[column.Name] = alias;
                layer.Add((DerivedExpression(column), alias));
            }
            q.Add(layer);
        }

        // Layer 2: the encoded columns x_j of FeaturePipeline (imputed numbers, then one-hot indicators).
        var encoded = new List<(string, string)>();
        for (var j = 0; j < numeric.Count; j++)
        {
            var source = derivedAlias.TryGetValue(numeric[j].Name, out var v) ? v : raw[numeric[j].Name];
            encoded.Add(("COALESCE(" + q.Ref(source) + ", " + SqlDialect.Number(numeric[j].Median) + ")", X(j)));
        }
        var x = numeric.Count;
        for (var c = 0; c < features.Categorical.Count; c++)
            foreach (var category in features.Categorical[c].Categories.Skip(1))
            {
                // A blank cell (NULL, empty) is the blank level, as CategoricalFeature.IndexOf reads it.
                var test = category == CategoricalFeature.BlankLevel
                    ? "COALESCE(" + q.Ref(Text(c)) + ", '') IN ('', " + dialect.String(category) + ")"
                    : q.Ref(Text(c)) + " = " + dialect.String(category);
                encoded.Add(("CASE WHEN " + test + " THEN " + SqlDialect.Number(1) + " ELSE " + SqlDialect.Number(0) + " END", X(x++)));
            }
        q.Add(encoded);
        return (q, derivedColumns);

        string DerivedExpression(DerivedColumn column)
        {
            var inputs = column.Inputs.Select(n => q.Ref(raw[n])).ToList();
            var zero = SqlDialect.Number(0);
            return column.Kind switch
            {
                // A blank input adds nothing (RowDerivation skips it).
                DerivedKind.Sum => string.Join(" + ", inputs.Select(i => "COALESCE(" + i + ", " + zero + ")")),
                // current - (b1 + b2 + ...) / n, the baseline summed left to right; blank when any input is.
                DerivedKind.Change => inputs[0] + " - (" + string.Join(" + ", inputs.Skip(1)) + ") / " + SqlDialect.Number(inputs.Count - 1),
                _ => throw new InvalidOperationException("Unknown derived kind " + column.Kind),
            };
        }
    }
    /// <summary>Nested SELECTs, each adding columns to everything the one inside it computed.</summary>
    internal sealed class Layers(SqlDialect dialect)
    {
        private string current = "";

        /// <summary>An independent copy: adding to it leaves this one as it is.</summary>
        public Layers Copy() => new(dialect) { current = current };

        /// <summary>A column computed by an inner layer.</summary>
        public string Ref(string alias) => "q." + dialect.Identifier(alias);

        public void From(string table, IReadOnlyList<(string Expression, string Alias)> columns) =>
            current = "SELECT\n" + List(columns) + "\nFROM " + table;

        public void Add(IReadOnlyList<(string Expression, string Alias)> columns)
        {
            current = "SELECT q.*,\n" + List(columns) + "\nFROM (\n" + Indent(current + dialect.SubqueryFence) + "\n) AS q";
        }

        public string Final(IReadOnlyList<(string Expression, string Alias)> columns) =>
            "SELECT\n" + List(columns) + "\nFROM (\n" + Indent(current + dialect.SubqueryFence) + "\n) AS q\n";

        private string List(IReadOnlyList<(string Expression, string Alias)> columns) =>
            string.Join(",\n", columns.Select(c => "  " + c.Expression + " AS " + dialect.Identifier(c.Alias)));

        private static string Indent(string sql) => string.Join("\n", sql.Split('\n').Select(l => "  " + l));
    }
}
