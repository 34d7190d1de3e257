using System.Globalization;
using Churn.Experiments.Modeling;
using Churn.Experiments.Serving;

namespace Churn.Tests.Experiments.Serving;

/// <summary>
/// A stand-in for the real ChurnModel: a logistic formula over the seed project's payload fields
/// (aon, total_mou, total_data_usage, optional segment) plus one category (plan).
/// p = sigmoid(b + sum_j w_j (x_j - m_j) / s_j + plan effect + segment effect); decision at 0.5.
/// aon = 4242 makes it throw InvalidOperationException (a stand-in for a bug) and a segment that is
/// not a whole number in 0..3 throws <see cref="InputException"/>.
/// </summary>
public sealed class FakeChurnPredictor : IChurnPredictor
{
    public const double BugAon = 4242;
    private const double Intercept = -1.5;
    private const double Threshold = 0.5;

    private static readonly (string Name, string Label, double Mean, double Scale, double Weight)[] Numeric =
    [
        ("aon", "Time on network", 1200, 950, -0.9),
        ("total_mou", "Call minutes", 2500, 2200, -1.4),
        ("total_data_usage", "Mobile data use", 600, 900, -0.6),
    ];

    private static readonly string[] SegmentNames = ["Loyal heavy callers", "Low-usage regulars", "New customers", "Data enthusiasts"];
    private static readonly double[] SegmentEffects = [-0.4, 0.5, 0.8, -0.2];

    public IReadOnlyList<InputField> Inputs { get; } =
    [
        new("aon", "Time on network", InputKind.Number, "days", "How long the customer has been with us.", 1000, null, null, true, 0, 20000),
        new("total_mou", "Call minutes", InputKind.Number, "minutes", "Minutes of calls, June to September.", 2000, null, null, true, 0, null),
        new("total_data_usage", "Mobile data use", InputKind.Number, "MB", "Mobile data used, June to September.", 400, null, null, true, 0, null),
        new("plan", "Plan type", InputKind.Category, null, "Prepaid or postpaid plan.", null, "prepaid", ["prepaid", "postpaid"], false, null, null),
        new("segment", "Customer segment", InputKind.Number, null, "Leave empty to let the model choose.", null, null, null, false, 0, 3),
    ];

    public object ModelCard { get; } = new
    {
        name = "fake-logistic",
        version = 1,
        threshold = Threshold,
        features = new[] { "aon", "total_mou", "total_data_usage", "plan", "segment" },
    };

    public ChurnPrediction Predict(IReadOnlyDictionary<string, InputValue> input)
    {
        var aon = input["aon"].Number!.Value;
        if (aon == BugAon)
            throw new InvalidOperationException("Simulated bug in the predictor.");
        var contributions = new List<FeatureContribution>();
        var z = Intercept;
        foreach (var (name, label, mean, scale, weight) in Numeric)
        {
            var value = input[name].Number!.Value;
            var effect = weight * (value - mean) / scale;
            z += effect;
            contributions.Add(Make(name, label, value, effect));
        }
        var plan = input.TryGetValue("plan", out var p) ? p.Text! : "prepaid";
        var planEffect = plan == "postpaid" ? -0.7 : 0.3;
        z += planEffect;
        contributions.Add(Make("plan=" + plan, "Plan type: " + plan, 1, planEffect));

        var segment = ChooseSegment(input, aon);
        z += SegmentEffects[segment];
        contributions.Add(Make("segment=" + segment.ToString(CultureInfo.InvariantCulture), "Segment: " + SegmentNames[segment], segment, SegmentEffects[segment]));

        contributions.Sort((a, b) => Math.Abs(b.Effect).CompareTo(Math.Abs(a.Effect)));
        var probability = 1 / (1 + Math.Exp(-z));
        return new ChurnPrediction(probability, probability >= Threshold ? 1 : 0, Threshold, segment, SegmentNames[segment], contributions);
    }

    private static int ChooseSegment(IReadOnlyDictionary<string, InputValue> input, double aon)
    {
        if (input.TryGetValue("segment", out var s))
        {
            var value = s.Number!.Value;
            if (value != Math.Floor(value) || value < 0 || value > 3)
                throw new InputException("segment", $"segment={value.ToString("R", CultureInfo.InvariantCulture)} must be a whole number from 0 to 3.");
            return (int)value;
        }
        var data = input["total_data_usage"].Number!.Value;
        return aon < 365 ? 2 : data > 2000 ? 3 : input["total_mou"].Number!.Value > 3000 ? 0 : 1;
    }

    private static FeatureContribution Make(string feature, string label, double value, double effect) =>
        new(feature, label, value.ToString("0.##", CultureInfo.InvariantCulture), effect) { Number = value };
}
