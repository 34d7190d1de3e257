using Churn.Experiments.Serving;

namespace Churn.Experiments.Commands;

/// <summary>`churn serve --model M [--host 127.0.0.1] [--port 8080] [--quiet]`: the HTTP host and business page.</summary>
public static class ServeCommand
{
    public static Verb Verb { get; } = new("serve", "HTTP host and business page for one model (loopback by default)",
    [
        VerbOption.Model,
        VerbOption.Value("host", "ADDRESS", "address to bind; 0.0.0.0 or any non-loopback address is reachable from other machines (with a warning)", "127.0.0.1"),
        VerbOption.Value("port", "PORT", "TCP port (0: any free port)", "8080"),
        VerbOption.Flag("quiet", "do not log each request"),
    ], Run);

    public static int Run(CommandLine cl, CommandConsole console)
    {
        var path = cl.Required("model");
        var model = ModelFile.Load(path);
        var options = new HostOptions
        {
            Host = cl.Required("host"),
            Port = cl.Int("port", 0),
            Quiet = cl.Has("quiet"),
        };
        options.Validate();
        return PredictionHost.RunAsync(new ChurnModelPredictor(model, path), options).GetAwaiter().GetResult();
    }
}
