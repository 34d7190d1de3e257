namespace Churn.Experiments.Data;

/// <summary>Result of <see cref="CaseStudyFeatures.Build"/>.</summary>
/// <param name="Features">Numeric feature columns, months 6-8 and month-less, then the change features.</param>
/// <param name="Dropped">Columns not used, each with the reason ("month 9", "id", "date/text", "constant").</param>
public sealed record CaseStudyFeatureSet(ColumnTable Features, IReadOnlyList<(string Column, string Reason)> Dropped);

/// <summary>
/// Model features for the case-study churn definition, from a cleaned table (see <see cref="TelecomCleaner"/>):
/// every numeric column of months 6, 7, 8 and every month-less numeric column, except ids (mobile_number,
/// circle_id), text/date columns and constant columns (one distinct non-missing value, or none); plus,
/// for each of <see cref="ChangeBaseNames"/>, the action-phase change <c>{base}_change_8</c> =
/// x_8 - mean(x_6, x_7) (NaN when any input is missing, left to the imputer). Month-9 columns never enter;
/// <see cref="LeakageCheck"/> verifies the result.
/// </summary>
public static class CaseStudyFeatures
{
    public static IReadOnlyList<string> ChangeBaseNames { get; } =
        ["arpu", "total_og_mou", "total_ic_mou", "total_rech_amt", "total_rech_num", "vol_2g_mb", "vol_3g_mb"];

    public static CaseStudyFeatureSet Build(ColumnTable cleaned)
    {
        ArgumentNullException.ThrowIfNull(cleaned);
        var kept = new List<TableColumn>();
        var dropped = new List<(string, string)>();
        foreach (var column in cleaned.Columns)
        {
            var month = TelecomSchema.MonthOf(column.Name);
            var group = TelecomSchema.GroupOf(column.Name);
            if (month is not null && month > 8) dropped.Add((column.Name, "month " + month.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + " (label phase)"));
            else if (group == TelecomColumnGroup.Id) dropped.Add((column.Name, "id"));
            else if (column is not NumericColumn numeric) dropped.Add((column.Name, TelecomSchema.IsDateColumn(column.Name) ? "date" : "text"));
            else if (IsConstant(numeric.Values)) dropped.Add((column.Name, "constant"));
            else kept.Add(column);
        }

        foreach (var baseName in ChangeBaseNames)
        {
            var names = new[] { 6, 7, 8 }.Select(m => TelecomSchema.ColumnFor(baseName, m)).ToArray();
            if (!names.All(cleaned.Contains)) continue;
            var m6 = cleaned.Numeric(names[0]).Values;
            var m7 = cleaned.Numeric(names[1]).Values;
            var m8 = cleaned.Numeric(names[2]).Values;
            var change = new double[cleaned.RowCount];
            for (var i = 0; i < change.Length; i++) change[i] = m8[i] - (m6[i] + m7[i]) / 2.0;
            kept.Add(new NumericColumn(baseName + "_change_8", change));
        }

        var features = new ColumnTable(kept, cleaned.SourcePath, Enumerable.Range(0, cleaned.RowCount).Select(cleaned.LineOf).ToArray());
        LeakageCheck.EnsureNoColumnsFromMonth(features.ColumnNames, TelecomSchema.ChurnMonth);
        return new CaseStudyFeatureSet(features, dropped);
    }

    private static bool IsConstant(double[] values)
    {
        var first = double.NaN;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            if (double.IsNaN(first)) first = v;
            else if (v != first) return false;
        }
        return true;
    }
}
