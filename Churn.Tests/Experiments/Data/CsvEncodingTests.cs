using System.Globalization;
using System.Text;
using Churn.Experiments.Data;
using Churn.Tests.Experiments.Commands;

namespace Churn.Tests.Experiments.Data;

/// <summary>
/// A file that is not UTF-8 is refused, never decoded with U+FFFD (Latin-1 "grün" and "grän" would become one
/// category), by every reader: the whole-file loader in one pass and on two cores, the streaming reader in one
/// pass and in pieces, and bytes held in memory (uploads). UTF-16 without a byte-order mark is named as such;
/// with one it is read.
/// </summary>
public sealed class CsvEncodingTests
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    /// <summary>The review's file: plans "Basis-grün" and "Basis-grän" written in Latin-1, from row <paramref name="firstAccent"/> on.</summary>
    private static byte[] Plans(int rows, int firstAccent)
    {
        var text = new StringBuilder("id,a,plan,y\n");
        for (var i = 1; i <= rows; i++)
            text.Append(i).Append(',').Append((i * 0.25).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(i < firstAccent ? "Basis-gruen" : i % 2 == 0 ? "Basis-gr\u00fcn" : "Basis-gr\u00e4n").Append(',').Append(i % 3 == 0 ? 1 : 0).Append('\n');
        return Latin1.GetBytes(text.ToString());
    }

    private static string Write(TempFolder folder, string name, byte[] bytes)
    {
        var path = folder.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static ChurnDataException ReadAll(Func<CsvRowReader> open) =>
        Assert.Throws<ChurnDataException>(() =>
        {
            using var reader = open();
            while (reader.Read()) { }
        });

    [Fact]
    public void Read_Latin1_RefusedNamingFileRowLineColumnAndByteOffset()
    {
        using var folder = new TempFolder();
        var bytes = Plans(400, firstAccent: 3);
        var path = Write(folder, "l1.csv", bytes);

        var ex = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(path));

        Assert.Equal(path, ex.File);
        Assert.Equal((3, 4, "plan"), (ex.Row, ex.Line, ex.Column));
        var offset = Array.IndexOf(bytes, (byte)0xE4); // row 3: "Basis-grän"
        Assert.Contains("not valid UTF-8: byte 0xE4 at byte offset " + offset.ToString(CultureInfo.InvariantCulture), ex.Problem);
        Assert.Contains("iconv -f latin1 -t utf-8", ex.Problem);
        Assert.StartsWith("file '" + path + "', row 3, line 4, column 'plan': ", ex.Message);
    }

    [Fact]
    public void EveryReader_Latin1_SameRefusal()
    {
        using var folder = new TempFolder();
        var bytes = Plans(20_000, firstAccent: 15_001);
        var path = Write(folder, "l1.csv", bytes);
        var table = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(path));
        var streamed = ReadAll(() => CsvRowReader.Open(path));
        var upload = ReadAll(() => CsvRowReader.FromBytes(bytes, "uploaded file"));
        var pieces = ReadPieces(path, 4096, [1], [2]);
        var piecesOtherColumns = ReadPieces(path, 4096, [1], []); // the bad column is not one the pieces look at

        Assert.Equal((15_001, 15_002, "plan"), (table.Row, table.Line, table.Column));
        foreach (var other in new[] { streamed, upload, pieces, piecesOtherColumns })
        {
            Assert.Equal(table.Problem, other.Problem);
            Assert.Equal((table.Row, table.Line, table.Column), (other.Row, other.Line, other.Column));
        }
        Assert.Equal("uploaded file", upload.File);
    }

    [Fact]
    public void Read_Latin1InTheSecondHalfOfASplitFile_RefusedAsInOnePass()
    {
        const int rows = 250_000;
        using var folder = new TempFolder();
        var bytes = Plans(rows, firstAccent: 240_000);
        var path = Write(folder, "big.csv", bytes);
        var ascii = Write(folder, "ascii.csv", Plans(rows, firstAccent: rows + 1));
        Assert.NotNull(CsvFileLayout.Inspect(ascii).Split); // the same file in ASCII is read on two cores
        Assert.Null(CsvFileLayout.Inspect(path).Split);

        var ex = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(path));

        Assert.Equal((240_000, 240_001, "plan"), (ex.Row, ex.Line, ex.Column));
        Assert.Contains("not valid UTF-8", ex.Problem);
    }

    [Fact]
    public void Cli_TrainOnLatin1_Exit2NamingTheFileAndTheFix()
    {
        using var folder = new TempFolder();
        var path = Write(folder, "l1.csv", Plans(400, firstAccent: 1));

        var run = CliRun.Of("train", "--data", path, "--label", "y", "--positive", "1", "--out", folder.File("m.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("l1.csv', row 1, line 2, column 'plan': the file is not valid UTF-8", run.Error);
        Assert.Contains("iconv", run.Error);
        Assert.False(File.Exists(folder.File("m.json")));
    }

    [Theory]
    [InlineData("a,b\n1,\"x\ny\u00fc\"\n", 1, 3, "b")]   // in a quoted field's second line
    [InlineData("a,b\n\n1,2\n\u00fc,3\n", 2, 4, "a")]    // after an empty line
    [InlineData("a\u00fc,b\n1,2\n", null, 1, null)]      // in the header
    [InlineData("a,b\r\n1,2\r\n3,4\u00fc\r\n", 2, 3, "b")]
    public void Read_Latin1Byte_PlacedAtItsRowLineAndColumn(string text, int? row, int line, string? column)
    {
        var bytes = Latin1.GetBytes(text);
        var ex = ReadAll(() => CsvRowReader.FromBytes(bytes, "x.csv"));
        Assert.Equal((row, line, column), (ex.Row, ex.Line, ex.Column));
        Assert.Contains("byte 0xFC at byte offset " + Array.IndexOf(bytes, (byte)0xFC).ToString(CultureInfo.InvariantCulture), ex.Problem);
    }

    [Fact]
    public void Read_Utf8CutAtTheEnd_Refused()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\n1,\u20ac").SkipLast(1).ToArray();
        var ex = ReadAll(() => CsvRowReader.FromBytes(bytes, "x.csv"));
        Assert.Contains("not valid UTF-8: it ends inside a character", ex.Problem);
        Assert.Equal((1, 2, "b"), (ex.Row, ex.Line, ex.Column));
    }

    [Theory]
    [InlineData("utf-16", "UTF-16LE")]
    [InlineData("utf-16BE", "UTF-16BE")]
    [InlineData("utf-32", "UTF-32")]
    public void Read_WideTextWithoutByteOrderMark_RefusedNamingTheEncoding(string encoding, string named)
    {
        var text = "State,Account length,Churn\n" + string.Concat(Enumerable.Range(1, 600).Select(i => "KS," + i + ",False\n"));
        var bytes = Encoding.GetEncoding(encoding).GetBytes(text); // GetBytes writes no byte-order mark
        using var folder = new TempFolder();
        var path = Write(folder, "wide.csv", bytes);

        var ex = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(path));
        var upload = ReadAll(() => CsvRowReader.FromBytes(bytes, "uploaded file"));

        Assert.Contains("looks like " + named + " text without a byte-order mark", ex.Problem);
        Assert.Contains("iconv -f " + named + " -t utf-8", ex.Problem);
        Assert.Equal(1, ex.Line);
        Assert.DoesNotContain("fields", ex.Problem); // it used to be "row 601, line 602: row has 1 fields"
        Assert.Equal(ex.Problem, upload.Problem);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    public void Read_WideTextWithByteOrderMark_ReadAsText(string encoding)
    {
        var wide = Encoding.GetEncoding(encoding);
        var bytes = wide.GetPreamble().Concat(wide.GetBytes("plan,x\nBasis-gr\u00fcn,1\nBasis-gr\u00e4n,2.5\n")).ToArray();
        using var folder = new TempFolder();
        var path = Write(folder, "wide.csv", bytes);

        var table = CsvTableReader.Read(path);
        using var upload = CsvRowReader.FromBytes(bytes, "uploaded file");

        Assert.Equal(["plan", "x"], table.ColumnNames);
        Assert.Equal(new string?[] { "Basis-gr\u00fcn", "Basis-gr\u00e4n" }, table.Text("plan").Values.ToArray());
        Assert.Equal([1, 2.5], table.Numeric("x").Values);
        Assert.Equal(["plan", "x"], upload.Header);
        Assert.True(upload.Read());
        Assert.Equal("Basis-gr\u00fcn", upload.Fields[0]);
    }

    [Theory]
    [InlineData("utf-16", "UTF-16LE")]
    [InlineData("utf-16BE", "UTF-16BE")]
    public void Read_WideTextWithALoneSurrogate_RefusedAtItsRowAndColumn(string encoding, string named)
    {
        // A lone high surrogate in the second row's plan: a strict decoder refuses it, a lenient one made it U+FFFD.
        var wide = Encoding.GetEncoding(encoding);
        var surrogate = encoding == "utf-16" ? new byte[] { 0x00, 0xD8 } : [0xD8, 0x00];
        var bytes = wide.GetPreamble().Concat(wide.GetBytes("plan,x\nGold,1\nBasis-")).Concat(surrogate)
            .Concat(wide.GetBytes(",2.5\nGold,3\n")).ToArray();
        using var folder = new TempFolder();
        var path = Write(folder, "wide.csv", bytes);

        var loaded = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(path));
        var upload = Assert.Throws<ChurnDataException>(() =>
        {
            using var reader = CsvRowReader.FromBytes(bytes, "uploaded file");
            while (reader.Read()) { }
        });

        foreach (var ex in new[] { loaded, upload })
        {
            Assert.Contains("not valid " + named, ex.Problem);
            Assert.Equal((2, 3, "plan"), (ex.Row, ex.Line, ex.Column));
        }
    }

    [Theory]
    [InlineData("utf-16", new byte[] { 0x00, 0xD8 }, "bytes 0x00 0xD8 at byte offset 30 ")]                // lone high surrogate
    [InlineData("utf-16BE", new byte[] { 0xDC, 0x00 }, "bytes 0xDC 0x00 at byte offset 30 ")]              // lone low surrogate
    [InlineData("utf-32", new byte[] { 0x00, 0x00, 0x11, 0x00 }, "bytes 0x00 0x00 0x11 0x00 at byte offset 60 ")] // past U+10FFFF
    public void CsvText_BadWideUnit_NamesItsOwnBytesOnly(string encoding, byte[] unit, string named)
    {
        // The text after the bad unit is in the same buffer: the message names the unit, not everything buffered after it.
        var wide = Encoding.GetEncoding(encoding);
        var bytes = wide.GetPreamble().Concat(wide.GetBytes("plan,x\nGold,1\n")).Concat(unit)
            .Concat(wide.GetBytes(string.Concat(Enumerable.Repeat("Gold,3\n", 100)))).ToArray();
        using var reader = new CsvText(new MemoryStream(bytes), fileStart: true);

        var ex = Assert.Throws<CsvEncodingException>(() => reader.ReadToEnd());

        Assert.Contains(named, ex.Problem);
        Assert.True(ex.Problem.Length < 400, ex.Problem);
    }

    [Theory]
    [InlineData("utf-16", new byte[] { 0x00, 0xD8, 0x41, 0x00 }, "(a lone surrogate)")]
    [InlineData("utf-32", new byte[] { 0x00, 0xD8, 0x00, 0x00 }, "(a lone surrogate)")]
    [InlineData("utf-32", new byte[] { 0x00, 0x00, 0x11, 0x00 }, "(a value past U+10FFFF, the last character)")]
    [InlineData("utf-32BE", new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, "(a value past U+10FFFF, the last character)")]
    [InlineData("utf-16", new byte[] { 0x41 }, "(a character cut off at the end of the file)")]
    [InlineData("utf-32", new byte[] { 0x41, 0x00 }, "(a character cut off at the end of the file)")]
    public void CsvText_BadWideUnit_SaysWhyItIsNotACharacter(string encoding, byte[] tail, string why)
    {
        var wide = Encoding.GetEncoding(encoding);
        var bytes = wide.GetPreamble().Concat(wide.GetBytes("plan,x\nGold,1\n")).Concat(tail).ToArray();
        using var reader = new CsvText(new MemoryStream(bytes), fileStart: true);

        var ex = Assert.Throws<CsvEncodingException>(() => reader.ReadToEnd());

        Assert.Contains("are not a character " + why + ";", ex.Problem);
    }

    [Fact]
    public void CsvText_ReadInAnyChunks_SameTextAsTheDecoder()
    {
        var text = string.Concat(Enumerable.Range(0, 3000).Select(i => (i % 4) switch { 0 => "a,", 1 => "\u00fc", 2 => "\u20ac\n", _ => "\U0001F600" }));
        // UTF-8 without a mark, and the wide encodings after theirs (decoded here too, surrogate pairs across buffers).
        var files = new[] { Encoding.UTF8.GetBytes(text) }.Concat(new[] { "utf-16", "utf-16BE", "utf-32", "utf-32BE" }
            .Select(name => Encoding.GetEncoding(name)).Select(e => e.GetPreamble().Concat(e.GetBytes(text)).ToArray()));
        foreach (var bytes in files)
        foreach (var chunk in new[] { 1, 2, 3, 37, 4096 })
        {
            using var reader = new CsvText(new MemoryStream(bytes), fileStart: true, bufferSize: 1024);
            var read = new StringBuilder();
            var buffer = new char[chunk];
            for (int n; (n = reader.Read(buffer, 0, chunk)) > 0;) read.Append(buffer, 0, n);
            Assert.Equal(text, read.ToString());
        }
    }

    [Fact]
    public void CsvText_BadByteAfterABufferBoundary_TextBeforeItThenItsOffset()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('x', 5000) + "\u20ac").Concat(new byte[] { 0xFF }).ToArray();
        using var reader = new CsvText(new MemoryStream(bytes), fileStart: true, bufferSize: 1024);
        var read = new StringBuilder();
        var buffer = new char[700];
        var ex = Assert.Throws<CsvEncodingException>(() =>
        {
            for (int n; (n = reader.Read(buffer, 0, buffer.Length)) > 0;) read.Append(buffer, 0, n);
        });
        Assert.Equal(new string('x', 5000) + "\u20ac", read.ToString());
        Assert.Equal(5003, ex.ByteOffset);
        Assert.Contains("byte 0xFF at byte offset 5003", ex.Problem);
    }

    private static ChurnDataException ReadPieces(string path, int pieceBytes, int[] numeric, int[] text)
    {
        using var reader = CsvRowReader.Open(path);
        using var stream = new ParsedRowStream(reader, numeric, text, [], pieceBytes);
        return Assert.Throws<ChurnDataException>(() =>
        {
            foreach (var _ in stream.Blocks()) { }
        });
    }
}
