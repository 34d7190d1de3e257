// ML.NET reference timings for `./churn bench` (see README.md beside this file). Run from the repo root:
//   dotnet run -c Release --project notebooks/reference/mlnet-bench -- [--repeat 5] [kmeans logreg auc]
// Prints exactly one JSON object on stdout (shaped like bench_sklearn.py's), progress on stderr.
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlnetBench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
int repeat = 5, aucRows = 10_000_000, tiles = 10;
var data = BenchInputs.SeedTable;
var logregTolerance = 1e-7f; // ML.NET's default; see README.md for what it measures
var workloads = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--repeat": repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--auc-rows": aucRows = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--tiles": tiles = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--data": data = args[++i]; break;
        case "--logreg-tol": logregTolerance = float.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "kmeans" or "logreg" or "auc": workloads.Add(args[i]); break;
        default: Console.Error.WriteLine("usage: mlnet-bench [--repeat N] [--auc-rows N] [--tiles N] [--data CSV] [--logreg-tol T] [kmeans|logreg|auc]..."); return 2;
    }
}
if (workloads.Count == 0) workloads.AddRange(["kmeans", "logreg", "auc"]);

var timer = new BenchTimer(repeat);
var results = new Dictionary<string, object>();
var output = new Dictionary<string, object>
{
    ["tool"] = "ml.net",
    ["mlnet"] = typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?",
    ["dotnet"] = Environment.Version.ToString(),
    ["processors"] = Environment.ProcessorCount,
    ["repeat"] = repeat,
    ["workloads"] = results,
};
var env = new MLContext(seed: 42); // only builds data views; every fit gets its own seeded context

if (workloads.Contains("kmeans") || workloads.Contains("logreg"))
{
    Progress("reading " + data);
    var (x, y) = BenchInputs.LoadSeed(data);
    if (workloads.Contains("kmeans"))
    {
        var z = BenchInputs.Standardise(x);
        var view = env.Data.Cache(env.Data.LoadFromEnumerable(Rows(z, null)));
        Progress("kmeans on " + z.Length + " rows");
        // One fit is all ML.NET's KMeans offers (no n_init); a fresh MLContext(42) per fit, so any
        // difference between runs comes from its multi-threaded (lock-free) k-means|| / Yinyang code.
        var fits = new List<float[][]>();
        var one = timer.Time(() => { var c = Ml.KMeans(view, 42); fits.Add(c); return c; });
        var deterministic = fits.All(c => c.Zip(fits[0]).All(p => p.First.SequenceEqual(p.Second)));
        results["kmeans_single"] = timer.Entry(one, z.Length, new()
        {
            ["inertia"] = Ml.Inertia(z, one.Result), ["centres"] = one.Result,
            ["fits_identical"] = deterministic, ["fits_compared"] = fits.Count,
            ["inertia_min"] = fits.Min(c => Ml.Inertia(z, c)), ["inertia_max"] = fits.Max(c => Ml.Inertia(z, c)),
        });
        // The same work as ours / sklearn's n_init=10: ten fits (seeds 42..51), keep the lowest inertia.
        Progress("kmeans x10 on " + z.Length + " rows");
        var ten = timer.Time(() => Enumerable.Range(42, 10).Select(s => Ml.KMeans(view, s)).MinBy(c => Ml.Inertia(z, c))!);
        results["kmeans"] = timer.Entry(ten, z.Length, new() { ["inertia"] = Ml.Inertia(z, ten.Result), ["fits"] = 10 });
    }
    if (workloads.Contains("logreg"))
    {
        var (tx, ty) = BenchInputs.Tile(x, y, tiles);
        var z = BenchInputs.Standardise(tx);
        var view = env.Data.Cache(env.Data.LoadFromEnumerable(Rows(z, ty)));
        Progress("logreg_lbfgs on " + z.Length + " rows");
        var fit = timer.Time(() => Ml.Logistic(view, logregTolerance));
        var (w, b) = fit.Result;
        results["logreg_lbfgs"] = timer.Entry(fit, z.Length, new()
        {
            ["solver"] = "LbfgsLogisticRegression L2=1 L1=0 tol=" + logregTolerance.ToString("R", CultureInfo.InvariantCulture) + " (float32)",
            ["coefficients"] = w, ["intercept"] = b, ["log_likelihood"] = Ml.LogLikelihood(z, ty, w, b),
        });
    }
}
if (workloads.Contains("auc"))
{
    Progress("generating " + aucRows + " SplitMix64 rows");
    var (scores, labels) = BenchInputs.AucData(aucRows);
    var view = env.Data.Cache(env.Data.LoadFromEnumerable(Enumerable.Range(0, aucRows)
        .Select(i => new ScoreRow { Label = labels[i], Score = (float)scores[i], PredictedLabel = scores[i] >= 0.5 })));
    Progress("auc on " + aucRows + " rows");
    var auc = timer.Time(() => new MLContext(42).BinaryClassification.EvaluateNonCalibrated(view).AreaUnderRocCurve);
    results["auc"] = timer.Entry(auc, aucRows, new()
    {
        ["auc"] = auc.Result, ["auc_r"] = auc.Result.ToString("R", CultureInfo.InvariantCulture),
        ["positives"] = labels.Count(l => l),
        // Exact Mann-Whitney AUC of the same scores rounded to float32 (ties count one half): separates
        // the effect of ML.NET's Single score column from the effect of its AUC algorithm.
        ["auc_exact_float32_scores"] = Ml.ExactAuc(scores.Select(s => (float)s).ToArray(), labels),
        ["distinct_float32_scores"] = scores.Select(s => (float)s).Distinct().Count(),
    });
}
Console.Out.WriteLine(JsonSerializer.Serialize(output, new JsonSerializerOptions { WriteIndented = true }));
return 0;

static void Progress(string message) => Console.Error.WriteLine("... " + message);

static IEnumerable<FeatureRow> Rows(double[][] x, double[]? y)
{
    for (var i = 0; i < x.Length; i++)
        yield return new FeatureRow { Features = [(float)x[i][0], (float)x[i][1], (float)x[i][2]], Label = y != null && y[i] == 1.0 };
}

/// <summary>Three standardised features (ML.NET's feature type is float32) and a boolean label.</summary>
public sealed class FeatureRow
{
    [VectorType(3)] public float[] Features { get; set; } = [];
    public bool Label { get; set; }
}

public sealed class ScoreRow
{
    public bool Label { get; set; }
    public float Score { get; set; }
    public bool PredictedLabel { get; set; } // required by the evaluator; it only feeds accuracy/F1, not AUC
}
