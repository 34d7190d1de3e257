using System.Data.Common;

namespace Churn.Experiments.Sql;

/// <summary>
/// One table (or shard of a table) inside an engine: the engine, what goes after FROM, and the name to
/// put in messages. Parsed from `--source duckdb:FILE` (CSV or Parquet read in place).
/// </summary>
public sealed class SqlTable : IDisposable
{
    private readonly bool ownsEngine;
    private readonly string? rowOrder;

    private SqlTable(SqlEngine engine, string from, string name, string? file, string? rowOrder = null, bool ownsEngine = true)
    {
        Engine = engine;
        From = from;
        Name = name;
        File = file;
        this.rowOrder = rowOrder;
        this.ownsEngine = ownsEngine;
    }

    public SqlEngine Engine { get; }

    /// <summary>The relation after FROM (a quoted table name, a table function or a parenthesised query with an alias).</summary>
    public string From { get; }

    /// <summary>"source S, table T" for messages.</summary>
    public string Name { get; }

    /// <summary>The data file when the engine reads one (its sha256 goes into the model's provenance).</summary>
    public string? File { get; }

    public SqlDialect Dialect => Engine.Dialect;

    /// <summary>
    /// Each row's 1-based position in the table's order: ctid on a PostgreSQL table (whose scans may return
    /// rows in another order), the engine's scan order otherwise (DuckDB keeps a file's order).
    /// </summary>
    public string RowNumber => "ROW_NUMBER() OVER (" + (rowOrder is null ? "" : "ORDER BY " + rowOrder) + ")";

    /// <summary>" ORDER BY ctid" on a PostgreSQL table, so a plain SELECT returns its rows in table order; "" elsewhere.</summary>
    public string OrderByRows => rowOrder is null ? "" : " ORDER BY " + rowOrder;

    /// <summary>The same engine reading <paramref name="from"/> (a subquery over this table); disposing the view leaves the engine open.</summary>
    internal SqlTable View(string from) => new(Engine, from, Name, File, ownsEngine: false);

    /// <summary>
    /// `duckdb:FILE` (the file must exist), or `postgres:CONNECTION-STRING` with <paramref name="table"/>
    /// (a dotted name) or <paramref name="query"/> (any SELECT).
    /// </summary>
    public static SqlTable Open(string source, string? table = null, string? query = null)
    {
        if (table is not null && query is not null) throw new ArgumentException("give either --table or --query, not both.");
        var colon = source.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? "" : source[..colon];
        var rest = colon < 0 ? "" : source[(colon + 1)..];
        switch (kind)
        {
            case "duckdb":
                if (rest.Length == 0) throw new ArgumentException("--source duckdb: needs a file: duckdb:data.csv or duckdb:data.parquet.");
                if (!System.IO.File.Exists(rest)) throw new ChurnDataException("file not found.", rest);
                if (table is not null || query is not null) throw new ArgumentException("--source duckdb:FILE reads the file itself; drop --table/--query.");
                if (IsDuckDbDatabase(rest))
                    throw new ChurnDataException("this is a DuckDB database file; --source duckdb:FILE reads a CSV or Parquet file in place. Export the table first "
                        + "(in DuckDB: COPY t TO 't.parquet' (FORMAT parquet)) and give --source duckdb:t.parquet.", rest);
                var duck = DuckDbEngine.InMemory(source);
                SqlTable file;
                try
                {
                    // A CSV's types are detected once, here; every later query reads the file with them given.
                    var parquet = rest.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);
                    file = new SqlTable(duck, DuckDbEngine.ReadFunction(rest, parquet ? null : duck.DetectedColumns(rest)) + " AS src",
                        "source " + source + ", table " + Path.GetFileName(rest), rest);
                }
                catch
                {
                    duck.Dispose();
                    throw;
                }
                try
                {
                    if (!rest.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)) file.RequireHeaderNames(DuckDbEngine.CsvHeader(rest));
                    return file;
                }
                catch
                {
                    file.Dispose();
                    throw;
                }
            case "postgres":
                if (table is null && query is null) throw new ArgumentException("--source postgres:... needs --table NAME or --query SQL.");
                if (query is not null) query = SqlDialect.Postgres.OneStatement(query);
                var engine = PostgresEngine.Connect(rest);
                try
                {
                    // A source is only read: every transaction of this session is read-only, so no query text can write.
                    engine.Execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
                    var from = table is not null ? SqlDialect.Postgres.QualifiedName(table) + " AS src" : "(" + query + "\n) AS src"; // a last "-- comment" ends at the line break
                    var result = new SqlTable(engine, from, "source " + engine.Description + ", " + (table is not null ? "table " + table : "query"), null,
                        table is not null ? SqlDialect.Postgres.RowOrderColumn : null);
                    result.Columns(); // a missing table or a bad query fails here, with its name
                    return result;
                }
                catch
                {
                    engine.Dispose();
                    throw;
                }
            default:
                throw new ArgumentException("--source '" + (kind == "" ? source : kind + ":...") + "' is not understood; use duckdb:FILE (CSV or Parquet) or postgres:CONNECTION-STRING.");
        }
    }

    /// <summary>
    /// DuckDB's names ignore case, so of two header names that differ only in case ('calls', 'CALLS') it renames the
    /// second ('CALLS_1'): a model trained on that name needs a column the file does not have, and --exclude CALLS
    /// found no such column. The columns DuckDB reads must be the header our CSV reader reads, or the file is refused.
    /// </summary>
    private void RequireHeaderNames(IReadOnlyList<string> header)
    {
        var read = Columns();
        for (var j = 0; j < Math.Min(header.Count, read.Count); j++)
        {
            if (header[j] == read[j].Name) continue;
            var same = Enumerable.Range(0, header.Count).FirstOrDefault(i => i != j && string.Equals(header[i], header[j], StringComparison.OrdinalIgnoreCase), -1);
            throw new ChurnDataException(string.Format(CultureInfo.InvariantCulture,
                "column {0} (1-based) is named '{1}' but DuckDB reads it as '{2}'{3}, or read the file with --data.", j + 1, header[j], read[j].Name,
                same < 0 ? "; rename the column" : string.Format(CultureInfo.InvariantCulture,
                    " (DuckDB's names ignore case, and column {0} is '{1}'); rename one of the two", same + 1, header[same])),
                File!, column: header[j]);
        }
        if (header.Count != read.Count)
            throw new ChurnDataException(string.Format(CultureInfo.InvariantCulture, "the header has {0} columns but DuckDB reads {1}; read the file with --data.",
                header.Count, read.Count), File!);
    }

    /// <summary>
    /// True for a DuckDB database file (the magic bytes "DUCK" at offset 8): read as a CSV it failed with "the file looks like
    /// UTF-32 text without a byte-order mark", a message about an encoding the file does not have.
    /// </summary>
    private static bool IsDuckDbDatabase(string path)
    {
        using var stream = System.IO.File.OpenRead(path);
        Span<byte> head = stackalloc byte[12];
        return stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head[8..].SequenceEqual("DUCK"u8);
    }

    /// <summary>A --source as it may be printed: a PostgreSQL connection string without its password.</summary>
    public static string WithoutPassword(string source)
    {
        if (!source.StartsWith("postgres:", StringComparison.Ordinal)) return source;
        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(source["postgres:".Length..]) { Password = null };
            return "postgres:" + builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "postgres:(connection string not valid)";
        }
    }

    /// <summary>The table's columns and the .NET type the engine hands back for each.</summary>
    public IReadOnlyList<(string Name, Type Type)> Columns() =>
        Guarded(null, () => Engine.Columns("SELECT * FROM " + From + " LIMIT 0"));

    /// <summary>Runs an aggregate query; an engine error becomes one message naming this table (and the column, when known).</summary>
    public IReadOnlyList<object?[]> Query(string sql, string? column = null) => Guarded(column, () => Engine.Query(sql));

    private T Guarded<T>(string? column, Func<T> run)
    {
        try
        {
            return run();
        }
        catch (DbException e)
        {
            throw new ChurnDataException(Name + (column is null ? "" : ", column '" + column + "'") + ": " + FirstLine(e.Message));
        }
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length > 300 ? line[..300] + "..." : line;
    }

    public void Dispose()
    {
        if (ownsEngine) Engine.Dispose();
    }
}
