using Churn.Algorithms;
using Churn.Algorithms.Linear;
using Churn.Algorithms.Preprocessing;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Preprocessing;

/// <summary>Column moments four columns at a time (the scaler's and KMeans' setup pass) keep the bits of one column at a time.</summary>
[Trait("Kind", "Numeric")]
public sealed class ColumnMomentsTests
{
    /// <summary>Values with a large offset and spread, so a different summation order would change the last bits.</summary>
    internal static Matrix<double> Data(int rows, int columns, ulong seed)
    {
        var random = new SplitMix64(seed);
        var x = Matrix<double>.Build.Dense(rows, columns);
        for (var j = 0; j < columns; j++)
            for (var i = 0; i < rows; i++) x[i, j] = 1e4 * (j + 1) + 1e3 * (random.NextDouble() - 0.5) + random.NextDouble() * 1e-3;
        return x;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(1003, 4)]
    [InlineData(1003, 5)]
    [InlineData(40_001, 9)] // three row chunks, two groups and a last group of one
    public void Compute_AnyWidthAndThreads_SameBitsAsOneColumnAtATime(int rows, int columns)
    {
        var x = Data(rows, columns, 7);
        foreach (var threads in new[] { 1, 2 })
        {
            var means = new double[columns];
            var squares = new double[columns];
            var deviations = new double[columns];
            ColumnMoments.Compute(x, means, squares, deviations, new RowChunks(rows, threads));
            for (var j = 0; j < columns; j++)
            {
                ColumnMoments.One(x.Column(j).ToArray(), out var mean, out var square, out var deviation);
                Assert.Equal(BitConverter.DoubleToInt64Bits(mean), BitConverter.DoubleToInt64Bits(means[j]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(square), BitConverter.DoubleToInt64Bits(squares[j]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(deviation), BitConverter.DoubleToInt64Bits(deviations[j]));
            }
        }
    }

    [Fact]
    public void One_IsRowOrderSummation()
    {
        // The reference itself: a pairwise or lane-wise sum gives other bits on this column.
        var column = Data(10_001, 1, 3).Column(0).ToArray();
        var sum = 0.0;
        foreach (var value in column) sum += value;
        var mean = sum / column.Length;
        double squares = 0, deviations = 0;
        foreach (var value in column)
        {
            deviations += value - mean;
            squares += (value - mean) * (value - mean);
        }
        ColumnMoments.One(column, out var m, out var q, out var t);
        Assert.Equal((mean, squares, deviations), (m, q, t));
    }

    [Fact]
    public void StandardScaler_ScalesFromTheCompensatedVariance()
    {
        // scikit-learn's two-pass variance with its correction term, one column at a time in row order.
        var x = Data(20_003, 6, 5);
        var model = StandardScaler.Fit(x);
        for (var j = 0; j < x.ColumnCount; j++)
        {
            ColumnMoments.One(x.Column(j).ToArray(), out var mean, out var squares, out var deviations);
            var n = x.RowCount;
            Assert.Equal(mean, model.Means[j]);
            Assert.Equal(Math.Sqrt((squares - deviations * deviations / n) / n), model.Scales[j]);
        }
    }
}
