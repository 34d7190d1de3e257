using System.Data.Common;

namespace Churn.Experiments.Sql;

/// <summary>
/// A connection to one SQL engine holding (a shard of) the data: the dialect to write queries in and a
/// way to run them. Queries return few rows (aggregates, scores in tests); values arrive as doubles,
/// integers or text.
/// </summary>
public abstract class SqlEngine : IDisposable
{
    protected SqlEngine(SqlDialect dialect, string description)
    {
        Dialect = dialect;
        Description = description;
    }

    public SqlDialect Dialect { get; }

    /// <summary>What the user named (e.g. "duckdb:data/raw/x.csv"), without any password.</summary>
    public string Description { get; }

    protected abstract DbConnection Connection { get; }

    /// <summary>Runs a statement that returns no rows.</summary>
    public void Execute(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }

    /// <summary>Every row of a query, each as its column values (DBNull as null).</summary>
    public IReadOnlyList<object?[]> Query(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Names and .NET types of a query's columns (run with LIMIT 0).</summary>
    public IReadOnlyList<(string Name, Type Type)> Columns(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        return Enumerable.Range(0, reader.FieldCount).Select(i => (reader.GetName(i), reader.GetFieldType(i))).ToList();
    }

    /// <summary>A cell as a double (null as NaN): engines hand back doubles, integers or decimals.</summary>
    public static double Number(object? value) => value switch
    {
        null => double.NaN,
        double d => d,
        float f => f,
        decimal m => (double)m,
        System.Numerics.BigInteger b => (double)b,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    public void Dispose()
    {
        Connection.Dispose();
        GC.SuppressFinalize(this);
    }
}
