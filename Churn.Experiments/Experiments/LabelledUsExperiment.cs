using System.Globalization;
using Churn.Algorithms.Linear;
using Churn.Algorithms.Metrics;
using Churn.Experiments.Campaign;
using Churn.Experiments.Commands;
using Churn.Experiments.Experiments.Reports;
using Churn.Experiments.Modeling;
using MathNet.Numerics.LinearAlgebra;
using ScottPlot;
using static Churn.Experiments.Experiments.Reports.ReportBuilder;

namespace Churn.Experiments.Experiments;

/// <summary>
/// The US telecom churn data with true labels (churn-bigml-80.csv, 2,666 customers), loaded through the
/// generic path (<see cref="TrainCommand.LoadTrainingData"/>; State and Area code excluded).
/// Stratified <see cref="Folds"/>-fold cross-validated AUC of an L2 logistic regression (C = 1) via
/// <see cref="ChurnTrainer"/>; its out-of-fold probabilities give the ROC and precision-recall curves,
/// the reliability diagram (10 equal-width bins) with the Brier score, the cumulative gains/lift table
/// by decile and the retention profit curve. Coefficients with standard errors come from a separate
/// unpenalised fit on all rows after the collinear charge columns are dropped.
/// Expected profit of contacting the k riskiest customers (out-of-fold probability, descending, stable):
/// profit(k) = churners among them x <see cref="CustomerValue"/> x <see cref="RetentionSuccessRate"/> - k x <see cref="OfferCost"/>.
/// </summary>
public sealed class LabelledUsExperiment : IExperiment
{
    public const string DataFile = "churn-bigml-80.csv";

    public string Name => "labelled-us";

    public string Title => "US telecom churn with true labels (BigML 80% split): accuracy, calibration, drivers and retention targeting";

    public int Folds { get; init; } = 5;

    /// <summary>Cost of one retention offer (money units, e.g. USD), paid for every contacted customer.</summary>
    public double OfferCost { get; init; } = 10.0;

    /// <summary>Value of keeping one customer who would have churned (money units, e.g. a few months of margin).</summary>
    public double CustomerValue { get; init; } = 100.0;

    /// <summary>Share of contacted would-be churners that the offer actually keeps.</summary>
    public double RetentionSuccessRate { get; init; } = 0.3;

    public int CalibrationBins { get; init; } = 10;

    public void Run(ExperimentContext context, ReportBuilder report)
    {
        Algorithms.Guard.AtLeast(Folds, 2, nameof(Folds));
        Assumptions.Validate(n => n switch { "offer-cost" => nameof(OfferCost), "value" => nameof(CustomerValue), _ => nameof(RetentionSuccessRate) });
        Algorithms.Guard.AtLeast(CalibrationBins, 1, nameof(CalibrationBins));

        var path = report.UsesData(context.Raw(DataFile), context.RepositoryRoot);
        context.Progress.Report("reading " + DataFile);
        var data = TrainCommand.LoadTrainingData(path, "Churn", "True", ["State", "Area code"], null);
        var y = data.Labels;
        var rows = y.Count;
        var churners = (int)y.Sum();

        context.Progress.Report("cross-validating the L2 model (C = 1)");
        var penalised = ChurnTrainer.Train(data, new ChurnTrainingOptions { C = 1.0, Penalty = Penalty.L2, CrossValidationFolds = Folds, Seed = context.Seed },
            Provenance.CodeVersion, context.Progress);
        var cv = penalised.CrossValidation!;
        var oof = Vector<double>.Build.DenseOfEnumerable(cv.OutOfFoldProbabilities);

        context.Progress.Report("fitting the unpenalised model for the coefficient table");
        var unpenalised = ChurnTrainer.Train(data, new ChurnTrainingOptions { Penalty = Penalty.None, Seed = context.Seed }, Provenance.CodeVersion);

        context.Progress.Report("curves, calibration, gains and profit");
        var roc = RocCurve.Compute(y, oof);
        var auc = RocAuc.Compute(y, oof);
        var pr = PrecisionRecallCurve.Compute(y, oof);
        var ap = AveragePrecision.Compute(y, oof);
        var brier = BrierScore.Compute(y, oof);
        var reliability = Calibration.Reliability(y, oof, CalibrationBins);
        var gains = GainsTable.Compute(y, oof, 10);
        var profit = ProfitCurve(y, oof);

        // ---- Report ----
        report.Metric("rows", rows);
        report.Metric("churners", churners);
        report.Metric("churn_rate", churners / (double)rows);
        report.Metric("numeric_features", data.NumericColumns);
        report.Metric("text_features", data.CategoricalColumns);
        report.Metric("excluded_columns", new[] { "State", "Area code" });

        report.Heading("Data");
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "`{0}`: the BigML 80% split of the classic 3,333-customer US telecom churn data, with **true churn labels**. {1} customers, **{2} churned ({3})**. " +
            "Loaded through the generic labelled-CSV path (the same as `churn train`), label `Churn` = True, with `State` and `Area code` excluded " +
            "(51 states would add 50 sparse indicator columns; area code has only three values that do not match the states, a known quirk of this data). " +
            "Features: {4} numeric and {5} yes/no plan flag(s) ({6}), each yes/no flag encoded as one 0/1 column. All features are standardised before the logistic regression.",
            DataFile, N(rows), N(churners), P(churners / (double)rows), N(data.NumericColumns.Count), N(data.CategoricalColumns.Count),
            string.Join(", ", data.CategoricalColumns)));

        // Cross-validation.
        report.Heading("Cross-validated ranking quality");
        // scikit-learn's level on the same columns, from the committed golden (no Python at run time).
        var goldenPath = report.UsesData(Path.Combine(context.RepositoryRoot, "Churn.Tests", "Golden", "cv_bigml.json"), context.RepositoryRoot);
        double reference;
        using (var golden = System.Text.Json.JsonDocument.Parse(File.ReadAllText(goldenPath)))
            reference = golden.RootElement.GetProperty("cases").GetProperty("charges_dropped").GetProperty("cv_auc_mean").GetDouble();
        report.Metric("cross_validation", new
        {
            scikit_learn_cv_auc_mean = reference,
            c = 1.0,
            folds = Folds,
            fold_seed = context.Seed,
            fold_aucs = cv.FoldAucs,
            mean = cv.Mean,
            sd = cv.StandardDeviation,
            pooled_out_of_fold_auc = auc,
            train_auc = penalised.Model.Metrics["train_auc"],
        });
        report.Table(["fold", "AUC"], cv.FoldAucs.Select((a, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), F(a, 3)])
            .Append(["mean ± SD", F(cv.Mean, 3) + " ± " + F(cv.StandardDeviation, 3)]));
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "Stratified {0}-fold cross-validation (fold seed {1}) of an L2 logistic regression with C = 1, the whole chain (imputation, scaling, model) refitted in every fold: " +
            "**AUC {2} ± {3}** (mean ± SD over folds); the AUC of the pooled out-of-fold predictions is {4} and the training-set AUC {5}. " +
            "scikit-learn 1.2.1 on the same columns (StandardScaler + LogisticRegression(C=1), StratifiedKFold(5, shuffle) averaged over 10 fold seeds; " +
            "`notebooks/reference/golden_cv.py`, Churn.Tests/Golden/cv_bigml.json) gives **{7}**; the folds differ (another shuffle), so only the level is comparable, " +
            "and ours is within {8} of it. " +
            "In plain words: for a random churner and a random loyal customer, the model ranks the churner as riskier about {6} of the time. " +
            "A linear model on these features is known to leave accuracy on the table (churn here depends on thresholds such as 'more than 3 service calls' and on total rather than " +
            "per-period charges), so non-linear models may well do better; that was not tested here.",
            Folds, context.Seed, F(cv.Mean, 3), F(cv.StandardDeviation, 3), F(auc, 3), F(penalised.Model.Metrics["train_auc"], 3), P(cv.Mean, 0),
            F(reference, 4), F(Math.Abs(cv.Mean - reference), 4)));

        report.Figure("roc_curve.png", "ROC curve of the out-of-fold predictions.", Plots.Saver(RocPlot(roc, auc)));
        report.Metric("average_precision", ap);
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "Precision-recall view: average precision **{0}**, against {1} for a random ranking (the churn rate). It matters more than the ROC curve when churners are the minority: " +
            "it says how many of the customers flagged are really churners at each share of churners caught.", F(ap, 3), F(churners / (double)rows, 3)));
        report.Figure("precision_recall.png", "Precision-recall curve of the out-of-fold predictions.", Plots.Saver(PrecisionRecallPlot(pr, ap, churners / (double)rows)));

        // Calibration.
        report.Heading("Are the probabilities honest? (calibration)");
        report.Metric("brier_score", brier);
        report.Metric("brier_score_base_rate", BaseRateBrier(churners / (double)rows));
        report.Metric("calibration_bins", reliability.Select(b => new { lower = b.Lower, upper = b.Upper, count = b.Count, mean_predicted = b.MeanPredicted, fraction_churned = b.FractionPositive }).ToList());
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "Out-of-fold probabilities grouped into {0} equal-width bins; in a well calibrated model the share of churners in each bin equals the mean predicted probability (the diagonal). " +
            "**Brier score {1}** (mean squared error of the probabilities; predicting the churn rate for everyone gives {2}, lower is better). Bins with few customers are noisy.",
            CalibrationBins, F(brier, 4), F(BaseRateBrier(churners / (double)rows), 4)));
        report.Table(["predicted probability", "customers", "mean predicted", "share churned"],
            reliability.Select(b => (IReadOnlyList<string>)[F(b.Lower, 1) + "-" + F(b.Upper, 1), N(b.Count), F(b.MeanPredicted, 3), F(b.FractionPositive, 3)]));
        report.Figure("calibration.png", "Reliability diagram of the out-of-fold probabilities (10 bins).", Plots.Saver(CalibrationPlot(reliability, brier)));

        // Coefficients.
        var dropped = unpenalised.DroppedColumns;
        var dropWarnings = unpenalised.Warnings.Where(w => w.StartsWith("Dropped", StringComparison.Ordinal)).ToList();
        var model = unpenalised.Model;
        report.Heading("What drives churn (unpenalised coefficients)");
        report.Metric("collinear_columns_dropped", dropped);
        report.Metric("collinearity_warnings", dropWarnings);
        report.Metric("unpenalised_fit", new { converged = model.Training.Converged, iterations = model.Training.Iterations, stop_reason = model.Training.StopReason, log_likelihood = model.Metrics["log_likelihood"] });
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "For standard errors and p-values the model is refitted on all {0} customers **without a penalty** (the L2 penalty biases the estimates, and the usual standard errors assume there is none). " +
            "First `ChurnTrainer` dropped {1} column(s) that are almost perfectly correlated with another (|r| ≥ 0.999): {2}. " +
            "Each charge is the rate times the minutes (day, evening, night and international calls are billed per minute at a fixed rate), so charge and minutes carry the same information; " +
            "keeping both makes the coefficients unidentifiable and their standard errors meaningless (the fit can trade one against the other without changing the predictions). " +
            "The fit {3} after {4} Newton iterations.",
            N(rows), N(dropped.Count), string.Join(", ", dropped.Select(d => "`" + d + "`")), model.Training.Converged ? "converged" : "did NOT converge", N(model.Training.Iterations)));
        report.Bullets(dropWarnings);
        report.Paragraph(
            "Coefficients are per standard deviation of the model column (the 0/1 plan flags too), so they can be compared with each other. The odds ratio says what it compares: for a numeric feature it is exp(coefficient), the factor by which the churn odds change for one SD more; " +
            "for a 0/1 plan flag it is the odds of the plan holders against the others (exp(coefficient / SD of the flag)), both holding the other features fixed. The intervals follow the odds ratio's scale. " +
            "p is the two-sided Wald test of 'no association'; the 95% interval of the coefficient is coefficient ± 1.96 SE. These are associations in this sample, not causal effects. " +
            "The voice-mail flag and the number of voice-mail messages move together (only plan holders have messages), which is why both have wide intervals: read them as one effect. " +
            "This unpenalised fit agrees with statsmodels' Logit on the same columns (Churn.Tests/Golden/logreg_bigml.json, `d_logit_no_charge`); a unit test checks the coefficients, standard errors and p-values.");
        report.Table(["term", "meaning", "coef per SD", "std. error", "p-value", "95% CI", "odds ratio", "odds ratio is", "odds ratio 95% CI"],
            model.Coefficients.Select(r => (IReadOnlyList<string>)[
                "`" + r.Name + "`",
                r.Name == "(intercept)" ? "baseline log-odds" : FeatureLabels.Describe(r.Name),
                F(r.Coefficient, 3),
                Opt(r.StandardError, 3),
                r.PValue is { } p ? FormatP(p) : "n/a",
                r.Lower95 is { } lo && r.Upper95 is { } hi ? F(lo, 3) + " to " + F(hi, 3) : "n/a",
                F(CoefficientTable.ReadableOddsRatio(r), 3),
                CoefficientTable.OddsRatioMeaning(r),
                CoefficientTable.ReadableOddsRatioInterval(r) is { } ci ? F(ci.Lower, 3) + " to " + F(ci.Upper, 3) : "n/a"]));
        report.Metric("coefficients", model.Coefficients.Select(r => new
        {
            term = r.Name,
            coefficient_per_sd = r.Coefficient,
            standard_error = r.StandardError,
            z = r.Z,
            p_value = r.PValue,
            lower95 = r.Lower95,
            upper95 = r.Upper95,
            odds_ratio = r.OddsRatio,
            odds_ratio_per_unit = r.OddsRatioPerUnit,
            contrast = r.Contrast,
            per_unit = r.PerUnit,
        }).ToList());
        var strongest = model.Coefficients.Skip(1).Where(r => r.PValue is < 0.05).OrderByDescending(r => Math.Abs(r.Coefficient)).Take(4).ToList();
        if (strongest.Count > 0)
            report.Paragraph("Strongest significant drivers (p < 0.05, largest |coefficient| first): " +
                string.Join("; ", strongest.Select(r => string.Format(CultureInfo.InvariantCulture, "{0} (odds × {1} {2})", FeatureLabels.Describe(r.Name),
                    F(CoefficientTable.ReadableOddsRatio(r), 2), r.Scale == CoefficientScale.Indicator ? r.Contrast : "per SD"))) + ".");

        // Gains.
        report.Heading("Who to contact: cumulative gains and lift");
        report.Metric("gains", gains.Select(g => new
        {
            decile = g.Group,
            customers = g.Customers,
            churners = g.Positives,
            cumulative_customers_fraction = g.CumulativeCustomersFraction,
            cumulative_churners_fraction = g.CumulativePositivesFraction,
            lift = g.Lift,
            cumulative_lift = g.CumulativeLift,
            min_probability = g.MinScore,
            max_probability = g.MaxScore,
        }).ToList());
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "Customers sorted by out-of-fold churn probability, highest first, and cut into deciles. Contacting the riskiest 10% reaches {0} of all churners " +
            "(lift {1}: {2} times the churn rate of a random 10%); the riskiest 30% reach {3}.",
            P(gains[0].CumulativePositivesFraction), F(gains[0].Lift, 2), F(gains[0].Lift, 1), P(gains[2].CumulativePositivesFraction)));
        report.Table(["decile", "customers", "churners", "churn rate", "lift", "cumulative % of customers", "cumulative % of churners", "cumulative lift", "probability range"],
            gains.Select(g => (IReadOnlyList<string>)[
                g.Group.ToString(CultureInfo.InvariantCulture), N(g.Customers), N(g.Positives), P(g.Positives / (double)g.Customers), F(g.Lift, 2),
                P(g.CumulativeCustomersFraction, 0), P(g.CumulativePositivesFraction), F(g.CumulativeLift, 2), F(g.MinScore, 3) + "-" + F(g.MaxScore, 3)]));
        report.Figure("gains_chart.png", "Cumulative gains: share of churners reached by contacting the riskiest customers first.", Plots.Saver(GainsPlot(gains, churners / (double)rows)));

        // Profit.
        report.Heading("Retention targeting: how many customers to contact");
        var best = profit.Best;
        report.Metric("profit_assumptions", new { offer_cost = OfferCost, customer_value = CustomerValue, retention_success_rate = RetentionSuccessRate });
        report.Metric("profit_best", new { contacted = best.Contacted, contacted_fraction = best.Contacted / (double)rows, churners_reached = best.Churners, expected_saved = best.Saved, expected_profit = best.Profit, probability_cut_off = best.CutOff });
        report.Metric("profit_contact_everyone", profit.Points[^1].Profit);
        report.Metric("profit_break_even_churn_share", OfferCost / (CustomerValue * RetentionSuccessRate));
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "Assumptions (defaults; they are properties of the experiment, `OfferCost`, `CustomerValue` and `RetentionSuccessRate`, so they can be changed): a retention offer costs **{0}** per contacted customer, " +
            "keeping a customer who would have churned is worth **{1}** (e.g. a few months of margin), and the offer keeps **{2}** of the contacted would-be churners " +
            "(non-churners who get the offer cost money and gain nothing). Contacting the k riskiest customers (by out-of-fold probability) is expected to earn " +
            "profit(k) = churners among them × {1} × {3} − k × {0}. Contacting is worth it only while more than {4} of the next customers are churners (cost ÷ (value × success rate)).",
            G(OfferCost), G(CustomerValue), P(RetentionSuccessRate, 0), G(RetentionSuccessRate), P(OfferCost / (CustomerValue * RetentionSuccessRate))));
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "**Best cut-off: contact the riskiest {0} customers ({1} of the base, churn probability ≥ {2})**: they include {3} of the {4} churners, about {5} are expected to be saved, " +
            "for an expected profit of **{6}** on these {7} customers. Contacting everyone would earn {8}. " +
            "The numbers are for this file's 2,666 customers; the best share, not the count, is what carries over to a new base, and only if the assumptions hold. " +
            "The cut-off was read off the same out-of-fold predictions it is evaluated on, so the maximum is slightly optimistic.",
            N(best.Contacted), P(best.Contacted / (double)rows), F(best.CutOff, 3), N((int)best.Churners), N(churners), F(best.Saved, 1), F(best.Profit, 0), N(rows), F(profit.Points[^1].Profit, 0)));
        var shown = Enumerable.Range(0, 11).Select(d => (int)Math.Round(rows * d / 10.0, MidpointRounding.AwayFromZero)).Append(best.Contacted).Distinct().Order().ToList();
        var profitRows = shown.Select(k => profit.Points[k]).ToList();
        report.Metric("profit_table", profitRows.Select(p => new { contacted = p.Contacted, churners_reached = p.Churners, expected_saved = p.Saved, value_saved = p.Saved * CustomerValue, offer_costs = p.Contacted * OfferCost, expected_profit = p.Profit }).ToList());
        report.Table(["customers contacted", "% of base", "churners reached", "expected saved", "value saved", "offer costs", "expected profit"],
            profitRows.Select(p => (IReadOnlyList<string>)[
                N(p.Contacted) + (p.Contacted == best.Contacted ? " (best)" : ""), P(p.Contacted / (double)rows, 1), N((int)p.Churners), F(p.Saved, 1),
                F(p.Saved * CustomerValue, 0), F(p.Contacted * OfferCost, 0), F(p.Profit, 0)]));
        report.Figure("profit_curve.png", "Expected retention profit by number of riskiest customers contacted.", Plots.Saver(ProfitPlot(profit, rows)));
    }

    /// <summary>Realised profit(k) for k = 0..n: the labels are the outcomes, the out-of-fold probabilities the ranking.</summary>
    public ProfitCurve ProfitCurve(Vector<double> y, Vector<double> probabilities) =>
        Campaign.ProfitCurve.Compute(probabilities.ToArray(), y.ToArray(), Assumptions);

    private CampaignAssumptions Assumptions => new() { OfferCost = OfferCost, CustomerValue = CustomerValue, SuccessRate = RetentionSuccessRate };

    private static double BaseRateBrier(double rate) => rate * (1 - rate);

    private static string G(double v) => v.ToString("G", CultureInfo.InvariantCulture);

    private static string Opt(double? v, int decimals) => v is { } x ? F(x, decimals) : "n/a";

    private static string FormatP(double p) => p < 0.001 ? "< 0.001" : F(p, 3);

    private static Plot RocPlot(RocCurve roc, double auc)
    {
        var plot = Plots.Create("ROC curve, out-of-fold predictions (5-fold CV, C = 1)", "False positive rate (share of loyal customers flagged)", "True positive rate (share of churners caught)");
        Diagonal(plot, "random ranking (AUC 0.5)");
        var line = plot.Add.Scatter(roc.FalsePositiveRates.ToArray(), roc.TruePositiveRates.ToArray());
        line.LegendText = string.Format(CultureInfo.InvariantCulture, "logistic regression (AUC {0:F3})", auc);
        line.LineWidth = 2;
        line.MarkerSize = 0;
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    private static Plot PrecisionRecallPlot(PrecisionRecallCurve pr, double ap, double rate)
    {
        var plot = Plots.Create("Precision-recall curve, out-of-fold predictions", "Recall (share of churners caught)", "Precision (share of flagged customers who churn)");
        var baseline = plot.Add.HorizontalLine(rate, 1, Colors.Gray, LinePattern.Dashed);
        baseline.LegendText = string.Format(CultureInfo.InvariantCulture, "random ranking (precision = churn rate {0:F3})", rate);
        var line = plot.Add.Scatter(pr.Recalls.ToArray(), pr.Precisions.ToArray());
        line.LegendText = string.Format(CultureInfo.InvariantCulture, "logistic regression (average precision {0:F3})", ap);
        line.LineWidth = 2;
        line.MarkerSize = 0;
        // Step-wise, as average precision is computed (sklearn draws steps-post).
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static Plot CalibrationPlot(IReadOnlyList<CalibrationBin> bins, double brier)
    {
        var plot = Plots.Create("Reliability diagram, out-of-fold probabilities (10 bins)", "Mean predicted churn probability in the bin", "Observed share of churners in the bin");
        Diagonal(plot, "perfect calibration");
        var filled = bins.Where(b => b.Count > 0).ToList();
        var line = plot.Add.Scatter(filled.Select(b => b.MeanPredicted).ToArray(), filled.Select(b => b.FractionPositive).ToArray());
        line.LegendText = string.Format(CultureInfo.InvariantCulture, "logistic regression (Brier score {0:F4})", brier);
        line.LineWidth = 2;
        line.MarkerSize = 8;
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot GainsPlot(IReadOnlyList<GainsRow> gains, double rate)
    {
        var plot = Plots.Create("Cumulative gains by decile (out-of-fold predictions)", "Customers contacted, riskiest first (% of base)", "Churners reached (% of all churners)");
        var random = plot.Add.Scatter(new[] { 0.0, 100.0 }, new[] { 0.0, 100.0 });
        random.LegendText = "random contact order";
        random.Color = Colors.Gray;
        random.LinePattern = LinePattern.Dashed;
        random.MarkerSize = 0;
        var perfect = plot.Add.Scatter(new[] { 0.0, rate * 100, 100.0 }, new[] { 0.0, 100.0, 100.0 });
        perfect.LegendText = "perfect ranking";
        perfect.Color = Colors.DarkOrange;
        perfect.LinePattern = LinePattern.Dotted;
        perfect.MarkerSize = 0;
        var xs = new[] { 0.0 }.Concat(gains.Select(g => g.CumulativeCustomersFraction * 100)).ToArray();
        var ys = new[] { 0.0 }.Concat(gains.Select(g => g.CumulativePositivesFraction * 100)).ToArray();
        var line = plot.Add.Scatter(xs, ys);
        line.LegendText = "logistic regression";
        line.Color = new ScottPlot.Palettes.Category10().GetColor(0);
        line.LineWidth = 2;
        line.MarkerSize = 7;
        plot.Axes.SetLimits(0, 100, 0, 102);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    private Plot ProfitPlot(ProfitCurve profit, int rows)
    {
        var plot = Plots.Create(string.Format(CultureInfo.InvariantCulture, "Expected retention profit (offer {0}, value {1}, success {2})", G(OfferCost), G(CustomerValue), P(RetentionSuccessRate, 0)),
            "Customers contacted, riskiest first (% of base)", "Expected profit (money units)");
        plot.Add.HorizontalLine(0, 1, Colors.Black);
        var xs = profit.Points.Select(p => p.Contacted * 100.0 / rows).ToArray();
        var ys = profit.Points.Select(p => p.Profit).ToArray();
        var line = plot.Add.Scatter(xs, ys);
        line.LegendText = "expected profit";
        line.LineWidth = 2;
        line.MarkerSize = 0;
        var best = plot.Add.Marker(profit.Best.Contacted * 100.0 / rows, profit.Best.Profit, MarkerShape.FilledCircle, 12, Colors.Red);
        best.LegendText = string.Format(CultureInfo.InvariantCulture, "best: {0} customers ({1:F1}%), profit {2:F0}", profit.Best.Contacted, profit.Best.Contacted * 100.0 / rows, profit.Best.Profit);
        plot.Axes.SetLimits(0, 100, Math.Min(ys.Min(), 0) * 1.05, Math.Max(ys.Max(), 0) * 1.15 + 1);
        plot.ShowLegend(Alignment.LowerLeft);
        return plot;
    }

    private static void Diagonal(Plot plot, string label)
    {
        var diagonal = plot.Add.Scatter(new[] { 0.0, 1.0 }, new[] { 0.0, 1.0 });
        diagonal.LegendText = label;
        diagonal.Color = Colors.Gray;
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.MarkerSize = 0;
    }
}
