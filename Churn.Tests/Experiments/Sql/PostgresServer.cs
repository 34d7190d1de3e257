using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Churn.Experiments.Sql;

namespace Churn.Tests.Experiments.Sql;

/// <summary>
/// A real PostgreSQL 15 server for the tests: initdb in a temporary data directory (as the `postgres`
/// user when the tests run as root, since PostgreSQL refuses root), password authentication, a free
/// loopback port; tables loaded from the shipped CSVs with COPY. Stopped and deleted on dispose.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string User = "churn";
    public const string Password = "churn-test-password";
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string directory;
    private readonly bool asPostgres = Environment.UserName == "root";

    public PostgresServer()
    {
        if (!File.Exists(Path.Combine(Bin, "initdb")))
            throw new InvalidOperationException("PostgreSQL 15 is not installed (" + Bin + "); run .ci/setup as root (apt-get install postgresql).");
        directory = Path.Combine(Path.GetTempPath(), "churn-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var data = Path.Combine(directory, "data");
        var passwordFile = Path.Combine(directory, "password");
        File.WriteAllText(passwordFile, Password + "\n");
        if (asPostgres) Run("/bin/chown", "-R", "postgres:postgres", directory);
        Port = FreePort();
        Run(Path.Combine(Bin, "initdb"), "-D", data, "-U", User, "--pwfile=" + passwordFile, "--auth=scram-sha-256", "-E", "UTF8", "--no-sync");
        Run(Path.Combine(Bin, "pg_ctl"), "-D", data, "-l", Path.Combine(directory, "log"), "-w", "-t", "60", "start",
            "-o", "-p " + Port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off");
    }

    public int Port { get; }

    public string ConnectionString(string password = Password) =>
        "Host=127.0.0.1;Port=" + Port + ";Username=" + User + ";Password=" + password + ";Database=postgres";

    /// <summary>Creates <paramref name="table"/> with the column types DuckDB detects in the CSV, and copies its rows (optionally a row range).</summary>
    public void LoadCsv(string table, string csv, int skip = 0, int take = int.MaxValue)
    {
        var types = new List<(string Name, string Type)>();
        using (var duck = DuckDbEngine.InMemory())
            foreach (var row in duck.Query("DESCRIBE SELECT * FROM " + DuckDbEngine.ReadFunction(csv)))
                types.Add(((string)row[0]!, (string)row[1]! switch { "BIGINT" => "BIGINT", "DOUBLE" => "DOUBLE PRECISION", _ => "TEXT" }));
        using var engine = PostgresEngine.Connect(ConnectionString());
        var d = SqlDialect.Postgres;
        engine.Execute("DROP TABLE IF EXISTS " + d.QualifiedName(table));
        engine.Execute("CREATE TABLE " + d.QualifiedName(table) + " (" + string.Join(", ", types.Select(t => d.Identifier(t.Name) + " " + t.Type)) + ")");
        var lines = File.ReadLines(csv).ToList();
        var text = string.Join("\n", lines.Take(1).Concat(lines.Skip(1).Skip(skip).Take(take))) + "\n";
        engine.CopyCsv(table, new StringReader(text));
    }

    public void Dispose()
    {
        try
        {
            Run(Path.Combine(Bin, "pg_ctl"), "-D", Path.Combine(directory, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(asPostgres && !program.EndsWith("chown", StringComparison.Ordinal) ? "/usr/sbin/runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres && !program.EndsWith("chown", StringComparison.Ordinal))
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("postgres");
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(program);
        }
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000)) process.Kill(entireProcessTree: true);
        if (process.ExitCode != 0)
            throw new InvalidOperationException(program + " failed (" + process.ExitCode + "): " + error.Result + output.Result);
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL server";
}
