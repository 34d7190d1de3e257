using System.Runtime.Intrinsics;
using Churn.Algorithms.Linear;

namespace Churn.Tests.Algorithms.Linear;

[Trait("Kind", "Numeric")]
public sealed class LogisticMathTests
{
    private static double Ulp(double v) => Math.BitIncrement(Math.Abs(v)) - Math.Abs(v);

    [Fact]
    public void ExpNonPositive_SeededArguments_WithinOneUlpOfMathExp()
    {
        var random = new Random(7);
        var worst = 0.0;
        for (var i = 0; i < 20_000; i++)
        {
            var t = (i % 3) switch
            {
                0 => -708 * random.NextDouble(),
                1 => -40 * random.NextDouble(),
                _ => -1e-3 * random.NextDouble(),
            };
            var expected = Math.Exp(t);
            var actual = LogisticMath.ExpNonPositive(Vector256.Create(t)).GetElement(0);
            worst = Math.Max(worst, Math.Abs(actual - expected) / Ulp(expected));
        }
        Assert.True(worst <= 1.0, "worst error " + worst + " ulp");
    }

    [Fact]
    public void ExpNonPositive_Ends_ExactOneAndTinyPositiveBelowRange()
    {
        var values = LogisticMath.ExpNonPositive(Vector256.Create(0.0, -1e-300, -800.0, double.NegativeInfinity));
        Assert.Equal(1.0, values.GetElement(0));
        Assert.Equal(1.0, values.GetElement(1));
        Assert.Equal(Math.Exp(-708), values.GetElement(2), Math.Exp(-708) * 1e-15);
        Assert.Equal(Math.Exp(-708), values.GetElement(3), Math.Exp(-708) * 1e-15);
    }

    [Fact]
    public void Log1PAndInverse_DyadicArguments_WithinOneUlpOfMathLog()
    {
        // 1 + e is exact for e = k / 2^20, so Math.Log(1 + e) is a correctly rounded reference up to 0.5 ulp.
        var random = new Random(8);
        var worst = 0.0;
        var worstInverse = 0.0;
        for (var i = 0; i < 20_000; i++)
        {
            var e = random.Next(0, (1 << 20) + 1) / (double)(1 << 20);
            var actual = LogisticMath.Log1PAndInverse(Vector256.Create(e), out var inverse).GetElement(0);
            var expected = Math.Log(1 + e);
            if (expected > 0) worst = Math.Max(worst, Math.Abs(actual - expected) / Ulp(expected));
            else Assert.Equal(0.0, actual);
            worstInverse = Math.Max(worstInverse, Math.Abs(inverse.GetElement(0) - 1 / (1 + e)) / Ulp(1 / (1 + e)));
        }
        Assert.True(worst <= 1.0, "worst error " + worst + " ulp");
        Assert.True(worstInverse <= 2.0, "worst inverse error " + worstInverse + " ulp");
    }

    [Fact]
    public void Log1PAndInverse_TinyArguments_KeepsWhatRoundingOnePlusELoses()
    {
        var random = new Random(9);
        for (var i = 0; i < 2_000; i++)
        {
            var e = Math.Exp(-18 - 600 * random.NextDouble()); // 1 + e rounds to 1 or nearly
            var expected = e - e * e / 2 + e * e * e / 3;
            var actual = LogisticMath.Log1PAndInverse(Vector256.Create(e), out _).GetElement(0);
            Assert.True(Math.Abs(actual - expected) <= Ulp(expected), e + ": " + actual + " vs " + expected);
        }
    }

    [Fact]
    public void EightLanes_SameArguments_BitIdenticalToFourLanes()
    {
        var random = new Random(10);
        for (var i = 0; i < 1_000; i++)
        {
            var t = new double[8];
            for (var k = 0; k < 8; k++) t[k] = -Math.Exp(6.6 * random.NextDouble() - 5) * random.NextDouble();
            var wide = LogisticMath.ExpNonPositive(Vector512.Create(t));
            var wideLog = LogisticMath.Log1PAndInverse(wide, out var wideInverse);
            for (var half = 0; half < 2; half++)
            {
                var narrow = LogisticMath.ExpNonPositive(Vector256.Create(t.AsSpan(4 * half, 4)));
                var narrowLog = LogisticMath.Log1PAndInverse(narrow, out var narrowInverse);
                Assert.Equal(half == 0 ? wide.GetLower() : wide.GetUpper(), narrow);
                Assert.Equal(half == 0 ? wideLog.GetLower() : wideLog.GetUpper(), narrowLog);
                Assert.Equal(half == 0 ? wideInverse.GetLower() : wideInverse.GetUpper(), narrowInverse);
            }
        }
    }
}
