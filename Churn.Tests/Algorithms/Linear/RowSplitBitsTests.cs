using Churn.Algorithms.Linear;
using Churn.Algorithms.Preprocessing;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Linear;

/// <summary>
/// Large matrices are scaled and scored on all cores (a column or a block of rows per task); a small one on
/// the calling thread. The answer for a row or a column must not depend on which path ran it.
/// </summary>
[Trait("Kind", "Numeric")]
public sealed class RowSplitBitsTests
{
    private const int Rows = 150_000; // with 8 columns above the size that runs in parallel; one column alone is below it

    [Fact]
    public void StandardScaler_LargeMatrix_SameMeansAndScalesAsEachColumnAlone()
    {
        var (x, _) = RandomProblems.Create(61, Rows, 8);
        var whole = StandardScaler.Fit(x);
        for (var j = 0; j < x.ColumnCount; j++)
        {
            var alone = StandardScaler.Fit(x.Column(j).ToColumnMatrix());
            Assert.Equal(BitConverter.DoubleToInt64Bits(alone.Means[0]), BitConverter.DoubleToInt64Bits(whole.Means[j]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(alone.Scales[0]), BitConverter.DoubleToInt64Bits(whole.Scales[j]));
        }
        var scaled = x.Clone();
        whole.TransformInPlace(scaled);
        var column = x.Column(5).ToColumnMatrix();
        StandardScalerModel.FromParameters([whole.Means[5]], [whole.Scales[5]]).TransformInPlace(column);
        Assert.Equal(column.Column(0).Select(BitConverter.DoubleToInt64Bits), scaled.Column(5).Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void PredictProbabilities_LargeMatrix_SameBitsAsSlicesScoredAlone()
    {
        var (x, y) = RandomProblems.Create(62, Rows, 8);
        var model = new LogisticRegression(new LogisticRegressionOptions()).Fit(x, y);
        var whole = model.PredictProbabilities(x);
        foreach (var (start, length) in new[] { (0, 1), (1, 999), (16_383, 2), (70_001, 10_000), (Rows - 5, 5) })
        {
            var slice = model.PredictProbabilities(x.SubMatrix(start, length, 0, x.ColumnCount));
            for (var i = 0; i < length; i++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(slice[i]), BitConverter.DoubleToInt64Bits(whole[start + i]));
        }
    }
}
