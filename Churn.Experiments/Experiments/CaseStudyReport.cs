using Churn.Experiments.Experiments.Reports;
using static Churn.Experiments.Experiments.Reports.ReportBuilder;

namespace Churn.Experiments.Experiments;

/// <summary>Turns a <see cref="CaseStudyResult"/> into the case-study report: prose, tables, metrics.json keys and figures.</summary>
internal static class CaseStudyReport
{
    /// <summary>The figures data/README.md gives for these rows: HVC threshold, HVC, HVC churners, churners among all rows.</summary>
    private const double ReadmeThreshold = 366.6;
    private const int ReadmeHvc = 300;
    private const int ReadmeHvcChurners = 31;
    private const int ReadmeChurners = 110;

    private static readonly (int? Month, string Label)[] Months = [(6, "June (6)"), (7, "July (7)"), (8, "August (8)"), (9, "September (9)"), (null, "no month")];

    public static void Write(CaseStudyResult r, CaseStudyExperiment settings, ReportBuilder report)
    {
        var (rawRows, rawColumns, missingness, cleaning, hvc, hvcChurners, fits, seed) =
            (r.RawRows, r.RawColumns, r.Missingness, r.Cleaning, r.Hvc, r.HvcChurners, r.Fits, r.Seed);
        var (hvcCount, allChurners, featureCount, modelColumns, month9Features) = (r.HvcCount, r.AllChurners, r.FeatureColumns, r.ModelColumns, r.Month9Features);
        var (preferred, preferenceReason) = (r.Preferred, Reason(r.Preference));
        var model = preferred.First.Model;
        var dropped = preferred.First.DroppedColumns;

        report.Metric("raw_rows", rawRows);
        report.Metric("raw_columns", rawColumns);
        report.Metric("churned_all_rows", allChurners);
        report.Metric("churn_rate_all_rows", allChurners / (double)rawRows);
        report.Metric("hvc_threshold", hvc.Threshold);
        report.Metric("hvc_customers", hvcCount);
        report.Metric("hvc_churned", hvcChurners);
        report.Metric("hvc_churn_rate", hvcChurners / (double)hvcCount);
        report.Metric("feature_columns", featureCount);
        report.Metric("model_columns", modelColumns);
        report.Metric("collinear_columns_dropped", dropped);
        report.Metric("events_per_model_column", hvcChurners / (double)modelColumns);
        report.Metric("leakage_check", new { ran = true, passed = month9Features == 0, month9_features = month9Features });
        report.Metric("folds", settings.Folds);
        report.Metric("repeats", settings.Repeats);
        report.Metric("bootstrap_resamples", settings.BootstrapResamples);
        report.Metric("preferred_c", preferred.C);
        report.Metric("preferred_c_reason", preferenceReason);

        report.Heading("What was done");
        report.Paragraph(
            "The data are the first {0} rows ({1} columns) of the case study's `telecom_churn_data.csv` (Indian prepaid customers, months 6-9 = June-September 2014). " +
            "High-value customers (HVC) are those whose mean recharge amount over the good months 6 and 7 is at least the 70th percentile of that mean " +
            "(threshold **{2} INR**, linear interpolation as pandas): **{3} HVC**. A customer is tagged as churned when month 9 shows no incoming or outgoing call minutes " +
            "and no 2G/3G data: **{4} of the {3} HVC churned ({5})** ({6} of all {0} rows, {7}). {8}",
            N(rawRows), N(rawColumns), F(hvc.Threshold, 1), N(hvcCount), N(hvcChurners), P(hvcChurners / (double)hvcCount), N(allChurners), P(allChurners / (double)rawRows), DataReadmeCheck(r));
        report.Paragraph(
            "After tagging, every month-9 column was dropped (it defines the label and would leak it). The model uses every numeric column of months 6-8 and the month-less ones " +
            "(tenure `aon`, ...) except ids and constants, plus seven 'change' features, month 8 minus the mean of months 6 and 7, for revenue, call minutes, recharges and data volume: " +
            "**{0} feature columns**. **Leakage check: ran and passed** (`LeakageCheck` found {1} features from month 9). " +
            "{2} Blanks were filled as the data README describes (no calls / no data recharge = 0), the rest with the training-fold median. " +
            "Every feature is standardised and an L2-penalised logistic regression is fitted (`ChurnTrainer`, Newton solver); cross-validation refits the whole chain " +
            "(median, scaling, model) inside every fold.",
            N(featureCount), N(month9Features),
            dropped.Count == 0
                ? "No column was nearly collinear (|r| ≥ 0.999) with an earlier one."
                : string.Format(CultureInfo.InvariantCulture, "{0} nearly collinear column(s) (|r| ≥ 0.999 with an earlier column) were dropped before fitting: {1}, leaving **{2} model columns**.",
                    N(dropped.Count), string.Join(", ", dropped.Select(d => "`" + d + "`")), N(modelColumns)));

        report.Heading("Limits: read this before the numbers");
        report.Bullets([
            string.Format(CultureInfo.InvariantCulture, "**Small sample.** {0} customers with {1} churners. With {2} model columns that is {3} churners per column, far below the usual 10-20 events per variable; coefficients are unstable and the AUC is uncertain (see the intervals below).",
                N(hvcCount), N(hvcChurners), N(modelColumns), F(hvcChurners / (double)modelColumns, 2)),
            "**Not a random sample.** These are the file's FIRST " + N(rawRows) + " rows, in file order, not a random draw; nothing here says the full base behaves the same way.",
            "**The full 99,999-row file was not available** (see data/README.md), so full-file churn rates and model quality could not be computed. Public write-ups on the full file report roughly 28k-30k HVC.",
            "The churn tag is the case study's usage-based definition (no use in September), not a recorded disconnection.",
        ]);

        ModelChoiceReport.Write(report, r.Comparison, r.Choice,
            "Its terms follow; the repeated cross-validation, the bootstrap interval and the coefficients after them study the linear model, the default this case study tunes.");
        if (r.Choice.Switched && r.Choice.Chosen.Model is { } chosen) ModelChoiceReport.Terms(report, chosen, r.Choice.Chosen.Spec.Name);

        // Cross-validation.
        report.Heading("Cross-validated AUC of the linear model");
        var first = fits[0].First.CrossValidation!;
        var foldHeader = new List<string> { "fold" };
        foldHeader.AddRange(fits.Select(f => "AUC, C = " + G(f.C)));
        var foldRows = new List<IReadOnlyList<string>>();
        for (var k = 0; k < first.FoldAucs.Count; k++)
        {
            var row = new List<string> { (k + 1).ToString(CultureInfo.InvariantCulture) };
            row.AddRange(fits.Select(f => F(f.First.CrossValidation!.FoldAucs[k], 3)));
            foldRows.Add(row);
        }
        var meanRow = new List<string> { "mean ± SD over folds" };
        meanRow.AddRange(fits.Select(f => F(f.First.CrossValidation!.Mean, 3) + " ± " + F(f.First.CrossValidation!.StandardDeviation, 3)));
        foldRows.Add(meanRow);
        report.Paragraph(
            "Stratified {0}-fold cross-validation with fold seed {1} (each fold has about {2} churners in its test part, so one customer more or less moves a fold's AUC noticeably):",
            settings.Folds, seed, F(hvcChurners / (double)settings.Folds, 0));
        report.Table(foldHeader, foldRows);

        report.Paragraph(
            "How sure are we? Two views of the uncertainty. (1) Repeating the whole {0}-fold cross-validation with {1} different fold seeds ({2}..{3}) shows how much the estimate depends on the luck of the split. " +
            "(2) A stratified bootstrap ({4} resamples) of the out-of-fold predictions of the first repeat gives a 95% interval for the AUC of this model on customers like these {5}. " +
            "Neither covers the uncertainty from these being the first {6} rows rather than a random sample.",
            settings.Folds, N(settings.Repeats), seed, seed + settings.Repeats - 1, N(settings.BootstrapResamples), N(hvcCount), N(rawRows));
        report.Table(["C", "mean CV AUC (seed " + seed.ToString(CultureInfo.InvariantCulture) + ")", "pooled out-of-fold AUC", "bootstrap 95% CI", "repeated CV: mean AUC", "SD of repeat means", "min-max of repeat means"],
            fits.Select(f => (IReadOnlyList<string>)[
                G(f.C), F(f.First.CrossValidation!.Mean, 3), F(f.PooledAuc, 3), F(f.Bootstrap.Lower, 3) + "-" + F(f.Bootstrap.Upper, 3),
                F(f.RepeatedMean, 3), F(f.RepeatedSd, 3), F(f.RepeatMeans.Min(), 3) + "-" + F(f.RepeatMeans.Max(), 3)]));
        report.Metric("cross_validation", fits.Select(f => new
        {
            c = f.C,
            fold_aucs = f.First.CrossValidation!.FoldAucs,
            mean = f.First.CrossValidation!.Mean,
            sd = f.First.CrossValidation!.StandardDeviation,
            pooled_out_of_fold_auc = f.PooledAuc,
            bootstrap_ci95 = new[] { f.Bootstrap.Lower, f.Bootstrap.Upper },
            repeat_means = f.RepeatMeans,
            repeated_mean = f.RepeatedMean,
            repeated_sd = f.RepeatedSd,
            repeated_min = f.RepeatMeans.Min(),
            repeated_max = f.RepeatMeans.Max(),
            train_auc = f.First.Model.Metrics["train_auc"],
        }).ToList());

        report.Paragraph(
            "**Preferred: C = {0}**, because {1}. With {2} columns and only {3} churners a strong penalty is the prudent default anyway. " +
            "Choosing C on the same cross-validation makes the winner's AUC slightly optimistic; with {8} candidates the bias is small next to the intervals above. " +
            "For a business reader: an AUC of about {4} means that for a random churner and a random non-churner among the HVC, the model ranks the churner as riskier about {5} of the time " +
            "(0.5 = coin toss, 1.0 = perfect), but the interval says the true figure could be anywhere from about {6} to {7}.",
            G(preferred.C), preferenceReason, N(modelColumns), N(hvcChurners), F(preferred.RepeatedMean, 2), P(preferred.RepeatedMean, 0),
            F(preferred.Bootstrap.Lower, 2), F(preferred.Bootstrap.Upper, 2), Word(fits.Count));
        report.Paragraph(
            "The training-set AUC of the final C = {0} model is {1}: far above the cross-validated figure, a reminder that with this many features the model can fit the {2} customers it has seen almost perfectly.",
            G(preferred.C), F(preferred.First.Model.Metrics["train_auc"], 3), N(hvcCount));

        report.Figure("roc_curve.png", "ROC curves from out-of-fold predictions (first repeat), one per C; the diagonal is a random ranking.",
            path => Figures.Roc(path, new FigureText(
                    string.Format(CultureInfo.InvariantCulture, "ROC curve, out-of-fold predictions ({0} HVC, {1} churners)", N(hvcCount), N(hvcChurners)),
                    "False positive rate (share of non-churners flagged)", "True positive rate (share of churners caught)"),
                fits.Select(f => new Curve(string.Format(CultureInfo.InvariantCulture, "C = {0} (AUC {1:F3})", G(f.C), f.PooledAuc),
                    f.Roc.FalsePositiveRates, f.Roc.TruePositiveRates)).ToArray()));

        // Coefficients.
        report.Heading("What drives the prediction (coefficients)");
        var top = model.Coefficients.Skip(1).OrderByDescending(c => Math.Abs(c.Coefficient)).ThenBy(c => c.Name, StringComparer.Ordinal).Take(settings.TopCoefficients).ToList();
        var others = fits.Where(f => f != preferred).ToList();
        report.Paragraph(
            "The {0} largest coefficients (by absolute value) of the final C = {1} model fitted on all {2} HVC. Coefficients are per standard deviation of the feature, so they can be compared " +
            "with each other; the odds ratio exp(coefficient) is the multiplication of the churn odds when the feature rises by one SD, all else equal. " +
            "**No standard errors or p-values are given:** the L2 penalty pulls every coefficient towards 0, so the estimates are biased and the usual Hessian-based standard errors would not give " +
            "intervals with the stated coverage; with {3} columns and {4} churners an unpenalised fit would not even be stable enough to compute them. Read the table as a ranking of associations " +
            "in these {2} customers, not as causal effects, and expect the order to change with a different sample.",
            top.Count, G(preferred.C), N(hvcCount), N(modelColumns), N(hvcChurners));
        var header = new List<string> { "feature", "meaning", "coef per SD (C = " + G(preferred.C) + ")", "odds ratio per SD" };
        header.AddRange(others.Select(o => "coef per SD (C = " + G(o.C) + ")"));
        report.Table(header, top.Select(t =>
        {
            var row = new List<string> { "`" + t.Name + "`", FeatureLabels.Describe(t.Name), F(t.Coefficient, 3), F(t.OddsRatio, 3) };
            row.AddRange(others.Select(o => F(o.First.Model.Coefficients.First(x => x.Name == t.Name).Coefficient, 3)));
            return (IReadOnlyList<string>)row;
        }));
        report.Metric("top_coefficients", top.Select(t => new
        {
            feature = t.Name,
            coefficient_per_sd = t.Coefficient,
            odds_ratio_per_sd = t.OddsRatio,
            other_c = others.Select(o => new { c = o.C, coefficient_per_sd = o.First.Model.Coefficients.First(x => x.Name == t.Name).Coefficient }).ToList(),
        }).ToList());
        report.Metric("intercept", model.Coefficients[0].Coefficient);
        report.Figure("top_coefficients.png", string.Format(CultureInfo.InvariantCulture,
                "The {0} largest coefficients of the C = {1} model (per SD of the feature): red raises churn odds, blue lowers them.", top.Count, G(preferred.C)),
            path => Figures.CoefficientBars(path, new FigureText(
                    string.Format(CultureInfo.InvariantCulture, "Top {0} coefficients, L2 logistic regression (C = {1})", top.Count, G(preferred.C)),
                    "Coefficient per SD of the feature (log-odds of churn)", "Feature (suffix _6/_7/_8 = June/July/August)"),
                top.Select(c => new NamedValue(c.Name, c.Coefficient)).ToArray(), "raises churn odds", "lowers churn odds"));

        // Missingness.
        report.Heading("Missing values in the raw rows");
        var monthsSeen = new int?[] { 6, 7, 8, 9, null };
        var groups = missingness.Groups.Select(g => g.Group).Distinct().OrderBy(g => g).ToList();
        report.Paragraph(
            "Before any cleaning, {0} of the {1} cells of the {2} raw rows are blank ({3}); {4} of {5} columns have at least one blank and {6} are more than 30% blank. " +
            "Share of blank cells per column group and month:",
            N((int)missingness.MissingCells), N((int)missingness.Cells), N(rawRows), P(missingness.OverallFraction), N(missingness.ColumnsWithMissing), N(rawColumns),
            N(missingness.ColumnsAbove(0.3).Count));
        report.Table(["column group", "columns a month", "June (6)", "July (7)", "August (8)", "September (9)", "no month"],
            groups.Select(g =>
            {
                var row = new List<string> { GroupLabel(g), N(missingness.Groups.Where(x => x.Group == g).Max(x => x.Columns)) };
                row.AddRange(monthsSeen.Select(m => missingness.Group(g, m) is { } entry ? P(entry.Fraction) : "-"));
                return (IReadOnlyList<string>)row;
            }));
        report.Metric("missingness", new
        {
            rows = missingness.Rows,
            cells = missingness.Cells,
            missing_cells = missingness.MissingCells,
            overall_fraction = missingness.OverallFraction,
            columns_with_missing = missingness.ColumnsWithMissing,
            columns_above_30_percent = missingness.ColumnsAbove(0.3).Count,
            groups = missingness.Groups.Select(g => new { group = g.Group.ToString(), month = g.Month, columns = g.Columns, missing_cells = g.MissingCells, cells = g.Cells, fraction = g.Fraction }).ToList(),
        });
        var filledCalls = cleaning.CallMinutes.Sum(c => c.FilledCells);
        var filledData = cleaning.DataRecharges.Sum(c => c.FilledCells);
        var unfilled = cleaning.CallMinutes.Sum(c => c.BlankWithNonZeroTotalRows.Count);
        report.Metric("cleaning", new { call_minute_cells_filled = filledCalls, data_recharge_cells_filled = filledData, call_minute_rows_left_missing = unfilled });
        report.Paragraph(
            "The data-recharge block is about three-quarters blank because a blank there means 'no data recharge that month'; the cleaner fills it with 0 ({0} cells over the four months). " +
            "Call-minute components are blank for the same customers within a month, whose total minutes are 0; they become 0 ({1} cells). {2} customer-months with blank components but " +
            "non-zero totals were left missing for the median imputer.", N(filledData), N(filledCalls), N(unfilled));
        report.Figure("missingness.png", "Share of blank cells in the raw rows by column group and month (before cleaning).",
            path => Figures.GroupedBars(path, new FigureText("Blank cells in the raw rows by column group and month", "Column group", "Blank cells (% of the group's cells)"),
                groups.Select(GroupLabel).ToArray(),
                Months.Select(m => new BarSeries(m.Label, groups.Select(g => missingness.Group(g, m.Month)?.Fraction * 100).ToArray())).ToArray(), 0, 100));
    }

    private static string DataReadmeCheck(CaseStudyResult r) => string.Format(CultureInfo.InvariantCulture,
        "These {0} the figures in the data README ({1}, {2}, {3}, {4}).",
        F(r.Hvc.Threshold, 1) == F(ReadmeThreshold, 1) && r.HvcCount == ReadmeHvc && r.HvcChurners == ReadmeHvcChurners && r.AllChurners == ReadmeChurners
            ? "match" : "differ from",
        F(ReadmeThreshold, 1), ReadmeHvc, ReadmeHvcChurners, ReadmeChurners);

    private static string Reason(PenaltyPreference p) => p.Case switch
    {
        PreferenceCase.OnlyCandidate => "it is the only candidate",
        PreferenceCase.StrongestAndBestWithinNoise => string.Format(CultureInfo.InvariantCulture,
            "it is the most strongly penalised model and has the highest mean AUC over the repeated cross-validation, although only by {0} over C = {1}, less than the spread of the repeat means ({2}): the two are about equally accurate, and at equal accuracy the stronger penalty wins because it shrinks the many noisy coefficients harder",
            F(p.Gap, 3), G(p.Other!.C), F(p.Spread, 3)),
        PreferenceCase.StrongestAndBestBeyondNoise => string.Format(CultureInfo.InvariantCulture,
            "it is the most strongly penalised model and has the highest mean AUC over the repeated cross-validation, by {0} over C = {1}, more than the spread of the repeat means ({2})",
            F(p.Gap, 3), G(p.Other!.C), F(p.Spread, 3)),
        PreferenceCase.StrongestWithinNoise => string.Format(CultureInfo.InvariantCulture,
            "C = {0} scores {1} AUC higher on average, but that is less than the spread of the repeat means ({2}); at equal accuracy the stronger penalty is preferred because it shrinks the many noisy coefficients harder",
            G(p.Other!.C), F(p.Gap, 3), F(p.Spread, 3)),
        _ => string.Format(CultureInfo.InvariantCulture,
            "it scores {0} AUC higher on average over the repeated cross-validation than C = {1}, more than the spread of the repeat means ({2})",
            F(p.Gap, 3), G(p.Other!.C), F(p.Spread, 3)),
    };

    private static string G(double c) => c.ToString("G", CultureInfo.InvariantCulture);

    private static string GroupLabel(TelecomColumnGroup group) => group switch
    {
        TelecomColumnGroup.Id => "ids",
        TelecomColumnGroup.NoMonthConstant => "t2o constants",
        TelecomColumnGroup.MonthEndDate => "month-end date",
        TelecomColumnGroup.Arpu => "ARPU",
        TelecomColumnGroup.CallMinuteComponent => "call-minute parts",
        TelecomColumnGroup.CallMinuteTotal => "call-minute totals",
        TelecomColumnGroup.Recharge => "recharges",
        TelecomColumnGroup.RechargeDate => "last recharge date",
        TelecomColumnGroup.DataRecharge => "data recharges",
        TelecomColumnGroup.DataVolume => "data volume",
        TelecomColumnGroup.Packs => "data packs",
        TelecomColumnGroup.Aon => "tenure (aon)",
        TelecomColumnGroup.Vbc => "volume-based cost",
        _ => group.ToString(),
    };
}
