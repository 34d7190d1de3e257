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

    private static readonly Verb MakeRaw = new("make-raw", "write a large raw-schema CSV by resampling the shipped raw rows (for memory tests)",
    [
        VerbOption.Value("rows", "N", "rows to write", "1000000"),
        VerbOption.Required("out", "FILE", "CSV to write"),
        VerbOption.Value("seed", "S", "SplitMix64 seed of the resampling", "42"),
        VerbOption.Value("source", "FILE", "raw-schema CSV to resample", RawResampler.DefaultSource),
    ], RunMakeRaw);

    private static readonly Verb Scaling = new("scaling", "fit time against rows for KMeans and both logistic solvers: scaling.png and scaling.json",
    [
        VerbOption.Value("out", "FOLDER", "folder to write into", "reports/performance"),
        VerbOption.Value("repeat", "N", "timed runs per point (median)", "3"),
        VerbOption.Value("data", "FILE", "seed table to tile", BenchData.SeedTable),
    ], RunScaling);

    private static readonly Verb Grid = new("grid", "KMeans and both logistic solvers at every rows x features (x k) on data resampled from the raw rows; writes the files compare_bench --grid gives scikit-learn",
    [
        VerbOption.Json,
        VerbOption.Value("rows", "A,B", "row counts", "10000,100000,1000000"),
        VerbOption.Value("features", "A,B", "feature counts (the first usage columns of the raw file)", "3,20,100"),
        VerbOption.Value("k", "A,B", "KMeans cluster counts", "4,16"),
        VerbOption.Value("max-iter", "N", "KMeans iterations at most (tolerance 0, one run from shared centres)", "20"),
        VerbOption.Value("repeat", "N", "timed runs per point (median)", "1"),
        VerbOption.Value("out", "FOLDER", "folder for the data files and grid.json", "artifacts/bench/grid"),
        VerbOption.Value("source", "FILE", "raw-schema CSV to resample", RawResampler.DefaultSource),
        VerbOption.Value("seed", "S", "SplitMix64 seed of the resampling", "42"),
        VerbOption.Value("workloads", "A,B", "grid workloads to run: kmeans, logreg_newton, logreg_lbfgs", "kmeans,logreg_newton,logreg_lbfgs"),
    ], RunGrid);

    private static readonly Verb Tile = new("tile", "write a CSV's header once and its data lines N times (the 1M-row US file of the end-to-end benchmark)",
    [
        VerbOption.Value("source", "FILE", "CSV to tile", LargeFiles.UsSource),
        VerbOption.Value("times", "N", "copies of the data lines", "375"),
        VerbOption.Required("out", "FILE", "CSV to write"),
    ], RunTile);

    private static readonly Verb Load = new("load", "the column loader alone on whole CSV files: MB/s, CPU seconds and bytes allocated",
    [
        VerbOption.Required("files", "A,B", "CSV files to load"),
        VerbOption.Value("repeat", "N", "timed loads per file (median)", "3"),
        VerbOption.Json,
    ], RunLoad);

    private static readonly Verb SqlTraining = new("sql", "train the 3-feature logistic model and k=4 segments through DuckDB from the seed table tiled as Parquet",
    [
        VerbOption.Value("tiles", "N", "copies of the seed table written to the Parquet file", "100"),
        VerbOption.Value("data", "FILE", "seed table to tile", BenchData.SeedTable),
        VerbOption.Value("work", "FOLDER", "where the Parquet file and DuckDB's spill files go (deleted afterwards)", "artifacts/bench-sql"),
        VerbOption.Value("out", "FILE", "also write the JSON result to this file"),
        VerbOption.Json,
    ], RunSql);

    private static readonly Verb BenchmarkDotNetSuite = new("--bdn", "run the BenchmarkDotNet suite; every later argument goes to BenchmarkDotNet", [], RunBenchmarkDotNet)
    {
        PassesArgumentsThrough = true,
    };

    public static Verb Verb { get; } = new("bench", "in-process kernel timings (median of --repeat after a warm-up), or a subcommand",
    [
        VerbOption.Json,
        VerbOption.Value("repeat", "N", "timed runs per workload (median)", "5"),
        VerbOption.Value("data", "FILE", "seed table for kmeans and logreg", BenchData.SeedTable),
        VerbOption.Value("auc-rows", "N", "rows of the generated AUC workload", "10000000"),
        VerbOption.Value("tiles", "N", "times the seed table is tiled for logreg", "10"),
        VerbOption.Value("sparse-tiles", "N", "times churn-bigml-80's 170-column design is tiled (with seeded noise) for sparse", "1"),
        VerbOption.Value("sparse-form", "NAME", "sparse coordinate passes: auto, gram or rows", "auto"),
        VerbOption.Value("sparse-thresh", "T", "sparse convergence threshold (glmnet's thresh)", "1e-7"),
    ], Run)
    {
        Arguments = new VerbArguments("WORKLOAD", "kmeans, logreg, auc, sparse or all (default: all)"),
        Subverbs = [MakeRaw, Tile, Scaling, Load, SqlTraining, Grid, BenchmarkDotNetSuite],
    };

    /// <summary>What `churn bench [kmeans|logreg|auc|all]` was asked to do.</summary>
    public sealed record TimingRequest(IReadOnlyList<string> Workloads, bool Json, int Repeat, string Data, int AucRows, int Tiles, int SparseTiles = 1, CoordinateForm SparseForm = CoordinateForm.Auto,
        double SparseThreshold = 1e-7);

    public static int Run(CommandLine cl, CommandConsole console)
    {
        var request = ParseTiming(cl);
        var result = RunTimings(request, console);
        if (request.Json) JsonOutput.Write(console.Out, result);
        else
            foreach (var (name, r) in (IReadOnlyDictionary<string, BenchResult>)result["workloads"])
                console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-14} {1,10:F4} s  {2,10} rows  {3}",
                    name, r.Seconds, r.Rows, Describe(r)));
        return CommandRunner.Ok;
    }

    public static TimingRequest ParseTiming(string[] args) => ParseTiming(CommandLine.Parse(Verb, args));

    private static TimingRequest ParseTiming(CommandLine cl)
    {
        var selected = new List<string>();
        foreach (var p in cl.Positional)
        {
            if (p == "all") selected.AddRange(Workloads);
            else if (Workloads.Contains(p)) selected.Add(p);
            else throw new UsageException("unknown bench workload '" + p + "'. Use " + string.Join(", ", Workloads) +
                                          ", all, make-raw, tile, scaling, load, grid or --bdn.");
        }
        if (selected.Count == 0) selected.AddRange(Workloads);
        return new TimingRequest(selected.Distinct().ToArray(), cl.Has("json"), cl.Int("repeat", 1),
            cl.Required("data"), cl.Int("auc-rows", 2), cl.Int("tiles", 1), cl.Int("sparse-tiles", 1),
            cl.Required("sparse-form") switch
            {
                "auto" => CoordinateForm.Auto,
                "gram" => CoordinateForm.Gram,
                "rows" => CoordinateForm.Rows,
                var f => throw new UsageException("--sparse-form must be auto, gram or rows, got '" + f + "'."),
            },
            cl.Double("sparse-thresh") is var t && t > 0 && t < 1 ? t
                : throw new UsageException("--sparse-thresh must be in (0, 1), got " + t.ToString("R", CultureInfo.InvariantCulture) + "."));
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
            results["sparse"] = runner.Sparse(x, y, request.SparseForm, request.SparseThreshold);
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

    private static int RunMakeRaw(CommandLine cl, CommandConsole console)
    {
        var rows = cl.Int("rows", 1);
        var output = cl.Required("out");
        var source = cl.Required("source");
        var excluded = RawResampler.Write(source, output, rows, (ulong)cl.Int("seed"));
        console.Progress(string.Format(CultureInfo.InvariantCulture, "wrote {0} resampled rows of {1} to {2}", rows, source, output));
        console.Out.WriteLine("train with: --label churn --positive 1 --exclude " + string.Join(",", excluded));
        return CommandRunner.Ok;
    }

    private static int RunSql(CommandLine cl, CommandConsole console)
    {
        var work = cl.Required("work");
        if (Directory.Exists(work) && Directory.EnumerateFileSystemEntries(work).Any())
            throw new UsageException("--work " + work + " is not empty; give an empty or new folder (it is deleted afterwards).");
        SqlBenchResult r;
        try
        {
            r = SqlBench.Run(cl.Required("data"), cl.Int("tiles", 1), work, console.ProgressReporter());
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
        var result = new
        {
            rows = r.Rows,
            seconds = r.Seconds,
            peak_memory_mb = r.PeakMemoryMb,
            write_parquet_seconds = r.WriteSeconds,
            train_seconds = r.TrainSeconds,
            segment_seconds = r.SegmentSeconds,
            duckdb_memory_limit = r.MemoryLimit,
            in_memory_design_mb = r.InMemoryDesignMb,
            features = r.Features,
            coefficients_per_sd = r.CoefficientsPerSd,
            intercept = r.Intercept,
            train_auc = r.TrainAuc,
            newton_iterations = r.NewtonIterations,
            inertia = r.Inertia,
            lloyd_iterations = r.LloydIterations,
            segment_sizes = r.SegmentSizes,
            processors = Environment.ProcessorCount,
        };
        if (cl.Optional("out") is { } output)
        {
            var text = new StringWriter(CultureInfo.InvariantCulture);
            JsonOutput.Write(text, result);
            AtomicFile.WriteAllText(output, text.ToString());
        }
        if (cl.Has("json")) JsonOutput.Write(console.Out, result);
        else
            console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "{0:N0} rows: train {1:F1} s ({2} Newton steps, AUC {3:F4}), segments {4:F1} s ({5} Lloyd steps, inertia {6:F1}); Parquet written in {7:F1} s; peak memory {8:F0} MB",
                r.Rows, r.TrainSeconds, r.NewtonIterations, r.TrainAuc, r.SegmentSeconds, r.LloydIterations, r.Inertia, r.WriteSeconds, r.PeakMemoryMb));
        return CommandRunner.Ok;
    }

    private static int RunScaling(CommandLine cl, CommandConsole console)
    {
        var (png, json) = ScalingCurve.Write(cl.Required("out"), cl.Int("repeat", 1), cl.Required("data"), console.Progress);
        console.Out.WriteLine("wrote " + png + " and " + json);
        return CommandRunner.Ok;
    }

    private static int RunGrid(CommandLine cl, CommandConsole console)
    {
        static int[] Counts(CommandLine cl, string name) => cl.List(name).Select(v =>
            int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
                ? n : throw new UsageException("--" + name + " takes positive whole numbers separated by commas, got '" + v + "'.")).Distinct().ToArray();
        var request = new GridBench.Request(Counts(cl, "rows"), Counts(cl, "features"), Counts(cl, "k"), cl.Int("repeat", 1),
            cl.Int("max-iter", 1), cl.Required("out"), cl.Required("source"), (ulong)cl.Int("seed", 0))
        {
            Selected = cl.List("workloads").Select(w => GridBench.Workloads.Contains(w)
                ? w : throw new UsageException("--workloads takes " + string.Join(", ", GridBench.Workloads) + " separated by commas, got '" + w + "'.")).Distinct().ToArray(),
        };
        Directory.CreateDirectory(request.OutDir);
        var result = GridBench.Run(request, console.Progress);
        if (cl.Has("json")) JsonOutput.Write(console.Out, result);
        else
            foreach (var p in (List<Dictionary<string, object>>)result["points"])
                console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-14} {1,8} rows {2,4} features {3,5} {4,10:F4} s  iterations={5} {6}",
                    p["workload"], p["rows"], p["features"], p.TryGetValue("k", out var k) ? "k=" + k : "", p["seconds"], p["iterations"],
                    p.TryGetValue("inertia", out var inertia) ? "inertia=" + ((double)inertia).ToString("R", CultureInfo.InvariantCulture)
                        : "converged=" + p["converged"] + " objective=" + ((double)p["objective"]).ToString("R", CultureInfo.InvariantCulture)));
        return CommandRunner.Ok;
    }

    private static int RunTile(CommandLine cl, CommandConsole console)
    {
        var source = cl.Required("source");
        var output = cl.Required("out");
        LargeFiles.Tile(source, cl.Int("times", 1), output);
        console.Progress("wrote " + output);
        return CommandRunner.Ok;
    }

    private static int RunLoad(CommandLine cl, CommandConsole console)
    {
        var repeat = cl.Int("repeat", 1);
        var results = cl.List("files").Select(f => LoadBench.Run(f, repeat, console.Progress)).ToArray();
        if (cl.Has("json"))
            JsonOutput.Write(console.Out, new { tool = "churn", dotnet = Environment.Version.ToString(), processors = Environment.ProcessorCount, repeat, loads = results });
        else
            foreach (var r in results)
                console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture,
                    "{0}: {1:N1} MB, {2:N0} rows x {3} columns ({4} text): {5:F3} s wall, {6:F3} s CPU, {7:F1} MB/s, {8:N0} MB allocated",
                    r.File, r.Bytes / 1e6, r.Rows, r.Columns, r.TextColumns, r.Seconds, r.CpuSeconds, r.MegabytesPerSecond, r.AllocatedMegabytes));
        return CommandRunner.Ok;
    }

    private static int RunBenchmarkDotNet(CommandLine cl, CommandConsole console)
    {
        var summaries = BenchmarkDotNet.Running.BenchmarkSwitcher.FromTypes(BenchmarkSuite.Types).Run(cl.Positional.ToArray(), BenchmarkSuite.Config());
        var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        if (failed) console.Error.WriteLine("error: at least one benchmark failed; see the log above.");
        return failed ? CommandRunner.Bug : CommandRunner.Ok;
    }
}
