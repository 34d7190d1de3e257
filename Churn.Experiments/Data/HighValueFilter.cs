namespace Churn.Experiments.Data;

/// <summary>Result of <see cref="HighValueFilter.Apply"/>.</summary>
/// <param name="Table">The high-value rows of the input table, in input order.</param>
/// <param name="Rows">0-based indices of the kept rows in the input table.</param>
/// <param name="AverageRecharge">mean(total_rech_amt_6, total_rech_amt_7) for every input row.</param>
/// <param name="Threshold">The quantile of <paramref name="AverageRecharge"/> used as cut-off.</param>
public sealed record HighValueResult(ColumnTable Table, int[] Rows, double[] AverageRecharge, double Threshold);

/// <summary>
/// The case study's high-value customers: average recharge amount over the good months 6 and 7,
/// mean(total_rech_amt_6, total_rech_amt_7) with a blank amount counted as 0 (no recharge recorded);
/// keep rows whose average is &gt;= its 70th percentile (linear interpolation, pandas' default).
/// </summary>
public static class HighValueFilter
{
    public const double DefaultQuantile = 0.7;

    public static HighValueResult Apply(ColumnTable table, double quantile = DefaultQuantile)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.RowCount == 0) throw new ChurnDataException("table has no rows.", table.SourcePath);
        var june = table.Numeric("total_rech_amt_6").ValuesOr(0.0);
        var july = table.Numeric("total_rech_amt_7").ValuesOr(0.0);
        var average = new double[table.RowCount];
        for (var i = 0; i < average.Length; i++) average[i] = (june[i] + july[i]) / 2.0;
        var threshold = Quantile.Linear(average, quantile);
        var rows = Enumerable.Range(0, average.Length).Where(i => average[i] >= threshold).ToArray();
        return new HighValueResult(table.SelectRows(rows), rows, average, threshold);
    }
}
