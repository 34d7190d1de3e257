using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Churn.Experiments.Commands;

namespace Churn.Tests.Experiments.Commands;

[Trait("Kind", "Process")]
public sealed class CultureTests
{
    /// <summary>
    /// The real `churn` process under a German locale (decimal comma) still reads "1.5" as one and a
    /// half and prints '.' decimals: the build runs in invariant-globalization mode and sets the
    /// invariant culture, so a user's locale cannot change a number.
    /// </summary>
    [Fact]
    public void Churn_UnderGermanLocale_ParsesAndPrintsInvariantNumbers()
    {
        using var temp = new TempFolder();
        var data = temp.Write("x.csv", "a,b\n1.5,10\n2.5,20\n3.5,30\n10.25,40\n");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(CommandRunner).Assembly.Location);
        foreach (var a in new[] { "segment", "--data", data, "--features", "a,b", "--k", "2", "--json" }) start.ArgumentList.Add(a);
        start.Environment["LANG"] = "de_DE.UTF-8";
        start.Environment["LC_ALL"] = "de_DE.UTF-8";
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "0";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit(60_000);

        Assert.True(process.ExitCode == 0, error);
        using var json = JsonDocument.Parse(output);
        var centres = json.RootElement.GetProperty("centers_original_units").EnumerateArray()
            .Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).OrderBy(r => r[0]).ToArray();
        Assert.Equal(2.5, centres[0][0], 12); // mean of 1.5, 2.5, 3.5: '.' read as the decimal point
        Assert.Equal(10.25, centres[1][0], 12);
        Assert.DoesNotContain("2,5", output);
        Assert.Equal(CultureInfo.InvariantCulture, CultureInfo.CurrentCulture);
    }
}
