using System.Globalization;
using System.Text;
using Churn.Experiments.Data;

namespace Churn.Tests.Experiments.Data;

/// <summary>The short-decimal fast path gives the very double the general parser gives, from chars and from UTF-8 bytes.</summary>
public sealed class ShortDecimalTests
{
    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("+0")]
    [InlineData("-0.0")]
    [InlineData("7")]
    [InlineData("342.057")]
    [InlineData("-43.769")]
    [InlineData("0.1")]
    [InlineData("0.3")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("-.5")]
    [InlineData("999999999999999")]
    [InlineData("0.00000000000001")]
    [InlineData("9007199.25474099")]
    [InlineData("123456789012.345")]
    [InlineData("00000000000001.5")]
    public void TryParse_ShortDecimal_SameBitsAsDoubleParse(string cell)
    {
        var expected = double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);

        Assert.True(ShortDecimal.TryParse(cell.AsSpan(), '.', out var fromChars));
        Assert.True(ShortDecimal.TryParse(Encoding.UTF8.GetBytes(cell).AsSpan(), '.', out var fromBytes));
        Assert.Equal(Bits(expected), Bits(fromChars));
        Assert.Equal(Bits(expected), Bits(fromBytes));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("+")]
    [InlineData(".")]
    [InlineData("1e5")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1.2.3")]
    [InlineData("--1")]
    [InlineData("1,5")]
    [InlineData("9007199254740993")] // 16 digits: not exact as a long-to-double, so the general parser decides
    [InlineData("0.000000000000001")] // 16 digits, counting the leading zero
    [InlineData("000000000000001.5")]
    [InlineData("1234567890123456789")]
    [InlineData("١٢")] // Arabic-Indic digits are not ASCII digits
    [InlineData("NaN")]
    public void TryParse_AnythingElse_LeftToTheGeneralParser(string cell)
    {
        Assert.False(ShortDecimal.TryParse(cell.AsSpan(), '.', out _));
        Assert.False(ShortDecimal.TryParse(Encoding.UTF8.GetBytes(cell).AsSpan(), '.', out _));
    }

    [Fact]
    public void TryParse_DecimalComma_SameBitsAsPointedParse()
    {
        Assert.True(ShortDecimal.TryParse("265,1"u8, ',', out var value));
        Assert.Equal(Bits(265.1), Bits(value));
        Assert.False(ShortDecimal.TryParse("265.1"u8, ',', out _));
    }

    [Fact]
    public void TryParse_RandomShortDecimals_SameBitsAsDoubleParse()
    {
        var random = new Random(20261202);
        for (var n = 0; n < 200_000; n++)
        {
            var digits = random.Next(1, 16);
            var text = new StringBuilder();
            if (random.Next(4) == 0) text.Append('-');
            var point = random.Next(-1, digits + 1);
            for (var d = 0; d < digits; d++)
            {
                if (d == point) text.Append('.');
                text.Append((char)('0' + random.Next(10)));
            }
            var cell = text.ToString();
            var expected = double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.True(ShortDecimal.TryParse(Encoding.ASCII.GetBytes(cell).AsSpan(), '.', out var value), cell);
            Assert.True(Bits(expected) == Bits(value), cell);
        }
    }

    /// <summary>Cells of every shape: short decimals, 15/16/17+ digits, exponents, spaces, signs, junk, non-ASCII.</summary>
    private static IEnumerable<string> Cells(int count, int seed)
    {
        var random = new Random(seed);
        string Digits(int n) => new(Enumerable.Range(0, n).Select(_ => (char)('0' + random.Next(10))).ToArray());
        for (var i = 0; i < count; i++)
        {
            var whole = Digits(random.Next(0, 12));
            var fraction = Digits(random.Next(0, 12));
            var cell = (random.Next(4) switch { 0 => "-", 1 => "+", _ => "" }) + whole + (random.Next(3) > 0 ? "." + fraction : "");
            cell = random.Next(12) switch
            {
                0 => cell + "e" + random.Next(-320, 320).ToString(CultureInfo.InvariantCulture),
                1 => " " + cell + " ",
                2 => cell + "x",
                3 => cell + "\u00e9",
                4 => cell.Replace('.', ','),
                5 => "\u00a0" + cell,
                _ => cell,
            };
            yield return cell;
        }
    }

    [Theory]
    [InlineData('.')]
    [InlineData(',')]
    public void TryParse_ManyCellShapes_BytesAcceptOnlyWhatCsvNumberReadsWithItsBits(char separator)
    {
        var cells = Cells(200_000, 7).Concat([
            "0", "-0", "265.1", "123456789012345", "1234567890123456", "12345678901234567", "0.1234567890123456789",
            "9007199254740993", "1e22", "", " ", "-", ".", "+.5", "5.",
        ]).ToList();
        var shortOnes = 0;
        foreach (var cell in cells)
        {
            if (!ShortDecimal.TryParse(Encoding.UTF8.GetBytes(cell).AsSpan(), separator, out var value)) continue;
            shortOnes++;
            Assert.True(CsvNumber.TryParse(cell.AsSpan(), separator, out var expected), "cell '" + cell + "'");
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value), "cell '" + cell + "'");
        }
        Assert.InRange(shortOnes, cells.Count / 10, cells.Count * 9 / 10); // both kinds of cell were met
    }

    [Theory]
    [InlineData('.', (byte)',')]
    [InlineData(',', (byte)';')]
    [InlineData('.', (byte)'\t')]
    public void TryParseField_ManyCellShapes_SameAnswerAsTryParseOnTheField(char separator, byte delimiter)
    {
        // Each cell alone, followed by the delimiter and more fields, and followed by a stray byte.
        var cells = Cells(100_000, 13).Concat(["0", "-0", "5.", ".5", "", "-", "1.2.3", new string('1', 40), "12345678901234567"]).ToList();
        foreach (var cell in cells)
            foreach (var tail in new[] { "", (char)delimiter + "7,x", "x", " " + (char)delimiter })
            {
                var record = Encoding.UTF8.GetBytes(cell + tail);
                var end = Array.IndexOf(record, delimiter);
                var field = end < 0 ? record : record[..end]; // what the loader calls the field
                var expectedOk = ShortDecimal.TryParse((ReadOnlySpan<byte>)field, separator, out var expected);
                var fused = ShortDecimal.TryParseField(record, delimiter, separator, out var value, out var length);
                Assert.True(expectedOk == fused, "cell '" + cell + "' + '" + tail + "'");
                if (!fused) continue;
                Assert.Equal(field.Length, length);
                Assert.Equal(Bits(expected), Bits(value));
            }
    }
}
