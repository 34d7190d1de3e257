using System.Text.Json;
using System.Text.Json.Serialization;
using Churn.Algorithms.Additive;
using Churn.Algorithms.Clustering;

namespace Churn.Experiments.Modeling;

/// <summary>A model file that cannot be used: wrong version, corrupt JSON or inconsistent parts.</summary>
public sealed class ModelFileException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads and writes <see cref="ChurnModel"/> as one versioned, human-readable JSON file holding
/// everything prediction needs. No binary serialisation: a data scientist can read the
/// coefficients in any editor, and a file from another version is refused, not misread.
/// </summary>
public static class ModelFile
{
    /// <summary>Written by this version; bump when the layout changes. /2 added the model kind, lambda and l1_ratio.</summary>
    public const string Format = "churn-model/2";

    /// <summary>Formats this version loads: a /1 file is a linear model (its training record lacks the kind).</summary>
    public static IReadOnlyList<string> Readable { get; } = ["churn-model/1", Format];

    private static JsonSerializerOptions Json => JsonStyle.Indented;

    /// <summary>Writes the model file whole or not at all (<see cref="AtomicFile"/>).</summary>
    public static void Save(ChurnModel model, string path) => AtomicFile.WriteAllText(path, ToJson(model));

    /// <summary>Writes the model into an output opened before the fit, and commits it.</summary>
    public static void Save(ChurnModel model, AtomicFile output)
    {
        using (var writer = output.Writer()) writer.Write(ToJson(model));
        output.Commit();
    }

    public static string ToJson(ChurnModel model) => JsonSerializer.Serialize(ToDto(model), Json) + "\n";

    public static ChurnModel Load(string path)
    {
        if (!File.Exists(path)) throw new ModelFileException("Model file '" + path + "' does not exist.");
        try
        {
            return FromJson(File.ReadAllText(path));
        }
        catch (ModelFileException e)
        {
            throw new ModelFileException("Model file '" + path + "': " + e.Message, e.InnerException);
        }
    }

    public static ChurnModel FromJson(string json)
    {
        ModelDto? dto;
        try
        {
            using (var document = JsonDocument.Parse(json))
            {
                ModelJsonCheck.RejectDuplicateKeys(document.RootElement);
                var format = document.RootElement.ValueKind == JsonValueKind.Object
                             && document.RootElement.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String
                    ? f.GetString()
                    : null;
                if (format is null || !Readable.Contains(format))
                    throw new ModelFileException(string.Format(CultureInfo.InvariantCulture,
                        "format is {0}, this program reads {1}; retrain the model with this version.",
                        format is null ? "missing" : "\"" + format + "\"", string.Join(" and ", Readable.Select(r => "\"" + r + "\""))));
            }
            dto = JsonSerializer.Deserialize<ModelDto>(json, Json);
        }
        catch (JsonException e)
        {
            throw new ModelFileException("not a valid model file: " + ModelJsonCheck.Describe(e, typeof(ModelDto)), e);
        }
        if (dto is null) throw new ModelFileException("the file holds no model.");
        try
        {
            return FromDto(dto);
        }
        catch (Exception e) when (e is ArgumentException or NullReferenceException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new ModelFileException("inconsistent model file: " + UserMessage.Of(e), e);
        }
    }

    private static ModelDto ToDto(ChurnModel model) => new(
        Format,
        new FeaturesDto(
            model.Features.Numeric.Select(n => new NumericDto(n.Name, n.Median, n.Minimum, n.Maximum)).ToArray(),
            model.Features.Categorical.Select(c => new CategoricalDto(c.Name, c.Categories.ToArray())).ToArray()),
        model.Segments is null ? null : new SegmentsDto(
            model.Segments.FeatureNames.ToArray(),
            new ScalerDto(model.Segments.Scaler.Means.ToArray(), model.Segments.Scaler.Scales.ToArray()),
            model.Segments.Clusters.Centers.ToRowArrays(),
            model.Segments.Names.ToArray()),
        model.ColumnNames.ToArray(),
        new ScalerDto(model.Scaler.Means.ToArray(), model.Scaler.Scales.ToArray()),
        new ClassifierDto(model.Classifier.Intercept, model.Classifier.Coefficients.ToArray(),
            model.Coefficients.Select(r => new CoefficientDto(r.Name, r.Coefficient, r.StandardError, r.Z, r.PValue,
                r.Lower95, r.Upper95, r.OddsRatio, r.ColumnMean, r.ColumnScale)).ToArray()),
        model.Threshold,
        model.Training,
        new SortedDictionary<string, double>(model.Metrics.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal),
        model.Derivation is null ? null : new DerivationDto(model.Derivation.Recipe,
            model.Derivation.Columns.Select(c => new DerivedDto(c.Name, c.Kind.ToString(), c.Inputs.ToArray())).ToArray(),
            model.Derivation.ZeroFilled.ToArray(),
            model.Derivation.Population is { } rule ? new PopulationDto(rule.Description, rule.AverageOf.ToArray(), rule.Minimum) : null),
        model.Calibration,
        model.Basis is null ? null : AdditiveTermFile.ToDto(model.Basis),
        model.Shapes.Count == 0 ? null : model.Shapes.ToArray());

    private static ChurnModel FromDto(ModelDto dto)
    {
        Require(dto.Features, "features");
        Require(dto.Scaler, "scaler");
        Require(dto.Classifier, "classifier");
        Require(dto.Training, "training");
        var features = new FeaturePipeline(
            Require(dto.Features.Numeric, "features.numeric").Select(n => new NumericFeature(n.Name, n.Median, n.Minimum, n.Maximum)).ToArray(),
            Require(dto.Features.Categorical, "features.categorical").Select(c => new CategoricalFeature(c.Name, c.Categories)).ToArray());
        SegmentModel? segments = null;
        if (dto.Segments is { } s)
        {
            var centers = Matrix<double>.Build.DenseOfRowArrays(Require(s.Centers, "segments.centers"));
            segments = new SegmentModel(s.Features,
                StandardScalerModel.FromParameters(s.Scaler.Means, s.Scaler.Scales),
                KMeansModel.FromCenters(centers), s.Names);
        }
        var classifier = LogisticRegressionModel.FromParameters(
            Vector<double>.Build.DenseOfArray(Require(dto.Classifier.Coefficients, "classifier.coefficients")),
            dto.Classifier.Intercept);
        var table = dto.Classifier.Table?.Select(r => new CoefficientRow(r.Name, r.Coefficient, r.StandardError, r.Z, r.PValue,
            r.Lower95, r.Upper95, r.OddsRatio, r.ColumnMean, r.ColumnScale)).ToArray();
        RowDerivation? derivation = null;
        if (dto.Derivation is { } d)
            derivation = new RowDerivation(d.Recipe, Require(d.Columns, "derivation.columns").Select(c => new DerivedColumn(c.Name,
                Enum.TryParse<DerivedKind>(c.Kind, out var kind) ? kind : throw new ModelFileException("unknown derived kind '" + c.Kind + "'."),
                c.Inputs)).ToArray(), d.ZeroFilled ?? [],
                d.Population is { } rule ? new PopulationRule(rule.Description, Require(rule.AverageOf, "derivation.population.average_of"), rule.Minimum) : null);
        var model = new ChurnModel(features, segments,
            StandardScalerModel.FromParameters(dto.Scaler.Means, dto.Scaler.Scales),
            classifier, dto.Threshold, dto.Training, dto.Metrics ?? new SortedDictionary<string, double>(), table, derivation,
            dto.Calibration is { } c ? c with { Bins = Require(c.Bins, "calibration.bins") } : null,
            dto.Basis is null ? null : AdditiveTermFile.FromDto(dto.Basis), dto.Shapes);
        if (dto.Columns is not null && !dto.Columns.SequenceEqual(model.ColumnNames))
            throw new ModelFileException("the listed columns do not match the features and segments it describes.");
        return model;
    }

    private static T Require<T>(T? value, string name) where T : class =>
        value ?? throw new ModelFileException("required field '" + name + "' is missing.");

    private sealed record ModelDto(
        string Format,
        FeaturesDto Features,
        SegmentsDto? Segments,
        string[]? Columns,
        ScalerDto Scaler,
        ClassifierDto Classifier,
        double Threshold,
        TrainingInfo Training,
        SortedDictionary<string, double>? Metrics,
        DerivationDto? Derivation,
        CalibrationInfo? Calibration = null, // absent in files written before held-out calibration was recorded
        BasisDto? Basis = null,
        TermShape[]? Shapes = null);

    private sealed record DerivationDto(string Recipe, DerivedDto[] Columns, string[]? ZeroFilled, PopulationDto? Population);

    private sealed record PopulationDto(string Description, string[] AverageOf, double Minimum);

    private sealed record DerivedDto(string Name, string Kind, string[] Inputs);

    private sealed record FeaturesDto(NumericDto[] Numeric, CategoricalDto[] Categorical);

    private sealed record NumericDto(string Name, double Median, double Minimum, double Maximum);

    private sealed record CategoricalDto(string Name, string[] Categories);

    private sealed record SegmentsDto(string[] Features, ScalerDto Scaler, double[][] Centers, string[] Names);

    private sealed record ScalerDto(double[] Means, double[] Scales);

    private sealed record ClassifierDto(double Intercept, double[] Coefficients, CoefficientDto[]? Table);

    private sealed record CoefficientDto(string Name, double Coefficient, double? StandardError, double? Z, double? PValue,
        double? Lower95, double? Upper95, double OddsRatio, double ColumnMean, double ColumnScale);
}
