using System.Globalization;
using System.Text.Json;
using Churn.Tests.Experiments.Campaign;

namespace Churn.Tests.Experiments.Commands;

/// <summary>`churn campaign` against a direct computation from `churn predict --rank` output.</summary>
public sealed class CampaignCommandTests
{
    private static readonly string Raw = CaseStudyCampaignModel.RawFile;

    /// <summary>The ranked file `predict --rank` writes: id and probability per row, riskiest first.</summary>
    private static (string[] Ids, double[] P) PredictRanked(TempFolder temp)
    {
        var run = CliRun.Of("predict", "--model", CaseStudyCampaignModel.ModelPath, "--data", Raw, "--out", temp.File("ranked.csv"), "--rank");
        Assert.Equal(0, run.ExitCode);
        var lines = File.ReadAllLines(temp.File("ranked.csv"));
        var header = lines[0].Split(',');
        Assert.Equal("mobile_number", header[0]);
        var column = Array.IndexOf(header, "churn_probability");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        return (rows.Select(r => r[0]).ToArray(), rows.Select(r => double.Parse(r[column], CultureInfo.InvariantCulture)).ToArray());
    }

    /// <summary>The formula, written out: best k = first k maximising sum(p x success x value) - k x cost.</summary>
    private static (int K, double Profit, double Saved) Direct(double[] ranked, double cost, double value, double success, int? budget = null)
    {
        var (bestK, bestProfit, bestSaved) = (0, 0.0, 0.0);
        var gain = 0.0;
        for (var k = 1; k <= Math.Min(ranked.Length, budget ?? ranked.Length); k++)
        {
            gain += ranked[k - 1] * success * value;
            var profit = gain - k * cost;
            if (profit > bestProfit) (bestK, bestProfit, bestSaved) = (k, profit, gain / value);
        }
        return (bestK, bestProfit, bestSaved);
    }

    [Theory]
    [InlineData("10", "100", "0.3", null)]
    [InlineData("25", "100", "0.3", null)]
    [InlineData("5", "250", "0.5", "40")]
    public void Campaign_CaseStudyModel_EqualsDirectComputationFromPredictRank(string cost, string value, string success, string? budget)
    {
        using var temp = new TempFolder();
        var (ids, p) = PredictRanked(temp);
        string[] args = ["campaign", "--model", CaseStudyCampaignModel.ModelPath, "--data", Raw, "--offer-cost", cost, "--value", value,
            "--success", success, "--out", temp.File("contacts.csv"), "--json"];
        if (budget is not null) args = [.. args, "--budget", budget];
        var run = CliRun.Of(args);
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();

        double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        var direct = Direct(p, D(cost), D(value), D(success), budget is null ? null : int.Parse(budget, CultureInfo.InvariantCulture));
        Assert.True(direct.K > 0, "the case must contact someone to test anything");
        Assert.Equal(1000, json.GetProperty("rows").GetInt32());
        Assert.Equal(direct.K, json.GetProperty("best_k").GetInt32());
        Assert.Equal(direct.Profit, json.GetProperty("expected_profit").GetDouble(), 1e-9 * direct.Profit);
        Assert.Equal(direct.Saved, json.GetProperty("expected_saved").GetDouble(), 1e-9 * direct.Saved);
        Assert.Equal(p[direct.K - 1], json.GetProperty("cutoff_probability").GetDouble());
        Assert.Equal(direct.K, json.GetProperty("segments").EnumerateArray().Sum(s => s.GetProperty("contacted").GetInt32()));
        Assert.Equal(direct.Saved, json.GetProperty("segments").EnumerateArray().Sum(s => s.GetProperty("expected_saved").GetDouble()), 1e-9);

        // The contact list is predict's ranking cut at best k, with the same probabilities.
        var contacts = File.ReadAllLines(temp.File("contacts.csv"));
        Assert.Equal("mobile_number,rank,churn_probability,segment_name,expected_value,reason_1,reason_2,reason_3", contacts[0]);
        Assert.Equal(direct.K + 1, contacts.Length);
        for (var i = 0; i < direct.K; i++)
        {
            var fields = contacts[i + 1].Split(',');
            Assert.Equal(ids[i], fields[0]);
            Assert.Equal(p[i], D(fields[2]));
            Assert.False(contacts[i + 1].EndsWith(",,,", StringComparison.Ordinal), "a contacted customer comes with reasons: " + contacts[i + 1]);
        }
    }

    [Fact]
    public void Campaign_Json_HasTheContractKeysAndAReliabilityVerdict()
    {
        var run = CliRun.Of("campaign", "--model", CaseStudyCampaignModel.ModelPath, "--data", Raw, "--json");
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        foreach (var key in new[] { "best_k", "expected_profit", "expected_saved", "cutoff_probability", "rows", "offer_cost", "customer_value", "success_rate", "budget", "segments", "profit_curve", "risk_distribution", "calibration" })
            Assert.True(json.TryGetProperty(key, out _), "missing key " + key);
        var calibration = json.GetProperty("calibration");
        Assert.True(calibration.GetProperty("recorded").GetBoolean());
        var good = calibration.GetProperty("calibrated_for_money").GetBoolean();
        var ece = calibration.GetProperty("expected_calibration_error").GetDouble();
        Assert.Equal(ece <= 0.05, good);
        // The verdict is warned about on stderr exactly when the probabilities are not good enough.
        Assert.Equal(!good, run.Error.Contains("too miscalibrated", StringComparison.Ordinal));
        Assert.Equal(1000, json.GetProperty("risk_distribution").EnumerateArray().Sum(b => b.GetProperty("customers").GetInt32()));
        Assert.Equal(1001, json.GetProperty("profit_curve").GetArrayLength());
    }

    [Fact]
    public void Campaign_ModelWithoutCalibration_WarnsThatNoneIsRecorded()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, CliRun.Of("train", "--data", Raw, "--recipe", "case-study", "--out", temp.File("m.json")).ExitCode);
        var run = CliRun.Of("campaign", "--model", temp.File("m.json"), "--data", Raw, "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.False(run.Json().GetProperty("calibration").GetProperty("recorded").GetBoolean());
        Assert.Contains("records no held-out calibration", run.Error);
    }

    [Theory]
    [InlineData("--offer-cost", "-1", "--offer-cost=-1")]
    [InlineData("--success", "0", "--success=0")]
    [InlineData("--success", "1.5", "--success=1.5")]
    [InlineData("--budget", "0", "--budget=0")]
    [InlineData("--value", "abc", "--value must be a number")]
    public void Campaign_BadAssumption_Exit2NamingIt(string option, string value, string message)
    {
        var run = CliRun.Of("campaign", "--model", CaseStudyCampaignModel.ModelPath, "--data", Raw, option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void Campaign_FileMissingColumns_Exit2NamingEveryMissingOne()
    {
        using var temp = new TempFolder();
        var lines = File.ReadAllLines(Raw);
        var header = lines[0].Split(',');
        var drop = new[] { Array.IndexOf(header, "arpu_8"), Array.IndexOf(header, "total_rech_amt_6") };
        string Keep(string line) => string.Join(",", line.Split(',').Where((_, j) => !drop.Contains(j)));
        var data = temp.Write("cut.csv", string.Join("\n", lines.Take(20).Select(Keep)) + "\n");

        var run = CliRun.Of("campaign", "--model", CaseStudyCampaignModel.ModelPath, "--data", data, "--out", temp.File("c.csv"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'arpu_8'", run.Error);
        Assert.Contains("'total_rech_amt_6'", run.Error);
        Assert.False(File.Exists(temp.File("c.csv")));
    }
}
