using Churn.Algorithms.Additive;

namespace Churn.Experiments.Commands;

/// <summary>
/// Console view of an additive model: one row per term with its kind, effective degrees of freedom
/// and importance (SD of its contribution to the log-odds over the training rows), largest first.
/// No Wald p-values: the terms are penalised and the pairs selected; the bands are in `/model`.
/// </summary>
internal static class AdditiveReport
{
    public static void Write(TextWriter o, string output, int rows, int positives, ChurnModel model)
    {
        var basis = model.Basis!;
        var pairs = basis.Terms.Count(t => t is PairTerm);
        o.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "model: {0}  ({1}: {2} rows, {3} positive; {4} terms, {5} pairs; smoothing {6:G4} chosen by CV; {7} after {8} iterations)",
            output, model.Training.ModelKind, rows, positives, basis.Terms.Count, pairs,
            model.Training.Lambda, model.Training.Converged ? "converged" : "NOT converged", model.Training.Iterations));
        o.WriteLine();
        var width = Math.Max(24, basis.Terms.Max(t => TableText.Name(t.Name).Length));
        o.WriteLine("{0}  {1,-10}  {2,6}  {3,10}", "term".PadRight(width), "kind", "edf", "importance");
        var kinds = basis.Terms.ToDictionary(t => t.Name, AdditiveTermKind.Of, StringComparer.Ordinal);
        foreach (var shape in TermShapes.ByImportance(model.Shapes))
            o.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}  {1,-10}  {2,6:F2}  {3,10:F4}",
                TableText.Name(shape.Term).PadRight(width), kinds[shape.Term], shape.EffectiveDf, shape.Importance));
        o.WriteLine();
        o.WriteLine("importance = SD of the term's contribution to the log-odds over the training rows; edf = effective degrees of freedom");
        o.WriteLine("(penalised fit: no Wald p-values; shapes with 95% bands are in the model file and at GET /model).");
        var linear = basis.Terms.Count(t => t is LinearTerm);
        if (linear > 0)
            o.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "{0} numeric feature(s) kept linear (too few rows for a shape per feature; see the warning): those terms are exactly the linear model's.", linear));
        o.WriteLine(string.Format(CultureInfo.InvariantCulture, "training AUC {0:F4}, accuracy {1:F4} (optimistic: measured on the training rows)",
            model.Metrics["train_auc"], model.Metrics["train_accuracy"]));
    }
}
