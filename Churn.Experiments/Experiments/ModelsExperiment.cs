using System.Text.Json;
using Churn.Experiments.Data;
using Churn.Experiments.Experiments.Reports;
using Churn.Experiments.Modeling;

namespace Churn.Experiments.Experiments;

/// <summary>
/// The model kinds side by side (issue 12) on churn-bigml-80 and on the case-study recipe: the same
/// stratified <see cref="Folds"/>-fold outer folds for every kind, each refitting its whole selection
/// (path CV, smoothing, pair screening) inside every fold; scikit-learn's gradient boosting read from the
/// committed golden as the reference level. <see cref="DatasetComparison"/> computes, <see cref="ModelsReport"/> writes.
/// </summary>
public sealed class ModelsExperiment : IExperiment
{
    /// <summary>Golden of notebooks/reference/golden_models.py (scikit-learn's five families on churn-bigml-80).</summary>
    public const string BigmlGolden = "models_bigml.json";

    public string Name => "models";

    public string Title => "Model kinds side by side: linear, sparse, additive and additive with pairs against gradient boosting";

    /// <summary>Outer folds: the README's `--cv 5`, so the table reproduces `churn train ... --cv 5`.</summary>
    public int Folds { get; init; } = 5;

    public IReadOnlyList<ModelSpec> Specs { get; init; } = ModelSpec.Standard;

    public void Run(ExperimentContext context, ReportBuilder report)
    {
        Algorithms.Guard.AtLeast(Folds, 2, nameof(Folds));
        var bigmlPath = report.UsesData(context.Raw(LabelledUsExperiment.DataFile), context.RepositoryRoot);
        var casePath = report.UsesData(context.Raw(CaseStudyExperiment.DataFile), context.RepositoryRoot);
        var goldenPath = report.UsesData(context.Golden(BigmlGolden), context.RepositoryRoot);
        context.Progress.Report("reading " + LabelledUsExperiment.DataFile + " and " + CaseStudyExperiment.DataFile);
        var bigml = TrainingDataLoader.Load(bigmlPath, "Churn", "True", ["State", "Area code"], null);
        var caseStudy = TelecomRecipes.Build(TelecomRecipes.CaseStudyName, casePath);
        var reference = ReadGradientBoosting(goldenPath, bigml.SourceSha256);

        var comparisons = new[]
        {
            DatasetComparison.Compute("churn-bigml-80",
                "./churn train --data data/raw/churn-bigml-80.csv --label Churn --positive True --exclude \"State,Area code\" --cv 5 --out M.json",
                bigml, Folds, context.Seed, reference, Specs, Provenance.CodeVersion, context.Progress),
            DatasetComparison.Compute("case-study recipe",
                "./churn train --data data/raw/telecom_churn_data_head1000.csv --recipe case-study --cv 5 --out M.json",
                caseStudy, Folds, context.Seed, null, Specs, Provenance.CodeVersion, context.Progress),
        };
        ModelsReport.Write(report, comparisons, Folds, context.Seed);
    }

    /// <summary>scikit-learn's HistGradientBoosting level, refused when the golden was computed on other data.</summary>
    private static ReferenceLevel ReadGradientBoosting(string path, string dataSha256)
    {
        using var golden = JsonDocument.Parse(File.ReadAllText(path));
        var root = golden.RootElement;
        if (root.GetProperty("data_sha256").GetString() != dataSha256)
            throw new InvalidDataException(path + " was computed on another version of churn-bigml-80.csv (data_sha256 differs); rerun notebooks/reference/golden_models.py.");
        var gbm = root.GetProperty("models").GetProperty("gradient_boosting");
        return new ReferenceLevel("scikit-learn " + root.GetProperty("versions").GetProperty("sklearn").GetString() + " HistGradientBoostingClassifier",
            gbm.GetProperty("cv_auc_mean").GetDouble(), gbm.GetProperty("cv_auc_sd").GetDouble(), root.GetProperty("folds").GetString()!);
    }
}
