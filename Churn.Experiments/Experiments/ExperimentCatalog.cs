namespace Churn.Experiments.Experiments;

/// <summary>Every experiment, in the order `experiment all` runs them.</summary>
public static class ExperimentCatalog
{
    public static IReadOnlyList<IExperiment> All { get; } =
    [
        new SegmentationExperiment(),
        new ProxyAuditExperiment(),
        new CaseStudyExperiment(),
        new LabelledUsExperiment(),
        new ReferenceCheckExperiment(),
    ];

    public static IExperiment Find(string name) =>
        All.FirstOrDefault(e => e.Name == name)
        ?? throw new Commands.UsageException("unknown experiment '" + name + "'. Known: " +
                                             string.Join(", ", All.Select(e => e.Name)) + ", or 'all'.");
}
