using Churn.Algorithms.Linear;
using Churn.Experiments.Modeling;
using Churn.Experiments.Sql;
using Churn.Tests.Experiments.Commands;
using Churn.Tests.Experiments.Data;

namespace Churn.Tests.Experiments.Sql;

/// <summary>
/// MADlib's merge across servers: two PostgreSQL 15 servers (the collection's and a second one started
/// here) each holding half of churn-bigml-80 give the fit of one server holding all of it; NULLs and
/// numbers stored as text in a PostgreSQL table exit 2 naming source, table and column.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Kind", "Database")]
public sealed class PostgresShardTests
{
    private readonly PostgresServer server;

    public PostgresShardTests(PostgresServer server) => this.server = server;

    [Fact]
    public void Train_TwoServersHoldingHalvesOfBigMl_EqualsOneServerHoldingAll()
    {
        using var second = new PostgresServer();
        lock (server)
        {
            server.LoadCsv("bigml_all", TestFiles.BigMl);
            server.LoadCsv("bigml_half", TestFiles.BigMl, take: 1333);
        }
        second.LoadCsv("bigml_half", TestFiles.BigMl, skip: 1333);
        var request = new SqlTrainingRequest("Churn", "True", ["State", "Area code"], null);
        var options = new ChurnTrainingOptions { Penalty = Penalty.None };
        using var all = SqlSource.Open(["postgres:" + server.ConnectionString()], table: "bigml_all");
        var one = SqlChurnTrainer.Train(all, request, options, "test").Model;
        using var halves = SqlSource.Open(["postgres:" + server.ConnectionString(), "postgres:" + second.ConnectionString()], table: "bigml_half");
        var two = SqlChurnTrainer.Train(halves, request, options, "test").Model;

        Assert.Equal(one.ColumnNames, two.ColumnNames);
        Assert.Equal(2666, two.Training.Rows);
        for (var j = 0; j < one.Coefficients.Count; j++)
        {
            Assert.True(Math.Abs(one.Coefficients[j].Coefficient - two.Coefficients[j].Coefficient) <= 1e-9,
                $"{one.Coefficients[j].Name}: one server {one.Coefficients[j].Coefficient:R}, two {two.Coefficients[j].Coefficient:R}");
            Assert.True(Math.Abs(one.Coefficients[j].StandardError!.Value - two.Coefficients[j].StandardError!.Value) <= 1e-9, one.Coefficients[j].Name);
        }
        Assert.Equal(one.Features.Numeric.Select(n => n.Median), two.Features.Numeric.Select(n => n.Median));
        Assert.True(Math.Abs(one.Metrics["train_auc"] - two.Metrics["train_auc"]) <= 1e-9);
        Assert.Contains("Port=" + second.Port, two.Training.DataFile, StringComparison.Ordinal);
        Assert.DoesNotContain(PostgresServer.Password, two.Training.DataFile, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_SparseFixedLambdaOnPostgres_EqualsInMemoryFit()
    {
        lock (server) server.LoadCsv("bigml_sparse", TestFiles.BigMl);
        string[] excluded = ["State", "Area code"];
        var options = new ChurnTrainingOptions { Kind = ModelKind.Sparse, Penalty = Penalty.L1, Lambda = LambdaSelection.Fixed(0.005) };
        var memory = ChurnTrainer.Train(TrainingDataLoader.Load(TestFiles.BigMl, "Churn", "True", excluded, null), options, "test").Model;
        using var source = SqlSource.Open(["postgres:" + server.ConnectionString()], table: "bigml_sparse");
        var engine = SqlChurnTrainer.Train(source, new SqlTrainingRequest("Churn", "True", excluded, null), options, "test").Model;
        SqlSparseDuckDbTests.AssertSameSparseFit(memory, engine, 1e-9);
    }

    [Theory]
    [InlineData("", "NULL")]
    [InlineData("abc", "'abc' is not a number")]
    public void Train_NullOrTextInANumericFeatureOnPostgres_Exit2NamingSourceTableAndColumn(string cell, string expected)
    {
        using var folder = new TempFolder();
        var csv = SqlSourceDuckDbTests.BigMlWithCell(folder, cell);
        var table = cell == "" ? "bigml_null" : "bigml_text";
        lock (server) server.LoadCsv(table, csv);
        var run = CliRun.Of("train", "--source", "postgres:" + server.ConnectionString(), "--table", table, "--label", "Churn", "--positive", "True",
            "--exclude", "State,Area code", "--out", folder.File("m.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("source postgres:Host=127.0.0.1", run.Error, StringComparison.Ordinal);
        Assert.Contains("table " + table + ", column 'Total day minutes'", run.Error, StringComparison.Ordinal);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(PostgresServer.Password, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("m.json")));
    }
}
