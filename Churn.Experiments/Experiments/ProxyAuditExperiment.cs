using System.Globalization;
using Churn.Algorithms.Linear;
using Churn.Algorithms.Metrics;
using Churn.Algorithms.Validation;
using Churn.Experiments.Data;
using Churn.Experiments.Experiments.Reports;
using Churn.Experiments.Modeling;
using MathNet.Numerics.LinearAlgebra;
using static Churn.Experiments.Experiments.Reports.ReportBuilder;

namespace Churn.Experiments.Experiments;

/// <summary>
/// Audit of the original project's churn label and model: (a) the proxy rebuilt from the raw rows and
/// compared with the seed table; (b) the original's logistic regression (L2, C = 1, standardised aon,
/// total_mou, total_data_usage and segment as a number, 80/20 stratified split) and what it predicts;
/// (c) one-line rules on the same inputs; (d) why the label leaks. Seeded by the context seed (the split).
/// </summary>
public sealed class ProxyAuditExperiment : IExperiment
{
    private static readonly string[] ModelFeatures = ["aon", "total_mou", "total_data_usage", "segment"];
    private static readonly string[] Compared = ["aon", "total_mou", "total_data_usage"];

    public string Name => "proxy-audit";

    public string Title => "Audit of the original project's proxy churn label and model";

    public void Run(ExperimentContext context, ReportBuilder report)
    {
        var seedPath = report.UsesData(context.Raw("seed_churn_labeled_data.csv"), context.RepositoryRoot);
        var rawPath = report.UsesData(context.Raw("telecom_churn_data_head1000.csv"), context.RepositoryRoot);
        context.Progress.Report("loading the seed table and the raw 1,000 rows");
        var seed = SeedProxy.LoadSeedTable(seedPath);
        var raw = CsvTableReader.Read(rawPath);
        var threshold = SeedProxy.ChurnThreshold;
        var t = threshold.ToString(CultureInfo.InvariantCulture);

        report.Paragraph(
            "The original project labelled a customer as churned when `total_mou < " + t + " AND total_data_usage < " + t + "`, " +
            "then trained a logistic regression on total_mou, total_data_usage, aon and its KMeans segment to predict that label, " +
            "and reported accuracy and ROC-AUC (it never published the numbers). This report rebuilds the label, refits the model " +
            "the same way, and measures what its scores mean.");

        // (a) Reproduce the proxy from the raw rows.
        var proxy = SeedProxy.Compute(raw);
        var rows = raw.RowCount;
        report.Heading("(a) The proxy label, rebuilt from the raw data");
        var mismatchRows = new List<IReadOnlyList<string>>();
        var mismatches = new Dictionary<string, int>(StringComparer.Ordinal);
        var maxDifference = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var name in Compared.Append("churn"))
        {
            var ours = name == "churn" ? proxy.Churn : proxy.Features.Numeric(name).Values;
            var theirs = seed.Numeric(name).Values;
            var count = 0;
            var max = 0.0;
            for (var i = 0; i < rows; i++)
            {
                var difference = Math.Abs(ours[i] - theirs[i]);
                max = Math.Max(max, difference);
                // The seed CSV stores sums printed by pandas: allow float rounding, nothing more.
                if (difference > 1e-9 * Math.Max(1, Math.Abs(theirs[i]))) count++;
            }
            mismatches[name] = count;
            maxDifference[name] = max;
            mismatchRows.Add([name, N(count), max.ToString("G3", CultureInfo.InvariantCulture)]);
        }
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "`SeedProxy.Compute` follows the original's steps on the first {0} rows of the raw file " +
            "(`telecom_churn_data_head1000.csv`): drop the {1} columns more than 30% blank, fill other blanks with 0, " +
            "total_mou = sum of the {2} columns whose name contains \"mou\", total_data_usage = sum of the {3} columns whose " +
            "name contains \"2g\" or \"3g\". Compared with the first {0} rows of the original's table (a row differs when " +
            "|ours - theirs| > 1e-9 x max(1, |theirs|)):",
            N(rows), proxy.DroppedColumns.Count, proxy.MouColumns.Count, proxy.DataColumns.Count));
        report.Table(["column", "rows that differ", "largest absolute difference"], mismatchRows);
        var reproduced = mismatches.Values.All(c => c == 0);
        report.Paragraph(reproduced
            ? "All four columns are reproduced exactly: we are auditing the original's label, not an approximation of it."
            : "Some values differ: the reproduction is not exact, so the audit below is of an approximation of the original's label.");
        report.Metric("raw_rows_compared", rows);
        report.Metric("dropped_columns", proxy.DroppedColumns.Count);
        report.Metric("mou_columns", proxy.MouColumns.Count);
        report.Metric("data_columns", proxy.DataColumns.Count);
        report.Metric("reproduction_mismatches", mismatches);
        report.Metric("reproduction_max_abs_difference", maxDifference);
        report.Metric("reproduced_exactly", reproduced);

        // The case study's own tag on the same rows: what the proxy should have been.
        var tag = ChurnTagging.Tag(raw);
        var both = Enumerable.Range(0, rows).Count(i => tag[i] == 1 && proxy.Churn[i] == 1);
        var tagOnly = Enumerable.Range(0, rows).Count(i => tag[i] == 1 && proxy.Churn[i] == 0);
        var proxyOnly = Enumerable.Range(0, rows).Count(i => tag[i] == 0 && proxy.Churn[i] == 1);
        var neither = rows - both - tagOnly - proxyOnly;
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "On the same {0} rows, the case study's own churn tag (no calls in or out and no 2G/3G data in month 9) marks {1} " +
            "customers as churned; the proxy marks {2}. They agree on {3} churners; the proxy misses {4} of the {1} tagged " +
            "churners ({5}) and flags {6} customer(s) the tag does not. The proxy finds customers who were (almost) never " +
            "active in any of the four months, not customers who stopped in the churn month.",
            N(rows), N((int)tag.Sum()), N((int)proxy.Churn.Sum()), N(both), N(tagOnly), P(tagOnly / Math.Max(1, tag.Sum())), N(proxyOnly)));
        report.Table(["", "case-study tag: churned", "case-study tag: not churned"],
        [
            ["proxy: churned", N(both), N(proxyOnly)],
            ["proxy: not churned", N(tagOnly), N(neither)],
        ]);
        report.Metric("head1000_case_study_churners", (int)tag.Sum());
        report.Metric("head1000_proxy_churners", (int)proxy.Churn.Sum());
        report.Metric("head1000_cross_tab", new { proxy_and_tag = both, tag_only = tagOnly, proxy_only = proxyOnly, neither });

        // (b) The original's model.
        context.Progress.Report("fitting the original's logistic regression");
        var y = Vector<double>.Build.DenseOfArray(seed.Numeric("churn").Values);
        var split = StratifiedSplit.Split(y, 0.2, context.Seed);
        var features = seed.Select(ModelFeatures);
        var trainTable = features.SelectRows(split.Train);
        var testTable = features.SelectRows(split.Test);
        var yTrain = Vector<double>.Build.Dense(split.Train.Length, i => y[split.Train[i]]);
        var yTest = Vector<double>.Build.Dense(split.Test.Length, i => y[split.Test[i]]);
        var training = new TrainingData(trainTable, ModelFeatures, [], yTrain, "churn", "1", "data/raw/seed_churn_labeled_data.csv",
            Provenance.Sha256(seedPath), [], []);
        var options = new ChurnTrainingOptions { Penalty = Penalty.L2, C = 1.0, Seed = context.Seed };
        var model = ChurnTrainer.Train(training, options, Provenance.CodeVersion).Model;
        var p = model.PredictProbabilities(testTable, out _);
        var logOdds = Vector<double>.Build.Dense(p.Count, i => Logit(p[i]));
        var modelReport = ClassificationReport.Compute(yTest, p);
        var positivesTest = (int)yTest.Sum();
        var predictedChurn = p.Count(v => v >= 0.5);
        var baseline = 1 - positivesTest / (double)yTest.Count;
        var topModel = PrecisionAtTop(yTest, p, positivesTest);

        report.Heading("(b) The original's model, refitted");
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "As the original: logistic regression with scikit-learn's defaults (L2 penalty, C = 1; we solve the same objective " +
            "with Newton's method) on the standardised features aon, total_mou, total_data_usage and segment, the segment " +
            "entered as a number 0-3 as the original did (which orders segments arbitrarily). Stratified 80/20 split with seed " +
            "{0}: {1} training rows ({2} churners), {3} test rows ({4} churners, {5}). All figures are on the test part.",
            context.Seed, N(split.Train.Length), N((int)yTrain.Sum()), N(split.Test.Length), N(positivesTest), P(positivesTest / (double)yTest.Count, 2)));
        report.Table(["measure (test part)", "value"],
        [
            ["accuracy at p >= 0.5", F(modelReport.Accuracy, 4)],
            ["ROC-AUC", F(modelReport.Auc, 4)],
            ["majority-class baseline accuracy (always \"no churn\")", F(baseline, 4)],
            ["customers with p >= 0.5 (predicted churners)", N(predictedChurn) + " of " + N(p.Count)],
            ["true positives / false positives at 0.5", N(modelReport.Confusion.TruePositives) + " / " + N(modelReport.Confusion.FalsePositives)],
            ["precision at 0.5", F(modelReport.Precision, 4)],
            ["recall at 0.5", F(modelReport.Recall, 4)],
            ["precision among the " + N(positivesTest) + " highest-scored customers", F(topModel, 4)],
            ["highest predicted probability", F(p.Maximum(), 4)],
        ]);
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
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
            F(modelReport.Auc, 4)));
        var coefficientRows = model.Coefficients;
        report.Table(["term", "coefficient (per SD)", "odds ratio per SD"],
            coefficientRows.Select(c => (IReadOnlyList<string>)[c.Name, F(c.Coefficient, 4), F(c.OddsRatio, 4)]));
        report.Paragraph(
            "The coefficients are on the standardised scale (per standard deviation of the feature). The very large negative " +
            "weights on call minutes and data use, with a very negative intercept, are the model approximating the rule " +
            "\"both are small\" with a straight line: the score rises steeply only in the corner where both are near 0. " +
            "Tenure and the segment number carry almost nothing.");
        report.Metric("split_seed", context.Seed);
        report.Metric("train_rows", split.Train.Length);
        report.Metric("train_churners", (int)yTrain.Sum());
        report.Metric("test_rows", split.Test.Length);
        report.Metric("test_churners", positivesTest);
        report.Metric("model_converged", model.Classifier.Converged);
        report.Metric("model_iterations", model.Classifier.Iterations);
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
        report.Metric("model_max_probability", p.Maximum());
        report.Metric("model_coefficients", coefficientRows.Select(c => new { term = c.Name, coefficient = c.Coefficient, odds_ratio = c.OddsRatio }).ToArray());

        // (c) One-line rules on the same inputs.
        var testMou = testTable.Numeric("total_mou").Values;
        var testData = testTable.Numeric("total_data_usage").Values;
        var ruleScore = Vector<double>.Build.Dense(p.Count, i => testMou[i] < threshold && testData[i] < threshold ? 1.0 : 0.0);
        var sumScore = Vector<double>.Build.Dense(p.Count, i => -(testMou[i] + testData[i]));
        var mouScore = Vector<double>.Build.Dense(p.Count, i => -testMou[i]);
        var dataScore = Vector<double>.Build.Dense(p.Count, i => -testData[i]);
        var ruleReport = ClassificationReport.Compute(yTest, ruleScore);
        var sumAuc = RocAuc.Compute(yTest, sumScore);
        var mouAuc = RocAuc.Compute(yTest, mouScore);
        var dataAuc = RocAuc.Compute(yTest, dataScore);
        var topSum = PrecisionAtTop(yTest, sumScore, positivesTest);
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
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "The rule reproduces the label exactly (accuracy {0}, AUC {1}) because it *is* the label; the plain sum of the two " +
            "inputs already ranks with AUC {2}, better than the fitted model ({3}). Whatever the model scores, it is learning to approximate a threshold its own " +
            "inputs define, and any score it gets below 1 measures how badly a straight line fits an L-shaped corner, not how " +
            "well it predicts churn.", F(ruleReport.Accuracy, 4), F(ruleReport.Auc, 4), F(sumAuc, 6), F(modelReport.Auc, 6)));
        report.Metric("rule_accuracy", ruleReport.Accuracy);
        report.Metric("rule_auc", ruleReport.Auc);
        report.Metric("sum_score_auc", sumAuc);
        report.Metric("sum_score_precision_at_top_positives", topSum);
        report.Metric("minus_total_mou_auc", mouAuc);
        report.Metric("minus_total_data_usage_auc", dataAuc);

        // (d) Why the label leaks.
        var all = seed.Numeric("churn").Values;
        var seedMou = seed.Numeric("total_mou").Values;
        var seedData = seed.Numeric("total_data_usage").Values;
        var ruleMismatch = Enumerable.Range(0, seed.RowCount).Count(i => (seedMou[i] < threshold && seedData[i] < threshold ? 1.0 : 0.0) != all[i]);
        var monthNine = proxy.MouColumns.Concat(proxy.DataColumns).Count(c => TelecomSchema.MonthOf(c) == TelecomSchema.ChurnMonth);
        report.Heading("(d) Why the label leaks, and what it should be");
        report.Bullets([
            string.Format(CultureInfo.InvariantCulture,
                "**The label is a deterministic function of two model inputs.** On all {0} rows of the original's table, the rule " +
                "`total_mou < {1} AND total_data_usage < {1}` disagrees with its `churn` column on {2} rows. A model given " +
                "total_mou and total_data_usage is being asked to rediscover a threshold, not to predict behaviour.",
                N(seed.RowCount), t, N(ruleMismatch)),
            string.Format(CultureInfo.InvariantCulture,
                "**It uses the future.** {0} of the {1} columns summed into total_mou and total_data_usage are from month 9, the " +
                "churn month; a model meant to warn before a customer leaves cannot use that month's usage as an input.",
                N(monthNine), N(proxy.MouColumns.Count + proxy.DataColumns.Count)),
            "**It measures the wrong thing.** Summed over four months, \"less than 5\" means a customer who was practically never " +
            "active, not one who stopped; the customers the business wants to keep (active in June-August, silent in September) " +
            "are not flagged (see the cross-tab in (a)).",
            "**The correct definition** (the case study's): keep high-value customers (average recharge of months 6-7 at or " +
            "above its 70th percentile), tag churn = 1 when a customer has no incoming or outgoing calls and no 2G/3G data in " +
            "month 9, then drop every month-9 column before training, and build features from months 6-8 only. The " +
            "[case-study report](../case-study/README.md) does exactly that (`HighValueFilter`, `ChurnTagging`, `LeakageCheck`).",
        ]);
        report.Metric("seed_rows", seed.RowCount);
        report.Metric("rule_vs_seed_label_mismatches", ruleMismatch);
        report.Metric("month9_columns_in_proxy_features", monthNine);

        report.Heading("Verdict");
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "The original's accuracy ({0} on our split) is {1}: with {2} of customers labelled churned, always answering \"no " +
            "churn\" scores {3}. Its ROC-AUC ({4}) is high only because the label is computed from two of the model's inputs: " +
            "a one-line rule on the same inputs scores AUC {5} and accuracy {6}. Neither number says anything about predicting " +
            "which active customers will leave: the label flags customers who were inactive during the whole period, including " +
            "the month being \"predicted\". The original's model and metrics should not be used for retention decisions; the " +
            "leak-free setup in the case-study report is the replacement.",
            F(modelReport.Accuracy, 4),
            modelReport.Accuracy - baseline < 0.001 ? "no better than the majority-class baseline" : "barely above the majority-class baseline",
            P(all.Average(), 2), F(baseline, 4), F(modelReport.Auc, 4), F(ruleReport.Auc, 4), F(ruleReport.Accuracy, 4)));
        report.Metric("proxy_churn_rate", all.Average());

        // Figures.
        var atOrigin = Enumerable.Range(0, seed.RowCount).Count(i => all[i] == 1 && seedMou[i] == 0 && seedData[i] == 0);
        var nearCorner = Enumerable.Range(0, seed.RowCount).Count(i => all[i] == 0 && seedMou[i] < BoundaryWindow && seedData[i] < BoundaryWindow);
        report.Heading("Figures");
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "{5} The ROC plot is zoomed into false-positive rates up to {0} because at full " +
            "scale all three curves hug the top-left corner. The last plot shows every customer of the original's table with " +
            "both inputs below {1}: {2} of the {3} proxy churners sit exactly at (0, 0), and only {4} non-churners are anywhere " +
            "in that window, so the label is an almost empty corner of the input space.",
            P(RocZoom, 0), BoundaryWindow.ToString(CultureInfo.InvariantCulture), N(atOrigin), N((int)all.Sum()), N(nearCorner),
            predictedChurn == 0
                ? "The score histogram shows why nothing crosses 0.5: the proxy churners score above almost all non-churners, but every one of them stays below log-odds 0 (probability 0.5)."
                : "The score histogram shows how the two classes' scores overlap around the 0.5 threshold (log-odds 0)."));
        report.Metric("churners_at_zero_zero", atOrigin);
        report.Metric("non_churners_in_boundary_window", nearCorner);
        report.Figure("score_distribution.png", "Original model: distribution of test scores by class (log-odds)",
            ScoreHistogram(logOdds, yTest));
        report.Figure("roc.png", "ROC on the test part (zoomed into small false-positive rates): the original's model vs one-line rules",
            RocPlot(yTest, [(p, "original's logistic regression", modelReport.Auc), (ruleScore, "rule: mou < 5 AND data < 5", ruleReport.Auc),
                (sumScore, "score -(mou + data)", sumAuc)]));
        report.Figure("label_boundary.png", "The label is a corner of the two inputs: customers near (5, 5)",
            BoundaryPlot(seedMou, seedData, all, threshold));
    }

    private const double ClipLogOdds = -40;

    private static double Logit(double p)
    {
        // Clamp so a probability that rounds to 0 or 1 still has a finite log-odds for the histogram.
        var q = Math.Clamp(p, 1e-300, 1 - 1e-16);
        return Math.Log(q) - Math.Log(1 - q);
    }

    /// <summary>Share of positives among the <paramref name="k"/> highest scores (ties broken by row order).</summary>
    internal static double PrecisionAtTop(Vector<double> y, Vector<double> scores, int k)
    {
        if (k <= 0) return double.NaN;
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k);
        return order.Count(i => y[i] == 1.0) / (double)k;
    }

    private static Action<string> ScoreHistogram(Vector<double> logOdds, Vector<double> y)
    {
        var plot = Plots.Create("Original model: test scores by class",
            "model score: log-odds of churn (0 = probability 0.5; leftmost bar: " + ClipLogOdds.ToString(CultureInfo.InvariantCulture) + " or less)",
            "share of the class's customers");
        // Non-churners reach log-odds of several hundred below 0; the bars that matter are near 0, so the range is
        // cut at ClipLogOdds and everything below is counted in the leftmost bar (said in the axis label).
        var low = ClipLogOdds;
        var high = Math.Max(1, Math.Ceiling(logOdds.Maximum()));
        var bins = (int)(high - low);
        var width = 1.0;
        var palette = new ScottPlot.Palettes.Category10();
        foreach (var (label, name, colour) in new[] { (0.0, "not churned (proxy)", 0), (1.0, "churned (proxy)", 3) })
        {
            var members = Enumerable.Range(0, y.Count).Where(i => y[i] == label).ToArray();
            var counts = new double[bins];
            foreach (var i in members) counts[Math.Clamp((int)Math.Floor((logOdds[i] - low) / width), 0, bins - 1)]++;
            var bars = counts.Select((c, b) => new ScottPlot.Bar
            {
                Position = low + (b + 0.5) * width,
                Value = c / members.Length,
                Size = width,
                FillColor = palette.GetColor(colour).WithAlpha(0.55),
                LineWidth = 0,
            }).ToArray();
            var series = plot.Add.Bars(bars);
            series.LegendText = name + ", n = " + members.Length.ToString("N0", CultureInfo.InvariantCulture);
            series.Color = palette.GetColor(colour).WithAlpha(0.55);
        }
        var line = plot.Add.VerticalLine(0);
        line.LegendText = "threshold p = 0.5";
        line.LinePattern = ScottPlot.LinePattern.Dashed;
        line.Color = ScottPlot.Colors.Black;
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        return Plots.Saver(plot);
    }

    private const double RocZoom = 0.02;

    private static Action<string> RocPlot(Vector<double> y, IReadOnlyList<(Vector<double> Scores, string Name, double Auc)> scorers)
    {
        var plot = Plots.Create("ROC on the test part (zoomed: false positive rate up to " + P(RocZoom, 0) + ")",
            "false positive rate", "true positive rate");
        var palette = new ScottPlot.Palettes.Category10();
        for (var s = 0; s < scorers.Count; s++)
        {
            var curve = RocCurve.Compute(y, scorers[s].Scores, dropIntermediate: true);
            var line = plot.Add.Scatter(curve.FalsePositiveRates.ToArray(), curve.TruePositiveRates.ToArray());
            line.LegendText = scorers[s].Name + " (AUC " + scorers[s].Auc.ToString("F6", CultureInfo.InvariantCulture) + ")";
            line.MarkerSize = 0;
            line.LineWidth = 2;
            line.Color = palette.GetColor(s);
            if (s == 1) line.LinePattern = ScottPlot.LinePattern.Dashed;
        }
        // At full scale all curves hug the top-left corner; the differences are at small false-positive rates.
        plot.Axes.SetLimits(-RocZoom / 100, RocZoom, -0.01, 1.01);
        plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        return Plots.Saver(plot);
    }

    private const double BoundaryWindow = 25;

    private static Action<string> BoundaryPlot(double[] mou, double[] data, double[] churn, double threshold)
    {
        const double window = BoundaryWindow;
        var plot = Plots.Create("Proxy label near the corner (5, 5): all customers with both below " + window.ToString(CultureInfo.InvariantCulture),
            "total_mou (call minutes, all months)", "total_data_usage (mixed units)");
        var palette = new ScottPlot.Palettes.Category10();
        var inside = Enumerable.Range(0, mou.Length).Where(i => mou[i] < window && data[i] < window).ToArray();
        foreach (var (label, name, colour) in new[] { (0.0, "not churned (proxy)", 0), (1.0, "churned (proxy)", 3) })
        {
            var members = inside.Where(i => churn[i] == label).ToArray();
            if (members.Length == 0) continue;
            var points = plot.Add.ScatterPoints(members.Select(i => mou[i]).ToArray(), members.Select(i => data[i]).ToArray());
            points.Color = palette.GetColor(colour).WithAlpha(0.6);
            points.MarkerSize = 5;
            points.LegendText = name + ", n = " + members.Length.ToString("N0", CultureInfo.InvariantCulture);
        }
        // The label region is the rectangle below both thresholds: draw its two inner edges.
        var edge = plot.Add.Scatter(new[] { -1, threshold, threshold }, new[] { threshold, threshold, -1 });
        edge.MarkerSize = 0;
        edge.LineWidth = 2;
        edge.LinePattern = ScottPlot.LinePattern.Dashed;
        edge.Color = ScottPlot.Colors.Black;
        edge.LegendText = "label boundary: churned = both below " + threshold.ToString(CultureInfo.InvariantCulture);
        plot.Axes.SetLimits(-1, window, -1, window);
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        return Plots.Saver(plot);
    }
}
