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
}
