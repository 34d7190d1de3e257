namespace Churn.Experiments.Modeling;

/// <summary>
/// How much one source feature moved a customer's log-odds away from the average customer's:
/// <see cref="Effect"/> is coefficient x standardised value, summed over the feature's columns;
/// <see cref="Value"/> the customer's value as shown to people, <see cref="Number"/> the same as a
/// number (null for a category).
/// </summary>
public sealed record FeatureContribution(string Feature, string Label, string Value, double Effect)
{
    public double? Number { get; init; }

    /// <summary>"raises" or "lowers".</summary>
    public string Direction => Effect >= 0 ? "raises" : "lowers";

    /// <summary>Plain words for the page and the CLI, e.g. "Call minutes (all months) (350.5) strongly lowers the churn risk compared with the average customer".</summary>
    public string Text
    {
        get
        {
            var size = Math.Abs(Effect) >= 1 ? "strongly " : Math.Abs(Effect) >= 0.3 ? "" : "slightly ";
            var label = Label.Length == 0 ? Label : char.ToUpperInvariant(Label[0]) + Label[1..];
            return $"{label} ({Value}) {size}{Direction} the churn risk compared with the average customer";
        }
    }
}

/// <summary>A numeric input outside the range seen in training: the score for it is an extrapolation.</summary>
public sealed record OutOfRangeValue(string Feature, double Value, double Minimum, double Maximum);

/// <summary>
/// A text input that is blank (null) or a category not seen in training. The policy, the same on every
/// path (HTTP, `predict`, a direct call): it is scored as the reference category <see cref="ScoredAs"/>
/// and reported, never refused and never silent.
/// </summary>
public sealed record UnseenCategory(string Feature, string? Value, string ScoredAs);

/// <summary>
/// One customer's churn risk, the 0/1 decision at <see cref="Threshold"/>, its segment and the reasons:
/// the one prediction record of the CLI, the HTTP JSON and the page.
/// </summary>
public sealed record ChurnPrediction(
    double Probability,
    int Prediction,
    double Threshold,
    int? Segment,
    string? SegmentName,
    IReadOnlyList<FeatureContribution> Contributions)
{
    /// <summary>Numeric inputs outside the training range (empty when every value was seen in training).</summary>
    public IReadOnlyList<OutOfRangeValue> OutOfRange { get; init; } = [];

    /// <summary>Text inputs blank or unseen in training, scored as their reference category.</summary>
    public IReadOnlyList<UnseenCategory> UnseenCategories { get; init; } = [];
}
