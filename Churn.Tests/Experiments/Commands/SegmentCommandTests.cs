namespace Churn.Tests.Experiments.Commands;

/// <summary>`segment` on columns whose spread dwarfs most of their values.</summary>
[Trait("Kind", "Process")]
public sealed class SegmentCommandTests
{
    private static string Rows(string large) => "x,y\n1,1\n2,1\n3,1\n4,2\n" + large + ",2\n6,3\n";

    [Theory]
    [InlineData("1e12", "--data")]
    [InlineData("1e17", "--data")] // mapping the standardised centre back gave 4
    [InlineData("1e20", "--data")] // and 0 here
    [InlineData("1e17", "--source")] // through DuckDB alike
    public void Segment_OneHugeValue_CentresInOriginalUnitsAreTheMembersMeans(string large, string input)
    {
        using var temp = new TempFolder();
        var file = temp.Write("d.csv", Rows(large));
        var run = CliRun.Of("segment", input, input == "--source" ? "duckdb:" + file : file, "--features", "x,y", "--k", "2", "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        var json = run.Json();
        var sizes = json.GetProperty("sizes").EnumerateArray().Select(s => s.GetInt64()).ToList();
        var small = sizes.IndexOf(5);
        var centre = json.GetProperty("centers_original_units")[small];
        Assert.Equal(16.0 / 5, centre[0].GetDouble()); // (1 + 2 + 3 + 4 + 6) / 5
        Assert.Equal(8.0 / 5, centre[1].GetDouble());
        Assert.Equal(double.Parse(large, System.Globalization.CultureInfo.InvariantCulture), json.GetProperty("centers_original_units")[1 - small][0].GetDouble());
    }

    [Theory]
    [InlineData("1e160")] // the variance overflowed: centres of -1.95e143 and exit 0
    [InlineData("1e308")] // "x row 0, column 0 is NaN": the wrong row and value
    public void Segment_ValueTooLargeToStandardise_RefusedNamingColumnAndValue(string large)
    {
        using var temp = new TempFolder();
        var run = CliRun.Of("segment", "--data", temp.Write("d.csv", Rows(large)), "--features", "x,y", "--k", "2");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("column 'x' holds " + double.Parse(large, System.Globalization.CultureInfo.InvariantCulture).ToString("R", System.Globalization.CultureInfo.InvariantCulture), run.Error);
        Assert.Contains("too large to standardise", run.Error);
    }
}
