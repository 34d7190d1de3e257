namespace Churn.Experiments.Data;

/// <summary>Missing cells of one column (NaN or blank).</summary>
public sealed record ColumnMissingness(string Column, TelecomColumnGroup Group, int? Month, int Missing, int Rows)
{
    public double Fraction => Rows == 0 ? 0.0 : (double)Missing / Rows;
}

/// <summary>Missing cells of a column group in one month (Month null for month-less columns): missing cells / all cells of the group-month.</summary>
public sealed record GroupMissingness(TelecomColumnGroup Group, int? Month, int Columns, long MissingCells, long Cells)
{
    public double Fraction => Cells == 0 ? 0.0 : (double)MissingCells / Cells;
}

/// <summary>
/// Share of missing cells per column, per (column group, month) of <see cref="TelecomSchema"/> and overall.
/// Columns the schema does not know are grouped as <see cref="TelecomColumnGroup.Unknown"/>, so the report
/// works on any table.
/// </summary>
public sealed class MissingnessReport
{
    private MissingnessReport(int rows, IReadOnlyList<ColumnMissingness> columns, IReadOnlyList<GroupMissingness> groups)
    {
        Rows = rows;
        Columns = columns;
        Groups = groups;
        Cells = (long)rows * columns.Count;
        MissingCells = columns.Sum(c => (long)c.Missing);
    }

    public int Rows { get; }

    public long Cells { get; }

    public long MissingCells { get; }

    /// <summary>Missing cells / all cells.</summary>
    public double OverallFraction => Cells == 0 ? 0.0 : (double)MissingCells / Cells;

    /// <summary>One entry per column, in table order.</summary>
    public IReadOnlyList<ColumnMissingness> Columns { get; }

    /// <summary>One entry per (group, month), ordered by group then month (month-less first).</summary>
    public IReadOnlyList<GroupMissingness> Groups { get; }

    public int ColumnsWithMissing => Columns.Count(c => c.Missing > 0);

    /// <summary>Columns whose missing fraction is strictly above <paramref name="fraction"/>.</summary>
    public IReadOnlyList<ColumnMissingness> ColumnsAbove(double fraction) => Columns.Where(c => c.Fraction > fraction).ToList();

    /// <summary>The entry of a group and month (null month for month-less columns); null when the table has none.</summary>
    public GroupMissingness? Group(TelecomColumnGroup group, int? month) =>
        Groups.FirstOrDefault(g => g.Group == group && g.Month == month);

    public static MissingnessReport Compute(ColumnTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.Columns
            .Select(c => new ColumnMissingness(c.Name, TelecomSchema.GroupOf(c.Name), TelecomSchema.MonthOf(c.Name), c.MissingCount, table.RowCount))
            .ToList();
        var groups = columns
            .GroupBy(c => (c.Group, c.Month))
            .Select(g => new GroupMissingness(g.Key.Group, g.Key.Month, g.Count(), g.Sum(c => (long)c.Missing), (long)g.Count() * table.RowCount))
            .OrderBy(g => g.Group).ThenBy(g => g.Month ?? 0)
            .ToList();
        return new MissingnessReport(table.RowCount, columns, groups);
    }
}
