namespace Churn.Algorithms.Metrics;

/// <summary>
/// The usual binary-classification summary of probabilities against labels: ROC AUC
/// (<see cref="RocAuc"/>), threshold metrics from <see cref="ConfusionMatrix"/> (positive when
/// p &gt;= Threshold), <see cref="Metrics.LogLoss"/> (eps 1e-15) and <see cref="BrierScore"/>.
/// Both classes must be present (AUC is undefined otherwise).
/// </summary>
public sealed record ClassificationReport(
    int Count,
    int Positives,
    double Auc,
    double Accuracy,
    double Precision,
    double Recall,
    double F1,
    double LogLoss,
    double Brier,
    double Threshold,
    ConfusionMatrix Confusion)
{
    /// <summary>From this many rows the AUC runs beside the other metrics.</summary>
    private const int ParallelRows = 1 << 16;

    public static ClassificationReport Compute(Vector<double> yTrue, Vector<double> probabilities, double threshold = 0.5)
    {
        var confusion = ConfusionMatrix.Compute(yTrue, probabilities, threshold);
        // The AUC (two sorts) on another core while the sums are taken here: each metric is computed alone, so
        // the numbers are those of one thread, and an error is the one the metrics in this order would raise.
        var aucTask = yTrue.Count >= ParallelRows ? Task.Run(() => RocAuc.Compute(yTrue, probabilities)) : null;
        var auc = aucTask is null ? RocAuc.Compute(yTrue, probabilities) : double.NaN;
        double logLoss = double.NaN, brier = double.NaN;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? later = null;
        try
        {
            logLoss = Metrics.LogLoss.Compute(yTrue, probabilities);
            brier = BrierScore.Compute(yTrue, probabilities);
        }
        catch (Exception e) when (aucTask is not null)
        {
            later = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
        }
        if (aucTask is not null) auc = aucTask.GetAwaiter().GetResult();
        later?.Throw();
        return new ClassificationReport(
            confusion.Count,
            confusion.TruePositives + confusion.FalseNegatives,
            auc,
            confusion.Accuracy,
            confusion.Precision,
            confusion.Recall,
            confusion.F1,
            logLoss,
            brier,
            threshold,
            confusion);
    }
}
