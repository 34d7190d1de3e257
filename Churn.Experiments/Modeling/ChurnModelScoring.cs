namespace Churn.Experiments.Modeling;

public sealed partial class ChurnModel
{
    /// <summary>
    /// Churn probability of one row given by feature position (<see cref="FeaturePipeline.IRow"/>), the
    /// batch path with no lookup by name and no allocation; the same arithmetic as <see cref="Predict"/>.
    /// </summary>
    public double Score<TRow>(TRow row, out int? segment) where TRow : struct, FeaturePipeline.IRow
    {
        var coefficients = Classifier.CoefficientSpan;
        Span<double> raw = stackalloc double[ColumnNames.Count];
        segment = EncodeScaled(row, null, raw);
        var z = Classifier.Intercept;
        for (var j = 0; j < raw.Length; j++) z += coefficients[j] * raw[j];
        return LogisticLoss.Sigmoid(z);
    }
}
