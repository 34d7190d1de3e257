using System.Globalization;
using Churn.Experiments.Modeling;
using Churn.Experiments.Serving;

namespace Churn.Tests.Experiments.Commands;

/// <summary>
/// The cell texts `train --na` reads as missing are kept in the model, and every verb that scores a file with it
/// reads them the same way: a token scores exactly as a blank cell.
/// </summary>
[Trait("Kind", "Process")] // one test starts the HTTP host
public sealed class MissingTokensTests
{
    private static string Rows(string missing)
    {
        var random = new Random(7);
        var lines = new List<string> { "tenure,plan,calls,churned" };
        for (var i = 0; i < 240; i++)
        {
            var calls = random.Next(0, 9);
            var plan = i % 3 == 0 ? "gold" : "basic";
            var churned = random.NextDouble() < (calls > 4 ? 0.6 : 0.2) ? "yes" : "no";
            var tenure = i % 13 == 5 ? missing : (random.NextDouble() * 60).ToString("F2", CultureInfo.InvariantCulture);
            lines.Add(string.Join(",", tenure, i % 17 == 3 ? missing : plan, calls, churned));
        }
        return string.Join("\n", lines) + "\n";
    }

    [Fact]
    public void Train_WithNa_ModelKeepsTokens_AndEveryVerbScoresThemAsBlank()
    {
        using var temp = new TempFolder();
        var tokens = temp.Write("tokens.csv", Rows("NA"));
        var blanks = temp.Write("blanks.csv", Rows(""));

        var train = CliRun.Of("train", "--data", tokens, "--label", "churned", "--positive", "yes", "--na", "NA", "--out", temp.File("m.json"));
        Assert.Equal(0, train.ExitCode);
        Assert.Contains("\"missing_tokens\": [\n      \"NA\"\n    ]", File.ReadAllText(temp.File("m.json")).ReplaceLineEndings("\n"));

        Assert.Equal(0, CliRun.Of("predict", "--model", temp.File("m.json"), "--data", tokens, "--out", temp.File("t.csv")).ExitCode);
        Assert.Equal(0, CliRun.Of("predict", "--model", temp.File("m.json"), "--data", blanks, "--out", temp.File("b.csv")).ExitCode);
        Assert.Equal(File.ReadAllText(temp.File("b.csv")), File.ReadAllText(temp.File("t.csv")));

        var withTokens = CliRun.Of("evaluate", "--model", temp.File("m.json"), "--data", tokens, "--json");
        var withBlanks = CliRun.Of("evaluate", "--model", temp.File("m.json"), "--data", blanks, "--json");
        Assert.Equal(0, withTokens.ExitCode);
        Assert.Equal(withBlanks.Json().GetProperty("log_loss").GetDouble(), withTokens.Json().GetProperty("log_loss").GetDouble());

        Assert.Equal(0, CliRun.Of("campaign", "--model", temp.File("m.json"), "--data", tokens).ExitCode);
    }

    [Fact]
    public async Task PostScore_FileWithTokens_AnswersWhatPredictWritesForTheBlankFile()
    {
        using var temp = new TempFolder();
        var tokens = temp.Write("tokens.csv", Rows("NA"));
        var blanks = temp.Write("blanks.csv", Rows(""));
        Assert.Equal(0, CliRun.Of("train", "--data", tokens, "--label", "churned", "--positive", "yes", "--na", "NA", "--out", temp.File("m.json")).ExitCode);
        Assert.Equal(0, CliRun.Of("predict", "--model", temp.File("m.json"), "--data", blanks, "--out", temp.File("b.csv")).ExitCode);

        var host = new PredictionHost(new ChurnModelPredictor(ModelFile.Load(temp.File("m.json"))), new HostOptions { Port = 0, Quiet = true });
        host.Start();
        try
        {
            using var client = new HttpClient { BaseAddress = host.BaseAddress };
            var body = new ByteArrayContent(File.ReadAllBytes(tokens));
            body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            var response = await client.PostAsync("/score", body);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(File.ReadAllText(temp.File("b.csv")), await response.Content.ReadAsStringAsync());
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void HttpPredictor_TokenInACategory_ScoresAsThePredictedFileDoes()
    {
        using var temp = new TempFolder();
        var tokens = temp.Write("tokens.csv", Rows("NA"));
        Assert.Equal(0, CliRun.Of("train", "--data", tokens, "--label", "churned", "--positive", "yes", "--na", "NA", "--out", temp.File("m.json")).ExitCode);
        var model = ModelFile.Load(temp.File("m.json"));
        var predictor = new ChurnModelPredictor(model);
        InputValue Number(double x) => new(x, null);
        var asToken = predictor.Predict(new Dictionary<string, InputValue> { ["tenure"] = Number(12.5), ["calls"] = Number(3), ["plan"] = new(null, "NA") });
        var asBlank = predictor.Predict(new Dictionary<string, InputValue> { ["tenure"] = Number(12.5), ["calls"] = Number(3), ["plan"] = new(null, null) });
        var asGold = predictor.Predict(new Dictionary<string, InputValue> { ["tenure"] = Number(12.5), ["calls"] = Number(3), ["plan"] = new(null, "gold") });
        Assert.Equal(asBlank.Probability, asToken.Probability);
        Assert.NotEqual(asGold.Probability, asToken.Probability);
    }

    [Fact]
    public void HttpPredictor_BlankOrPaddedTokenInACategory_ScoresAsMissing_AsInAFile()
    {
        using var temp = new TempFolder();
        var tokens = temp.Write("tokens.csv", Rows("NA"));
        Assert.Equal(0, CliRun.Of("train", "--data", tokens, "--label", "churned", "--positive", "yes", "--na", "NA", "--out", temp.File("m.json")).ExitCode);
        var predictor = new ChurnModelPredictor(ModelFile.Load(temp.File("m.json")));
        double Score(string? plan) => predictor.Predict(new Dictionary<string, InputValue>
        {
            ["tenure"] = new(12.5, null), ["calls"] = new(3, null), ["plan"] = new(null, plan),
        }).Probability;
        var missing = Score(null);
        // A file's reader reads "   " and " NA " as missing cells (blank; a token after trimming): so does the host.
        Assert.Equal(missing, Score("   "));
        Assert.Equal(missing, Score(" NA "));
        Assert.NotEqual(missing, Score("na")); // tokens compare ordinally: "na" is an unseen category, not missing
        Assert.NotEqual(missing, Score("gold"));
    }

    [Fact]
    public void Train_WithoutNa_ModelHasNoTokens_AndATokenIsStillAnError()
    {
        using var temp = new TempFolder();
        var blanks = temp.Write("blanks.csv", Rows(""));
        var tokens = temp.Write("tokens.csv", Rows("NA"));
        Assert.Equal(0, CliRun.Of("train", "--data", blanks, "--label", "churned", "--positive", "yes", "--out", temp.File("m.json")).ExitCode);
        Assert.DoesNotContain("missing_tokens", File.ReadAllText(temp.File("m.json")));

        var run = CliRun.Of("predict", "--model", temp.File("m.json"), "--data", tokens, "--out", temp.File("t.csv"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("column 'tenure', value 'NA'", run.Error);
        Assert.False(File.Exists(temp.File("t.csv")));
    }
}
