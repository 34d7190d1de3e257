using System.Text.Json;
using Churn.Experiments.Experiments.Reports;

namespace Churn.Experiments.Benchmarks;

/// <summary>
/// `churn bench scaling`: fit time against rows (first n rows of the seed table tiled 10 times,
/// standardised on those rows) for KMeans and both logistic solvers; writes scaling.png and scaling.json.
/// </summary>
public static class ScalingCurve
{
    public static IReadOnlyList<int> DefaultRows { get; } = [10_000, 30_000, 100_000, 300_000, 999_990];

    /// <summary>Times every fit at each of <see cref="DefaultRows"/>; returns the paths of the plot and the JSON written.</summary>
    public static (string Png, string Json) Write(string outDir, int repeat, string data, Action<string> progress)
    {
        var png = Path.Combine(outDir, "scaling.png");
        var json = Path.Combine(outDir, "scaling.json");
        AtomicFile.CheckTarget(png, "scaling.png"); // before minutes of timing
        AtomicFile.CheckTarget(json, "scaling.json");
        var runner = new BenchRunner(repeat, progress);
        var (x, y) = BenchData.LoadSeed(data);
        var (tx, ty) = BenchData.Tile(x, y, 10);

        var series = new Dictionary<string, List<double>>(StringComparer.Ordinal)
        {
            ["kmeans"] = [], ["logreg_newton"] = [], ["logreg_lbfgs"] = [],
        };
        foreach (var n in DefaultRows)
        {
            var (hx, hy) = BenchData.Head(tx, ty, n);
            var scaled = BenchData.Standardise(hx);
            series["kmeans"].Add(runner.KMeans(scaled).Seconds);
            series["logreg_newton"].Add(runner.Logistic(scaled, hy, LogisticSolver.Newton).Seconds);
            series["logreg_lbfgs"].Add(runner.Logistic(scaled, hy, LogisticSolver.Lbfgs).Seconds);
        }

        var plot = Plots.Create("Fit time against rows (median of " + runner.Repeat.ToString(CultureInfo.InvariantCulture) +
                                " runs, " + Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture) + " cores)",
            "rows (thousands)", "fit time (s)");
        var xs = DefaultRows.Select(r => r / 1000.0).ToArray();
        foreach (var (name, label) in new[]
                 {
                     ("kmeans", "KMeans k=4, n_init=10"), ("logreg_newton", "Logistic regression, Newton"),
                     ("logreg_lbfgs", "Logistic regression, L-BFGS"),
                 })
        {
            var scatter = plot.Add.Scatter(xs, series[name].ToArray());
            scatter.LegendText = label;
            scatter.MarkerSize = 7;
        }
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        AtomicFile.WriteVia(png, Plots.Saver(plot), "scaling.png");
        AtomicFile.WriteAllText(json, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["rows"] = DefaultRows, ["seconds"] = series, ["repeat"] = runner.Repeat,
            ["processors"] = Environment.ProcessorCount, ["data"] = "first n rows of " + BenchData.SeedTable + " tiled 10x",
        }, JsonStyle.Indented) + "\n", "scaling.json");
        return (png, json);
    }
}
