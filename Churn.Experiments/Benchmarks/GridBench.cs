using System.Text.Json;

namespace Churn.Experiments.Benchmarks;

/// <summary>
/// `churn bench grid`: KMeans at every rows x features x k and both logistic solvers at every rows x features,
/// on <see cref="GridData"/>. KMeans runs once from shared initial centres (the first k distinct rows) for at
/// most a fixed number of iterations with tolerance 0, so scikit-learn's KMeans(init=those centres, n_init=1,
/// tol=0) does the same Lloyd iterations and the inertias compare. The logistic fits use the default options
/// (C=1, tol 1e-4, at most 100 iterations). Writes one float64 file per feature count (the largest row count;
/// smaller ones are its first rows) and grid.json (the inputs and our results) into the output folder, where
/// notebooks/reference/bench_sklearn.py --grid reads them.
/// </summary>
public static class GridBench
{
    public static IReadOnlyList<int> DefaultRows { get; } = [10_000, 100_000, 1_000_000];
    public static IReadOnlyList<int> DefaultFeatures { get; } = [3, 20, 100];
    public static IReadOnlyList<int> DefaultClusters { get; } = [4, 16];

    /// <summary>The grid's workloads, as its points and scikit-learn's name them.</summary>
    public static IReadOnlyList<string> Workloads { get; } = ["kmeans", "logreg_newton", "logreg_lbfgs"];

    /// <summary>Rows from which a point is timed without a warm-up run (its JIT cost is negligible there).</summary>
    public const int NoWarmUpFromRows = 1_000_000;

    public sealed record Request(IReadOnlyList<int> Rows, IReadOnlyList<int> Features, IReadOnlyList<int> Clusters,
        int Repeat, int MaxIterations, string OutDir, string Source, ulong Seed)
    {
        /// <summary>The workloads to run (a subset of <see cref="GridBench.Workloads"/>); all by default.</summary>
        public IReadOnlyList<string> Selected { get; init; } = GridBench.Workloads;
    }

    public static Dictionary<string, object> Run(Request request, Action<string> progress)
    {
        var manifest = Path.Combine(request.OutDir, "grid.json");
        AtomicFile.CheckTarget(manifest, "grid.json");
        var runner = new BenchRunner(request.Repeat, progress);
        var data = GridData.Read(request.Source);
        var maxRows = request.Rows.Max();
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var centres = new Dictionary<string, double[][]>(StringComparer.Ordinal);
        var points = new List<Dictionary<string, object>>();
        foreach (var f in request.Features)
        {
            progress(string.Format(CultureInfo.InvariantCulture, "building {0} x {1}", maxRows, f));
            files[f.ToString(CultureInfo.InvariantCulture)] = WriteLargest(data, request, f, centres);
            foreach (var n in request.Rows)
            {
                // Each point's rows are built for it (the head of the largest matrix): that matrix (800 MB at 1e6 x
                // 100) kept alive beside a 10,000-row fit made the runtime's memory-conserving collections move it
                // again and again inside the timed fits (1e4 x 100, k=4 in the whole grid: 0.037 s against 0.010 s).
                var (hx, hy) = data.Build(n, f, request.Seed);
                var warmUp = n < NoWarmUpFromRows;
                foreach (var k in request.Selected.Contains("kmeans") ? request.Clusters : [])
                {
                    var init = Matrix<double>.Build.DenseOfRowArrays(centres[Key(f, k)]);
                    points.Add(Point(runner.KMeansFrom(hx, init, request.MaxIterations, warmUp), f, k));
                }
                foreach (var solver in new[] { LogisticSolver.Newton, LogisticSolver.Lbfgs })
                    if (request.Selected.Contains(solver == LogisticSolver.Newton ? "logreg_newton" : "logreg_lbfgs"))
                        points.Add(Point(runner.Logistic(hx, hy, new LogisticRegressionOptions { Solver = solver }, warmUp), f, null));
            }
        }
        var result = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["tool"] = "churn",
            ["dotnet"] = Environment.Version.ToString(),
            ["processors"] = Environment.ProcessorCount,
            ["repeat"] = request.Repeat,
            ["source"] = request.Source,
            ["seed"] = request.Seed,
            ["columns"] = data.Names,
            ["rows"] = request.Rows,
            ["features"] = request.Features,
            ["clusters"] = request.Clusters,
            ["workloads"] = request.Selected,
            ["max_iter"] = request.MaxIterations,
            ["no_warm_up_from_rows"] = NoWarmUpFromRows,
            ["files"] = files,
            ["init"] = centres,
            ["points"] = points,
        };
        AtomicFile.WriteAllText(manifest, JsonSerializer.Serialize(result, JsonStyle.Indented) + "\n", "grid.json");
        return result;
    }

    /// <summary>Writes the largest matrix of <paramref name="features"/> features for scikit-learn and picks the shared initial centres from it; returns the file name.</summary>
    private static string WriteLargest(GridData data, Request request, int features, Dictionary<string, double[][]> centres)
    {
        var rows = request.Rows.Max();
        var (x, y) = data.Build(rows, features, request.Seed);
        var file = Path.Combine(request.OutDir, string.Format(CultureInfo.InvariantCulture, "grid_{0}x{1}.f64", rows, features));
        GridData.WriteBinary(file, x, y);
        foreach (var k in request.Clusters)
            centres[Key(features, k)] = GridData.DistinctRows(x, k);
        return Path.GetFileName(file);
    }

    private static string Key(int features, int k) => string.Format(CultureInfo.InvariantCulture, "{0}/{1}", features, k);

    private static Dictionary<string, object> Point(BenchResult r, int features, int? k)
    {
        var point = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["workload"] = r.Workload, ["rows"] = r.Rows, ["features"] = features,
            ["seconds"] = r.Seconds, ["cpu_seconds"] = r.CpuSeconds, ["times"] = r.Times,
        };
        if (k is not null) point["k"] = k.Value;
        foreach (var (key, value) in r.Result) point[key] = value;
        return point;
    }
}
