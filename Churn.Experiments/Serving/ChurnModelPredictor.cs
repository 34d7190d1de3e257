using Churn.Algorithms.Additive;

namespace Churn.Experiments.Serving;

/// <summary>
/// Serves a <see cref="ChurnModel"/> over HTTP: its numeric and categorical features become the form's
/// fields (defaults: training median / most common category), an optional "segment" field lets the
/// original project's payload {aon, total_mou, total_data_usage, segment} pass its own segment (computed
/// from the KMeans centres when absent), and the prediction comes from <see cref="ChurnModel.Predict"/>,
/// the same code as `predict` and the experiments. Immutable and thread-safe.
/// </summary>
public sealed class ChurnModelPredictor : IChurnPredictor
{
    public const string SegmentField = "segment";

    private readonly ChurnModel model;
    private readonly MissingCells missing;

    public ChurnModelPredictor(ChurnModel model, string? modelPath = null)
    {
        this.model = model;
        missing = new MissingCells(model.Training.MissingTokens ?? []);
        var fields = new List<InputField>();
        foreach (var n in model.Features.Numeric)
            fields.Add(new InputField(n.Name, Capitalise(FeatureLabels.Describe(n.Name)), InputKind.Number, FeatureLabels.UnitOf(n.Name),
                string.Format(CultureInfo.InvariantCulture, "Seen in training from {0:G6} to {1:G6} (median {2:G6}).", n.Minimum, n.Maximum, Rounded(n.Median)),
                Rounded(n.Median), null, null, true, null, null));
        foreach (var c in model.Features.Categorical)
            fields.Add(new InputField(c.Name, Capitalise(FeatureLabels.Describe(c.Name)), InputKind.Category, null,
                "One of the categories seen in training; another value is scored as '" + c.Reference + "' and flagged in unseen_categories.",
                null, c.Categories[0], c.Categories, true, null, null) { OtherCategoriesScored = true });
        if (model.Segments is { } segments && !fields.Any(f => f.Name == SegmentField))
            fields.Add(new InputField(SegmentField, "Usage segment", InputKind.Number, null,
                "Leave empty to compute it from the usage fields: " +
                string.Join("; ", segments.Names.Select((name, k) => k.ToString(CultureInfo.InvariantCulture) + " = " + name)) + ".",
                null, null, null, false, 0, segments.Count - 1));
        Inputs = fields;
        ModelCard = BuildCard(model, modelPath);
    }

    public IReadOnlyList<InputField> Inputs { get; }

    /// <summary>The served model itself, for the endpoints that score whole files (POST /score, /campaign).</summary>
    internal ChurnModel Model => model;

    public object ModelCard { get; }

    public ChurnPrediction Predict(IReadOnlyDictionary<string, InputValue> input)
    {
        int? segment = null;
        if (model.Segments is not null && input.TryGetValue(SegmentField, out var s) && s.Number is { } given)
        {
            if (given != Math.Floor(given) || given < 0 || given >= model.Segments.Count)
                throw new InputException(SegmentField, string.Format(CultureInfo.InvariantCulture,
                    "segment must be a whole number from 0 to {0}, got {1}.", model.Segments.Count - 1, given));
            segment = (int)given;
        }
        double Number(string name) =>
            input.TryGetValue(name, out var v) && v.Number is { } x ? x : double.NaN;
        // A text every file the model scores reads as missing (blank, or a train --na token) is missing here too.
        string? Text(string name) =>
            input.TryGetValue(name, out var v) && v.Text is { } t && !missing.IsMissing(t) ? t : null;
        return model.Predict(Number, Text, segment);
    }

    private static object BuildCard(ChurnModel model, string? path) => new
    {
        format = ModelFile.Format,
        warning = model.LabelWarning,
        summary = Summary(model),
        input_ranges = model.Features.Numeric.Select(n => new { name = n.Name, minimum = n.Minimum, maximum = n.Maximum, median = n.Median }).ToArray(),
        model_file = path is null ? null : Path.GetFileName(path),
        label = model.Training.Label,
        positive_value = model.Training.PositiveValue,
        threshold = model.Threshold,
        features = model.ColumnNames,
        // Per SD of each model column: coefficient, standard_error, z, p_value, lower95, upper95, odds_ratio, per_unit.
        coefficients = System.Text.Json.JsonSerializer.SerializeToElement(model.Coefficients, Data.JsonStyle.Compact),
        segments = model.Segments is { } s ? new
        {
            features = s.FeatureNames,
            names = s.Names,
            centers_original_units = s.CentersInOriginalUnits().ToRowArrays(),
        } : null,
        metrics = model.Metrics,
        // Additive models: per term the grid on the feature's scale, effect on the log-odds and 95% band (the page plots them).
        shapes = model.Shapes.Count == 0 ? null : (object)CardShapes(model),
        training = System.Text.Json.JsonSerializer.SerializeToElement(model.Training, Data.JsonStyle.Compact),
    };

    /// <summary>
    /// The model's shapes, each with "steps": true where the term takes one value per distinct input (a 0/1 flag, a
    /// count of calls, a text column's categories), which the page draws as points with their bands rather than a
    /// line through values nobody has.
    /// </summary>
    private static System.Text.Json.JsonElement CardShapes(ChurnModel model)
    {
        var steps = model.Basis?.Terms.Where(t => t is StepTerm or IndicatorTerm).Select(t => t.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        var shapes = System.Text.Json.JsonSerializer.SerializeToNode(model.Shapes, Data.JsonStyle.Compact)!.AsArray();
        foreach (var shape in shapes) shape!["steps"] = steps.Contains((string)shape["term"]!);
        return System.Text.Json.JsonSerializer.SerializeToElement(shapes, Data.JsonStyle.Compact);
    }

    /// <summary>What the page's "About this model" card shows: what it predicts, the data, the quality and the top drivers.</summary>
    private static object Summary(ChurnModel model)
    {
        double? Metric(string key) => model.Metrics.TryGetValue(key, out var v) ? v : null;
        // An additive model's drivers are its terms (a spline's basis columns mean nothing alone), by importance.
        var drivers = model.Shapes.Count > 0
            ? TermShapes.ByImportance(model.Shapes).Take(5)
                .Select(t => (object)new { feature = t.Term, label = Capitalise(FeatureLabels.Describe(t.Term)), importance = t.Importance }).ToArray()
            : model.Coefficients.Skip(1)
            .Select((row, j) => (row, source: model.ColumnSources[j]))
            .OrderByDescending(t => Math.Abs(t.row.Coefficient)).ThenBy(t => t.row.Name, StringComparer.Ordinal)
            .Take(5)
            .Select(t => new
            {
                feature = t.row.Name,
                label = Capitalise(t.source != t.row.Name && t.row.Name.StartsWith(t.source + "=", StringComparison.Ordinal)
                    ? FeatureLabels.Describe(t.source) + ": " + t.row.Name[(t.source.Length + 1)..]
                    : FeatureLabels.Describe(t.row.Name)),
                direction = t.row.Coefficient >= 0 ? "raises" : "lowers",
                odds_ratio_per_sd = t.row.OddsRatio,
            })
            .ToArray<object>();
        return new
        {
            predicts = $"the probability that {model.Training.Label} is {model.Training.PositiveValue}",
            data = new { file = Path.GetFileName(model.Training.DataFile), rows = model.Training.Rows, positives = model.Training.Positives },
            quality = new { cv_auc_mean = Metric("cv_auc_mean"), cv_auc_sd = Metric("cv_auc_sd"), train_auc = Metric("train_auc") },
            top_drivers = drivers,
        };
    }

    // A form default to read, not a statistic: 201.15, not 201.14999999999998.
    private static double Rounded(double value) => double.Parse(value.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
