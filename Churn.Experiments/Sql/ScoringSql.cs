using System.Globalization;
using System.Text;
using Churn.Experiments.Modeling;

namespace Churn.Experiments.Sql;

/// <summary>
/// One SELECT that scores every row of a table the way <see cref="ChurnModel.Score"/> does: raw
/// columns (zero-filled where the recipe says blank means zero) -> derived features -> median
/// imputation and one-hot indicators -> nearest segment centre -> standardised columns -> log-odds
/// -> probability and 0/1 prediction. Each step is one nested SELECT, so every value is computed once
/// and the operations happen in ChurnModel's order (left-to-right sums, the same sigmoid branch);
/// numbers are written round-trip, so an engine's IEEE doubles give ChurnModel's probabilities.
/// Rows come out in the order the engine reads the table (no ORDER BY: SQL tables have no other order).
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
        var q = new Layers(dialect);
        var derivation = model.Derivation;
        var numeric = model.Features.Numeric;

        // Layer 0: the raw inputs as doubles / trimmed text, under internal names.
        var rawNames = new List<string>();
        foreach (var feature in numeric)
            foreach (var input in derivation is not null && derivation.Derives(feature.Name) ? derivation.RawInputs([feature.Name]) : [feature.Name])
                if (!rawNames.Contains(input)) rawNames.Add(input);
        var raw = rawNames.ToDictionary(n => n, n => "r_" + rawNames.IndexOf(n).ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var first = new List<(string Expression, string Alias)>();
        if (idColumn is not null) first.Add((dialect.Identifier(idColumn), "id_0"));
        foreach (var name in rawNames)
        {
            var cast = dialect.CastDouble(dialect.Identifier(name));
            var zeroFilled = derivation is not null && derivation.ZeroFilled.Contains(name);
            first.Add((zeroFilled ? "COALESCE(" + cast + ", " + SqlDialect.Number(0) + ")" : cast, raw[name]));
        }
        for (var c = 0; c < model.Features.Categorical.Count; c++)
            first.Add(("TRIM(" + dialect.CastText(dialect.Identifier(model.Features.Categorical[c].Name)) + ")", Text(c)));
        q.From(dialect.QualifiedName(table), first);

        // Layer 1: derived features (blank when an input is blank, as in RowDerivation).
        var derivedAlias = new Dictionary<string, string>(StringComparer.Ordinal);
        var derivedColumns = derivation?.Columns.Where(c => numeric.Any(n => n.Name == c.Name)).ToList() ?? [];
        if (derivedColumns.Count > 0)
        {
            var layer = new List<(string, string)>();
            foreach (var column in derivedColumns)
            {
                var alias = "v_" + derivedAlias.Count.ToString(CultureInfo.InvariantCulture);
                derivedAlias[column.Name] = alias;
                layer.Add((DerivedExpression(column, raw), alias));
            }
            q.Add(layer);
        }

        // Layer 2: the encoded columns x_j of FeaturePipeline (imputed numbers, then one-hot indicators).
        var encoded = new List<(string, string)>();
        for (var j = 0; j < numeric.Count; j++)
        {
            var source = derivedAlias.TryGetValue(numeric[j].Name, out var v) ? v : raw[numeric[j].Name];
            encoded.Add(("COALESCE(" + Ref(source) + ", " + SqlDialect.Number(numeric[j].Median) + ")", X(j)));
        }
        var x = numeric.Count;
        for (var c = 0; c < model.Features.Categorical.Count; c++)
            foreach (var category in model.Features.Categorical[c].Categories.Skip(1))
                encoded.Add(("CASE WHEN " + Ref(Text(c)) + " = " + dialect.String(category) + " THEN " + SqlDialect.Number(1) + " ELSE " + SqlDialect.Number(0) + " END", X(x++)));
        q.Add(encoded);

        var columns = Enumerable.Range(0, model.Features.EncodedCount).Select(j => Ref(X(j))).ToList();
        if (model.Segments is { } segments)
        {
            var inputs = segments.FeatureNames.Select(n => Ref(X(ChurnModel.IndexOfNumeric(model.Features, n)))).ToList();
            NearestCentreSql.Add(q, inputs, segments.Scaler.Means, segments.Scaler.Scales, segments.Clusters.Centers.ToRowArrays(), "g_0");
            for (var k = 1; k < segments.Count; k++)
                columns.Add("CASE WHEN " + Ref("g_0") + " = " + k.ToString(CultureInfo.InvariantCulture) + " THEN " + SqlDialect.Number(1) + " ELSE " + SqlDialect.Number(0) + " END");
        }

        // Layer: log-odds from standardised columns, summed left to right from the intercept.
        var z = new StringBuilder(SqlDialect.Number(model.Classifier.Intercept));
        for (var j = 0; j < columns.Count; j++)
            z.Append("\n      + ").Append(SqlDialect.Number(model.Classifier.Coefficients[j]))
                .Append(" * ((").Append(columns[j]).Append(" - ").Append(SqlDialect.Number(model.Scaler.Means[j]))
                .Append(") / ").Append(SqlDialect.Number(model.Scaler.Scales[j])).Append(')');
        q.Add([(z.ToString(), "z_0")]);
        // The sigmoid branch ChurnModel takes, so EXP never overflows and small probabilities keep their digits.
        var one = SqlDialect.Number(1);
        q.Add([("CASE WHEN " + Ref("z_0") + " >= " + SqlDialect.Number(0) + " THEN " + one + " / (" + one + " + EXP(-" + Ref("z_0") + ")) ELSE EXP(" + Ref("z_0") + ") / (" + one + " + EXP(" + Ref("z_0") + ")) END", "p_0")]);

        var output = new List<(string, string)>();
        if (idColumn is not null) output.Add((Ref("id_0"), idColumn));
        foreach (var column in derivedColumns) output.Add((Ref(derivedAlias[column.Name]), column.Name));
        output.Add((Ref("p_0"), ProbabilityColumn));
        output.Add(("CASE WHEN " + Ref("p_0") + " >= " + SqlDialect.Number(model.Threshold) + " THEN 1 ELSE 0 END", PredictionColumn));
        if (model.Segments is not null) output.Add((Ref("g_0"), SegmentColumn));
        return q.Final(output);

        string Ref(string alias) => q.Ref(alias);
        static string X(int j) => "x_" + j.ToString(CultureInfo.InvariantCulture);
        static string Text(int c) => "t_" + c.ToString(CultureInfo.InvariantCulture);

        string DerivedExpression(DerivedColumn column, IReadOnlyDictionary<string, string> rawAlias)
        {
            var inputs = column.Inputs.Select(n => Ref(rawAlias[n])).ToList();
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

        /// <summary>A column computed by an inner layer.</summary>
        public string Ref(string alias) => "q." + dialect.Identifier(alias);

        public void From(string table, IReadOnlyList<(string Expression, string Alias)> columns) =>
            current = "SELECT\n" + List(columns) + "\nFROM " + table;

        public void Add(IReadOnlyList<(string Expression, string Alias)> columns)
        {
            current = "SELECT q.*,\n" + List(columns) + "\nFROM (\n" + Indent(current) + "\n) AS q";
        }

        public string Final(IReadOnlyList<(string Expression, string Alias)> columns) =>
            "SELECT\n" + List(columns) + "\nFROM (\n" + Indent(current) + "\n) AS q\n";

        private string List(IReadOnlyList<(string Expression, string Alias)> columns) =>
            string.Join(",\n", columns.Select(c => "  " + c.Expression + " AS " + dialect.Identifier(c.Alias)));

        private static string Indent(string sql) => string.Join("\n", sql.Split('\n').Select(l => "  " + l));
    }
}
