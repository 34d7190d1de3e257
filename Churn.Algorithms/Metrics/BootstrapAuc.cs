namespace Churn.Algorithms.Metrics;

/// <summary>
/// Percentile confidence interval for ROC AUC by stratified bootstrap: each resample draws P positives
/// with replacement from the P positives and N negatives from the N negatives (so both classes are always
/// present), and its AUC is computed exactly as <see cref="RocAuc"/> on the resampled rows. The bounds
/// are the (1 - level)/2 and (1 + level)/2 quantiles of the resampled AUCs with linear interpolation
/// (numpy's default percentile). Resample r uses a <see cref="SplitMix64"/> seeded with the r-th draw
/// of a master SplitMix64(seed), drawn before any parallel work, so the result does not depend on
/// the thread count.
/// </summary>
public static class BootstrapAuc
{
    public static (double Lower, double Upper) ConfidenceInterval(
        Vector<double> y, Vector<double> s, int resamples, double level, int seed)
    {
        Guard.AtLeast(resamples, 1, nameof(resamples));
        Guard.InOpenInterval(level, 0.0, 1.0, nameof(level));
        var ranked = RankedScores.Create(y, s, "Bootstrap ROC AUC");
        var pos = ranked.Positives;
        var neg = ranked.Negatives;

        var master = new SplitMix64(unchecked((ulong)seed));
        var seeds = new ulong[resamples];
        for (var r = 0; r < resamples; r++)
            seeds[r] = master.NextUInt64();

        var aucs = new double[resamples];
        Parallel.For(0, resamples,
            () => (new int[pos.Length], new int[neg.Length]),
            (r, _, buffers) =>
            {
                var (posWeights, negWeights) = buffers;
                Array.Clear(posWeights);
                Array.Clear(negWeights);
                var rng = new SplitMix64(seeds[r]);
                for (var k = 0; k < pos.Length; k++) posWeights[rng.NextInt(pos.Length)]++;
                for (var k = 0; k < neg.Length; k++) negWeights[rng.NextInt(neg.Length)]++;
                aucs[r] = WeightedAuc(pos, posWeights, neg, negWeights);
                return buffers;
            },
            _ => { });

        Array.Sort(aucs);
        return (Quantile(aucs, (1.0 - level) / 2.0), Quantile(aucs, (1.0 + level) / 2.0));
    }

    /// <summary>AUC of sorted keys where key i occurs weight[i] times (integer weights, exact count).</summary>
    internal static double WeightedAuc(ulong[] pos, int[] posWeights, ulong[] neg, int[] negWeights)
    {
        long total = 0, positives = 0, negatives = 0, negativesBelow = 0;
        foreach (var w in negWeights) negatives += w;
        int i = 0, j = 0;
        while (i < pos.Length)
        {
            var key = pos[i];
            while (j < neg.Length && neg[j] < key) negativesBelow += negWeights[j++];
            long negativesEqual = 0;
            for (var e = j; e < neg.Length && neg[e] == key; e++) negativesEqual += negWeights[e];
            long positivesHere = 0;
            while (i < pos.Length && pos[i] == key) positivesHere += posWeights[i++];
            positives += positivesHere;
            total += positivesHere * (2 * negativesBelow + negativesEqual);
        }
        return total / (2.0 * positives * negatives);
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
