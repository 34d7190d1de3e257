using Churn.Algorithms.Linear;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Linear;

[Trait("Kind", "Numeric")]
public sealed class LogisticRegressionModelTests
{
    private static readonly LogisticRegressionModel Model =
        LogisticRegressionModel.FromParameters(Vector<double>.Build.DenseOfArray([0.5, -2.0]), 0.25);

    [Fact]
    public void PredictProbability_KnownParameters_IsSigmoidOfLinearPredictor()
    {
        var row = Vector<double>.Build.DenseOfArray([2.0, 0.5]);
        Assert.Equal(0.25 + 1.0 - 1.0, Model.DecisionFunction(row), 1e-15);
        Assert.Equal(1 / (1 + Math.Exp(-0.25)), Model.PredictProbability(row), 1e-15);
        var x = Matrix<double>.Build.DenseOfRowArrays([2.0, 0.5], [0.0, 0.0], [-4, 1]);
        var p = Model.PredictProbabilities(x);
        for (var i = 0; i < 3; i++)
            Assert.Equal(Model.PredictProbability(x.Row(i)), p[i], 1e-15);
    }

    [Fact]
    public void PredictProbabilities_DenseColumns_SameBitsAsTheMatrixProduct()
    {
        var (x, _) = RandomProblems.Create(61, 5000, 13);
        var model = LogisticRegressionModel.FromParameters(Vector<double>.Build.Dense(13, j => (j - 6) * 0.37 + 1e-3 / (j + 1)), -0.8);
        var z = x * Vector<double>.Build.Dense(13, j => model.Coefficients[j]);
        var p = model.PredictProbabilities(x);
        for (var i = 0; i < x.RowCount; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(LogisticLoss.Sigmoid(z[i] + model.Intercept)), BitConverter.DoubleToInt64Bits(p[i]));
    }

    [Fact]
    public void Contributions_SumPlusInterceptIsDecisionFunction()
    {
        var row = Vector<double>.Build.DenseOfArray([3.0, -1.5]);
        var contributions = Model.Contributions(row);
        Assert.Equal(new[] { 1.5, 3.0 }, contributions.ToArray());
        Assert.Equal(Model.DecisionFunction(row), contributions.Sum() + Model.Intercept, 1e-15);
    }

    [Fact]
    public void OddsRatios_AreExpOfCoefficients_AndCoefficientsAreACopy()
    {
        Assert.Equal(Math.Exp(0.5), Model.OddsRatios[0], 1e-15);
        Assert.Equal(Math.Exp(-2.0), Model.OddsRatios[1], 1e-15);
        var copy = Model.Coefficients;
        copy[0] = 99;
        Assert.Equal(0.5, Model.Coefficients[0]);
    }

    [Fact]
    public void PredictProbability_WrongFeatureCount_ThrowsWithCounts()
    {
        var error = Assert.Throws<ArgumentException>(() => Model.PredictProbability(Vector<double>.Build.Dense(3)));
        Assert.Contains("row has 3 features, but the model expects 2", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Model.PredictProbabilities(Matrix<double>.Build.Dense(2, 5)));
    }

    [Fact]
    public void FromParameters_NonFinite_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            LogisticRegressionModel.FromParameters(Vector<double>.Build.DenseOfArray([double.NaN]), 0));
        Assert.Throws<ArgumentException>(() =>
            LogisticRegressionModel.FromParameters(Vector<double>.Build.DenseOfArray([1.0]), double.PositiveInfinity));
    }
}
