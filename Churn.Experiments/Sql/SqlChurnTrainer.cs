using Churn.Algorithms.Clustering;

namespace Churn.Experiments.Sql;

/// <summary>
/// What to learn from a SQL table: the options of `train` on a CSV. <paramref name="IdColumn"/> is the
/// integer row key that cross-validation folds hash (null: the row's position); it is never a feature.
/// </summary>
public sealed record SqlTrainingRequest(string Label, string Positive, IReadOnlyList<string> Exclude, IReadOnlyList<string>? Features, int MaxCategories = 50,
    string? IdColumn = null);

/// <summary>
/// <see cref="ChurnTrainer"/>'s fit with the rows left in the engine (MADlib's way): each step is one
/// aggregate query per shard (counts, medians, category lists, correlations, means and variances, and
/// per Newton evaluation the loss, gradient and Hessian sums), merged in C#; C# solves the small system
/// with the project's <see cref="NewtonSolver"/>. Same pipeline, same collinearity rule, same objective
/// (class weights with --balanced, KMeans segments with --segments), so the coefficients equal the
/// in-memory fit's up to the order of floating-point additions. --cv refits the whole chain on each
/// fold's training rows (<see cref="SqlFolds"/>) and scores the held-out rows in the engine.
/// </summary>
public static class SqlChurnTrainer
{
    public static TrainingResult Train(SqlTable table, SqlTrainingRequest request, ChurnTrainingOptions options, string codeVersion,
        IProgress<string>? progress = null) => Train(SqlSource.Of(table), request, options, codeVersion, progress);

    public static TrainingResult Train(SqlSource source, SqlTrainingRequest request, ChurnTrainingOptions options, string codeVersion,
        IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(request);
        options.Validate();
        if (options.Kind is not (ModelKind.Linear or ModelKind.Sparse))
            throw new ArgumentException("--source trains the linear and sparse models only; --model " + options.Kind.Name() + " needs --data FILE.");
        if (options.Kind == ModelKind.Linear && options.Solver != LogisticSolver.Newton)
            throw new ArgumentException("with --source, training uses Newton (one aggregate query per step); drop --solver lbfgs.");
        var columns = source.Columns();
        var exclude = request.Exclude.ToList();
        if (request.IdColumn is { } id)
        {
            var type = columns.FirstOrDefault(c => c.Name == id).Type;
            if (type is null)
                throw new ChurnDataException(source.Name + ": no column '" + id + "' (--id); its columns are: " + string.Join(", ", columns.Select(c => c.Name)) + ".");
            if (type != typeof(long) && type != typeof(int) && type != typeof(short))
                throw new ChurnDataException(source.Name + ", column '" + id + "': type " + type.Name + "; the --id row key must be an integer column.");
            if (!exclude.Contains(id)) exclude.Add(id);
        }
        var chosen = SqlFeatureColumns.Choose(source.Shards[0], columns, request.Label, request.Positive, exclude, request.Features);
        var warnings = new List<string>(chosen.Warnings);
        var labelIsNumeric = SqlFeatureColumns.IsNumeric(columns.First(c => c.Name == request.Label).Type);
        SqlStatistics.RefuseNonFinite(source, labelIsNumeric ? [.. chosen.Numeric, request.Label] : chosen.Numeric,
            "training through an engine takes finite numbers only (leave the column out with --exclude, or fill or filter the rows with --query).");
        RequireTwoLabelValues(source, columns, request);
        // Constant and identifier-like columns leave as they do from a CSV file (a requested feature list is taken as given).
        var identifiers = new List<string>();
        if (request.Features is null)
        {
            var left = SqlStatistics.AutomaticExclusions(source, chosen,
                new LabelledCsvOptions { LabelColumn = request.Label, PositiveValue = request.Positive });
            foreach (var e in left) warnings.Add(source.Name + ", column '" + e.Column + "' excluded: " + e.Reason + ".");
            identifiers.AddRange(left.Where(e => e.Kind == ExclusionKind.Identifier).Select(e => e.Column));
            var names = left.Select(e => e.Column).ToHashSet(StringComparer.Ordinal);
            chosen = chosen with { Numeric = chosen.Numeric.Where(n => !names.Contains(n)).ToList(), Text = chosen.Text.Where(n => !names.Contains(n)).ToList() };
            if (chosen.Numeric.Count + chosen.Text.Count == 0)
                throw new ChurnDataException(source.Name + ": no feature column left: " + string.Join("; ", left.Select(e => "'" + e.Column + "' " + e.Reason)) + ".");
        }

        CrossValidationResult? cv = null;
        if (options.CrossValidationFolds >= 2)
            cv = CrossValidate(source, columns.Select(c => c.Name).ToList(), chosen, request, options, progress);

        progress?.Report("fitting the final model on all rows");
        var fit = Fit(source, chosen, request, options, warnings, progress, columns.Select(c => c.Name).ToList());
        var metrics = fit.Metrics;
        if (cv is not null)
        {
            metrics["cv_auc_mean"] = cv.Mean;
            metrics["cv_auc_sd"] = cv.StandardDeviation;
            metrics["cv_folds"] = cv.FoldAucs.Count;
        }
        var solver = (fit.Path is null ? "Newton" : "coordinate descent on weighted Gram") + " (SQL aggregates" + (source.Shards.Count > 1 ? ", " + source.Shards.Count.ToString(CultureInfo.InvariantCulture) + " shards merged" : "") + ")";
        var info = new TrainingInfo(
            source.Description, source.Sha256, checked((int)fit.Stats.Rows), checked((int)fit.Stats.Positives),
            request.Label, request.Positive, options.Seed, options.Penalty.ToString(), options.Penalty == Penalty.L2 ? options.C : 0, solver,
            fit.Classifier.Converged, fit.Classifier.Iterations, fit.Classifier.StopReason, codeVersion,
            DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), warnings.ToArray(), identifiers,
            options.Kind.Name(), fit.Path?.Lambda, fit.Path is null ? null : options.L1Ratio);
        var model = new ChurnModel(fit.Pipeline, fit.Segments, fit.Scaler, fit.Classifier, options.Threshold, info, metrics);
        return new TrainingResult(model, cv, fit.Dropped, warnings) { Path = fit.Path };
    }

    private sealed record Fitted(FeaturePipeline Pipeline, SegmentModel? Segments, StandardScalerModel Scaler, LogisticRegressionModel Classifier,
        Dictionary<string, double> Metrics, IReadOnlyList<string> Dropped, TableStatistics Stats, LogisticAggregateSql.Encoding Encoding,
        SparseSelection? Path = null);

    /// <summary>
    /// A label with more than two distinct values is refused (exit 2) naming the source, column and values:
    /// in a warehouse table a third value is a data problem to filter with --query, not a class to guess.
    /// (The CSV path keeps its one-vs-rest warning.)
    /// </summary>
    private static void RequireTwoLabelValues(SqlSource source, IReadOnlyList<(string Name, Type Type)> columns, SqlTrainingRequest request)
    {
        const int listed = 20;
        var d = source.Dialect;
        var label = d.Identifier(request.Label);
        var value = SqlFeatureColumns.IsNumeric(columns.First(c => c.Name == request.Label).Type) ? d.CastText(d.CastDouble(label)) : "LOWER(TRIM(" + d.CastText(label) + "))";
        var distinct = source.Each(t => "SELECT DISTINCT " + value + " FROM " + t.From + " WHERE " + label + " IS NOT NULL ORDER BY 1 LIMIT " + (listed + 1).ToString(CultureInfo.InvariantCulture), request.Label)
            .SelectMany(rows => rows.Select(r => Convert.ToString(r[0], CultureInfo.InvariantCulture) ?? "")).Distinct().Order(StringComparer.Ordinal).ToList();
        // One value: refused here, before the columns are judged (a one-row table's columns are all constant).
        if (distinct.Count == 1)
            throw new ChurnDataException(string.Format(CultureInfo.InvariantCulture,
                "{0}: every row has the label value '{1}' in '{2}'; training needs both classes (check --positive '{3}').",
                source.Name, distinct[0], request.Label, request.Positive));
        if (distinct.Count <= 2) return;
        throw new ChurnDataException(string.Format(CultureInfo.InvariantCulture,
            "{0}: label column '{1}' has {2} distinct values ({3}); it must hold two, '{4}' (--positive) and one other. Filter the rows with --query or fix the column.",
            source.Name, request.Label, distinct.Count > listed ? "more than " + listed.ToString(CultureInfo.InvariantCulture) : distinct.Count.ToString(CultureInfo.InvariantCulture),
            string.Join(", ", distinct.Take(listed).Select(v => "'" + v + "'")), request.Positive));
    }

    /// <summary>The whole chain on the rows of <paramref name="source"/>: statistics, pipeline, segments, scaler, Newton.</summary>
    private static Fitted Fit(SqlSource source, SqlFeatureColumns chosen, SqlTrainingRequest request, ChurnTrainingOptions options,
        List<string> warnings, IProgress<string>? progress, IReadOnlyList<string> tableColumns)
    {
        var d = source.Dialect;
        progress?.Report("counting rows, labels and medians in " + source.Name);
        var stats = SqlStatistics.Describe(source, chosen);
        var categorical = SqlStatistics.Categories(source, chosen.Text, request.MaxCategories, warnings);
        var (numeric, dropped) = ChurnTrainer.DropLaterOfPairs(chosen.Numeric,
            SqlStatistics.Correlations(source, chosen.Numeric, stats, options.CollinearityThreshold), warnings);
        var pipeline = new FeaturePipeline(numeric.Select(n => stats.Numeric[n]).ToList(), categorical);
        if (pipeline.EncodedCount == 0) throw new ChurnDataException(source.Name + ": no feature column is left to train on.");

        SegmentModel? segments = null;
        if (options.Segments >= 2)
        {
            var names = options.SegmentFeatures.Count > 0 ? options.SegmentFeatures : pipeline.Numeric.Select(n => n.Name).ToList();
            if (names.Count == 0) throw new ArgumentException("Segments need at least one numeric feature.");
            foreach (var name in names) ChurnModel.IndexOfNumeric(pipeline, name);
            var clusters = SqlKMeans.Fit(source, names, new KMeansOptions { NumberOfClusters = options.Segments, Seed = options.Seed }, progress);
            warnings.AddRange(clusters.Warnings);
            segments = new SegmentModel(names, clusters.Scaler, KMeansModel.FromCenters(clusters.Centers), SegmentModel.NamesFor(clusters.Centers, names));
        }
        LogisticAggregateSql.Encoding encoding = table => Encode(table, pipeline, segments, chosen.LabelExpression);

        var modelColumns = encoding(source.Shards[0]).Columns;
        var width = modelColumns.Count;
        progress?.Report("means and variances of " + width.ToString(CultureInfo.InvariantCulture) + " model columns");
        var (means, variances) = SqlStatistics.Moments(source, t => encoding(t).Layers, modelColumns);
        var scales = Enumerable.Range(0, width).Select(j => StandardScaler.ScaleFor(stats.Rows, means[j], variances[j])).ToArray();
        var scaler = StandardScalerModel.FromParameters(means, scales);

        if (options.Kind == ModelKind.Sparse)
        {
            var selection = SqlElasticNet.Select(source, encoding, means, scales, variances, stats.Rows, stats.Positives, options,
                new SqlElasticNet.Folding(tableColumns, request.IdColumn, chosen.LabelExpression), progress);
            var sparse = selection.Model;
            var sparseMetrics = LogisticAggregateSql.Metrics(source, encoding, scaler, sparse, options.Threshold, stats.Rows, stats.Positives);
            sparseMetrics["log_likelihood"] = sparse.LogLikelihood;
            return new Fitted(pipeline, segments, scaler, sparse, sparseMetrics, dropped, stats, encoding, selection);
        }
        var regression = new LogisticRegression(new LogisticRegressionOptions
        {
            Penalty = options.Penalty, C = options.C, Solver = LogisticSolver.Newton, MaxIterations = options.MaxIterations, Tolerance = options.Tolerance,
        });
        var lambda = options.Penalty == Penalty.L2 ? 1.0 / options.C : 0.0;
        // scikit-learn's 'balanced': n / (2 n_class), the weight of each row of that class.
        (double, double)? classWeights = options.ClassWeight == ClassWeighting.Balanced
            ? (stats.Rows / (2.0 * stats.Positives), stats.Rows / (2.0 * (stats.Rows - stats.Positives)))
            : null;
        var objective = new SummedLogisticObjective(width, lambda, theta =>
        {
            progress?.Report("Newton: gradient and Hessian sums");
            return LogisticAggregateSql.Sums(source, encoding, means, scales, theta, classWeights);
        });
        var classifier = regression.FitSummed(objective, unweighted: classWeights is null);
        warnings.AddRange(classifier.Warnings);

        var metrics = LogisticAggregateSql.Metrics(source, encoding, scaler, classifier, options.Threshold, stats.Rows, stats.Positives);
        // The unweighted log-likelihood, also for a class-weighted fit (as ChurnTrainer records it).
        metrics["log_likelihood"] = classWeights is null ? classifier.LogLikelihood : -metrics["train_log_loss"] * stats.Rows;
        return new Fitted(pipeline, segments, scaler, classifier, metrics, dropped, stats, encoding);
    }

    /// <summary>Encoded columns of FeaturePipeline, then the segment indicators (segments 1..k-1) from the nearest centre, as ScoringSql scores them.</summary>
    private static (ScoringSql.Layers, IReadOnlyList<string>) Encode(SqlTable table, FeaturePipeline pipeline, SegmentModel? segments, string label)
    {
        var (q, _) = ScoringSql.Encoded(pipeline, null, table.Dialect, table.From, [(label, "y_0")]);
        var columns = Enumerable.Range(0, pipeline.EncodedCount).Select(j => q.Ref(ScoringSql.X(j))).ToList();
        if (segments is null) return (q, columns);
        var inputs = segments.FeatureNames.Select(n => q.Ref(ScoringSql.X(ChurnModel.IndexOfNumeric(pipeline, n)))).ToList();
        NearestCentreSql.Add(q, inputs, segments.Scaler.Means, segments.Scaler.Scales, segments.Clusters.Centers.ToRowArrays(), "g_0");
        for (var k = 1; k < segments.Count; k++)
            columns.Add("CASE WHEN " + q.Ref("g_0") + " = " + k.ToString(CultureInfo.InvariantCulture) + " THEN " + SqlDialect.Number(1) + " ELSE " + SqlDialect.Number(0) + " END");
        return (q, columns);
    }

    /// <summary>
    /// Stratified K-fold AUC: for each fold, the whole chain refitted on the other folds' rows and the
    /// held-out rows scored in the engine (folds from <see cref="SqlFolds"/>).
    /// </summary>
    private static CrossValidationResult CrossValidate(SqlSource source, IReadOnlyList<string> columns, SqlFeatureColumns chosen, SqlTrainingRequest request,
        ChurnTrainingOptions options, IProgress<string>? progress)
    {
        var k = options.CrossValidationFolds;
        var (rows, positives) = source.LabelCounts(chosen.LabelExpression);
        var minority = Math.Min(positives, rows - positives);
        if (minority < k)
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "{0}-fold cross-validation needs at least {0} rows of each class, but '{1}' has only {2} rows of its smaller class in {3}; use fewer folds.",
                k, request.Label, minority, source.Name));
        var rowCounts = source.RowCounts();
        var aucs = new double[k];
        for (var f = 0; f < k; f++)
        {
            progress?.Report(string.Format(CultureInfo.InvariantCulture, "cross-validation fold {0}/{1}", f + 1, k));
            using var train = SqlFolds.Select(source, columns, request.IdColumn, rowCounts, chosen.LabelExpression, k, options.Seed, f, heldOut: false);
            using var test = SqlFolds.Select(source, columns, request.IdColumn, rowCounts, chosen.LabelExpression, k, options.Seed, f, heldOut: true);
            var fit = Fit(train, chosen, request, options, [], null, columns);
            var (heldRows, heldPositives) = test.LabelCounts(chosen.LabelExpression);
            aucs[f] = LogisticAggregateSql.Auc(test, fit.Encoding, fit.Scaler, fit.Classifier, heldRows, heldPositives);
        }
        return new CrossValidationResult(aucs);
    }
}
