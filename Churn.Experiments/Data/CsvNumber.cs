using System.Globalization;

namespace Churn.Experiments.Data;

/// <summary>Culture-invariant number parsing shared by the readers.</summary>
public static class CsvNumber
{
    /// <summary>True when the cell is null, empty or whitespace only.</summary>
    public static bool IsBlank(string? cell) => string.IsNullOrWhiteSpace(cell);

    /// <summary>
    /// Parses a finite double with <see cref="NumberStyles.Float"/> and the invariant culture
    /// (sign, decimal point, exponent, surrounding spaces; no thousands separators, no NaN/Infinity).
    /// </summary>
    public static bool TryParse(string? cell, out double value)
    {
        if (cell is not null
            && double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value))
            return true;
        value = double.NaN;
        return false;
    }
}
