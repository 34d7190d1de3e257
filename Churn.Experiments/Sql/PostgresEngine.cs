using System.Data.Common;
using Npgsql;

namespace Churn.Experiments.Sql;

/// <summary>A PostgreSQL server reached through Npgsql; the connection string is the user's (its password never appears in messages).</summary>
public sealed class PostgresEngine : SqlEngine
{
    private readonly NpgsqlConnection connection;

    private PostgresEngine(NpgsqlConnection connection, string description) : base(SqlDialect.Postgres, description) => this.connection = connection;

    protected override DbConnection Connection => connection;

    /// <summary>Connects now, so an unreachable server or a wrong password is reported before any work.</summary>
    public static PostgresEngine Connect(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ChurnDataException("source postgres: the connection string is not valid: " + e.Message);
        }
        var description = "postgres:Host=" + builder.Host + ";Port=" + builder.Port + ";Database=" + builder.Database + ";Username=" + builder.Username;
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            connection.Open();
        }
        catch (Exception e) when (e is NpgsqlException or DbException or TimeoutException or InvalidOperationException)
        {
            connection.Dispose();
            var reason = e is PostgresException pg ? pg.MessageText : e.Message;
            throw new ChurnDataException("source " + description + ": cannot connect: " + reason.Split('\n')[0].Trim());
        }
        return new PostgresEngine(connection, description);
    }

    /// <summary>Copies CSV text (with a header) into an existing table through COPY FROM STDIN.</summary>
    public void CopyCsv(string table, TextReader csv)
    {
        using var writer = connection.BeginTextImport("COPY " + SqlDialect.Postgres.QualifiedName(table) + " FROM STDIN (FORMAT csv, HEADER true)");
        var buffer = new char[1 << 16];
        int read;
        while ((read = csv.Read(buffer, 0, buffer.Length)) > 0) writer.Write(buffer, 0, read);
    }
}
