using Churn.Algorithms.Additive;
using Churn.Algorithms.Metrics;

namespace Churn.Experiments.Experiments;

/// <summary>One model kind as the comparison trains it: a `churn train` preset (and, for sparse, how lambda is chosen).</summary>
public sealed record ModelSpec(string Name, string Flags, ModelKind Kind, LambdaSelection Lambda, PathMeasure Measure)
{
    /// <summary>The four `--model` presets with their defaults, plus lambda.min on AUC (the sparse expert setting).</summary>
    public static IReadOnlyList<ModelSpec> Standard { get; } =
    [
        new("linear", "--model linear", ModelKind.Linear, LambdaSelection.OneStandardError, PathMeasure.Deviance),
        new("sparse", "--model sparse", ModelKind.Sparse, LambdaSelection.OneStandardError, PathMeasure.Deviance),
        new("sparse, lambda.min by AUC", "--model sparse --lambda min --cv-measure auc", ModelKind.Sparse, LambdaSelection.Minimum, PathMeasure.Auc),
        new("additive", "--model additive", ModelKind.Additive, LambdaSelection.OneStandardError, PathMeasure.Deviance),
        new("additive-pairs", "--model additive-pairs", ModelKind.AdditivePairs, LambdaSelection.OneStandardError, PathMeasure.Deviance),
    ];

    /// <summary>Readability rank: fewer kinds of term first (sparse, linear, additive, additive with pairs).</summary>
    public int Complexity => Kind switch
    {
        ModelKind.Sparse => 0,
        ModelKind.Linear => 1,
        ModelKind.Additive => 2,
        _ => 3,
    };
}

/// <summary>One kind's cross-validated result: fold AUCs on the shared folds, held-out log-loss and calibration.</summary>
public sealed record KindResult(
    ModelSpec Spec,
    IReadOnlyList<double> FoldAucs,
    double CvAucMean,
    double CvAucSd,
    int FeaturesUsed,
    int FeaturesAvailable,
    double LogLoss,
    CalibrationInfo Calibration,
    double? Lambda,
    int Pairs)
{
    /// <summary>Pooled out-of-fold probabilities (row order of the data): the curves a report draws for this kind.</summary>
    public IReadOnlyList<double> OutOfFold { get; init; } = [];

    /// <summary>The kind's final model on all rows (terms, shapes, coefficients); null in hand-made results.</summary>
    public ChurnModel? Model { get; init; }
}

/// <summary>A reference level read from a committed golden (scikit-learn), same folds where the golden says so.</summary>
public sealed record ReferenceLevel(string Name, double CvAucMean, double CvAucSd, string Folds, int FoldCount);

/// <summary>The lasso path of the sparse preset on all rows: coefficients per lambda and the path CV's AUC.</summary>
public sealed record LassoPathResult(
    IReadOnlyList<double> Lambdas,
    IReadOnlyList<string> Columns,
    IReadOnlyList<double[]> Coefficients,
    IReadOnlyList<double> MeanAuc,
    IReadOnlyList<double> AucStandardError,
    int IndexMin,
    int IndexOneStandardError,
    PathMeasure Measure,
    int Folds);

/// <summary>
/// Which kind to use: the simplest kind (<see cref="ModelSpec.Complexity"/>, then fewer features) whose fold AUCs
/// are within one standard error of the paired difference from the best kind's (same folds).
/// </summary>
public sealed record ModelVerdict(KindResult Best, KindResult Chosen, double PairedDifference, double PairedStandardError,
    KindResult? SimplerRejected, double RejectedDifference, double RejectedStandardError);

/// <summary>Every kind side by side on one dataset, the path and the shapes: computed without I/O.</summary>
public sealed record DatasetComparison(
    string Name,
    string Command,
    int Rows,
    int Positives,
    int Folds,
    IReadOnlyList<KindResult> Kinds,
    ReferenceLevel? Reference,
    LassoPathResult? Path,
    IReadOnlyList<TermShape> Shapes,
    ModelVerdict Verdict)
{
    /// <summary>
    /// Trains every kind with the same outer folds (<paramref name="folds"/>-fold stratified, <paramref name="seed"/>),
    /// each refitting its whole selection inside every fold, and picks the verdict.
    /// </summary>
    public static DatasetComparison Compute(string name, string command, TrainingData data, int folds, int seed,
        ReferenceLevel? reference, IReadOnlyList<ModelSpec> specs, string codeVersion, IProgress<string>? progress = null)
    {
        var kinds = new List<KindResult>();
        LassoPathResult? path = null;
        IReadOnlyList<TermShape> shapes = [];
        var sparseSpec = specs.FirstOrDefault(s => s.Kind == ModelKind.Sparse);
        foreach (var spec in specs)
        {
            progress?.Report(name + ": " + spec.Name + ", " + folds + "-fold cross-validation");
            var result = ChurnTrainer.Train(data, new ChurnTrainingOptions
            {
                Kind = spec.Kind,
                Penalty = spec.Kind == ModelKind.Sparse ? Penalty.L1 : Penalty.L2,
                Lambda = spec.Lambda,
                PathMeasure = spec.Measure,
                CrossValidationFolds = folds,
                Seed = seed,
            }, codeVersion);
            var cv = result.CrossValidation!;
            var oof = Vector<double>.Build.DenseOfEnumerable(cv.OutOfFoldProbabilities);
            var model = result.Model;
            kinds.Add(new KindResult(spec, cv.FoldAucs, cv.Mean, cv.StandardDeviation, model.FeaturesUsed.Count,
                SourceFeatures(model), LogLoss.Compute(data.Labels, oof),
                model.Calibration ?? CalibrationInfo.FromOutOfFold(data.Labels, oof, folds), model.Training.Lambda,
                model.Shapes.Count(s => s.Y is not null))
            {
                OutOfFold = cv.OutOfFoldProbabilities,
                Model = model,
            });
            if (spec == sparseSpec && result.Path is { CrossValidation: { } pathCv } selection)
                path = new LassoPathResult(selection.Path.Lambdas, model.ColumnNames,
                    Enumerable.Range(0, selection.Path.Count).Select(selection.Path.Coefficients).ToList(),
                    pathCv.MeanAuc, pathCv.AucStandardError, pathCv.IndexMin, pathCv.IndexOneStandardError, pathCv.Measure, pathCv.FoldCount);
            // The richest additive model that has shapes supplies the plots.
            if (model.Shapes.Count > 0 && (shapes.Count == 0 || spec.Kind == ModelKind.AdditivePairs)) shapes = model.Shapes;
        }
        return new DatasetComparison(name, command, data.Labels.Count, (int)data.Labels.Sum(), folds, kinds, reference, path, shapes, Choose(kinds));
    }

    /// <summary>Source features the model could use (a pair term's two features count once each).</summary>
    private static int SourceFeatures(ChurnModel model) => model.ColumnSources
        .SelectMany(source => model.Basis?.Terms.FirstOrDefault(t => t.Name == source)?.Sources ?? [source])
        .Distinct(StringComparer.Ordinal).Count();

    /// <summary>Mean and standard error (sd / sqrt(K)) of the fold-wise AUC differences a - b.</summary>
    public static (double Mean, double StandardError) Paired(KindResult a, KindResult b)
    {
        var d = a.FoldAucs.Zip(b.FoldAucs, (x, y) => x - y).ToArray();
        var mean = d.Average();
        var sd = d.Length < 2 ? 0 : Math.Sqrt(d.Sum(v => (v - mean) * (v - mean)) / (d.Length - 1));
        return (mean, sd / Math.Sqrt(d.Length));
    }

    public static ModelVerdict Choose(IReadOnlyList<KindResult> kinds)
    {
        var best = kinds.OrderByDescending(k => k.CvAucMean).First();
        KindResult? rejected = null;
        double rejectedDiff = 0, rejectedSe = 0;
        foreach (var candidate in kinds.OrderBy(k => k.Spec.Complexity).ThenBy(k => k.FeaturesUsed))
        {
            if (candidate == best) break;
            var (diff, se) = Paired(best, candidate);
            if (diff <= se) return new ModelVerdict(best, candidate, diff, se, rejected, rejectedDiff, rejectedSe);
            if (rejected is null) (rejected, rejectedDiff, rejectedSe) = (candidate, diff, se);
        }
        return new ModelVerdict(best, best, 0, 0, rejected, rejectedDiff, rejectedSe);
    }
}
