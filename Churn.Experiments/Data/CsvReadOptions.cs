namespace Churn.Experiments.Data;

/// <summary>
/// How <see cref="CsvTableReader"/> reads a file. Defaults: comma-separated, header required,
/// type of every column inferred (numeric when every non-blank cell parses as a finite double
/// in the invariant culture), only blank or whitespace-only cells are missing.
/// </summary>
public sealed record CsvReadOptions
{
    /// <summary>Columns that must be numeric: a cell that is not a number is an error naming file, row, column and value.</summary>
    public IReadOnlyCollection<string> NumericColumns { get; init; } = [];

    /// <summary>Columns kept as text even when every cell parses as a number (e.g. ids, zip codes).</summary>
    public IReadOnlyCollection<string> TextColumns { get; init; } = [];

    /// <summary>Extra cell values treated as missing, compared after trimming, case-sensitive (e.g. "NA").</summary>
    public IReadOnlyCollection<string> MissingTokens { get; init; } = [];

    public char Delimiter { get; init; } = ',';

    /// <summary>
    /// The decimal separator of numbers, '.' or ','; null (the default) detects it from the first rows
    /// (see <see cref="DecimalSeparatorDetector"/>). The CLI sets it with <c>--decimal</c>.
    /// </summary>
    public char? DecimalSeparator { get; init; }

    public static CsvReadOptions Default { get; } = new();

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(NumericColumns, nameof(NumericColumns));
        ArgumentNullException.ThrowIfNull(TextColumns, nameof(TextColumns));
        ArgumentNullException.ThrowIfNull(MissingTokens, nameof(MissingTokens));
        if (Delimiter is '"' or '\r' or '\n')
            throw new ArgumentOutOfRangeException(nameof(Delimiter), Delimiter, "Delimiter='" + Delimiter + "' cannot be a quote or a line break.");
        // A number's own characters would cut its cells (and the loader's one-scan number reading assumes they cannot).
        if (char.IsAsciiDigit(Delimiter) || Delimiter is '+' or '-' or '.')
            throw new ArgumentOutOfRangeException(nameof(Delimiter), Delimiter, "Delimiter='" + Delimiter + "' cannot be a digit, a sign or a decimal point.");
        if (DecimalSeparator is { } d && !CsvNumber.DecimalSeparators.Contains(d))
            throw new ArgumentOutOfRangeException(nameof(DecimalSeparator), d, "DecimalSeparator='" + d + "' must be '.' or ','.");
        var both = NumericColumns.Intersect(TextColumns, StringComparer.Ordinal).ToList();
        if (both.Count > 0)
            throw new ArgumentOutOfRangeException(nameof(TextColumns), string.Join(", ", both),
                "Columns declared both numeric and text: " + string.Join(", ", both.Select(n => "'" + n + "'")) + ".");
    }
}
