using System.Globalization;
using Churn.Algorithms.Linear;
using Churn.Algorithms.Metrics;
using Churn.Experiments.Data;
using Churn.Experiments.Experiments.Reports;
using Churn.Experiments.Modeling;
using MathNet.Numerics.LinearAlgebra;
using ScottPlot;
using static Churn.Experiments.Experiments.Reports.ReportBuilder;

namespace Churn.Experiments.Experiments;

/// <summary>
/// The standard "Telecom Churn Case Study" definition on the 1,000 shipped raw rows:
/// <see cref="TelecomCleaner"/> -> <see cref="HighValueFilter"/> (mean recharge of months 6/7 at or above
/// its 70th percentile) -> <see cref="ChurnTagging"/> (no calls and no data in month 9) -> month 9 dropped ->
/// <see cref="CaseStudyFeatures"/> (months 6-8 plus month-8 change features) -> <see cref="LeakageCheck"/> ->
/// L2 logistic regression on standardised features (<see cref="ChurnTrainer"/>), scored by stratified
/// 5-fold cross-validated AUC for each C in <see cref="PenaltyStrengths"/>, repeated over
/// <see cref="Repeats"/> fold seeds (seed, seed+1, ...), with a stratified bootstrap interval
/// (<see cref="BootstrapAuc"/>) on the out-of-fold predictions of the first repeat.
/// </summary>
public sealed class CaseStudyExperiment : IExperiment
{
    public const string DataFile = "telecom_churn_data_head1000.csv";

    public string Name => "case-study";

    public string Title => "Case study: high-value customer churn (month-9 definition) on the first 1,000 raw rows";

    /// <summary>Inverse L2 strengths compared (scikit-learn's C); the first is the brief's default C = 1.</summary>
    public IReadOnlyList<double> PenaltyStrengths { get; init; } = [1.0, 0.1];

    /// <summary>Repetitions of 5-fold CV with fold seeds seed, seed+1, ...; the first gives the per-fold table and curves.</summary>
    public int Repeats { get; init; } = 20;

    public int Folds { get; init; } = 5;

    public int BootstrapResamples { get; init; } = 2000;

    /// <summary>Rows of the coefficient table and chart.</summary>
    public int TopCoefficients { get; init; } = 15;

    public void Run(ExperimentContext context, ReportBuilder report)
    {
        Algorithms.Guard.AtLeast(Repeats, 1, nameof(Repeats));
        Algorithms.Guard.AtLeast(Folds, 2, nameof(Folds));
        Algorithms.Guard.AtLeast(BootstrapResamples, 1, nameof(BootstrapResamples));
        if (PenaltyStrengths.Count == 0) throw new ArgumentOutOfRangeException(nameof(PenaltyStrengths), "PenaltyStrengths needs at least one C.");

        var path = report.UsesData(context.Raw(DataFile), context.RepositoryRoot);
        context.Progress.Report("reading " + DataFile);
        var raw = CsvTableReader.Read(path);
        var missingness = MissingnessReport.Compute(raw);
        var cleaning = TelecomCleaner.Clean(raw);
        var allChurn = ChurnTagging.Tag(cleaning.Table);
        var hvc = HighValueFilter.Apply(cleaning.Table);
        var (tagged, churn) = ChurnTagging.TagAndDrop(hvc.Table);
        var features = CaseStudyFeatures.Build(tagged);
        // Run explicitly (Build also runs it) so the report can say that the final feature list was checked.
        LeakageCheck.EnsureNoColumnsFromMonth(features.Features.ColumnNames, TelecomSchema.ChurnMonth);
        var month9Features = features.Features.ColumnNames.Count(n => TelecomSchema.MonthOf(n) == TelecomSchema.ChurnMonth);

        var labels = Vector<double>.Build.DenseOfArray(churn);
        var hvcChurners = (int)labels.Sum();
        var data = new TrainingData(features.Features, features.Features.ColumnNames, [], labels, "churn", "1",
            path, Provenance.Sha256(path), [], [TelecomSchema.IdColumn]);

        var fits = new List<PenaltyFit>();
        foreach (var c in PenaltyStrengths)
        {
            var repeats = new List<TrainingResult>();
            for (var r = 0; r < Repeats; r++)
            {
                context.Progress.Report(string.Format(CultureInfo.InvariantCulture, "C={0}: cross-validation repeat {1}/{2}", c, r + 1, Repeats));
                repeats.Add(ChurnTrainer.Train(data, new ChurnTrainingOptions
                {
                    C = c,
                    Penalty = Penalty.L2,
                    CrossValidationFolds = Folds,
                    Seed = context.Seed + r,
                }, Provenance.CodeVersion));
            }
            var first = repeats[0];
            var oof = Vector<double>.Build.DenseOfEnumerable(first.CrossValidation!.OutOfFoldProbabilities);
            var ci = BootstrapAuc.ConfidenceInterval(labels, oof, BootstrapResamples, 0.95, context.Seed);
            fits.Add(new PenaltyFit(c, first, repeats.Select(t => t.CrossValidation!.Mean).ToArray(), oof, RocAuc.Compute(labels, oof), ci));
        }

        var preferred = ChoosePreferred(fits, out var preferenceReason);
        WriteReport(report, raw.RowCount, raw.ColumnCount, missingness, cleaning, allChurn, hvc, hvcChurners, features, month9Features, fits, preferred, preferenceReason, labels, context.Seed);
    }

    /// <summary>Results for one C: the first repeat (folds, out-of-fold predictions, final model) and the repeat means.</summary>
    private sealed record PenaltyFit(double C, TrainingResult First, double[] RepeatMeans, Vector<double> OutOfFold, double PooledAuc, (double Lower, double Upper) Bootstrap)
    {
        public double RepeatedMean => RepeatMeans.Average();

        public double RepeatedSd => RepeatMeans.Length < 2 ? 0 : Math.Sqrt(RepeatMeans.Sum(a => (a - RepeatedMean) * (a - RepeatedMean)) / (RepeatMeans.Length - 1));
    }

    /// <summary>
    /// Higher mean AUC over the repeated CV wins; when the two are closer than the SD of the repeat means,
    /// the strongest penalty (smallest C) wins: with far more features than churners it is the more stable model.
    /// </summary>
    private static PenaltyFit ChoosePreferred(List<PenaltyFit> fits, out string reason)
    {
        var best = fits.OrderByDescending(f => f.RepeatedMean).First();
        var strongest = fits.OrderBy(f => f.C).First();
        if (best == strongest)
        {
            var runnerUp = fits.Where(f => f != best).OrderByDescending(f => f.RepeatedMean).FirstOrDefault();
            if (runnerUp is null)
            {
                reason = "it is the only candidate";
                return best;
            }
            var lead = best.RepeatedMean - runnerUp.RepeatedMean;
            var spread = Math.Max(best.RepeatedSd, runnerUp.RepeatedSd);
            reason = lead < spread
                ? string.Format(CultureInfo.InvariantCulture,
                    "it is the most strongly penalised model and has the highest mean AUC over the repeated cross-validation, although only by {0} over C = {1}, less than the spread of the repeat means ({2}): the two are about equally accurate, and at equal accuracy the stronger penalty wins because it shrinks the many noisy coefficients harder",
                    F(lead, 3), G(runnerUp.C), F(spread, 3))
                : string.Format(CultureInfo.InvariantCulture,
                    "it is the most strongly penalised model and has the highest mean AUC over the repeated cross-validation, by {0} over C = {1}, more than the spread of the repeat means ({2})",
                    F(lead, 3), G(runnerUp.C), F(spread, 3));
            return best;
        }
        var gap = best.RepeatedMean - strongest.RepeatedMean;
        var noise = Math.Max(best.RepeatedSd, strongest.RepeatedSd);
        if (gap < noise)
        {
            reason = string.Format(CultureInfo.InvariantCulture,
                "C = {0} scores {1} AUC higher on average, but that is less than the spread of the repeat means ({2}); at equal accuracy the stronger penalty is preferred because it shrinks the many noisy coefficients harder",
                G(best.C), F(gap, 3), F(noise, 3));
            return strongest;
        }
        reason = string.Format(CultureInfo.InvariantCulture,
            "it scores {0} AUC higher on average over the repeated cross-validation than C = {1}, more than the spread of the repeat means ({2})",
            F(gap, 3), G(strongest.C), F(noise, 3));
        return best;
    }

    private void WriteReport(ReportBuilder report, int rawRows, int rawColumns, MissingnessReport missingness, TelecomCleaningResult cleaning,
        double[] allChurn, HighValueResult hvc, int hvcChurners, CaseStudyFeatureSet features, int month9Features,
        List<PenaltyFit> fits, PenaltyFit preferred, string preferenceReason, Vector<double> labels, int seed)
    {
        var hvcCount = hvc.Rows.Length;
        var allChurners = (int)allChurn.Sum();
        var model = preferred.First.Model;
        var featureCount = features.Features.ColumnCount;
        var modelColumns = model.ColumnNames.Count;
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
        report.Metric("folds", Folds);
        report.Metric("repeats", Repeats);
        report.Metric("bootstrap_resamples", BootstrapResamples);
        report.Metric("preferred_c", preferred.C);
        report.Metric("preferred_c_reason", preferenceReason);

        report.Heading("What was done");
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "The data are the first {0} rows ({1} columns) of the case study's `telecom_churn_data.csv` (Indian prepaid customers, months 6-9 = June-September 2014). " +
            "High-value customers (HVC) are those whose mean recharge amount over the good months 6 and 7 is at least the 70th percentile of that mean " +
            "(threshold **{2} INR**, linear interpolation as pandas): **{3} HVC**. A customer is tagged as churned when month 9 shows no incoming or outgoing call minutes " +
            "and no 2G/3G data: **{4} of the {3} HVC churned ({5})** ({6} of all {0} rows, {7}). These match the figures in the data README (366.6, 300, 31, 110).",
            N(rawRows), N(rawColumns), F(hvc.Threshold, 1), N(hvcCount), N(hvcChurners), P(hvcChurners / (double)hvcCount), N(allChurners), P(allChurners / (double)rawRows)));
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
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
                    N(dropped.Count), string.Join(", ", dropped.Select(d => "`" + d + "`")), N(modelColumns))));

        report.Heading("Limits: read this before the numbers");
        report.Bullets([
            string.Format(CultureInfo.InvariantCulture, "**Small sample.** {0} customers with {1} churners. With {2} model columns that is {3} churners per column, far below the usual 10-20 events per variable; coefficients are unstable and the AUC is uncertain (see the intervals below).",
                N(hvcCount), N(hvcChurners), N(modelColumns), F(hvcChurners / (double)modelColumns, 2)),
            "**Not a random sample.** These are the file's FIRST 1,000 rows, in file order, not a random draw; nothing here says the full base behaves the same way.",
            "**The full 99,999-row file was not available** (see data/README.md), so full-file churn rates and model quality could not be computed. Public write-ups on the full file report roughly 28k-30k HVC.",
            "The churn tag is the case study's usage-based definition (no use in September), not a recorded disconnection.",
        ]);

        // Cross-validation.
        report.Heading("Cross-validated AUC");
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
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "Stratified {0}-fold cross-validation with fold seed {1} (each fold has about {2} churners in its test part, so one customer more or less moves a fold's AUC noticeably):",
            Folds, seed, F(hvcChurners / (double)Folds, 0)));
        report.Table(foldHeader, foldRows);

        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "How sure are we? Two views of the uncertainty. (1) Repeating the whole {0}-fold cross-validation with {1} different fold seeds ({2}..{3}) shows how much the estimate depends on the luck of the split. " +
            "(2) A stratified bootstrap ({4} resamples) of the out-of-fold predictions of the first repeat gives a 95% interval for the AUC of this model on customers like these 300. " +
            "Neither covers the uncertainty from these being the first 1,000 rows rather than a random sample.",
            Folds, N(Repeats), seed, seed + Repeats - 1, N(BootstrapResamples)));
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

        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "**Preferred: C = {0}**, because {1}. With {2} columns and only {3} churners a strong penalty is the prudent default anyway. " +
            "Choosing C on the same cross-validation makes the winner's AUC slightly optimistic; with two candidates the bias is small next to the intervals above. " +
            "For a business reader: an AUC of about {4} means that for a random churner and a random non-churner among the HVC, the model ranks the churner as riskier about {5} of the time " +
            "(0.5 = coin toss, 1.0 = perfect), but the interval says the true figure could be anywhere from about {6} to {7}.",
            G(preferred.C), preferenceReason, N(modelColumns), N(hvcChurners), F(preferred.RepeatedMean, 2), P(preferred.RepeatedMean, 0),
            F(preferred.Bootstrap.Lower, 2), F(preferred.Bootstrap.Upper, 2)));
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "The training-set AUC of the final C = {0} model is {1}: far above the cross-validated figure, a reminder that with this many features the model can fit the 300 customers it has seen almost perfectly.",
            G(preferred.C), F(preferred.First.Model.Metrics["train_auc"], 3)));

        report.Figure("roc_curve.png", "ROC curves from out-of-fold predictions (first repeat), one per C; the diagonal is a random ranking.",
            Plots.Saver(RocPlot(labels, fits)));

        // Coefficients.
        report.Heading("What drives the prediction (coefficients)");
        var top = model.Coefficients.Skip(1).OrderByDescending(r => Math.Abs(r.Coefficient)).ThenBy(r => r.Name, StringComparer.Ordinal).Take(TopCoefficients).ToList();
        var others = fits.Where(f => f != preferred).ToList();
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "The {0} largest coefficients (by absolute value) of the final C = {1} model fitted on all {2} HVC. Coefficients are per standard deviation of the feature, so they can be compared " +
            "with each other; the odds ratio exp(coefficient) is the multiplication of the churn odds when the feature rises by one SD, all else equal. " +
            "**No standard errors or p-values are given:** the L2 penalty pulls every coefficient towards 0, so the estimates are biased and the usual Hessian-based standard errors would not give " +
            "intervals with the stated coverage; with {3} columns and {4} churners an unpenalised fit would not even be stable enough to compute them. Read the table as a ranking of associations " +
            "in these 300 customers, not as causal effects, and expect the order to change with a different sample.",
            top.Count, G(preferred.C), N(hvcCount), N(modelColumns), N(hvcChurners)));
        var header = new List<string> { "feature", "meaning", "coef per SD (C = " + G(preferred.C) + ")", "odds ratio per SD" };
        header.AddRange(others.Select(o => "coef per SD (C = " + G(o.C) + ")"));
        report.Table(header, top.Select(r =>
        {
            var row = new List<string> { "`" + r.Name + "`", FeatureLabels.Describe(r.Name), F(r.Coefficient, 3), F(r.OddsRatio, 3) };
            row.AddRange(others.Select(o => F(o.First.Model.Coefficients.First(x => x.Name == r.Name).Coefficient, 3)));
            return (IReadOnlyList<string>)row;
        }));
        report.Metric("top_coefficients", top.Select(r => new
        {
            feature = r.Name,
            coefficient_per_sd = r.Coefficient,
            odds_ratio_per_sd = r.OddsRatio,
            other_c = others.Select(o => new { c = o.C, coefficient_per_sd = o.First.Model.Coefficients.First(x => x.Name == r.Name).Coefficient }).ToList(),
        }).ToList());
        report.Metric("intercept", model.Coefficients[0].Coefficient);
        report.Figure("top_coefficients.png", string.Format(CultureInfo.InvariantCulture,
                "The {0} largest coefficients of the C = {1} model (per SD of the feature): red raises churn odds, blue lowers them.", top.Count, G(preferred.C)),
            Plots.Saver(CoefficientPlot(top, preferred.C), Plots.Width, Plots.Height + 100));

        // Missingness.
        report.Heading("Missing values in the raw rows");
        var monthsSeen = new int?[] { 6, 7, 8, 9, null };
        var groups = missingness.Groups.Select(g => g.Group).Distinct().OrderBy(g => g).ToList();
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "Before any cleaning, {0} of the {1} cells of the {2} raw rows are blank ({3}); {4} of {5} columns have at least one blank and {6} are more than 30% blank. " +
            "Share of blank cells per column group and month:",
            N((int)missingness.MissingCells), N((int)missingness.Cells), N(rawRows), P(missingness.OverallFraction), N(missingness.ColumnsWithMissing), N(rawColumns),
            N(missingness.ColumnsAbove(0.3).Count)));
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
        report.Paragraph(string.Format(CultureInfo.InvariantCulture,
            "The data-recharge block is about three-quarters blank because a blank there means 'no data recharge that month'; the cleaner fills it with 0 ({0} cells over the four months). " +
            "Call-minute components are blank for the same customers within a month, whose total minutes are 0; they become 0 ({1} cells). {2} customer-months with blank components but " +
            "non-zero totals were left missing for the median imputer.", N(filledData), N(filledCalls), N(unfilled)));
        report.Figure("missingness.png", "Share of blank cells in the raw rows by column group and month (before cleaning).",
            Plots.Saver(MissingnessPlot(missingness, groups), Plots.Width, Plots.Height + 100));
    }

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

    private static Plot RocPlot(Vector<double> labels, List<PenaltyFit> fits)
    {
        var plot = Plots.Create("ROC curve, out-of-fold predictions (300 HVC, 31 churners)", "False positive rate (share of non-churners flagged)", "True positive rate (share of churners caught)");
        var diagonal = plot.Add.Scatter(new[] { 0.0, 1.0 }, new[] { 0.0, 1.0 });
        diagonal.LegendText = "random ranking (AUC 0.5)";
        diagonal.Color = Colors.Gray;
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.MarkerSize = 0;
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < fits.Count; i++)
        {
            var curve = RocCurve.Compute(labels, fits[i].OutOfFold);
            var line = plot.Add.Scatter(curve.FalsePositiveRates.ToArray(), curve.TruePositiveRates.ToArray());
            line.LegendText = string.Format(CultureInfo.InvariantCulture, "C = {0} (AUC {1:F3})", G(fits[i].C), fits[i].PooledAuc);
            line.Color = palette.GetColor(i);
            line.LineWidth = 2;
            line.MarkerSize = 0;
        }
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    private static Plot CoefficientPlot(IReadOnlyList<CoefficientRow> top, double c)
    {
        var plot = Plots.Create(string.Format(CultureInfo.InvariantCulture, "Top {0} coefficients, L2 logistic regression (C = {1})", top.Count, G(c)),
            "Coefficient per SD of the feature (log-odds of churn)", "Feature (suffix _6/_7/_8 = June/July/August)");
        var bars = new List<Bar>();
        var positions = new double[top.Count];
        var names = new string[top.Count];
        for (var i = 0; i < top.Count; i++)
        {
            // Largest at the top: position counts down.
            positions[i] = top.Count - 1 - i;
            names[i] = top[i].Name;
            bars.Add(new Bar
            {
                Position = positions[i],
                Value = top[i].Coefficient,
                FillColor = top[i].Coefficient >= 0 ? Colors.FireBrick : Colors.SteelBlue,
                Size = 0.7,
            });
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, names);
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Add.VerticalLine(0, 1, Colors.Black);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "raises churn odds", FillColor = Colors.FireBrick });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "lowers churn odds", FillColor = Colors.SteelBlue });
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    private static Plot MissingnessPlot(MissingnessReport missingness, IReadOnlyList<TelecomColumnGroup> groups)
    {
        var plot = Plots.Create("Blank cells in the raw rows by column group and month", "", "Blank cells (% of the group's cells)");
        plot.XLabel("Column group");
        var months = new (int? Month, string Label)[] { (6, "June (6)"), (7, "July (7)"), (8, "August (8)"), (9, "September (9)"), (null, "no month") };
        var palette = new ScottPlot.Palettes.Category10();
        var width = 1.0 / (months.Length + 1);
        var bars = new List<Bar>();
        for (var m = 0; m < months.Length; m++)
        {
            var color = palette.GetColor(m);
            for (var g = 0; g < groups.Count; g++)
                if (missingness.Group(groups[g], months[m].Month) is { } entry)
                    bars.Add(new Bar { Position = g + (m - (months.Length - 1) / 2.0) * width, Value = entry.Fraction * 100, FillColor = color, Size = width, LineWidth = 0 });
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = months[m].Label, FillColor = color });
        }
        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, groups.Count).Select(g => (double)g).ToArray(), groups.Select(GroupLabel).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = -40;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        // Rotated labels need room below the axis or they are clipped.
        plot.Axes.Bottom.MinimumSize = 150;
        plot.Axes.SetLimits(-0.6, groups.Count - 0.4, 0, 100);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
