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
    /// </summary>
    public static string ReadFunction(string path)
    {
        var literal = SqlDialect.DuckDb.FileLiteral(path);
        return path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)
            ? "read_parquet(" + literal + ")"
            : "read_csv(" + literal + ", header = true, sample_size = -1, auto_type_candidates = ['BIGINT', 'DOUBLE', 'VARCHAR'])";
    }
}
