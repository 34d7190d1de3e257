using Churn.Algorithms.Linear;

namespace Churn.Tests.Algorithms.Linear;

[Trait("Kind", "Numeric")]
public sealed class ColumnKernelsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(1001)]
    public void Reductions_AnyLengthIncludingTails_MatchPlainLoops(int length)
    {
        var a = RandomProblems.Vector(1, length);
        var b = RandomProblems.Vector(2, length);
        double dot = 0, sum = 0, centred = 0;
        for (var i = 0; i < length; i++)
        {
            dot += a[i] * b[i];
            sum += a[i];
            centred += (a[i] - 0.25) * (b[i] + 1.5);
        }
        var scale = 1e-13 * Math.Max(1, length);
        Assert.Equal(dot, ColumnKernels.Dot(a, b), scale);
        Assert.Equal(sum, ColumnKernels.Sum(a), scale);
        Assert.Equal(centred, ColumnKernels.CentredDot(a, 0.25, b, -1.5), scale);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(16)]
    public void ElementWise_AnyLength_ExactlyTheScalarOperations(int length)
    {
        var a = RandomProblems.Vector(3, length);
        var b = RandomProblems.Vector(4, length);
        var product = new double[length];
        ColumnKernels.Multiply(a, b, product);
        var z = (double[])b.Clone();
        ColumnKernels.AddScaled(z, 0.7, a);
        for (var i = 0; i < length; i++)
        {
            Assert.Equal(a[i] * b[i], product[i]);
            Assert.Equal(Math.FusedMultiplyAdd(0.7, a[i], b[i]), z[i]);
        }
    }

    [Theory]
    [InlineData(3, true, 1)]
    [InlineData(3, true, 23)]
    [InlineData(4, false, 22)]
    [InlineData(1, true, 9)]
    [InlineData(2, false, 6)]
    public void SmallGram_AnyShapeUpToFourParameters_MatchesPlainSums(int features, bool intercept, int length)
    {
        const int rows = 40;
        const int start = 5;
        var x = RandomProblems.Vector(5, rows * features);
        var r = RandomProblems.Vector(6, length);
        var h = RandomProblems.Vector(7, length).Select(Math.Abs).ToArray();
        var p = features + (intercept ? 1 : 0);
        double C(int i, int j) => j < features ? x[j * rows + start + i] : 1.0;
        var gradient = new double[p];
        var hessian = new double[p * p];
        ColumnKernels.SmallGram(r, h, x, rows, start, features, intercept, gradient, hessian);
        for (var j = 0; j < p; j++)
        {
            var g = 0.0;
            for (var i = 0; i < length; i++) g += r[i] * C(i, j);
            Assert.Equal(g, gradient[j], 1e-12);
            for (var k = 0; k < p; k++)
            {
                var expected = 0.0;
                if (k >= j)
                    for (var i = 0; i < length; i++) expected += h[i] * C(i, j) * C(i, k);
                Assert.Equal(expected, hessian[j * p + k], 1e-12); // lower triangle left untouched (0)
            }
        }
    }
}
