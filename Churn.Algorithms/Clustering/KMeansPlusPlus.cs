namespace Churn.Algorithms.Clustering;

/// <summary>
/// Greedy k-means++ seeding (Arthur &amp; Vassilvitskii 2007, as scikit-learn's _kmeans_plusplus):
/// the first centre is a uniformly drawn row; each further centre is the best of
/// 2 + floor(ln k) candidate rows, drawn with probability proportional to their squared distance
/// to the closest centre chosen so far, "best" meaning the lowest total potential
/// (sum of closest squared distances) after adding it (first candidate on ties).
/// </summary>
internal static class KMeansPlusPlus
{
    /// <summary>Returns k x d row-major centres and the row index each was taken from.</summary>
    internal static (double[] Centers, int[] Indices) Init(KMeansData data, int k, SplitMix64 random)
    {
        var n = data.Rows;
        var d = data.Features;
        var trials = 2 + (int)Math.Log(k);
        var centers = new double[k * d];
        var indices = new int[k];

        var first = random.NextInt(n);
        indices[0] = first;
        LloydStep.CopyRow(data, first, centers.AsSpan(0, d));

        var closest = new double[n];
        LloydStep.DistancesTo(data, centers.AsSpan(0, d), closest);
        var potential = 0.0;
        for (var i = 0; i < n; i++) potential += closest[i];
        if (k == 1)
            return (centers, indices);

        var cumulative = new double[n];
        var candidates = new int[trials];
        var candidateDistances = new double[trials][];
        for (var t = 0; t < trials; t++) candidateDistances[t] = new double[n];

        for (var c = 1; c < k; c++)
        {
            var running = 0.0;
            for (var i = 0; i < n; i++)
            {
                running += closest[i];
                cumulative[i] = running;
            }
            for (var t = 0; t < trials; t++)
            {
                var r = random.NextDouble() * potential;
                // First index whose cumulative sum reaches r (numpy searchsorted, side="left"); clipped to n-1.
                candidates[t] = Math.Min(LowerBound(cumulative, r), n - 1);
            }

            var bestTrial = 0;
            var bestPotential = double.PositiveInfinity;
            for (var t = 0; t < trials; t++)
            {
                var candidate = new double[d];
                LloydStep.CopyRow(data, candidates[t], candidate);
                var dist = candidateDistances[t];
                LloydStep.DistancesTo(data, candidate, dist);
                var total = 0.0;
                for (var i = 0; i < n; i++)
                {
                    var m = dist[i] < closest[i] ? dist[i] : closest[i];
                    dist[i] = m;
                    total += m;
                }
                if (total < bestPotential)
                {
                    bestPotential = total;
                    bestTrial = t;
                }
            }

            potential = bestPotential;
            (closest, candidateDistances[bestTrial]) = (candidateDistances[bestTrial], closest);
            indices[c] = candidates[bestTrial];
            LloydStep.CopyRow(data, indices[c], centers.AsSpan(c * d, d));
        }
        return (centers, indices);
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (sorted[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
