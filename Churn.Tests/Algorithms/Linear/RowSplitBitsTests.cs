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

    [Theory]
    [InlineData(10_000, 20, true, false, true)]  // the grid's 1e4 x 20 shape: two chunks, one worker, the Hessian in two halves
    [InlineData(8_192, 33, false, false, true)] // one full chunk, an odd column count
    [InlineData(10_000, 100, true, true, true)] // wide: the rows' terms and the gradient in two halves too
    [InlineData(8_003, 61, false, true, true)]  // one chunk, split, ending in a group of three rows; odd column count
    [InlineData(8_003, 60, true, true, false)]  // the same without an intercept
    public void LogisticObjective_LoneWorkerOnTwoThreads_SameBitsAsOneThread(int rows, int features, bool weighted, bool splitsRows,
        bool intercept)
    {
        var (x, y) = RandomProblems.Create(63, rows, features);
        var s = weighted ? RandomProblems.Vector(64, rows).Select(v => Math.Abs(v) + 0.5).ToArray() : null;
        LogisticObjective Objective(int threads) => LogisticObjective.FromColumnMajor(x.ToColumnMajorArray(), rows, features,
            y.ToArray(), s, fitIntercept: intercept, penaltyStrength: 1.0, maxDegreeOfParallelism: threads);
        var one = Objective(1);
        var two = Objective(2);
        Assert.False(one.SplitsHessian(LogisticObjective.ChunkRows) || one.SplitsRows(LogisticObjective.ChunkRows));
        Assert.True(two.SplitsHessian(LogisticObjective.ChunkRows));
        Assert.Equal(splitsRows, two.SplitsRows(Math.Min(rows, LogisticObjective.ChunkRows)));
        var p = features + (intercept ? 1 : 0);
        var theta = RandomProblems.Vector(65, p, scale: 0.1);
        foreach (var mode in new[] { LogisticObjective.Mode.Gradient, LogisticObjective.Mode.Hessian })
        {
            var hessian = mode == LogisticObjective.Mode.Hessian ? p * p : 0;
            var (g1, h1, g2, h2) = (new double[p], new double[hessian], new double[p], new double[hessian]);
            var f1 = one.Evaluate(theta, g1, h1, mode);
            var f2 = two.Evaluate(theta, g2, h2, mode);
            Assert.Equal(BitConverter.DoubleToInt64Bits(f1), BitConverter.DoubleToInt64Bits(f2));
            Assert.Equal(g1.Select(BitConverter.DoubleToInt64Bits), g2.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(h1.Select(BitConverter.DoubleToInt64Bits), h2.Select(BitConverter.DoubleToInt64Bits));
        }
    }
}
