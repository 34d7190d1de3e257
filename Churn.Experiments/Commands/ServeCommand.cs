using Churn.Experiments.Modeling;
using Churn.Experiments.Serving;

namespace Churn.Experiments.Commands;

/// <summary>`churn serve --model M [--host 127.0.0.1] [--port 8080] [--quiet]`: the HTTP host and business page.</summary>
public static class ServeCommand
{
    public static int Run(string[] args, CommandConsole console)
    {
        var cl = new CommandLine("serve", args, ["model", "host", "port"], ["quiet"]);
        var path = cl.Required("model");
        var model = ModelFile.Load(path);
        var options = new HostOptions
        {
            Host = cl.OptionalOr("host", "127.0.0.1"),
            Port = cl.Int("port", 8080, 0),
            Quiet = cl.Has("quiet"),
        };
        options.Validate();
        return PredictionHost.RunAsync(new ChurnModelPredictor(model, path), options).GetAwaiter().GetResult();
    }
}
