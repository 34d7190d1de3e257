using Churn.Algorithms;
using Churn.Algorithms.Clustering;
using Churn.Algorithms.Linear;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Clustering;

/// <summary>KMeans' setup passes: column moments four columns at a time and the vector centred copy keep the scalar bits.</summary>
[Trait("Kind", "Numeric")]
public sealed class ColumnMomentsTests
{
    /// <summary>Values with a large offset and spread, so a different summation order would change the last bits.</summary>
    private static Matrix<double> Data(int rows, int columns, ulong seed)
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
            var variances = new double[columns];
            ColumnMoments.Compute(x, means, variances, new RowChunks(rows, threads));
            for (var j = 0; j < columns; j++)
            {
                ColumnMoments.One(x.Column(j).ToArray(), out var mean, out var variance);
                Assert.Equal(BitConverter.DoubleToInt64Bits(mean), BitConverter.DoubleToInt64Bits(means[j]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(variance), BitConverter.DoubleToInt64Bits(variances[j]));
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
        ColumnMoments.One(column, out var mean, out _);
        Assert.Equal(sum / column.Length, mean);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 3)]
    [InlineData(1003, 7)]
    [InlineData(40_001, 3)] // chunks of 16,384 rows and a tail that is not a multiple of four
    public void Centred_VectorCopy_SameBitsAsScalarSubtraction_PaddingZero(int rows, int columns)
    {
        var x = Data(rows, columns, 11);
        var means = Enumerable.Range(0, columns).Select(j => x.Column(j).Average()).ToArray();
        foreach (var chunks in new RowChunks?[] { null, new RowChunks(rows, 2) })
        {
            var data = KMeansData.Centred(x, means, chunks);
            for (var i = 0; i < rows; i++)
                for (var f = 0; f < columns; f++)
                    Assert.Equal(BitConverter.DoubleToInt64Bits(x[i, f] - means[f]), BitConverter.DoubleToInt64Bits(data.Values[data.Index(i, f)]));
            for (var i = rows; i < (rows + 3) / 4 * 4; i++)
                for (var f = 0; f < columns; f++) Assert.Equal(0.0, data.Values[data.Index(i, f)]);
        }
    }
}
