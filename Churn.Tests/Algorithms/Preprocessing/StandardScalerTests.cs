using Churn.Algorithms.Preprocessing;
using Churn.Tests.Algorithms.Clustering;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Preprocessing;

[Trait("Kind", "Numeric")]
public class StandardScalerTests : IClassFixture<SeedTableGolden>
{
    private readonly SeedTableGolden _golden;

    public StandardScalerTests(SeedTableGolden golden) => _golden = golden;

    [Fact]
    public void Fit_SeedTable_MeansAndScalesMatchSklearnTo1e12()
    {
        var model = StandardScaler.Fit(_golden.Raw);
        Assert.Equal(99_999, _golden.Raw.RowCount);
        for (var j = 0; j < _golden.Means.Length; j++)
        {
            Assert.True(Math.Abs(model.Means[j] - _golden.Means[j]) <= 1e-12 * Math.Abs(_golden.Means[j]),
                $"mean[{j}] {model.Means[j]:R} vs {_golden.Means[j]:R}");
            Assert.True(Math.Abs(model.Scales[j] - _golden.Scales[j]) <= 1e-12 * _golden.Scales[j],
                $"scale[{j}] {model.Scales[j]:R} vs {_golden.Scales[j]:R}");
        }
    }

    [Fact]
    public void Fit_ZeroVarianceColumn_ScaleOneAndColumnCentred()
    {
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 5 }, { 2, 5 }, { 3, 5 }, { 6, 5 } });
        var model = StandardScaler.Fit(x);
        Assert.Equal(1.0, model.Scales[1]);
        Assert.Equal(5.0, model.Means[1]);
        var z = model.Transform(x);
        Assert.All(z.Column(1), v => Assert.Equal(0.0, v));
        Assert.True(z.Column(1).All(double.IsFinite));
    }

    [Fact]
    public void Fit_SmallMatrix_PopulationStandardDeviation()
    {
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1 }, { 2 }, { 3 }, { 4 } });
        var model = StandardScaler.Fit(x);
        Assert.Equal(2.5, model.Means[0], 15);
        Assert.Equal(Math.Sqrt(1.25), model.Scales[0], 15);
    }

    [Fact]
    public void Transform_ThenInverse_RoundTripsAndStandardises()
    {
        var rng = new Churn.Algorithms.SplitMix64(5);
        var x = Matrix<double>.Build.Dense(200, 3, (_, j) => (j + 1) * 10 * rng.NextDouble() + j * 100);
        var model = StandardScaler.Fit(x);
        var z = model.Transform(x);
        for (var j = 0; j < 3; j++)
        {
            Assert.Equal(0.0, z.Column(j).Average(), 12);
            Assert.Equal(1.0, Math.Sqrt(z.Column(j).Select(v => v * v).Average()), 12);
        }
        Assert.True((model.InverseTransform(z) - x).Enumerate().All(v => Math.Abs(v) < 1e-9));
        var row = x.Row(7);
        Assert.Equal(z.Row(7), model.Transform(row));
        Assert.True((model.InverseTransform(model.Transform(row)) - row).AbsoluteMaximum() < 1e-9);
    }

    [Fact]
    public void FromParameters_ZeroScale_ThrowsQuotingValue()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => StandardScalerModel.FromParameters([1.0, 2.0], [1.0, 0.0]));
        Assert.Contains("scales[1]=0", ex.Message);
    }

    [Fact]
    public void Transform_WrongFeatureCount_Throws()
    {
        var model = StandardScalerModel.FromParameters([0.0, 0.0], [1.0, 1.0]);
        var ex = Assert.Throws<ArgumentException>(() => model.Transform(Matrix<double>.Build.Dense(2, 3)));
        Assert.Contains("has 3 features, but the model expects 2", ex.Message);
    }

    [Fact]
    public void Fit_NaNCell_ThrowsWithRowAndColumn()
    {
        var x = Matrix<double>.Build.Dense(3, 2);
        x[2, 1] = double.NaN;
        var ex = Assert.Throws<ArgumentException>(() => StandardScaler.Fit(x));
        Assert.Contains("row 2, column 1 is NaN", ex.Message);
    }
}
