using Churn.Algorithms.Linear;
using Churn.Experiments.Modeling;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Experiments.Modeling;

/// <summary>The fixed-lambda selection both the in-memory and the SQL trainers build.</summary>
public sealed class SparseSelectionTests
{
    [Fact]
    public void AtFixedLambda_PathWithoutAFit_RefusedNamingLambdaAndStopReason()
    {
        // One coordinate pass cannot converge at a small lambda: the path keeps no fit, as when the
        // 100,000-pass cap runs out (SparseSelection.Model used to index it: IndexOutOfRangeException).
        var x = Matrix<double>.Build.DenseOfRowArrays([0.0, 1.0], [1.0, 0.2], [2.0, 1.5], [3.0, 0.1], [4.0, 2.0], [5.0, 0.7]);
        var y = Vector<double>.Build.DenseOfArray([0, 0, 1, 0, 1, 1]);
        var path = new ElasticNetLogistic(new ElasticNetOptions { Lambdas = [0.001], MaxPasses = 1 }).Fit(x, y);
        Assert.Equal(0, path.Count);

        var error = Assert.Throws<ArgumentException>(() => SparseSelection.AtFixedLambda(path, LambdaSelection.Fixed(0.001)));

        Assert.Contains("--lambda 0.001 did not converge", error.Message);
        Assert.Contains(path.StopReason, error.Message);
    }
}
