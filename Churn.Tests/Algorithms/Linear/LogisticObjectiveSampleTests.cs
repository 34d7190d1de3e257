using Churn.Algorithms.Linear;

namespace Churn.Tests.Algorithms.Linear;

[Trait("Kind", "Numeric")]
public sealed class LogisticObjectiveSampleTests
{
    [Theory]
    [InlineData(10_000, 8192, 3)]
    [InlineData(9_999, 7, 4)]
    [InlineData(12, 12, 2)]
    [InlineData(1_000_003, 8192, 1)]
    public void EvenlySpacedRows_IsTheObjectiveOnRowsRTimesNOverM(int rows, int sampled, int features)
    {
        var random = new Random(rows + features);
        var x = new double[rows * features];
        for (var k = 0; k < x.Length; k++) x[k] = random.NextDouble() - 0.5;
        var y = Enumerable.Range(0, rows).Select(i => (double)(random.Next(3) == 0 ? 1 : 0)).ToArray();
        var weights = Enumerable.Range(0, rows).Select(i => 0.5 + random.NextDouble()).ToArray();
        var objective = LogisticObjective.FromColumnMajor(x, rows, features, y, weights, fitIntercept: true, penaltyStrength: 0.0);

        var picked = Enumerable.Range(0, sampled).Select(r => (int)((long)r * rows / sampled)).ToArray();
        var xs = new double[sampled * features];
        for (var j = 0; j < features; j++)
            for (var r = 0; r < sampled; r++) xs[j * sampled + r] = x[j * rows + picked[r]];
        var expected = LogisticObjective.FromColumnMajor(xs, sampled, features, picked.Select(i => y[i]).ToArray(),
            picked.Select(i => weights[i]).ToArray(), fitIntercept: true, penaltyStrength: 0.0);

        var sample = objective.EvenlySpacedRows(sampled);
        var theta = Enumerable.Range(0, features + 1).Select(j => 0.3 * (j - 1)).ToArray();
        var p = features + 1;
        double[] g = new double[p], h = new double[p * p], ge = new double[p], he = new double[p * p];
        Assert.Equal(sampled, sample.RowCount);
        Assert.Equal(expected.Evaluate(theta, ge, he, LogisticObjective.Mode.Hessian, penalise: false),
            sample.Evaluate(theta, g, h, LogisticObjective.Mode.Hessian, penalise: false));
        Assert.Equal(ge, g);
        Assert.Equal(he, h);
    }
}
