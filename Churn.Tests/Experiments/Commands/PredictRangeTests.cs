namespace Churn.Tests.Experiments.Commands;

/// <summary>`predict` warns, with counts, about rows holding values outside the range the model saw in training.</summary>
public sealed class PredictRangeTests
{
    private static readonly string BigMl = TestPaths.Data("data/raw/churn-bigml-80.csv");

    [Fact]
    public void Predict_ValuesOutsideTrainingRange_WarnsCountingRowsAndFields()
    {
        using var temp = new TempFolder();
        CliRun.Of("train", "--data", BigMl, "--label", "Churn", "--positive", "True", "--exclude", "State,Area code", "--out", temp.File("m.json"));
        var lines = File.ReadAllLines(BigMl);
        var header = lines[0].Split(',');
        var account = Array.IndexOf(header, "Account length");
        var day = Array.IndexOf(header, "Total day minutes");
        var edited = lines.Select((line, i) =>
        {
            if (i == 0 || i > 3) return line;
            var f = line.Split(',');
            f[account] = "-5";
            if (i == 1) f[day] = "1e308";
            return string.Join(",", f);
        });
        var data = temp.Write("edited.csv", string.Join("\n", edited) + "\n");

        var run = CliRun.Of("predict", "--model", temp.File("m.json"), "--data", data, "--out", temp.File("s.csv"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("3 of 2666 rows have values outside the range seen in training", run.Error);
        Assert.Contains("'Account length' in 3 rows (values -5 to -5; training 1 to 243)", run.Error);
        Assert.Contains("'Total day minutes' in 1 rows (values 1E+308 to 1E+308", run.Error);

        var clean = CliRun.Of("predict", "--model", temp.File("m.json"), "--data", BigMl, "--out", temp.File("t.csv"));
        Assert.DoesNotContain("outside the range seen in training", clean.Error);
    }
}
