using System.Runtime.Intrinsics;
using Churn.Algorithms.Linear;

namespace Churn.Tests.Algorithms.Linear;

[Trait("Kind", "Numeric")]
public sealed class ResidualKernelsTests
{
    public static TheoryData<int> Lengths() => new() { 0, 1, 7, 8, 9, 15, 16, 17, 24, 1001 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Reductions_AnyLengthIncludingTails_MatchPlainLoops(int length)
    {
        var a = RandomProblems.Vector(11, length);
        var b = RandomProblems.Vector(12, length);
        var v = RandomProblems.Vector(13, length).Select(Math.Abs).ToArray();
        double dot = 0, squares = 0;
        for (var i = 0; i < length; i++)
        {
            dot += a[i] * b[i];
            squares += v[i] * b[i] * b[i];
        }
        var scale = 1e-13 * Math.Max(1, length);
        Assert.Equal(dot, ResidualKernels.Dot(a, b), scale);
        Assert.Equal(squares, ResidualKernels.WeightedSquares(v, b), scale);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Reductions_BothLaneWidths_BitIdentical(int length)
    {
        var a = RandomProblems.Vector(21, length);
        var b = RandomProblems.Vector(22, length);
        var narrow = ResidualKernels.Dot<TwoVector256>(a, b);
        if (!Vector512.IsHardwareAccelerated) return;
        Assert.Equal(narrow, ResidualKernels.Dot<OneVector512>(a, b));
        Assert.Equal(ResidualKernels.WeightedSquares<TwoVector256>(a, b), ResidualKernels.WeightedSquares<OneVector512>(a, b));
        var r1 = RandomProblems.Vector(23, length);
        var r2 = (double[])r1.Clone();
        var d1 = ResidualKernels.StepThenDot<TwoVector256>(r1, 0.3, a, b, a, true);
        var d2 = ResidualKernels.StepThenDot<OneVector512>(r2, 0.3, a, b, a, true);
        Assert.Equal(d1, d2);
        Assert.Equal(r1, r2);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void StepThenDot_AnyLength_ExactlyStepThenDot(int length)
    {
        var r = RandomProblems.Vector(31, length);
        var v = RandomProblems.Vector(32, length).Select(Math.Abs).ToArray();
        var x = RandomProblems.Vector(33, length);
        var next = RandomProblems.Vector(34, length);
        var fused = (double[])r.Clone();
        var separate = (double[])r.Clone();

        var dot = ResidualKernels.StepThenDot(fused, -0.7, v, x, next);
        ResidualKernels.Step(separate, -0.7, v, x);

        for (var i = 0; i < length; i++) Assert.Equal(Math.FusedMultiplyAdd(0.7 * v[i], x[i], r[i]), separate[i]);
        Assert.Equal(separate, fused);
        Assert.Equal(ResidualKernels.Dot(separate, next), dot);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void FusedSquares_AnyLength_SameBitsAsSeparateKernels(int length)
    {
        var r = RandomProblems.Vector(41, length);
        var v = RandomProblems.Vector(42, length).Select(Math.Abs).ToArray();
        var x = RandomProblems.Vector(43, length);
        var next = RandomProblems.Vector(44, length);
        var fused = (double[])r.Clone();
        var separate = (double[])r.Clone();

        var dot = ResidualKernels.StepThenDotAndSquares(fused, 0.4, v, x, next, out var squares);
        var expectedDot = ResidualKernels.StepThenDot(separate, 0.4, v, x, next);
        Assert.Equal(separate, fused);
        Assert.Equal(expectedDot, dot);
        Assert.Equal(ResidualKernels.WeightedSquares(v, next), squares);

        var plainDot = ResidualKernels.DotAndSquares(fused, v, next, out var plainSquares);
        Assert.Equal(separate, fused);
        Assert.Equal(ResidualKernels.Dot(fused, next), plainDot);
        Assert.Equal(squares, plainSquares);
        if (!Vector512.IsHardwareAccelerated) return;
        var narrow = (double[])r.Clone();
        var wide = (double[])r.Clone();
        Assert.Equal(ResidualKernels.StepThenDotAndSquares<TwoVector256>(narrow, 0.4, v, x, next, out var s1),
            ResidualKernels.StepThenDotAndSquares<OneVector512>(wide, 0.4, v, x, next, out var s2));
        Assert.Equal(s1, s2);
        Assert.Equal(narrow, wide);
    }
}
