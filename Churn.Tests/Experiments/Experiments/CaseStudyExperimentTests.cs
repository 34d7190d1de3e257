using System.Text.Json;
using Churn.Experiments.Commands;
using Churn.Experiments.Experiments;
using Xunit;

namespace Churn.Tests.Experiments.Experiments;

public sealed class CaseStudyExperimentTests
{
    private static readonly string[] Figures = ["roc_curve.png", "top_coefficients.png", "missingness.png"];

    // Fewer CV repeats and bootstrap resamples than the report, same code path.
    private static CaseStudyExperiment Small() => new() { Repeats = 2, BootstrapResamples = 200 };

    [Fact]
    public void Run_SameSeedTwice_WritesAllFilesAndIdenticalMetrics()
    {
        // Files exist, PNGs are real, and metrics.json and README.md are byte-identical across two runs.
        ExperimentReportRun.AssertDeterministic(Small(), 42, Figures);
    }

    [Fact]
    public void Run_HeadRows_ReproducesDataReadmeHighValueFiguresAndPassesLeakageCheck()
    {
        using var metrics = RunMetrics(Small());
        var results = metrics.RootElement.GetProperty("results");
        // Figures computed independently with the python stdlib in /work/shared/data/README.md.
        Assert.Equal(366.6, results.GetProperty("hvc_threshold").GetDouble(), 9);
        Assert.Equal(300, results.GetProperty("hvc_customers").GetInt32());
        Assert.Equal(31, results.GetProperty("hvc_churned").GetInt32());
        Assert.Equal(110, results.GetProperty("churned_all_rows").GetInt32());
        Assert.Equal(0.160, results.GetProperty("missingness").GetProperty("overall_fraction").GetDouble(), 3);
        Assert.Equal(166, results.GetProperty("missingness").GetProperty("columns_with_missing").GetInt32());
        Assert.Equal(40, results.GetProperty("missingness").GetProperty("columns_above_30_percent").GetInt32());
        var leakage = results.GetProperty("leakage_check");
        Assert.True(leakage.GetProperty("ran").GetBoolean());
        Assert.True(leakage.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public void Run_CrossValidation_ReportsFiveFoldsPerPenaltyWithMeanOfFolds()
    {
        using var metrics = RunMetrics(Small());
        var cv = metrics.RootElement.GetProperty("results").GetProperty("cross_validation");
        Assert.Equal(2, cv.GetArrayLength());
        foreach (var entry in cv.EnumerateArray())
        {
            var folds = entry.GetProperty("fold_aucs").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal(5, folds.Length);
            Assert.Equal(folds.Average(), entry.GetProperty("mean").GetDouble(), 12);
            var ci = entry.GetProperty("bootstrap_ci95").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var pooled = entry.GetProperty("pooled_out_of_fold_auc").GetDouble();
            Assert.True(ci[0] < pooled && pooled < ci[1], "bootstrap interval should contain the pooled AUC");
        }
    }

    [Fact]
    public void Compute_NoKindBeatsLinearBeyondNoise_KeepsLinearAndSaysWhyAdditiveEqualsIt()
    {
        var context = new ExperimentContext(TestPaths.RepoRoot, 42, new Progress<string>(_ => { }));
        var r = Small().Compute(context);

        Assert.False(r.Choice.Switched);
        Assert.Equal(Churn.Experiments.Modeling.ModelKind.Linear, r.Choice.Chosen.Spec.Kind);
        Assert.All(r.Comparison.Kinds.Where(k => k != r.Choice.Linear), k =>
        {
            var (gain, se) = DatasetComparison.Paired(k, r.Choice.Linear);
            Assert.True(gain <= se, k.Spec.Name + " beats linear by " + gain + " > " + se);
        });
        // The additive kind is the linear model here (every numeric feature kept linear), and the report says why.
        var additive = r.Comparison.Kinds.Single(k => k.Spec.Kind == Churn.Experiments.Modeling.ModelKind.Additive);
        Assert.Equal(r.Choice.Linear.FoldAucs, additive.FoldAucs);
        Assert.Contains("The additive kind equals the linear model on every fold by design", ModelChoiceReport.Why(r.Choice, "{0}"));
        Assert.Same(r.Comparison, new ModelsExperiment().CompareCaseStudy(context));
    }

    private static JsonDocument RunMetrics(CaseStudyExperiment experiment)
    {
        var root = Path.Combine(Path.GetTempPath(), "churn-case-study-" + Guid.NewGuid().ToString("N"));
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
