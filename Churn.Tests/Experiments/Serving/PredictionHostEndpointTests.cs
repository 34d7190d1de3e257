using System.Net;
using System.Text;
using System.Text.Json;
using Churn.Experiments.Serving;
using static Churn.Tests.Experiments.Serving.PredictionHostFixture;

namespace Churn.Tests.Experiments.Serving;

[Trait("Kind", "Process")]
public sealed class PredictionHostEndpointTests(PredictionHostFixture host) : IClassFixture<PredictionHostFixture>
{
    [Fact]
    public void Start_PortZero_BindsLoopbackOnARealPort()
    {
        Assert.Equal("127.0.0.1", host.Host.BaseAddress.Host);
        Assert.NotEqual(0, host.Host.BaseAddress.Port);
        Assert.True(host.Host.IsRunning);
    }

    [Fact]
    public async Task Predict_ValidCustomer_ReturnsThePredictorsResult()
    {
        var response = await host.PostAsync("/predict", Customer(800, 1500, 300, "\"plan\":\"postpaid\""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var json = await JsonAsync(response);

        var values = Values(800, 1500, 300);
        values["plan"] = new InputValue(null, "postpaid");
        var expected = host.Predictor.Predict(values);
        Assert.Equal(expected.Probability, json.GetProperty("churn_probability").GetDouble());
        Assert.Equal(expected.Prediction, json.GetProperty("churn_prediction").GetInt32());
        Assert.Equal(expected.Threshold, json.GetProperty("threshold").GetDouble());
        Assert.Equal(expected.Segment, json.GetProperty("segment").GetInt32());
        Assert.Equal(expected.SegmentName, json.GetProperty("segment_name").GetString());
        var contributions = json.GetProperty("contributions");
        Assert.Equal(expected.Contributions.Count, contributions.GetArrayLength());
        for (var i = 0; i < expected.Contributions.Count; i++)
        {
            var c = contributions[i];
            Assert.Equal(expected.Contributions[i].Feature, c.GetProperty("feature").GetString());
            Assert.Equal(expected.Contributions[i].Label, c.GetProperty("label").GetString());
            Assert.Equal(expected.Contributions[i].Number, c.GetProperty("value").GetDouble());
            Assert.Equal(expected.Contributions[i].Effect, c.GetProperty("effect").GetDouble());
            Assert.Equal(expected.Contributions[i].Direction, c.GetProperty("direction").GetString());
            Assert.Equal(expected.Contributions[i].Text, c.GetProperty("text").GetString());
        }
    }

    [Theory]
    [InlineData("/predict", "{\"aon\":100,\"total_mou\":50,\"total_data_usage\":10}")]
    [InlineData("/predict/batch", "[{\"aon\":100,\"total_mou\":50,\"total_data_usage\":10},{\"aon\":900,\"total_mou\":5,\"total_data_usage\":1}]")]
    public async Task Predict_BodyWithUtf8ByteOrderMark_ScoresExactlyAsWithout(string path, string body)
    {
        var plain = await host.PostAsync(path, body);
        var withBom = await host.PostAsync(path, "\uFEFF" + body);  // sent as the bytes EF BB BF
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.True(withBom.StatusCode == HttpStatusCode.OK, await withBom.Content.ReadAsStringAsync());
        Assert.Equal(await plain.Content.ReadAsStringAsync(), await withBom.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Predict_OptionalFieldsOmittedOrNull_Accepted()
    {
        var omitted = await JsonAsync(await host.PostAsync("/predict", Customer(100, 50, 10)));
        var nulls = await JsonAsync(await host.PostAsync("/predict", Customer(100, 50, 10, "\"plan\":null,\"segment\":null")));
        var expected = host.Predictor.Predict(Values(100, 50, 10));
        Assert.Equal(expected.Probability, omitted.GetProperty("churn_probability").GetDouble());
        Assert.Equal(expected.Probability, nulls.GetProperty("churn_probability").GetDouble());
        Assert.Equal(2, omitted.GetProperty("segment").GetInt32());
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json;charset=\"UTF-8\"")]
    [InlineData("Application/JSON")]
    public async Task Predict_JsonContentTypeVariants_Accepted(string contentType)
    {
        var response = await host.PostAsync("/predict", Customer(), contentType);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Predict_CategoryInOtherCase_MapsToTheModelsCategory()
    {
        var upper = await JsonAsync(await host.PostAsync("/predict", Customer(extra: "\"plan\":\"POSTPAID\"")));
        var lower = await JsonAsync(await host.PostAsync("/predict", Customer(extra: "\"plan\":\"postpaid\"")));
        Assert.Equal(lower.GetProperty("churn_probability").GetDouble(), upper.GetProperty("churn_probability").GetDouble());
    }

    [Fact]
    public async Task PredictBatch_WrappedAndBareArray_ReturnResultsInOrder()
    {
        var customers = Enumerable.Range(0, 25).Select(i => Customer(30 * i + 5, 100 * i, 40 * i)).ToArray();
        var wrapped = await host.PostAsync("/predict/batch", "{\"customers\":[" + string.Join(",", customers) + "]}");
        var bare = await host.PostAsync("/predict/batch", "[" + string.Join(",", customers) + "]");
        foreach (var response in new[] { wrapped, bare })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var json = await JsonAsync(response);
            Assert.Equal(customers.Length, json.GetProperty("count").GetInt32());
            var results = json.GetProperty("results");
            Assert.Equal(customers.Length, results.GetArrayLength());
            for (var i = 0; i < customers.Length; i++)
            {
                var expected = host.Predictor.Predict(Values(30 * i + 5, 100 * i, 40 * i));
                Assert.Equal(expected.Probability, results[i].GetProperty("churn_probability").GetDouble());
            }
        }
    }

    [Fact]
    public async Task PredictBatch_ExactlyTheLimit_Accepted()
    {
        var body = "[" + string.Join(",", Enumerable.Repeat(Customer(), 1000)) + "]";
        var response = await host.PostAsync("/predict/batch", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1000, (await JsonAsync(response)).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task PredictBatch_Empty_ReturnsNoResults()
    {
        var json = await JsonAsync(await host.PostAsync("/predict/batch", "{\"customers\":[]}"));
        Assert.Equal(0, json.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Model_Get_ReturnsTheCardSerialisedAsIs()
    {
        var response = await host.Client.GetAsync("/model");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(JsonSerializer.Serialize(host.Predictor.ModelCard, Churn.Experiments.Data.JsonStyle.Compact), text);
    }

    [Fact]
    public async Task Inputs_Get_ListsTheModelsFieldsInOrder()
    {
        var json = await JsonAsync(await host.Client.GetAsync("/inputs"));
        var fields = json.GetProperty("fields");
        Assert.Equal(host.Predictor.Inputs.Select(f => f.Name), fields.EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        var plan = fields[3];
        Assert.Equal("category", plan.GetProperty("kind").GetString());
        Assert.Equal(["prepaid", "postpaid"], plan.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!));
        Assert.Equal("days", fields[0].GetProperty("unit").GetString());
        Assert.Equal(1000, fields[0].GetProperty("default").GetDouble());
    }

    [Fact]
    public async Task Health_Get_ReportsOkModelAndUptime()
    {
        var json = await JsonAsync(await host.Client.GetAsync("/health"));
        Assert.Equal("ok", json.GetProperty("status").GetString());
        Assert.True(json.GetProperty("model").GetProperty("loaded").GetBoolean());
        Assert.Equal(5, json.GetProperty("model").GetProperty("input_count").GetInt32());
        Assert.True(json.GetProperty("uptime_seconds").GetDouble() >= 0);
    }

    [Fact]
    public async Task OpenApi_Get_DescribesEveryEndpointWithTheModelsFields()
    {
        var json = await JsonAsync(await host.Client.GetAsync("/openapi.json"));
        Assert.StartsWith("3.0", json.GetProperty("openapi").GetString());
        var paths = json.GetProperty("paths");
        foreach (var path in new[] { "/", "/docs", "/predict", "/predict/batch", "/model", "/inputs", "/health", "/openapi.json" })
            Assert.True(paths.TryGetProperty(path, out _), path);
        Assert.True(paths.GetProperty("/predict").TryGetProperty("post", out _));
        var customer = json.GetProperty("components").GetProperty("schemas").GetProperty("Customer");
        Assert.Equal(host.Predictor.Inputs.Select(f => f.Name), customer.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["aon", "total_mou", "total_data_usage"], customer.GetProperty("required").EnumerateArray().Select(r => r.GetString()!));
        Assert.False(customer.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal("string", customer.GetProperty("properties").GetProperty("plan").GetProperty("type").GetString());
        Assert.Equal(0, customer.GetProperty("properties").GetProperty("aon").GetProperty("minimum").GetDouble());
    }

    [Fact]
    public async Task OpenApi_EveryPost_DocumentsTheTimeoutAndTheBusyAnswers()
    {
        // A review: the host answers 408 and three kinds of 503, none of which the document listed.
        var paths = (await JsonAsync(await host.Client.GetAsync("/openapi.json"))).GetProperty("paths");
        foreach (var path in new[] { "/predict", "/predict/batch" })
        {
            var responses = paths.GetProperty(path).GetProperty("post").GetProperty("responses");
            Assert.Contains("10 s", responses.GetProperty("408").GetProperty("description").GetString());
            var busy = responses.GetProperty("503").GetProperty("description").GetString()!;
            foreach (var code in new[] { "too_many_connections", "server_busy", "shutting_down" }) Assert.Contains(code, busy);
        }
    }

    [Fact]
    public async Task OpenApi_ExampleRequest_IsAcceptedByPredict()
    {
        var json = await JsonAsync(await host.Client.GetAsync("/openapi.json"));
        var example = json.GetProperty("paths").GetProperty("/predict").GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("example");
        var response = await host.PostAsync("/predict", example.GetRawText());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/", "id=\"predict\"")]
    [InlineData("/docs", "openapi.json")]
    public async Task Pages_Get_ServeSelfContainedHtml(string path, string marker)
    {
        var response = await host.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(marker, html);
        // No CDN or other external script or stylesheet.
        Assert.DoesNotContain("src=\"http", html);
        Assert.DoesNotContain("href=\"http", html);
        Assert.DoesNotContain("//cdn", html);
    }

    [Fact]
    public async Task Localhost_Name_AlsoAnswers()
    {
        using var client = new HttpClient();
        var response = await client.GetAsync($"http://localhost:{host.Host.BaseAddress.Port}/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Predict_BurstOf200Over16Clients_AllCorrect()
    {
        var failures = new List<string>();
        var clients = Enumerable.Range(0, 16).Select(_ => new HttpClient { BaseAddress = host.Host.BaseAddress }).ToArray();
        try
        {
            var tasks = Enumerable.Range(0, 200).Select(async i =>
            {
                var client = clients[i % clients.Length];
                var (aon, mou, data) = (10.0 * i, 25.0 * i, 7.0 * i);
                using var content = new StringContent(Customer(aon, mou, data), Encoding.UTF8, "application/json");
                var response = await client.PostAsync("/predict", content);
                var json = await JsonAsync(response);
                var expected = host.Predictor.Predict(Values(aon, mou, data)).Probability;
                if (response.StatusCode != HttpStatusCode.OK || json.GetProperty("churn_probability").GetDouble() != expected)
                    lock (failures)
                        failures.Add($"request {i}: {(int)response.StatusCode} {json}");
            });
            await Task.WhenAll(tasks);
        }
        finally
        {
            foreach (var client in clients)
                client.Dispose();
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Log_EachRequest_WritesOneLine()
    {
        var response = await host.Client.GetAsync("/health?probe=log-line-test");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The line is written just after the response is sent, so wait for it (bounded).
        for (var i = 0; i < 100 && !host.LogText.Contains("GET /health 200"); i++)
            await Task.Delay(50);
        Assert.Contains("GET /health 200", host.LogText);
    }
}
