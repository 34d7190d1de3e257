namespace Churn.Experiments.Commands;

/// <summary>Console view of a sparse model: the lambda path (columns entering as lambda falls) and the kept coefficients.</summary>
internal static class SparseReport
{
    public static void Write(TextWriter o, string output, int rows, int positives, ChurnModel model, SparseSelection selection)
    {
        var path = selection.Path;
        var kept = model.Coefficients.Skip(1).Count(r => r.Coefficient != 0);
        o.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "model: {0}  (sparse: {1} rows, {2} positive; penalty {3}, l1_ratio {4}; lambda {5} = {6:G4}; {7} of {8} columns, {9} features kept)",
            output, rows, positives, model.Training.Penalty, model.Training.L1Ratio,
            selection.Rule, selection.Lambda, kept, model.ColumnNames.Count, model.FeaturesUsed.Count));
        o.WriteLine();
        var cv = selection.CrossValidation;
        o.WriteLine(cv is null
            ? "path: the one given lambda"
            : string.Format(CultureInfo.InvariantCulture, "path: {0} lambdas; lambda chosen by {1}-fold CV {2}; min = lambda.min, 1se = lambda.1se",
                path.Count, cv.FoldCount, cv.Measure == Algorithms.Linear.PathMeasure.Auc ? "AUC" : "deviance"));
        o.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,5}  {1,10}  {2,4}  {3,6}  {4,17}  {5,7}  {6}",
            "step", "lambda", "df", "%dev", "CV deviance (SE)", "CV AUC", "entering"));
        var entering = selection.Entering().ToDictionary(e => e.Index, e => e.Columns);
        for (var k = 0; k < path.Count; k++)
        {
            var mark = cv is null ? "" : k == cv.IndexMin && k == cv.IndexOneStandardError ? " min,1se" : k == cv.IndexMin ? " min" : k == cv.IndexOneStandardError ? " 1se" : "";
            if (!entering.ContainsKey(k) && mark.Length == 0 && k != path.Count - 1) continue;
            var names = entering.TryGetValue(k, out var columns) ? string.Join(", ", columns.Select(j => TableText.Name(model.ColumnNames[j]))) : "";
            o.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,5}  {1,10:G4}  {2,4}  {3,6:F2}  {4,17}  {5,7}  {6}{7}",
                k + 1, path.Lambdas[k], path.NonZeroCount(k), 100 * path.DevianceRatios[k],
                cv is null ? "-" : cv.MeanDeviance[k].ToString("F4", CultureInfo.InvariantCulture) + " (" + cv.DevianceStandardError[k].ToString("F4", CultureInfo.InvariantCulture) + ")",
                cv is null || double.IsNaN(cv.MeanAuc[k]) ? "-" : cv.MeanAuc[k].ToString("F4", CultureInfo.InvariantCulture),
                names, mark.Length > 0 ? "  <-" + mark : ""));
        }
        o.WriteLine();
        o.WriteLine("kept coefficients (per SD of the column; the other columns are exactly 0):");
        TrainCommand.WriteCoefficients(o, model.Coefficients.Where((r, i) => i == 0 || r.Coefficient != 0).ToList(), model.Training);
        o.WriteLine();
        o.WriteLine(string.Format(CultureInfo.InvariantCulture, "training AUC {0:F4}, accuracy {1:F4} (optimistic: measured on the training rows)",
            model.Metrics["train_auc"], model.Metrics["train_accuracy"]));
    }
}
