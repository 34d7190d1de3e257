namespace Churn.Experiments.Data;

/// <summary>
/// A problem with an input file or table, located as precisely as we can: file, 1-based data row
/// (the header is not counted), physical line number in the file, column name and offending value.
/// The message names every part that is known, so a user can fix the file without a debugger.
/// </summary>
public sealed class ChurnDataException(string problem, string? file = null, int? row = null, int? line = null,
    string? column = null, string? value = null, Exception? inner = null)
    : Exception(Compose(problem, file, row, line, column, value), inner)
{
    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; } = problem;

    public string? File { get; } = file;

    /// <summary>1-based data row (first row after the header is 1).</summary>
    public int? Row { get; } = row;

    /// <summary>1-based physical line in the file (the header is line 1).</summary>
    public int? Line { get; } = line;

    public string? Column { get; } = column;

    public string? Value { get; } = value;

    private static string Compose(string problem, string? file, int? row, int? line, string? column, string? value)
    {
        var where = new List<string>();
        if (file is not null) where.Add("file '" + UserMessage.Printable(file) + "'");
        if (row is not null) where.Add("row " + row.Value.ToString(CultureInfo.InvariantCulture));
        if (line is not null) where.Add("line " + line.Value.ToString(CultureInfo.InvariantCulture));
        if (column is not null) where.Add("column '" + UserMessage.Printable(column) + "'");
        if (value is not null) where.Add("value '" + UserMessage.Printable(Shorten(value)) + "'");
        if (where.Count == 0) return problem;
        var sb = new StringBuilder();
        sb.Append(string.Join(", ", where)).Append(": ").Append(problem);
        return sb.ToString();
    }

    // A broken quote can swallow the rest of the file into one field; keep messages readable.
    private static string Shorten(string value) =>
        value.Length <= 80 ? value : value[..77] + "...";
}
