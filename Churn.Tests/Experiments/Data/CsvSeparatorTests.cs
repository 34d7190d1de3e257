using Churn.Experiments.Data;
using Churn.Tests.Experiments.Commands;

namespace Churn.Tests.Experiments.Data;

public sealed class CsvSeparatorTests
{
    [Theory]
    [InlineData(";")]
    [InlineData("\t")]
    [InlineData("|")]
    public void Read_OtherSeparatorInHeader_ReadAsThatSeparator(string separator)
    {
        using var temp = new TempFolder();
        var rows = new[] { "id,plan,minutes,churn", "a1,basic,10.5,yes", "a2,plus,,no", "a3,basic,7,no" };
        var path = temp.Write("x.csv", string.Join("\n", rows.Select(r => r.Replace(",", separator))) + "\n");

        var table = CsvTableReader.Read(path);

        Assert.Equal(["id", "plan", "minutes", "churn"], table.ColumnNames);
        Assert.Equal([10.5, double.NaN, 7], table.Numeric("minutes").Values);
        Assert.Equal(new string?[] { "basic", "plus", "basic" }, table.Text("plan").Values);
    }

    [Fact]
    public void Read_SemicolonHeaderWithCommaInANameAndAQuotedName_ReadAsSemicolons()
    {
        // As pandas' to_csv(sep=";", decimal=",") writes it: a quoted name with quotes inside, a name holding
        // a comma, decimal commas in the rows. Parsed as ',' CSV the quoted name would look malformed.
        using var temp = new TempFolder();
        var path = temp.Write("x.csv", "\"Customer \"\"ID\"\"\";monthly charge, $;plan\nC1;60,5;basic\nC2;;plus\nC3;7,25;basic\n");

        var table = CsvTableReader.Read(path);

        Assert.Equal(["Customer \"ID\"", "monthly charge, $", "plan"], table.ColumnNames);
        Assert.Equal([60.5, double.NaN, 7.25], table.Numeric("monthly charge, $").Values);
    }

    [Theory]
    [InlineData("a,b;c", null)]          // a tie keeps ','
    [InlineData("a;b;c,d", ';')]
    [InlineData("\"a;b;c\",d", null)]     // separators inside quotes do not count
    [InlineData("a\tb\tc;d", '\t')]
    [InlineData("a|b", '|')]
    public void DetectSeparator_CountsOutsideQuotes(string header, char? expected) =>
        Assert.Equal(expected, CsvRowReader.DetectSeparator(header));

    [Fact]
    public void Read_Utf8BomAndCrLf_HeaderNamesClean()
    {
        using var temp = new TempFolder();
        var path = temp.File("bom.csv");
        File.WriteAllText(path, "customerID,x\r\nc1,1\r\nc2,2\r\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var table = CsvTableReader.Read(path);

        Assert.Equal(["customerID", "x"], table.ColumnNames);
        Assert.Equal([1.0, 2.0], table.Numeric("x").Values);
    }
}
