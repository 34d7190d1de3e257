using System.Globalization;
using System.Text;
using Churn.Experiments.Data;

namespace Churn.Tests.Experiments.Data;

/// <summary>
/// A quote-free file of at least <see cref="CsvFileLayout.MinimumSplitLength"/> bytes is read on two cores;
/// the same rows with one quoted header name are read in one pass. Both must give the same table and the
/// same errors, wherever in the file the rows that matter lie.
/// </summary>
public sealed class CsvTableReaderSplitTests
{
    private const int Rows = 250_000;

    /// <summary>Rows with blanks, a blank line early, and categories that first appear late in the file.</summary>
    private static string Content(string newline, bool quotedHeader, Func<int, string?>? amountOf = null, int raggedRow = -1, string start = "")
    {
        var text = new StringBuilder(start + (quotedHeader ? "\"id\"" : "id") + ",amount,plan,note" + newline);
        for (var i = 1; i <= Rows; i++)
        {
            if (i == 1000) text.Append(newline); // a blank line in the first half: the second half's rows move up
            var amount = amountOf?.Invoke(i) ?? (i % 7 == 0 ? "" : (i * 0.25).ToString(CultureInfo.InvariantCulture));
            var plan = i > Rows * 3 / 4 && i % 500 == 0 ? "late" + (i % 3) : "p" + (i * 7919 % 40);
            text.Append(i).Append(',').Append(amount).Append(',').Append(plan).Append(',').Append(i % 5 == 0 ? "" : "n" + (i % 2));
            if (i == raggedRow) text.Append(",extra");
            text.Append(newline);
        }
        return text.ToString();
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Read_SplitFile_SameTableAsOnePass(string newline)
    {
        using var split = new TempCsv(Content(newline, quotedHeader: false));
        using var onePass = new TempCsv(Content(newline, quotedHeader: true));
        Assert.NotNull(CsvFileLayout.Inspect(split.FilePath).Split);
        Assert.Null(CsvFileLayout.Inspect(onePass.FilePath).Split);

        var a = CsvTableReader.Read(split.FilePath);
        var b = CsvTableReader.Read(onePass.FilePath);

        Assert.Equal(Rows, a.RowCount);
        Assert.Equal(b.ColumnNames, a.ColumnNames);
        foreach (var name in a.ColumnNames)
        {
            Assert.Equal(b.Column(name).GetType(), a.Column(name).GetType());
            if (a.Column(name) is NumericColumn numeric) Assert.Equal(b.Numeric(name).Values, numeric.Values);
            else Assert.Equal(b.Text(name).Values, a.Text(name).Values);
        }
        Assert.Equal(Enumerable.Range(0, Rows).Select(b.LineOf), Enumerable.Range(0, Rows).Select(a.LineOf));
        Assert.Equal(1002, a.LineOf(999)); // row 1000 comes after the blank line
    }

    [Theory]
    [InlineData(10)]       // the sample
    [InlineData(40_000)]   // first half
    [InlineData(240_000)]  // second half
    public void Read_StrayWordInNumbers_SameErrorAsOnePass(int badRow)
    {
        string? Amount(int i) => i == badRow ? "oops" : (i * 0.5).ToString(CultureInfo.InvariantCulture);
        using var split = new TempCsv(Content("\n", quotedHeader: false, Amount));
        using var onePass = new TempCsv(Content("\n", quotedHeader: true, Amount));
        Assert.NotNull(CsvFileLayout.Inspect(split.FilePath).Split);

        var a = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(split.FilePath));
        var b = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(onePass.FilePath));

        Assert.Equal(b.Problem, a.Problem);
        Assert.Equal((b.Row, b.Line, b.Column, b.Value), (a.Row, a.Line, a.Column, a.Value));
        Assert.Equal((badRow, "amount", "oops"), (a.Row!.Value, a.Column, a.Value));
    }

    [Fact]
    public void Read_RaggedRowInSecondHalf_SameErrorAsOnePass()
    {
        using var split = new TempCsv(Content("\n", quotedHeader: false, raggedRow: 200_000));
        using var onePass = new TempCsv(Content("\n", quotedHeader: true, raggedRow: 200_000));
        Assert.NotNull(CsvFileLayout.Inspect(split.FilePath).Split);

        var a = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(split.FilePath));
        var b = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(onePass.FilePath));

        Assert.Equal(b.Problem, a.Problem);
        Assert.Equal((b.Row, b.Line), (a.Row, a.Line));
        Assert.Equal(200_000, a.Row);
    }

    /// <summary>Cells the bytes path does not read itself: long decimals, exponents, spaces, non-ASCII, tokens.</summary>
    private static string? AwkwardAmount(int i, bool tokens) => (i % 11) switch
    {
        0 => (i / 3.0).ToString("R", CultureInfo.InvariantCulture),     // 16-17 digits
        1 => (i * 1.5).ToString("E3", CultureInfo.InvariantCulture),     // exponent
        2 => " " + i + " ",
        3 => "\t" + i,
        4 => "-999",
        5 => tokens ? "NA" : "",
        6 => "   ",
        _ => (i * 0.125 - 5000).ToString(CultureInfo.InvariantCulture),
    };

    [Theory]
    [InlineData("\n", "", false)]
    [InlineData("\r\n", "\uFEFF", false)]
    [InlineData("\n", "\uFEFF", true)]
    public void Read_SplitFileWithAwkwardCells_SameTableAsOnePass(string newline, string start, bool tokens)
    {
        using var split = new TempCsv(Content(newline, quotedHeader: false, i => AwkwardAmount(i, tokens), start: start).Replace(",n1", ",\u00e9t\u00e9"));
        using var onePass = new TempCsv(Content(newline, quotedHeader: true, i => AwkwardAmount(i, tokens), start: start).Replace(",n1", ",\u00e9t\u00e9"));
        Assert.NotNull(CsvFileLayout.Inspect(split.FilePath).Split);
        var options = new CsvReadOptions { MissingTokens = tokens ? ["NA", "-999"] : [] };

        var a = CsvTableReader.Read(split.FilePath, options);
        var b = CsvTableReader.Read(onePass.FilePath, options);

        Assert.Equal(["id", "amount", "plan", "note"], a.ColumnNames);
        Assert.IsType<NumericColumn>(a.Column("amount"));
        Assert.Equal(b.Numeric("amount").Values.Select(BitConverter.DoubleToInt64Bits), a.Numeric("amount").Values.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(tokens, double.IsNaN(a.Numeric("amount").Values[3])); // row 4's "-999" is missing only as a token
        Assert.Equal(b.Text("note").Values, a.Text("note").Values);
        Assert.Contains("\u00e9t\u00e9", a.Text("note").Values);
        Assert.Equal(Enumerable.Range(0, Rows).Select(b.LineOf), Enumerable.Range(0, Rows).Select(a.LineOf));
    }

    /// <summary>Text cells that repeat (remembered by their bytes), with tokens, spaces, long and non-ASCII ones.</summary>
    private static string RepeatedText(bool quotedHeader, string[] plans)
    {
        var text = new StringBuilder((quotedHeader ? "\"id\"" : "id") + ",plan,amount\n");
        for (var i = 1; i <= Rows; i++)
            text.Append(i).Append(',').Append(plans[i * 7919 % plans.Length]).Append(',').Append(i * 0.5).Append('\n');
        return text.ToString();
    }

    [Fact]
    public void Read_SplitFileWithRepeatedTextCells_SameTableAsOnePass()
    {
        string[] plans = ["NA", "p1", " p1", "p1 ", "12", "\u00e9t\u00e9", new string('x', 40), new string('x', 41), "", "  ", "p2"];
        using var split = new TempCsv(RepeatedText(quotedHeader: false, plans));
        using var onePass = new TempCsv(RepeatedText(quotedHeader: true, plans));
        Assert.NotNull(CsvFileLayout.Inspect(split.FilePath).Split);
        var options = new CsvReadOptions { MissingTokens = ["NA"] };

        var a = CsvTableReader.Read(split.FilePath, options);
        var b = CsvTableReader.Read(onePass.FilePath, options);

        Assert.Equal(b.Text("plan").Values, a.Text("plan").Values);
        Assert.Equal(b.Text("plan").MissingCount, a.Text("plan").MissingCount);
        Assert.Contains(" p1", a.Text("plan").Values);
    }

    [Fact]
    public void Read_SplitFileMostlyNumbersInASampledTextColumn_SameErrorAsOnePass()
    {
        // The sample sees a word, so the column collects text; the numbers that dominate it make it an error naming the first word.
        string[] plans = ["12", "7.5", "12", "late", "12", "7.5", "3"];
        using var split = new TempCsv(RepeatedText(quotedHeader: false, plans));
        using var onePass = new TempCsv(RepeatedText(quotedHeader: true, plans));

        var a = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(split.FilePath));
        var b = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(onePass.FilePath));

        Assert.Equal(b.Problem, a.Problem);
        Assert.Equal((b.Row, b.Line, b.Column, b.Value), (a.Row, a.Line, a.Column, a.Value));
        Assert.Equal("late", a.Value);
    }

    [Theory]
    [InlineData(false)] // the only line end past the middle is the file's last byte
    [InlineData(true)]  // ... and the last line has none: the middle has no line end at all
    public void Inspect_NoLineEndPastTheMiddleButTheLast_RowsExact(bool lastLineEnded)
    {
        // A large file whose last row is more than half of it: the cut after the middle would be the end of the file.
        var text = new StringBuilder("id,note\n");
        var rows = 0;
        while (text.Length < CsvFileLayout.MinimumSplitLength / 2) text.Append(rows++).Append(",n\n");
        text.Append(rows++).Append(',').Append('x', (int)CsvFileLayout.MinimumSplitLength / 2 + 1000);
        if (lastLineEnded) text.Append('\n');
        using var csv = new TempCsv(text.ToString());

        var layout = CsvFileLayout.Inspect(csv.FilePath);

        Assert.True(layout.Length >= CsvFileLayout.MinimumSplitLength);
        Assert.Null(layout.Split);
        Assert.Equal(rows, layout.RowsAtMost); // exact: no blank line, no quote
        Assert.Equal(rows, CsvTableReader.Read(csv.FilePath).RowCount);
    }
}
