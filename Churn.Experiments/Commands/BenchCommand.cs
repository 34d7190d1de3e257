using System.Globalization;
using Churn.Algorithms.Linear;
using Churn.Experiments.Benchmarks;

namespace Churn.Experiments.Commands;

/// <summary>
/// `churn bench`: in-process kernel timings on fixed workloads (warm-up, then median of --repeat runs),
/// the BenchmarkDotNet suite (--bdn), a resampled raw-file generator (make-raw) and the fit-time
/// scaling plot (scaling). See reports/performance/README.md for the commands and numbers.
/// </summary>
public static class BenchCommand
{
    public static IReadOnlyList<string> Workloads { get; } = ["kmeans", "logreg", "auc", "sparse"];

    /// <summary>What `churn bench [kmeans|logreg|auc|all]` was asked to do.</summary>
    public sealed record TimingRequest(IReadOnlyList<string> Workloads, bool Json, int Repeat, string Data, int AucRows, int Tiles, int SparseTiles = 1, CoordinateForm SparseForm = CoordinateForm.Auto);

    public static int Run(string[] args, CommandConsole console)
    {
        if (args.Length > 0 && args[0] == "--bdn") return RunBenchmarkDotNet(args[1..], console);
        if (args.Length > 0 && args[0] == "make-raw") return RawResampler.Run(args[1..], console);
        if (args.Length > 0 && args[0] == "scaling") return ScalingCurve.Run(args[1..], console);
        var request = ParseTiming(args);
        var result = RunTimings(request, console);
        if (request.Json) JsonOutput.Write(console.Out, result);
        else
            foreach (var (name, r) in (IReadOnlyDictionary<string, BenchResult>)result["workloads"])
                console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-14} {1,10:F4} s  {2,10} rows  {3}",
                    name, r.Seconds, r.Rows, Describe(r)));
        return CommandRunner.Ok;
    }

    public static TimingRequest ParseTiming(string[] args)
    {
        var cl = new CommandLine("bench", args, ["repeat", "data", "auc-rows", "tiles", "sparse-tiles", "sparse-form"], ["json"]);
        var selected = new List<string>();
        foreach (var p in cl.Positional)
        {
            if (p == "all") selected.AddRange(Workloads);
            else if (Workloads.Contains(p)) selected.Add(p);
            else throw new UsageException("unknown bench workload '" + p + "'. Use " + string.Join(", ", Workloads) +
                                          ", all, make-raw, scaling or --bdn.");
        }
        if (selected.Count == 0) selected.AddRange(Workloads);
        return new TimingRequest(selected.Distinct().ToArray(), cl.Has("json"), cl.Int("repeat", 5, 1),
            cl.OptionalOr("data", BenchData.SeedTable), cl.Int("auc-rows", 10_000_000, 2), cl.Int("tiles", 10, 1), cl.Int("sparse-tiles", 1, 1),
            cl.OptionalOr("sparse-form", "auto") switch
            {
                "auto" => CoordinateForm.Auto,
                "gram" => CoordinateForm.Gram,
                "rows" => CoordinateForm.Rows,
                var f => throw new UsageException("--sparse-form must be auto, gram or rows, got '" + f + "'."),
            });
    }

    private static Dictionary<string, object> RunTimings(TimingRequest request, CommandConsole console)
    {
        var runner = new BenchRunner(request.Repeat, console.Progress);
        var results = new Dictionary<string, BenchResult>(StringComparer.Ordinal);
        if (request.Workloads.Contains("kmeans") || request.Workloads.Contains("logreg"))
        {
            console.Progress("reading " + request.Data);
            var (x, y) = BenchData.LoadSeed(request.Data);
            if (request.Workloads.Contains("kmeans"))
                results["kmeans"] = runner.KMeans(BenchData.Standardise(x));
            if (request.Workloads.Contains("logreg"))
            {
                var (tx, ty) = BenchData.Tile(x, y, request.Tiles);
                var scaled = BenchData.Standardise(tx);
                results["logreg_newton"] = runner.Logistic(scaled, ty, LogisticSolver.Newton);
                results["logreg_lbfgs"] = runner.Logistic(scaled, ty, LogisticSolver.Lbfgs);
            }
        }
        if (request.Workloads.Contains("auc"))
        {
            console.Progress("generating " + request.AucRows + " SplitMix64 rows");
            var (scores, labels) = BenchData.AucData(request.AucRows);
            results["auc"] = runner.Auc(scores, labels);
        }
        if (request.Workloads.Contains("sparse"))
        {
            console.Progress("building the sparse workload (" + request.SparseTiles + " tile(s) of " + SparseBenchData.File + ")");
            var (x, y) = SparseBenchData.Build(request.SparseTiles);
            results["sparse"] = runner.Sparse(x, y, request.SparseForm);
        }
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["tool"] = "churn",
            ["dotnet"] = Environment.Version.ToString(),
            ["processors"] = Environment.ProcessorCount,
            ["repeat"] = request.Repeat,
            ["workloads"] = results,
        };
    }

    private static string Describe(BenchResult r) => string.Join("  ", r.Result.Select(kv => kv.Key + "=" + kv.Value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        double[] a => a.Length > 20 ? "(" + a.Length + " values)" : "[" + string.Join(", ", a.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]",
        double[][] rows => "(" + rows.Length + " rows)",
        _ => Convert.ToString(kv.Value, CultureInfo.InvariantCulture),
    }));

    private static int RunBenchmarkDotNet(string[] args, CommandConsole console)
    {
        var summaries = BenchmarkDotNet.Running.BenchmarkSwitcher.FromTypes(BenchmarkSuite.Types).Run(args, BenchmarkSuite.Config());
        var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        if (failed) console.Error.WriteLine("error: at least one benchmark failed; see the log above.");
        return failed ? CommandRunner.Bug : CommandRunner.Ok;
    }
}
