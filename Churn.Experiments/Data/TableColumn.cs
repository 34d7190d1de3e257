namespace Churn.Experiments.Data;

/// <summary>One named column of a <see cref="ColumnTable"/>: numeric or text.</summary>
public abstract class TableColumn
{
    protected TableColumn(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
    }

    public string Name { get; }

    /// <summary>Number of rows.</summary>
    public abstract int Length { get; }

    /// <summary>True when the cell is missing (NaN for numeric, null for text).</summary>
    public abstract bool IsMissing(int row);

    /// <summary>Number of missing cells.</summary>
    public abstract int MissingCount { get; }

    /// <summary>A copy keeping only the given rows, in the given order.</summary>
    public abstract TableColumn SelectRows(IReadOnlyList<int> rows);

    /// <summary>The same values under another name.</summary>
    public abstract TableColumn Rename(string name);

    /// <summary>The cell as text (numbers printed round-trip, invariant culture); null when missing.</summary>
    public abstract string? FormatCell(int row);
}

/// <summary>A numeric column; NaN marks a missing cell. The array is owned by the column: do not mutate it.</summary>
public sealed class NumericColumn : TableColumn
{
    public NumericColumn(string name, double[] values) : base(name)
    {
        Values = values ?? throw new ArgumentNullException(nameof(values));
    }

    public double[] Values { get; }

    public override int Length => Values.Length;

    public double this[int row] => Values[row];

    public override bool IsMissing(int row) => double.IsNaN(Values[row]);

    // Over the array, not a virtual IsMissing call per cell (a million-row column is counted several times).
    public override int MissingCount
    {
        get
        {
            var count = 0;
            foreach (var v in Values)
                if (double.IsNaN(v)) count++;
            return count;
        }
    }

    public override TableColumn SelectRows(IReadOnlyList<int> rows)
    {
        var values = new double[rows.Count];
        for (var i = 0; i < values.Length; i++) values[i] = Values[rows[i]];
        return new NumericColumn(Name, values);
    }

    public override TableColumn Rename(string name) => new NumericColumn(name, Values);

    public override string? FormatCell(int row) =>
        double.IsNaN(Values[row]) ? null : Values[row].ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A copy of the values with missing cells replaced by <paramref name="fill"/>.</summary>
    public double[] ValuesOr(double fill)
    {
        var copy = new double[Values.Length];
        for (var i = 0; i < copy.Length; i++) copy[i] = double.IsNaN(Values[i]) ? fill : Values[i];
        return copy;
    }
}

/// <summary>A text column; null marks a blank cell. Values are stored as read (not trimmed).</summary>
public sealed class TextColumn : TableColumn
{
    /// <summary>The category name a model gives blank cells (see <c>CategoricalFeature.BlankLevel</c>).</summary>
    public const string BlankLevel = "(blank)";

    public TextColumn(string name, string?[] values) : base(name)
    {
        Values = values ?? throw new ArgumentNullException(nameof(values));
    }

    public string?[] Values { get; }

    public override int Length => Values.Length;

    public string? this[int row] => Values[row];

    public override bool IsMissing(int row) => Values[row] is null;

    public override int MissingCount
    {
        get
        {
            var count = 0;
            foreach (var v in Values)
                if (v is null) count++;
            return count;
        }
    }

    public override TableColumn SelectRows(IReadOnlyList<int> rows)
    {
        var values = new string?[rows.Count];
        for (var i = 0; i < values.Length; i++) values[i] = Values[rows[i]];
        return new TextColumn(Name, values);
    }

    public override TableColumn Rename(string name) => new TextColumn(name, Values);

    public override string? FormatCell(int row) => Values[row];
}
