using Churn.Algorithms;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Metrics;

/// <summary>Seeded random label/score sets for the property tests (both classes always present).</summary>
internal static class RankingData
{
    /// <summary>n rows, label 1 with probability positiveRate; scores rounded to `decimals` decimals (-1: not rounded).</summary>
    public static (Vector<double> Y, Vector<double> Scores) Create(int n, ulong seed, double positiveRate = 0.4, int decimals = -1)
    {
        var rng = new SplitMix64(seed);
        var y = new double[n];
        var s = new double[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = i == 0 ? 0.0 : i == 1 ? 1.0 : rng.NextDouble() < positiveRate ? 1.0 : 0.0;
            // Signal plus noise, spread over negative and positive values.
            var score = 0.8 * y[i] + (rng.NextDouble() + rng.NextDouble() + rng.NextDouble() - 1.5);
            s[i] = decimals >= 0 ? Math.Round(score, decimals) : score;
        }
        return (Vector<double>.Build.DenseOfArray(y), Vector<double>.Build.DenseOfArray(s));
    }

    /// <summary>O(n^2) oracle: share of (positive, negative) pairs ranked correctly, ties count 1/2.</summary>
    public static double PairCountingAuc(Vector<double> y, Vector<double> s)
    {
        var labels = y.ToArray();
        var scores = s.ToArray();
        var negatives = scores.Where((_, j) => labels[j] == 0.0).ToArray();
        double concordant = 0, pairs = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] != 1.0) continue;
            var si = scores[i];
            foreach (var sj in negatives)
            {
                pairs++;
                concordant += si > sj ? 1.0 : si == sj ? 0.5 : 0.0;
            }
        }
        return concordant / pairs;
    }
}
