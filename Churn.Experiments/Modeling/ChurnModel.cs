using System.Globalization;
using Churn.Algorithms.Additive;
using Churn.Algorithms.Linear;
using Churn.Algorithms.Preprocessing;
using Churn.Experiments.Data;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Experiments.Modeling;

/// <summary>Where a model came from: enough to reproduce it.</summary>
public sealed record TrainingInfo(
    string DataFile,
    string DataSha256,
    int Rows,
    int Positives,
    string Label,
    string PositiveValue,
    int Seed,
    string Penalty,
    double C,
    string Solver,
    bool Converged,
    int Iterations,
    string StopReason,
    string CodeVersion,
    string CreatedUtc,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> IdColumns,
    string ModelKind = "linear",
    double? Lambda = null,
    double? L1Ratio = null);

/// <summary>One row of the coefficient table, on the standardised scale (per SD of the encoded column).</summary>
public sealed record CoefficientRow(
    string Name,
    double Coefficient,
    double? StandardError,
    double? Z,
    double? PValue,
    double? Lower95,
    double? Upper95,
    double OddsRatio,
    double ColumnMean,
    double ColumnScale)
{
    /// <summary>Coefficient per one original unit of the column (coefficient / SD).</summary>
    public double PerUnit => ColumnScale == 0 ? 0 : Coefficient / ColumnScale;
}

/// <summary>How much one source feature moved a customer's log-odds away from the average customer.</summary>
public sealed record FeatureContribution(string Feature, string Label, string Value, double Effect)
{
    public string Direction => Effect >= 0 ? "raises" : "lowers";
}

/// <summary>One customer's churn risk, its segment and the reasons.</summary>
public sealed record ChurnPrediction(
    double Probability,
    int Prediction,
    double Threshold,
    int? Segment,
    string? SegmentName,
    IReadOnlyList<FeatureContribution> Contributions);

/// <summary>
/// A fitted churn model: feature pipeline (impute, encode) -> optional usage segment (one-hot,
/// segment 0 the reference) -> standard scaling -> logistic regression -> threshold.
/// Immutable; the one type that `train` writes, and `predict`, `serve`, the experiments and the
/// notebooks load, so every prediction is computed by the same code.
/// </summary>
public sealed class ChurnModel
{
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
        AdditiveBasis? basis = null,
        IReadOnlyList<TermShape>? shapes = null)
    {
        Basis = basis;
        Shapes = shapes ?? [];
        Derivation = derivation;
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
        if (!(threshold > 0 && threshold < 1))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Threshold must be in (0, 1).");
        segmentColumns = segments is null ? [] : segments.FeatureNames.Select(n => IndexOfNumeric(features, n)).ToArray();
        Coefficients = coefficients?.ToArray() ?? BuildCoefficientTable();
        if (Coefficients.Count != names.Count + 1)
            throw new ArgumentException("The coefficient table needs the intercept and one row per model column.");
    }

    private readonly int[] segmentColumns;

    /// <summary>Additive models: encoded features (and segment indicators) -> basis columns; null for linear and sparse models.</summary>
    public AdditiveBasis? Basis { get; }

    /// <summary>Additive models: each term's shape on its feature's scale, with its band, edf and importance (empty otherwise).</summary>
    public IReadOnlyList<TermShape> Shapes { get; }

    /// <summary>Width of the encoded row (features, then segment indicators) before any basis expansion.</summary>
    public int InputCount { get; }

    /// <summary>Features computed from raw columns when a file lacks them (null: every feature is a column).</summary>
    public RowDerivation? Derivation { get; }

    public FeaturePipeline Features { get; }

    public SegmentModel? Segments { get; }

    public StandardScalerModel Scaler { get; }

    public LogisticRegressionModel Classifier { get; }

    public double Threshold { get; }

    public TrainingInfo Training { get; }

    public IReadOnlyDictionary<string, double> Metrics { get; }

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
            var coefficients = Classifier.Coefficients;
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

    private IReadOnlyList<CoefficientRow> BuildCoefficientTable()
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
        for (var j = 0; j < ColumnNames.Count; j++)
            rows.Add(Row(ColumnNames[j], j + 1, Classifier.Coefficients[j], Scaler.Means[j], Scaler.Scales[j]));
        return rows;
    }

    /// <summary>Encodes, segments and scales a table into the classifier's matrix.</summary>
    public Matrix<double> ModelMatrix(ColumnTable table, out int[]? segments)
    {
        if (Derivation is not null) table = Derivation.Apply(table);
        var encoded = Features.Transform(table);
        segments = null;
        if (Segments is not null)
        {
            var segmentInputs = Matrix<double>.Build.Dense(encoded.RowCount, segmentColumns.Length,
                (i, j) => encoded[i, segmentColumns[j]]);
            segments = Segments.Assign(segmentInputs);
            encoded = AppendSegmentIndicators(encoded, segments, Segments.Count);
        }
        if (Basis is not null) encoded = Basis.Expand(encoded);
        return Scaler.Transform(encoded);
    }

    /// <summary>Churn probabilities for every row of a table (and the segment of each row, when the model has segments).</summary>
    public Vector<double> PredictProbabilities(ColumnTable table, out int[]? segments) =>
        Classifier.PredictProbabilities(ModelMatrix(table, out segments));

    /// <summary>
    /// Churn probability of one customer without the explanation (the batch-scoring path);
    /// same arithmetic as <see cref="Predict"/>.
    /// </summary>
    public double Score(Func<string, double> number, Func<string, string?> text, out int? segment)
    {
        Span<double> raw = stackalloc double[ColumnNames.Count];
        segment = EncodeScaled(number, text, null, raw);
        var coefficients = Classifier.Coefficients;
        var z = Classifier.Intercept;
        for (var j = 0; j < raw.Length; j++) z += coefficients[j] * raw[j];
        return Sigmoid(z);
    }

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
        var coefficients = Classifier.Coefficients;
        var effects = new double[ColumnNames.Count];
        var z = Classifier.Intercept;
        for (var j = 0; j < effects.Length; j++)
        {
            // Effect relative to the average customer: coefficient x standardised value.
            effects[j] = coefficients[j] * scaled[j];
            z += effects[j];
        }
        var probability = Sigmoid(z);
        return new ChurnPrediction(
            probability,
            probability >= Threshold ? 1 : 0,
            Threshold,
            segment,
            segment is { } s ? Segments!.Names[s] : null,
            Explain(effects, number, text, segment, topFactors));
    }

    /// <summary>Encodes one customer into standardised model columns; returns its segment.</summary>
    private int? EncodeScaled(Func<string, double> number, Func<string, string?> text, int? segmentOverride, Span<double> destination)
    {
        var encodedCount = Features.EncodedCount;
        Span<double> inputs = Basis is null ? destination : stackalloc double[InputCount];
        inputs.Clear();
        Features.EncodeRow(number, text, inputs[..encodedCount]);
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
        var means = Scaler.Means;
        var scales = Scaler.Scales;
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
            .Select(kv => new FeatureContribution(kv.Key, Label(kv.Key), DisplayValue(kv.Key, number, text, segment), kv.Value))
            .ToList();
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
        if (Features.Categorical.Any(c => c.Name == source)) return text(source) ?? "(blank)";
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

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
