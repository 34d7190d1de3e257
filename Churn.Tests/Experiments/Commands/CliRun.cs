using System.Text.Json;
using Churn.Experiments.Commands;

namespace Churn.Tests.Experiments.Commands;

/// <summary>Runs the CLI in-process and captures what a user would see.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CommandRunner.Run(args, new CommandConsole(output, error));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>Stdout parsed as exactly one JSON object (throws otherwise).</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Out);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        return document.RootElement.Clone();
    }
}

/// <summary>A temp folder deleted at the end of a test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "churn-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string content)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
