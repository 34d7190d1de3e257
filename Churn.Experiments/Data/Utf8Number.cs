using System.Text;

namespace Churn.Experiments.Data;

/// <summary>
/// <see cref="CsvNumber.TryParse(ReadOnlySpan{char}, char, out double)"/> on a cell's UTF-8 bytes, with the same
/// answer for every input: a short decimal ("-123.45", at most 15 digits) is read straight from the bytes by
/// the same exactly rounded rule; anything else (exponents, long decimals, spaces, non-ASCII) is decoded
/// and handed to <see cref="CsvNumber"/>, so a file reads the same through bytes or chars.
/// </summary>
public static class Utf8Number
{
    /// <summary>As <see cref="CsvNumber.TryParse(ReadOnlySpan{char}, char, out double)"/>, on UTF-8 bytes.</summary>
    public static bool TryParse(ReadOnlySpan<byte> cell, char decimalSeparator, out double value)
    {
        if (CsvNumber.TryParseShortDecimal(cell, decimalSeparator, out value)) return true;
        return TryParseDecoded(cell, decimalSeparator, out value);
    }

    /// <summary>The short-decimal rule alone: true only for the cells it reads (a false says nothing about the cell).</summary>
    public static bool TryParseShortDecimal(ReadOnlySpan<byte> cell, char decimalSeparator, out double value) =>
        CsvNumber.TryParseShortDecimal(cell, decimalSeparator, out value);

    private static bool TryParseDecoded(ReadOnlySpan<byte> cell, char decimalSeparator, out double value)
    {
        // UTF-8 never takes more UTF-16 units than bytes.
        var chars = cell.Length <= 256 ? stackalloc char[cell.Length] : new char[cell.Length];
        var length = Encoding.UTF8.GetChars(cell, chars);
        return CsvNumber.TryParse(chars[..length], decimalSeparator, out value);
    }
}
