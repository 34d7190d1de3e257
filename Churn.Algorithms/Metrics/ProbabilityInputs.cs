using MathNet.Numerics.LinearAlgebra;

namespace Churn.Algorithms.Metrics;

/// <summary>Shared checks for metrics on (label, probability) pairs.</summary>
internal static class ProbabilityInputs
{
    public static void Validate(Vector<double> y, Vector<double> p)
    {
        Guard.NotNull(y, nameof(y));
        Guard.NotNull(p, nameof(p));
        Guard.SameLength(y.Count, nameof(y), p.Count, nameof(p));
        Guard.NotEmpty(y, nameof(y));
        Guard.BinaryLabels(y, nameof(y));
        Guard.Probabilities(p, nameof(p));
    }
}
