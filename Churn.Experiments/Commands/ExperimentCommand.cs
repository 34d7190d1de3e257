using System.Diagnostics;
using Churn.Experiments.Experiments;
using Churn.Experiments.Experiments.Reports;

namespace Churn.Experiments.Commands;

/// <summary>`churn experiment NAME|all [--seed 42] [--out reports]`: runs experiments and writes their reports.</summary>
public static class ExperimentCommand
{
    public static Verb Verb { get; } = new("experiment", "run one experiment or all of them, writing reports/NAME/",
    [
        VerbOption.Value("seed", "S", "random seed", "42"),
        VerbOption.Value("out", "FOLDER", "folder the report folders go under (default: the repository's reports/)"),
    ], Run)
    {
        Arguments = new VerbArguments("NAME", "the experiment (" + string.Join(", ", ExperimentCatalog.All.Select(e => e.Name)) + ") or all", 1),
    };

    public static int Run(CommandLine cl, CommandConsole console)
    {
        if (cl.Positional.Count != 1)
            throw new UsageException("'experiment' needs one name: " + string.Join(", ", ExperimentCatalog.All.Select(e => e.Name)) + " or all.");
        var name = cl.Positional[0];
        var seed = cl.Int("seed");
        var root = Provenance.RepositoryRoot()
                   ?? throw new UsageException("run 'churn experiment' inside the repository (Churn.sln not found above the current folder).");
        var outRoot = cl.Optional("out") is { } o ? Path.GetFullPath(o) : Path.Combine(root, "reports");
        var experiments = name == "all" ? ExperimentCatalog.All : [ExperimentCatalog.Find(name)];
        foreach (var (experiment, index) in experiments.Select((e, i) => (e, i)))
        {
            var watch = Stopwatch.StartNew();
            console.Progress(string.Format(CultureInfo.InvariantCulture, "[{0}/{1}] {2}", index + 1, experiments.Count, experiment.Name));
            var directory = ExperimentCatalog.Run(experiment, root, seed, outRoot, console.ProgressReporter());
            console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: wrote {1} ({2:F1} s)",
                experiment.Name, Path.GetRelativePath(Environment.CurrentDirectory, directory), watch.Elapsed.TotalSeconds));
        }
        return CommandRunner.Ok;
    }
}
