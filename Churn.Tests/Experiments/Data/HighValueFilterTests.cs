using Churn.Experiments.Data;

namespace Churn.Tests.Experiments.Data;

public sealed class HighValueFilterTests
{
    private static readonly Lazy<ColumnTable> Raw = new(() => CsvTableReader.Read(TestFiles.Telecom1000));

    [Fact]
    public void Apply_Telecom1000_ThresholdAndCountMatchDataReadme()
    {
        var result = HighValueFilter.Apply(Raw.Value);
        Assert.Equal(366.6, result.Threshold, 1e-9);
        Assert.Equal(300, result.Rows.Length);
        Assert.Equal(300, result.Table.RowCount);
        Assert.All(result.Rows, i => Assert.True(result.AverageRecharge[i] >= result.Threshold));
    }

    [Fact]
    public void Tag_Telecom1000_OverallAndHighValueChurnMatchDataReadme()
    {
        Assert.Equal(110, ChurnTagging.Tag(Raw.Value).Count(c => c == 1.0));
        var hvc = HighValueFilter.Apply(Raw.Value).Table;
        Assert.Equal(31, ChurnTagging.Tag(hvc).Count(c => c == 1.0));
    }

    [Fact]
    public void TagAndDrop_Telecom1000_RemovesEveryMonthNineColumn()
    {
        var (table, churn) = ChurnTagging.TagAndDrop(Raw.Value);
        Assert.Equal(1000, churn.Length);
        Assert.Equal(226 - 55, table.ColumnCount); // 216 monthly columns / 4 = 54 *_9 columns, + sep_vbc_3g
        Assert.DoesNotContain("sep_vbc_3g", table.ColumnNames);
        Assert.DoesNotContain(table.ColumnNames, n => n.EndsWith("_9", StringComparison.Ordinal));
        Assert.Contains("aug_vbc_3g", table.ColumnNames);
    }

    [Fact]
    public void Tag_BlankCountsAsZero()
    {
        var table = new ColumnTable(
        [
            new NumericColumn("total_ic_mou_9", [double.NaN, 0, 0]),
            new NumericColumn("total_og_mou_9", [0, 0, 0]),
            new NumericColumn("vol_2g_mb_9", [0, double.NaN, 0]),
            new NumericColumn("vol_3g_mb_9", [0, 0, 0.1]),
        ]);
        Assert.Equal([1.0, 1.0, 0.0], ChurnTagging.Tag(table));
    }

    [Fact]
    public void Tag_MissingUsageColumn_ThrowsNamingIt()
    {
        var table = new ColumnTable([new NumericColumn("total_ic_mou_9", [0])]);
        var ex = Assert.Throws<ChurnDataException>(() => ChurnTagging.Tag(table));
        Assert.Equal("total_og_mou_9", ex.Column);
    }

    [Theory]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0 }, 0.7, 3.1)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 0.5, 2.5)]
    [InlineData(new[] { 5.0 }, 0.7, 5.0)]
    [InlineData(new[] { 1.0, 2.0 }, 1.0, 2.0)]
    [InlineData(new[] { 1.0, double.NaN, 2.0 }, 0.0, 1.0)]
    public void Linear_SmallInputs_InterpolatesLikePandas(double[] values, double q, double expected) =>
        Assert.Equal(expected, Quantile.Linear(values, q), 12);

    [Fact]
    public void Linear_QOutsideUnitInterval_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantile.Linear([1.0], 1.5));
}
