using Churn.Experiments.Data;

namespace Churn.Tests.Experiments.Data;

public sealed class CsvNumberTests
{
    [Theory]
    [InlineData("265,1", ',', 265.1)]
    [InlineData(" -0,5 ", ',', -0.5)]
    [InlineData("1,5e3", ',', 1500.0)]
    [InlineData("42", ',', 42.0)]
    [InlineData("265.1", '.', 265.1)]
    public void TryParse_WithSeparator_ReadsTheNumber(string cell, char separator, double expected)
    {
        Assert.True(CsvNumber.TryParse(cell, separator, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1.234,5", ',')] // a thousands point is never guessed at
    [InlineData("265.1", ',')]
    [InlineData("265,1", '.')]
    [InlineData("1,2,3", ',')]
    public void TryParse_OtherFormat_IsNotANumber(string cell, char separator) =>
        Assert.False(CsvNumber.TryParse(cell, separator, out _));

    [Fact]
    public void Read_SemicolonFileWithDecimalCommas_DetectsAndParses()
    {
        using var csv = new TempCsv("id;minutes;plan\n1;265,1;Yes\n2;10;No\n3;0,5;Yes\n");
        var table = CsvTableReader.Read(csv.FilePath);

        Assert.Equal([265.1, 10.0, 0.5], table.Numeric("minutes").Values);
        Assert.Equal(',', table.NumberFormat.DecimalSeparator);
        Assert.True(table.NumberFormat.Detected);
        Assert.Contains("'265,1' in column 'minutes'", table.NumberFormat.Notice);
    }

    [Fact]
    public void Open_SemicolonFileWithDecimalCommas_StreamedReaderAgreesWithTableReader()
    {
        using var csv = new TempCsv("id;minutes\n1;265,1\n2;3,25\n");
        using var reader = CsvRowReader.Open(csv.FilePath);
        var values = new List<double>();
        while (reader.Read()) values.Add(reader.GetDouble(1));

        Assert.Equal([265.1, 3.25], values);
        Assert.Equal(CsvTableReader.Read(csv.FilePath).Numeric("minutes").Values, values);
    }

    [Fact]
    public void Read_CommaFileWithQuotedDecimalCommas_ErrorNamesCellAndOption()
    {
        using var csv = new TempCsv("id,minutes\n1,\"265,1\"\n2,\"3,5\"\n3,4\n");
        var ex = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(csv.FilePath));

        Assert.Equal("minutes", ex.Column);
        Assert.Equal(1, ex.Row);
        Assert.Equal("265,1", ex.Value);
        Assert.Contains("decimal comma", ex.Message);
        Assert.Contains("--decimal ,", ex.Message);
    }

    [Fact]
    public void Read_GivenDecimalComma_ParsesQuotedCommaFile()
    {
        using var csv = new TempCsv("id,minutes\n1,\"265,1\"\n2,4\n");
        var table = CsvTableReader.Read(csv.FilePath, new CsvReadOptions { DecimalSeparator = ',' });

        Assert.Equal([265.1, 4.0], table.Numeric("minutes").Values);
        Assert.False(table.NumberFormat.Detected);
        Assert.Null(table.NumberFormat.Notice);
    }

    [Fact]
    public void Read_SemicolonFileMixingPointAndComma_RefusesAsAmbiguous()
    {
        using var csv = new TempCsv("a;b\n1.5;2,5\n2.5;3,5\n");
        var ex = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(csv.FilePath));

        Assert.Equal("b", ex.Column);
        Assert.Contains("ambiguous", ex.Message);
        Assert.Contains("'1.5' in column 'a'", ex.Message);
    }

    [Fact]
    public void Read_GivenDecimalPointOnCommaNumbers_NeverBecomesText()
    {
        using var csv = new TempCsv("id;minutes\n1;265,1\n2;3\n");
        var ex = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(csv.FilePath, new CsvReadOptions { DecimalSeparator = '.' }));

        Assert.Equal("minutes", ex.Column);
        Assert.Contains("given with --decimal .", ex.Message);
    }
}
