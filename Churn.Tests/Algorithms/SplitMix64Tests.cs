using Churn.Algorithms;

namespace Churn.Tests.Algorithms;

[Trait("Kind", "Numeric")]
public class SplitMix64Tests
{
    [Fact]
    public void NextUInt64_Seed1234567_MatchesReferenceSequence()
    {
        // Reference outputs of Vigna's splitmix64.c for seed 1234567.
        var rng = new SplitMix64(1234567);
        ulong[] expected = [6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL, 4593380528125082431UL, 16408922859458223821UL];
        foreach (var e in expected)
            Assert.Equal(e, rng.NextUInt64());
    }

    [Fact]
    public void NextDouble_ManyDraws_InUnitIntervalWithMeanNearHalf()
    {
        var rng = new SplitMix64(7);
        var sum = 0.0;
        const int draws = 100_000;
        for (var i = 0; i < draws; i++)
        {
            var u = rng.NextDouble();
            Assert.InRange(u, 0.0, Math.BitDecrement(1.0));
            sum += u;
        }
        // SD of the mean is 1/sqrt(12 * 1e5) ~ 0.0009; 0.005 is > 5 SD.
        Assert.InRange(sum / draws, 0.495, 0.505);
    }

    [Fact]
    public void NextInt_SmallBound_CoversEveryValueRoughlyEqually()
    {
        var rng = new SplitMix64(3);
        var counts = new int[7];
        for (var i = 0; i < 70_000; i++) counts[rng.NextInt(7)]++;
        // Expected 10,000 each, SD ~ 93.
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }

    [Fact]
    public void NextInt_NonPositiveBound_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SplitMix64(1).NextInt(0));
        Assert.Contains("exclusiveMax=0", ex.Message);
    }

    [Fact]
    public void Shuffle_SameSeed_SamePermutationOfAllItems()
    {
        var a = Enumerable.Range(0, 50).ToList();
        var b = Enumerable.Range(0, 50).ToList();
        new SplitMix64(11).Shuffle(a);
        new SplitMix64(11).Shuffle(b);
        Assert.Equal(a, b);
        Assert.NotEqual(Enumerable.Range(0, 50), a);
        Assert.Equal(Enumerable.Range(0, 50), a.OrderBy(v => v));
    }
}
