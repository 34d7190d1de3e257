using Churn.Experiments.Data;

namespace Churn.Tests.Experiments.Data;

public sealed class ParsedRowStreamTests
{
    [Fact]
    public void Blocks_ManyRows_InFileOrderWithOnlyChosenColumns()
    {
        var text = "id,x,skip,plan\n" + string.Concat(Enumerable.Range(1, 10_000).Select(i => $"c{i},{i}.5,zz,{(i % 3 == 0 ? "" : "p" + (i % 2))}\n"));
        using var csv = new TempCsv(text);
        using var reader = CsvRowReader.Open(csv.FilePath);
        using var stream = new ParsedRowStream(reader, [1], [3], [0]);

        var seen = 0;
        foreach (var block in stream.Blocks())
            for (var r = 0; r < block.Count; r++)
            {
                seen++;
                Assert.Equal(seen, block.Rows[r]);
                Assert.Equal(seen + 0.5, block.Numbers[r]);
                Assert.Equal(seen % 3 == 0 ? null : "p" + (seen % 2), block.Texts[r]);
                Assert.Equal("c" + seen, block.Kept(r, 0).ToString());
            }
        Assert.Equal(10_000, seen);
    }

    [Fact]
    public void Blocks_BadCell_ThrownAfterEveryEarlierRow()
    {
        var rows = Enumerable.Range(1, 5000).Select(i => i == 4321 ? "oops" : i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var csv = new TempCsv("x\n" + string.Join("\n", rows) + "\n");
        using var reader = CsvRowReader.Open(csv.FilePath);
        using var stream = new ParsedRowStream(reader, [0], [], []);

        var seen = 0;
        var ex = Assert.Throws<ChurnDataException>(() =>
        {
            foreach (var block in stream.Blocks()) seen += block.Count;
        });
        Assert.Equal(4320, seen);
        Assert.Equal((4321, 4322, "x", "oops"), (ex.Row, ex.Line, ex.Column, ex.Value));
    }

    [Fact]
    public void Dispose_ConsumerStopsEarly_ProducerEnds()
    {
        using var csv = new TempCsv("x\n" + string.Join("\n", Enumerable.Range(1, 50_000)) + "\n");
        using var reader = CsvRowReader.Open(csv.FilePath);
        var stream = new ParsedRowStream(reader, [0], [], []);
        foreach (var block in stream.Blocks())
        {
            Assert.True(block.Count > 0);
            break;
        }
        stream.Dispose(); // must return: the producer is blocked on a full queue
    }

    /// <summary>Every row a stream hands out (row, number bits, texts, kept cells) and the error it ends with.</summary>
    private static (List<string> Rows, ChurnDataException? Error) Collect(string path, int pieceBytes, int[] numeric, int[] text, int[] kept,
        CsvReadOptions? options = null)
    {
        using var reader = CsvRowReader.Open(path, options);
        using var stream = new ParsedRowStream(reader, numeric, text, kept, pieceBytes);
        var rows = new List<string>();
        try
        {
            foreach (var block in stream.Blocks())
                for (var r = 0; r < block.Count; r++)
                    rows.Add(string.Join("|", [block.Rows[r].ToString(System.Globalization.CultureInfo.InvariantCulture),
                        .. Enumerable.Range(0, numeric.Length).Select(k => BitConverter.DoubleToInt64Bits(block.Numbers[r * numeric.Length + k]).ToString("X", System.Globalization.CultureInfo.InvariantCulture)),
                        .. Enumerable.Range(0, text.Length).Select(k => block.Texts[r * text.Length + k] ?? "<null>"),
                        .. Enumerable.Range(0, kept.Length).Select(k => block.Kept(r, k).ToString())]));
        }
        catch (ChurnDataException error)
        {
            return (rows, error);
        }
        return (rows, null);
    }

    private const int OnePass = 1 << 30; // pieces larger than the file: no parallel read

    [Fact]
    public void Blocks_ShippedRawRowsInSmallPieces_SameRowsAsOnePass()
    {
        var path = TestFiles.Telecom1000;
        int[] Columns(params string[] names)
        {
            using var reader = CsvRowReader.Open(path);
            return names.Select(reader.IndexOf).ToArray();
        }
        var numeric = Columns("circle_id", "arpu_6", "arpu_7", "onnet_mou_8", "total_ic_mou_8", "vol_3g_mb_9", "aon");
        var text = Columns("last_date_of_month_6", "date_of_last_rech_7");
        var kept = Columns("mobile_number", "arpu_8");

        var (pieces, piecesError) = Collect(path, 16 << 10, numeric, text, kept); // about 48 pieces
        var (one, oneError) = Collect(path, OnePass, numeric, text, kept);

        Assert.Null(piecesError);
        Assert.Null(oneError);
        Assert.Equal(1000, one.Count);
        Assert.Equal(one, pieces);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Blocks_BadCellInLaterPiece_SameRowsAndErrorAsOnePass(string newline)
    {
        var rows = Enumerable.Range(1, 20_000).Select(i => i == 15_001 ? "oops,a" : $"{i}.25,{(i % 7 == 0 ? "" : "t" + (i % 5))}");
        using var csv = new TempCsv("x,plan" + newline + string.Join(newline, rows) + newline);

        var (pieces, piecesError) = Collect(csv.FilePath, 4096, [0], [1], [1]);
        var (one, oneError) = Collect(csv.FilePath, OnePass, [0], [1], [1]);

        Assert.Equal(15_000, pieces.Count);
        Assert.Equal(one, pieces);
        Assert.NotNull(piecesError);
        Assert.Equal((15_001, 15_002, "x", "oops"), (piecesError.Row, piecesError.Line, piecesError.Column, piecesError.Value));
        Assert.Equal(oneError!.Message, piecesError.Message);
    }

    [Fact]
    public void Blocks_RaggedRowInLaterPiece_SameErrorAsOnePass()
    {
        var rows = Enumerable.Range(1, 20_000).Select(i => i == 12_345 ? "1,2,3" : $"{i},{i % 9}");
        using var csv = new TempCsv("x,y\n" + string.Join("\n", rows) + "\n");

        var (pieces, piecesError) = Collect(csv.FilePath, 4096, [0, 1], [], []);
        var (one, oneError) = Collect(csv.FilePath, OnePass, [0, 1], [], []);

        Assert.Equal(12_344, pieces.Count);
        Assert.Equal(one, pieces);
        Assert.Contains("row has 3 fields but the header has 2 columns", piecesError!.Message);
        Assert.Equal(oneError!.Message, piecesError.Message);
    }

    [Fact]
    public void Blocks_QuotedLineBreakInLaterPiece_RestReadInOnePass()
    {
        var rows = Enumerable.Range(1, 20_000).Select(i => i == 9_000 ? "9000,\"two\nlines, quoted\"" : $"{i},n{i % 4}");
        using var csv = new TempCsv("x,note\n" + string.Join("\n", rows) + "\n");

        var (pieces, piecesError) = Collect(csv.FilePath, 4096, [0], [1], [1]);
        var (one, oneError) = Collect(csv.FilePath, OnePass, [0], [1], [1]);

        Assert.Null(piecesError);
        Assert.Null(oneError);
        Assert.Equal(20_000, pieces.Count);
        Assert.Equal(one, pieces);
        Assert.Contains("9000|", pieces[8_999]);
        Assert.Contains("two\nlines, quoted", pieces[8_999]);
    }

    /// <summary>Rows of every shape the byte reader meets: quoted later in pieces, its rows must be those of one pass.</summary>
    private static string OddRows(string delimiter, string newline, int count) => string.Concat(Enumerable.Range(1, count).Select(i =>
        string.Join(delimiter, [
            "id" + i + (i % 11 == 0 ? "é" : ""),                                          // kept, sometimes not ASCII
            (i % 13) switch { 0 => "", 1 => "1e3", 2 => " 7 ", 3 => "-0", 4 => "12345678901234567", 5 => "0.5", 6 => "\u00a0", _ => (i * 0.37).ToString("R", System.Globalization.CultureInfo.InvariantCulture) },
            i % 3 == 0 && i > 5000 ? "NA" : (i % 5 == 0 ? "-999" : i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            i % 4 == 0 ? "" : "plan" + (i % 3) + (i % 7 == 0 ? " ñ" : ""),                 // text
            "skip,me".Replace(",", delimiter == "," ? "" : ",", StringComparison.Ordinal),   // never parsed
        ]) + newline + (i % 17 == 0 ? newline : ""))); // empty lines now and then

    [Theory]
    [InlineData(",", "\n", false)]
    [InlineData(",", "\r\n", true)]
    [InlineData(";", "\n", true)]
    [InlineData("\t", "\r\n", false)]
    public void Blocks_OddCellsInSmallPieces_SameRowsAsOnePass(string delimiter, string newline, bool missingTokens)
    {
        delimiter = System.Text.RegularExpressions.Regex.Unescape(delimiter);
        newline = System.Text.RegularExpressions.Regex.Unescape(newline);
        var text = string.Join(delimiter, "id", "x", "y", "plan", "skip") + newline + OddRows(delimiter, newline, 6000);
        using var csv = new TempCsv(text.TrimEnd('\r', '\n')); // the last line has no line end
        var options = new CsvReadOptions { Delimiter = delimiter[0], MissingTokens = missingTokens ? ["NA", "-999"] : [] };

        var (pieces, piecesError) = Collect(csv.FilePath, 8 << 10, [1, 2], [3], [0], options);
        var (one, oneError) = Collect(csv.FilePath, OnePass, [1, 2], [3], [0], options);

        Assert.Equal(oneError?.Message, piecesError?.Message);
        Assert.Equal(one.Count, pieces.Count);
        Assert.Equal(one, pieces);
        Assert.True(missingTokens ? oneError is null : oneError is not null); // "NA" is text unless it is a missing token
    }

    [Fact]
    public void Blocks_DecimalCommaInSmallPieces_SameRowsAsOnePass()
    {
        var rows = Enumerable.Range(1, 8000).Select(i => $"r{i};{i},25;{(i % 9 == 0 ? "" : i.ToString(System.Globalization.CultureInfo.InvariantCulture))};1,5e2");
        using var csv = new TempCsv("id;x;y;z\n" + string.Join("\n", rows) + "\n");

        var (pieces, piecesError) = Collect(csv.FilePath, 8 << 10, [1, 2, 3], [], [0]);
        var (one, oneError) = Collect(csv.FilePath, OnePass, [1, 2, 3], [], [0]);

        Assert.Null(oneError);
        Assert.Null(piecesError);
        Assert.Equal(8000, pieces.Count);
        Assert.Equal(one, pieces);
    }
}
