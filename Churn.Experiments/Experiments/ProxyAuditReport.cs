using Churn.Experiments.Experiments.Reports;
using static Churn.Experiments.Experiments.Reports.ReportBuilder;

namespace Churn.Experiments.Experiments;

/// <summary>Turns a <see cref="ProxyAuditResult"/> into the proxy-audit report: prose, tables, metrics.json keys and figures.</summary>
internal static class ProxyAuditReport
{
    /// <summary>The ROC figure's x axis ends here: at full scale every curve hugs the top-left corner.</summary>
    private const double RocZoom = 0.02;

    /// <summary>The histogram's leftmost bar counts every log-odds at or below this.</summary>
    private const double ClipLogOdds = -40;

    public static void Write(ProxyAuditResult r, ReportBuilder report)
    {
        var (rows, positivesTest, baseline, predictedChurn) = (r.RawRows, r.TestChurners, r.MajorityBaseline, r.PredictedChurners);
        var t = r.Threshold.ToString(CultureInfo.InvariantCulture);
        var (both, tagOnly, proxyOnly, neither) = (r.CrossTab.Both, r.CrossTab.TagOnly, r.CrossTab.ProxyOnly, r.CrossTab.Neither);
        var (modelReport, ruleReport, topModel, topSum) = (r.ModelReport, r.RuleReport, r.ModelPrecisionAtTop, r.SumPrecisionAtTop);
        var (sumAuc, mouAuc, dataAuc) = (r.SumAuc, r.MinusMouAuc, r.MinusDataAuc);

        report.Paragraph(
            "The original project labelled a customer as churned when `total_mou < " + t + " AND total_data_usage < " + t + "`, " +
            "then trained a logistic regression on total_mou, total_data_usage, aon and its KMeans segment to predict that label, " +
            "and reported accuracy and ROC-AUC (it never published the numbers). This report rebuilds the label, refits the model " +
            "the same way, and measures what its scores mean.");

        report.Heading("(a) The proxy label, rebuilt from the raw data");
        report.Paragraph(
            "`SeedProxy.Compute` follows the original's steps on the first {0} rows of the raw file " +
            "(`telecom_churn_data_head1000.csv`): drop the {1} columns more than 30% blank, fill other blanks with 0, " +
            "total_mou = sum of the {2} columns whose name contains \"mou\", total_data_usage = sum of the {3} columns whose " +
            "name contains \"2g\" or \"3g\". Compared with the first {0} rows of the original's table (a row differs when " +
            "|ours - theirs| > 1e-9 x max(1, |theirs|)):",
            N(rows), r.DroppedColumns, r.MouColumns, r.DataColumns);
        report.Table(["column", "rows that differ", "largest absolute difference"],
            r.Reproduction.Select(c => (IReadOnlyList<string>)[c.Column, N(c.Mismatches), c.MaxAbsoluteDifference.ToString("G3", CultureInfo.InvariantCulture)]));
        report.Paragraph(r.ReproducedExactly
            ? "All four columns are reproduced exactly: we are auditing the original's label, not an approximation of it."
            : "Some values differ: the reproduction is not exact, so the audit below is of an approximation of the original's label.");
        report.Metric("raw_rows_compared", rows);
        report.Metric("dropped_columns", r.DroppedColumns);
        report.Metric("mou_columns", r.MouColumns);
        report.Metric("data_columns", r.DataColumns);
        report.Metric("reproduction_mismatches", r.Reproduction.ToDictionary(c => c.Column, c => c.Mismatches));
        report.Metric("reproduction_max_abs_difference", r.Reproduction.ToDictionary(c => c.Column, c => c.MaxAbsoluteDifference));
        report.Metric("reproduced_exactly", r.ReproducedExactly);

        // The case study's own tag on the same rows: what the proxy should have been.
        report.Paragraph(
            "On the same {0} rows, the case study's own churn tag (no calls in or out and no 2G/3G data in month 9) marks {1} " +
            "customers as churned; the proxy marks {2}. They agree on {3} churners; the proxy misses {4} of the {1} tagged " +
            "churners ({5}) and flags {6} customer(s) the tag does not. The proxy finds customers who were (almost) never " +
            "active in any of the four months, not customers who stopped in the churn month.",
            N(rows), N(r.CaseStudyChurners), N(r.ProxyChurners), N(both), N(tagOnly), P(tagOnly / Math.Max(1.0, r.CaseStudyChurners)), N(proxyOnly));
        report.Table(["", "case-study tag: churned", "case-study tag: not churned"],
        [
            ["proxy: churned", N(both), N(proxyOnly)],
            ["proxy: not churned", N(tagOnly), N(neither)],
        ]);
        report.Metric("head1000_case_study_churners", r.CaseStudyChurners);
        report.Metric("head1000_proxy_churners", r.ProxyChurners);
        report.Metric("head1000_cross_tab", new { proxy_and_tag = both, tag_only = tagOnly, proxy_only = proxyOnly, neither });


        report.Heading("(b) The original's model, refitted");
        report.Paragraph(
            "As the original: logistic regression with scikit-learn's defaults (L2 penalty, C = 1; we solve the same objective " +
            "with Newton's method) on the standardised features aon, total_mou, total_data_usage and segment, the segment " +
            "entered as a number 0-3 as the original did (which orders segments arbitrarily). Stratified {6}/{7} split with seed " +
            "{0}: {1} training rows ({2} churners), {3} test rows ({4} churners, {5}). All figures are on the test part.",
            r.SplitSeed, N(r.TrainRows), N(r.TrainChurners), N(r.TestLabels.Count), N(positivesTest), P(positivesTest / (double)r.TestLabels.Count, 2),
            F((1 - ProxyAuditExperiment.TestFraction) * 100, 0), F(ProxyAuditExperiment.TestFraction * 100, 0));
        report.Table(["measure (test part)", "value"],
        [
            ["accuracy at p >= 0.5", F(modelReport.Accuracy, 4)],
            ["ROC-AUC", F(modelReport.Auc, 4)],
            ["majority-class baseline accuracy (always \"no churn\")", F(baseline, 4)],
            ["customers with p >= 0.5 (predicted churners)", N(predictedChurn) + " of " + N(r.Probabilities.Count)],
            ["true positives / false positives at 0.5", N(modelReport.Confusion.TruePositives) + " / " + N(modelReport.Confusion.FalsePositives)],
            ["precision at 0.5", F(modelReport.Precision, 4)],
            ["recall at 0.5", F(modelReport.Recall, 4)],
            ["precision among the " + N(positivesTest) + " highest-scored customers", F(topModel, 4)],
            ["highest predicted probability", F(r.Probabilities.Maximum(), 4)],
        ]);
        report.Paragraph(
            "{0} The AUC of {1} says the model ranks proxy churners above non-churners well; it does not make it a usable churn " +
            "model, see the verdict below.",
            predictedChurn == 0
                ? string.Format(CultureInfo.InvariantCulture,
                    "The model never predicts churn at the usual 0.5 threshold: its accuracy ({0}) is exactly the accuracy of always saying \"no churn\" ({1}), and its recall is 0.",
                    F(modelReport.Accuracy, 4), F(baseline, 4))
                : string.Format(CultureInfo.InvariantCulture,
                    "At 0.5 the model predicts churn for {0} test customers (precision {1}, recall {2}); its accuracy of {3} is {4} the {5} of always saying \"no churn\".",
                    N(predictedChurn), F(modelReport.Precision, 4), F(modelReport.Recall, 4), F(modelReport.Accuracy, 4),
                    modelReport.Accuracy > baseline ? "only " + F(modelReport.Accuracy - baseline, 4) + " above" : "not above",
                    F(baseline, 4)),
            F(modelReport.Auc, 4));
        var coefficientRows = r.Model.Coefficients;
        report.Table(["term", "coefficient (per SD)", "odds ratio per SD"],
            coefficientRows.Select(c => (IReadOnlyList<string>)[c.Name, F(c.Coefficient, 4), F(c.OddsRatio, 4)]));
        report.Paragraph(
            "The coefficients are on the standardised scale (per standard deviation of the feature). The very large negative " +
            "weights on call minutes and data use, with a very negative intercept, are the model approximating the rule " +
            "\"both are small\" with a straight line: the score rises steeply only in the corner where both are near 0. " +
            "Tenure and the segment number carry almost nothing.");
        report.Metric("split_seed", r.SplitSeed);
        report.Metric("train_rows", r.TrainRows);
        report.Metric("train_churners", r.TrainChurners);
        report.Metric("test_rows", r.TestLabels.Count);
        report.Metric("test_churners", positivesTest);
        report.Metric("model_converged", r.Model.Classifier.Converged);
        report.Metric("model_iterations", r.Model.Classifier.Iterations);
        report.Metric("model_accuracy", modelReport.Accuracy);
        report.Metric("model_auc", modelReport.Auc);
        report.Metric("majority_baseline_accuracy", baseline);
        report.Metric("model_predicted_churners_at_0_5", predictedChurn);
        report.Metric("model_confusion_at_0_5", new
        {
            tp = modelReport.Confusion.TruePositives, fp = modelReport.Confusion.FalsePositives,
            tn = modelReport.Confusion.TrueNegatives, fn = modelReport.Confusion.FalseNegatives,
        });
        report.Metric("model_precision_at_0_5", modelReport.Precision);
        report.Metric("model_recall_at_0_5", modelReport.Recall);
        report.Metric("model_precision_at_top_positives", topModel);
        report.Metric("model_max_probability", r.Probabilities.Maximum());
        report.Metric("model_coefficients", coefficientRows.Select(c => new { term = c.Name, coefficient = c.Coefficient, odds_ratio = c.OddsRatio }).ToArray());

        report.Heading("(c) A one-line rule beats the model");
        report.Paragraph(
            "The same test customers scored by rules that need no training at all: the label's own definition " +
            "(`total_mou < " + t + " AND total_data_usage < " + t + "` as a 0/1 prediction), and the ranking " +
            "scores -(total_mou + total_data_usage), -total_mou and -total_data_usage (fewer minutes and less data = more " +
            "likely \"churned\").");
        report.Table(["scorer (test part)", "ROC-AUC", "accuracy", "precision among top " + N(positivesTest)],
        [
            ["original's logistic regression", F(modelReport.Auc, 6), F(modelReport.Accuracy, 4), F(topModel, 4)],
            ["rule: total_mou < " + t + " AND total_data_usage < " + t, F(ruleReport.Auc, 6), F(ruleReport.Accuracy, 4), F(ruleReport.Precision, 4)],
            ["score -(total_mou + total_data_usage)", F(sumAuc, 6), "", F(topSum, 4)],
            ["score -total_mou", F(mouAuc, 6), "", ""],
            ["score -total_data_usage", F(dataAuc, 6), "", ""],
        ]);
        report.Paragraph(
            "The rule reproduces the label exactly (accuracy {0}, AUC {1}) because it *is* the label; the plain sum of the two " +
            "inputs already ranks with AUC {2}, better than the fitted model ({3}). Whatever the model scores, it is learning to approximate a threshold its own " +
            "inputs define, and any score it gets below 1 measures how badly a straight line fits an L-shaped corner, not how " +
            "well it predicts churn.", F(ruleReport.Accuracy, 4), F(ruleReport.Auc, 4), F(sumAuc, 6), F(modelReport.Auc, 6));
        report.Metric("rule_accuracy", ruleReport.Accuracy);
        report.Metric("rule_auc", ruleReport.Auc);
        report.Metric("sum_score_auc", sumAuc);
        report.Metric("sum_score_precision_at_top_positives", topSum);
        report.Metric("minus_total_mou_auc", mouAuc);
        report.Metric("minus_total_data_usage_auc", dataAuc);

        report.Heading("(d) Why the label leaks, and what it should be");
        report.Bullets([
            string.Format(CultureInfo.InvariantCulture,
                "**The label is a deterministic function of two model inputs.** On all {0} rows of the original's table, the rule " +
                "`total_mou < {1} AND total_data_usage < {1}` disagrees with its `churn` column on {2} rows. A model given " +
                "total_mou and total_data_usage is being asked to rediscover a threshold, not to predict behaviour.",
                N(r.SeedRows), t, N(r.RuleMismatches)),
            string.Format(CultureInfo.InvariantCulture,
                "**It uses the future.** {0} of the {1} columns summed into total_mou and total_data_usage are from month 9, the " +
                "churn month; a model meant to warn before a customer leaves cannot use that month's usage as an input.",
                N(r.Month9Columns), N(r.MouColumns + r.DataColumns)),
            "**It measures the wrong thing.** Summed over four months, \"less than " + t + "\" means a customer who was practically never " +
            "active, not one who stopped; the customers the business wants to keep (active in June-August, silent in September) " +
            "are not flagged (see the cross-tab in (a)).",
            "**The correct definition** (the case study's): keep high-value customers (average recharge of months 6-7 at or " +
            "above its 70th percentile), tag churn = 1 when a customer has no incoming or outgoing calls and no 2G/3G data in " +
            "month 9, then drop every month-9 column before training, and build features from months 6-8 only. The " +
            "[case-study report](../case-study/README.md) does exactly that (`HighValueFilter`, `ChurnTagging`, `LeakageCheck`).",
        ]);
        report.Metrics(("seed_rows", r.SeedRows), ("rule_vs_seed_label_mismatches", r.RuleMismatches), ("month9_columns_in_proxy_features", r.Month9Columns));

        report.Heading("Verdict");
        report.Paragraph(
            "The original's accuracy ({0} on our split) is {1}: with {2} of customers labelled churned, always answering \"no " +
            "churn\" scores {3}. Its ROC-AUC ({4}) is high only because the label is computed from two of the model's inputs: " +
            "a one-line rule on the same inputs scores AUC {5} and accuracy {6}. Neither number says anything about predicting " +
            "which active customers will leave: the label flags customers who were inactive during the whole period, including " +
            "the month being \"predicted\". The original's model and metrics should not be used for retention decisions; the " +
            "leak-free setup in the case-study report is the replacement.",
            F(modelReport.Accuracy, 4),
            modelReport.Accuracy - baseline < 0.001 ? "no better than the majority-class baseline" : "barely above the majority-class baseline",
            P(r.ProxyChurnRate, 2), F(baseline, 4), F(modelReport.Auc, 4), F(ruleReport.Auc, 4), F(ruleReport.Accuracy, 4));
        report.Metric("proxy_churn_rate", r.ProxyChurnRate);

        report.Heading("Figures");
        report.Paragraph(
            "{5} The ROC plot is zoomed into false-positive rates up to {0} because at full " +
            "scale all three curves hug the top-left corner. The last plot shows every customer of the original's table with " +
            "both inputs below {1}: {2} of the {3} proxy churners sit exactly at (0, 0), and only {4} non-churners are anywhere " +
            "in that window, so the label is an almost empty corner of the input space.",
            P(RocZoom, 0), ProxyAuditExperiment.BoundaryWindow.ToString(CultureInfo.InvariantCulture), N(r.ChurnersAtOrigin), N(r.SeedProxyChurners), N(r.NonChurnersInWindow),
            predictedChurn == 0
                ? "The score histogram shows why nothing crosses 0.5: the proxy churners score above almost all non-churners, but every one of them stays below log-odds 0 (probability 0.5)."
                : "The score histogram shows how the two classes' scores overlap around the 0.5 threshold (log-odds 0).");
        report.Metric("churners_at_zero_zero", r.ChurnersAtOrigin);
        report.Metric("non_churners_in_boundary_window", r.NonChurnersInWindow);
        AddFigures(r, report);
    }

    private static void AddFigures(ProxyAuditResult r, ReportBuilder report)
    {
        var t = r.Threshold.ToString(CultureInfo.InvariantCulture);
        var window = ProxyAuditExperiment.BoundaryWindow;
        var classes = new[] { (false, "not churned (proxy)", 0), (true, "churned (proxy)", 3) };
        report.Figure("score_distribution.png", "Original model: distribution of test scores by class (log-odds)", path => Figures.Histograms(path,
            new FigureText("Original model: test scores by class",
                "model score: log-odds of churn (0 = probability 0.5; leftmost bar: " + ClipLogOdds.ToString(CultureInfo.InvariantCulture) + " or less)",
                "share of the class's customers"),
            classes.Select(c => Histogram(r, c.Item1, c.Item2, c.Item3)).ToArray(), 1.0, new VerticalMarker(0, "threshold p = 0.5", MarkerLine.Threshold)));
        Curve Roc(Algorithms.Metrics.RocCurve roc, string name, double auc) =>
            new(name + " (AUC " + auc.ToString("F6", CultureInfo.InvariantCulture) + ")", roc.FalsePositiveRates, roc.TruePositiveRates);
        report.Figure("roc.png", "ROC on the test part (zoomed into small false-positive rates): the original's model vs one-line rules", path => Figures.Roc(path,
            new FigureText("ROC on the test part (zoomed: false positive rate up to " + P(RocZoom, 0) + ")", "false positive rate", "true positive rate"),
            [
                Roc(r.ModelRoc, "original's logistic regression", r.ModelReport.Auc),
                Roc(r.RuleRoc, "rule: mou < " + t + " AND data < " + t, r.RuleReport.Auc) with { Dashed = true },
                Roc(r.SumRoc, "score -(mou + data)", r.SumAuc),
            ], maxFalsePositiveRate: RocZoom));
        report.Figure("label_boundary.png", "The label is a corner of the two inputs: customers near (" + t + ", " + t + ")", path => Figures.Points(path,
            new FigureText("Proxy label near the corner (" + t + ", " + t + "): all customers with both below " + window.ToString(CultureInfo.InvariantCulture),
                "total_mou (call minutes, all months)", "total_data_usage (mixed units)"),
            classes.Select(c =>
            {
                var members = r.Window.Where(w => w.Churned == c.Item1).ToArray();
                return new PointGroup(c.Item2 + ", n = " + N(members.Length), members.Select(w => w.Mou).ToArray(), members.Select(w => w.Data).ToArray(), c.Item3, 0.6, 5);
            }).ToArray(),
            ScottPlot.Alignment.UpperRight, limits: new Limits(-1, window, -1, window),
            // The label region is the rectangle below both thresholds: its two inner edges.
            lines: [new Curve("label boundary: churned = both below " + t, [-1, r.Threshold, r.Threshold], [r.Threshold, r.Threshold, -1]) { Dashed = true }]));
    }

    /// <summary>
    /// One class's test scores as log-odds in bins of width 1 from <see cref="ClipLogOdds"/>: non-churners reach log-odds of
    /// several hundred below 0, the bars that matter are near 0, so everything below the clip is counted in the leftmost bar.
    /// </summary>
    private static HistogramSeries Histogram(ProxyAuditResult r, bool churned, string name, int colour)
    {
        var logOdds = r.Probabilities.Select(Logit).ToArray();
        var high = Math.Max(1, Math.Ceiling(logOdds.Max()));
        var bins = (int)(high - ClipLogOdds);
        var members = Enumerable.Range(0, r.TestLabels.Count).Where(i => r.TestLabels[i] == (churned ? 1.0 : 0.0)).ToArray();
        var counts = new double[bins];
        foreach (var i in members) counts[Math.Clamp((int)Math.Floor(logOdds[i] - ClipLogOdds), 0, bins - 1)]++;
        return new HistogramSeries(name + ", n = " + N(members.Length),
            Enumerable.Range(0, bins).Select(b => ClipLogOdds + b + 0.5).ToArray(), counts.Select(c => c / members.Length).ToArray(), colour);
    }

    private static double Logit(double p)
    {
        // Clamp so a probability that rounds to 0 or 1 still has a finite log-odds for the histogram.
        var q = Math.Clamp(p, 1e-300, 1 - 1e-16);
        return Math.Log(q) - Math.Log(1 - q);
    }
}
