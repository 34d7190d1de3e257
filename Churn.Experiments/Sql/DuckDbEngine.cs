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
    public static string ReadFunction(string path) => ReadFunction(path, null);

    /// <summary>
    /// <see cref="ReadFunction(string)"/> with the column types given (<paramref name="types"/>: names and DuckDB types
    /// in file order, as DESCRIBE of the detecting read gives them), so a query reads the file once instead of first
    /// reading all of it again to detect the types: a training run sends hundreds of queries (a 400-row sparse fit,
    /// 2,248), and on a small file the detection was most of each one's time.
    /// </summary>
    public static string ReadFunction(string path, IReadOnlyList<(string Name, string Type)>? types)
    {
        var literal = SqlDialect.DuckDb.FileLiteral(path);
        if (path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)) return "read_parquet(" + literal + ")";
        var (delimiter, decimalMark) = CsvLayout(path);
        var detection = types is null
            ? "sample_size = -1, auto_type_candidates = ['BIGINT', 'DOUBLE', 'VARCHAR']"
            : "auto_detect = false, columns = {" + string.Join(", ", types.Select(t => SqlDialect.DuckDb.String(t.Name) + ": " + SqlDialect.DuckDb.String(t.Type))) + "}";
        return "read_csv(" + literal + ", header = true, " + detection + ", delim = "
            + SqlDialect.DuckDb.String(delimiter.ToString()) + (decimalMark == '.' ? "" : ", decimal_separator = " + SqlDialect.DuckDb.String(decimalMark.ToString())) + ")";
    }

    /// <summary>The columns (names and DuckDB types) the detecting read of <paramref name="path"/> finds.</summary>
    public IReadOnlyList<(string Name, string Type)> DetectedColumns(string path) =>
        Query("DESCRIBE SELECT * FROM " + ReadFunction(path)).Select(row => ((string)row[0]!, (string)row[1]!)).ToList();

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
