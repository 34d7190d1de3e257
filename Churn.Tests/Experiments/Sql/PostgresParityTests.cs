using Churn.Algorithms.Linear;
using Churn.Experiments.Commands;
using Churn.Experiments.Modeling;
using Churn.Experiments.Sql;
using Churn.Tests.Experiments.Commands;
using Churn.Tests.Experiments.Data;

namespace Churn.Tests.Experiments.Sql;

/// <summary>
/// Scoring, training and segments on a real PostgreSQL 15 server (started by <see cref="PostgresServer"/>)
/// equal ChurnModel and the in-memory fits; shards on two tables sum to the fit on one; bad sources exit 2
/// with one message naming source, table and column.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Kind", "Database")]
public sealed class PostgresParityTests
{
    private readonly PostgresServer server;

    public PostgresParityTests(PostgresServer server)
    {
        this.server = server;
        lock (server)
        {
            if (loaded) return;
            server.LoadCsv("bigml", TestFiles.BigMl);
            server.LoadCsv("seed", TestFiles.Seed);
            server.LoadCsv("raw telecom", TestFiles.Telecom1000);
            loaded = true;
        }
    }

    private static bool loaded;

    private string Source => "postgres:" + server.ConnectionString();

    [Fact]
    public void Score_ShippedModelsOnPostgres_EqualChurnModelEveryRow()
    {
        using var engine = PostgresEngine.Connect(server.ConnectionString());
        var bigml = ScoringSqlDuckDbTests.Train(TrainingDataLoader.Load(TestFiles.BigMl, "Churn", "True", ["State", "Area code"], null), new ChurnTrainingOptions());
        ScoringSqlDuckDbTests.AssertParity(bigml, TestFiles.BigMl, null, engine, "bigml");
        var seed = ScoringSqlDuckDbTests.Train(TrainingDataLoader.Load(TestFiles.Seed, "churn", "1", ["segment"], null),
            new ChurnTrainingOptions { Segments = 4, SegmentFeatures = ["aon", "total_mou", "total_data_usage"] });
        ScoringSqlDuckDbTests.AssertParity(seed, TestFiles.Seed, null, engine, "seed");
        var caseStudy = ScoringSqlDuckDbTests.Train(TelecomRecipes.CaseStudyData(TestFiles.Telecom1000), new ChurnTrainingOptions());
        // COPY does not keep a file's order for these wide rows: a later, shorter row lands in the free space of an
        // earlier page, so the table's own order (ctid, what a sequential scan returns) differs from the file's.
        // Values are matched by id; the order the SELECT promises, the table's, is checked on its own.
        ScoringSqlDuckDbTests.AssertParity(caseStudy, TestFiles.Telecom1000, "mobile_number", engine, "raw telecom", matchById: true);
        var scored = engine.Query(ScoringSql.Build(caseStudy, engine.Dialect, "raw telecom", "mobile_number")).Select(r => SqlEngine.Number(r[0])).ToList();
        var tableOrder = engine.Query("SELECT mobile_number FROM \"raw telecom\" ORDER BY ctid").Select(r => SqlEngine.Number(r[0])).ToList();
        Assert.Equal(tableOrder, scored);
        Assert.Equal(tableOrder, engine.Query("SELECT mobile_number FROM \"raw telecom\"").Select(r => SqlEngine.Number(r[0])));
    }

    [Fact]
    public void Train_BigMlOnPostgres_EqualsInMemoryFit()
    {
        var options = new ChurnTrainingOptions { Penalty = Penalty.None };
        var memory = ChurnTrainer.Train(TrainingDataLoader.Load(TestFiles.BigMl, "Churn", "True", ["State", "Area code"], null), options, "test").Model;
        using var table = SqlTable.Open(Source, table: "bigml");
        var engine = SqlChurnTrainer.Train(table, new SqlTrainingRequest("Churn", "True", ["State", "Area code"], null), options, "test").Model;
        Assert.Equal(memory.ColumnNames, engine.ColumnNames);
        for (var j = 0; j < memory.Coefficients.Count; j++)
        {
            Assert.True(Math.Abs(memory.Coefficients[j].Coefficient - engine.Coefficients[j].Coefficient) <= 1e-9, memory.Coefficients[j].Name);
            Assert.True(Math.Abs(memory.Coefficients[j].StandardError!.Value - engine.Coefficients[j].StandardError!.Value) <= 1e-9, memory.Coefficients[j].Name);
        }
        Assert.True(Math.Abs(memory.Metrics["train_auc"] - engine.Metrics["train_auc"]) <= 1e-9);
    }

    [Fact]
    public void Segment_SeedTableOnPostgres_SameInertiaAsInMemory()
    {
        var features = "aon,total_mou,total_data_usage";
        var engine = CliRun.Of("segment", "--source", Source, "--table", "seed", "--features", features, "--json");
        var memory = CliRun.Of("segment", "--data", TestFiles.Seed, "--features", features, "--json");
        Assert.True(engine.ExitCode == 0, engine.Error);
        var a = memory.Json().GetProperty("inertia").GetDouble();
        var b = engine.Json().GetProperty("inertia").GetDouble();
        Assert.True(Math.Abs(a - b) <= 1e-9 * a, $"in memory {a:R}, PostgreSQL {b:R}");
    }

    [Theory]
    [InlineData("--table", "no_such_table", "--label", "Churn", "no_such_table")]
    [InlineData("--table", "bigml", "--label", "Churned", "'Churned'")]
    [InlineData("--table", "bigml", "--features", "Total day minutes,Nope", "'Nope'")]
    [InlineData("--query", "SELECT * FROM bigml WHERE FALSE", "--label", "Churn", "no rows")]
    public void Train_BadTableOrColumn_Exit2NamingIt(string tableOption, string tableValue, string option, string value, string expected)
    {
        using var folder = new TempFolder();
        var args = new List<string> { "train", "--source", Source, tableOption, tableValue, "--positive", "True", "--out", folder.File("m.json") };
        if (option == "--label") args.AddRange(["--label", value]);
        else args.AddRange(["--label", "Churn", option, value]);
        var run = CliRun.Of(args.ToArray());
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Contains("source postgres:Host=127.0.0.1", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(PostgresServer.Password, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("m.json")));
    }

    [Fact]
    public void Train_LabelWithoutThePositiveValue_Exit2()
    {
        using var folder = new TempFolder();
        var run = CliRun.Of("train", "--source", Source, "--table", "bigml", "--label", "Churn", "--positive", "Maybe", "--out", folder.File("m.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("table bigml", run.Error, StringComparison.Ordinal);
        Assert.Contains("positive", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("m.json")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Train_WrongPasswordOrNoServer_Exit2WithoutThePassword(bool wrongPassword)
    {
        using var folder = new TempFolder();
        var connection = wrongPassword ? server.ConnectionString("wrong") : "Host=127.0.0.1;Port=1;Username=u;Password=secret-x;Database=d;Timeout=3";
        var run = CliRun.Of("train", "--source", "postgres:" + connection, "--table", "bigml", "--label", "Churn", "--positive", "True", "--out", folder.File("m.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot connect", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongPassword ? "Password=wrong" : "secret-x", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("m.json")));
    }
}
