using Churn.Algorithms.Additive;

namespace Churn.Experiments.Modeling;

/// <summary>
/// Fits the additive kinds on a model's encoded matrix: each numeric feature one input, each text
/// feature its one-hot columns as one indicator term, the usage segment its indicators. The basis,
/// scaler and coefficients it returns make an ordinary <see cref="ChurnModel"/>.
/// </summary>
public static class AdditiveSelection
{
    /// <remarks>encoded: the pipeline's columns, then the segment indicators when there are segments.</remarks>
    public static AdditiveFit Fit(FeaturePipeline pipeline, SegmentModel? segments, Matrix<double> encoded, Vector<double> labels,
        ChurnTrainingOptions options)
    {
        var inputs = new List<AdditiveInput>();
        var numeric = pipeline.Numeric.Count;
        for (var j = 0; j < numeric; j++)
            inputs.Add(new AdditiveInput(pipeline.Numeric[j].Name, [j], false, [pipeline.Numeric[j].Name]));
        var column = numeric;
        foreach (var feature in pipeline.Categorical)
        {
            var width = feature.Categories.Count - 1;
            if (width > 0)
                inputs.Add(new AdditiveInput(feature.Name, Enumerable.Range(column, width).ToArray(), true, feature.EncodedNames.ToArray()));
            column += width;
        }
        if (segments is not null && segments.Count > 1)
            inputs.Add(new AdditiveInput("segment", Enumerable.Range(column, segments.Count - 1).ToArray(), true,
                Enumerable.Range(1, segments.Count - 1).Select(k => "segment=" + k.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()));
        var interactions = options.Kind == ModelKind.AdditivePairs ? options.Interactions ?? -1 : 0;
        return new AdditiveTrainer(new AdditiveOptions
        {
            Interactions = interactions,
            Seed = options.Seed,
            MaxIterations = options.MaxIterations,
        }).Fit(encoded, labels, inputs);
    }
}
