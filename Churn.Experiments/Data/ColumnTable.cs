namespace Churn.Experiments.Data;

/// <summary>
/// An in-memory table of ordered, typed columns (numeric with NaN = missing, or text with null = blank),
/// all of the same length. Column lookup is by exact (case-sensitive) name; a missing name throws a
/// <see cref="ChurnDataException"/> that lists the closest existing names. Immutable: every
/// transformation returns a new table sharing the untouched column arrays.
/// </summary>
public sealed class ColumnTable
{
    private readonly TableColumn[] _columns;
    private readonly Dictionary<string, int> _index;
    private readonly int[]? _lineNumbers;

    /// <param name="columns">Columns in order; names must be unique and lengths equal.</param>
    /// <param name="sourcePath">File the table came from, used in messages (null for computed tables).</param>
    /// <param name="lineNumbers">Optional 1-based file line of each row, used in messages.</param>
    public ColumnTable(IEnumerable<TableColumn> columns, string? sourcePath = null, int[]? lineNumbers = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns.ToArray();
        _index = new Dictionary<string, int>(_columns.Length, StringComparer.Ordinal);
        RowCount = _columns.Length == 0 ? 0 : _columns[0].Length;
        for (var j = 0; j < _columns.Length; j++)
        {
            var column = _columns[j] ?? throw new ArgumentException("Column " + j.ToString(CultureInfo.InvariantCulture) + " is null.", nameof(columns));
            if (!_index.TryAdd(column.Name, j))
                throw new ChurnDataException("duplicate column name; column names must be unique.", sourcePath, column: column.Name);
            if (column.Length != RowCount)
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "Column '{0}' has {1} rows but column '{2}' has {3}; all columns must have the same length.",
                    column.Name, column.Length, _columns[0].Name, RowCount), nameof(columns));
        }
        if (lineNumbers is not null && lineNumbers.Length != RowCount)
            throw new ArgumentException("lineNumbers must have one entry per row.", nameof(lineNumbers));
        _lineNumbers = lineNumbers;
        SourcePath = sourcePath;
        ColumnNames = Array.AsReadOnly(_columns.Select(c => c.Name).ToArray());
    }

    public IReadOnlyList<TableColumn> Columns => _columns;

    public IReadOnlyList<string> ColumnNames { get; }

    public int RowCount { get; }

    public int ColumnCount => _columns.Length;

    public string? SourcePath { get; }

    /// <summary>How the source file's numbers were read (set by <see cref="CsvTableReader"/>; the default for computed tables).</summary>
    public CsvNumberFormat NumberFormat { get; init; } = CsvNumberFormat.Point;

    public bool Contains(string name) => _index.ContainsKey(name);

    public int IndexOf(string name) => _index.TryGetValue(name, out var j) ? j : -1;

    public bool TryGetColumn(string name, out TableColumn column)
    {
        if (_index.TryGetValue(name, out var j))
        {
            column = _columns[j];
            return true;
        }
        column = null!;
        return false;
    }

    /// <summary>The column with this exact name; throws listing close names when absent.</summary>
    public TableColumn this[string name] => Column(name);

    public TableColumn Column(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_index.TryGetValue(name, out var j)) return _columns[j];
        throw new ChurnDataException(MissingColumnMessage(ColumnNames, name), SourcePath, column: name);
    }

    /// <summary>The named column, which must be numeric.</summary>
    public NumericColumn Numeric(string name) =>
        Column(name) as NumericColumn
        ?? throw new ChurnDataException("column is text but a numeric column is needed here.", SourcePath, column: name);

    /// <summary>The named column, which must be text.</summary>
    public TextColumn Text(string name) =>
        Column(name) as TextColumn
        ?? throw new ChurnDataException("column is numeric but a text column is needed here.", SourcePath, column: name);

    /// <summary>1-based file line of a 0-based row index (header = line 1; without recorded lines, row + 2).</summary>
    public int LineOf(int rowIndex) => _lineNumbers is null ? rowIndex + 2 : _lineNumbers[rowIndex];

    /// <summary>A table holding only the named columns, in the given order.</summary>
    public ColumnTable Select(IEnumerable<string> names) =>
        new(names.Select(Column), SourcePath, _lineNumbers);

    /// <summary>A table without the named columns (names that do not exist are ignored).</summary>
    public ColumnTable Without(IEnumerable<string> names)
    {
        var drop = new HashSet<string>(names, StringComparer.Ordinal);
        return new ColumnTable(_columns.Where(c => !drop.Contains(c.Name)), SourcePath, _lineNumbers);
    }

    /// <summary>A table keeping the columns for which <paramref name="keep"/> is true.</summary>
    public ColumnTable Where(Func<TableColumn, bool> keep) =>
        new(_columns.Where(keep), SourcePath, _lineNumbers);

    /// <summary>This table with columns appended (or replaced in place when the name exists).</summary>
    public ColumnTable With(params TableColumn[] columns)
    {
        var list = _columns.ToList();
        foreach (var column in columns)
        {
            var j = list.FindIndex(c => c.Name == column.Name);
            if (j >= 0) list[j] = column;
            else list.Add(column);
        }
        return new ColumnTable(list, SourcePath, _lineNumbers);
    }

    /// <summary>A table keeping only the given rows (0-based), in order.</summary>
    public ColumnTable SelectRows(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int[]? lines = null;
        if (_lineNumbers is not null)
        {
            lines = new int[rows.Count];
            for (var i = 0; i < lines.Length; i++) lines[i] = _lineNumbers[rows[i]];
        }
        return new ColumnTable(_columns.Select(c => c.SelectRows(rows)), SourcePath, lines ?? rows.Select(r => r + 2).ToArray());
    }

    /// <summary>"no such column ... Did you mean: 'a', 'b'? The table has N columns: ..."</summary>
    public static string MissingColumnMessage(IReadOnlyList<string> names, string name)
    {
        var close = ClosestNames(names, name, 5);
        var message = "no such column (names are case-sensitive).";
        if (close.Count > 0) message += " Did you mean: " + string.Join(", ", close.Select(n => "'" + n + "'")) + "?";
        message += string.Format(CultureInfo.InvariantCulture, " The table has {0} columns", names.Count);
        message += names.Count <= 30
            ? ": " + string.Join(", ", names.Select(n => "'" + n + "'")) + "."
            : "; first 30: " + string.Join(", ", names.Take(30).Select(n => "'" + n + "'")) + ".";
        return message;
    }

    /// <summary>Existing column names closest to <paramref name="name"/> (case-insensitive edit distance or containment).</summary>
    public IReadOnlyList<string> ClosestNames(string name, int max) => ClosestNames(ColumnNames, name, max);

    /// <summary>Names closest to <paramref name="name"/> (case-insensitive edit distance or containment), best first.</summary>
    public static IReadOnlyList<string> ClosestNames(IReadOnlyList<string> names, string name, int max)
    {
        var lower = name.ToLowerInvariant();
        return names
            .Select(n => (Name: n, Distance: Distance(lower, n.ToLowerInvariant())))
            .Where(t => t.Distance <= Math.Max(2, name.Length / 3)
                        || (lower.Length >= 3 && t.Name.Contains(lower, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(t => t.Distance).ThenBy(t => t.Name, StringComparer.Ordinal)
            .Take(max).Select(t => t.Name).ToList();
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
