using Churn.Experiments.Experiments;
using Churn.Experiments.Modeling;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Experiments.Experiments;

/// <summary>The models report's verdict: the simplest kind within one paired standard error of the best.</summary>
public sealed class ModelComparisonTests
{
    private static readonly CalibrationInfo Calibration = CalibrationInfo.FromOutOfFold(
        Vector<double>.Build.DenseOfArray([0, 1, 0, 1]), Vector<double>.Build.DenseOfArray([0.2, 0.7, 0.4, 0.6]), 2);

    private static KindResult Kind(int spec, params double[] folds) =>
        new(ModelSpec.Standard[spec], folds, folds.Average(), 0, 10 - spec, 17, 0.3, Calibration, null, 0);

    [Fact]
    public void Paired_SameFoldsShifted_MeanIsShiftAndErrorZero()
    {
        var (mean, se) = DatasetComparison.Paired(Kind(0, 0.9, 0.8, 0.7), Kind(3, 0.8, 0.7, 0.6));
        Assert.Equal(0.1, mean, 12);
        Assert.Equal(0, se, 12);
    }

    [Fact]
    public void Choose_SimplerKindFarBehind_ChoosesBestAndNamesSimplestRejected()
    {
        // linear (0), sparse (1) and additive-pairs (4): pairs beat both on every fold.
        var kinds = new[] { Kind(0, 0.80, 0.82, 0.78), Kind(1, 0.79, 0.81, 0.77), Kind(4, 0.92, 0.93, 0.91) };
        var verdict = DatasetComparison.Choose(kinds);
        Assert.Same(kinds[2], verdict.Best);
        Assert.Same(kinds[2], verdict.Chosen);
        Assert.Same(kinds[1], verdict.SimplerRejected);
    }

    [Fact]
    public void Choose_SimplerKindWithinNoise_ChoosesSimpler()
    {
        // sparse is behind on average by less than the spread of the fold differences.
        var kinds = new[] { Kind(0, 0.80, 0.70, 0.90), Kind(1, 0.85, 0.66, 0.88), Kind(4, 0.70, 0.60, 0.75) };
        var verdict = DatasetComparison.Choose(kinds);
        Assert.Same(kinds[0], verdict.Best);
        Assert.Same(kinds[1], verdict.Chosen);
        Assert.True(verdict.PairedDifference <= verdict.PairedStandardError);
    }

    [Fact]
    public void ReportChoice_KindBeatsLinearOnEveryFold_SwitchesToIt()
    {
        var kinds = new[] { Kind(0, 0.80, 0.82, 0.78), Kind(1, 0.79, 0.81, 0.77), Kind(4, 0.92, 0.93, 0.90) };
        var choice = ReportModelChoice.Choose(kinds);
        Assert.True(choice.Switched);
        Assert.Same(kinds[2], choice.Chosen);
        Assert.Same(kinds[0], choice.Linear);
        Assert.Equal(0.1167, choice.Improvement, 4);
        Assert.Equal(DatasetComparison.Paired(kinds[2], kinds[0]).StandardError, choice.StandardError, 12);
    }

    [Fact]
    public void ReportChoice_BestKindWithinNoise_KeepsLinearAndNamesIt()
    {
        // additive-pairs has the higher mean, but the fold differences (+0.10, -0.08, +0.01) swing more than their mean.
        var kinds = new[] { Kind(0, 0.80, 0.82, 0.78), Kind(4, 0.90, 0.74, 0.79) };
        var choice = ReportModelChoice.Choose(kinds);
        Assert.False(choice.Switched);
        Assert.Same(kinds[0], choice.Chosen);
        Assert.Same(kinds[1], choice.Challenger);
        Assert.True(choice.Improvement > 0 && choice.Improvement <= choice.StandardError);
    }

    [Fact]
    public void ReportChoice_NoisyLeaderAndSteadyWinner_TakesTheSteadyWinner()
    {
        // additive-pairs leads on average but within noise; additive is behind it yet above linear on every fold.
        var kinds = new[] { Kind(0, 0.80, 0.82, 0.78), Kind(3, 0.83, 0.85, 0.81), Kind(4, 0.99, 0.70, 0.90) };
        var choice = ReportModelChoice.Choose(kinds);
        Assert.Same(kinds[1], choice.Chosen);
    }

    [Fact]
    public void ReportChoice_KindEqualToLinear_KeepsLinear()
    {
        var kinds = new[] { Kind(0, 0.80, 0.82, 0.78), Kind(3, 0.80, 0.82, 0.78) };
        var choice = ReportModelChoice.Choose(kinds);
        Assert.Same(kinds[0], choice.Chosen);
        Assert.Equal(0, choice.Improvement);
    }

    [Fact]
    public void ComparisonCache_SameKeyTwice_ComputesOnce()
    {
        var cache = new ComparisonCache();
        var calls = 0;
        var kinds = new[] { Kind(0, 0.8, 0.7) };
        DatasetComparison Compute()
        {
            calls++;
            return new DatasetComparison("d", "c", 4, 2, 2, kinds, null, null, [], DatasetComparison.Choose(kinds));
        }
        var a = cache.GetOrCompute("k", Compute);
        var b = cache.GetOrCompute("k", Compute);
        cache.GetOrCompute("other", Compute);
        Assert.Same(a, b);
        Assert.Equal(2, calls);
    }

    [Fact]
    public void Verdict_ComparisonWithoutSparseKind_SaysNothingOfTheSparsePreset()
    {
        // Specs are configurable: linear and additive-pairs alone must still give a verdict.
        var kinds = new[] { Kind(0, 0.80, 0.82, 0.78), Kind(4, 0.92, 0.93, 0.91) };
        var comparison = new DatasetComparison("d", "cmd", 100, 20, 3, kinds, null, null, [], DatasetComparison.Choose(kinds));
        var verdict = ModelsReport.Verdict(comparison);
        Assert.Contains(kinds[1].Spec.Name, verdict);
        Assert.DoesNotContain("sparse preset", verdict);

        var withSparse = new[] { kinds[0], Kind(1, 0.79, 0.81, 0.77), kinds[1] };
        Assert.Contains("The sparse preset keeps", ModelsReport.Verdict(comparison with { Kinds = withSparse, Verdict = DatasetComparison.Choose(withSparse) }));
    }
}
