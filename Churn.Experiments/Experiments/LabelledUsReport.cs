using Churn.Experiments.Experiments.Reports;
using static Churn.Experiments.Experiments.Reports.ReportBuilder;

namespace Churn.Experiments.Experiments;

/// <summary>Turns a <see cref="LabelledUsResult"/> into the labelled-us report: prose, tables, metrics.json keys and figures.</summary>
internal static class LabelledUsReport
{
    public static void Write(LabelledUsResult r, LabelledUsExperiment settings, ReportBuilder report)
    {
        report.Metrics(("rows", r.Rows), ("churners", r.Churners), ("churn_rate", r.ChurnRate),
            ("numeric_features", r.NumericColumns), ("text_features", r.CategoricalColumns), ("excluded_columns", LabelledUsExperiment.ExcludedColumns));

        report.Heading("Data");
        report.Paragraph(
            "`{0}`: the BigML 80% split of the classic 3,333-customer US telecom churn data, with **true churn labels**. {1} customers, **{2} churned ({3})**. " +
            "Loaded through the generic labelled-CSV path (the same as `churn train`), label `Churn` = True, with `State` and `Area code` excluded " +
            "({7} states would add {8} sparse indicator columns; area code has only {9} values that do not match the states, a known quirk of this data). " +
            "Features: {4} numeric and {5} yes/no plan flag(s) ({6}), each yes/no flag encoded as one 0/1 column, standardised before fitting.",
            LabelledUsExperiment.DataFile, N(r.Rows), N(r.Churners), P(r.ChurnRate), N(r.NumericColumns.Count), N(r.CategoricalColumns.Count),
            string.Join(", ", r.CategoricalColumns), N(r.States), N(r.States - 1), Word(r.AreaCodes));

        ModelChoiceReport.Write(report, r.Comparison, r.Choice,
            "The curves, the calibration, the gains, the profit and the drivers below are those of the {0} model; the linear model's unpenalised coefficients stay as a first-order view with standard errors.");
        CrossValidation(r, settings, report);
        Calibration(r, settings, report);
        ModelChoiceReport.Terms(report, r.Chosen.Model!, r.Chosen.Spec.Name);
        Coefficients(r, report);
        Gains(r, report);
        Profit(r, settings, report);
    }

    private static void CrossValidation(LabelledUsResult r, LabelledUsExperiment settings, ReportBuilder report)
    {
        var (chosen, linear) = (r.Chosen, r.Choice.Linear);
        report.Heading("Cross-validated ranking quality");
        report.Metric("cross_validation", new
        {
            kind = chosen.Spec.Name, flags = chosen.Spec.Flags, scikit_learn_cv_auc_mean = r.ScikitLearn.CvAucMean, linear_cv_auc_mean = linear.CvAucMean,
            folds = settings.Models.Folds, fold_seed = r.Seed, fold_aucs = chosen.FoldAucs,
            mean = chosen.CvAucMean, sd = chosen.CvAucSd, pooled_out_of_fold_auc = r.Auc, train_auc = r.TrainAuc,
        });
        report.Table(["fold", "AUC"], chosen.FoldAucs.Select((a, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), F(a, 3)])
            .Append(["mean ± SD", F(chosen.CvAucMean, 3) + " ± " + F(chosen.CvAucSd, 3)]));
        report.Paragraph(
            "Stratified {0}-fold cross-validation (fold seed {1}) of the {9} model (`{10}`), the whole chain (imputation, scaling, the kind's own selection, model) refitted in every fold: " +
            "**AUC {2} ± {3}** (mean ± SD over folds); the AUC of the pooled out-of-fold predictions is {4} and the training-set AUC {5}. " +
            "In plain words: for a random churner and a random loyal customer, the model ranks the churner as riskier about {6} of the time. " +
            "Check of the linear model against the reference: scikit-learn {12} on the same columns (StandardScaler + LogisticRegression(C=1), StratifiedKFold({13}, shuffle) averaged over {14} fold seeds; " +
            "`notebooks/reference/golden_cv.py`, notebooks/reference/golden/cv_bigml.json) gives **{7}** and our linear model {11}; the folds differ (another shuffle), so only the level is comparable, " +
            "and ours is within {8} of it.",
            settings.Models.Folds, r.Seed, F(chosen.CvAucMean, 3), F(chosen.CvAucSd, 3), F(r.Auc, 3), F(r.TrainAuc, 3), P(chosen.CvAucMean, 0),
            F(r.ScikitLearn.CvAucMean, 4), F(Math.Abs(linear.CvAucMean - r.ScikitLearn.CvAucMean), 4), chosen.Spec.Name, chosen.Spec.Flags, F(linear.CvAucMean, 4),
            r.ScikitLearn.Version, r.ScikitLearn.Folds, N(r.ScikitLearn.FoldSeeds));

        report.Figure("roc_curve.png", "ROC curve of the out-of-fold predictions.", path => Figures.Roc(path,
            new FigureText(string.Format(CultureInfo.InvariantCulture, "ROC curve, out-of-fold predictions ({0}-fold CV, {1})", settings.Models.Folds, r.Chosen.Spec.Name),
                "False positive rate (share of loyal customers flagged)", "True positive rate (share of churners caught)"),
            [new Curve(string.Format(CultureInfo.InvariantCulture, "{0} (AUC {1:F3})", r.Chosen.Spec.Name, r.Auc), r.Roc.FalsePositiveRates, r.Roc.TruePositiveRates)]));
        report.Metric("average_precision", r.AveragePrecision);
        report.Paragraph(
            "Precision-recall view: average precision **{0}**, against {1} for a random ranking (the churn rate). It matters more than the ROC curve when churners are the minority: " +
            "it says how many of the customers flagged are really churners at each share of churners caught.", F(r.AveragePrecision, 3), F(r.ChurnRate, 3));
        report.Figure("precision_recall.png", "Precision-recall curve of the out-of-fold predictions.", path => Figures.PrecisionRecall(path,
            new FigureText("Precision-recall curve, out-of-fold predictions", "Recall (share of churners caught)", "Precision (share of flagged customers who churn)"),
            new Curve(string.Format(CultureInfo.InvariantCulture, "{0} (average precision {1:F3})", r.Chosen.Spec.Name, r.AveragePrecision), r.PrecisionRecall.Recalls, r.PrecisionRecall.Precisions),
            r.ChurnRate, string.Format(CultureInfo.InvariantCulture, "random ranking (precision = churn rate {0:F3})", r.ChurnRate)));
    }

    private static void Calibration(LabelledUsResult r, LabelledUsExperiment settings, ReportBuilder report)
    {
        report.Heading("Are the probabilities honest? (calibration)");
        report.Metric("brier_score", r.Brier);
        report.Metric("brier_score_base_rate", r.BaseRateBrier);
        report.Metric("calibration_bins", r.Reliability.Select(b => new { lower = b.Lower, upper = b.Upper, count = b.Count, mean_predicted = b.MeanPredicted, fraction_churned = b.FractionPositive }).ToList());
        report.Paragraph(
            "Out-of-fold probabilities grouped into {0} equal-width bins; in a well calibrated model the share of churners in each bin equals the mean predicted probability (the diagonal). " +
            "**Brier score {1}** (mean squared error of the probabilities; predicting the churn rate for everyone gives {2}, lower is better). Bins with few customers are noisy.",
            settings.CalibrationBins, F(r.Brier, 4), F(r.BaseRateBrier, 4));
        report.Table(["predicted probability", "customers", "mean predicted", "share churned"],
            r.Reliability.Select(b => (IReadOnlyList<string>)[F(b.Lower, 1) + "-" + F(b.Upper, 1), N(b.Count), F(b.MeanPredicted, 3), F(b.FractionPositive, 3)]));
        var filled = r.Reliability.Where(b => b.Count > 0).ToList();
        var bins = settings.CalibrationBins.ToString(CultureInfo.InvariantCulture);
        report.Figure("calibration.png", "Reliability diagram of the out-of-fold probabilities (" + bins + " bins).", path => Figures.Calibration(path,
            new FigureText("Reliability diagram, out-of-fold probabilities (" + bins + " bins)", "Mean predicted churn probability in the bin", "Observed share of churners in the bin"),
            new Curve(string.Format(CultureInfo.InvariantCulture, "{0} (Brier score {1:F4})", r.Chosen.Spec.Name, r.Brier),
                filled.Select(b => b.MeanPredicted).ToArray(), filled.Select(b => b.FractionPositive).ToArray())));
    }

    private static void Coefficients(LabelledUsResult r, ReportBuilder report)
    {
        var model = r.Unpenalised;
        report.Heading(r.Choice.Switched ? "A first-order view: the linear model's unpenalised coefficients" : "What drives churn (unpenalised coefficients)");
        report.Metric("collinear_columns_dropped", r.DroppedColumns);
        report.Metric("collinearity_warnings", r.DropWarnings);
        report.Metric("unpenalised_fit", new { converged = model.Training.Converged, iterations = model.Training.Iterations, stop_reason = model.Training.StopReason, log_likelihood = model.Metrics["log_likelihood"] });
        report.Paragraph(
            "For standard errors and p-values the model is refitted on all {0} customers **without a penalty** (the L2 penalty biases the estimates, and the usual standard errors assume there is none). " +
            "First `ChurnTrainer` dropped {1} column(s) that are almost perfectly correlated with another (|r| ≥ 0.999): {2}. " +
            "Each charge is the rate times the minutes (day, evening, night and international calls are billed per minute at a fixed rate), so charge and minutes carry the same information; " +
            "keeping both makes the coefficients unidentifiable and their standard errors meaningless (the fit can trade one against the other without changing the predictions). " +
            "The fit {3} after {4} Newton iterations.",
            N(r.Rows), N(r.DroppedColumns.Count), string.Join(", ", r.DroppedColumns.Select(d => "`" + d + "`")), model.Training.Converged ? "converged" : "did NOT converge", N(model.Training.Iterations));
        report.Bullets(r.DropWarnings);
        report.Paragraph(
            "Coefficients are per standard deviation of the model column (the 0/1 plan flags too), so they can be compared with each other. The odds ratio says what it compares: for a numeric feature it is exp(coefficient), the factor by which the churn odds change for one SD more; " +
            "for a 0/1 plan flag it is the odds of the plan holders against the others (exp(coefficient / SD of the flag)), both holding the other features fixed. The intervals follow the odds ratio's scale. " +
            "p is the two-sided Wald test of 'no association'; the 95% interval of the coefficient is coefficient ± 1.96 SE. These are associations in this sample, not causal effects. " +
            "The voice-mail flag and the number of voice-mail messages move together (only plan holders have messages), which is why both have wide intervals: read them as one effect. " +
            "This unpenalised fit agrees with statsmodels' Logit on the same columns (notebooks/reference/golden/logreg_bigml.json, `d_logit_no_charge`); a unit test checks the coefficients, standard errors and p-values.");
        report.Table(["term", "meaning", "coef per SD", "std. error", "p-value", "95% CI", "odds ratio", "odds ratio is", "odds ratio 95% CI"],
            model.Coefficients.Select(c => (IReadOnlyList<string>)[
                "`" + c.Name + "`",
                c.Name == "(intercept)" ? "baseline log-odds" : FeatureLabels.Describe(c.Name),
                F(c.Coefficient, 3),
                c.StandardError is { } se ? F(se, 3) : "n/a",
                c.PValue is { } p ? (p < 0.001 ? "< 0.001" : F(p, 3)) : "n/a",
                c.Lower95 is { } lo && c.Upper95 is { } hi ? F(lo, 3) + " to " + F(hi, 3) : "n/a",
                F(CoefficientTable.ReadableOddsRatio(c), 3),
                CoefficientTable.OddsRatioMeaning(c),
                CoefficientTable.ReadableOddsRatioInterval(c) is { } ci ? F(ci.Lower, 3) + " to " + F(ci.Upper, 3) : "n/a"]));
        report.Metric("coefficients", model.Coefficients.Select(c => new
        {
            term = c.Name, coefficient_per_sd = c.Coefficient, standard_error = c.StandardError, z = c.Z, p_value = c.PValue,
            lower95 = c.Lower95, upper95 = c.Upper95, odds_ratio = c.OddsRatio, odds_ratio_per_unit = c.OddsRatioPerUnit,
            contrast = c.Contrast, per_unit = c.PerUnit,
        }).ToList());
        var strongest = model.Coefficients.Skip(1).Where(c => c.PValue is < 0.05).OrderByDescending(c => Math.Abs(c.Coefficient)).Take(4).ToList();
        if (strongest.Count > 0)
            report.Paragraph("Strongest significant drivers (p < 0.05, largest |coefficient| first): " +
                string.Join("; ", strongest.Select(c => string.Format(CultureInfo.InvariantCulture, "{0} (odds × {1} {2})", FeatureLabels.Describe(c.Name),
                    F(CoefficientTable.ReadableOddsRatio(c), 2), c.Scale == CoefficientScale.Indicator ? c.Contrast : "per SD"))) + ".");
    }

    private static void Gains(LabelledUsResult r, ReportBuilder report)
    {
        var gains = r.Gains;
        report.Heading("Who to contact: cumulative gains and lift");
        report.Metric("gains", gains.Select(g => new
        {
            decile = g.Group, customers = g.Customers, churners = g.Positives,
            cumulative_customers_fraction = g.CumulativeCustomersFraction, cumulative_churners_fraction = g.CumulativePositivesFraction,
            lift = g.Lift, cumulative_lift = g.CumulativeLift, min_probability = g.MinScore, max_probability = g.MaxScore,
        }).ToList());
        report.Paragraph(
            "Customers sorted by out-of-fold churn probability, highest first, and cut into deciles. Contacting the riskiest 10% reaches {0} of all churners " +
            "(lift {1}: {2} times the churn rate of a random 10%); the riskiest 30% reach {3}.",
            P(gains[0].CumulativePositivesFraction), F(gains[0].Lift, 2), F(gains[0].Lift, 1), P(gains[2].CumulativePositivesFraction));
        report.Table(["decile", "customers", "churners", "churn rate", "lift", "cumulative % of customers", "cumulative % of churners", "cumulative lift", "probability range"],
            gains.Select(g => (IReadOnlyList<string>)[
                g.Group.ToString(CultureInfo.InvariantCulture), N(g.Customers), N(g.Positives), P(g.Positives / (double)g.Customers), F(g.Lift, 2),
                P(g.CumulativeCustomersFraction, 0), P(g.CumulativePositivesFraction), F(g.CumulativeLift, 2), F(g.MinScore, 3) + "-" + F(g.MaxScore, 3)]));
        var xs = new[] { 0.0 }.Concat(gains.Select(g => g.CumulativeCustomersFraction * 100)).ToArray();
        var ys = new[] { 0.0 }.Concat(gains.Select(g => g.CumulativePositivesFraction * 100)).ToArray();
        report.Figure("gains_chart.png", "Cumulative gains: share of churners reached by contacting the riskiest customers first.", path => Figures.Gains(path,
            new FigureText("Cumulative gains by decile (out-of-fold predictions)", "Customers contacted, riskiest first (% of base)", "Churners reached (% of all churners)"),
            new Curve(r.Chosen.Spec.Name, xs, ys), r.ChurnRate));
    }

    private static void Profit(LabelledUsResult r, LabelledUsExperiment settings, ReportBuilder report)
    {
        var profit = r.Profit;
        var best = profit.Best;
        var (cost, value, success) = (settings.OfferCost, settings.CustomerValue, settings.RetentionSuccessRate);
        report.Heading("Retention targeting: how many customers to contact");
        report.Metric("profit_assumptions", new { offer_cost = cost, customer_value = value, retention_success_rate = success });
        report.Metric("profit_best", new { contacted = best.Contacted, contacted_fraction = best.Contacted / (double)r.Rows, churners_reached = best.Churners, expected_saved = best.Saved, expected_profit = best.Profit, probability_cut_off = best.CutOff });
        report.Metric("profit_contact_everyone", profit.Points[^1].Profit);
        report.Metric("profit_break_even_churn_share", cost / (value * success));
        report.Paragraph(
            "Assumptions (defaults; they are properties of the experiment, `OfferCost`, `CustomerValue` and `RetentionSuccessRate`, so they can be changed): a retention offer costs **{0}** per contacted customer, " +
            "keeping a customer who would have churned is worth **{1}** (e.g. a few months of margin), and the offer keeps **{2}** of the contacted would-be churners " +
            "(non-churners who get the offer cost money and gain nothing). Contacting the k riskiest customers (by out-of-fold probability) is expected to earn " +
            "profit(k) = churners among them × {1} × {3} − k × {0}. Contacting is worth it only while more than {4} of the next customers are churners (cost ÷ (value × success rate)).",
            G(cost), G(value), P(success, 0), G(success), P(cost / (value * success)));
        report.Paragraph(
            "**Best cut-off: contact the riskiest {0} customers ({1} of the base, churn probability ≥ {2})**: they include {3} of the {4} churners, about {5} are expected to be saved, " +
            "for an expected profit of **{6}** on these {7} customers. Contacting everyone would earn {8}. " +
            "The numbers are for this file's {7} customers; the best share, not the count, is what carries over to a new base, and only if the assumptions hold. " +
            "The cut-off was read off the same out-of-fold predictions it is evaluated on, so the maximum is slightly optimistic.",
            N(best.Contacted), P(best.Contacted / (double)r.Rows), F(best.CutOff, 3), N((int)best.Churners), N(r.Churners), F(best.Saved, 1), F(best.Profit, 0), N(r.Rows), F(profit.Points[^1].Profit, 0));
        var shown = Enumerable.Range(0, 11).Select(d => (int)Math.Round(r.Rows * d / 10.0, MidpointRounding.AwayFromZero)).Append(best.Contacted).Distinct().Order().ToList();
        var profitRows = shown.Select(k => profit.Points[k]).ToList();
        report.Metric("profit_table", profitRows.Select(p => new { contacted = p.Contacted, churners_reached = p.Churners, expected_saved = p.Saved, value_saved = p.Saved * value, offer_costs = p.Contacted * cost, expected_profit = p.Profit }).ToList());
        report.Table(["customers contacted", "% of base", "churners reached", "expected saved", "value saved", "offer costs", "expected profit"],
            profitRows.Select(p => (IReadOnlyList<string>)[
                N(p.Contacted) + (p.Contacted == best.Contacted ? " (best)" : ""), P(p.Contacted / (double)r.Rows, 1), N((int)p.Churners), F(p.Saved, 1),
                F(p.Saved * value, 0), F(p.Contacted * cost, 0), F(p.Profit, 0)]));
        var share = best.Contacted * 100.0 / r.Rows;
        report.Figure("profit_curve.png", "Expected retention profit by number of riskiest customers contacted.", path => Figures.CurveWithBest(path,
            new FigureText(string.Format(CultureInfo.InvariantCulture, "Expected retention profit (offer {0}, value {1}, success {2})", G(cost), G(value), P(success, 0)),
                "Customers contacted, riskiest first (% of base)", "Expected profit (money units)"),
            new Curve("expected profit", profit.Points.Select(p => p.Contacted * 100.0 / r.Rows).ToArray(), profit.Points.Select(p => p.Profit).ToArray()),
            share, best.Profit, string.Format(CultureInfo.InvariantCulture, "best: {0} customers ({1:F1}%), profit {2:F0}", best.Contacted, share, best.Profit), 0, 100));
    }

    private static string G(double v) => v.ToString("G", CultureInfo.InvariantCulture);
}
