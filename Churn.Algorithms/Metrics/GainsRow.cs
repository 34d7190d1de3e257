namespace Churn.Algorithms.Metrics;

/// <summary>
/// One group of a gains/lift table (group 1 = highest scores). Lift = group positive rate / overall
/// positive rate; CumulativeLift = positive rate of groups 1..Group / overall rate
/// (= CumulativePositivesFraction / CumulativeCustomersFraction). Min/MaxScore bound the group's scores.
/// </summary>
public sealed record GainsRow(
    int Group,
    int Customers,
    int Positives,
    double CumulativeCustomersFraction,
    double CumulativePositivesFraction,
    double Lift,
    double CumulativeLift,
    double MinScore,
    double MaxScore);
