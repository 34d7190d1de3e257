using System.Text.Json;
using Churn.Experiments.Experiments.Reports;

namespace Churn.Experiments.Experiments;

/// <summary>
/// The model kinds side by side (issue 12) on churn-bigml-80 and on the case-study recipe: the same
/// stratified <see cref="Folds"/>-fold outer folds for every kind, each refitting its whole selection
/// (path CV, smoothing, pair screening) inside every fold; scikit-learn's gradient boosting read from the
/// committed golden as the reference level. <see cref="DatasetComparison"/> computes (no I/O), <see cref="ModelsReport"/> writes.
/// </summary>
public sealed class ModelsExperiment() : Experiment<ModelsResult>("models",
    "Model kinds side by side: linear, sparse, additive and additive with pairs against gradient boosting")
{
    /// <summary>Golden of notebooks/reference/golden_models.py (scikit-learn's five families on churn-bigml-80).</summary>
    public const string BigmlGolden = "models_bigml.json";

    /// <summary>Outer folds: the README's `--cv 5`, so the table reproduces `churn train ... --cv 5`.</summary>
    public int Folds { get; init; } = 5;

    public IReadOnlyList<ModelSpec> Specs { get; init; } = ModelSpec.Standard;

    protected override void Write(ModelsResult result, ReportBuilder report) => ModelsReport.Write(report, result.Comparisons, result.Folds, result.Seed);

    public override ModelsResult Compute(ExperimentContext context)
    {
        var comparisons = new[] { CompareBigml(context), CompareCaseStudy(context) };
        return new ModelsResult(comparisons, Folds, context.Seed,
            [context.Raw(LabelledUsExperiment.DataFile), context.Raw(CaseStudyExperiment.DataFile), context.Golden(BigmlGolden)]);
    }

    /// <summary>Every kind on churn-bigml-80 (State and Area code excluded), against the gradient-boosting golden; computed once per process.</summary>
    public DatasetComparison CompareBigml(ExperimentContext context)
    {
        var path = context.Raw(LabelledUsExperiment.DataFile);
        return Compare(context, "churn-bigml-80", path, () =>
        {
            context.Progress.Report("reading " + LabelledUsExperiment.DataFile);
            var bigml = TrainingDataLoader.Load(path, "Churn", "True", ["State", "Area code"], null);
            return (bigml, ReadGradientBoosting(context.Golden(BigmlGolden), bigml.SourceSha256),
                "./churn train --data data/raw/churn-bigml-80.csv --label Churn --positive True --exclude \"State,Area code\" --cv 5 --out M.json");
        });
    }

    /// <summary>Every kind on the case-study recipe (no golden for it); computed once per process.</summary>
    public DatasetComparison CompareCaseStudy(ExperimentContext context)
    {
        var path = context.Raw(CaseStudyExperiment.DataFile);
        return Compare(context, "case-study recipe", path, () =>
        {
            context.Progress.Report("reading " + CaseStudyExperiment.DataFile);
            return (TelecomRecipes.Build(TelecomRecipes.CaseStudyName, path), null,
                "./churn train --data data/raw/telecom_churn_data_head1000.csv --recipe case-study --cv 5 --out M.json");
        });
    }

    private DatasetComparison Compare(ExperimentContext context, string name, string path,
        Func<(TrainingData Data, ReferenceLevel? Reference, string Command)> load)
    {
        Algorithms.Guard.AtLeast(Folds, 2, nameof(Folds));
        var key = string.Join("|", name, Provenance.Sha256(path), Folds, context.Seed, Provenance.CodeVersion, string.Join(";", Specs.Select(s => s.Flags)));
        return context.Comparisons.GetOrCompute(key, () =>
        {
            var (data, reference, command) = load();
            return DatasetComparison.Compute(name, command, data, Folds, context.Seed, reference, Specs, Provenance.CodeVersion, context.Progress);
        });
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
            gbm.GetProperty("cv_auc_mean").GetDouble(), gbm.GetProperty("cv_auc_sd").GetDouble(), root.GetProperty("folds").GetString()!,
            gbm.GetProperty("fold_aucs").GetArrayLength());
    }
}

/// <summary>What the models experiment computed: one comparison per dataset, the folds and seed, the files read.</summary>
public sealed record ModelsResult(IReadOnlyList<DatasetComparison> Comparisons, int Folds, int Seed, IReadOnlyList<string> DataFiles) : IExperimentResult;
