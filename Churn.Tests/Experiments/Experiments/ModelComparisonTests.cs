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
}
