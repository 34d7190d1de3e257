using System.Runtime.CompilerServices;
using System.Globalization;

namespace Churn.Experiments.Data;

/// <summary>Culture-invariant number parsing shared by the readers.</summary>
public static class CsvNumber
{
    /// <summary>True when the cell is null, empty or whitespace only.</summary>
    public static bool IsBlank(string? cell) => string.IsNullOrWhiteSpace(cell);

    /// <summary>True when the cell is empty or whitespace only.</summary>
    public static bool IsBlank(ReadOnlySpan<char> cell) => cell.IsWhiteSpace();

    /// <summary>
    /// Parses a finite double with <see cref="NumberStyles.Float"/> and the invariant culture
    /// (sign, decimal point, exponent, surrounding spaces; no thousands separators, no NaN/Infinity).
    /// </summary>
    public static bool TryParse(string? cell, out double value)
    {
        if (cell is not null) return TryParse(cell.AsSpan(), out value);
        value = double.NaN;
        return false;
    }

    /// <summary>As <see cref="TryParse(string?, out double)"/>, on a span (no string needed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot per cell: skip tier-0 code, which a busy machine may run for seconds
    public static bool TryParse(ReadOnlySpan<char> cell, out double value)
    {
        if (TryParseShortDecimal(cell, out value)) return true;
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
            return true;
        value = double.NaN;
        return false;
    }

    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>
    /// The common cell "-123.45": an optional sign, at most 15 digits and an optional point, no exponent
    /// or spaces. Then digits and 10^fraction are exact doubles, and one IEEE division rounds correctly
    /// (Clinger's fast path), so the result is bit-identical to <see cref="double.TryParse(string?, out double)"/>.
    /// Anything else returns false and takes the general parser.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot per cell: skip tier-0 code, which a busy machine may run for seconds
    private static bool TryParseShortDecimal(ReadOnlySpan<char> cell, out double value)
    {
        value = 0;
        if (cell.IsEmpty || cell.Length > 17) return false;
        var i = 0;
        var negative = false;
        if (cell[0] is '-' or '+')
        {
            negative = cell[0] == '-';
            i = 1;
        }
        long mantissa = 0;
        var digits = 0;
        var fraction = -1;
        for (; i < cell.Length; i++)
        {
            var c = cell[i];
            var d = (uint)(c - '0');
            if (d <= 9)
            {
                mantissa = mantissa * 10 + d;
                digits++;
                if (fraction >= 0) fraction++;
            }
            else if (c == '.' && fraction < 0) fraction = 0;
            else return false;
        }
        if (digits == 0 || digits > 15) return false;
        value = fraction > 0 ? mantissa / PowersOfTen[fraction] : mantissa;
        if (negative) value = -value;
        return true;
    }
}
