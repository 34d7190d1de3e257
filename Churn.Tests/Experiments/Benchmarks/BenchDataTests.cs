using System.Text.Json;
using Churn.Algorithms.Metrics;
using Churn.Experiments.Benchmarks;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Experiments.Benchmarks;

[Trait("Kind", "Golden")]
public sealed class BenchDataTests
{
    private static JsonElement Golden()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestPaths.Golden("bench_splitmix_auc.json")));
        return doc.RootElement.Clone();
    }

    [Fact]
    public void AucData_Seed42_MatchesNumpySplitMix64BitForBit()
    {
        var golden = Golden();
        var expectedScores = golden.GetProperty("scores").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var expectedLabels = golden.GetProperty("labels").EnumerateArray().Select(e => (double)e.GetInt32()).ToArray();

        var (scores, labels) = BenchData.AucData(expectedScores.Length);

        for (var i = 0; i < scores.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(expectedScores[i]), BitConverter.DoubleToInt64Bits(scores[i]));
            Assert.Equal(expectedLabels[i], labels[i]);
        }
    }

    [Fact]
    public void AucData_RawStream_MatchesNumpyUInt64Outputs()
    {
        var expected = Golden().GetProperty("raw_uint64").EnumerateArray().Select(e => ulong.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var random = new Churn.Algorithms.SplitMix64(42);
        var actual = expected.Select(_ => random.NextUInt64()).ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void AucData_100kRows_AucMatchesSklearn()
    {
        var golden = Golden();
        var rows = golden.GetProperty("auc_rows").GetInt32();
        var (scores, labels) = BenchData.AucData(rows);

        var auc = RocAuc.Compute(Vector<double>.Build.DenseOfArray(labels), Vector<double>.Build.DenseOfArray(scores));

        Assert.Equal(golden.GetProperty("auc").GetDouble(), auc, 12);
    }

    [Fact]
    public void AucData_CalledTwice_IsIdentical()
    {
        var a = BenchData.AucData(1000);
        var b = BenchData.AucData(1000);
        Assert.Equal(a.Scores, b.Scores);
        Assert.Equal(a.Labels, b.Labels);
    }

    [Fact]
    public void Tile_ThreeTimes_RepeatsRowsInOrder()
    {
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 3, 4 } });
        var y = Vector<double>.Build.DenseOfArray([0.0, 1.0]);

        var (tx, ty) = BenchData.Tile(x, y, 3);

        Assert.Equal(6, tx.RowCount);
        Assert.Equal(new double[] { 1, 3, 1, 3, 1, 3 }, tx.Column(0).ToArray());
        Assert.Equal(new double[] { 2, 4, 2, 4, 2, 4 }, tx.Column(1).ToArray());
        Assert.Equal(new double[] { 0, 1, 0, 1, 0, 1 }, ty.ToArray());
    }

    [Fact]
    public void Median_EvenAndOddCounts_MatchesPythonStatisticsMedian()
    {
        Assert.Equal(2.0, BenchRunner.Median([3.0, 1.0, 2.0]));
        Assert.Equal(2.5, BenchRunner.Median([4.0, 1.0, 3.0, 2.0]));
    }
}
