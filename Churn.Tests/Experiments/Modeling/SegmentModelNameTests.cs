using Churn.Experiments.Modeling;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Experiments.Modeling;

public sealed class SegmentModelNameTests
{
    private static readonly string[] SeedFeatures = ["aon", "total_mou", "total_data_usage"];

    [Fact]
    public void NameFor_SeedFeatures_ShortLabelsStrongestFirstWithoutBrackets()
    {
        Assert.Equal("Very high call minutes", SegmentModel.NameFor([-0.2, 2.2, -0.1], SeedFeatures));
        Assert.Equal("High tenure", SegmentModel.NameFor([1.47, -0.12, -0.15], SeedFeatures));
        Assert.Equal("Very low mobile data use, low tenure", SegmentModel.NameFor([-0.6, 0.1, -1.6], SeedFeatures));
        Assert.Equal("Typical usage", SegmentModel.NameFor([0.49, -0.49, 0], SeedFeatures));
    }

    [Fact]
    public void NameFor_MonthColumn_KeepsTheMonth()
    {
        Assert.Equal("High arpu (August)", SegmentModel.NameFor([0.9], ["arpu_8"]));
    }

    [Fact]
    public void NamesFor_TwoSameProfiles_SuffixesSegmentNumbers()
    {
        var centers = Matrix<double>.Build.DenseOfRowArrays([1.0, 0, 0], [1.2, 0, 0], [0, 0, 0]);
        Assert.Equal(["High tenure (segment 0)", "High tenure (segment 1)", "Typical usage"], SegmentModel.NamesFor(centers, SeedFeatures));
    }
}
