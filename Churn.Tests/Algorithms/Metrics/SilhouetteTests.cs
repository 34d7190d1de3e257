using Churn.Algorithms.Metrics;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Metrics;

[Trait("Kind", "Numeric")]
public class SilhouetteTests
{
    [Fact]
    public void Score_HandComputedOneDimensionalSet_MatchesFormula()
    {
        // Points 0, 1 (cluster A) and 4 (cluster B, alone -> s = 0).
        // s(0): a = 1, b = 4 -> 0.75; s(1): a = 1, b = 3 -> 2/3.
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 0 }, { 1 }, { 4 } });
        Assert.Equal((0.75 + 2.0 / 3.0 + 0.0) / 3.0, Silhouette.Score(x, [0, 0, 1]), 15);
    }

    [Fact]
    public void Score_OneLabel_ThrowsLikeSklearn()
    {
        var x = Matrix<double>.Build.Dense(4, 2);
        var ex = Assert.Throws<ArgumentException>(() => Silhouette.Score(x, [1, 1, 1, 1]));
        Assert.Contains("Number of labels is 1", ex.Message);
    }

    [Fact]
    public void Score_LabelsLengthMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => Silhouette.Score(Matrix<double>.Build.Dense(4, 2), [0, 1, 0]));
    }
}
