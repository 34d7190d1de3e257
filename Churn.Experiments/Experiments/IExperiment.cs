namespace Churn.Experiments.Experiments;

/// <summary>One experiment: reads the shipped data, computes, and fills a report. One class per experiment.</summary>
public interface IExperiment
{
    /// <summary>Folder and command name, e.g. "segmentation".</summary>
    string Name { get; }

    /// <summary>Title of the report.</summary>
    string Title { get; }

    void Run(ExperimentContext context, Reports.ReportBuilder report);
}

/// <summary>What every experiment gets: where the data is, the seed, and where to say how far it got.</summary>
public sealed class ExperimentContext(string repositoryRoot, int seed, IProgress<string> progress)
{
    /// <summary>Model comparisons shared between experiments (the models experiment and the reports that pick a model from it).</summary>
    public ComparisonCache Comparisons => ComparisonCache.Shared;

    public string RepositoryRoot { get; } = repositoryRoot;

    public int Seed { get; } = seed;

    public IProgress<string> Progress { get; } = progress;

    /// <summary>
    /// Path of a reference golden (scikit-learn/statsmodels results written by notebooks/reference/golden_*.py),
    /// kept beside the scripts so the product never reads the test tree; the tests read the same files.
    /// </summary>
    public string Golden(string file) => Path.Combine(RepositoryRoot, "notebooks", "reference", "golden", file);

    /// <summary>Path of a shipped raw file, e.g. Raw("churn-bigml-80.csv").</summary>
    public string Raw(string fileName) => Path.Combine(RepositoryRoot, "data", "raw", fileName);
}
