using Churn.Algorithms.Linear;

namespace Churn.Tests.Algorithms.Linear;

[Trait("Kind", "Numeric")]
public sealed class HessianTilesTests
{
    [Theory]
    [InlineData(1, 13, true)]
    [InlineData(5, 300, false)]
    [InlineData(7, 517, true)]
    [InlineData(22, 1000, true)]
    public void AddUpper_AnyShapeWithTails_MatchesPlainSumsOnTheUpperTriangle(int d, int rows, bool fitIntercept)
    {
        var x = RandomProblems.Vector(10 + d, rows * d);
        var h = RandomProblems.Vector(20 + d, rows).Select(Math.Abs).ToArray();
        var p = d + (fitIntercept ? 1 : 0);
        var hess = new double[p * p];
        HessianTiles.AddUpper<TwoVector256>(h, x, rows, 0, d, fitIntercept, hess, new double[HessianTiles.BlockRows(d + 1) * d]);

        double Column(int j, int i) => j == d ? 1.0 : x[j * rows + i];
        for (var a = 0; a < p; a++)
            for (var b = 0; b < p; b++)
            {
                if (b < a)
                {
                    Assert.Equal(0.0, hess[a * p + b]); // lower triangle left to the caller
                    continue;
                }
                var expected = 0.0;
                for (var i = 0; i < rows; i++) expected += h[i] * Column(a, i) * Column(b, i);
                Assert.Equal(expected, hess[a * p + b], 1e-12 * rows);
            }
    }

    [Theory]
    [InlineData(3, 1003)]
    [InlineData(21, 2049)]
    public void AddUpper_OneVector512VersusTwoVector256_BitIdentical(int d, int rows)
    {
        var x = RandomProblems.Vector(30 + d, rows * d);
        var h = RandomProblems.Vector(40 + d, rows).Select(Math.Abs).ToArray();
        var p = d + 1;
        var wide = new double[p * p];
        var narrow = new double[p * p];
        HessianTiles.AddUpper<OneVector512>(h, x, rows, 0, d, true, wide, new double[HessianTiles.BlockRows(d + 1) * d]);
        HessianTiles.AddUpper<TwoVector256>(h, x, rows, 0, d, true, narrow, new double[HessianTiles.BlockRows(d + 1) * d]);
        Assert.Equal(narrow.Select(BitConverter.DoubleToInt64Bits), wide.Select(BitConverter.DoubleToInt64Bits));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(20)]
    [InlineData(21)]
    [InlineData(100)]
    public void EvenSplit_EvenRowNearHalfTheTriangle(int d)
    {
        var split = HessianTiles.EvenSplit(d);
        Assert.True(split % 2 == 0 && split > 0 && split < d, $"split {split} of {d}");
        long Entries(int from, int to) => Enumerable.Range(from, to - from).Sum(a => (long)(d - a));
        var total = Entries(0, d);
        // No other even split is nearer to half the entries.
        var gap = Math.Abs(2 * Entries(0, split) - total);
        for (var other = 2; other < d; other += 2)
            Assert.True(gap <= Math.Abs(2 * Entries(0, other) - total), $"split {split} ({Entries(0, split)} of {total}) against {other}");
    }

    [Fact]
    public void EvenSplit_FewerThanFourColumns_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HessianTiles.EvenSplit(3));
    }

    [Theory]
    [InlineData(20, 8192, true)]
    [InlineData(21, 3001, false)]
    public void AddUpper_SplitRows_SameBitsAsOneCall(int d, int rows, bool fitIntercept)
    {
        var x = RandomProblems.Vector(50 + d, rows * d);
        var h = RandomProblems.Vector(60 + d, rows).Select(Math.Abs).ToArray();
        var p = d + (fitIntercept ? 1 : 0);
        var scratch = HessianTiles.BlockRows(d) * d;
        var whole = new double[p * p];
        var split = new double[p * p];
        HessianTiles.AddUpper<TwoVector256>(h, x, rows, 0, d, fitIntercept, whole, new double[scratch]);
        var at = HessianTiles.EvenSplit(d);
        HessianTiles.AddUpper<TwoVector256>(h, x, rows, 0, d, fitIntercept, split, new double[scratch], at, d);
        HessianTiles.AddUpper<TwoVector256>(h, x, rows, 0, d, fitIntercept, split, new double[scratch], 0, at);
        Assert.Equal(whole.Select(BitConverter.DoubleToInt64Bits), split.Select(BitConverter.DoubleToInt64Bits));
    }
}
