using System.Diagnostics;
using Churn.Experiments.Commands;
using Churn.Tests.Experiments.Commands;

namespace Churn.Tests.Algorithms;

/// <summary>
/// Every fit must give the same bits on an AVX-512 machine and an AVX2 one. DOTNET_EnableAVX512=0 makes this
/// machine take the AVX2 code paths, so the same CLI fits run in two child processes, one with AVX-512
/// disabled and one with the machine's default, and their outputs are compared byte for byte.
/// </summary>
[Trait("Kind", "Process")]
[Trait("Kind", "Numeric")]
public sealed class LaneWidthTests
{
    public static TheoryData<string, string[]> Fits() => new()
    {
        { "logistic Newton, class weights", ["train", "--solver", "newton", "--balanced"] },
        { "logistic L-BFGS", ["train", "--solver", "lbfgs", "--C", "0.5"] },
        { "logistic Newton, unpenalised", ["train", "--no-penalty"] },
        { "lasso path (sparse), 10-fold path CV", ["train", "--model", "sparse", "--exclude", "State,Area code"] },
        { "KMeans, 16 clusters on 11 features", ["segment", "--features", "Total day minutes,Total eve minutes,Total night minutes,Total intl minutes,Customer service calls,Account length,Total day calls,Total eve calls,Total night calls,Total intl calls,Number vmail messages", "--k", "16", "--n-init", "2", "--json"] },
        { "logistic L-BFGS, unpenalised (preconditioned)", ["train", "--solver", "lbfgs", "--no-penalty"] },
        { "KMeans", ["segment", "--features", "Total day minutes,Total eve minutes,Total night minutes,Total intl minutes,Customer service calls", "--k", "5", "--n-init", "3", "--json"] },
    };

    [Theory]
    [MemberData(nameof(Fits))]
    public void Fit_AvxTwoVersusMachineDefault_BitIdentical(string fit, string[] args)
    {
        using var folder = new TempFolder();
        var avx2 = Run(args, folder.Path, "avx2.json", avx512Disabled: true);
        var native = Run(args, folder.Path, "native.json", avx512Disabled: false);
        Assert.False(string.IsNullOrWhiteSpace(native), fit + ": no output");
        Assert.True(avx2 == native, fit + ": output differs with AVX-512 disabled:\n" + FirstDifference(avx2, native));
    }

    /// <summary>Runs the CLI and returns what it wrote: the model file for train, stdout for segment (the creation time left out).</summary>
    private static string Run(string[] args, string folder, string model, bool avx512Disabled)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(CommandRunner).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.ArgumentList.Add("--data");
        start.ArgumentList.Add(TestPaths.Data("data/raw/churn-bigml-80.csv"));
        var train = args[0] == "train";
        var path = Path.Combine(folder, model);
        if (train)
            foreach (var a in new[] { "--label", "Churn", "--positive", "True", "--out", path }) start.ArgumentList.Add(a);
        start.Environment.Remove("DOTNET_EnableAVX512");
        if (avx512Disabled) start.Environment["DOTNET_EnableAVX512"] = "0";

        using var process = Process.Start(start)!;
        var errorTask = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "churn did not finish");
        Assert.True(process.ExitCode == 0, "churn " + string.Join(' ', args) + " exited " + process.ExitCode + ": " + errorTask.Result);
        var text = train ? File.ReadAllText(path) : output;
        return string.Join('\n', text.Split('\n').Where(line => !line.Contains("\"created_utc\"", StringComparison.Ordinal)));
    }

    private static string FirstDifference(string a, string b)
    {
        var x = a.Split('\n');
        var y = b.Split('\n');
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
            if (x[i] != y[i]) return "line " + (i + 1) + ": '" + x[i].Trim() + "' vs '" + y[i].Trim() + "'";
        return "lengths " + x.Length + " vs " + y.Length;
    }
}
