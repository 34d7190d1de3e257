namespace Churn.Experiments.Data;

/// <summary>
/// The one rule for a cell that means "missing", wherever a cell comes from (a CSV file, a field of a POSTed
/// customer): blank or whitespace only, or, trimmed, one of the tokens `train --na` was given (which the model
/// file keeps). Tokens compare ordinally, so "NA" does not make "na" missing.
/// </summary>
internal sealed class MissingCells
{
    private readonly HashSet<string> _tokens;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public MissingCells(IEnumerable<string> tokens)
    {
        _tokens = new HashSet<string>(tokens, StringComparer.Ordinal);
        _lookup = _tokens.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>True when some cells are missing by token (then a cell that looks like a number, "-999", may be missing).</summary>
    public bool HasTokens => _tokens.Count > 0;

    public bool IsMissing(ReadOnlySpan<char> cell) => CsvNumber.IsBlank(cell) || (_tokens.Count > 0 && _lookup.Contains(cell.Trim()));
}
