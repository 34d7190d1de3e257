using System.Globalization;
using System.Text;
using Churn.Algorithms.Linear;
using Churn.Algorithms.Preprocessing;
using Churn.Experiments.Data;
using Churn.Experiments.Modeling;

namespace Churn.Experiments.Sql;

/// <summary>What to learn from a SQL table: the options of `train` on a CSV.</summary>
public sealed record SqlTrainingRequest(string Label, string Positive, IReadOnlyList<string> Exclude, IReadOnlyList<string>? Features, int MaxCategories = 50);

/// <summary>
/// <see cref="ChurnTrainer"/>'s fit with the rows left in the engine (MADlib's way): each step is one
/// aggregate query (counts, medians, category lists, correlations, means and variances, and per Newton
/// evaluation the loss, gradient and Hessian sums); C# solves the small system with the project's
/// <see cref="NewtonSolver"/>. Same pipeline, same collinearity rule, same objective, so the coefficients
/// equal the in-memory fit's up to the order of floating-point additions.
/// </summary>
public static class SqlChurnTrainer
{
    public static TrainingResult Train(SqlTable table, SqlTrainingRequest request, ChurnTrainingOptions options, string codeVersion,
        IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options.Validate();
        if (options.Segments > 0 || options.CrossValidationFolds > 0)
            throw new ArgumentException("--segments and --cv are not available with --source yet; train on --data, or segment with `churn segment --source`.");
        if (options.Solver != LogisticSolver.Newton || options.ClassWeight != ClassWeighting.None)
            throw new ArgumentException("with --source, training uses Newton without class weights (one aggregate query per step); drop --solver/--balanced.");
        var d = table.Dialect;
        var chosen = SqlFeatureColumns.Choose(table, table.Columns(), request.Label, request.Positive, request.Exclude, request.Features);
        var warnings = new List<string>(chosen.Warnings);

        progress?.Report("counting rows, labels and medians in " + table.Name);
        var stats = Statistics(table, chosen);
        var categorical = Categories(table, chosen.Text, request.MaxCategories, warnings);
        var (numeric, dropped) = ChurnTrainer.DropLaterOfPairs(chosen.Numeric, Correlations(table, chosen.Numeric, stats, options.CollinearityThreshold), warnings);
        var pipeline = new FeaturePipeline(numeric.Select(n => stats.Numeric[n]).ToList(), categorical);
        if (pipeline.EncodedCount == 0) throw new ChurnDataException(table.Name + ": no feature column is left to train on.");

        var (q, _) = ScoringSql.Encoded(pipeline, null, d, table.From, [(chosen.LabelExpression, "y_0")]);
        var columns = Enumerable.Range(0, pipeline.EncodedCount).Select(j => q.Ref(ScoringSql.X(j))).ToList();
        progress?.Report("means and variances of " + columns.Count + " model columns");
        var moments = table.Query(q.Final(columns.SelectMany(c => new[] { ("AVG(" + c + ")", "m"), ("VAR_POP(" + c + ")", "v") })
            .Select((t, i) => (t.Item1, t.Item2 + i.ToString(CultureInfo.InvariantCulture))).ToList()))[0];
        var means = new double[columns.Count];
        var scales = new double[columns.Count];
        for (var j = 0; j < columns.Count; j++)
        {
            means[j] = SqlEngine.Number(moments[2 * j]);
            scales[j] = StandardScaler.ScaleFor(stats.Rows, means[j], SqlEngine.Number(moments[2 * j + 1]));
        }
        var scaler = StandardScalerModel.FromParameters(means, scales);

        var regression = new LogisticRegression(new LogisticRegressionOptions
        {
            Penalty = options.Penalty, C = options.C, Solver = LogisticSolver.Newton, MaxIterations = options.MaxIterations, Tolerance = options.Tolerance,
        });
        var lambda = options.Penalty == Penalty.L2 ? 1.0 / options.C : 0.0;
        var objective = new SummedLogisticObjective(columns.Count, lambda, theta =>
        {
            progress?.Report("Newton: gradient and Hessian sums");
            return LogisticAggregateSql.Sums(table, q, columns, means, scales, theta);
        });
        var classifier = regression.FitSummed(objective, unweighted: true);
        warnings.AddRange(classifier.Warnings);

        var metrics = LogisticAggregateSql.Metrics(table, q, columns, scaler, classifier, options.Threshold, stats.Rows, stats.Positives);
        metrics["log_likelihood"] = classifier.LogLikelihood;
        var info = new TrainingInfo(
            table.Engine.Description, table.File is null ? "" : Provenance.Sha256(table.File), checked((int)stats.Rows), checked((int)stats.Positives),
            request.Label, request.Positive, options.Seed, options.Penalty.ToString(), options.Penalty == Penalty.L2 ? options.C : 0, "Newton (SQL aggregates)",
            classifier.Converged, classifier.Iterations, classifier.StopReason, codeVersion,
            DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), warnings.ToArray(), []);
        var model = new ChurnModel(pipeline, null, scaler, classifier, options.Threshold, info, metrics);
        return new TrainingResult(model, null, dropped, warnings);
    }

    private sealed record TableStatistics(long Rows, long Positives, IReadOnlyDictionary<string, NumericFeature> Numeric);

    /// <summary>Rows, label counts and per numeric column count, minimum, maximum and median: one query.</summary>
    private static TableStatistics Statistics(SqlTable table, SqlFeatureColumns chosen)
    {
        var d = table.Dialect;
        var sql = new StringBuilder("SELECT COUNT(*), COUNT(" + chosen.LabelExpression + "), SUM(" + chosen.LabelExpression + ")");
        foreach (var name in chosen.Numeric)
        {
            var x = d.CastDouble(d.Identifier(name));
            sql.Append(", COUNT(").Append(x).Append("), MIN(").Append(x).Append("), MAX(").Append(x).Append("), ").Append(d.Median(x));
        }
        sql.Append(" FROM ").Append(table.From);
        var row = table.Query(sql.ToString())[0];
        var rows = (long)SqlEngine.Number(row[0]);
        var labelled = (long)SqlEngine.Number(row[1]);
        var positives = (long)SqlEngine.Number(row[2]);
        if (rows == 0) throw new ChurnDataException(table.Name + ": the table has no rows.");
        if (labelled < rows)
            throw new ChurnDataException(string.Format(CultureInfo.InvariantCulture, "{0}: the label is blank (NULL) in {1} of {2} rows; every row needs a label.", table.Name, rows - labelled, rows));
        if (positives == 0 || positives == rows)
            throw new ChurnDataException(string.Format(CultureInfo.InvariantCulture,
                "{0}: {1} of {2} rows have the positive label value; training needs both classes (check --positive).", table.Name, positives, rows));
        var numeric = new Dictionary<string, NumericFeature>(StringComparer.Ordinal);
        for (var j = 0; j < chosen.Numeric.Count; j++)
        {
            var name = chosen.Numeric[j];
            var count = (long)SqlEngine.Number(row[3 + 4 * j]);
            if (count == 0) throw new ChurnDataException(table.Name + ", column '" + name + "': every value is NULL; exclude the column.");
            numeric[name] = new NumericFeature(name, SqlEngine.Number(row[6 + 4 * j]), SqlEngine.Number(row[4 + 4 * j]), SqlEngine.Number(row[5 + 4 * j]));
        }
        return new TableStatistics(rows, positives, numeric);
    }

    /// <summary>Distinct trimmed values of each text column, through FeaturePipeline's category rule; columns above the cap are left out.</summary>
    private static List<CategoricalFeature> Categories(SqlTable table, IReadOnlyList<string> names, int maxCategories, List<string> warnings)
    {
        var d = table.Dialect;
        var result = new List<CategoricalFeature>();
        foreach (var name in names)
        {
            var values = table.Query("SELECT DISTINCT TRIM(" + d.CastText(d.Identifier(name)) + ") FROM " + table.From, name)
                .Select(r => r[0] as string).ToList();
            var feature = FeaturePipeline.CategoricalFrom(name, values, table.Name);
            if (feature.Categories.Count > maxCategories)
            {
                warnings.Add(string.Format(CultureInfo.InvariantCulture, "{0}, column '{1}': {2} categories, more than --max-categories {3}; left out.",
                    table.Name, name, feature.Categories.Count, maxCategories));
                continue;
            }
            result.Add(feature);
        }
        return result;
    }

    /// <summary>Pearson correlations of the median-imputed numeric columns (one query), as Collinearity's pairs at or above the threshold.</summary>
    private static List<CollinearPair> Correlations(SqlTable table, IReadOnlyList<string> names, TableStatistics stats, double threshold)
    {
        var pairs = new List<CollinearPair>();
        if (names.Count < 2) return pairs;
        var d = table.Dialect;
        string Imputed(string name) => "COALESCE(" + d.CastDouble(d.Identifier(name)) + ", " + SqlDialect.Number(stats.Numeric[name].Median) + ")";
        var terms = new List<(int, int)>();
        for (var j = 0; j < names.Count; j++)
            for (var k = j + 1; k < names.Count; k++) terms.Add((j, k));
        var row = table.Query("SELECT " + string.Join(", ", terms.Select(t => "CORR(" + Imputed(names[t.Item1]) + ", " + Imputed(names[t.Item2]) + ")")) + " FROM " + table.From)[0];
        for (var t = 0; t < terms.Count; t++)
        {
            var r = SqlEngine.Number(row[t]);
            if (double.IsFinite(r) && Math.Abs(r) >= threshold) pairs.Add(new CollinearPair(terms[t].Item1, terms[t].Item2, r));
        }
        return pairs;
    }
}
