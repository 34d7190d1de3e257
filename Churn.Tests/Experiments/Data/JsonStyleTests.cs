using System.Text.Json;
using Churn.Experiments.Data;
using Churn.Experiments.Modeling;
using Churn.Tests.Experiments.Commands;
using Churn.Tests.Experiments.Serving;

namespace Churn.Tests.Experiments.Data;

/// <summary>Issue 13 item 16 and issue 11's "one JSON style": readable JSON everywhere, written by one definition.</summary>
[Trait("Kind", "Process")]
public sealed class JsonStyleTests(PredictionHostFixture host) : IClassFixture<PredictionHostFixture>
{
    private static readonly string[] Escapes = ["\\u0027", "\\u003C", "\\u003E", "\\u002B", "\\u0026", "\\u0060"];

    private static void AssertReadable(string json)
    {
        foreach (var escape in Escapes) Assert.DoesNotContain(escape, json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ModelFile_WarningsWithQuotesAndSigns_WrittenAsTyped()
    {
        using var temp = new TempFolder();
        var run = CliRun.Of("train", "--data", TestPaths.Data("data/raw/churn-bigml-80.csv"), "--label", "Churn", "--positive", "True",
            "--exclude", "State,Area code", "--out", temp.File("m.json"), "--json");
        Assert.Equal(0, run.ExitCode);

        var text = File.ReadAllText(temp.File("m.json"));

        AssertReadable(text);
        AssertReadable(run.Out);
        Assert.Contains("'International plan'", text);
        Assert.Contains(" <= Tolerance", text);
        var model = ModelFile.Load(temp.File("m.json")); // still valid JSON, read back the same
        Assert.Equal(model.Training.Warnings, ModelFile.FromJson(ModelFile.ToJson(model)).Training.Warnings);
    }

    [Fact]
    public void Indented_PlainCharacters_NotEscaped_ControlCharactersStill()
    {
        var json = JsonSerializer.Serialize(new { text = "it's <b>&</b> 8.38E+08 \"q\" \\ \u0001" }, JsonStyle.Indented);

        Assert.Contains("it's <b>&</b> 8.38E+08 \\\"q\\\" \\\\ \\u0001", json);
        Assert.Equal("it's <b>&</b> 8.38E+08 \"q\" \\ \u0001", JsonDocument.Parse(json).RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Host_ErrorAnswerQuotingAField_Readable()
    {
        var response = await host.PostAsync("/predict", PredictionHostFixture.Customer(extra: "\"foo<x>\":1"));
        var body = await response.Content.ReadAsStringAsync();

        AssertReadable(body);
        Assert.Contains("foo<x>", body);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public void Host_ModelCardOfARealModel_Readable()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, CliRun.Of("train", "--data", TestPaths.Data("data/raw/churn-bigml-80.csv"), "--label", "Churn", "--positive", "True",
            "--exclude", "State,Area code", "--out", temp.File("m.json")).ExitCode);
        var predictor = new Churn.Experiments.Serving.ChurnModelPredictor(ModelFile.Load(temp.File("m.json")), temp.File("m.json"));

        var card = System.Text.Encoding.UTF8.GetString(
            new Churn.Experiments.Serving.StaticContent(predictor, new Churn.Experiments.Serving.InputSchema(predictor.Inputs),
                new Churn.Experiments.Serving.HostOptions()).ModelCard);

        AssertReadable(card);
        Assert.Contains("'International plan'", card);
    }

    [Fact]
    public void Page_InsertsValuesAsTextOnly()
    {
        // Readable JSON is safe in the page only because no value is ever parsed as HTML.
        foreach (var page in new[] { "index.html", "docs.html" })
        {
            var html = System.Text.Encoding.UTF8.GetString(Churn.Experiments.Serving.StaticContent.Resource(page));
            foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write" })
                Assert.DoesNotContain(sink, html);
        }
    }

    [Fact]
    public void Product_DefinesSerializerOptionsOnlyInJsonStyle()
    {
        var sources = Directory.EnumerateFiles(TestPaths.Data("Churn.Experiments"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));
        var offenders = sources
            .Where(f => Path.GetFileName(f) != "JsonStyle.cs")
            .Where(f => File.ReadAllText(f) is var s && (s.Contains("new JsonSerializerOptions", StringComparison.Ordinal) ||
                                                       s.Contains("new JsonWriterOptions", StringComparison.Ordinal) ||
                                                       s.Contains("JavaScriptEncoder.", StringComparison.Ordinal)))
            .Select(Path.GetFileName).ToList();

        Assert.Empty(offenders);
    }
}
