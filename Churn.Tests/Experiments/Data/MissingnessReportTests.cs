using Churn.Experiments.Data;

namespace Churn.Tests.Experiments.Data;

public sealed class MissingnessReportTests
{
    private static readonly Lazy<MissingnessReport> Report = new(() => MissingnessReport.Compute(CsvTableReader.Read(TestFiles.Telecom1000)));

    private static double Percent(double fraction) => Math.Round(fraction * 100, 1, MidpointRounding.AwayFromZero);

    [Fact]
    public void Compute_Telecom1000_OverallFiguresMatchDataReadme()
    {
        var report = Report.Value;
        Assert.Equal(226_000, report.Cells);
        Assert.Equal(16.0, Percent(report.OverallFraction));
        Assert.Equal(166, report.ColumnsWithMissing);
        Assert.Equal(40, report.ColumnsAbove(0.30).Count);
        Assert.All(report.ColumnsAbove(0.30), c => Assert.Equal(TelecomColumnGroup.DataRecharge, c.Group));
    }

    [Theory]
    [InlineData(TelecomColumnGroup.CallMinuteComponent, new[] { 3.7, 4.2, 6.1, 8.6 })]
    [InlineData(TelecomColumnGroup.MonthEndDate, new[] { 0.0, 0.8, 1.2, 1.7 })]
    [InlineData(TelecomColumnGroup.RechargeDate, new[] { 1.4, 2.4, 3.6, 5.1 })]
    [InlineData(TelecomColumnGroup.DataRecharge, new[] { 74.6, 74.1, 73.2, 73.1 })]
    [InlineData(TelecomColumnGroup.Arpu, new[] { 0.0, 0.0, 0.0, 0.0 })]
    [InlineData(TelecomColumnGroup.CallMinuteTotal, new[] { 0.0, 0.0, 0.0, 0.0 })]
    [InlineData(TelecomColumnGroup.Recharge, new[] { 0.0, 0.0, 0.0, 0.0 })]
    [InlineData(TelecomColumnGroup.DataVolume, new[] { 0.0, 0.0, 0.0, 0.0 })]
    [InlineData(TelecomColumnGroup.Packs, new[] { 0.0, 0.0, 0.0, 0.0 })]
    [InlineData(TelecomColumnGroup.Vbc, new[] { 0.0, 0.0, 0.0, 0.0 })]
    public void Compute_Telecom1000_GroupMonthPercentagesMatchDataReadme(TelecomColumnGroup group, double[] percents)
    {
        var actual = TelecomSchema.Months.Select(m => Percent(Report.Value.Group(group, m)!.Fraction)).ToArray();
        Assert.Equal(percents, actual);
    }

    [Fact]
    public void Compute_Telecom1000_MonthlessGroups()
    {
        var report = Report.Value;
        Assert.Equal(0.9, Percent(report.Group(TelecomColumnGroup.NoMonthConstant, null)!.Fraction));
        Assert.Equal(0.0, report.Group(TelecomColumnGroup.Id, null)!.Fraction);
        Assert.Equal(0.0, report.Group(TelecomColumnGroup.Aon, null)!.Fraction);
        Assert.Equal(29, report.Group(TelecomColumnGroup.CallMinuteComponent, 6)!.Columns);
        Assert.Equal(10, report.Group(TelecomColumnGroup.DataRecharge, 9)!.Columns);
    }

    [Fact]
    public void Compute_SmallTable_CountsPerColumn()
    {
        var table = new ColumnTable([new NumericColumn("a", [1, double.NaN]), new TextColumn("b", [null, null])]);
        var report = MissingnessReport.Compute(table);
        Assert.Equal([1, 2], report.Columns.Select(c => c.Missing));
        Assert.Equal(0.75, report.OverallFraction);
        Assert.Equal(TelecomColumnGroup.Unknown, Assert.Single(report.Groups).Group);
    }
}
