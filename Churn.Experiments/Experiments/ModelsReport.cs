using System.Globalization;
using Churn.Algorithms.Additive;
using Churn.Experiments.Experiments.Reports;
using ScottPlot;
using static Churn.Experiments.Experiments.Reports.ReportBuilder;

namespace Churn.Experiments.Experiments;

/// <summary>Writes reports/models/ from <see cref="DatasetComparison"/>s: tables, figures, metrics and the verdict.</summary>
public static class ModelsReport
{
    /// <summary>Shape plots per dataset (the most important one-feature terms).</summary>
    public const int ShapePlots = 6;

    /// <summary>Interaction heatmaps per dataset (the most important pairs).</summary>
    public const int PairPlots = 4;

    /// <summary>Coefficient lines labelled in the path plot (the first columns to enter).</summary>
    public const int PathLabels = 8;

    public static void Write(ReportBuilder report, IReadOnlyList<DatasetComparison> comparisons, int folds, int seed)
    {
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "Every kind is trained by `churn train` with the same {0}-fold stratified outer folds (seed {1}); inside each fold the kind " +
            "refits its whole selection (the lasso path and its 10-fold path CV, the smoothing CV, the pair screening), so the AUCs are " +
            "honest held-out figures. Log-loss, Brier score and the expected calibration error (ECE, 10 bins) are computed on the pooled " +
            "out-of-fold probabilities. \"vs linear\" is the mean fold-wise AUC difference from the linear model over the same folds, " +
            "± its standard error. Features used = source columns with a non-zero term.", folds, seed));
        foreach (var comparison in comparisons) WriteDataset(report, comparison);
        report.Metric("datasets", comparisons.Select(Metrics).ToArray());
    }

    private static void WriteDataset(ReportBuilder report, DatasetComparison c)
    {
        var slug = c.Name.Split(' ')[0];
        var linear = c.Kinds.First(k => k.Spec.Kind == Modeling.ModelKind.Linear);
        report.Heading(string.Format(CultureInfo.InvariantCulture, "{0} ({1} customers, {2} churners)", c.Name, N(c.Rows), N(c.Positives)));
        report.Paragraph("Each row is `" + c.Command + "` with the row's flags.");
        report.Table(["kind", "flags", "CV AUC ± SD", "vs linear", "features used", "pairs", "lambda", "log-loss", "Brier", "ECE"],
            c.Kinds.Select(k =>
            {
                var (d, se) = DatasetComparison.Paired(k, linear);
                return (IReadOnlyList<string>)[k.Spec.Name, "`" + k.Spec.Flags + "`", F(k.CvAucMean, 4) + " ± " + F(k.CvAucSd, 3),
                    k == linear ? "-" : Signed(d) + " ± " + F(se, 3), k.FeaturesUsed + " of " + k.FeaturesAvailable, k.Pairs.ToString(CultureInfo.InvariantCulture),
                    k.Lambda is { } l && k.Spec.Kind == Modeling.ModelKind.Sparse ? F(l, 4) : "-", F(k.LogLoss, 4), F(k.Calibration.Brier, 4), F(k.Calibration.ExpectedCalibrationError, 3)];
            }));
        report.Paragraph(c.Reference is { } r
            ? string.Format(CultureInfo.InvariantCulture, "Reference level: {0}, 5-fold CV AUC {1} ± {2} ({3}, read from `notebooks/reference/golden/{4}`; its folds are scikit-learn's, not ours).",
                r.Name, F(r.CvAucMean, 4), F(r.CvAucSd, 3), r.Folds, ModelsExperiment.BigmlGolden)
            : "No committed gradient-boosting golden exists for this dataset (the reference script does not rebuild the case-study recipe), so there is no reference level here.");
        report.Figure(slug + "_auc.png", c.Name + ": CV AUC per kind (bars: ± one fold SD)", Plots.Saver(AucBars(c)));
        report.Figure(slug + "_calibration.png", c.Name + ": reliability of the out-of-fold probabilities", Plots.Saver(CalibrationPlot(c)));
        if (c.Path is { } path)
        {
            report.Figure(slug + "_lasso_path.png", c.Name + ": lasso path of the sparse preset on all rows (standardised coefficients)", Plots.Saver(PathPlot(c.Name, path)));
            report.Figure(slug + "_lasso_cv.png", c.Name + ": path cross-validation AUC with lambda.min and lambda.1se", Plots.Saver(PathCvPlot(c.Name, path)));
        }
        var shapes = c.ImportantShapes(ShapePlots);
        if (shapes.Count > 0)
            report.Paragraph("Shapes of the most important terms (importance = SD of the term's contribution to the log-odds over the training rows) " +
                "of the richest additive model, on the feature's own scale, centred on the average customer, with pointwise 95% bands.");
        for (var i = 0; i < shapes.Count; i++)
            report.Figure(string.Format(CultureInfo.InvariantCulture, "{0}_shape_{1}.png", slug, i + 1),
                string.Format(CultureInfo.InvariantCulture, "{0}: {1} (edf {2}, importance {3})", c.Name, shapes[i].Term, F(shapes[i].EffectiveDf, 1), F(shapes[i].Importance, 3)),
                Plots.Saver(ShapePlot(shapes[i])));
        var pairs = c.PairShapes.Take(PairPlots).ToList();
        for (var i = 0; i < pairs.Count; i++)
            report.Figure(string.Format(CultureInfo.InvariantCulture, "{0}_pair_{1}.png", slug, i + 1),
                string.Format(CultureInfo.InvariantCulture, "{0}: interaction {1} (importance {2})", c.Name, pairs[i].Term, F(pairs[i].Importance, 3)),
                Plots.Saver(Heatmap(pairs[i])));
        report.Heading(c.Name + ": which model to use");
        report.Paragraph(Verdict(c));
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
        var sparse = c.Kinds.First(k => k.Spec.Kind == Modeling.ModelKind.Sparse);
        var linear = c.Kinds.First(k => k.Spec.Kind == Modeling.ModelKind.Linear);
        text += string.Format(CultureInfo.InvariantCulture, " The sparse preset keeps {0} features at CV AUC {1} ({2} the linear model's {3}).",
            sparse.FeaturesUsed, F(sparse.CvAucMean, 3), sparse.CvAucMean >= linear.CvAucMean ? "at or above" : "below", F(linear.CvAucMean, 3));
        return text;
    }

    private static string Signed(double value) => (value >= 0 ? "+" : "") + F(value, 3);

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

    private static Plot AucBars(DatasetComparison c)
    {
        var plot = Plots.Create(c.Name + ": CV AUC per kind", "", "CV AUC");
        var positions = Enumerable.Range(0, c.Kinds.Count).Select(i => (double)i).ToArray();
        plot.Add.Bars(c.Kinds.Select((k, i) => new Bar
        {
            Position = i,
            Value = k.CvAucMean,
            Error = k.CvAucSd,
            FillColor = k == c.Verdict.Chosen ? Colors.SeaGreen : Colors.SteelBlue,
            Size = 0.6,
        }).ToList());
        if (c.Reference is { } r)
        {
            var line = plot.Add.HorizontalLine(r.CvAucMean, 2, Colors.DarkOrange, LinePattern.Dashed);
            line.LegendText = "gradient boosting (scikit-learn) " + F(r.CvAucMean, 3);
            plot.ShowLegend(Alignment.LowerRight);
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, c.Kinds.Select(k => k.Spec.Name.Replace(", ", "\n")).ToArray());
        var low = c.Kinds.Min(k => k.CvAucMean - k.CvAucSd);
        plot.Axes.SetLimits(-0.6, c.Kinds.Count - 0.4, Math.Max(0, Math.Min(low, c.Reference?.CvAucMean ?? 1) - 0.05), 1);
        return plot;
    }

    private static Plot CalibrationPlot(DatasetComparison c)
    {
        var plot = Plots.Create(c.Name + ": calibration (out-of-fold)", "mean predicted probability", "share that churned");
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.Color = Colors.Gray;
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LegendText = "perfect calibration";
        foreach (var k in c.Kinds)
        {
            var bins = k.Calibration.Bins.Where(b => b.MeanPredicted is not null).ToList();
            var line = plot.Add.Scatter(bins.Select(b => b.MeanPredicted!.Value).ToArray(), bins.Select(b => b.FractionChurned!.Value).ToArray());
            line.LegendText = k.Spec.Name + " (ECE " + F(k.Calibration.ExpectedCalibrationError, 3) + ")";
        }
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static double[] LogLambdas(LassoPathResult path) => path.Lambdas.Select(Math.Log10).ToArray();

    private static Plot PathPlot(string name, LassoPathResult path)
    {
        var plot = Plots.Create(name + ": lasso path", "log10(lambda)", "standardised coefficient");
        var xs = LogLambdas(path);
        var entry = Enumerable.Range(0, path.Columns.Count)
            .Select(j => (Column: j, First: Enumerable.Range(0, path.Lambdas.Count).FirstOrDefault(k => path.Coefficients[k][j] != 0, int.MaxValue)))
            .Where(e => e.First != int.MaxValue).OrderBy(e => e.First).ThenBy(e => e.Column).ToList();
        for (var e = 0; e < entry.Count; e++)
        {
            var j = entry[e].Column;
            var line = plot.Add.Scatter(xs, path.Coefficients.Select(b => b[j]).ToArray());
            line.MarkerSize = 0;
            line.LineWidth = e < PathLabels ? 2 : 1;
            if (e < PathLabels) line.LegendText = path.Columns[j];
            else line.Color = Colors.Gray.WithAlpha(0.5);
        }
        MarkLambdas(plot, path);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static Plot PathCvPlot(string name, LassoPathResult path)
    {
        var plot = Plots.Create(string.Format(CultureInfo.InvariantCulture, "{0}: {1}-fold path CV", name, path.Folds), "log10(lambda)", "CV AUC");
        var xs = LogLambdas(path);
        var ok = Enumerable.Range(0, xs.Length).Where(k => double.IsFinite(path.MeanAuc[k]) && double.IsFinite(path.AucStandardError[k])).ToArray();
        var band = plot.Add.FillY(ok.Select(k => xs[k]).ToArray(), ok.Select(k => path.MeanAuc[k] - path.AucStandardError[k]).ToArray(),
            ok.Select(k => path.MeanAuc[k] + path.AucStandardError[k]).ToArray());
        band.FillColor = Colors.SteelBlue.WithAlpha(0.25);
        band.LegendText = "± one standard error";
        var mean = plot.Add.Scatter(ok.Select(k => xs[k]).ToArray(), ok.Select(k => path.MeanAuc[k]).ToArray());
        mean.LegendText = "mean fold AUC";
        mean.Color = Colors.SteelBlue;
        MarkLambdas(plot, path);
        plot.ShowLegend(Alignment.LowerLeft);
        return plot;
    }

    private static void MarkLambdas(Plot plot, LassoPathResult path)
    {
        var measure = path.Measure == Algorithms.Linear.PathMeasure.Auc ? "AUC" : "deviance";
        var min = plot.Add.VerticalLine(Math.Log10(path.Lambdas[path.IndexMin]), 1.5f, Colors.DarkOrange, LinePattern.Dashed);
        min.LegendText = "lambda.min (" + measure + ") " + F(path.Lambdas[path.IndexMin], 4);
        var se = plot.Add.VerticalLine(Math.Log10(path.Lambdas[path.IndexOneStandardError]), 1.5f, Colors.FireBrick, LinePattern.Dotted);
        se.LegendText = "lambda.1se (" + measure + ") " + F(path.Lambdas[path.IndexOneStandardError], 4);
    }

    private static Plot ShapePlot(TermShape shape)
    {
        var plot = Plots.Create(shape.Term, shape.X.Feature, "effect on the log-odds of churn");
        var xs = shape.X.Values.ToArray();
        if (shape.Lower is not null && shape.Upper is not null)
        {
            var band = plot.Add.FillY(xs, shape.Lower.ToArray(), shape.Upper.ToArray());
            band.FillColor = Colors.SteelBlue.WithAlpha(0.25);
            band.LegendText = "pointwise 95% band";
        }
        var line = plot.Add.Scatter(xs, shape.Effect.ToArray());
        line.Color = Colors.SteelBlue;
        line.MarkerSize = xs.Length <= 10 ? 7 : 0;
        line.LegendText = "effect";
        plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dashed);
        if (xs.Length <= 10) plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xs, shape.X.Labels.ToArray());
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot Heatmap(TermShape pair)
    {
        var y = pair.Y!;
        var plot = Plots.Create(pair.Term + " (effect on the log-odds)", pair.X.Feature, y.Feature);
        var nx = pair.X.Values.Count;
        var ny = y.Values.Count;
        // Row 0 of a heatmap is drawn at the top: the largest Y value first.
        var cells = new double[ny, nx];
        for (var a = 0; a < nx; a++)
            for (var b = 0; b < ny; b++)
                cells[ny - 1 - b, a] = pair.Effect[a * ny + b];
        var map = plot.Add.Heatmap(cells);
        map.Colormap = new ScottPlot.Colormaps.Balance();
        var limit = pair.Effect.Max(Math.Abs);
        map.ManualRange = new ScottPlot.Range(-limit, limit);
        map.Extent = new CoordinateRect(0, nx, 0, ny);
        plot.Add.ColorBar(map);
        plot.Axes.Bottom.TickGenerator = Ticks(pair.X);
        plot.Axes.Left.TickGenerator = Ticks(y);
        return plot;
    }

    /// <summary>Cell-centre ticks labelled with the axis values (at most about 8 labels).</summary>
    private static ScottPlot.TickGenerators.NumericManual Ticks(ShapeAxis axis)
    {
        var step = Math.Max(1, (axis.Values.Count + 7) / 8);
        var picks = Enumerable.Range(0, axis.Values.Count).Where(i => i % step == 0).ToArray();
        return new ScottPlot.TickGenerators.NumericManual(picks.Select(i => i + 0.5).ToArray(), picks.Select(i => axis.Labels[i]).ToArray());
    }
}
