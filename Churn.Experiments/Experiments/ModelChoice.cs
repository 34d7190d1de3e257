using System.Collections.Concurrent;

namespace Churn.Experiments.Experiments;

/// <summary>
/// Which kind a report built on the linear model uses instead: among the other kinds whose fold-wise AUC
/// improvement over the linear model (same folds) exceeds one paired standard error, the one with the highest
/// CV AUC; the linear model (the default of `churn train`) when none does. <see cref="Challenger"/> is that
/// winner, or, when nothing wins, the other kind with the highest CV AUC (what the report says fell short);
/// <see cref="Improvement"/> ± <see cref="StandardError"/> is the challenger's paired difference from linear.
/// The question differs from <see cref="ModelVerdict"/> (the simplest kind as good as the best): a report
/// leaves its default only for a kind that ranks customers better beyond noise.
/// </summary>
public sealed record ReportModelChoice(KindResult Linear, KindResult Chosen, KindResult? Challenger, double Improvement, double StandardError)
{
    /// <summary>Every kind but linear, highest CV AUC first.</summary>
    public IReadOnlyList<KindResult> Others { get; init; } = [];

    public bool Switched => !ReferenceEquals(Chosen, Linear);

    public static ReportModelChoice Choose(IReadOnlyList<KindResult> kinds)
    {
        var linear = kinds.FirstOrDefault(k => k.Spec.Kind == ModelKind.Linear)
                     ?? throw new ArgumentException("The comparison has no linear kind to measure the others against.", nameof(kinds));
        var others = kinds.Where(k => !ReferenceEquals(k, linear))
            .Select(k => (Kind: k, Paired: DatasetComparison.Paired(k, linear)))
            .OrderByDescending(k => k.Kind.CvAucMean).ThenBy(k => k.Kind.Spec.Complexity).ToList();
        if (others.Count == 0) return new ReportModelChoice(linear, linear, null, 0, 0);
        var winners = others.Where(k => k.Paired.Mean > k.Paired.StandardError).ToList();
        var (challenger, (improvement, se)) = winners.Count > 0 ? winners[0] : others[0];
        return new ReportModelChoice(linear, winners.Count > 0 ? challenger : linear, challenger, improvement, se) { Others = others.Select(k => k.Kind).ToList() };
    }
}

/// <summary>
/// Model comparisons computed once per process: the models experiment and the reports that pick their model
/// from it (case-study, labelled-us) ask for the same comparison, so `experiment all` pays for it once.
/// The key holds everything the result depends on (dataset, data hash, folds, seed, kinds, code version),
/// so a hit returns exactly what a fresh computation would.
/// </summary>
public sealed class ComparisonCache
{
    /// <summary>The process-wide cache every <see cref="ExperimentContext"/> uses unless given another.</summary>
    public static ComparisonCache Shared { get; } = new();

    private readonly ConcurrentDictionary<string, Lazy<DatasetComparison>> entries = new(StringComparer.Ordinal);

    public DatasetComparison GetOrCompute(string key, Func<DatasetComparison> compute) =>
        entries.GetOrAdd(key, _ => new Lazy<DatasetComparison>(compute, LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}
