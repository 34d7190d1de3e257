using Churn.Algorithms.Metrics;

namespace Churn.Experiments.Commands;

/// <summary>`churn evaluate`: a model's metrics on a labelled CSV holding the model's columns and label.</summary>
public static class EvaluateCommand
{
    public static Verb Verb { get; } = new("evaluate", "score a labelled CSV with a model: auc, accuracy, precision, recall, f1, log_loss, brier",
    [
        VerbOption.Model,
        VerbOption.Required("data", "FILE", "labelled CSV with the model's columns and label (or the raw file for a recipe model)"),
        VerbOption.Value("threshold", "P", "probability at or above which a customer counts as predicted churn (default: the model's)"),
        VerbOption.Decimal,
        VerbOption.Json,
    ], Run);

    public static int Run(CommandLine cl, CommandConsole console)
    {
        var model = cl.Model();
        var path = cl.Required("data");
        var threshold = cl.OptionalDouble("threshold") ?? model.Threshold;
        ChurnModel.CheckThreshold(threshold);

        console.Progress("reading " + path);
        if (model.Derivation?.Recipe is { } recipe && TelecomRecipes.Names.Contains(recipe))
            console.Progress("label and features rebuilt from the raw file with the model's '" + recipe + "' recipe");
        var (table, labels) = ReadLabelled(path, model, cl.Decimal(), console.Warn);
        var probabilities = model.PredictProbabilities(table, out _);
        var report = ClassificationReport.Compute(labels, probabilities, threshold);
        // The model stores its training file's sha256: the same bytes mean these metrics are in-sample.
        var inSample = string.Equals(Provenance.Sha256(path), model.Training.DataSha256, StringComparison.OrdinalIgnoreCase);
        const string honest = "the metrics are in-sample and optimistic; evaluate on rows the model has not seen, or use train --cv for an honest estimate.";
        if (inSample)
            console.Warn("this is the model's own training file (same sha256 as recorded in the model): " + honest);
        else if (ScoresLikeTheTrainingRows(model, report))
        {
            inSample = true;
            console.Warn("these rows score exactly as the model's training rows (the same count, positives, AUC and log-loss), though the file's "
                + "bytes differ (another line ending, separator, encoding or row order?): " + honest);
        }
        var result = new
        {
            model = cl.Required("model"),
            data = path,
            in_sample = inSample,
            n = report.Count,
            positives = report.Positives,
            auc = report.Auc,
            accuracy = report.Accuracy,
            precision = report.Precision,
            recall = report.Recall,
            f1 = report.F1,
            log_loss = report.LogLoss,
            brier = report.Brier,
            threshold,
            confusion = new
            {
                true_positives = report.Confusion.TruePositives,
                false_positives = report.Confusion.FalsePositives,
                true_negatives = report.Confusion.TrueNegatives,
                false_negatives = report.Confusion.FalseNegatives,
            },
        };
        if (cl.Has("json"))
        {
            JsonOutput.Write(console.Out, result);
            return CommandRunner.Ok;
        }
        var o = console.Out;
        o.WriteLine(string.Format(CultureInfo.InvariantCulture, "n={0}  positives={1}  threshold={2}", report.Count, report.Positives, threshold));
        o.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "auc={0:F4}  accuracy={1:F4}  precision={2:F4}  recall={3:F4}  f1={4:F4}  log_loss={5:F4}  brier={6:F4}",
            report.Auc, report.Accuracy, report.Precision, report.Recall, report.F1, report.LogLoss, report.Brier));
        o.WriteLine(string.Format(CultureInfo.InvariantCulture, "confusion: TP={0} FP={1} TN={2} FN={3}",
            report.Confusion.TruePositives, report.Confusion.FalsePositives, report.Confusion.TrueNegatives, report.Confusion.FalseNegatives));
        return CommandRunner.Ok;
    }

    /// <summary>
    /// The training rows in other bytes (a CRLF or ';' copy, a BOM, another order): the same row count and positives, and
    /// the AUC and log-loss the model recorded on its training rows, to 1e-12. Other rows do not match all four.
    /// </summary>
    private static bool ScoresLikeTheTrainingRows(ChurnModel model, ClassificationReport report)
    {
        static bool Same(double a, double b) => Math.Abs(a - b) <= 1e-12 * Math.Max(1, Math.Abs(b));
        return report.Count == model.Training.Rows && report.Positives == model.Training.Positives
            && model.Metrics.TryGetValue("train_auc", out var auc) && Same(report.Auc, auc)
            && model.Metrics.TryGetValue("train_log_loss", out var logLoss) && Same(report.LogLoss, logLoss);
    }

    /// <summary>The model's feature columns and its label (0/1) from a CSV, typed as the model expects.</summary>
    public static (ColumnTable Table, Vector<double> Labels) ReadLabelled(string path, ChurnModel model,
        char? decimalSeparator = null, Action<string>? notice = null)
    {
        // A model trained with a recipe on the raw telecom file has no label column to read:
        // rebuild label and features from the raw file with the same recipe.
        if (model.Derivation?.Recipe is { } recipe && TelecomRecipes.Names.Contains(recipe))
        {
            var data = TelecomRecipes.Build(recipe, path, model.ReadOptions(decimalSeparator));
            return (data.Table, data.Labels);
        }
        var table = CsvTableReader.Read(path, model.ReadOptions(decimalSeparator) with
        {
            NumericColumns = model.Features.Numeric.Select(n => n.Name).ToArray(),
            TextColumns = model.Features.Categorical.Select(c => c.Name).ToArray(),
        });
        if (table.NumberFormat.Notice is { } said) notice?.Invoke(said);
        var labelled = LabelledCsv.Prepare(table, new LabelledCsvOptions
        {
            LabelColumn = model.Training.Label,
            PositiveValue = model.Training.PositiveValue,
            Features = model.Features.SourceNames,
            // The model's categories are fixed; unseen values encode as the reference, so no cap here.
            MaxCategories = int.MaxValue,
        });
        // A third label value counts as class 0 here as in training: say so, as train does.
        if (labelled.LabelWarning is { } labelWarning) notice?.Invoke(labelWarning);
        return (labelled.Features, Vector<double>.Build.DenseOfArray(labelled.Labels));
    }
}
