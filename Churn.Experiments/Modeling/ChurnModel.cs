using Churn.Algorithms.Additive;

namespace Churn.Experiments.Modeling;

/// <summary>
/// A fitted churn model: feature pipeline (impute, encode) -> optional usage segment (one-hot,
/// segment 0 the reference) -> standard scaling -> logistic regression -> threshold.
/// Immutable; the one type that `train` writes, and `predict`, `serve`, the experiments and the
/// notebooks load, so every prediction is computed by the same code.
/// </summary>
public sealed partial class ChurnModel
{
    /// <summary>
    /// The one check of a decision threshold, wherever it comes from (train --threshold, evaluate --threshold,
    /// a model file): a probability strictly between 0 and 1, or one message saying so.
    /// </summary>
    public static void CheckThreshold(double threshold) => Algorithms.Guard.InOpenInterval(threshold, 0, 1, "threshold");

    public ChurnModel(
        FeaturePipeline features,
        SegmentModel? segments,
        StandardScalerModel scaler,
        LogisticRegressionModel classifier,
        double threshold,
        TrainingInfo training,
        IReadOnlyDictionary<string, double> metrics,
        IReadOnlyList<CoefficientRow>? coefficients = null,
        RowDerivation? derivation = null,
        CalibrationInfo? calibration = null,
        AdditiveBasis? basis = null,
        IReadOnlyList<TermShape>? shapes = null)
    {
        Basis = basis;
        Shapes = shapes ?? [];
        Derivation = derivation;
        Calibration = calibration;
        Features = features;
        Segments = segments;
        Scaler = scaler;
        Classifier = classifier;
        Threshold = threshold;
        Training = training;
        Metrics = new Dictionary<string, double>(metrics, StringComparer.Ordinal);
        var names = features.EncodedNames.ToList();
        var sources = features.EncodedSource.ToList();
        if (segments is not null)
            for (var k = 1; k < segments.Count; k++)
            {
                names.Add("segment=" + k.ToString(CultureInfo.InvariantCulture));
                sources.Add("segment");
            }
        InputCount = names.Count;
        if (basis is not null)
        {
            if (basis.InputCount != names.Count)
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "Model parts disagree: the basis reads {0} inputs, the features and segments give {1}.", basis.InputCount, names.Count));
            names = basis.ColumnNames.ToList();
            sources = basis.ColumnTerms.Select(t => basis.Terms[t].Name).ToList();
        }
        ColumnNames = names;
        ColumnSources = sources;
        if (scaler.FeatureCount != names.Count || classifier.FeatureCount != names.Count)
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Model parts disagree: {0} columns, scaler expects {1}, classifier expects {2}.",
                names.Count, scaler.FeatureCount, classifier.FeatureCount));
        CheckThreshold(threshold);
        numericByName = features.Numeric.ToDictionary(n => n.Name, StringComparer.Ordinal);
        means = scaler.Means.ToArray();
        scales = scaler.Scales.ToArray();
        segmentColumns = segments is null ? [] : segments.FeatureNames.Select(n => IndexOfNumeric(features, n)).ToArray();
        var table = coefficients?.ToArray() ?? BuildCoefficientTable();
        if (table.Length != names.Count + 1)
            throw new ArgumentException("The coefficient table needs the intercept and one row per model column.");
        Coefficients = CoefficientTable.Describe(table, this);
    }

    private readonly int[] segmentColumns;
    private readonly Dictionary<string, NumericFeature> numericByName;
    private readonly double[] means;
    private readonly double[] scales;

    /// <summary>Additive models: encoded features (and segment indicators) -> basis columns; null for linear and sparse models.</summary>
    public AdditiveBasis? Basis { get; }

    /// <summary>Additive models: each term's shape on its feature's scale, with its band, edf and importance (empty otherwise).</summary>
    public IReadOnlyList<TermShape> Shapes { get; }

    /// <summary>Width of the encoded row (features, then segment indicators) before any basis expansion.</summary>
    public int InputCount { get; }

    /// <summary>Features computed from raw columns when a file lacks them (null: every feature is a column).</summary>
    public RowDerivation? Derivation { get; }

    /// <summary>Reliability of the probabilities on held-out rows (null: trained without cross-validation).</summary>
    public CalibrationInfo? Calibration { get; }

    public FeaturePipeline Features { get; }

    public SegmentModel? Segments { get; }

    public StandardScalerModel Scaler { get; }

    public LogisticRegressionModel Classifier { get; }

    public double Threshold { get; }

    public TrainingInfo Training { get; }

    /// <summary>How a file this model scores is read: the cell texts training read as missing, and the caller's decimal mark.</summary>
    public CsvReadOptions ReadOptions(char? decimalSeparator = null) =>
        new() { MissingTokens = Training.MissingTokens ?? [], DecimalSeparator = decimalSeparator };

    public IReadOnlyDictionary<string, double> Metrics { get; }

    /// <summary>Training or cross-validated AUC above this is taken as a label that is a rule on the model's own inputs.</summary>
    public const double LeakyAuc = 0.999;

    /// <summary>
    /// Why this model's label cannot be trusted as real churn, or null: the seed-proxy recipe (its label
    /// is a threshold on two of the model's inputs) or a training / CV AUC above <see cref="LeakyAuc"/>.
    /// </summary>
    public string? LabelWarning
    {
        get
        {
            if (Derivation?.Recipe == TelecomRecipes.SeedProxyName)
                return "This model's label is a rule on its own inputs (seed proxy: total_mou < 5 AND total_data_usage < 5), "
                    + "so it re-learns that rule: its probabilities do not measure real churn risk. Train with the case-study recipe for an honest label.";
            var auc = new[] { "train_auc", "cv_auc_mean" }.Where(Metrics.ContainsKey).Select(k => (Key: k, Value: Metrics[k])).FirstOrDefault(m => m.Value > LeakyAuc);
            return auc.Key is null ? null : string.Format(CultureInfo.InvariantCulture,
                "{0} is {1:0.0000} (above {2}): the label is almost certainly a rule on the model's own inputs (leakage), "
                + "so its probabilities do not measure real churn risk.", auc.Key == "train_auc" ? "Training AUC" : "Cross-validated AUC", auc.Value, LeakyAuc);
        }
    }

    /// <summary>The 0/1 decision for a churn probability: 1 when it is at or above <see cref="Threshold"/>. The one place this is decided.</summary>
    public int Decide(double probability) => probability >= Threshold ? 1 : 0;

    /// <summary>
    /// The training-range check: the value and range when <paramref name="value"/> of numeric feature
    /// <paramref name="feature"/> lies outside [minimum, maximum] seen in training; null when inside,
    /// blank (NaN, imputed) or not a numeric feature.
    /// </summary>
    public OutOfRangeValue? CheckRange(string feature, double value)
    {
        if (double.IsNaN(value) || !numericByName.TryGetValue(feature, out var n))
            return null;
        return n.InTrainingRange(value) ? null : new OutOfRangeValue(feature, value, n.Minimum, n.Maximum);
    }

    /// <summary>The unseen-category check: non-null when <paramref name="value"/> of text feature <paramref name="feature"/> is blank or was not seen in training.</summary>
    public UnseenCategory? CheckCategory(string feature, string? value)
    {
        var c = Features.Categorical.FirstOrDefault(f => f.Name == feature);
        return c is null || c.IndexOf(value) >= 0 ? null : new UnseenCategory(feature, value, c.Reference);
    }

    /// <summary>Every numeric feature of one customer outside the training range, in feature order.</summary>
    public IReadOnlyList<OutOfRangeValue> OutOfRange(Func<string, double> number)
    {
        List<OutOfRangeValue>? found = null;
        foreach (var n in Features.Numeric)
            if (CheckRange(n.Name, number(n.Name)) is { } outside)
                (found ??= []).Add(outside);
        return found ?? (IReadOnlyList<OutOfRangeValue>)[];
    }

    /// <summary>
    /// The numeric columns a file must have to be scored: the model's numeric features, where a file
    /// lacking a derived feature must instead have that feature's raw inputs.
    /// </summary>
    public IReadOnlyList<string> NumericInputs(IReadOnlyCollection<string> available)
    {
        var names = Features.Numeric.Select(n => n.Name).ToList();
        if (Derivation is null) return names;
        var direct = names.Where(n => available.Contains(n) || !Derivation.Derives(n));
        var derived = Derivation.RawInputs(names.Where(n => !available.Contains(n) && Derivation.Derives(n)));
        var population = Derivation.Population?.AverageOf ?? [];
        return direct.Concat(derived).Concat(population).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Names of the model matrix columns (encoded features, then segment indicators).</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>For each model column, the source feature it belongs to.</summary>
    public IReadOnlyList<string> ColumnSources { get; }

    /// <summary>Source features with at least one non-zero coefficient, in column order (a sparse model's exact zeros drop out).</summary>
    public IReadOnlyList<string> FeaturesUsed
    {
        get
        {
            var coefficients = Classifier.CoefficientSpan.ToArray();
            // A pair term ("a × b") uses both of its features.
            return ColumnSources.Where((_, j) => coefficients[j] != 0)
                .SelectMany(source => Basis?.Terms.FirstOrDefault(t => t.Name == source)?.Sources ?? [source])
                .Distinct(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>
    /// The coefficient table: intercept first, then one row per model column, with standard errors,
    /// z, p and 95% intervals where the fit defines them (unpenalised fits only).
    /// </summary>
    public IReadOnlyList<CoefficientRow> Coefficients { get; }

    private CoefficientRow[] BuildCoefficientTable()
    {
        var rows = new List<CoefficientRow>();
        var stats = Classifier.Statistics?.Terms;
        CoefficientRow Row(string name, int termIndex, double estimate, double mean, double scale)
        {
            var t = stats?[termIndex];
            return new CoefficientRow(name, estimate, t?.StandardError, t?.Z, t?.PValue, t?.Lower95, t?.Upper95,
                Math.Exp(estimate), mean, scale);
        }
        rows.Add(Row("(intercept)", 0, Classifier.Intercept, 0, 1));
        var coefficients = Classifier.CoefficientSpan;
        for (var j = 0; j < ColumnNames.Count; j++)
            rows.Add(Row(ColumnNames[j], j + 1, coefficients[j], Scaler.Means[j], Scaler.Scales[j]));
        return rows.ToArray();
    }

    /// <summary>
    /// Encodes, segments and scales a table into the classifier's matrix, row by row with the same
    /// <see cref="EncodeScaled{TRow}"/> that scores a single customer.
    /// </summary>
    public Matrix<double> ModelMatrix(ColumnTable table, out int[]? segments)
    {
        if (Derivation is not null) table = Derivation.Apply(table);
        var n = table.RowCount;
        var x = Matrix<double>.Build.Dense(n, ColumnNames.Count);
        var data = x.AsColumnMajorArray();
        var rows = Features.Rows(table);
        var scaled = new double[ColumnNames.Count];
        segments = Segments is null ? null : new int[n];
        for (var i = 0; i < n; i++)
        {
            var segment = EncodeScaled(rows(i), null, scaled);
            if (segments is not null) segments[i] = segment!.Value;
            for (var j = 0; j < scaled.Length; j++) data[j * n + i] = scaled[j];
        }
        return x;
    }

    /// <summary>Churn probabilities for every row of a table (and the segment of each row, when the model has segments).</summary>
    public Vector<double> PredictProbabilities(ColumnTable table, out int[]? segments) =>
        Classifier.PredictProbabilities(ModelMatrix(table, out segments));

    /// <summary>
    /// Churn probability of one customer without the explanation (the batch-scoring path);
    /// same arithmetic as <see cref="Predict"/>.
    /// </summary>
    public double Score(Func<string, double> number, Func<string, string?> text, out int? segment) =>
        Score(new FeaturePipeline.NamedRow(Features, number, text), out segment);

    /// <summary>
    /// One customer. <paramref name="number"/> returns a numeric field (NaN when missing, imputed);
    /// <paramref name="text"/> a categorical one (null when missing). A given
    /// <paramref name="segmentOverride"/> is used instead of the nearest centre (the original API
    /// accepted the segment in its payload).
    /// </summary>
    public ChurnPrediction Predict(Func<string, double> number, Func<string, string?> text, int? segmentOverride = null, int topFactors = 5)
    {
        Span<double> scaled = stackalloc double[ColumnNames.Count];
        var segment = EncodeScaled(number, text, segmentOverride, scaled);
        var coefficients = Classifier.CoefficientSpan;
        var effects = new double[ColumnNames.Count];
        var z = Classifier.Intercept;
        for (var j = 0; j < effects.Length; j++)
        {
            // Effect relative to the average customer: coefficient x standardised value.
            effects[j] = coefficients[j] * scaled[j];
            z += effects[j];
        }
        var probability = LogisticLoss.Sigmoid(z);
        return new ChurnPrediction(
            probability,
            Decide(probability),
            Threshold,
            segment,
            segment is { } s ? Segments!.Names[s] : null,
            Explain(effects, number, text, segment, topFactors))
        {
            OutOfRange = OutOfRange(number),
            UnseenCategories = [.. Features.Categorical.Select(c => CheckCategory(c.Name, text(c.Name))).OfType<UnseenCategory>()],
        };
    }

    private int? EncodeScaled(Func<string, double> number, Func<string, string?> text, int? segmentOverride, Span<double> destination) =>
        EncodeScaled(new FeaturePipeline.NamedRow(Features, number, text), segmentOverride, destination);

    /// <summary>The one encoder of the model: one customer (or table row) into standardised model columns; returns its segment.</summary>
    private int? EncodeScaled<TRow>(TRow row, int? segmentOverride, Span<double> destination) where TRow : struct, FeaturePipeline.IRow
    {
        var encodedCount = Features.EncodedCount;
        Span<double> inputs = Basis is null ? destination : stackalloc double[InputCount];
        inputs.Clear();
        Features.EncodeRow(row, inputs[..encodedCount]);
        int? segment = null;
        if (Segments is not null)
        {
            if (segmentOverride is { } given)
            {
                if (given < 0 || given >= Segments.Count)
                    throw new ArgumentOutOfRangeException(nameof(segmentOverride), given, string.Format(CultureInfo.InvariantCulture,
                        "segment={0} is not a segment of this model; it has segments 0..{1}.", given, Segments.Count - 1));
                segment = given;
            }
            else
            {
                Span<double> segmentInputs = stackalloc double[segmentColumns.Length];
                for (var j = 0; j < segmentInputs.Length; j++) segmentInputs[j] = inputs[segmentColumns[j]];
                segment = Segments.Assign(segmentInputs);
            }
            if (segment > 0) inputs[encodedCount + segment.Value - 1] = 1.0;
        }
        Basis?.ExpandRow(inputs, destination);
        for (var j = 0; j < destination.Length; j++) destination[j] = (destination[j] - means[j]) / scales[j];
        return segment;
    }

    private IReadOnlyList<FeatureContribution> Explain(double[] effects, Func<string, double> number, Func<string, string?> text, int? segment, int top)
    {
        var bySource = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var j = 0; j < effects.Length; j++)
            bySource[ColumnSources[j]] = bySource.GetValueOrDefault(ColumnSources[j]) + effects[j];
        return bySource
            .OrderByDescending(kv => Math.Abs(kv.Value))
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(top)
            .Select(kv => new FeatureContribution(kv.Key, Label(kv.Key), DisplayValue(kv.Key, number, text, segment), kv.Value)
            {
                Number = NumberOf(kv.Key, number, segment),
            })
            .ToList();
    }

    private double? NumberOf(string source, Func<string, double> number, int? segment)
    {
        if (source == "segment" && Segments is not null) return segment;
        if (!numericByName.ContainsKey(source)) return null;
        var v = number(source);
        return double.IsNaN(v) ? null : v;
    }

    /// <summary>Plain-words name of a source feature or of a pair term ("a × b").</summary>
    private string Label(string source) =>
        Basis?.Terms.FirstOrDefault(t => t.Name == source) is PairTerm pair
            ? FeatureLabels.Describe(pair.First.Name) + " × " + FeatureLabels.Describe(pair.Second.Name)
            : FeatureLabels.Describe(source);

    private string DisplayValue(string source, Func<string, double> number, Func<string, string?> text, int? segment)
    {
        if (source == "segment" && segment is { } s) return Segments!.Names[s];
        if (Basis?.Terms.FirstOrDefault(t => t.Name == source) is PairTerm pair)
            return FeatureLabels.Describe(pair.First.Name) + " " + DisplayValue(pair.First.Name, number, text, segment)
                + ", " + FeatureLabels.Describe(pair.Second.Name) + " " + DisplayValue(pair.Second.Name, number, text, segment);
        if (Features.Categorical.Any(c => c.Name == source)) return text(source) ?? CategoricalFeature.BlankLevel;
        var v = number(source);
        if (double.IsNaN(v))
        {
            var median = Features.Numeric.First(f => f.Name == source).Median;
            return "(blank, taken as " + median.ToString("G6", CultureInfo.InvariantCulture) + ")";
        }
        return v.ToString("G6", CultureInfo.InvariantCulture);
    }

    internal static Matrix<double> AppendSegmentIndicators(Matrix<double> encoded, int[] segments, int k)
    {
        var result = Matrix<double>.Build.Dense(encoded.RowCount, encoded.ColumnCount + k - 1);
        result.SetSubMatrix(0, 0, encoded);
        for (var i = 0; i < segments.Length; i++)
            if (segments[i] > 0) result[i, encoded.ColumnCount + segments[i] - 1] = 1.0;
        return result;
    }

    internal static int IndexOfNumeric(FeaturePipeline features, string name)
    {
        for (var j = 0; j < features.Numeric.Count; j++)
            if (features.Numeric[j].Name == name) return j;
        throw new ArgumentException("Segment feature '" + name + "' is not a numeric feature of the model.");
    }
}
