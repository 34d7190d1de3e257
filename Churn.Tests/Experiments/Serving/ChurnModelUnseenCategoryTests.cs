using System.Net;
using System.Text;
using System.Text.Json;
using Churn.Experiments.Commands;
using Churn.Experiments.Modeling;
using Churn.Experiments.Serving;
using static Churn.Tests.Experiments.Serving.PredictionHostFixture;

namespace Churn.Tests.Experiments.Serving;

/// <summary>A category unseen in training over HTTP: scored as the reference category and flagged, the same as a direct ChurnModel call and `predict`.</summary>
[Trait("Kind", "Process")]
public sealed class ChurnModelUnseenCategoryTests
{
    [Fact]
    public async Task Predict_UnseenCategory_ScoredAsReferenceAndFlagged()
    {
        var data = TrainingDataLoader.Load(TestPaths.Data("data/raw/churn-bigml-80.csv"), "Churn", "True", ["State", "Area code"], null);
        var model = ChurnTrainer.Train(data, new ChurnTrainingOptions(), "test").Model;
        var predictor = new ChurnModelPredictor(model);
        await using var host = new PredictionHost(predictor, new HostOptions { Port = 0, Quiet = true }, TextWriter.Null);
        host.Start();
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        var customer = predictor.Inputs.Where(f => f.Required)
            .ToDictionary(f => f.Name, f => f.Kind == InputKind.Number ? (object)f.DefaultNumber! : f.DefaultCategory!);
        customer["International plan"] = "Maybe";
        var response = await client.PostAsync("/predict", new StringContent(JsonSerializer.Serialize(customer), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        var flag = Assert.Single(json.GetProperty("unseen_categories").EnumerateArray());
        Assert.Equal("International plan", flag.GetProperty("feature").GetString());
        Assert.Equal("Maybe", flag.GetProperty("value").GetString());
        var reference = model.Features.Categorical.First(c => c.Name == "International plan").Reference;
        Assert.Equal(reference, flag.GetProperty("scored_as").GetString());

        var direct = model.Predict(n => Convert.ToDouble(customer[n], System.Globalization.CultureInfo.InvariantCulture), n => (string)customer[n]);
        Assert.Equal(direct.Probability, json.GetProperty("churn_probability").GetDouble());
        Assert.Equal("Maybe", Assert.Single(direct.UnseenCategories).Value);

        // A known category in another case is the same unseen category as in a file that `predict` or POST /score reads:
        // exact match everywhere, so one customer never gets two scores.
        customer["International plan"] = "yes";
        var lower = await JsonAsync(await client.PostAsync("/predict", new StringContent(JsonSerializer.Serialize(customer), Encoding.UTF8, "application/json")));
        var lowerFlag = Assert.Single(lower.GetProperty("unseen_categories").EnumerateArray());
        Assert.Equal("yes", lowerFlag.GetProperty("value").GetString());
        Assert.Equal(json.GetProperty("churn_probability").GetDouble(), lower.GetProperty("churn_probability").GetDouble());
        var header = string.Join(",", customer.Keys.Select(k => "\"" + k + "\""));
        var row = string.Join(",", customer.Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)));
        var scored = await client.PostAsync("/score", new StringContent(header + "\n" + row + "\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
        var fileLine = (await scored.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.Contains(lower.GetProperty("churn_probability").GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture), fileLine);
    }
}
