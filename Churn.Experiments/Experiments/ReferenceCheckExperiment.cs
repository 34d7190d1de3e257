using System.Text.Json;
using Churn.Algorithms.Clustering;
using Churn.Algorithms.Metrics;

namespace Churn.Experiments.Experiments;

/// <summary>
/// Our KMeans, logistic regression (and its Wald statistics) and ranking metrics side by side with the
/// scikit-learn/statsmodels goldens committed in notebooks/reference/golden (written by notebooks/reference/golden_*.py):
/// each row is a quantity, the reference value, ours, their difference, the tolerance the unit tests use and
/// whether it passes. Deterministic: every fit is seeded as the goldens are (seed 42), independent of the context seed.
/// </summary>
public sealed class ReferenceCheckExperiment() : Experiment<ReferenceCheckResult>("reference-check", "Reference check: our algorithms vs scikit-learn and statsmodels")
{
    /// <summary>How a row passes.</summary>
    public enum Rule
    {
        /// <summary>|ours - reference| &lt;= tolerance.</summary>
        Absolute,

        /// <summary>|ours - reference| &lt;= tolerance x max(1, |reference|).</summary>
        Relative,

        /// <summary>ours &lt;= reference x (1 + tolerance): lower is allowed (inertia, objective).</summary>
        NotAbove,

        /// <summary>ours &gt; tolerance (e.g. ARI &gt; 0.99).</summary>
        Above,

        /// <summary>Shown for information; no unit test bounds it.</summary>
        Info,
    }

    public sealed record Comparison(string Quantity, double Reference, double Ours, Rule Rule, double Tolerance)
    {
        public double AbsoluteDifference => Math.Abs(Ours - Reference);

        public double RelativeDifference => Reference == 0 ? double.NaN : Math.Abs(Ours - Reference) / Math.Abs(Reference);

        public bool? Pass => Rule switch
        {
            Rule.Absolute => AbsoluteDifference <= Tolerance,
            Rule.Relative => AbsoluteDifference <= Tolerance * Math.Max(1, Math.Abs(Reference)),
            Rule.NotAbove => Ours <= Reference * (1 + Tolerance),
            Rule.Above => Ours > Tolerance,
            _ => null,
        };

        public string ToleranceText => Rule switch
        {
            Rule.Absolute => "abs " + Sci(Tolerance),
            Rule.Relative => "rel " + Sci(Tolerance),
            Rule.NotAbove => "ours <= ref x (1 + " + Sci(Tolerance) + ")",
            Rule.Above => "ours > " + Tolerance.ToString(CultureInfo.InvariantCulture),
            _ => "none (information)",
        };
    }

    protected override void Write(ReferenceCheckResult result, Reports.ReportBuilder report) => ReferenceCheckReport.Write(result, report);

    /// <summary>Every comparison the report tabulates, computed: ours on the goldens' inputs against the goldens' numbers.</summary>
    public override ReferenceCheckResult Compute(ExperimentContext context)
    {
        var kmeansPath = context.Golden("kmeans_seed_table.json");
        var logregPath = context.Golden("logreg_bigml.json");
        var metricsPath = context.Golden("metrics_cases.json");
        using var kmeansDoc = JsonDocument.Parse(File.ReadAllText(kmeansPath));
        using var logregDoc = JsonDocument.Parse(File.ReadAllText(logregPath));
        using var metricsDoc = JsonDocument.Parse(File.ReadAllText(metricsPath));
        var kmeansGolden = kmeansDoc.RootElement;
        var logregGolden = logregDoc.RootElement;
        var metricsGolden = metricsDoc.RootElement;

        var versions = new List<(string File, IReadOnlyList<(string Library, string Version)> Libraries)>();
        foreach (var (file, root) in new[] { ("kmeans_seed_table.json", kmeansGolden), ("logreg_bigml.json", logregGolden), ("metrics_cases.json", metricsGolden) })
        {
            versions.Add((file, root.GetProperty("versions").EnumerateObject().Select(p => (p.Name, p.Value.GetString() ?? "")).ToArray()));
        }


        // 1. KMeans on the standardised seed table.
        context.Progress.Report("KMeans on the seed table (k = 4, 10 starts, seed 42)");
        var features = kmeansGolden.GetProperty("features").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var seedPath = Path.Combine(context.RepositoryRoot, kmeansGolden.GetProperty("data_file").GetString()!);
        var table = SeedProxy.LoadSeedTable(seedPath);
        var raw = Matrix<double>.Build.Dense(table.RowCount, features.Length);
        for (var j = 0; j < features.Length; j++) raw.SetColumn(j, table.Numeric(features[j]).Values);
        var scaler = StandardScaler.Fit(raw);
        var z = scaler.Transform(raw);
        var k = kmeansGolden.GetProperty("n_clusters").GetInt32();
        var options = new KMeansOptions
        {
            NumberOfClusters = k,
            NInit = kmeansGolden.GetProperty("n_init").GetInt32(),
            Seed = kmeansGolden.GetProperty("random_state").GetInt32(),
        };
        var ours = new KMeans(options).Fit(z);
        context.Progress.Report("KMeans with tolerance 0 (strict convergence)");
        var strict = new KMeans(options with { Tolerance = 0 }).Fit(z);
        var goldenLabels = kmeansGolden.GetProperty("labels").GetString()!.Select(c => c - '0').ToArray();
        var silhouetteRows = kmeansGolden.GetProperty("silhouette_rows").GetInt32();
        var kmeansRows = new List<Comparison>();
        var means = Doubles(kmeansGolden.GetProperty("scaler_means"));
        var scales = Doubles(kmeansGolden.GetProperty("scaler_scales"));
        for (var j = 0; j < features.Length; j++)
        {
            kmeansRows.Add(new("scaler mean of " + features[j], means[j], scaler.Means[j], Rule.Relative, 1e-10));
            kmeansRows.Add(new("scaler scale (population SD) of " + features[j], scales[j], scaler.Scales[j], Rule.Relative, 1e-10));
        }
        kmeansRows.Add(new("rows", kmeansGolden.GetProperty("rows").GetInt32(), table.RowCount, Rule.Absolute, 0));
        kmeansRows.Add(new("inertia (tol 1e-4)", kmeansGolden.GetProperty("inertia").GetDouble(), ours.Inertia, Rule.NotAbove, 1e-6));
        kmeansRows.Add(new("ARI of labels, ours vs sklearn (reference = identical)", 1.0, AdjustedRandIndex.Compute(ours.Labels, goldenLabels), Rule.Above, 0.99));
        kmeansRows.Add(Centres("largest centre difference (tol 1e-4)", Centers(kmeansGolden.GetProperty("centers")), ours.Centers, Rule.Info, 0));
        kmeansRows.Add(new("inertia (strict convergence, tol 0)", kmeansGolden.GetProperty("strict_inertia").GetDouble(), strict.Inertia, Rule.NotAbove, 1e-9));
        kmeansRows.Add(Centres("largest centre difference (strict convergence)", Centers(kmeansGolden.GetProperty("strict_centers")), strict.Centers, Rule.Absolute, 1e-9));
        kmeansRows.Add(new(string.Format(CultureInfo.InvariantCulture, "silhouette of the first {0} rows (sklearn's labels)", silhouetteRows),
            kmeansGolden.GetProperty("silhouette_first_rows").GetDouble(),
            Silhouette.Score(z.SubMatrix(0, silhouetteRows, 0, z.ColumnCount), goldenLabels.Take(silhouetteRows).ToArray()), Rule.Absolute, 1e-10));
        var goldenInertia = kmeansGolden.GetProperty("inertia").GetDouble();
        var strictGap = Math.Abs(strict.Inertia - kmeansGolden.GetProperty("strict_inertia").GetDouble());

        // 2. Logistic regression on churn-bigml-80.
        context.Progress.Report("logistic regression on churn-bigml-80");
        var bigmlPath = Path.Combine(context.RepositoryRoot, logregGolden.GetProperty("csv").GetString()!);
        var bigml = BigmlData.Load(bigmlPath,
            logregGolden.GetProperty("features").EnumerateArray().Select(e => e.GetString()!).ToArray());
        var bigmlScaler = StandardScaler.Fit(bigml.X);
        var xs = bigmlScaler.Transform(bigml.X);
        var logregRows = new List<Comparison>();
        var goldenMeans = Doubles(logregGolden.GetProperty("scaler_mean"));
        var goldenScales = Doubles(logregGolden.GetProperty("scaler_scale"));
        logregRows.Add(Largest("standardisation: means", bigml.Features, goldenMeans, bigmlScaler.Means.ToArray(), Rule.Relative, 1e-10));
        logregRows.Add(Largest("standardisation: scales", bigml.Features, goldenScales, bigmlScaler.Scales.ToArray(), Rule.Relative, 1e-10));
        var coefficientPairs = new List<(string Case, double[] Reference, double[] Ours)>();
        foreach (var (key, label, penalty, weighting) in new[]
                 {
                     ("a_l2_c1", "a: L2, C = 1", Penalty.L2, ClassWeighting.None),
                     ("b_none", "b: no penalty", Penalty.None, ClassWeighting.None),
                     ("c_balanced_c1", "c: L2, C = 1, balanced", Penalty.L2, ClassWeighting.Balanced),
                 })
        {
            var g = logregGolden.GetProperty(key);
            var model = Fit(xs, bigml.Y, penalty, weighting);
            var reference = Doubles(g.GetProperty("newton_cholesky_coef")).Append(g.GetProperty("newton_cholesky_intercept").GetDouble()).ToArray();
            var mine = model.Coefficients.ToArray().Append(model.Intercept).ToArray();
            logregRows.Add(Largest(label + ": coefficients vs sklearn newton-cholesky", bigml.Features.Append("intercept").ToArray(), reference, mine, Rule.Absolute, 1e-4));
            double[]? weights = g.GetProperty("class_weight").ValueKind == JsonValueKind.Null ? null : Doubles(g.GetProperty("class_weight"));
            var objective = Objective(xs, bigml.Y, model.Coefficients.ToArray(), model.Intercept, penalty, weights);
            logregRows.Add(new(label + ": objective vs sklearn lbfgs", g.GetProperty("objective").GetDouble(), objective, Rule.NotAbove, 0));
            logregRows.Add(new(label + ": objective vs sklearn newton-cholesky", g.GetProperty("newton_cholesky_objective").GetDouble(), objective, Rule.Relative, 1e-9));
            if (key != "b_none") coefficientPairs.Add((label, reference, mine));
        }
        foreach (var (key, label, relative) in new[] { ("d_logit_no_charge", "d: statsmodels Logit, charge columns dropped", false), ("e_logit_all", "e: statsmodels Logit, all columns", true) })
        {
            var g = logregGolden.GetProperty(key);
            var columns = g.GetProperty("columns").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var x = Matrix<double>.Build.Dense(xs.RowCount, columns.Length, (i, j) => xs[i, columns[j]]);
            var model = Fit(x, bigml.Y, Penalty.None, ClassWeighting.None);
            var terms = model.Statistics!.Terms;
            var names = g.GetProperty("names").EnumerateArray().Select(e => e.GetString()!).ToArray();
            var bse = Doubles(g.GetProperty("bse"));
            // The tests compare standard errors absolutely (d) or relative to max(1, |se|) (e: inflated by collinearity).
            logregRows.Add(Largest(label + ": coefficients", names, Doubles(g.GetProperty("params")), terms.Select(t => t.Estimate).ToArray(),
                relative ? Rule.Relative : Rule.Absolute, 1e-4));
            logregRows.Add(Largest(label + ": standard errors", names, bse, terms.Select(t => t.StandardError).ToArray(),
                relative ? Rule.Relative : Rule.Absolute, relative ? 1e-4 : 1e-3));
            logregRows.Add(Largest(label + ": z values", names, Doubles(g.GetProperty("tvalues")), terms.Select(t => t.Z).ToArray(), Rule.Absolute, 1e-3));
            logregRows.Add(Largest(label + ": p-values", names, Doubles(g.GetProperty("pvalues")), terms.Select(t => t.PValue).ToArray(), Rule.Absolute, 1e-4));
            logregRows.Add(new(label + ": log-likelihood", g.GetProperty("llf").GetDouble(), model.LogLikelihood, Rule.Absolute, 1e-6));
            if (!relative) coefficientPairs.Add((label, Doubles(g.GetProperty("params")), terms.Select(t => t.Estimate).ToArray()));
        }

        // 3. Ranking and probability metrics.
        context.Progress.Report("metrics cases");
        var metricRows = new List<Comparison>();
        foreach (var c in metricsGolden.GetProperty("cases").EnumerateArray())
        {
            var name = c.GetProperty("name").GetString()!;
            var y = Vector<double>.Build.DenseOfArray(Doubles(c.GetProperty("y")));
            var scores = Vector<double>.Build.DenseOfArray(Doubles(c.GetProperty("scores")));
            var p = Vector<double>.Build.DenseOfArray(Doubles(c.GetProperty("p")));
            var label = name + " (n = " + y.Count.ToString(CultureInfo.InvariantCulture) + ")";
            metricRows.Add(new(label + ": ROC-AUC", c.GetProperty("roc_auc").GetDouble(), RocAuc.Compute(y, scores), Rule.Absolute, 1e-12));
            metricRows.Add(new(label + ": average precision", c.GetProperty("average_precision").GetDouble(), AveragePrecision.Compute(y, scores), Rule.Absolute, 1e-12));
            metricRows.Add(new(label + ": log loss (eps 1e-15)", c.GetProperty("log_loss_eps_1e15").GetDouble(), LogLoss.Compute(y, p), Rule.Absolute, 1e-12));
            metricRows.Add(new(label + ": Brier score", c.GetProperty("brier").GetDouble(), BrierScore.Compute(y, p), Rule.Absolute, 1e-12));
        }
        return new ReferenceCheckResult(
            DataFiles: [kmeansPath, logregPath, metricsPath, seedPath, bigmlPath],
            Versions: versions,
            KMeansRows: kmeansRows,
            LogisticRows: logregRows,
            MetricRows: metricRows,
            KMeansOptions: options,
            SeedTableRows: table.RowCount,
            Inertia: ours.Inertia,
            ReferenceInertia: goldenInertia,
            StrictInertiaGap: strictGap,
            BigmlRows: bigml.Y.Count,
            BigmlChurners: (int)bigml.Y.Sum(),
            BigmlFeatures: bigml.Features.Length,
            LbfgsGapCaseA: logregGolden.GetProperty("a_l2_c1").GetProperty("max_abs_diff_lbfgs_vs_newton_cholesky").GetDouble(),
            LbfgsGapCaseB: logregGolden.GetProperty("b_none").GetProperty("max_abs_diff_lbfgs_vs_newton_cholesky").GetDouble(),
            CoefficientPairs: coefficientPairs,
            MetricCases: metricsGolden.GetProperty("cases").GetArrayLength());
    }

    private static LogisticRegressionModel Fit(Matrix<double> x, Vector<double> y, Penalty penalty, ClassWeighting weighting) =>
        new LogisticRegression(new LogisticRegressionOptions
        {
            Solver = LogisticSolver.Newton,
            Penalty = penalty,
            ClassWeight = weighting,
            C = 1.0,
            Tolerance = 1e-8,
        }).Fit(x, y);

    /// <summary>scikit-learn 1.2's objective: Σ s_i · logloss_i + ½‖w‖² / C (intercept unpenalised), written out independently.</summary>
    internal static double Objective(Matrix<double> x, Vector<double> y, double[] w, double b, Penalty penalty, double[]? classWeight)
    {
        var sum = 0.0;
        for (var i = 0; i < x.RowCount; i++)
        {
            var z = b;
            for (var j = 0; j < w.Length; j++) z += x[i, j] * w[j];
            var loss = Math.Log(1 + Math.Exp(-Math.Abs(z))) + Math.Max(z, 0) - y[i] * z;
            sum += (classWeight is null ? 1.0 : classWeight[(int)y[i]]) * loss;
        }
        return penalty == Penalty.L2 ? sum + 0.5 * w.Sum(v => v * v) : sum;
    }

    /// <summary>The element with the largest difference under the rule, named.</summary>
    internal static Comparison Largest(string quantity, IReadOnlyList<string> names, double[] reference, double[] ours, Rule rule, double tolerance)
    {
        if (reference.Length != ours.Length)
            throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                "{0}: the reference has {1} values, ours {2}.", quantity, reference.Length, ours.Length));
        var worst = 0;
        var worstScore = double.NegativeInfinity;
        for (var j = 0; j < reference.Length; j++)
        {
            // Differences at rounding level are noise: they tie, so the named element does not flip
            // with the last bits of a kernel (or the SIMD width of the machine).
            var difference = Math.Abs(ours[j] - reference[j]);
            var score = Math.Max(rule == Rule.Relative ? difference / Math.Max(1, Math.Abs(reference[j])) : difference, NoiseFloor * Math.Max(1, Math.Abs(reference[j])));
            if (score > worstScore)
            {
                worstScore = score;
                worst = j;
            }
        }
        return new Comparison(quantity + " (largest: " + names[worst] + ")", reference[worst], ours[worst], rule, tolerance);
    }

    /// <summary>Largest coordinate difference after matching each reference centre to our nearest centre (label ids are arbitrary).</summary>
    private static Comparison Centres(string quantity, double[][] reference, Matrix<double> ours, Rule rule, double tolerance)
    {
        var worst = (Reference: 0.0, Ours: 0.0, Difference: -1.0);
        foreach (var expected in reference)
        {
            var nearest = Enumerable.Range(0, ours.RowCount)
                .OrderBy(i => Enumerable.Range(0, expected.Length).Max(j => Math.Abs(ours[i, j] - expected[j])))
                .First();
            for (var j = 0; j < expected.Length; j++)
            {
                var difference = Math.Abs(ours[nearest, j] - expected[j]);
                if (difference > worst.Difference) worst = (expected[j], ours[nearest, j], difference);
            }
        }
        return new Comparison(quantity, worst.Reference, worst.Ours, rule, tolerance);
    }

    internal static string Sci(double value) => value == 0 ? "0" : value.ToString("0.0E+0", CultureInfo.InvariantCulture);

    /// <summary>Below this (relative to max(1, |value|)) two doubles agree to rounding; the tables say so instead of printing noise.</summary>
    internal const double NoiseFloor = 1e-12;

    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static double[][] Centers(JsonElement e) => e.EnumerateArray().Select(Doubles).ToArray();

    /// <summary>churn-bigml-80.csv as golden_logreg.py reads it: the listed features, Yes/No as 1/0, Churn True as 1.</summary>
    private sealed record BigmlData(string[] Features, Matrix<double> X, Vector<double> Y)
    {
        public static BigmlData Load(string path, string[] features)
        {
            var table = CsvTableReader.Read(path);
            var x = Matrix<double>.Build.Dense(table.RowCount, features.Length);
            for (var j = 0; j < features.Length; j++)
            {
                var column = table.Column(features[j]);
                for (var i = 0; i < table.RowCount; i++)
                    x[i, j] = column switch
                    {
                        NumericColumn numeric => numeric[i],
                        TextColumn text => text[i] switch
                        {
                            "Yes" => 1.0,
                            "No" => 0.0,
                            var other => throw new ChurnDataException("expected Yes or No.", path, i + 1, table.LineOf(i), features[j], other ?? ""),
                        },
                        _ => throw new InvalidOperationException("unknown column type"),
                    };
            }
            var churn = table.Text("Churn");
            var y = Vector<double>.Build.Dense(table.RowCount, i => churn[i] switch
            {
                "True" => 1.0,
                "False" => 0.0,
                var other => throw new ChurnDataException("expected True or False.", path, i + 1, table.LineOf(i), "Churn", other ?? ""),
            });
            return new BigmlData(features, x, y);
        }
    }
}

/// <summary>What <see cref="ReferenceCheckExperiment"/> computed: the comparisons by section and the figures the prose cites.</summary>
/// <remarks>Versions: Library versions each golden file recorded, in the files' own order; LbfgsGapCaseA: How far scikit-learn's lbfgs stopped from the optimum (largest coefficient difference to newton-cholesky), cases a and b; MetricCases: How many cases metrics_cases.json holds.</remarks>
public sealed record ReferenceCheckResult(
    IReadOnlyList<string> DataFiles,
    IReadOnlyList<(string File, IReadOnlyList<(string Library, string Version)> Libraries)> Versions,
    IReadOnlyList<ReferenceCheckExperiment.Comparison> KMeansRows,
    IReadOnlyList<ReferenceCheckExperiment.Comparison> LogisticRows,
    IReadOnlyList<ReferenceCheckExperiment.Comparison> MetricRows,
    KMeansOptions KMeansOptions,
    int SeedTableRows,
    double Inertia,
    double ReferenceInertia,
    double StrictInertiaGap,
    int BigmlRows,
    int BigmlChurners,
    int BigmlFeatures,
    double LbfgsGapCaseA,
    double LbfgsGapCaseB,
    IReadOnlyList<(string Case, double[] Reference, double[] Ours)> CoefficientPairs,
    int MetricCases) : IExperimentResult
{

}
