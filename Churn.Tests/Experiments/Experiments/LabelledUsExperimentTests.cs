using System.Text.Json;
using Churn.Experiments.Commands;
using Churn.Experiments.Experiments;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace Churn.Tests.Experiments.Experiments;

[Trait("Kind", "Golden")]
public sealed class LabelledUsExperimentTests
{
    private static readonly string[] Figures = ["roc_curve.png", "precision_recall.png", "calibration.png", "gains_chart.png", "profit_curve.png"];

    [Fact]
    public void Run_SameSeedTwice_WritesAllFilesAndIdenticalMetrics()
    {
        // Files exist, PNGs are real, and metrics.json and README.md are byte-identical across two runs.
        ExperimentReportRun.AssertDeterministic(new LabelledUsExperiment(), 42, Figures);
    }

    [Fact]
    public void Run_UnpenalisedCoefficients_MatchStatsmodelsLogitWithoutChargeColumns()
    {
        using var golden = JsonDocument.Parse(File.ReadAllText(TestPaths.Golden("logreg_bigml.json")));
        var logit = golden.RootElement.GetProperty("d_logit_no_charge");
        var names = logit.GetProperty("names").EnumerateArray().Select(e => e.GetString()!).ToArray();
        double[] Values(string key) => logit.GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var (parameters, errors, pValues) = (Values("params"), Values("bse"), Values("pvalues"));

        using var metrics = RunMetrics(new LabelledUsExperiment());
        var results = metrics.RootElement.GetProperty("results");
        var rows = results.GetProperty("coefficients").EnumerateArray()
            .ToDictionary(r => r.GetProperty("term").GetString()!, r => r);
        Assert.Equal(names.Length, rows.Count);
        for (var j = 0; j < names.Length; j++)
        {
            // statsmodels names: 'const' and the raw text column; ours: '(intercept)' and 'column=Yes'.
            var ours = names[j] == "const" ? rows["(intercept)"]
                : rows.TryGetValue(names[j], out var r) ? r : rows[names[j] + "=Yes"];
            Assert.Equal(parameters[j], ours.GetProperty("coefficient_per_sd").GetDouble(), 1e-4);
            Assert.Equal(errors[j], ours.GetProperty("standard_error").GetDouble(), 1e-4);
            Assert.Equal(pValues[j], ours.GetProperty("p_value").GetDouble(), 1e-4);
        }
        var dropped = results.GetProperty("collinear_columns_dropped").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(["Total day charge", "Total eve charge", "Total night charge", "Total intl charge"], dropped);
    }

    [Fact]
    public void Run_BigMl_CountsRowsAndChurnersOfTheDataReadme()
    {
        using var metrics = RunMetrics(new LabelledUsExperiment());
        var results = metrics.RootElement.GetProperty("results");
        Assert.Equal(2666, results.GetProperty("rows").GetInt32());
        Assert.Equal(388, results.GetProperty("churners").GetInt32());
        var folds = results.GetProperty("cross_validation").GetProperty("fold_aucs").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(5, folds.Length);
        Assert.Equal(folds.Average(), results.GetProperty("cross_validation").GetProperty("mean").GetDouble(), 12);
        var gains = results.GetProperty("gains").EnumerateArray().ToArray();
        Assert.Equal(10, gains.Length);
        Assert.Equal(388, gains.Sum(g => g.GetProperty("churners").GetInt32()));
    }

    [Fact]
    public void Compute_KindBeatsLinearBeyondNoise_CurvesAreThatKindsOutOfFold()
    {
        var context = new ExperimentContext(TestPaths.RepoRoot, 42, new Progress<string>(_ => { }));
        var r = new LabelledUsExperiment().Compute(context);

        // On churn-bigml-80 the pairs model wins by many standard errors (issue 12: 0.93 against 0.81).
        Assert.True(r.Choice.Switched);
        Assert.Equal(Churn.Experiments.Modeling.ModelKind.AdditivePairs, r.Chosen.Spec.Kind);
        var (gain, se) = DatasetComparison.Paired(r.Chosen, r.Choice.Linear);
        Assert.True(gain > se);
        var labels = Churn.Experiments.Modeling.TrainingDataLoader.Load(TestPaths.Data("data/raw/churn-bigml-80.csv"), "Churn", "True", ["State", "Area code"], null).Labels;
        Assert.Equal(Churn.Algorithms.Metrics.RocAuc.Compute(labels, Vector<double>.Build.DenseOfEnumerable(r.Chosen.OutOfFold)), r.Auc, 12);
        Assert.Equal(r.Chosen.CvAucMean, r.Comparison.Kinds.Single(k => k.Spec == r.Chosen.Spec).CvAucMean);
        // The comparison is the models experiment's, computed once per process.
        Assert.Same(r.Comparison, new ModelsExperiment().CompareBigml(context));
    }

    [Fact]
    public void ProfitCurve_HandComputedRanking_PicksFirstMaximum()
    {
        var experiment = new LabelledUsExperiment { OfferCost = 10, CustomerValue = 100, RetentionSuccessRate = 0.3 };
        var y = Vector<double>.Build.DenseOfArray([0, 1, 1, 0, 0]);
        var p = Vector<double>.Build.DenseOfArray([0.8, 0.9, 0.7, 0.1, 0.7]);

        var result = experiment.ProfitCurve(y, p);

        // Ranked: 0.9 (churner), 0.8, 0.7 (churner, first of the tie), 0.7, 0.1.
        // profit(k) = churners x 100 x 0.3 - 10 k: 0, 20, 10, 30, 20, 10.
        Assert.Equal([0.0, 20, 10, 30, 20, 10], result.Points.Select(q => Math.Round(q.Profit, 9)).ToArray());
        Assert.Equal(3, result.Best.Contacted);
        Assert.Equal(2, result.Best.Churners);
        Assert.Equal(0.7, result.Best.CutOff);
    }

    [Fact]
    public void ProfitCurve_OfferCostAboveExpectedGain_BestIsContactingNobody()
    {
        var experiment = new LabelledUsExperiment { OfferCost = 40, CustomerValue = 100, RetentionSuccessRate = 0.3 };
        var y = Vector<double>.Build.DenseOfArray([1, 1, 0]);
        var p = Vector<double>.Build.DenseOfArray([0.9, 0.8, 0.1]);

        var result = experiment.ProfitCurve(y, p);

        Assert.Equal(0, result.Best.Contacted);
        Assert.Equal(0.0, result.Best.Profit);
    }

    private static JsonDocument RunMetrics(LabelledUsExperiment experiment)
    {
        var root = Path.Combine(Path.GetTempPath(), "churn-labelled-us-" + Guid.NewGuid().ToString("N"));
        try
        {
            var dir = ExperimentCatalog.Run(experiment, TestPaths.RepoRoot, 42, root, new Progress<string>(_ => { }));
            return JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "metrics.json")));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
