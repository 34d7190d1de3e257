using Churn.Experiments.Sql;

namespace Churn.Experiments.Commands;

/// <summary>`churn sql`: prints one SELECT that scores a table inside a SQL engine, as ChurnModel does.</summary>
public static class SqlCommand
{
    public static Verb Verb { get; } = new("sql", "print one SELECT that scores a table inside a SQL engine, with the numbers predict gives",
    [
        VerbOption.Model,
        VerbOption.Required("dialect", "NAME", "duckdb, postgres, spark, trino or bigquery"),
        VerbOption.Value("table", "NAME", "table holding the model's input columns (catalog.schema.table allowed)", "customers"),
        VerbOption.Value("id", "COL", "column passed through first, to join the scores back"),
    ], Run);

    public static int Run(CommandLine cl, CommandConsole console)
    {
        var model = cl.Model();
        var dialectName = cl.Required("dialect");
        if (SqlDialect.All.All(d => d.Name != dialectName))
            throw new UsageException("--dialect must be one of " + string.Join(", ", SqlDialect.All.Select(d => d.Name)) + ", got '" + dialectName + "'.");
        var table = cl.Required("table");
        if (table.Split('.').Any(string.IsNullOrWhiteSpace)) throw new UsageException("--table '" + table + "' has an empty name part.");
        console.Out.Write(ScoringSql.Build(model, SqlDialect.Parse(dialectName), table, cl.Optional("id")));
        return CommandRunner.Ok;
    }
}
