using System.Globalization;
using System.Text;
using Churn.Experiments.Data;

namespace Churn.Tests.Experiments.Data;

/// <summary>
/// <see cref="Utf8Number"/> must give, for every cell, the answer and the exact bits of
/// <see cref="CsvNumber.TryParse(ReadOnlySpan{char}, char, out double)"/>, which for a point file is double.Parse's.
/// </summary>
public sealed class Utf8NumberTests
{
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
    public void TryParse_ManyCells_SameAnswerAndBitsAsCsvNumber(char separator)
    {
        var cells = Cells(200_000, 7).Concat([
            "0", "-0", "265.1", "123456789012345", "1234567890123456", "12345678901234567", "0.1234567890123456789",
            "9007199254740993", "1e22", "1e23", "2.2250738585072014E-308", "1.7976931348623157e308", "1e400", "", " ", "-", ".", "+.5", "5.",
        ]).ToList();
        var shortOnes = 0;
        foreach (var cell in cells)
        {
            var bytes = Encoding.UTF8.GetBytes(cell);
            var expectedOk = CsvNumber.TryParse(cell.AsSpan(), separator, out var expected);
            var ok = Utf8Number.TryParse(bytes, separator, out var value);
            Assert.True(expectedOk == ok, "cell '" + cell + "'");
            if (ok) Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value), "cell '" + cell + "'");
            if (Utf8Number.TryParseShortDecimal(bytes, separator, out _)) shortOnes++;
        }
        Assert.InRange(shortOnes, cells.Count / 10, cells.Count * 9 / 10); // both paths were taken
    }

    [Theory]
    [InlineData("1234567890123456")]      // 16 digits: beyond the exact fast path
    [InlineData("0.12345678901234567")]
    [InlineData("1.5e3")]
    [InlineData(" 12")]
    [InlineData("1e-320")]                // subnormal
    public void TryParse_BeyondShortDecimals_FallsBackToTheExactParser(string cell)
    {
        var bytes = Encoding.UTF8.GetBytes(cell);
        Assert.False(Utf8Number.TryParseShortDecimal(bytes, '.', out _));
        Assert.True(Utf8Number.TryParse(bytes, '.', out var value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
    }

    [Fact]
    public void TryParseShortDecimal_ShortDecimals_EqualDoubleParse()
    {
        var random = new Random(11);
        for (var i = 0; i < 100_000; i++)
        {
            var digits = random.Next(1, 16);
            var mantissa = random.NextInt64((long)Math.Pow(10, digits));
            var text = mantissa.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
            var point = random.Next(text.Length + 1);
            var cell = (random.Next(2) == 0 ? "-" : "") + text[..point] + "." + text[point..];
            Assert.True(Utf8Number.TryParseShortDecimal(Encoding.UTF8.GetBytes(cell), '.', out var value), cell);
            Assert.True(BitConverter.DoubleToInt64Bits(double.Parse(cell, CultureInfo.InvariantCulture)) == BitConverter.DoubleToInt64Bits(value), cell);
        }
    }
}
