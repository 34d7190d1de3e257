using Churn.Experiments.Experiments.Reports;

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
        new ModelsExperiment(),
    ];

    public static IExperiment Find(string name) =>
        All.FirstOrDefault(e => e.Name == name)
        ?? throw new Data.UsageException("unknown experiment '" + name + "'. Known: " +
                                             string.Join(", ", All.Select(e => e.Name)) + ", or 'all'.");

    /// <summary>Runs one experiment and writes its report into <paramref name="outRoot"/>/NAME; returns that folder.</summary>
    public static string Run(IExperiment experiment, string repositoryRoot, int seed, string outRoot, IProgress<string> progress)
    {
        var report = new ReportBuilder(experiment.Name, experiment.Title, seed);
        experiment.Run(new ExperimentContext(repositoryRoot, seed, progress), report);
        var directory = Path.Combine(outRoot, experiment.Name);
        report.Write(directory);
        return directory;
    }
}
