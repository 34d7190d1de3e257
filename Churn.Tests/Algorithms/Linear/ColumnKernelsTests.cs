using Churn.Algorithms.Linear;

namespace Churn.Tests.Algorithms.Linear;

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
}
