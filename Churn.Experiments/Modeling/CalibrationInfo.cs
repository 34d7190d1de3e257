using Churn.Algorithms.Metrics;

namespace Churn.Experiments.Modeling;

/// <summary>One reliability bin of held-out predictions (null means for an empty bin).</summary>
public sealed record CalibrationBinInfo(double Lower, double Upper, int Count, double? MeanPredicted, double? FractionChurned);

/// <summary>
/// How honest a model's probabilities were on rows it did not train on: the reliability diagram of the
/// cross-validation's out-of-fold predictions (10 equal-width bins, <see cref="Calibration.Reliability"/>),
/// the Brier score, the expected calibration error (count-weighted mean |mean predicted - share churned|
/// over the bins) and predicted versus observed churn rate. `train --cv` records it in the model file;
/// money figures (the campaign planner's expected profit) are only as good as it.
/// </summary>
public sealed record CalibrationInfo(
    string Source,
    int Rows,
    int Positives,
    double Brier,
    double ExpectedCalibrationError,
    double MeanPredicted,
    double ObservedRate,
    IReadOnlyList<CalibrationBinInfo> Bins)
{
    /// <summary>
    /// Largest expected calibration error, and largest gap between mean predicted and observed churn rate,
    /// at which expected money figures are trusted (5 percentage points).
    /// </summary>
    public const double MoneyTolerance = 0.05;

    /// <summary>True when both the calibration error and the overall rate gap are within <see cref="MoneyTolerance"/>.</summary>
    public bool GoodEnoughForMoney =>
        ExpectedCalibrationError <= MoneyTolerance && Math.Abs(MeanPredicted - ObservedRate) <= MoneyTolerance;

    public static CalibrationInfo FromOutOfFold(Vector<double> labels, Vector<double> outOfFold, int folds, int bins = 10)
    {
        var reliability = Calibration.Reliability(labels, outOfFold, bins);
        var rows = labels.Count;
        var error = reliability.Where(b => b.Count > 0).Sum(b => b.Count * Math.Abs(b.MeanPredicted - b.FractionPositive)) / rows;
        return new CalibrationInfo(
            string.Format(CultureInfo.InvariantCulture, "out-of-fold predictions of {0}-fold stratified cross-validation", folds),
            rows, (int)labels.Sum(), BrierScore.Compute(labels, outOfFold), error, outOfFold.Average(), labels.Sum() / rows,
            reliability.Select(b => new CalibrationBinInfo(b.Lower, b.Upper, b.Count,
                b.Count == 0 ? null : b.MeanPredicted, b.Count == 0 ? null : b.FractionPositive)).ToArray());
    }

    /// <summary>One sentence for people: is this good enough to plan money with, and why.</summary>
    public string Verdict() => string.Format(CultureInfo.InvariantCulture,
        GoodEnoughForMoney
            ? "Probabilities are calibrated enough for money figures: on held-out rows ({0}, {1} customers) they were off by {2:F3} on average (expected calibration error; tolerance {4:F2}), predicted churn rate {5:F3} against {6:F3} observed, Brier score {3:F4}."
            : "Probabilities may be too miscalibrated for money figures: on held-out rows ({0}, {1} customers) they were off by {2:F3} on average (expected calibration error; tolerance {4:F2}), predicted churn rate {5:F3} against {6:F3} observed, Brier score {3:F4}. Read the expected profit as a ranking aid, not a forecast.",
        Source, Rows, ExpectedCalibrationError, Brier, MoneyTolerance, MeanPredicted, ObservedRate);
}
