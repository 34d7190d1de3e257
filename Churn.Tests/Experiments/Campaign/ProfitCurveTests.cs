using Churn.Experiments.Campaign;

namespace Churn.Tests.Experiments.Campaign;

public sealed class ProfitCurveTests
{
    private static readonly CampaignAssumptions Defaults = new();

    [Fact]
    public void Expected_HandComputedProbabilities_ProfitIsSumOfPTimesSuccessTimesValueMinusCost()
    {
        // Ranked: 0.9, 0.8, 0.5, 0.2; each contact adds p x 0.3 x 100 - 10 = 17, 14, 5, -4.
        var curve = ProfitCurve.Expected([0.2, 0.9, 0.5, 0.8], Defaults);

        Assert.Equal([1, 3, 2, 0], curve.Order);
        Assert.Equal([0.0, 17, 31, 36, 32], curve.Points.Select(p => Math.Round(p.Profit, 9)).ToArray());
        Assert.Equal(3, curve.Best.Contacted);
        Assert.Equal(0.5, curve.Best.CutOff);
        Assert.Equal((0.9 + 0.8 + 0.5) * 0.3, curve.Best.Saved, 12);
    }

    [Fact]
    public void Expected_Budget_BestWithinTheBudget()
    {
        var curve = ProfitCurve.Expected([0.2, 0.9, 0.5, 0.8], Defaults with { Budget = 2 });

        Assert.Equal(2, curve.Best.Contacted);
        Assert.Equal(31, curve.Best.Profit, 9);
        Assert.Equal(5, curve.Points.Count); // the curve itself still covers everyone
    }

    [Fact]
    public void Expected_TiedProbabilities_KeepFileOrder()
    {
        var curve = ProfitCurve.Expected([0.4, 0.7, 0.4, 0.7], Defaults);
        Assert.Equal([1, 3, 0, 2], curve.Order);
    }

    [Fact]
    public void Expected_EveryoneBelowBreakEven_ContactNobody()
    {
        var curve = ProfitCurve.Expected([0.3, 0.1, 0.2], Defaults); // break-even 10 / 30 = 0.333
        Assert.Equal(0, curve.Best.Contacted);
        Assert.Equal(1.0, curve.Best.CutOff);
        Assert.Equal(0, curve.Best.Profit);
    }

    [Fact]
    public void Compute_RealisedLabels_CountsChurners()
    {
        var curve = ProfitCurve.Compute([0.8, 0.9, 0.7], [0, 1, 1], Defaults);
        Assert.Equal([0.0, 1, 1, 2], curve.Points.Select(p => p.Churners).ToArray());
        Assert.Equal(2 * 30 - 30, curve.Points[3].Profit, 9);
    }

    [Theory]
    [InlineData(-1, 100, 0.3, null, "--offer-cost")]
    [InlineData(10, 0, 0.3, null, "--value")]
    [InlineData(10, 100, 0, null, "--success")]
    [InlineData(10, 100, 1.5, null, "--success")]
    [InlineData(10, 100, 0.3, 0, "--budget")]
    public void Validate_BadAssumption_NamesIt(double cost, double value, double success, int? budget, string name)
    {
        var assumptions = new CampaignAssumptions { OfferCost = cost, CustomerValue = value, SuccessRate = success, Budget = budget };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => assumptions.Validate(n => "--" + n));
        Assert.StartsWith(name + "=", error.Message);
    }

    [Fact]
    public void Validate_SuccessOfOne_IsAllowed() => (Defaults with { SuccessRate = 1 }).Validate();
}
