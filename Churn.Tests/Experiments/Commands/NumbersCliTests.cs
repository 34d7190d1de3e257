using System.Globalization;
using System.Text;
using Churn.Tests.Experiments.Data;

namespace Churn.Tests.Experiments.Commands;

/// <summary>Numbers a user reads from the CLI: decimal commas, the coefficient table, in-sample evaluation, design limits.</summary>
public sealed class NumbersCliTests
{
    private static readonly string BigMl = TestFiles.BigMl;

    private static CliRun TrainBigMl(TempFolder temp, params string[] extra) =>
        CliRun.Of(["train", "--data", BigMl, "--label", "Churn", "--positive", "True", "--exclude", "State,Area code",
            "--out", temp.File("m.json"), .. extra]);

    [Fact]
    public void Train_SemicolonDecimalCommaCopy_SameModelAsTheOriginal()
    {
        using var temp = new TempFolder();
        var semi = temp.Write("semi.csv", LabelledCsvTests.SemicolonDecimalComma(File.ReadAllText(BigMl)));

        var original = TrainBigMl(temp, "--json");
        var copy = CliRun.Of("train", "--data", semi, "--label", "Churn", "--positive", "True", "--exclude", "State,Area code",
            "--out", temp.File("semi.json"), "--json");

        Assert.Equal(0, copy.ExitCode);
        Assert.Equal(original.Json().GetProperty("features").ToString(), copy.Json().GetProperty("features").ToString());
        Assert.Equal(original.Json().GetProperty("coefficients").ToString(), copy.Json().GetProperty("coefficients").ToString());
        Assert.Contains("Numbers read with a decimal comma", copy.Error);
    }

    [Fact]
    public void Train_DecimalOption_BadValueExits2()
    {
        using var temp = new TempFolder();
        var run = TrainBigMl(temp, "--decimal", ";");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--decimal must be . or ,", run.Error);
    }

    [Fact]
    public void Predict_CommaFileRead_WithDecimalComma_ScoresLikeTheOriginal()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, TrainBigMl(temp).ExitCode);
        var semi = temp.Write("semi.csv", LabelledCsvTests.SemicolonDecimalComma(File.ReadAllText(BigMl)));

        var plain = CliRun.Of("predict", "--model", temp.File("m.json"), "--data", BigMl, "--out", temp.File("a.csv"));
        var comma = CliRun.Of("predict", "--model", temp.File("m.json"), "--data", semi, "--out", temp.File("b.csv"), "--decimal", ",");

        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(0, comma.ExitCode);
        Assert.Equal(File.ReadAllText(temp.File("a.csv")), File.ReadAllText(temp.File("b.csv")));
    }

    [Fact]
    public void Train_PenalisedTable_LabelsScalesGivesCategoryOddsRatioAndFootnote()
    {
        using var temp = new TempFolder();
        var run = TrainBigMl(temp);

        Assert.Equal(0, run.ExitCode);
        var plan = run.Out.Split('\n').Single(l => l.StartsWith("International plan=Yes", StringComparison.Ordinal));
        Assert.EndsWith("Yes vs No", plan.TrimEnd());
        var odds = double.Parse(plan.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^4], CultureInfo.InvariantCulture);
        Assert.InRange(odds, 7.5, 8.7); // exp(coef / SD) of the 0/1 column, not exp(coef per SD) = 1.88
        Assert.Contains(run.Out.Split('\n'), l => l.StartsWith("Total day minutes", StringComparison.Ordinal) && l.Contains("per SD (54.2)", StringComparison.Ordinal));
        Assert.Contains("'-': no standard errors, p-values or intervals for a penalised fit (L2, C=1)", run.Out);
    }

    [Fact]
    public void Train_NoPenalty_TableShowsIntervalsAndJsonInterceptIsRawUnits()
    {
        using var temp = new TempFolder();
        var table = TrainBigMl(temp, "--no-penalty");
        var json = TrainBigMl(temp, "--no-penalty", "--json").Json();

        var line = table.Out.Split('\n').Single(l => l.StartsWith("Customer service calls", StringComparison.Ordinal));
        Assert.Matches(@"\d\.\d{4} to \d\.\d{4}", line);
        Assert.DoesNotContain("'-'", table.Out);
        var rows = json.GetProperty("coefficients").EnumerateArray().ToList();
        var intercept = rows[0];
        Assert.Equal("intercept", intercept.GetProperty("scale").GetString());
        Assert.InRange(intercept.GetProperty("per_unit").GetDouble(), -8.1, -7.9);
        // The raw-unit intercept reproduces the standardised one at the column means.
        var atMeans = intercept.GetProperty("per_unit").GetDouble()
            + rows.Skip(1).Sum(r => r.GetProperty("per_unit").GetDouble() * r.GetProperty("column_mean").GetDouble());
        Assert.Equal(intercept.GetProperty("coefficient").GetDouble(), atMeans, 9);
        var plan = rows.Single(r => r.GetProperty("name").GetString() == "International plan=Yes");
        Assert.Equal("indicator", plan.GetProperty("scale").GetString());
        Assert.Equal("Yes vs No", plan.GetProperty("contrast").GetString());
        Assert.InRange(plan.GetProperty("odds_ratio_per_unit").GetDouble(), 7.5, 8.7);
    }

    [Fact]
    public void Evaluate_OnTheTrainingFile_WarnsInSample()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, TrainBigMl(temp).ExitCode);
        var lines = File.ReadAllLines(BigMl);
        var copy = temp.Write("other.csv", string.Join("\n", lines[..^1]) + "\n"); // all rows but the last: other rows

        var own = CliRun.Of("evaluate", "--model", temp.File("m.json"), "--data", BigMl, "--json");
        var other = CliRun.Of("evaluate", "--model", temp.File("m.json"), "--data", copy, "--json");

        Assert.True(own.Json().GetProperty("in_sample").GetBoolean());
        Assert.Contains("in-sample and optimistic", own.Error);
        Assert.False(other.Json().GetProperty("in_sample").GetBoolean());
        Assert.DoesNotContain("in-sample", other.Error);
    }

    [Fact]
    public void Train_TenThousandCategoryColumnAboveCap_RefusedUpFront()
    {
        using var temp = new TempFolder();
        var csv = new StringBuilder("city,x,churn\n");
        for (var i = 0; i < 20_000; i++)
            csv.Append(CultureInfo.InvariantCulture, $"c{i % 10_000},{i % 7},{i % 3 == 0}\n");
        var path = temp.Write("wide.csv", csv.ToString());

        var run = CliRun.Of("train", "--data", path, "--label", "churn", "--positive", "True", "--features", "city,x",
            "--max-categories", "20000", "--out", temp.File("w.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("20,000 rows x 10,000 columns", run.Error);
        Assert.Contains("'city' alone adds 9,999", run.Error);
        Assert.False(File.Exists(temp.File("w.json")));
    }

    [Fact]
    public void Train_CaseStudy_CollinearityWarningsNameAndGroupColumns()
    {
        using var temp = new TempFolder();
        var run = CliRun.Of("train", "--data", TestFiles.Telecom1000, "--recipe", "case-study", "--out", temp.File("c.json"));

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotMatch(@"Column \d+ is", run.Error);
        var lines = run.Error.Split('\n').Where(l => l.Contains("linear combination", StringComparison.Ordinal) || l.StartsWith("warning:   ", StringComparison.Ordinal)).ToList();
        Assert.InRange(lines.Count, 2, 3);
        Assert.Contains("kept: the L2 penalty (C=1)", lines[0]);
        Assert.Contains(lines, l => l.Contains("arpu_{6,7,8}", StringComparison.Ordinal));
    }
}
