using System.Runtime.CompilerServices;

namespace Churn.Experiments.Data;

/// <summary>
/// The one place that decides what a number in a CSV cell looks like: culture-invariant parsing with a
/// decimal point or a decimal comma, and the messages that say why a cell is not a number. Every reader
/// (<see cref="CsvRowReader"/>, <see cref="CsvTableReader"/>, any faster loader) parses through here, so
/// a file reads the same whichever path loads it.
/// </summary>
public static class CsvNumber
{
    /// <summary>The decimal separators a file may use.</summary>
    public static IReadOnlyList<char> DecimalSeparators { get; } = ['.', ','];

    /// <summary>True when the cell is null, empty or whitespace only.</summary>
    public static bool IsBlank(string? cell) => string.IsNullOrWhiteSpace(cell);

    /// <summary>True when the cell is empty or whitespace only.</summary>
    public static bool IsBlank(ReadOnlySpan<char> cell) => cell.IsWhiteSpace();

    /// <summary>
    /// Parses a finite double with <see cref="NumberStyles.Float"/> and the invariant culture
    /// (sign, decimal point, exponent, surrounding spaces; no thousands separators, no NaN/Infinity).
    /// </summary>
    public static bool TryParse(string? cell, out double value) => TryParse(cell, '.', out value);

    /// <summary>
    /// As <see cref="TryParse(string?, out double)"/> with the given decimal separator. With ',' the cell
    /// may not also hold a '.' (which would be a thousands separator, "1.234,5": not read, to never misread).
    /// </summary>
    public static bool TryParse(string? cell, char decimalSeparator, out double value)
    {
        if (cell is not null) return TryParse(cell.AsSpan(), decimalSeparator, out value);
        value = double.NaN;
        return false;
    }

    /// <summary>As <see cref="TryParse(string?, out double)"/>, on a span (no string needed).</summary>
    public static bool TryParse(ReadOnlySpan<char> cell, out double value) => TryParse(cell, '.', out value);

    /// <summary>As <see cref="TryParse(string?, char, out double)"/>, on a span (no string needed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot per cell: skip tier-0 code, which a busy machine may run for seconds
    public static bool TryParse(ReadOnlySpan<char> cell, char decimalSeparator, out double value)
    {
        if (ShortDecimal.TryParse(cell, decimalSeparator, out value)) return true;
        if (decimalSeparator == ',')
        {
            if (cell.Contains('.') || cell.Length > 256)
            {
                value = double.NaN;
                return cell.Length > 256 && !cell.Contains('.') && TryParse(cell.ToString().Replace(',', '.'), '.', out value);
            }
            Span<char> pointed = stackalloc char[cell.Length];
            cell.Replace(pointed, ',', '.');
            return TryParse(pointed, '.', out value);
        }
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
            return true;
        value = double.NaN;
        return false;
    }

    /// <summary>True when the cell is a number only when read with a decimal comma ("265,1").</summary>
    public static bool IsDecimalCommaNumber(string? cell) => cell is not null && cell.Contains(',') && TryParse(cell, ',', out _);

    /// <summary>True when the cell is a number written with a decimal point ("265.1").</summary>
    public static bool IsDecimalPointNumber(string? cell) => cell is not null && cell.Contains('.') && TryParse(cell, '.', out _);

    /// <summary>True when the cell is a number with either separator.</summary>
    public static bool IsNumberInAnyFormat(string? cell) => TryParse(cell, '.', out _) || TryParse(cell, ',', out _);

    /// <summary>As <see cref="IsNumberInAnyFormat(string?)"/>, on a span.</summary>
    public static bool IsNumberInAnyFormat(ReadOnlySpan<char> cell) => TryParse(cell, '.', out _) || TryParse(cell, ',', out _);

    /// <summary>
    /// True when the cell is a number too large in magnitude for a double ("1e400", "-2e308"), which
    /// <see cref="TryParse(ReadOnlySpan{char}, char, out double)"/> refuses; only on the error path.
    /// </summary>
    public static bool IsOutOfRange(ReadOnlySpan<char> cell, char decimalSeparator)
    {
        if (cell.IndexOfAnyInRange('0', '9') < 0) return false; // "Infinity" is a word, not a number too large
        if (decimalSeparator == ',')
        {
            if (cell.Contains('.')) return false;
            var pointed = cell.ToString().Replace(',', '.');
            return double.TryParse(pointed, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsInfinity(v);
        }
        return double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsInfinity(value);
    }

    /// <summary>The error text for a cell that <see cref="IsOutOfRange"/> (the location is added by the caller).</summary>
    public const string OutOfRangeMessage =
        "this number is outside the range of a double (largest magnitude about 1.8e308); fix the cell, or declare it missing (train --na).";

    /// <summary>The error text for a cell that is not a number in the file's format (the location is added by the caller).</summary>
    public static string NotANumberMessage(string cell, CsvNumberFormat format)
    {
        if (IsOutOfRange(cell, format.DecimalSeparator)) return OutOfRangeMessage;
        if (format.DecimalSeparator == '.' && IsDecimalCommaNumber(cell))
            return "this number is written with a decimal comma, while the file is read with a decimal point ("
                   + format.Reason + "); give --decimal , to read decimal commas.";
        if (format.DecimalSeparator == ',' && IsDecimalPointNumber(cell))
            return "this number is written with a decimal point, while the file is read with a decimal comma ("
                   + format.Reason + "); give --decimal . to read decimal points.";
        return format.DecimalSeparator == ','
            ? "expected a number (decimal comma, e.g. 1234,5) but found text."
            : "expected a number (invariant culture, e.g. 1234.5) but found text.";
    }
}

/// <summary>How a file writes its numbers: the decimal separator and why it was chosen.</summary>
/// <param name="DecimalSeparator">'.' or ','.</param>
/// <param name="Detected">True when chosen from the file's cells rather than given (--decimal).</param>
/// <param name="Reason">Why, in a few words, for messages ("given with --decimal", "detected: ...").</param>
public sealed record CsvNumberFormat(char DecimalSeparator, bool Detected, string Reason)
{
    public static CsvNumberFormat Point { get; } = new('.', false, "the default");

    /// <summary>
    /// A sentence for stderr when the decimal comma was detected (null otherwise): a user must see that
    /// "265,1" was read as 265.1.
    /// </summary>
    public string? Notice => Detected && DecimalSeparator == ','
        ? "Numbers read with a decimal comma (" + Reason + "); give --decimal . or --decimal , to choose."
        : null;
}

/// <summary>
/// Chooses a file's decimal separator from a sample of its rows when none was given. A column is
/// "comma-numeric" when most non-blank cells are numbers read with ',' and at least one holds a ','
/// ("265,1"); "point-numeric" likewise with '.'. A file whose delimiter is not ',' (e.g. ';', the
/// European Excel export) with comma-numeric columns and no point-numeric ones is read with ','.
/// Anything else is read with '.', and a comma-numeric column then fails loudly in the reader
/// (<see cref="CsvNumber.NotANumberMessage"/>) instead of silently becoming text.
/// </summary>
public sealed class DecimalSeparatorDetector
{
    private readonly IReadOnlyList<string> _header;
    private readonly int[] _present;
    private readonly int[] _plain;
    private readonly int[] _comma;
    private readonly int[] _point;
    private readonly string?[] _commaExample;
    private readonly string?[] _pointExample;

    public DecimalSeparatorDetector(IReadOnlyList<string> header)
    {
        _header = header;
        _present = new int[header.Count];
        _plain = new int[header.Count];
        _comma = new int[header.Count];
        _point = new int[header.Count];
        _commaExample = new string?[header.Count];
        _pointExample = new string?[header.Count];
    }

    /// <summary>Rows of the file looked at before deciding.</summary>
    public const int SampleRows = 1000;

    /// <summary>Counts one non-missing cell of column <paramref name="column"/>.</summary>
    public void Observe(int column, string cell)
    {
        _present[column]++;
        if (CsvNumber.IsDecimalCommaNumber(cell))
        {
            _comma[column]++;
            _commaExample[column] ??= cell.Trim();
        }
        else if (CsvNumber.IsDecimalPointNumber(cell))
        {
            _point[column]++;
            _pointExample[column] ??= cell.Trim();
        }
        else if (CsvNumber.TryParse(cell, out _)) _plain[column]++;
    }

    /// <summary>The separator for a file with this delimiter, given the cells observed.</summary>
    public CsvNumberFormat Decide(char delimiter)
    {
        var comma = Columns(_comma);
        var point = Columns(_point);
        if (comma.Count == 0) return CsvNumberFormat.Point;
        var example = Describe(comma, _commaExample);
        if (delimiter == ',')
            return CsvNumberFormat.Point with { Reason = "a ',' separated file; " + example + " looks like a decimal comma" };
        if (point.Count > 0)
            return CsvNumberFormat.Point with
            {
                Reason = "ambiguous: " + Describe(point, _pointExample) + " uses a decimal point but " + example + " a decimal comma",
            };
        return new CsvNumberFormat(',', true, "detected: " + example + (comma.Count > 1
            ? string.Format(CultureInfo.InvariantCulture, " and {0} more column(s)", comma.Count - 1) : ""));
    }

    private List<int> Columns(int[] separated)
    {
        var columns = new List<int>();
        for (var j = 0; j < _header.Count; j++)
            if (separated[j] > 0 && (separated[j] + _plain[j]) * 2 > _present[j]) columns.Add(j);
        return columns;
    }

    private string Describe(List<int> columns, string?[] examples) =>
        "'" + examples[columns[0]] + "' in column '" + _header[columns[0]] + "'";
}
