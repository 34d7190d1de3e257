namespace Churn.Experiments.Campaign;

/// <summary>
/// The business assumptions of a retention campaign: what one offer costs, what keeping a would-be
/// churner is worth, how often the offer keeps them, and at most how many customers may be contacted.
/// The CLI (`campaign`), the host (`POST /campaign`) and the labelled-us report all read these.
/// </summary>
public sealed record CampaignAssumptions
{
    /// <summary>Cost of one retention offer (money units), paid for every contacted customer.</summary>
    public double OfferCost { get; init; } = 10.0;

    /// <summary>Value of keeping one customer who would have churned (money units).</summary>
    public double CustomerValue { get; init; } = 100.0;

    /// <summary>Share of contacted would-be churners that the offer keeps, in (0, 1].</summary>
    public double SuccessRate { get; init; } = 0.3;

    /// <summary>Most customers that may be contacted (null: no limit).</summary>
    public int? Budget { get; init; }

    /// <summary>
    /// Churn probability above which contacting pays on average: offer cost / (value x success rate).
    /// </summary>
    public double BreakEvenProbability => OfferCost / (CustomerValue * SuccessRate);

    /// <summary>Expected money from contacting one customer of churn probability <paramref name="p"/>.</summary>
    public double ExpectedValue(double p) => p * SuccessRate * CustomerValue - OfferCost;

    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad assumption through
    /// <paramref name="nameOf"/> (which turns "offer-cost", "value", "success", "budget" into the
    /// caller's spelling, e.g. "--offer-cost" or "offer_cost").
    /// </summary>
    public void Validate(Func<string, string>? nameOf = null)
    {
        nameOf ??= n => n;
        if (!(double.IsFinite(OfferCost) && OfferCost >= 0))
            throw Bad(nameOf("offer-cost"), OfferCost, "must be a number >= 0 (the cost of one offer)");
        if (!(double.IsFinite(CustomerValue) && CustomerValue > 0))
            throw Bad(nameOf("value"), CustomerValue, "must be a number > 0 (the value of keeping one customer)");
        if (!(SuccessRate > 0 && SuccessRate <= 1))
            throw Bad(nameOf("success"), SuccessRate, "must be > 0 and <= 1 (the share of contacted churners the offer keeps)");
        if (Budget is { } budget && budget < 1)
            throw Bad(nameOf("budget"), budget, "must be a whole number >= 1 (the most customers to contact)");
    }

    private static ArgumentOutOfRangeException Bad(string name, double value, string rule) =>
        new(name, value, string.Create(CultureInfo.InvariantCulture, $"{name}={Algorithms.Guard.Describe(value)} {rule}."));
}
