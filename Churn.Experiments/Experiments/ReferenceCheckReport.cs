using Churn.Experiments.Experiments.Reports;
using static Churn.Experiments.Experiments.ReferenceCheckExperiment;
using static Churn.Experiments.Experiments.Reports.ReportBuilder;

namespace Churn.Experiments.Experiments;

/// <summary>Turns a <see cref="ReferenceCheckResult"/> into the reference-check report: prose, comparison tables, metrics.json keys and the figure.</summary>
internal static class ReferenceCheckReport
{
    public static void Write(ReferenceCheckResult r, ReportBuilder report)
    {
        var options = r.KMeansOptions;
        report.Paragraph(
            "Our algorithms are written from scratch, so they are checked against the reference implementations: the Python " +
            "scripts in `notebooks/reference/` (golden_kmeans.py, golden_logreg.py, golden_metrics.py) ran scikit-learn and " +
            "statsmodels once and committed their results as JSON in `notebooks/reference/golden/`. This report reruns our code on the " +
            "same inputs and puts the numbers side by side, with the tolerance the unit tests use (the tests fail the build " +
            "when a row fails). Python is not run here.");
        report.Heading("Reference library versions");
        report.Table(["golden file", "versions recorded by the script"],
            r.Versions.Select(v => (IReadOnlyList<string>)[v.File, string.Join(", ", v.Libraries.Select(l => l.Library + " " + l.Version))]));
        report.Metric("reference_versions", new SortedDictionary<string, SortedDictionary<string, string>>(
            r.Versions.ToDictionary(v => v.File, v => new SortedDictionary<string, string>(v.Libraries.ToDictionary(l => l.Library, l => l.Version), StringComparer.Ordinal)),
            StringComparer.Ordinal));

        report.Heading("KMeans (kmeans_seed_table.json)");
        report.Paragraph(
            "StandardScaler + KMeans(n_clusters = {0}, n_init = {1}, random_state = {2}, algorithm = \"lloyd\") on the {3} " +
            "rows of the seed table (aon, total_mou, total_data_usage), against ours with the same k, starts and seed. Our " +
            "random numbers differ from numpy's, so the starting centres differ and the two runs can end in slightly different " +
            "local optima: the tests therefore require our inertia to be no HIGHER than scikit-learn's (lower is a better " +
            "solution, and allowed) and the labels to agree by adjusted Rand index (label numbers are arbitrary). With the " +
            "default tolerance (1e-4 x mean variance) the centres are settled only to about the square root of that, so their " +
            "difference is shown for information; with tolerance 0 both stop at an exact Lloyd fixed point and the centres must " +
            "agree to 1e-9.", options.NumberOfClusters, options.NInit, options.Seed, N(r.SeedTableRows));
        AddTable(report, r.KMeansRows);
        var (ours, goldenInertia, strictGap) = (r.Inertia, r.ReferenceInertia, r.StrictInertiaGap);
        report.Paragraph(ours <= goldenInertia
            ? string.Format(CultureInfo.InvariantCulture,
                "Our inertia is {0} below scikit-learn's: the same or a slightly better solution.", Sci(goldenInertia - ours))
            : string.Format(CultureInfo.InvariantCulture,
                "Here our inertia is {0} HIGHER than scikit-learn's (relative {1}), inside the 1e-6 allowance: both runs stop on " +
                "the tolerance test a little before the exact fixed point, at slightly different places. At strict convergence " +
                "the two inertias differ by only {2}, so both found the same optimum.",
                Sci(ours - goldenInertia), Sci((ours - goldenInertia) / goldenInertia), Sci(strictGap)));
        report.Metric("kmeans_inertia_ours_minus_reference", ours - goldenInertia);
        report.Metric("kmeans_strict_inertia_abs_difference", strictGap);
        report.Heading("Logistic regression (logreg_bigml.json)");
        report.Paragraph(
            "Data: `data/raw/churn-bigml-80.csv` ({0} customers, {1} churners), the {2} features standardised with the " +
            "population SD (Yes/No as 1/0). Our fits use Newton's method to a tolerance of 1e-8. scikit-learn's lbfgs stops " +
            "early on scipy's relative-decrease test (its largest coefficient is {3} away from the optimum in case a and {4} in " +
            "case b, where the charge columns are minutes x tariff and almost collinear), so coefficients are compared with scikit-learn's own newton-cholesky fit " +
            "of the same objective, and against lbfgs only the objective is compared: ours must be no higher (lower = closer " +
            "to the optimum). Cases d and e are statsmodels' unpenalised Logit with its Wald standard errors, z and p-values; " +
            "in e the collinear charge columns inflate the standard errors, so they are compared relative to their size. " +
            "For a vector the row shows the element with the largest difference.",
            N(r.BigmlRows), N(r.BigmlChurners), r.BigmlFeatures, F(r.LbfgsGapCaseA, 3), F(r.LbfgsGapCaseB, 1));
        report.Metric("sklearn_lbfgs_vs_optimum_case_a", r.LbfgsGapCaseA);
        report.Metric("sklearn_lbfgs_vs_optimum_case_b", r.LbfgsGapCaseB);
        AddTable(report, r.LogisticRows);
        report.Figure("coefficients.png", "Our coefficients vs the reference (cases a, c, d; y = x is perfect agreement)", path => Figures.AgainstReference(path,
            new FigureText("Coefficients: ours vs reference", "reference coefficient (sklearn newton-cholesky / statsmodels)", "our coefficient"),
            r.CoefficientPairs.Select((c, i) => new PointGroup(c.Case + " (" + c.Reference.Length.ToString(CultureInfo.InvariantCulture) + " terms)", c.Reference, c.Ours, i, 1, 9)).ToArray()));
        report.Metric("coefficients_plotted", r.CoefficientPairs.Select(c => new { @case = c.Case, reference = c.Reference, ours = c.Ours }).ToArray());

        report.Heading("Ranking and probability metrics (metrics_cases.json)");
        report.Paragraph(
            "scikit-learn's roc_auc_score, average_precision_score, log_loss and brier_score_loss on {0} cases chosen to be " +
            "awkward: heavy ties (scores rounded to one decimal), every score equal (AUC must be exactly 0.5), integer scores, " +
            "5% positives, probabilities of exactly 0 and 1 (log loss must clip them), and scikit-learn's docstring example. " +
            "These are exact computations, so the tolerance is 1e-12: any difference beyond float rounding is a bug, typically " +
            "in how ties are grouped.", Word(r.MetricCases));
        AddTable(report, r.MetricRows);
        var all = r.KMeansRows.Select(c => ("kmeans", c)).Concat(r.LogisticRows.Select(c => ("logistic", c))).Concat(r.MetricRows.Select(c => ("metrics", c)))
            .Select(t => (Section: t.Item1, Row: t.Item2)).ToList();

        var checkedRows = all.Where(x => x.Row.Pass is not null).ToArray();
        var failed = checkedRows.Where(x => x.Row.Pass == false).Select(x => x.Row.Quantity).ToArray();
        report.Heading("Summary");
        report.Paragraph(
            "{0} of {1} checked rows pass ({2} more shown for information only). {3}",
            checkedRows.Length - failed.Length, checkedRows.Length, all.Count - checkedRows.Length,
            failed.Length == 0
                ? "Our KMeans, logistic regression (penalised, unpenalised, class-weighted, with Wald statistics) and metrics reproduce the reference libraries within the unit tests' tolerances. The visible differences are expected ones: a lower logistic objective than scikit-learn's early-stopped lbfgs, and KMeans results that differ at the level of the stopping tolerance while agreeing to 1e-9 at strict convergence."
                : "Failing: " + string.Join("; ", failed) + ". The unit tests should be failing too; investigate before trusting the other reports.");
        report.Metric("rows_checked", checkedRows.Length);
        report.Metric("rows_passed", checkedRows.Length - failed.Length);
        report.Metric("rows_information_only", all.Count - checkedRows.Length);
        report.Metric("failed", failed);
        report.Metric("comparisons", all.Select(x => new
        {
            section = x.Section,
            quantity = x.Row.Quantity,
            reference = x.Row.Reference,
            ours = x.Row.Ours,
            absolute_difference = x.Row.AbsoluteDifference,
            relative_difference = double.IsNaN(x.Row.RelativeDifference) ? (double?)null : x.Row.RelativeDifference,
            tolerance = x.Row.ToleranceText,
            pass = x.Row.Pass,
        }).ToArray());
    }

    private static void AddTable(ReportBuilder report, IEnumerable<Comparison> rows) =>
        report.Table(["quantity", "reference", "ours", "abs. difference", "rel. difference", "tolerance (unit tests)", "result"],
            rows.Select(c => (IReadOnlyList<string>)[
                c.Quantity, G(c.Reference), G(c.Ours), Difference(c.AbsoluteDifference, c.Reference),
                double.IsNaN(c.RelativeDifference) ? "n/a" : Difference(c.RelativeDifference, 1), c.ToleranceText,
                c.Pass switch { true => "pass", false => "**FAIL**", null => "(info)" }]));

    private static string G(double value) => value.ToString("G10", CultureInfo.InvariantCulture);

    private static string Difference(double difference, double scale) =>
        difference <= NoiseFloor * Math.Max(1, Math.Abs(scale)) ? "< 1E-12" : Sci(difference);
}
