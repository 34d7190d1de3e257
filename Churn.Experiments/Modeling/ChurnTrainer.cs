using Churn.Algorithms.Additive;
using Churn.Algorithms.Clustering;
using Churn.Algorithms.Metrics;
using Churn.Algorithms.Validation;

namespace Churn.Experiments.Modeling;

/// <summary>A labelled table ready for training: feature columns by kind, 0/1 labels and where they came from.</summary>
public sealed record TrainingData(
    ColumnTable Table,
    IReadOnlyList<string> NumericColumns,
    IReadOnlyList<string> CategoricalColumns,
    Vector<double> Labels,
    string LabelName,
    string PositiveValue,
    string SourceFile,
    string SourceSha256,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> IdColumns,
    RowDerivation? Derivation = null,
    IReadOnlyList<string>? MissingTokens = null)
{
    /// <summary>Rows labelled 1, counted over the label array (not Vector.Sum, an indexer call per row).</summary>
    public int Positives
    {
        get
        {
            var count = 0;
            foreach (var label in Labels.AsArray() ?? Labels.ToArray()) count += label == 1.0 ? 1 : 0;
            return count;
        }
    }
}

/// <summary>Options of <see cref="ChurnTrainer"/>; defaults follow scikit-learn where it has one.</summary>
public sealed record ChurnTrainingOptions
{
    /// <summary>The model family; <see cref="ModelKind.Linear"/> is today's dense logistic regression.</summary>
    public ModelKind Kind { get; init; } = ModelKind.Linear;

    /// <summary>Inverse L2 strength in scikit-learn's parametrisation; ignored when <see cref="Penalty"/> is None.</summary>
    public double C { get; init; } = 1.0;

    public Penalty Penalty { get; init; } = Penalty.L2;

    /// <summary>glmnet's alpha: the L1 share of an elastic-net penalty (1 for <see cref="Penalty.L1"/>).</summary>
    public double L1Ratio { get; init; } = 1.0;

    /// <summary>How the elastic-net lambda is chosen: lambda.min, lambda.1se (path CV) or a fixed value.</summary>
    public LambdaSelection Lambda { get; init; } = LambdaSelection.OneStandardError;

    /// <summary>What the path cross-validation optimises: binomial deviance (cv.glmnet's default) or AUC.</summary>
    public PathMeasure PathMeasure { get; init; } = PathMeasure.Deviance;

    /// <summary>Folds of the inner path cross-validation that chooses lambda (glmnet's default nfolds, 10).</summary>
    public int PathFolds { get; init; } = 10;

    /// <summary>Pairwise interactions kept by <see cref="ModelKind.AdditivePairs"/>: a count, or null for "auto" (chosen by CV).</summary>
    public int? Interactions { get; init; }

    public LogisticSolver Solver { get; init; } = LogisticSolver.Newton;

    public ClassWeighting ClassWeight { get; init; } = ClassWeighting.None;

    /// <summary>Newton converges in a handful of steps; the cap only matters for badly scaled data.</summary>
    public int MaxIterations { get; init; } = 100;

    public double Tolerance { get; init; } = 1e-8;

    /// <summary>Number of usage segments to fit and use as a feature (0 = none).</summary>
    public int Segments { get; init; }

    /// <summary>Numeric columns the segments are fitted on; empty = every numeric feature.</summary>
    public IReadOnlyList<string> SegmentFeatures { get; init; } = [];

    public int Seed { get; init; } = 42;

    /// <summary>Folds of stratified cross-validation run before the final fit (0 = none).</summary>
    public int CrossValidationFolds { get; init; }

    public double Threshold { get; init; } = 0.5;

    /// <summary>Numeric columns whose |correlation| with an earlier column reaches this are dropped (with a warning).</summary>
    public double CollinearityThreshold { get; init; } = 0.999;

    public void Validate()
    {
        if (Penalty == Penalty.L2) Algorithms.Guard.Positive(C, nameof(C));
        if (!Enum.IsDefined(Kind)) throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown model kind.");
        if (Kind == ModelKind.Linear && Penalty is Penalty.L1 or Penalty.ElasticNet)
            throw new ArgumentException("penalty " + Penalty + " fits a sparse model; use --model sparse.");
        if (Kind == ModelKind.Sparse && Penalty is not (Penalty.L1 or Penalty.ElasticNet))
            throw new ArgumentException("--model sparse takes --penalty l1 or elasticnet, not " + Penalty.ToString().ToLowerInvariant() + ".");
        if (Penalty == Penalty.L1 && L1Ratio != 1.0)
            throw new ArgumentException("--l1-ratio goes with --penalty elasticnet (l1 means --l1-ratio 1).");
        if (!(L1Ratio > 0 && L1Ratio <= 1))
            throw new ArgumentOutOfRangeException(nameof(L1Ratio), L1Ratio,
                "--l1-ratio=" + Algorithms.Guard.Describe(L1Ratio) + " must be > 0 and <= 1 (glmnet's alpha; 1 is the lasso).");
        Algorithms.Guard.AtLeast(PathFolds, 2, nameof(PathFolds));
        if (Kind is ModelKind.Additive or ModelKind.AdditivePairs && ClassWeight != ClassWeighting.None)
            throw new ArgumentException("--balanced is not available for the additive models (the smoothing CV scores unweighted log-loss).");
        if (Kind == ModelKind.Sparse && ClassWeight != ClassWeighting.None)
            throw new ArgumentException("--balanced is not available for --model sparse (the path CV scores unweighted deviance).");
        if (Interactions is < 0)
            throw new ArgumentOutOfRangeException(nameof(Interactions), Interactions, "--interactions must be auto or a count >= 0.");
        Algorithms.Guard.AtLeast(MaxIterations, 1, nameof(MaxIterations));
        Algorithms.Guard.Positive(Tolerance, nameof(Tolerance));
        Algorithms.Guard.AtLeast(Segments, 0, nameof(Segments));
        if (Segments == 1) throw new ArgumentOutOfRangeException(nameof(Segments), Segments, "Segments=1 must be 0 (none) or >= 2.");
        if (CrossValidationFolds is 1 or < 0)
            throw new ArgumentOutOfRangeException(nameof(CrossValidationFolds), CrossValidationFolds,
                "CrossValidationFolds=" + CrossValidationFolds.ToString(CultureInfo.InvariantCulture) + " must be 0 (none) or >= 2.");
        ChurnModel.CheckThreshold(Threshold);
        Algorithms.Guard.InOpenInterval(CollinearityThreshold, 0, 1.0000001, nameof(CollinearityThreshold));
    }
}

/// <summary>Cross-validated AUC: one value per fold, their mean and sample SD.</summary>
public sealed record CrossValidationResult(IReadOnlyList<double> FoldAucs)
{
    /// <summary>
    /// Churn probability of every row from the one fold model that did not train on it (input row order);
    /// empty when not recorded. Pooled over folds, so curves and bootstrap intervals can use all rows.
    /// </summary>
    public IReadOnlyList<double> OutOfFoldProbabilities { get; init; } = [];

    public double Mean => FoldAucs.Average();

    /// <summary>Sample standard deviation (n - 1) of the fold AUCs.</summary>
    public double StandardDeviation
    {
        get
        {
            if (FoldAucs.Count < 2) return 0;
            var mean = Mean;
            return Math.Sqrt(FoldAucs.Sum(a => (a - mean) * (a - mean)) / (FoldAucs.Count - 1));
        }
    }
}

/// <summary>What training produced: the model, its cross-validation and what was dropped on the way.</summary>
public sealed record TrainingResult(ChurnModel Model, CrossValidationResult? CrossValidation, IReadOnlyList<string> DroppedColumns, IReadOnlyList<string> Warnings)
{
    /// <summary>Sparse models: the final fit's lambda path and its cross-validation (null for other kinds).</summary>
    public SparseSelection? Path { get; init; }
}

/// <summary>
/// Fits a <see cref="ChurnModel"/>: collinear numeric columns are dropped first (and named),
/// then imputation/encoding, optional KMeans segments, standard scaling and logistic regression are
/// fitted on the training rows only. Cross-validation refits the whole chain inside every fold so
/// no fold sees statistics of its test rows.
/// </summary>
public static class ChurnTrainer
{
    public static TrainingResult Train(TrainingData data, ChurnTrainingOptions options, string codeVersion, IProgress<string>? progress = null)
    {
        options.Validate();
        var warnings = new List<string>(data.Warnings);
        progress?.Report("checking the numeric columns for collinearity");
        var (numeric, dropped) = DropCollinear(data, options.CollinearityThreshold, warnings);
        var usable = data with { NumericColumns = numeric };

        CrossValidationResult? cv = null;
        if (options.CrossValidationFolds >= 2)
        {
            var positives = data.Positives;
            var minority = Math.Min(positives, data.Labels.Count - positives);
            if (minority < options.CrossValidationFolds)
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "{0}-fold cross-validation needs at least {0} rows of each class, but '{1}' has only {2} rows of its smaller class; use fewer folds.",
                    options.CrossValidationFolds, data.LabelName, minority));
            var folds = StratifiedKFold.Split(data.Labels, options.CrossValidationFolds, options.Seed);
            var aucs = new double[folds.Count];
            var outOfFold = new double[data.Table.RowCount];
            for (var f = 0; f < folds.Count; f++)
            {
                progress?.Report(string.Format(CultureInfo.InvariantCulture, "cross-validation fold {0}/{1}", f + 1, folds.Count));
                var train = Subset(usable, folds[f].Train);
                var test = usable.Table.SelectRows(folds[f].Test);
                var (model, _) = Fit(train, options, codeVersion, [], []);
                var probabilities = model.PredictProbabilities(test, out _);
                for (var i = 0; i < folds[f].Test.Length; i++) outOfFold[folds[f].Test[i]] = probabilities[i];
                aucs[f] = RocAuc.Compute(SubsetLabels(data.Labels, folds[f].Test), probabilities);
            }
            cv = new CrossValidationResult(aucs) { OutOfFoldProbabilities = outOfFold };
        }

        progress?.Report("fitting the final model on all rows");
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (cv is not null)
        {
            metrics["cv_auc_mean"] = cv.Mean;
            metrics["cv_auc_sd"] = cv.StandardDeviation;
            metrics["cv_folds"] = cv.FoldAucs.Count;
        }
        var calibration = cv is null ? null
            : CalibrationInfo.FromOutOfFold(data.Labels, Vector<double>.Build.DenseOfArray(cv.OutOfFoldProbabilities.ToArray()), cv.FoldAucs.Count);
        var (final, path) = Fit(usable, options, codeVersion, warnings, metrics, calibration, progress);
        return new TrainingResult(final, cv, dropped, final.Training.Warnings) { Path = path };
    }

    private static (ChurnModel Model, SparseSelection? Path) Fit(TrainingData data, ChurnTrainingOptions options, string codeVersion,
        List<string> warnings, Dictionary<string, double> metrics, CalibrationInfo? calibration = null, IProgress<string>? progress = null)
    {
        var pipeline = FeaturePipeline.Fit(data.Table, data.NumericColumns, data.CategoricalColumns);
        pipeline.EnsureDesignFits(data.Table.RowCount, Math.Max(0, options.Segments - 1));
        var encoded = pipeline.Transform(data.Table);
        if (encoded.ColumnCount == 0)
            throw new ArgumentException("No feature columns are left to train on.");
        EnsureScalable(encoded, pipeline.EncodedNames);
        progress?.Report("encoded " + encoded.ColumnCount.ToString(CultureInfo.InvariantCulture) + " model columns; fitting");

        SegmentModel? segments = null;
        if (options.Segments >= 2)
        {
            var names = options.SegmentFeatures.Count > 0 ? options.SegmentFeatures : pipeline.Numeric.Select(n => n.Name).ToList();
            if (names.Count == 0) throw new ArgumentException("Segments need at least one numeric feature.");
            if (encoded.RowCount < options.Segments)
                throw new ArgumentOutOfRangeException(nameof(options.Segments), options.Segments, string.Create(CultureInfo.InvariantCulture,
                    $"Segments={options.Segments} asks for more segments than the {encoded.RowCount} training rows; use at most {encoded.RowCount}."));
            var columns = names.Select(n => ChurnModel.IndexOfNumeric(pipeline, n)).ToArray();
            var inputs = Matrix<double>.Build.Dense(encoded.RowCount, columns.Length, (i, j) => encoded[i, columns[j]]);
            var scaler = StandardScaler.Fit(inputs);
            var clusters = new KMeans(new KMeansOptions { NumberOfClusters = options.Segments, Seed = options.Seed })
                .Fit(scaler.Transform(inputs));
            warnings.AddRange(clusters.Warnings);
            segments = new SegmentModel(names, scaler, clusters, SegmentModel.NamesFor(clusters.Centers, names));
            encoded = ChurnModel.AppendSegmentIndicators(encoded, clusters.Labels.ToArray(), options.Segments);
        }

        StandardScalerModel modelScaler;
        Matrix<double> x;
        SparseSelection? path = null;
        AdditiveFit? additive = null;
        LogisticRegressionModel classifier;
        if (options.Kind is ModelKind.Additive or ModelKind.AdditivePairs)
        {
            additive = AdditiveSelection.Fit(pipeline, segments, encoded, data.Labels, options);
            warnings.AddRange(additive.Warnings);
            modelScaler = additive.Scaler;
            x = modelScaler.Transform(additive.Basis.Expand(encoded));
            classifier = additive.ToLogisticModel();
        }
        else
        {
            modelScaler = StandardScaler.Fit(encoded);
            modelScaler.TransformInPlace(encoded); // encoded is not used again: one design matrix, not two
            x = encoded;
            if (options.Kind == ModelKind.Sparse)
            {
                path = SparseSelection.Fit(x, data.Labels, options);
                classifier = path.Model;
            }
            else
                classifier = new LogisticRegression(new LogisticRegressionOptions
                {
                    Penalty = options.Penalty,
                    C = options.C,
                    Solver = options.Solver,
                    ClassWeight = options.ClassWeight,
                    MaxIterations = options.MaxIterations,
                    Tolerance = options.Tolerance,
                }).Fit(x, data.Labels);
        }
        warnings.AddRange(classifier.FitWarnings);
        if (additive is null && path is null)
        {
            var columnNames = pipeline.EncodedNames.Concat(Enumerable.Range(1, Math.Max(0, options.Segments - 1))
                .Select(k => "segment=" + k.ToString(CultureInfo.InvariantCulture))).ToList();
            warnings.AddRange(CollinearityWarnings.Describe(classifier, columnNames, options.Penalty, options.C));
        }

        progress?.Report("fitted in " + classifier.Iterations.ToString(CultureInfo.InvariantCulture) + " iterations; training metrics");
        var probabilities = classifier.PredictProbabilities(x);
        var report = ClassificationReport.Compute(data.Labels, probabilities, options.Threshold);
        metrics["train_auc"] = report.Auc;
        metrics["train_accuracy"] = report.Accuracy;
        metrics["train_log_loss"] = report.LogLoss;
        metrics["train_brier"] = report.Brier;
        metrics["log_likelihood"] = classifier.LogLikelihood;

        var positives = data.Positives;
        var info = new TrainingInfo(
            data.SourceFile, data.SourceSha256, data.Table.RowCount, positives, data.LabelName, data.PositiveValue,
            options.Seed, additive is null ? options.Penalty.ToString() : "P-spline", additive is null && options.Penalty == Penalty.L2 ? options.C : 0,
            additive is null ? options.Solver.ToString() : "Newton",
            classifier.Converged, classifier.Iterations, classifier.StopReason, codeVersion,
            DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), warnings.ToArray(), data.IdColumns,
            options.Kind.Name(), path?.Lambda ?? additive?.Smoothing, path is null ? null : options.L1Ratio,
            data.MissingTokens is { Count: > 0 } tokens ? tokens : null);
        return (new ChurnModel(pipeline, segments, modelScaler, classifier, options.Threshold, info, metrics, null, data.Derivation,
            calibration, additive?.Basis, additive?.Shapes), path);
    }

    /// <summary>
    /// Values so large that their squares overflow would make a column's variance infinite, and the
    /// scaler would silently leave it unscaled; refuse them, naming the column and value (train and segment).
    /// </summary>
    internal static void EnsureScalable(Matrix<double> encoded, IReadOnlyList<string> names)
    {
        const double limit = 1e150;
        var storage = encoded.AsColumnMajorArray() ?? encoded.ToColumnMajorArray(); // no per-column copies
        var n = encoded.RowCount;
        var worstOf = new int[encoded.ColumnCount];
        // A column per task; the first bad column in order is the one named.
        Parallel.For(0, worstOf.Length, j => worstOf[j] = IndexOfLargest(storage.AsSpan(j * n, n)));
        for (var j = 0; j < encoded.ColumnCount; j++)
        {
            var column = storage.AsSpan(j * n, n);
            var worst = worstOf[j];
            if (n > 0 && Math.Abs(column[worst]) > limit)
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "column '{0}' holds {1}, too large to standardise (|value| must stay below {2:E0}); rescale or exclude it.",
                    names[j], column[worst].ToString("R", CultureInfo.InvariantCulture), limit));
        }
    }

    /// <summary>The first index of the largest |value| (0 for an empty span).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static int IndexOfLargest(ReadOnlySpan<double> column)
    {
        var worst = 0;
        for (var i = 1; i < column.Length; i++)
            if (Math.Abs(column[i]) > Math.Abs(column[worst])) worst = i;
        return worst;
    }

    /// <summary>Drops the later column of every numeric pair whose |r| reaches the threshold, naming both.</summary>
    private static (IReadOnlyList<string> Kept, IReadOnlyList<string> Dropped) DropCollinear(TrainingData data, double threshold, List<string> warnings)
    {
        var names = data.NumericColumns;
        if (names.Count < 2) return (names, []);
        // The table's own arrays, read in place; only a column with missing values is copied (median-imputed).
        var columns = names.Select(name => data.Table.Numeric(name).Values).ToArray();
        Parallel.For(0, columns.Length, j => // a column per task: the same copies whatever the thread count
        {
            var values = columns[j];
            var missing = false;
            foreach (var v in values) missing |= double.IsNaN(v);
            if (!missing) return;
            var median = MedianImputer.ColumnMedian(values, new double[values.Length], out _);
            columns[j] = Array.ConvertAll(values, v => double.IsNaN(v) ? median : v);
        });
        return DropLaterOfPairs(names, Collinearity.Detect(columns, threshold), warnings);
    }

    /// <summary>The rule of <see cref="DropCollinear"/> on given pairs (e.g. correlations computed by a SQL engine).</summary>
    internal static (IReadOnlyList<string> Kept, IReadOnlyList<string> Dropped) DropLaterOfPairs(IReadOnlyList<string> names,
        IEnumerable<CollinearPair> pairs, List<string> warnings)
    {
        var dropped = new SortedSet<int>();
        foreach (var pair in pairs)
        {
            if (dropped.Contains(pair.First) || dropped.Contains(pair.Second)) continue;
            dropped.Add(pair.Second);
            warnings.Add(string.Format(CultureInfo.InvariantCulture,
                "Dropped '{0}': correlation {1:F4} with '{2}' (near-collinear columns make coefficients unstable and their standard errors meaningless).",
                names[pair.Second], pair.Correlation, names[pair.First]));
        }
        var kept = names.Where((_, j) => !dropped.Contains(j)).ToList();
        return (kept, dropped.Select(j => names[j]).ToList());
    }

    private static TrainingData Subset(TrainingData data, int[] rows) =>
        data with { Table = data.Table.SelectRows(rows), Labels = SubsetLabels(data.Labels, rows) };

    private static Vector<double> SubsetLabels(Vector<double> y, int[] rows) =>
        Vector<double>.Build.Dense(rows.Length, i => y[rows[i]]);
}
