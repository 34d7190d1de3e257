namespace Churn.Experiments.Data;

/// <summary>How the call-minute blanks of one month looked before filling.</summary>
/// <param name="Month">6..9.</param>
/// <param name="BlankRows">Rows with at least one blank call-minute component.</param>
/// <param name="PartiallyBlankRows">Rows where some but not all of the month's components are blank (the expected pattern is all or none).</param>
/// <param name="BlankWithNonZeroTotalRows">0-based rows with a blank component although total_og_mou or total_ic_mou is non-zero: NOT filled, left missing.</param>
/// <param name="FilledCells">Cells set to 0.</param>
public sealed record CallMinuteCheck(int Month, int BlankRows, int PartiallyBlankRows, IReadOnlyList<int> BlankWithNonZeroTotalRows, int FilledCells);

/// <summary>How the data-recharge blanks of one month looked before filling.</summary>
/// <param name="Month">6..9.</param>
/// <param name="BlankRows">Rows whose total_rech_data is blank (no data recharge).</param>
/// <param name="BlankWithVolumeRows">0-based rows with blank total_rech_data but 2G/3G volume above 0 that month (filled anyway; reported).</param>
/// <param name="FilledCells">Cells of the numeric block set to 0.</param>
public sealed record DataRechargeCheck(int Month, int BlankRows, IReadOnlyList<int> BlankWithVolumeRows, int FilledCells);

/// <summary>The cleaned table and what the cleaning found.</summary>
public sealed record TelecomCleaningResult(
    ColumnTable Table,
    IReadOnlyList<CallMinuteCheck> CallMinutes,
    IReadOnlyList<DataRechargeCheck> DataRecharges,
    IReadOnlyList<string> Warnings);

/// <summary>
/// Fills the two blank patterns of the telecom file described in the data README, and checks them rather
/// than assuming them:
/// (a) call-minute components (29 a month) that are blank while the month's total_og_mou and total_ic_mou
/// are both 0 mean "no calls" and become 0; a blank component with a non-zero total is left missing
/// (for the median imputer) and reported.
/// (b) a blank in the numeric data-recharge block (9 numeric columns a month) means "no data recharge" and
/// becomes 0; rows with a blank block but 2G/3G volume are reported.
/// Date columns (including date_of_last_rech_data_*) are left as they are: they are not model features.
/// Every other column is unchanged. Blank totals are not filled here.
/// </summary>
public static class TelecomCleaner
{
    public static TelecomCleaningResult Clean(ColumnTable raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var replaced = new Dictionary<string, NumericColumn>(StringComparer.Ordinal);
        var warnings = new List<string>();
        var callChecks = new List<CallMinuteCheck>();
        var dataChecks = new List<DataRechargeCheck>();

        foreach (var month in TelecomSchema.Months)
        {
            var components = TelecomSchema.CallMinuteComponents
                .Select(b => TelecomSchema.ColumnFor(b, month))
                .Where(raw.Contains).ToList();
            if (components.Count > 0)
                callChecks.Add(CleanCallMinutes(raw, month, components, replaced, warnings));

            var block = TelecomSchema.DataRechargeBlock
                .Where(b => b != "date_of_last_rech_data")
                .Select(b => TelecomSchema.ColumnFor(b, month))
                .Where(raw.Contains).ToList();
            if (block.Count > 0)
                dataChecks.Add(CleanDataRecharge(raw, month, block, replaced, warnings));
        }

        var table = new ColumnTable(
            raw.Columns.Select(c => replaced.TryGetValue(c.Name, out var r) ? (TableColumn)r : c),
            raw.SourcePath, Enumerable.Range(0, raw.RowCount).Select(raw.LineOf).ToArray());
        return new TelecomCleaningResult(table, callChecks, dataChecks, warnings);
    }

    private static CallMinuteCheck CleanCallMinutes(ColumnTable raw, int month, List<string> names,
        Dictionary<string, NumericColumn> replaced, List<string> warnings)
    {
        var columns = names.Select(n => NumericOrWarn(raw, n, warnings)).Where(c => c is not null).Select(c => c!).ToList();
        var og = OptionalNumeric(raw, TelecomSchema.ColumnFor("total_og_mou", month));
        var ic = OptionalNumeric(raw, TelecomSchema.ColumnFor("total_ic_mou", month));
        var copies = columns.Select(c => (double[])c.Values.Clone()).ToList();
        int blankRows = 0, partialRows = 0, filled = 0;
        var inconsistent = new List<int>();
        for (var i = 0; i < raw.RowCount; i++)
        {
            var blanks = 0;
            foreach (var c in columns)
                if (double.IsNaN(c.Values[i])) blanks++;
            if (blanks == 0) continue;
            blankRows++;
            if (blanks < columns.Count) partialRows++;
            // Only "both totals are 0" proves there were no calls; a missing total proves nothing.
            var totalsZero = og is not null && ic is not null && og[i] == 0.0 && ic[i] == 0.0;
            if (!totalsZero)
            {
                inconsistent.Add(i);
                continue;
            }
            foreach (var copy in copies)
                if (double.IsNaN(copy[i])) { copy[i] = 0.0; filled++; }
        }
        for (var k = 0; k < columns.Count; k++) replaced[columns[k].Name] = new NumericColumn(columns[k].Name, copies[k]);
        if (partialRows > 0)
            warnings.Add(Format("Month {0}: {1} rows have some but not all call-minute components blank (expected all or none).", month, partialRows));
        if (inconsistent.Count > 0)
            warnings.Add(Format("Month {0}: {1} rows have blank call-minute components although total_og_mou_{0} or total_ic_mou_{0} is non-zero or blank; left missing (to be imputed). First rows (1-based): {2}.",
                month, inconsistent.Count, string.Join(", ", inconsistent.Take(10).Select(r => r + 1))));
        return new CallMinuteCheck(month, blankRows, partialRows, inconsistent, filled);
    }

    private static DataRechargeCheck CleanDataRecharge(ColumnTable raw, int month, List<string> names,
        Dictionary<string, NumericColumn> replaced, List<string> warnings)
    {
        var columns = names.Select(n => NumericOrWarn(raw, n, warnings)).Where(c => c is not null).Select(c => c!).ToList();
        var count = OptionalNumeric(raw, TelecomSchema.ColumnFor("total_rech_data", month));
        var vol2g = OptionalNumeric(raw, TelecomSchema.ColumnFor("vol_2g_mb", month));
        var vol3g = OptionalNumeric(raw, TelecomSchema.ColumnFor("vol_3g_mb", month));
        var blankRows = 0;
        var withVolume = new List<int>();
        if (count is not null)
            for (var i = 0; i < raw.RowCount; i++)
            {
                if (!double.IsNaN(count[i])) continue;
                blankRows++;
                var volume = (vol2g is null || double.IsNaN(vol2g[i]) ? 0 : vol2g[i]) + (vol3g is null || double.IsNaN(vol3g[i]) ? 0 : vol3g[i]);
                if (volume > 0) withVolume.Add(i);
            }
        var filled = 0;
        foreach (var c in columns)
        {
            var copy = (double[])c.Values.Clone();
            for (var i = 0; i < copy.Length; i++)
                if (double.IsNaN(copy[i])) { copy[i] = 0.0; filled++; }
            replaced[c.Name] = new NumericColumn(c.Name, copy);
        }
        if (withVolume.Count > 0)
            warnings.Add(Format("Month {0}: {1} rows have no data recharge (blank total_rech_data_{0}) but 2G/3G volume > 0; block filled with 0 anyway. First rows (1-based): {2}.",
                month, withVolume.Count, string.Join(", ", withVolume.Take(10).Select(r => r + 1))));
        return new DataRechargeCheck(month, blankRows, withVolume, filled);
    }

    private static NumericColumn? NumericOrWarn(ColumnTable table, string name, List<string> warnings)
    {
        if (table.Column(name) is NumericColumn numeric) return numeric;
        warnings.Add(Format("Column '{0}' holds text, not numbers; not cleaned.", name));
        return null;
    }

    private static double[]? OptionalNumeric(ColumnTable table, string name) =>
        table.TryGetColumn(name, out var c) && c is NumericColumn n ? n.Values : null;

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
