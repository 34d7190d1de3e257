namespace Churn.Algorithms.Metrics;

/// <summary>
/// One bin of a reliability diagram: predictions p with Lower &lt; p &lt;= Upper (the first bin also holds
/// p = Lower = 0). For an empty bin (Count = 0), MeanPredicted and FractionPositive are NaN.
/// </summary>
public sealed record CalibrationBin(double Lower, double Upper, int Count, double MeanPredicted, double FractionPositive);
