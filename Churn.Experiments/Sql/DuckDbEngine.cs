using System.Data.Common;
using DuckDB.NET.Data;

namespace Churn.Experiments.Sql;

/// <summary>
/// DuckDB embedded in the process (DuckDB.NET ships the native library): reads CSV and Parquet files
/// in place, streaming, so a file larger than memory can be aggregated.
/// </summary>
public sealed class DuckDbEngine : SqlEngine
{
    private readonly DuckDBConnection connection;

    private DuckDbEngine(string description, string database) : base(SqlDialect.DuckDb, description)
    {
        connection = new DuckDBConnection("Data Source=" + database);
        connection.Open();
    }

    protected override DbConnection Connection => connection;

    /// <summary>An in-memory database (nothing is written to disk).</summary>
    public static DuckDbEngine InMemory(string description = "duckdb") => new(description, ":memory:");

    /// <summary>
    /// The table function reading a data file: read_parquet for *.parquet, read_csv otherwise (header row,
    /// types detected from the whole file so a late text value cannot fail a numeric column). Like our CSV
    /// reader, a column is a number or text: "Yes"/"No" stays text rather than becoming a BOOLEAN, and dates stay text.
    /// The separator and decimal mark are the ones our reader finds in the file (a ';' file with decimal commas
    /// is read with both), so `--source duckdb:FILE` and `--data FILE` read the same numbers.
    /// </summary>
    public static string ReadFunction(string path)
    {
        var literal = SqlDialect.DuckDb.FileLiteral(path);
        if (path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)) return "read_parquet(" + literal + ")";
        var (delimiter, decimalMark) = CsvLayout(path);
        return "read_csv(" + literal + ", header = true, sample_size = -1, auto_type_candidates = ['BIGINT', 'DOUBLE', 'VARCHAR'], delim = "
            + SqlDialect.DuckDb.String(delimiter.ToString()) + (decimalMark == '.' ? "" : ", decimal_separator = " + SqlDialect.DuckDb.String(decimalMark.ToString())) + ")";
    }

    /// <summary>The column names our CSV reader reads from the header of <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> CsvHeader(string path)
    {
        using var reader = Data.CsvRowReader.Open(path);
        return reader.Header.ToList();
    }

    /// <summary>The separator and decimal mark our CSV reader takes for <paramref name="path"/> (',' and '.' when it cannot tell).</summary>
    private static (char Delimiter, char DecimalMark) CsvLayout(string path)
    {
        if (!File.Exists(path)) return (',', '.'); // the engine names the missing file itself
        using var reader = Data.CsvRowReader.Open(path);
        return (reader.Delimiter, reader.NumberFormat.DecimalSeparator);
    }
}
