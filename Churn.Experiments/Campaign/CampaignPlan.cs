using System.Text.Json.Serialization;

namespace Churn.Experiments.Campaign;

/// <summary>One scored customer of a campaign file: ids, churn probability, segment and the top reasons raising the risk (empty below break-even).</summary>
public sealed record ScoredCustomer(IReadOnlyList<string> Ids, double Probability, int? Segment, string? SegmentName, IReadOnlyList<string> Reasons);

/// <summary>The contacted customers of one segment (Segment null: the model has no segments, one row for everyone).</summary>
public sealed record SegmentBreakdown(int? Segment, string Name, int Customers, int Contacted, double? MeanRisk, double ExpectedSaved);

/// <summary>Customers in one probability band [Lower, Upper) (the last band includes 1), and how many of them are contacted.</summary>
public sealed record RiskBand(double Lower, double Upper, int Customers, int Contacted);

/// <summary>A point of the expected-profit curve: contacting the <see cref="Contacted"/> riskiest.</summary>
public sealed record CurvePoint(int Contacted, double ExpectedProfit, double CutoffProbability);

/// <summary>Whether the model file says its probabilities can carry money figures.</summary>
public sealed record CalibrationVerdict(bool Recorded, bool? CalibratedForMoney, double? ExpectedCalibrationError, double? Brier, string? Source, string Verdict);

/// <summary>
/// The campaign summary shared by `churn campaign --json` and `POST /campaign`: the inputs, the best
/// number of customers to contact (within the budget), what that is expected to save and earn, the
/// probability cut-off, the segment breakdown, the risk distribution and the profit curve.
/// </summary>
public sealed record CampaignPlan(
    double OfferCost,
    double CustomerValue,
    double SuccessRate,
    int? Budget,
    int Rows,
    int BestK,
    double ExpectedSaved,
    double ExpectedProfit,
    double CutoffProbability,
    double BreakEvenProbability,
    int BestKWithoutBudget,
    double ExpectedProfitWithoutBudget,
    double ExpectedChurners,
    double ExpectedProfitContactingEveryone,
    IReadOnlyList<string> IdColumns,
    IReadOnlyList<SegmentBreakdown> Segments,
    IReadOnlyList<RiskBand> RiskDistribution,
    IReadOnlyList<CurvePoint> ProfitCurve,
    CalibrationVerdict Calibration,
    int? RowsOutsidePopulation,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Where the contact list was written (the CLI's --out), null otherwise.</summary>
    public string? ContactList { get; init; }

    /// <summary>Every customer, riskiest first (ties in file order); the first <see cref="BestK"/> are the contact list.</summary>
    [JsonIgnore]
    public IReadOnlyList<ScoredCustomer> Ranked { get; init; } = [];
}
