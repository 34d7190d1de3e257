namespace Churn.Experiments.Data;

/// <summary>
/// The case study's churn tag, from the churn phase (month 9): churn = 1 when total_ic_mou_9,
/// total_og_mou_9, vol_2g_mb_9 and vol_3g_mb_9 are all 0 (a blank counts as 0), else 0. After tagging,
/// every month-9 column (*_9 and sep_vbc_3g) must be dropped: they leak the label.
/// </summary>
public static class ChurnTagging
{
    public static IReadOnlyList<string> UsageBaseNames { get; } = ["total_ic_mou", "total_og_mou", "vol_2g_mb", "vol_3g_mb"];

    /// <summary>0/1 churn label for every row.</summary>
    public static double[] Tag(ColumnTable table, int churnMonth = TelecomSchema.ChurnMonth)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = UsageBaseNames.Select(b => table.Numeric(TelecomSchema.ColumnFor(b, churnMonth)).Values).ToArray();
        var churn = new double[table.RowCount];
        for (var i = 0; i < churn.Length; i++)
        {
            var used = false;
            foreach (var column in columns)
            {
                var v = column[i];
                if (!double.IsNaN(v) && v != 0.0) { used = true; break; }
            }
            churn[i] = used ? 0.0 : 1.0;
        }
        return churn;
    }

    /// <summary>The table without any column of <paramref name="month"/> (suffix _9 or sep_vbc_3g for month 9).</summary>
    public static ColumnTable DropMonth(ColumnTable table, int month = TelecomSchema.ChurnMonth)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Where(c => TelecomSchema.MonthOf(c.Name) != month);
    }

    /// <summary>Tags churn, then drops the churn month: the label and a table that cannot leak it.</summary>
    public static (ColumnTable Table, double[] Churn) TagAndDrop(ColumnTable table, int churnMonth = TelecomSchema.ChurnMonth)
    {
        var churn = Tag(table, churnMonth);
        var dropped = DropMonth(table, churnMonth);
        LeakageCheck.EnsureNoColumnsFromMonth(dropped.ColumnNames, churnMonth);
        return (dropped, churn);
    }
}
