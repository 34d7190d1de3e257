using System.Diagnostics;
using Churn.Experiments.Commands;

namespace Churn.Tests.Experiments.Commands;

/// <summary>A real `churn` process stopped by a signal mid-run: its output stays whole or absent, and no temporary file is left.</summary>
[Trait("Kind", "Process")]
public sealed class SignalCleanupTests
{
    [Theory]
    [InlineData("TERM")] // `timeout`, `kill`
    [InlineData("INT")] // Ctrl+C
    public void Train_StoppedBySignal_LeavesTheOldOutputAndNoTemporaryFile(string signal)
    {
        using var temp = new TempFolder();
        var target = temp.Write("m.json", "old model");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(CommandRunner).Assembly.Location);
        // A run of several seconds, whose temporary output is open from its start.
        foreach (var a in new[] { "train", "--data", TestPaths.Data("data/raw/churn-bigml-80.csv"), "--label", "Churn", "--positive", "True",
                     "--exclude", "State,Area code", "--model", "additive-pairs", "--cv", "5", "--out", target })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEndAsync();
        process.StandardError.ReadToEndAsync();
        string[] Temporaries() => Directory.GetFiles(temp.Path, ".m.json.*.tmp");
        var watch = Stopwatch.StartNew();
        while (Temporaries().Length == 0 && !process.HasExited && watch.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(10);
        Assert.False(process.HasExited, "the run ended before its temporary file was seen; the test needs a longer run");
        Assert.Single(Temporaries());

        using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
        Assert.True(process.WaitForExit(30_000), "the process did not end after SIG" + signal);

        Assert.NotEqual(0, process.ExitCode);
        Assert.Empty(Temporaries());
        Assert.Equal("old model", File.ReadAllText(target));
    }
}
