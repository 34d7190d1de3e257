using Churn.Algorithms.Additive;
using Churn.Experiments.Experiments.Reports;
using Alignment = ScottPlot.Alignment;
using static Churn.Experiments.Experiments.Reports.ReportBuilder;

namespace Churn.Experiments.Experiments;

/// <summary>Writes reports/models/ from <see cref="DatasetComparison"/>s: tables, figures, metrics and the verdict.</summary>
public static class ModelsReport
{
    /// <summary>Per dataset: 6 shape plots, 4 interaction heatmaps.</summary>
    private static readonly TermFigures TermPlots = new(Shapes: 6, Pairs: 4);

    /// <summary>Coefficient lines labelled in the path plot (the first columns to enter).</summary>
    public const int PathLabels = 8;

    public static void Write(ReportBuilder report, IReadOnlyList<DatasetComparison> comparisons, int folds, int seed)
    {
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "Every kind is trained by `churn train` with the same {0}-fold stratified outer folds (seed {1}); inside each fold the kind " +
            "refits its whole selection (the lasso path and its {2}-fold path CV, the smoothing CV, the pair screening), so the AUCs are " +
            "honest held-out figures. Log-loss, Brier score and the expected calibration error (ECE, {3} bins) are computed on the pooled " +
            "out-of-fold probabilities. \"vs linear\" is the mean fold-wise AUC difference from the linear model over the same folds, " +
            "± its standard error. Features used = source columns with a non-zero term.", folds, seed,
            PathFolds(comparisons), comparisons[0].Kinds[0].Calibration.Bins.Count));
        report.Figure("auc_by_kind.png", "Cross-validated AUC of every kind on both datasets, with gradient boosting's reference level where a golden exists",
            file => AucBars(file, comparisons));
        foreach (var comparison in comparisons) WriteDataset(report, comparison);
        report.Metric("datasets", comparisons.Select(Metrics).ToArray());
    }

    /// <summary>The sparse kinds' path-CV folds, or the trainer's default when no comparison holds a sparse kind.</summary>
    private static string PathFolds(IReadOnlyList<DatasetComparison> comparisons)
    {
        var folds = comparisons.Select(c => c.Path?.Folds).OfType<int>().Distinct().ToList();
        return folds.Count > 0
            ? string.Join("/", folds)
            : new Modeling.ChurnTrainingOptions().PathFolds.ToString(CultureInfo.InvariantCulture);
    }

    private static void WriteDataset(ReportBuilder report, DatasetComparison c)
    {
        var slug = c.Name.Split(' ')[0];
        report.Heading(string.Format(CultureInfo.InvariantCulture, "{0} ({1} customers, {2} churners)", c.Name, N(c.Rows), N(c.Positives)));
        KindsTable(report, c);
        report.Paragraph(c.Reference is { } r
            ? string.Format(CultureInfo.InvariantCulture, "Reference level: {0}, {5}-fold CV AUC {1} ± {2} ({3}, read from `notebooks/reference/golden/{4}`; its folds are scikit-learn's, not ours).",
                r.Name, F(r.CvAucMean, 4), F(r.CvAucSd, 3), r.Folds, ModelsExperiment.BigmlGolden, r.FoldCount)
            : "No committed gradient-boosting golden exists for this dataset (the reference script does not rebuild the case-study recipe), so there is no reference level here.");
        var chosen = c.Verdict.Chosen;
        var bins = chosen.Calibration.Bins.Where(b => b.MeanPredicted is not null).ToList();
        report.Figure(slug + "_calibration.png", c.Name + ": reliability of the chosen kind's out-of-fold probabilities (" + chosen.Spec.Name + ")",
            file => Figures.Calibration(file, new FigureText(c.Name + ": " + chosen.Spec.Name + ", out-of-fold", "mean predicted probability", "share that churned"),
                new Curve(chosen.Spec.Name + " (ECE " + F(chosen.Calibration.ExpectedCalibrationError, 3) + ")",
                    bins.Select(b => b.MeanPredicted!.Value).ToArray(), bins.Select(b => b.FractionChurned!.Value).ToArray())));
        if (c.Path is { } path)
        {
            report.Figure(slug + "_lasso_path.png", c.Name + ": lasso path of the sparse preset on all rows (standardised coefficients)", file => PathPlot(file, c.Name, path));
            report.Figure(slug + "_lasso_cv.png", c.Name + ": path cross-validation AUC with lambda.min and lambda.1se", file => PathCvPlot(file, c.Name, path));
        }
        var shapes = TermPlots.ImportantShapes(c.Shapes);
        if (shapes.Count > 0)
            report.Paragraph("Shapes of the most important terms (importance = SD of the term's contribution to the log-odds over the training rows) " +
                "of the richest additive model, on the feature's own scale, centred on the average customer, with pointwise 95% bands.");
        TermFigures.WriteShapes(report, shapes, slug + "_", c.Name + ": ");
        TermFigures.WritePairs(report, TermPlots.StrongestPairs(c.Shapes), slug + "_", c.Name + ": ");
        report.Heading(c.Name + ": which model to use");
        report.Paragraph(Verdict(c));
    }

    /// <summary>Every kind's row on one dataset: the command, then CV AUC, paired difference from linear, features, calibration.</summary>
    public static void KindsTable(ReportBuilder report, DatasetComparison c)
    {
        var linear = c.Kinds.First(k => k.Spec.Kind == Modeling.ModelKind.Linear);
        report.Paragraph("Each row is `" + c.Command + "` with the row's flags.");
        report.Table(["kind", "flags", "CV AUC ± SD", "vs linear", "features used", "pairs", "lambda", "log-loss", "Brier", "ECE"],
            c.Kinds.Select(k =>
            {
                var (d, se) = DatasetComparison.Paired(k, linear);
                return (IReadOnlyList<string>)[k.Spec.Name, "`" + k.Spec.Flags + "`", F(k.CvAucMean, 4) + " ± " + F(k.CvAucSd, 3),
                    k == linear ? "-" : Signed(d) + " ± " + F(se, 3), k.FeaturesUsed + " of " + k.FeaturesAvailable, k.Pairs.ToString(CultureInfo.InvariantCulture),
                    k.Lambda is { } l && k.Spec.Kind == Modeling.ModelKind.Sparse ? F(l, 4) : "-", F(k.LogLoss, 4), F(k.Calibration.Brier, 4), F(k.Calibration.ExpectedCalibrationError, 3)];
            }));
    }

    /// <summary>The plain-words verdict, every number formatted from the comparison.</summary>
    public static string Verdict(DatasetComparison c)
    {
        var v = c.Verdict;
        var text = v.Chosen == v.Best
            ? v.SimplerRejected is { } simpler
                ? string.Format(CultureInfo.InvariantCulture,
                    "Use **{0}**: it has the highest CV AUC ({1}) and beats the simpler {2} by {3} ± {4} over the same folds, more than one standard error, so its extra terms buy real ranking accuracy.",
                    v.Best.Spec.Name, F(v.Best.CvAucMean, 3), simpler.Spec.Name, F(v.RejectedDifference, 3), F(v.RejectedStandardError, 3))
                : string.Format(CultureInfo.InvariantCulture, "Use **{0}**: it is the simplest kind and also has the highest CV AUC ({1}).", v.Best.Spec.Name, F(v.Best.CvAucMean, 3))
            : string.Format(CultureInfo.InvariantCulture,
                "Use **{0}**: its CV AUC ({1}) is within one standard error of the best kind, {2} ({3}; difference {4} ± {5} over the same folds), and it is simpler to read.",
                v.Chosen.Spec.Name, F(v.Chosen.CvAucMean, 3), v.Best.Spec.Name, F(v.Best.CvAucMean, 3), F(v.PairedDifference, 3), F(v.PairedStandardError, 3));
        text += string.Format(CultureInfo.InvariantCulture, " It uses {0} of the {1} features (`{2}`).", v.Chosen.FeaturesUsed, v.Chosen.FeaturesAvailable, v.Chosen.Spec.Flags);
        if (c.Reference is { } r)
        {
            var gap = v.Chosen.CvAucMean - r.CvAucMean;
            text += string.Format(CultureInfo.InvariantCulture,
                Math.Abs(gap) <= r.CvAucSd + v.Chosen.CvAucSd
                    ? " Against gradient boosting ({0}) it is {1} {2}, inside the two fold SDs: a model read on one page ranks customers as well as the black box here."
                    : " Against gradient boosting ({0}) it is {1} {2}, outside the two fold SDs.",
                F(r.CvAucMean, 3), gap >= 0 ? "above by" : "below by", F(Math.Abs(gap), 3));
        }
        // A comparison built from other specs may lack either kind; the sentence is about the two together.
        var sparse = c.Kinds.FirstOrDefault(k => k.Spec.Kind == Modeling.ModelKind.Sparse);
        var linear = c.Kinds.FirstOrDefault(k => k.Spec.Kind == Modeling.ModelKind.Linear);
        if (sparse is not null && linear is not null)
            text += string.Format(CultureInfo.InvariantCulture, " The sparse preset keeps {0} features at CV AUC {1} ({2} the linear model's {3}).",
                sparse.FeaturesUsed, F(sparse.CvAucMean, 3), sparse.CvAucMean >= linear.CvAucMean ? "at or above" : "below", F(linear.CvAucMean, 3));
        return text;
    }

    internal static string Signed(double value) => (value >= 0 ? "+" : "") + F(value, 3);

    private static object Metrics(DatasetComparison c) => new
    {
        dataset = c.Name,
        command = c.Command,
        rows = c.Rows,
        positives = c.Positives,
        folds = c.Folds,
        kinds = c.Kinds.Select(k => new
        {
            kind = k.Spec.Name,
            flags = k.Spec.Flags,
            cv_auc_mean = k.CvAucMean,
            cv_auc_sd = k.CvAucSd,
            fold_aucs = k.FoldAucs,
            features_used = k.FeaturesUsed,
            features_available = k.FeaturesAvailable,
            pairs = k.Pairs,
            lambda = k.Spec.Kind == Modeling.ModelKind.Sparse ? k.Lambda : null,
            log_loss = k.LogLoss,
            brier = k.Calibration.Brier,
            expected_calibration_error = k.Calibration.ExpectedCalibrationError,
        }).ToArray(),
        reference = c.Reference is { } r ? new { name = r.Name, cv_auc_mean = r.CvAucMean, cv_auc_sd = r.CvAucSd, folds = r.Folds } : null,
        lambda_min = c.Path is { } p ? p.Lambdas[p.IndexMin] : (double?)null,
        lambda_1se = c.Path is { } q ? q.Lambdas[q.IndexOneStandardError] : (double?)null,
        verdict = new { best = c.Verdict.Best.Spec.Name, chosen = c.Verdict.Chosen.Spec.Name, text = Verdict(c) },
    };

    /// <summary>CV AUC of every kind on every dataset, gradient boosting's reference level as the last group.</summary>
    private static void AucBars(string path, IReadOnlyList<DatasetComparison> comparisons)
    {
        var kinds = comparisons[0].Kinds.Select(k => k.Spec.Name).ToList();
        var categories = kinds.Append("gradient boosting (scikit-learn)").ToList();
        var series = comparisons.Select(c => new BarSeries(c.Name,
            c.Kinds.Select(k => (double?)k.CvAucMean).Append(c.Reference?.CvAucMean).ToArray())).ToList();
        var low = comparisons.SelectMany(c => c.Kinds).Min(k => k.CvAucMean);
        Figures.GroupedBars(path, new FigureText("CV AUC by model kind", "", comparisons[0].Folds.ToString(CultureInfo.InvariantCulture) + "-fold CV AUC"), categories, series, Math.Max(0, Math.Floor((low - 0.05) * 20) / 20), 1);
    }

    private static void PathPlot(string file, string name, LassoPathResult path)
    {
        var entry = Enumerable.Range(0, path.Columns.Count)
            .Select(j => (Column: j, First: Enumerable.Range(0, path.Lambdas.Count).FirstOrDefault(k => path.Coefficients[k][j] != 0, int.MaxValue)))
            .Where(e => e.First != int.MaxValue).OrderBy(e => e.First).ThenBy(e => e.Column).ToList();
        var curves = entry.Select((e, i) => new Curve(i < PathLabels ? path.Columns[e.Column] : "", path.Lambdas, path.Coefficients.Select(b => b[e.Column]).ToArray())).ToList();
        Figures.AgainstLogLambda(file, new FigureText(name + ": lasso path (first " + PathLabels + " to enter named)", "ln(lambda)", "standardised coefficient"),
            curves, Markers(path), Alignment.LowerRight);
    }

    private static void PathCvPlot(string file, string name, LassoPathResult path)
    {
        var ok = Enumerable.Range(0, path.Lambdas.Count).Where(k => double.IsFinite(path.MeanAuc[k]) && double.IsFinite(path.AucStandardError[k])).ToArray();
        var lambdas = ok.Select(k => path.Lambdas[k]).ToArray();
        Figures.AgainstLogLambda(file, new FigureText(string.Format(CultureInfo.InvariantCulture, "{0}: {1}-fold path CV", name, path.Folds), "ln(lambda)", "CV AUC"),
        [
            new Curve("mean fold AUC", lambdas, ok.Select(k => path.MeanAuc[k]).ToArray()) { MarkerSize = 4 },
            new Curve("+ one standard error", lambdas, ok.Select(k => path.MeanAuc[k] + path.AucStandardError[k]).ToArray()) { Dashed = true },
            new Curve("- one standard error", lambdas, ok.Select(k => path.MeanAuc[k] - path.AucStandardError[k]).ToArray()) { Dashed = true },
        ], Markers(path), Alignment.LowerLeft);
    }

    private static IReadOnlyList<VerticalMarker> Markers(LassoPathResult path)
    {
        var measure = path.Measure == Algorithms.Linear.PathMeasure.Auc ? "AUC" : "deviance";
        return
        [
            new VerticalMarker(path.Lambdas[path.IndexMin], "lambda.min (" + measure + ") " + F(path.Lambdas[path.IndexMin], 4), MarkerLine.Reference),
            new VerticalMarker(path.Lambdas[path.IndexOneStandardError], "lambda.1se (" + measure + ") " + F(path.Lambdas[path.IndexOneStandardError], 4)),
        ];
    }
}
