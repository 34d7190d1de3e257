using Churn.Algorithms.Linear;

namespace Churn.Tests.Algorithms.Linear;

[Trait("Kind", "Numeric")]
public sealed class LbfgsPreconditionerTests
{
    [Fact]
    public void RefreshEvery_EstimateCheapNextToAPass_EveryIteration()
    {
        // 1e5 rows x 3 features and 1e6 x 20 on the 8192-row sample: an estimate is far below 1/20 of a pass.
        Assert.Equal(1, LbfgsPreconditioner.RefreshEvery(100_000, LbfgsPreconditioner.SampleRowsFor(100_000), 4));
        Assert.Equal(1, LbfgsPreconditioner.RefreshEvery(1_000_000, LbfgsPreconditioner.SampleRowsFor(1_000_000), 21));
    }

    [Fact]
    public void RefreshEvery_EstimateOnEveryRowOfAWideProblem_AtMostTheLongestInterval()
    {
        Assert.Equal(8000, LbfgsPreconditioner.SampleRowsFor(8000));
        Assert.Equal(10_000, LbfgsPreconditioner.SampleRowsFor(10_000)); // every row up to twice the sample
        Assert.Equal(2 * LbfgsPreconditioner.SampleRows, LbfgsPreconditioner.SampleRowsFor(2 * LbfgsPreconditioner.SampleRows));
        Assert.Equal(LbfgsPreconditioner.SampleRows, LbfgsPreconditioner.SampleRowsFor(2 * LbfgsPreconditioner.SampleRows + 1));
        Assert.Equal(LbfgsPreconditioner.MaxRefreshEvery, LbfgsPreconditioner.RefreshEvery(8000, 8000, 101));
        Assert.Equal(LbfgsPreconditioner.MaxRefreshEvery, LbfgsPreconditioner.RefreshEvery(10_000, LbfgsPreconditioner.SampleRowsFor(10_000), 21));
        // Few parameters: the sample's exp and log1p alone cost most of a pass over 1e4 rows.
        Assert.Equal(LbfgsPreconditioner.MaxRefreshEvery, LbfgsPreconditioner.RefreshEvery(10_000, LbfgsPreconditioner.SampleRowsFor(10_000), 4));
    }
}
