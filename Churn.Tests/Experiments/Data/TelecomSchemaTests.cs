using Churn.Experiments.Data;

namespace Churn.Tests.Experiments.Data;

public sealed class TelecomSchemaTests
{
    [Theory]
    [InlineData("arpu_6", 6)]
    [InlineData("total_og_mou_9", 9)]
    [InlineData("jun_vbc_3g", 6)]
    [InlineData("jul_vbc_3g", 7)]
    [InlineData("aug_vbc_3g", 8)]
    [InlineData("sep_vbc_3g", 9)]
    [InlineData("date_of_last_rech_data_8", 8)]
    public void MonthOf_MonthlyColumn_ReturnsMonth(string column, int month) =>
        Assert.Equal(month, TelecomSchema.MonthOf(column));

    [Theory]
    [InlineData("aon")]
    [InlineData("mobile_number")]
    [InlineData("loc_og_t2o_mou")]
    [InlineData("arpu_3g")]
    [InlineData("x_5")]
    [InlineData("oct_vbc_3g")]
    public void MonthOf_MonthlessColumn_ReturnsNull(string column) =>
        Assert.Null(TelecomSchema.MonthOf(column));

    [Theory]
    [InlineData("mobile_number", TelecomColumnGroup.Id)]
    [InlineData("std_og_t2o_mou", TelecomColumnGroup.NoMonthConstant)]
    [InlineData("last_date_of_month_7", TelecomColumnGroup.MonthEndDate)]
    [InlineData("arpu_8", TelecomColumnGroup.Arpu)]
    [InlineData("std_ic_t2o_mou_6", TelecomColumnGroup.CallMinuteComponent)]
    [InlineData("og_others_9", TelecomColumnGroup.CallMinuteComponent)]
    [InlineData("total_ic_mou_6", TelecomColumnGroup.CallMinuteTotal)]
    [InlineData("last_day_rch_amt_6", TelecomColumnGroup.Recharge)]
    [InlineData("date_of_last_rech_6", TelecomColumnGroup.RechargeDate)]
    [InlineData("date_of_last_rech_data_6", TelecomColumnGroup.DataRecharge)]
    [InlineData("arpu_2g_7", TelecomColumnGroup.DataRecharge)]
    [InlineData("fb_user_8", TelecomColumnGroup.DataRecharge)]
    [InlineData("vol_3g_mb_6", TelecomColumnGroup.DataVolume)]
    [InlineData("sachet_2g_6", TelecomColumnGroup.Packs)]
    [InlineData("aon", TelecomColumnGroup.Aon)]
    [InlineData("sep_vbc_3g", TelecomColumnGroup.Vbc)]
    [InlineData("arpu", TelecomColumnGroup.Unknown)]
    [InlineData("Churn", TelecomColumnGroup.Unknown)]
    public void GroupOf_KnownColumns_ReturnsGroup(string column, TelecomColumnGroup group) =>
        Assert.Equal(group, TelecomSchema.GroupOf(column));

    [Fact]
    public void GroupOf_EveryColumnOfTheFile_IsKnownWithExpectedCounts()
    {
        var header = File.ReadLines(TestFiles.Telecom1000).First().Split(',');
        var groups = header.GroupBy(TelecomSchema.GroupOf).ToDictionary(g => g.Key, g => g.Count());
        Assert.False(groups.ContainsKey(TelecomColumnGroup.Unknown));
        Assert.Equal(29 * 4, groups[TelecomColumnGroup.CallMinuteComponent]);
        Assert.Equal(10 * 4, groups[TelecomColumnGroup.DataRecharge]);
        Assert.Equal(2 * 4, groups[TelecomColumnGroup.CallMinuteTotal]);
        Assert.Equal(4, groups[TelecomColumnGroup.Vbc]);
        Assert.Equal(226, header.Length);
    }

    [Theory]
    [InlineData("arpu", 8, "arpu_8")]
    [InlineData("vbc_3g", 9, "sep_vbc_3g")]
    [InlineData("vbc_3g", 6, "jun_vbc_3g")]
    public void ColumnFor_BaseAndMonth_RoundTripsWithBaseName(string baseName, int month, string column)
    {
        Assert.Equal(column, TelecomSchema.ColumnFor(baseName, month));
        Assert.Equal(baseName, TelecomSchema.BaseName(column));
    }

    [Fact]
    public void ColumnFor_MonthOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TelecomSchema.ColumnFor("arpu", 10));

    [Fact]
    public void ParseDate_MonthDayYear_ParsesInvariantly()
    {
        Assert.Equal(new DateOnly(2014, 6, 30), TelecomSchema.ParseDate("6/30/2014"));
        Assert.Null(TelecomSchema.ParseDate("  "));
        var ex = Assert.Throws<FormatException>(() => TelecomSchema.ParseDate("30/6/2014"));
        Assert.Contains("30/6/2014", ex.Message);
    }

    [Fact]
    public void ParseDate_LastDateOfMonthColumns_AreMonthEnds()
    {
        var table = CsvTableReader.Read(TestFiles.Telecom1000);
        foreach (var (month, day) in new[] { (6, 30), (7, 31), (8, 31), (9, 30) })
        {
            var dates = table.Text(TelecomSchema.ColumnFor("last_date_of_month", month)).Values
                .Select(TelecomSchema.ParseDate).Where(d => d is not null).Distinct().ToList();
            Assert.Equal([new DateOnly(2014, month, day)], dates.Select(d => d!.Value));
        }
    }
}
