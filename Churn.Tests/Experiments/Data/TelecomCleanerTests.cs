using Churn.Experiments.Data;

namespace Churn.Tests.Experiments.Data;

public sealed class TelecomCleanerTests
{
    private static readonly Lazy<ColumnTable> Raw = new(() => CsvTableReader.Read(TestFiles.Telecom1000));

    [Fact]
    public void Clean_Telecom1000_CallMinuteBlanksFollowTheZeroTotalPattern()
    {
        var result = TelecomCleaner.Clean(Raw.Value);

        // README: 3.7 / 4.2 / 6.1 / 8.6 % of the 1,000 rows, all 29 components blank together, totals 0.
        Assert.Equal([37, 42, 61, 86], result.CallMinutes.Select(c => c.BlankRows));
        Assert.All(result.CallMinutes, c => Assert.Equal(0, c.PartiallyBlankRows));
        Assert.All(result.CallMinutes, c => Assert.Empty(c.BlankWithNonZeroTotalRows));
        Assert.Equal([37 * 29, 42 * 29, 61 * 29, 86 * 29], result.CallMinutes.Select(c => c.FilledCells));
        foreach (var name in TelecomSchema.CallMinuteComponents.SelectMany(b => TelecomSchema.Months.Select(m => TelecomSchema.ColumnFor(b, m))))
            Assert.Equal(0, result.Table.Numeric(name).MissingCount);
    }

    [Fact]
    public void Clean_Telecom1000_DataRechargeBlockFilledWithZero()
    {
        var result = TelecomCleaner.Clean(Raw.Value);

        Assert.Equal([746, 741, 732, 731], result.DataRecharges.Select(c => c.BlankRows));
        Assert.Empty(result.DataRecharges[0].BlankWithVolumeRows); // README: none in month 6
        foreach (var month in TelecomSchema.Months)
            foreach (var b in TelecomSchema.DataRechargeBlock.Where(b => b != "date_of_last_rech_data"))
                Assert.Equal(0, result.Table.Numeric(TelecomSchema.ColumnFor(b, month)).MissingCount);
        // Dates stay as read.
        Assert.Equal(746, result.Table.Text("date_of_last_rech_data_6").MissingCount);
        Assert.Equal(Raw.Value.ColumnNames, result.Table.ColumnNames);
    }

    [Fact]
    public void Clean_Telecom1000_LeavesOtherColumnsUntouched()
    {
        var result = TelecomCleaner.Clean(Raw.Value);
        Assert.Same(Raw.Value.Column("arpu_6"), result.Table.Column("arpu_6"));
        Assert.Same(Raw.Value.Column("loc_og_t2o_mou"), result.Table.Column("loc_og_t2o_mou"));
        Assert.Equal(9, Raw.Value.Numeric("loc_og_t2o_mou").MissingCount);
    }

    [Fact]
    public void Clean_BlankComponentWithNonZeroTotal_LeftMissingAndReported()
    {
        var components = TelecomSchema.CallMinuteComponents.Select(b => TelecomSchema.ColumnFor(b, 6)).ToList();
        var columns = components.Select(n => (TableColumn)new NumericColumn(n, [double.NaN, double.NaN, 1.0])).ToList();
        columns.Add(new NumericColumn("total_og_mou_6", [0.0, 12.0, 1.0]));
        columns.Add(new NumericColumn("total_ic_mou_6", [0.0, 0.0, 1.0]));
        var result = TelecomCleaner.Clean(new ColumnTable(columns));

        var check = Assert.Single(result.CallMinutes);
        Assert.Equal(2, check.BlankRows);
        Assert.Equal([1], check.BlankWithNonZeroTotalRows);
        Assert.Equal(0.0, result.Table.Numeric("onnet_mou_6")[0]);
        Assert.True(double.IsNaN(result.Table.Numeric("onnet_mou_6")[1]));
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("Month 6: 1 rows", warning);
        Assert.Contains("First rows (1-based): 2", warning);
    }

    [Fact]
    public void Clean_PartiallyBlankMonth_Reported()
    {
        var components = TelecomSchema.CallMinuteComponents.Select(b => TelecomSchema.ColumnFor(b, 7)).ToList();
        var columns = components.Select((n, k) => (TableColumn)new NumericColumn(n, [k == 0 ? double.NaN : 0.0])).ToList();
        columns.Add(new NumericColumn("total_og_mou_7", [0.0]));
        columns.Add(new NumericColumn("total_ic_mou_7", [0.0]));
        var result = TelecomCleaner.Clean(new ColumnTable(columns));
        Assert.Equal(1, result.CallMinutes[0].PartiallyBlankRows);
        Assert.Contains(result.Warnings, w => w.Contains("some but not all", StringComparison.Ordinal));
    }

    [Fact]
    public void Clean_NoDataRechargeButVolume_ReportedAndFilled()
    {
        var table = new ColumnTable(
        [
            new NumericColumn("total_rech_data_8", [double.NaN, double.NaN, 2]),
            new NumericColumn("av_rech_amt_data_8", [double.NaN, double.NaN, 150]),
            new NumericColumn("vol_2g_mb_8", [0, 3.5, 10]),
            new NumericColumn("vol_3g_mb_8", [0, 0, 0]),
        ]);
        var result = TelecomCleaner.Clean(table);
        var check = Assert.Single(result.DataRecharges);
        Assert.Equal(2, check.BlankRows);
        Assert.Equal([1], check.BlankWithVolumeRows);
        Assert.Equal([0.0, 0.0, 150.0], result.Table.Numeric("av_rech_amt_data_8").Values);
        Assert.Contains(result.Warnings, w => w.Contains("Month 8: 1 rows have no data recharge", StringComparison.Ordinal));
    }
}
