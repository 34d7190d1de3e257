using Churn.Tests.Experiments.Commands;

namespace Churn.Tests.Experiments.Sql;

/// <summary>
/// The SQL that `churn sql` prints for engines that cannot run here (Spark, Trino, BigQuery), and for
/// DuckDB/PostgreSQL, compared as text with the committed files. The model is a committed file
/// (churn-bigml-80 with segments), so the text does not depend on this machine's arithmetic. After an
/// intended change, regenerate with
/// `./churn sql --model notebooks/reference/golden/sql/M.model.json --dialect D --table "warehouse.churn customers" --id "Number vmail messages" > notebooks/reference/golden/sql/M.D.sql`
/// and read the diff. M = bigml-segments (linear, every dialect); bigml-sparse, bigml-additive-segments and
/// bigml-additive-pairs (spark, trino, bigquery; DuckDB and PostgreSQL run theirs in the parity tests), trained by
/// `./churn train --data data/raw/churn-bigml-80.csv --label Churn --positive True --exclude "State,Area code"`
/// with `--model sparse`, `--model additive --segments 3` and `--model additive-pairs`.
/// </summary>
[Trait("Kind", "Golden")]
public sealed class ScoringSqlGoldenTests
{
    [Theory]
    [InlineData("spark")]
    [InlineData("trino")]
    [InlineData("bigquery")]
    [InlineData("duckdb")]
    [InlineData("postgres")]
    public void Sql_CommittedModel_PrintsTheCommittedSelect(string dialect)
    {
        var run = CliRun.Of("sql", "--model", TestPaths.Golden("sql/bigml-segments.model.json"), "--dialect", dialect,
            "--table", "warehouse.churn customers", "--id", "Number vmail messages");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(File.ReadAllText(TestPaths.Golden("sql/bigml-segments." + dialect + ".sql")), run.Out);
    }

    public static TheoryData<string, string> KindsAndDialects()
    {
        var data = new TheoryData<string, string>();
        foreach (var model in new[] { "bigml-sparse", "bigml-additive-segments", "bigml-additive-pairs" })
            foreach (var dialect in new[] { "spark", "trino", "bigquery" })
                data.Add(model, dialect);
        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndDialects))]
    public void Sql_CommittedModelOfEachKind_PrintsTheCommittedSelect(string model, string dialect)
    {
        var run = CliRun.Of("sql", "--model", TestPaths.Golden("sql/" + model + ".model.json"), "--dialect", dialect,
            "--table", "warehouse.churn customers", "--id", "Number vmail messages");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(File.ReadAllText(TestPaths.Golden("sql/" + model + "." + dialect + ".sql")), run.Out);
    }

    [Theory]
    [InlineData("spark", "`Total day minutes`", "AS STRING")]
    [InlineData("bigquery", "`Total day minutes`", "AS FLOAT64")]
    [InlineData("trino", "\"Total day minutes\"", "AS VARCHAR")]
    public void Sql_Dialect_QuotesIdentifiersAndNamesItsTypes(string dialect, string quoted, string type)
    {
        var run = CliRun.Of("sql", "--model", TestPaths.Golden("sql/bigml-segments.model.json"), "--dialect", dialect);
        Assert.Contains(quoted, run.Out, StringComparison.Ordinal);
        Assert.Contains(type, run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--dialect", "oracle", "--dialect must be one of duckdb, postgres, spark, trino, bigquery")]
    [InlineData("--table", "a..b", "--table 'a..b' has an empty name part")]
    public void Sql_BadOption_Exit2NamingIt(string option, string value, string message)
    {
        var args = new List<string> { "sql", "--model", TestPaths.Golden("sql/bigml-segments.model.json"), "--dialect", "duckdb" };
        var at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value;
        else args.AddRange([option, value]);
        var run = CliRun.Of(args.ToArray());
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }
}
