namespace Churn.Experiments.Experiments;

/// <summary>Why the case study prefers the C it prefers (the report words it).</summary>
public enum PreferenceCase
{
    /// <summary>Only one C was tried.</summary>
    OnlyCandidate,

    /// <summary>The strongest penalty also has the best mean AUC, by less than the spread of the repeat means.</summary>
    StrongestAndBestWithinNoise,

    /// <summary>The strongest penalty also has the best mean AUC, by more than the spread.</summary>
    StrongestAndBestBeyondNoise,

    /// <summary>A weaker penalty scores higher, but by less than the spread: the strongest penalty is kept.</summary>
    StrongestWithinNoise,

    /// <summary>A weaker penalty scores higher by more than the spread and is chosen.</summary>
    BestBeyondNoise,
}

/// <summary>
/// The preferred penalty: higher mean AUC over the repeated CV wins; when two are closer than the SD of the repeat
/// means, the strongest penalty (smallest C) wins: with far more features than churners it is the more stable model.
/// <see cref="Other"/> is the candidate it was compared with, <see cref="Gap"/> their difference in mean AUC and
/// <see cref="Spread"/> the larger SD of their repeat means.
/// </summary>
public sealed record PenaltyPreference(PenaltyFit Chosen, PreferenceCase Case, PenaltyFit? Other, double Gap, double Spread)
{
    public static PenaltyPreference Choose(IReadOnlyList<PenaltyFit> fits)
    {
        var best = fits.OrderByDescending(f => f.RepeatedMean).First();
        var strongest = fits.OrderBy(f => f.C).First();
        if (best == strongest)
        {
            var runnerUp = fits.Where(f => f != best).OrderByDescending(f => f.RepeatedMean).FirstOrDefault();
            if (runnerUp is null) return new PenaltyPreference(best, PreferenceCase.OnlyCandidate, null, 0, 0);
            var lead = best.RepeatedMean - runnerUp.RepeatedMean;
            var spread = Math.Max(best.RepeatedSd, runnerUp.RepeatedSd);
            return new PenaltyPreference(best, lead < spread ? PreferenceCase.StrongestAndBestWithinNoise : PreferenceCase.StrongestAndBestBeyondNoise,
                runnerUp, lead, spread);
        }
        var gap = best.RepeatedMean - strongest.RepeatedMean;
        var noise = Math.Max(best.RepeatedSd, strongest.RepeatedSd);
        return gap < noise
            ? new PenaltyPreference(strongest, PreferenceCase.StrongestWithinNoise, best, gap, noise)
            : new PenaltyPreference(best, PreferenceCase.BestBeyondNoise, strongest, gap, noise);
    }
}
