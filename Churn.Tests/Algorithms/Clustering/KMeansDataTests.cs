using Churn.Algorithms.Clustering;
using Churn.Algorithms.Linear;
using Churn.Tests.Algorithms.Preprocessing;

namespace Churn.Tests.Algorithms.Clustering;

/// <summary>KMeans' centred blocked copy keeps the scalar bits.</summary>
[Trait("Kind", "Numeric")]
public sealed class KMeansDataTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 3)]
    [InlineData(1003, 7)]
    [InlineData(40_001, 3)] // chunks of 16,384 rows and a tail that is not a multiple of four
    public void Centred_VectorCopy_SameBitsAsScalarSubtraction_PaddingZero(int rows, int columns)
    {
        var x = ColumnMomentsTests.Data(rows, columns, 11);
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
