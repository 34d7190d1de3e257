using Churn.Algorithms.Linear;

namespace Churn.Tests.Algorithms.Linear;

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
            var actual = LogisticMath.ExpNonPositive(TwoVector256.Create(t))[0];
            worst = Math.Max(worst, Math.Abs(actual - expected) / Ulp(expected));
        }
        Assert.True(worst <= 1.0, "worst error " + worst + " ulp");
    }

    [Fact]
    public void ExpNonPositive_Ends_ExactOneAndTinyPositiveBelowRange()
    {
        double[] t = [0.0, -1e-300, -800.0, double.NegativeInfinity, 0, 0, 0, 0];
        var values = LogisticMath.ExpNonPositive(TwoVector256.Load(ref t[0], 0));
        Assert.Equal(1.0, values[0]);
        Assert.Equal(1.0, values[1]);
        Assert.Equal(Math.Exp(-708), values[2], Math.Exp(-708) * 1e-15);
        Assert.Equal(Math.Exp(-708), values[3], Math.Exp(-708) * 1e-15);
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
            var actual = LogisticMath.Log1PAndInverse(TwoVector256.Create(e), out var inverse)[0];
            var expected = Math.Log(1 + e);
            if (expected > 0) worst = Math.Max(worst, Math.Abs(actual - expected) / Ulp(expected));
            else Assert.Equal(0.0, actual);
            worstInverse = Math.Max(worstInverse, Math.Abs(inverse[0] - 1 / (1 + e)) / Ulp(1 / (1 + e)));
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
            var actual = LogisticMath.Log1P(e);
            Assert.True(Math.Abs(actual - expected) <= Ulp(expected), e + ": " + actual + " vs " + expected);
        }
    }

    [Fact]
    public void OneVector512_SameArguments_BitIdenticalToTwoVector256()
    {
        // The two layouts of eight lanes must compute the same bits (AVX-512 and AVX2 machines agree).
        var random = new Random(10);
        for (var i = 0; i < 1_000; i++)
        {
            var t = new double[8];
            for (var k = 0; k < 8; k++) t[k] = -Math.Exp(6.6 * random.NextDouble() - 5) * random.NextDouble();
            var wide = LogisticMath.ExpNonPositive(OneVector512.Load(ref t[0], 0));
            var wideLog = LogisticMath.Log1PAndInverse(wide, out var wideInverse);
            var narrow = LogisticMath.ExpNonPositive(TwoVector256.Load(ref t[0], 0));
            var narrowLog = LogisticMath.Log1PAndInverse(narrow, out var narrowInverse);
            for (var lane = 0; lane < 8; lane++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(wide[lane]), BitConverter.DoubleToInt64Bits(narrow[lane]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(wideLog[lane]), BitConverter.DoubleToInt64Bits(narrowLog[lane]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(wideInverse[lane]), BitConverter.DoubleToInt64Bits(narrowInverse[lane]));
            }
            Assert.Equal(BitConverter.DoubleToInt64Bits(wideLog.Sum()), BitConverter.DoubleToInt64Bits(narrowLog.Sum()));
        }
    }
}
