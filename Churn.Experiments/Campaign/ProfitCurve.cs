namespace Churn.Experiments.Campaign;

/// <summary>
/// One point of the profit curve: the <see cref="Contacted"/> riskiest customers contacted.
/// <see cref="Churners"/> is the churners among them: counted (realised labels) or expected (sum of probabilities).
/// <see cref="CutOff"/> is the churn probability of the last one contacted (1 when nobody is).
/// </summary>
public sealed record ProfitPoint(int Contacted, double Churners, double Saved, double Profit, double CutOff);

/// <summary>
/// Profit of contacting the k riskiest customers, for k = 0..n (index k):
/// profit(k) = churners among them x value x success rate - k x offer cost, customers ranked by
/// probability descending (stable: ties keep input order). With realised labels as outcomes it is the
/// realised profit (the labelled-us report); with the probabilities themselves it is the expected
/// profit sum(p x success x value) - k x cost (the campaign planner, no labels needed).
/// </summary>
public sealed class ProfitCurve
{
    private ProfitCurve(IReadOnlyList<int> order, IReadOnlyList<ProfitPoint> points, ProfitPoint best)
    {
        Order = order;
        Points = points;
        Best = best;
    }

    /// <summary>Row indices riskiest first.</summary>
    public IReadOnlyList<int> Order { get; }

    /// <summary>Points[k] = contacting the k riskiest.</summary>
    public IReadOnlyList<ProfitPoint> Points { get; }

    /// <summary>The first k with the highest profit, within the budget when one is set.</summary>
    public ProfitPoint Best { get; }

    /// <summary>Expected profit: the outcomes are the probabilities (no labels).</summary>
    public static ProfitCurve Expected(IReadOnlyList<double> probabilities, CampaignAssumptions assumptions) =>
        Compute(probabilities, probabilities, assumptions);

    /// <param name="probabilities">Churn probability of each customer (the ranking).</param>
    /// <param name="outcomes">Per customer the churn that contacting can prevent: a 0/1 label or a probability.</param>
    /// <param name="assumptions">Offer cost, customer value, success rate and optional budget (validated here).</param>
    public static ProfitCurve Compute(IReadOnlyList<double> probabilities, IReadOnlyList<double> outcomes, CampaignAssumptions assumptions)
    {
        assumptions.Validate();
        if (probabilities.Count != outcomes.Count)
            throw new ArgumentException("probabilities and outcomes differ in length: " + probabilities.Count + " vs " + outcomes.Count + ".");
        var n = probabilities.Count;
        var order = Enumerable.Range(0, n).OrderByDescending(i => probabilities[i]).ToArray();
        var points = new ProfitPoint[n + 1];
        points[0] = new ProfitPoint(0, 0, 0, 0, 1.0);
        var churners = 0.0;
        for (var k = 1; k <= n; k++)
        {
            var i = order[k - 1];
            churners += outcomes[i];
            var saved = churners * assumptions.SuccessRate;
            points[k] = new ProfitPoint(k, churners, saved, saved * assumptions.CustomerValue - k * assumptions.OfferCost, probabilities[i]);
        }
        var limit = Math.Min(n, assumptions.Budget ?? n);
        var best = points[0];
        for (var k = 1; k <= limit; k++)
            if (points[k].Profit > best.Profit) best = points[k];
        return new ProfitCurve(order, points, best);
    }
}
