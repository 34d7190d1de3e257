namespace Churn.Experiments.Data;

/// <summary>The seed project's three features and its proxy label, with the columns they came from.</summary>
/// <param name="Features">Columns aon, total_mou, total_data_usage (numeric, no missing values).</param>
/// <param name="Churn">Proxy label: 1 when total_mou &lt; 5 and total_data_usage &lt; 5, else 0.</param>
/// <param name="DroppedColumns">Raw columns more than 30% missing, dropped before anything else.</param>
/// <param name="MouColumns">Columns summed into total_mou.</param>
/// <param name="DataColumns">Columns summed into total_data_usage.</param>
public sealed record SeedProxyResult(
    ColumnTable Features,
    double[] Churn,
    IReadOnlyList<string> DroppedColumns,
    IReadOnlyList<string> MouColumns,
    IReadOnlyList<string> DataColumns);

/// <summary>
/// Reproduces the original (seed) project's processed table from the raw telecom file, step by step as
/// its scripts did: (1) drop every column whose share of missing cells on the table as loaded is above
/// 30% and fill every remaining blank with 0; (2) drop mobile_number; (3) total_mou = sum of every
/// remaining column whose name contains "mou" (all months, totals and components together);
/// (4) total_data_usage = sum of every remaining column whose name contains "2g" or "3g" (volumes, pack
/// counts, vbc costs: mixed units); (5) aon as is; (6) proxy churn = total_mou &lt; 5 AND total_data_usage &lt; 5.
/// Sums run left to right in file order. The proxy uses month 9 and two of its own inputs: it leaks.
/// </summary>
public static class SeedProxy
{
    public const double MissingThreshold = 0.30;
    public const double ChurnThreshold = 5.0;

    public static IReadOnlyList<string> SeedColumns { get; } = ["aon", "total_mou", "total_data_usage", "segment", "churn"];

    public static SeedProxyResult Compute(ColumnTable raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (raw.RowCount == 0) throw new ChurnDataException("table has no rows.", raw.SourcePath);
        var dropped = raw.Columns.Where(c => (double)c.MissingCount / raw.RowCount > MissingThreshold).Select(c => c.Name).ToList();
        var kept = raw.Without(dropped).Without([TelecomSchema.IdColumn]);

        var mou = kept.ColumnNames.Where(n => n.Contains("mou", StringComparison.Ordinal)).ToList();
        var data = kept.ColumnNames.Where(n => n.Contains("2g", StringComparison.Ordinal) || n.Contains("3g", StringComparison.Ordinal)).ToList();
        var totalMou = SumFilled(kept, mou);
        var totalData = SumFilled(kept, data);
        var aon = kept.Numeric(TelecomSchema.AonColumn).ValuesOr(0.0);
        var churn = new double[raw.RowCount];
        for (var i = 0; i < churn.Length; i++)
            churn[i] = totalMou[i] < ChurnThreshold && totalData[i] < ChurnThreshold ? 1.0 : 0.0;

        var features = new ColumnTable(
            [new NumericColumn("aon", aon), new NumericColumn("total_mou", totalMou), new NumericColumn("total_data_usage", totalData)],
            raw.SourcePath);
        return new SeedProxyResult(features, churn, dropped, mou, data);
    }

    /// <summary>
    /// Loads the seed's processed table (seed_churn_labeled_data.csv): exactly the columns aon, total_mou,
    /// total_data_usage, segment, churn, all numeric, no blanks; anything else is a <see cref="ChurnDataException"/>.
    /// </summary>
    public static ColumnTable LoadSeedTable(string path)
    {
        using (var header = CsvRowReader.Open(path))
            if (!header.Header.SequenceEqual(SeedColumns))
                throw new ChurnDataException(
                    "expected exactly the columns " + string.Join(", ", SeedColumns) + " but found " + string.Join(", ", header.Header) + ".", path);
        var table = CsvTableReader.Read(path, new CsvReadOptions { NumericColumns = SeedColumns.ToArray() });
        foreach (var column in table.Columns)
            for (var i = 0; i < table.RowCount; i++)
                if (column.IsMissing(i))
                    throw new ChurnDataException("blank cell; the seed table has no missing values.", path, i + 1, table.LineOf(i), column.Name, "");
        return table;
    }

    // Blank -> 0 as the seed's fillna(0), then a left-to-right sum in file order.
    private static double[] SumFilled(ColumnTable table, IReadOnlyList<string> names)
    {
        var sum = new double[table.RowCount];
        foreach (var name in names)
        {
            var values = table.Numeric(name).Values;
            for (var i = 0; i < sum.Length; i++)
            {
                var v = values[i];
                if (!double.IsNaN(v)) sum[i] += v;
            }
        }
        return sum;
    }
}
