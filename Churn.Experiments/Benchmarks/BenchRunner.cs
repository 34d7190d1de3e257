using System.Diagnostics;
using Churn.Algorithms.Clustering;
using Churn.Algorithms.Metrics;

namespace Churn.Experiments.Benchmarks;

/// <summary>One timed workload: median wall seconds of the timed runs (after one warm-up run), the rows
/// processed, and the result of the last run so a speed-up can never hide a worse answer.
/// CpuSeconds is the median process CPU time (all threads) of the same runs: on a shared, loaded machine
/// it varies less than wall time.</summary>
public sealed record BenchResult(string Workload, double Seconds, IReadOnlyList<double> Times, double CpuSeconds, int Rows, IReadOnlyDictionary<string, object> Result);

/// <summary>
/// In-process timings of the kernels on the fixed workloads of <see cref="BenchData"/>: one warm-up run
/// (JIT, tiered compilation, caches), then the median of <c>repeat</c> runs measured with a Stopwatch.
/// Only the fit / metric call is timed; loading and standardising the data is not.
/// </summary>
public sealed class BenchRunner(int repeat, Action<string> progress)
{
    public int Repeat { get; } = repeat >= 1 ? repeat : throw new ArgumentOutOfRangeException(nameof(repeat), repeat, "repeat must be >= 1.");

    public static KMeansOptions KMeansOptions { get; } = new() { NumberOfClusters = 4, NInit = 10, Seed = 42 };

    public static LogisticRegressionOptions LogisticOptions(LogisticSolver solver) =>
        new() { C = 1.0, Tolerance = 1e-6, MaxIterations = 1000, Solver = solver };

    public BenchResult KMeans(Matrix<double> x)
    {
        progress("kmeans on " + x.RowCount + " rows");
        var trainer = new KMeans(KMeansOptions);
        var (seconds, times, cpu, model) = Time(() => trainer.Fit(x));
        return new BenchResult("kmeans", seconds, times, cpu, x.RowCount, new Dictionary<string, object>
        {
            ["inertia"] = model.Inertia,
            ["iterations"] = model.Iterations,
            ["best_run"] = model.BestRun,
        });
    }

    public BenchResult Logistic(Matrix<double> x, Vector<double> y, LogisticSolver solver) => Logistic(x, y, LogisticOptions(solver));

    /// <summary>A logistic fit with the given options; the result also holds F (the objective minimised) and the mean log-loss.</summary>
    public BenchResult Logistic(Matrix<double> x, Vector<double> y, LogisticRegressionOptions options, bool warmUp = true)
    {
        var name = options.Solver == LogisticSolver.Newton ? "logreg_newton" : "logreg_lbfgs";
        progress(name + " on " + x.RowCount + " x " + x.ColumnCount);
        var trainer = new LogisticRegression(options);
        var (seconds, times, cpu, model) = Time(() => trainer.Fit(x, y), warmUp);
        var penalty = options.Penalty == Penalty.L2 ? 0.5 / options.C * model.Coefficients.Sum(w => w * w) : 0.0;
        return new BenchResult(name, seconds, times, cpu, x.RowCount, new Dictionary<string, object>
        {
            ["coefficients"] = model.Coefficients.ToArray(),
            ["intercept"] = model.Intercept,
            ["log_likelihood"] = model.LogLikelihood,
            ["objective"] = penalty - model.LogLikelihood,
            ["log_loss"] = -model.LogLikelihood / x.RowCount,
            ["iterations"] = model.Iterations,
            ["converged"] = model.Converged,
        });
    }

    /// <summary>One Lloyd run from the given centres (no k-means++), as KMeans(init=centres, n_init=1) in scikit-learn.</summary>
    public BenchResult KMeansFrom(Matrix<double> x, Matrix<double> initialCenters, int maxIterations, bool warmUp = true)
    {
        progress("kmeans k=" + initialCenters.RowCount + " on " + x.RowCount + " x " + x.ColumnCount);
        var trainer = new KMeans(new KMeansOptions
        {
            NumberOfClusters = initialCenters.RowCount, NInit = 1, MaxIterations = maxIterations, Tolerance = 0,
        });
        var (seconds, times, cpu, model) = Time(() => trainer.FitFrom(x, initialCenters), warmUp);
        return new BenchResult("kmeans", seconds, times, cpu, x.RowCount, new Dictionary<string, object>
        {
            ["inertia"] = model.Inertia,
            ["iterations"] = model.Iterations,
            ["converged"] = model.Converged,
        });
    }

    /// <summary>The 100-lambda lasso path of <see cref="SparseBenchData"/>; the result keeps every lambda's coefficients for the glmnet comparison.</summary>
    public BenchResult Sparse(Matrix<double> x, Vector<double> y, CoordinateForm form = CoordinateForm.Auto, double threshold = 1e-7)
    {
        progress("sparse (lasso path) on " + x.RowCount + " x " + x.ColumnCount);
        var trainer = new ElasticNetLogistic(SparseBenchData.Options with { Form = form, Tolerance = threshold });
        var (seconds, times, cpu, path) = Time(() => trainer.Fit(x, y));
        return new BenchResult("sparse", seconds, times, cpu, x.RowCount, new Dictionary<string, object>
        {
            ["columns"] = x.ColumnCount,
            ["thresh"] = threshold,
            ["lambdas"] = path.Count,
            ["passes"] = path.Passes,
            ["lambda"] = path.Lambdas.ToArray(),
            ["a0"] = path.Intercepts.ToArray(),
            ["beta"] = Enumerable.Range(0, path.Count).Select(path.Coefficients).ToArray(),
        });
    }

    public BenchResult Auc(double[] scores, double[] labels)
    {
        progress("auc on " + scores.Length + " rows");
        var s = Vector<double>.Build.DenseOfArray(scores);
        var y = Vector<double>.Build.DenseOfArray(labels);
        var (seconds, times, cpu, auc) = Time(() => RocAuc.Compute(y, s));
        return new BenchResult("auc", seconds, times, cpu, scores.Length, new Dictionary<string, object>
        {
            ["auc"] = auc,
            ["auc_r"] = auc.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            ["positives"] = (int)labels.Sum(),
        });
    }

    private (double Median, double[] Times, double CpuMedian, T Result) Time<T>(Func<T> work, bool warmUp = true)
    {
        var result = warmUp ? work() : default!;
        var times = new double[Repeat];
        var cpu = new double[Repeat];
        using var process = Process.GetCurrentProcess();
        for (var r = 0; r < Repeat; r++)
        {
            Settle();
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            result = work();
            times[r] = watch.Elapsed.TotalSeconds;
            process.Refresh();
            cpu[r] = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        }
        return (Median(times), times, Median(cpu), result);
    }

    /// <summary>
    /// A full blocking collection before a timed run, so no collection of an earlier run's garbage (or of the data
    /// just built) runs beside it: a background collection after building a 1e6-row grid matrix took a core from
    /// the 1e4-row fits timed next (1e4 x 20 KMeans, k=4: 0.0073 s per fit against 0.0029 s).
    /// </summary>
    private static void Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
        GC.WaitForPendingFinalizers();
    }

    /// <summary>Median (mean of the two middle values for an even count), as Python's statistics.median.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
