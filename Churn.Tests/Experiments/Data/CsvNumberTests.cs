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

    [Theory]
    [InlineData("1e400", '.', true)]
    [InlineData(" -2e308 ", '.', true)]
    [InlineData("1,5e400", ',', true)]
    [InlineData("1e308", '.', false)]     // a double
    [InlineData("1e-400", '.', false)]    // reads as 0: not refused at all
    [InlineData("Infinity", '.', false)]  // a word
    [InlineData("abc", '.', false)]
    [InlineData("1,5e400", '.', false)]   // not a number with a decimal point
    public void IsOutOfRange_OnlyNumbersTooLargeForADouble(string cell, char separator, bool outOfRange) =>
        Assert.Equal(outOfRange, CsvNumber.IsOutOfRange(cell, separator));

    [Theory]
    [InlineData("x,amount\n1,2.5\n2,1e400\n3,4\n", null)]          // a column of numbers
    [InlineData("x,amount\n1,\n2,1e400\n3,\n", "amount")]          // declared numeric, no other number
    [InlineData("x;amount\n1;2,5\n2;-1e400\n3;4,5\n", null)]       // decimal commas
    [InlineData("x,amount\n1,\n2,1e400\n3,-1e401\n", null)]        // nothing but numbers too large
    [InlineData("x,amount\n1,7\n2,1e400\n3,2e400\n", null)]         // as many too large as in range
    public void Read_NumberTooLargeForADouble_SaysSoNotText(string content, string? numeric)
    {
        using var csv = new TempCsv(content);
        var options = new CsvReadOptions { NumericColumns = numeric is null ? [] : [numeric] };

        var loaded = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(csv.FilePath, options));
        var streamed = Assert.Throws<ChurnDataException>(() =>
        {
            using var reader = CsvRowReader.Open(csv.FilePath, options);
            while (reader.Read()) reader.GetDouble(1);
        });

        foreach (var ex in new[] { loaded, streamed })
        {
            Assert.Contains("outside the range of a double", ex.Problem);
            Assert.DoesNotContain("found text", ex.Problem);
            Assert.Equal((2, 3, "amount"), (ex.Row, ex.Line, ex.Column));
            Assert.EndsWith("1e400", ex.Value);
        }
    }

    [Fact]
    public void Read_TooLargeNumbersAfterTheSample_SaySoNotText()
    {
        // Blank in every sampled row, so the column is read as numbers, meets only "1e400" later and is read again as text.
        var rows = Enumerable.Range(0, CsvTableReader.SampleRows + 5).Select(i => i + "," + (i < CsvTableReader.SampleRows ? "" : "1e400"));
        using var csv = new TempCsv("x,amount\n" + string.Join("\n", rows) + "\n");

        var ex = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(csv.FilePath));

        Assert.Contains("outside the range of a double", ex.Problem);
        Assert.Equal((CsvTableReader.SampleRows + 1, CsvTableReader.SampleRows + 2, "amount", "1e400"), (ex.Row, ex.Line, ex.Column, ex.Value));
    }

    [Fact]
    public void Read_TooLargeNumbersAfterTheSample_NamedBeforeALaterBrokenColumn()
    {
        // "amount" (first in the file) holds only "1e400" after the sample; "minutes", after it, has a stray word in
        // the sample. The first broken column in file order is the one named, as for every other error.
        var rows = Enumerable.Range(0, CsvTableReader.SampleRows + 5)
            .Select(i => i + "," + (i < CsvTableReader.SampleRows ? "" : "1e400") + "," + (i == 3 ? "oops" : i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var csv = new TempCsv("x,amount,minutes\n" + string.Join("\n", rows) + "\n");

        var ex = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(csv.FilePath));

        Assert.Contains("outside the range of a double", ex.Problem);
        Assert.Equal((CsvTableReader.SampleRows + 1, CsvTableReader.SampleRows + 2, "amount", "1e400"), (ex.Row, ex.Line, ex.Column, ex.Value));
    }

    [Fact]
    public void Read_WordsBesideATooLargeNumber_StayText()
    {
        using var csv = new TempCsv("x,plan\n1,1e400\n2,Gold\n3,1e400\n");

        var table = CsvTableReader.Read(csv.FilePath);

        Assert.Equal(new string?[] { "1e400", "Gold", "1e400" }, ((TextColumn)table.Column("plan")).Values);
    }

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
