using System.Numerics;
using System.Runtime.CompilerServices;

namespace Churn.Experiments.Data;

/// <summary>
/// The common cell "-123.45", read without the general parser, over UTF-16 chars or UTF-8 bytes alike: an
/// optional sign, at most 15 digits and an optional decimal separator, no exponent or spaces. Then the digits
/// and 10^fraction are exact doubles, and one IEEE division rounds correctly (Clinger's fast path), so the
/// result is bit-identical to <see cref="double.Parse(string)"/>. Anything else returns false and takes the
/// general parser (<see cref="CsvNumber.TryParse(ReadOnlySpan{char}, char, out double)"/>).
/// </summary>
internal static class ShortDecimal
{
    /// <summary>Longest cell tried: a sign, 15 digits and a separator, plus one so that 16 digits are refused by count.</summary>
    private const int MaxLength = 17;

    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>Reads <paramref name="cell"/> (chars or bytes: <typeparamref name="T"/> is char or byte) when it is a short decimal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot per cell: skip tier-0 code, which a busy machine may run for seconds
    public static bool TryParse<T>(ReadOnlySpan<T> cell, char decimalSeparator, out double value) where T : unmanaged, IBinaryInteger<T>
    {
        // No char or byte is this "delimiter", so the scan succeeds only when the short decimal is the whole cell.
        if (cell.Length <= MaxLength && Scan(cell, NoDelimiter, decimalSeparator, out value, out var length) && length == cell.Length) return true;
        value = 0;
        return false;
    }

    /// <summary>
    /// Reads the field at the start of <paramref name="record"/> (up to the first <paramref name="delimiter"/>
    /// or the end) in the same scan that finds its end, when it is a short decimal: the same answer as
    /// <see cref="TryParse{T}"/> on that field, and <paramref name="length"/> its bytes. False says nothing of
    /// where the field ends. The delimiter must not be the decimal separator.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseField(ReadOnlySpan<byte> record, byte delimiter, char decimalSeparator, out double value, out int length) =>
        Scan(record, delimiter, decimalSeparator, out value, out length);

    /// <summary>Above every char and byte: a delimiter no cell holds.</summary>
    private const uint NoDelimiter = uint.MaxValue;

    /// <summary>
    /// The one grammar of a short decimal: sign, digits, separator, digits, ended by <paramref name="delimiter"/>
    /// or the end of <paramref name="record"/>, at most 15 digits in at most <see cref="MaxLength"/> units.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Scan<T>(ReadOnlySpan<T> record, uint delimiter, char decimalSeparator, out double value, out int length)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        length = 0;
        if (record.IsEmpty) return false;
        var i = 0;
        var negative = false;
        var first = uint.CreateTruncating(record[0]);
        if (first is '-' or '+')
        {
            negative = first == '-';
            i = 1;
        }
        long mantissa = 0; // wraps on a long run of digits, which the digit count then refuses
        var start = i;
        for (; i < record.Length; i++)
        {
            var d = uint.CreateTruncating(record[i]) - '0';
            if (d > 9) break;
            mantissa = mantissa * 10 + d;
        }
        var digits = i - start;
        var fraction = 0;
        if (i < record.Length && uint.CreateTruncating(record[i]) == decimalSeparator)
        {
            var point = ++i;
            for (; i < record.Length; i++)
            {
                var d = uint.CreateTruncating(record[i]) - '0';
                if (d > 9) break;
                mantissa = mantissa * 10 + d;
            }
            fraction = i - point;
            digits += fraction;
        }
        if ((i < record.Length && uint.CreateTruncating(record[i]) != delimiter) || i > MaxLength || digits == 0 || digits > 15) return false;
        value = fraction > 0 ? mantissa / PowersOfTen[fraction] : mantissa;
        if (negative) value = -value;
        length = i;
        return true;
    }
}
