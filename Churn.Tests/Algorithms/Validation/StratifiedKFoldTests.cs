using Churn.Algorithms.Validation;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Validation;

[Trait("Kind", "Numeric")]
public sealed class StratifiedKFoldTests
{
    [Theory]
    [InlineData(1000, 0.3, 5, 1)]
    [InlineData(97, 0.1, 10, 2)]
    [InlineData(53, 0.5, 3, 3)]
    public void Split_RandomLabels_FoldsAreStratifiedDisjointAndCover(int n, double rate, int folds, int seed)
    {
        var y = Labels(n, rate, (ulong)seed);
        var parts = StratifiedKFold.Split(y, folds, seed);
        Assert.Equal(folds, parts.Count);
        var positives = (int)y.Sum();
        var allTest = parts.SelectMany(p => p.Test).OrderBy(i => i).ToArray();
        Assert.Equal(Enumerable.Range(0, n), allTest);
        foreach (var part in parts)
        {
            Assert.Equal(part.Test.Order(), part.Test);
            Assert.Equal(part.Train.Order(), part.Train);
            Assert.Empty(part.Train.Intersect(part.Test));
            Assert.Equal(n, part.Train.Length + part.Test.Length);
            var testPositives = part.Test.Count(i => y[i] == 1.0);
            Assert.InRange(testPositives, positives / folds, (positives + folds - 1) / folds);
            var testNegatives = part.Test.Length - testPositives;
            Assert.InRange(testNegatives, (n - positives) / folds, (n - positives + folds - 1) / folds);
            Assert.InRange(part.Test.Length, n / folds, (n + folds - 1) / folds);
        }
    }

    [Fact]
    public void Split_SameSeed_IsIdentical_DifferentSeed_Differs()
    {
        var y = Labels(300, 0.3, 9);
        var a = StratifiedKFold.Split(y, 5, 42);
        var b = StratifiedKFold.Split(y, 5, 42);
        Assert.Equal(a.Select(p => p.Test), b.Select(p => p.Test));
        var c = StratifiedKFold.Split(y, 5, 43);
        Assert.NotEqual(a[0].Test, c[0].Test);
    }

    [Fact]
    public void Split_BadArguments_Throw()
    {
        var y = Labels(10, 0.5, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedKFold.Split(y, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedKFold.Split(y, 11, 0));
        Assert.Throws<ArgumentException>(() => StratifiedKFold.Split(Vector<double>.Build.DenseOfArray(new[] { 0.0, 3.0 }), 2, 0));
    }

    internal static Vector<double> Labels(int n, double rate, ulong seed)
    {
        var rng = new Churn.Algorithms.SplitMix64(seed);
        return Vector<double>.Build.Dense(n, i => i < 2 ? i : rng.NextDouble() < rate ? 1.0 : 0.0);
    }
}
