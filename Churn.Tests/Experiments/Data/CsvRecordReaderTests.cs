using System.Globalization;
using System.Text;
using Churn.Experiments.Data;
using CsvHelper;

namespace Churn.Tests.Experiments.Data;

/// <summary>
/// The hand-written tokenizer against CsvHelper, the reader it replaced: the same rows, fields, row and
/// line numbers, and the same error, on tricky and on random files (records across buffer boundaries).
/// </summary>
public sealed class CsvRecordReaderTests
{
    public static TheoryData<string> TrickyFiles => new()
    {
        "a,b\n1, \"x\"\n", "a,b\n1,\"ab\"c\n", "a,b\n1,\"ab\" \n", "a,b\n1,\"ab\n", "a,b\n1,ab\"c\n",
        "a,b\n\n1,2\n\n3,4\n", "a,b\r1,2\r3,4\r", "a,b\r\n1,2\r\n\r\n3,4", "a,b\n   \n1,2\n", "a\n\n1\n \n2\n",
        "\n\na,b\n1,2\n", "a,b\n1,2,\n", "a,b\n\"1\",\"\"\n", "a,b\n1,\"x\"\"\n", " a , b \n1,2\n",
        "a,b\n1,\"\"\"\"\n", "a,b\n1,\"a\"\"b\"\n", "a,b\n1,\"a\r\nb\"\n2,3\n", "a,b\n1,x\"\n", "\"a\nb\",c\n1,2\n",
        "a,b\n1,2", "a,b\n1,", "a,b\n1,\"2\"", "a,b\n\"1\",2\r", "a,b\n1,\"2\r\n\r\n3\"\r\n4,5\r\n",
    };

    [Theory]
    [MemberData(nameof(TrickyFiles))]
    public void Read_TrickyFile_SameAsCsvHelper(string content)
    {
        using var csv = new TempCsv(content);
        Assert.Equal(ReadWithCsvHelper(csv.FilePath), ReadWithOurs(csv.FilePath).Select(WithoutMalformedColumn));
    }

    /// <summary>
    /// Our message for a malformed record also names its column, which CsvHelper cannot tell (its FieldIndex is -1 for
    /// malformed input): the comparison with CsvHelper leaves that part out, and the test below checks it.
    /// </summary>
    private static string WithoutMalformedColumn(string line) =>
        System.Text.RegularExpressions.Regex.Replace(line, ", column '[^']*'(?=: malformed CSV)", "");

    [Theory]
    [InlineData("a,b\n1, \"x\"\n", "b")]      // a quote inside an unquoted field
    [InlineData("a,b\nx\"y,2\n", "a")]
    [InlineData("a,b\n\"1\"x,2\n", "a")]     // text after the closing quote
    [InlineData("a,b\n1,\"ab\"c\n", "b")]
    [InlineData("a,b\n1,2\n3,\"open\n", "b")] // never closed, in the third record
    [InlineData("a,b,c\n1,\"x\"\"\n", "b")]
    public void Read_MalformedRecord_NamesTheColumnOfTheFieldAtFault(string content, string column)
    {
        using var csv = new TempCsv(content);
        var error = Assert.Single(ReadWithOurs(csv.FilePath), l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains(", column '" + column + "': malformed CSV: ", error);
    }

    [Fact]
    public void Read_MalformedHeader_NamesNoColumn()
    {
        using var csv = new TempCsv("a\"x,b\n1,2\n");
        var error = Assert.Single(ReadWithOurs(csv.FilePath), l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.DoesNotContain("column", error);
        Assert.Contains("line 1: malformed CSV", error);
    }

    [Fact]
    public void Read_RandomFiles_SameAsCsvHelper()
    {
        var random = new Random(7);
        string[] pieces = ["1", "-2.5", "abc", "", " ", "\"q\"", "\"a,b\"", "\"x\"\"y\"", "\"l1\nl2\"", "\"r\r\nn\"", "ü€", "3e5"];
        for (var file = 0; file < 40; file++)
        {
            var width = random.Next(1, 6);
            var text = new StringBuilder();
            var rows = random.Next(1, 4000);
            for (var r = 0; r <= rows; r++)
            {
                var fields = random.Next(50) == 0 ? width + 1 : width; // now and then a ragged row
                for (var j = 0; j < fields; j++)
                {
                    if (j > 0) text.Append(',');
                    text.Append(r == 0 ? "c" + j : pieces[random.Next(pieces.Length)]);
                }
                text.Append(random.Next(4) switch { 0 => "\r\n", 1 => "\n\n", _ => "\n" });
            }
            if (random.Next(10) == 0) text.Append("\"open");
            using var csv = new TempCsv(text.ToString());
            Assert.Equal(ReadWithCsvHelper(csv.FilePath), ReadWithOurs(csv.FilePath).Select(WithoutMalformedColumn));
        }
    }

    [Fact]
    public void Read_FieldLongerThanTheBuffer_Whole()
    {
        var longText = new string('x', 200_000);
        using var csv = new TempCsv("a,b\n1,\"" + longText + "\"\n2," + longText + "\n");
        var rows = ReadWithOurs(csv.FilePath);
        Assert.Equal(["2:1|" + longText, "3:2|" + longText, "end"], rows);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("+1")]
    [InlineData("0.1")]
    [InlineData("123456789012345")]
    [InlineData("1234567890123456")]
    [InlineData("197.385")]
    [InlineData("-3e2")]
    [InlineData(" 4 ")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("1,5")]
    [InlineData("NaN")]
    [InlineData("1e400")]
    [InlineData("0.30000000000000004")]
    [InlineData("9007199254740993")]
    public void TryParse_Span_SameAsDoubleParse(string cell)
    {
        var expected = double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v);
        Assert.Equal(expected, CsvNumber.TryParse(cell.AsSpan(), out var ours));
        if (expected) Assert.Equal(BitConverter.DoubleToInt64Bits(v), BitConverter.DoubleToInt64Bits(ours));
    }

    [Fact]
    public void TryParse_RandomShortDecimals_BitIdenticalToDoubleParse()
    {
        var random = new Random(11);
        for (var i = 0; i < 200_000; i++)
        {
            var digits = random.NextInt64(0, 1_000_000_000_000_000);
            var text = digits.ToString(CultureInfo.InvariantCulture);
            var point = random.Next(text.Length + 1);
            var cell = (random.Next(2) == 0 ? "-" : "") + text[..point] + "." + text[point..];
            Assert.True(CsvNumber.TryParse(cell.AsSpan(), out var ours), cell);
            Assert.Equal(double.Parse(cell, CultureInfo.InvariantCulture), ours);
        }
    }

    /// <summary>"line:field|field..." per row, then "end", or "error: message" where reading stopped.</summary>
    private static List<string> ReadWithOurs(string path)
    {
        var rows = new List<string>();
        try
        {
            using var reader = CsvRowReader.Open(path);
            while (reader.Read())
                rows.Add(reader.Line.ToString(CultureInfo.InvariantCulture) + ":" + string.Join("|", reader.Fields));
            rows.Add("end");
        }
        catch (ChurnDataException ex)
        {
            rows.Add("error: " + ex.Message);
        }
        return rows;
    }

    /// <summary>The same listing from CsvHelper with the options the reader used before.</summary>
    private static List<string> ReadWithCsvHelper(string path)
    {
        var rows = new List<string>();
        var options = new CsvReaderOptions
        {
            Separator = ',', HasHeader = true, Mode = CsvMode.Rfc4180, SkipEmptyLines = true, TrimWhitespace = false,
            TrackLineNumbers = true, MalformedData = CsvMalformedDataHandling.Throw, FieldCountMismatch = CsvFieldCountHandling.Allow,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        try
        {
            using var reader = CsvReader.FromFile(path, options);
            reader.ReadHeader();
            var width = reader.Headers.Count;
            while (reader.Read())
            {
                var row = checked((int)reader.RowNumber);
                var line = checked((int)reader.LineNumber);
                if (reader.FieldCount != width)
                    throw new ChurnDataException(string.Format(CultureInfo.InvariantCulture,
                        "row has {0} fields but the header has {1} columns.", reader.FieldCount, width), path, row, line);
                rows.Add(line.ToString(CultureInfo.InvariantCulture) + ":" +
                         string.Join("|", Enumerable.Range(0, width).Select(j => reader.GetString(j) ?? "")));
            }
            rows.Add("end");
        }
        catch (CsvFormatException ex)
        {
            rows.Add("error: " + CsvRowReader.Malformed(ex, path).Message);
        }
        catch (ChurnDataException ex)
        {
            rows.Add("error: " + ex.Message);
        }
        return rows;
    }
}
