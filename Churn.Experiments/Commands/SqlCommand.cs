using Churn.Experiments.Modeling;
using Churn.Experiments.Sql;

namespace Churn.Experiments.Commands;

/// <summary>`churn sql`: prints one SELECT that scores a table inside a SQL engine, as ChurnModel does.</summary>
public static class SqlCommand
{
    public static int Run(string[] args, CommandConsole console)
    {
        var cl = new CommandLine("sql", args, ["model", "dialect", "table", "id"], []);
        var model = ModelFile.Load(cl.Required("model"));
        var dialectName = cl.Required("dialect");
        if (SqlDialect.All.All(d => d.Name != dialectName))
            throw new UsageException("--dialect must be one of " + string.Join(", ", SqlDialect.All.Select(d => d.Name)) + ", got '" + dialectName + "'.");
        var table = cl.OptionalOr("table", "customers");
        if (table.Split('.').Any(string.IsNullOrWhiteSpace)) throw new UsageException("--table '" + table + "' has an empty name part.");
        console.Out.Write(ScoringSql.Build(model, SqlDialect.Parse(dialectName), table, cl.Optional("id")));
        return CommandRunner.Ok;
    }
}
