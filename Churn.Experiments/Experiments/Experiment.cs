using Churn.Experiments.Experiments.Reports;

namespace Churn.Experiments.Experiments;

/// <summary>What every experiment's result says besides its numbers: the data files it read (their hashes go into metrics.json).</summary>
public interface IExperimentResult
{
    IReadOnlyList<string> DataFiles { get; }
}

/// <summary>
/// An experiment in two steps: <see cref="Compute"/> reads the data and returns a result record (numbers, curves,
/// decisions; no prose, nothing written), then <see cref="Write"/> turns that result into the report's prose,
/// metrics.json keys and figures. Nothing computed is typed into the prose: the writer formats it from the result.
/// </summary>
public abstract class Experiment<TResult>(string name, string title) : IExperiment
    where TResult : IExperimentResult
{
    public string Name { get; } = name;

    public string Title { get; } = title;

    public abstract TResult Compute(ExperimentContext context);

    public void Run(ExperimentContext context, ReportBuilder report)
    {
        var result = Compute(context);
        report.UsesData(result.DataFiles, context.RepositoryRoot);
        Write(result, report);
    }

    protected abstract void Write(TResult result, ReportBuilder report);
}
