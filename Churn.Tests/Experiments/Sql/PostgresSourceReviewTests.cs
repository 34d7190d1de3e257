using System.Globalization;
using Churn.Algorithms.Linear;
using Churn.Experiments.Modeling;
using Churn.Experiments.Sql;
using Churn.Tests.Experiments.Commands;
using Churn.Tests.Experiments.Data;

namespace Churn.Tests.Experiments.Sql;

/// <summary>
/// Findings of a review of the engine paths on other data: what a data scientist's own PostgreSQL tables
/// did to train --source, each pinned here against the DuckDB or in-memory answer, or its exit-2 message.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Kind", "Database")]
public sealed class PostgresSourceReviewTests
{
    private static readonly string[] BigMlExcluded = ["State", "Area code"];
    private readonly PostgresServer server;

    public PostgresSourceReviewTests(PostgresServer server) => this.server = server;

    private string Source => "postgres:" + server.ConnectionString();

    [Fact]
    public void Train_SparsePathCrossValidationOnPostgres_EqualsDuckDbOnTheSameRows()
    {
        // A review: on the first 200 rows of churn-bigml-80 the path CV's held-out deviance at the path's start (every
        // coefficient 0) was the intercept literal alone, NUMERIC in PostgreSQL; its SUM had more digits than a .NET
        // decimal holds and train exited 1 with an OverflowException.
        using var folder = new TempFolder();
        var parquet = SqlSourceDuckDbTests.ParquetSubset(folder, "head200", TestFiles.BigMl, i => i < 200);
        lock (server) server.LoadCsv("bigml_head200", TestFiles.BigMl, take: 200);
        var options = new ChurnTrainingOptions { Kind = ModelKind.Sparse, Penalty = Penalty.L1, Lambda = LambdaSelection.Parse("min"), PathFolds = 3 };
        var request = new SqlTrainingRequest("Churn", "True", BigMlExcluded, null);
        using var duck = SqlSource.Open(["duckdb:" + parquet]);
        var expected = SqlChurnTrainer.Train(duck, request, options, "test").Model;
        using var postgres = SqlSource.Open([Source], table: "bigml_head200");
        var actual = SqlChurnTrainer.Train(postgres, request, options, "test").Model;
        // Same folds (the engines' hash folds), same path: the engines differ only in the order of their additions.
        Assert.Equal(expected.Training.Lambda!.Value, actual.Training.Lambda!.Value, 1e-12 * expected.Training.Lambda.Value);
        Assert.Equal(expected.ColumnNames, actual.ColumnNames);
        Assert.Equal(expected.Coefficients.Select(c => c.Coefficient == 0), actual.Coefficients.Select(c => c.Coefficient == 0));
        Assert.Contains(actual.Coefficients.Skip(1), c => c.Coefficient != 0);
        for (var j = 0; j < expected.Coefficients.Count; j++)
            Assert.True(Math.Abs(expected.Coefficients[j].Coefficient - actual.Coefficients[j].Coefficient) <= 1e-9,
                $"{expected.Coefficients[j].Name}: {expected.Coefficients[j].Coefficient:R} vs {actual.Coefficients[j].Coefficient:R}");
    }

    [Fact]
    public void Train_QueryThatWrites_RefusedAndTheTableKeepsItsRows()
    {
        // A review: --query "... ) AS src; drop table one; select * from (select 1" dropped the table. A second statement is
        // now refused before anything runs, and a source's session is read-only, so a function that writes fails as well.
        using var folder = new TempFolder();
        lock (server) server.LoadCsv("bigml_keep", TestFiles.BigMl, take: 50);
        string Count()
        {
            using var engine = PostgresEngine.Connect(server.ConnectionString());
            return Convert.ToString(engine.Query("SELECT COUNT(*) FROM bigml_keep")[0][0], CultureInfo.InvariantCulture)!;
        }
        var train = (string query) => CliRun.Of("train", "--source", Source, "--query", query, "--label", "Churn", "--positive", "True",
            "--exclude", "State,Area code", "--out", folder.File("m.json"));

        var twoStatements = train("select * from bigml_keep) AS src; delete from bigml_keep; select * from (select 1");
        using (var owner = PostgresEngine.Connect(server.ConnectionString()))
            owner.Execute("CREATE OR REPLACE FUNCTION churn_wipe() RETURNS int LANGUAGE plpgsql AS 'BEGIN DELETE FROM bigml_keep; RETURN 0; END'");
        var writingCte = train("select * from bigml_keep where churn_wipe() = 0"); // one statement whose function writes

        Assert.Equal(2, twoStatements.ExitCode);
        Assert.Contains("one SELECT statement", twoStatements.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, writingCte.ExitCode);
        Assert.True(writingCte.Error.Contains("read-only transaction", StringComparison.Ordinal), writingCte.Error);
        Assert.DoesNotContain("   at ", writingCte.Error, StringComparison.Ordinal);
        Assert.Equal("50", Count());
        Assert.False(File.Exists(folder.File("m.json")));
    }

    [Theory]
    [InlineData("NaN", "NaN")]
    [InlineData("-Infinity", "-Infinity")]
    public void Train_NaNOrInfinityInADoublePrecisionColumn_Exit2NamingSourceTableColumnAndValue(string cell, string expected)
    {
        // A review: PostgreSQL's NaN sorts above every number, so MIN < MAX failed and the column left as "constant".
        using var folder = new TempFolder();
        var table = cell == "NaN" ? "bigml_nan" : "bigml_inf";
        lock (server) server.LoadCsv(table, SqlSourceDuckDbTests.BigMlWithCell(folder, cell));
        var run = CliRun.Of("train", "--source", Source, "--table", table, "--label", "Churn", "--positive", "True",
            "--exclude", "State,Area code", "--out", folder.File("m.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("table " + table + ", column 'Total day minutes': 1 of 2666 values are not finite (e.g. " + expected + ")", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(PostgresServer.Password, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("m.json")));
    }
}
