using Churn.Algorithms.Additive;
using Churn.Experiments.Experiments.Reports;
using static Churn.Experiments.Experiments.Reports.ReportBuilder;

namespace Churn.Experiments.Experiments;

/// <summary>
/// The part of a report that says which model kind it uses (<see cref="ReportModelChoice"/>) and why, from the
/// models experiment's comparison, and, for an additive choice, its terms: importances, shapes, pair heatmaps.
/// </summary>
internal static class ModelChoiceReport
{
    /// <summary>The chosen additive model's 4 most important one-feature shapes and 2 strongest pairs.</summary>
    private static readonly TermFigures TermPlots = new(Shapes: 4, Pairs: 2);

    /// <summary>Rows of the term table.</summary>
    public const int TermRows = 12;

    /// <summary>The comparison table and the choice in words; <c>use</c> says what the report does with a kind other than linear ({0} = its name).</summary>
    public static void Write(ReportBuilder report, DatasetComparison c, ReportModelChoice choice, string use)
    {
        report.Heading("Which model this report uses");
        report.Paragraph(
            "Every `churn train --model` kind, cross-validated by the models experiment (`reports/models/`, `./churn experiment models`) on the same " +
            "{0}-fold stratified outer folds (seed {1}), each kind refitting its whole selection inside every fold. \"vs linear\" is the mean fold-wise AUC " +
            "difference from the linear model ± its standard error (SD of the differences / √{0}). The rule: leave the linear model (the default) only for " +
            "a kind whose improvement exceeds one standard error, and among those take the highest CV AUC.", c.Folds, report.Seed);
        ModelsReport.KindsTable(report, c);
        report.Paragraph(Why(choice, use));
        report.Metric("model_choice", new
        {
            rule = "highest CV AUC among kinds whose mean paired fold AUC improvement over linear exceeds one standard error; else linear",
            chosen = choice.Chosen.Spec.Name,
            flags = choice.Chosen.Spec.Flags,
            switched = choice.Switched,
            challenger = choice.Challenger?.Spec.Name,
            improvement_over_linear = choice.Improvement,
            standard_error = choice.StandardError,
            kinds = c.Kinds.Select(k => new { kind = k.Spec.Name, cv_auc_mean = k.CvAucMean, cv_auc_sd = k.CvAucSd, fold_aucs = k.FoldAucs }).ToArray(),
        });
    }

    /// <summary>Why the report uses what it uses, every number formatted from the choice.</summary>
    public static string Why(ReportModelChoice choice, string use)
    {
        var (linear, chosen) = (choice.Linear, choice.Chosen);
        if (choice.Switched)
            return string.Format(CultureInfo.InvariantCulture,
                "This report uses **{0}** (`{1}`): its CV AUC {2} is above the linear model's {3} by {4} ± {5} over the same folds, more than one standard error, " +
                "and it has the highest CV AUC of the kinds that clear that bar. ",
                chosen.Spec.Name, chosen.Spec.Flags, F(chosen.CvAucMean, 3), F(linear.CvAucMean, 3), F(choice.Improvement, 3), F(choice.StandardError, 3))
                + string.Format(CultureInfo.InvariantCulture, use, chosen.Spec.Name);
        if (choice.Challenger is not { } other)
            return "This report uses the **linear** model: no other kind was compared.";
        var identical = other.FoldAucs.SequenceEqual(linear.FoldAucs);
        return string.Concat(string.Format(CultureInfo.InvariantCulture,
            "This report keeps the **linear** model (`{0}`, the default): no other kind ranks customers better beyond noise. The best other kind, {1} " +
            "(CV AUC {2} against {3}), differs from it by {4} ± {5} over the same folds, {6}.",
            linear.Spec.Flags, other.Spec.Name, F(other.CvAucMean, 3), F(linear.CvAucMean, 3), ModelsReport.Signed(choice.Improvement), F(choice.StandardError, 3),
            identical ? "identical on every fold" : "not more than one standard error"), LinearFallbacks(choice));
    }

    /// <summary>Additive kinds that score exactly as linear on every fold because their numeric features stayed linear terms.</summary>
    private static string LinearFallbacks(ReportModelChoice choice) => string.Concat(choice.Others
        .Where(k => k.FoldAucs.SequenceEqual(choice.Linear.FoldAucs) && k.Model?.Basis is { } basis && basis.Terms.Any(t => t is Algorithms.Additive.LinearTerm))
        .Select(k =>
        {
            var terms = k.Model!.Basis!.Terms;
            return string.Format(CultureInfo.InvariantCulture,
                " The {0} kind equals the linear model on every fold by design: with {1} rows for this many numeric features there are too few rows for a shape per feature, " +
                "so {2} of its {3} terms stay linear (the additive trainer's fallback; `churn train --model {0}` warns about it and lists them in `terms_kept_linear`).",
                k.Spec.Name, N(k.Model.Training.Rows), N(terms.Count(t => t is Algorithms.Additive.LinearTerm)), N(terms.Count));
        }));

    /// <summary>
    /// An additive model's drivers: its terms by importance (SD of the term's contribution to the log-odds over the
    /// training rows) with edf, the shapes of the most important one-feature terms and the strongest pairs.
    /// Nothing is written for a model without terms.
    /// </summary>
    public static void Terms(ReportBuilder report, ChurnModel model, string kind)
    {
        if (model.Shapes.Count == 0 || model.Basis is null) return;
        var terms = TermShapes.ByImportance(model.Shapes);
        var kinds = model.Basis.Terms.ToDictionary(t => t.Name, AdditiveTermKind.Of, StringComparer.Ordinal);
        report.Heading("What drives churn (" + kind + " terms)");
        report.Paragraph(
            "The {0} model fitted on all {1} customers has {2} terms. Importance = SD of the term's contribution to the log-odds of churn over the " +
            "training rows; edf = effective degrees of freedom of its smoothed shape. No p-values: the terms are penalised and the pairs selected. " +
            "The {3} most important:", kind, N(model.Training.Rows), N(terms.Count), N(Math.Min(TermRows, terms.Count)));
        report.Table(["term", "kind", "edf", "importance"],
            terms.Take(TermRows).Select(t => (IReadOnlyList<string>)["`" + t.Term + "`", kinds.GetValueOrDefault(t.Term, "-"), F(t.EffectiveDf, 1), F(t.Importance, 3)]));
        report.Metric("terms", terms.Select(t => new { term = t.Term, kind = kinds.GetValueOrDefault(t.Term), edf = t.EffectiveDf, importance = t.Importance }).ToArray());
        var shapes = TermPlots.ImportantShapes(terms);
        if (shapes.Count > 0)
            report.Paragraph("Shapes of the most important one-feature terms on the feature's own scale, centred on the average customer, with pointwise 95% bands" +
                (terms.Any(t => t.Y is not null)
                    ? ". Read a feature's shape together with its pairs (heatmaps below): a pair's average effect is not moved into the one-feature terms, " +
                      "so a shape alone can slope against the feature's total effect. "
                    : ":"));
        TermFigures.WriteShapes(report, shapes, "", "");
        TermFigures.WritePairs(report, TermPlots.StrongestPairs(terms), "", "");
    }
}
