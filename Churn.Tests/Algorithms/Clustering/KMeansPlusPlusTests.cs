using Churn.Algorithms;
using Churn.Algorithms.Clustering;

namespace Churn.Tests.Algorithms.Clustering;

[Trait("Kind", "Numeric")]
public sealed class KMeansPlusPlusTests
{
    /// <summary>
    /// The fused, checkpointed seeding must pick exactly the rows of the plain algorithm: one distance array per
    /// candidate, a full cumulative-sum array and a binary search on it (the pre-optimisation implementation).
    /// </summary>
    [Theory]
    [InlineData(1000, 1, 3)]
    [InlineData(1000, 2, 4)]
    [InlineData(5003, 3, 4)]
    [InlineData(777, 4, 8)]
    [InlineData(1500, 5, 6)]   // wider than the unrolled kernels
    [InlineData(3000, 3, 60)]  // 6 candidates: two lane groups
    [InlineData(257, 3, 2)]    // one row past a block boundary
    public void Init_RandomData_SameRowsAsPlainCumulativeSearch(int n, int d, int k)
    {
        var data = RandomData(n, d, (ulong)(n + d + k));
        for (var seed = 1UL; seed <= 3; seed++)
        {
            var (_, fast) = KMeansPlusPlus.Init(data, k, new SplitMix64(seed), new SeedingWorkspace(n));
            var plain = PlainInit(data, k, new SplitMix64(seed));
            Assert.Equal(plain, fast);
        }
    }

    private static KMeansData RandomData(int n, int d, ulong seed)
    {
        var random = new SplitMix64(seed);
        var values = new double[n * d];
        // Clustered-ish values with duplicates, so ties and zero distances occur.
        for (var i = 0; i < values.Length; i++) values[i] = Math.Round(random.NextDouble() * 20) / 4 - 2.5;
        return KMeansData.FromFeatureMajor(values, n, d);
    }

    private static double Distance(KMeansData data, int i, int j)
    {
        var s = 0.0;
        for (var f = 0; f < data.Features; f++)
        {
            var t = data.Values[data.Index(i, f)] - data.Values[data.Index(j, f)];
            s += t * t;
        }
        return s;
    }

    private static int[] PlainInit(KMeansData data, int k, SplitMix64 random)
    {
        var n = data.Rows;
        var trials = 2 + (int)Math.Log(k);
        var indices = new int[k];
        indices[0] = random.NextInt(n);
        var closest = new double[n];
        for (var i = 0; i < n; i++) closest[i] = Distance(data, i, indices[0]);
        var potential = 0.0;
        for (var i = 0; i < n; i++) potential += closest[i];
        var cumulative = new double[n];
        for (var c = 1; c < k; c++)
        {
            var running = 0.0;
            for (var i = 0; i < n; i++) cumulative[i] = running += closest[i];
            var candidates = new int[trials];
            for (var t = 0; t < trials; t++)
            {
                var r = random.NextDouble() * potential;
                var lo = 0;
                while (lo < n && cumulative[lo] < r) lo++;
                candidates[t] = Math.Min(lo, n - 1);
            }
            double[]? best = null;
            var bestTotal = double.PositiveInfinity;
            var bestTrial = 0;
            for (var t = 0; t < trials; t++)
            {
                var dist = new double[n];
                var total = 0.0;
                for (var i = 0; i < n; i++)
                {
                    var s = Distance(data, i, candidates[t]);
                    dist[i] = s < closest[i] ? s : closest[i];
                    total += dist[i];
                }
                if (total < bestTotal)
                {
                    bestTotal = total;
                    best = dist;
                    bestTrial = t;
                }
            }
            potential = bestTotal;
            closest = best!;
            indices[c] = candidates[bestTrial];
        }
        return indices;
    }
}
