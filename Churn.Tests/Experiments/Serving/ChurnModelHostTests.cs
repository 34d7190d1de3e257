using System.Net;
using System.Text;
using Churn.Experiments.Commands;
using Churn.Experiments.Modeling;
using Churn.Experiments.Serving;
using static Churn.Tests.Experiments.Serving.PredictionHostFixture;

namespace Churn.Tests.Experiments.Serving;

/// <summary>The real model behind the host: a model trained on the original project's table, served over HTTP.</summary>
public sealed class ChurnModelHostTests : IAsyncLifetime
{
    private ChurnModel model = null!;
    private PredictionHost host = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        // The original project's table (first 5,000 rows keep the test quick), segment fitted by us.
        var data = TrainCommand.LoadTrainingData(TestPaths.Data("data/raw/seed_churn_labeled_data.csv"), "churn", "1", ["segment"], null);
        data = data with { Table = data.Table.SelectRows(Enumerable.Range(0, 5000).ToArray()), Labels = data.Labels.SubVector(0, 5000) };
        model = ChurnTrainer.Train(data, new ChurnTrainingOptions { Segments = 4, SegmentFeatures = ["aon", "total_mou", "total_data_usage"] }, "test").Model;
        host = new PredictionHost(new ChurnModelPredictor(model), new HostOptions { Port = 0, Quiet = true });
        host.Start();
        client = new HttpClient { BaseAddress = host.BaseAddress };
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await host.StopAsync();
    }

    private Task<HttpResponseMessage> Post(string path, string body) =>
        client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Predict_OriginalPayloadWithoutSegment_SegmentFromCentresAndSameProbabilityAsModel()
    {
        var response = await Post("/predict", """{"aon": 1200, "total_mou": 350.5, "total_data_usage": 12}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);

        var expected = model.Predict(n => n switch { "aon" => 1200, "total_mou" => 350.5, _ => 12 }, _ => null);
        Assert.Equal(expected.Probability, json.GetProperty("churn_probability").GetDouble(), 15);
        Assert.Equal(expected.Segment, json.GetProperty("segment").GetInt32());
        Assert.Equal(model.Segments!.Names[expected.Segment!.Value], json.GetProperty("segment_name").GetString());
        Assert.True(json.GetProperty("contributions").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Predict_OriginalPayloadWithSegment_UsesTheGivenSegment()
    {
        var response = await Post("/predict", """{"aon": 1200, "total_mou": 350.5, "total_data_usage": 12, "segment": 2}""");
        var json = await JsonAsync(response);
        Assert.Equal(2, json.GetProperty("segment").GetInt32());
        var expected = model.Predict(n => n switch { "aon" => 1200, "total_mou" => 350.5, _ => 12 }, _ => null, segmentOverride: 2);
        Assert.Equal(expected.Probability, json.GetProperty("churn_probability").GetDouble(), 15);
    }

    [Theory]
    [InlineData("""{"aon": 1200, "total_mou": 350.5, "total_data_usage": 12, "segment": 7}""", "segment")]
    [InlineData("""{"aon": 1200, "total_mou": 350.5, "total_data_usage": 12, "segment": 1.5}""", "segment")]
    [InlineData("""{"aon": 1200, "total_mou": 350.5}""", "total_data_usage")]
    [InlineData("""{"aon": 1200, "total_mou": 350.5, "total_data_usage": 12, "tenure": 3}""", "tenure")]
    public async Task Predict_BadValue_400NamingTheField(string body, string field)
    {
        var response = await Post("/predict", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await JsonAsync(response)).GetProperty("error").GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("""{"aon": 1e308, "total_mou": 350.5, "total_data_usage": 12}""", "aon")]
    [InlineData("""{"aon": -30, "total_mou": 350.5, "total_data_usage": 12}""", "aon")]
    public async Task Predict_ValueFarOutsideTrainingRange_FlaggedInTheAnswer(string body, string field)
    {
        var response = await Post("/predict", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outside = (await JsonAsync(response)).GetProperty("outside_training_range");
        var flag = Assert.Single(outside.EnumerateArray());
        Assert.Equal(field, flag.GetProperty("feature").GetString());
        var range = model.Features.Numeric.First(n => n.Name == field);
        Assert.Equal(range.Minimum, flag.GetProperty("minimum").GetDouble());
        Assert.Equal(range.Maximum, flag.GetProperty("maximum").GetDouble());

        var inside = await JsonAsync(await Post("/predict", """{"aon": 1200, "total_mou": 350.5, "total_data_usage": 12}"""));
        Assert.Equal(0, inside.GetProperty("outside_training_range").GetArrayLength());
    }

    [Fact]
    public async Task Model_Card_ShowsInputRangesSummaryAndTheModelsLabelWarning()
    {
        var json = await JsonAsync(await client.GetAsync("/model"));
        var ranges = json.GetProperty("input_ranges");
        Assert.Equal(model.Features.Numeric.Count, ranges.GetArrayLength());
        var aon = ranges.EnumerateArray().First(r => r.GetProperty("name").GetString() == "aon");
        Assert.Equal(model.Features.Numeric.First(n => n.Name == "aon").Maximum, aon.GetProperty("maximum").GetDouble());
        Assert.Equal(5000, json.GetProperty("summary").GetProperty("data").GetProperty("rows").GetInt32());
        Assert.True(json.GetProperty("summary").GetProperty("top_drivers").GetArrayLength() > 0);
        Assert.Equal(model.LabelWarning, json.GetProperty("warning").GetString());
    }

    [Fact]
    public async Task Model_Card_HasCoefficientsSegmentsAndTraining()
    {
        var json = await JsonAsync(await client.GetAsync("/model"));
        Assert.Equal(model.Coefficients.Count, json.GetProperty("coefficients").GetArrayLength());
        Assert.Equal(4, json.GetProperty("segments").GetProperty("names").GetArrayLength());
        Assert.Equal(5000, json.GetProperty("training").GetProperty("rows").GetInt32());
    }
}
