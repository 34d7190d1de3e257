using System.Net;
using System.Text;
using static Churn.Tests.Experiments.Serving.PredictionHostFixture;

namespace Churn.Tests.Experiments.Serving;

/// <summary>Every kind of bad request gets a 4xx with a JSON error naming what is wrong, and the host keeps serving.</summary>
[Trait("Kind", "Process")]
public sealed class PredictionHostBadInputTests(PredictionHostFixture host) : IClassFixture<PredictionHostFixture>
{
    public static TheoryData<string, string, string?> BadSingleBodies => new()
    {
        // body, expected code, expected field
        { "{\"total_mou\":1,\"total_data_usage\":2}", "missing_field", "aon" },
        { "{\"aon\":1,\"total_data_usage\":2}", "missing_field", "total_mou" },
        { Customer(extra: "\"tenure\":5"), "unknown_field", "tenure" },
        { Customer(extra: "\"foo\":1,\"bar\":{\"x\":[1,2]}"), "unknown_field", "foo" },
        { "{\"aon\":\"800\",\"total_mou\":1,\"total_data_usage\":2}", "invalid_type", "aon" },
        { "{\"aon\":\"NaN\",\"total_mou\":1,\"total_data_usage\":2}", "invalid_type", "aon" },
        { "{\"aon\":1,\"total_mou\":\"Infinity\",\"total_data_usage\":2}", "invalid_type", "total_mou" },
        { "{\"aon\":1,\"total_mou\":2,\"total_data_usage\":NaN}", "malformed_json", "total_data_usage" },
        { "{\"aon\":Infinity,\"total_mou\":2,\"total_data_usage\":3}", "malformed_json", "aon" },
        { "{\"aon\":-Infinity,\"total_mou\":2,\"total_data_usage\":3}", "malformed_json", "aon" },
        { "{\"aon\":1e400,\"total_mou\":2,\"total_data_usage\":3}", "invalid_value", "aon" },
        { "{\"aon\":null,\"total_mou\":1,\"total_data_usage\":2}", "invalid_type", "aon" },
        { "{\"aon\":true,\"total_mou\":1,\"total_data_usage\":2}", "invalid_type", "aon" },
        { "{\"aon\":[1],\"total_mou\":1,\"total_data_usage\":2}", "invalid_type", "aon" },
        { "{\"aon\":{\"v\":1},\"total_mou\":1,\"total_data_usage\":2}", "invalid_type", "aon" },
        { Customer(extra: "\"plan\":7"), "invalid_type", "plan" },
        { Customer(extra: "\"plan\":\"contract\""), "invalid_value", "plan" },
        { Customer(extra: "\"segment\":\"2\""), "invalid_type", "segment" },
        { Customer(extra: "\"segment\":1.5"), "invalid_value", "segment" },   // InputException from the predictor
        { Customer(extra: "\"segment\":9"), "invalid_value", "segment" },     // above the field's maximum
        { Customer(aon: -1), "invalid_value", "aon" },                          // below the field's minimum
        { Customer(extra: "\"aon\":5"), "duplicate_field", "aon" },
        { "[1,2,3]", "invalid_type", null },
        { "\"aon\"", "invalid_type", null },
        { "{\"aon\":1,", "malformed_json", null },
        { "{\"aon\":1}}", "malformed_json", null },
        { "{\"aon\":1,\"total_mou\":1,\"total_data_usage\":2,}", "malformed_json", null },
        { "not json at all", "malformed_json", null },
        { Customer() + " {}", "malformed_json", null },
        { "", "empty_body", null },
        { "   \n ", "empty_body", null },
    };

    [Theory]
    [MemberData(nameof(BadSingleBodies))]
    public async Task Predict_BadBody_Returns400NamingTheField(string body, string code, string? field)
    {
        var response = await host.PostAsync("/predict", body);
        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, code, field);
        if (field is null)
            Assert.False(error.TryGetProperty("field", out _), error.ToString());
    }

    public static TheoryData<string, string, bool> DeepBodies => new()
    {
        // path, body, whether it is over the depth limit of 16
        { "/predict", Customer(extra: "\"x\":" + new string('[', 20) + new string(']', 20)), true },
        { "/predict", Nested("{\"a\":", 17, "1", "}"), true },
        { "/predict/batch", new string('[', 17) + new string(']', 17), true },
        { "/predict/batch", "{\"customers\":[" + Customer(extra: "\"x\":" + new string('[', 15) + new string(']', 15)) + "]}", true },
        { "/predict", Customer(extra: "\"x\":" + new string('[', 15) + new string(']', 15)), false },   // 16 levels: within
        { "/predict", Customer(extra: "\"x\":" + new string('[', 15) + "1,]" + new string(']', 14)), false }, // a syntax error at depth 16
    };

    private static string Nested(string open, int depth, string inner, string close) =>
        string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth));

    [Theory]
    [MemberData(nameof(DeepBodies))]
    public async Task Predict_NestedDeeperThanTheLimit_400SaysSo(string path, string body, bool tooDeep)
    {
        var response = await host.PostAsync(path, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await JsonAsync(response)).GetProperty("error").GetProperty("message").GetString()!;
        if (tooDeep)
        {
            Assert.Contains("deeper than the limit of 16 levels", message);
            Assert.DoesNotContain("NaN", message);
        }
        else
        {
            Assert.DoesNotContain("deeper", message);
        }
    }

    public static TheoryData<string, string, string> BadTextBodies => new()
    {
        // body (Latin-1 chars stand for raw bytes), expected code, expected field
        { "{\"aon\":1,\"total_mou\":2,\"total_data_usage\":3,\"plan\":\"\u00ff\u00fe\"}", "invalid_value", "plan" },
        { "{\"aon\":1,\"total_mou\":2,\"total_data_usage\":3,\"plan\":\"pre\u00c3\"}", "invalid_value", "plan" },
        { "{\"aon\":1,\"total_mou\":2,\"total_data_usage\":3,\"plan\":\"\\ud800\"}", "invalid_value", "plan" },
        { "{\"aon\":1,\"total_mou\":2,\"total_data_usage\":3,\"plan\":\"\\udc00x\"}", "invalid_value", "plan" },
        { "{\"aon\":\"\\ud800\",\"total_mou\":2,\"total_data_usage\":3}", "invalid_type", "aon" },
        { "{\"aon\":1,\"total_mou\":2,\"total_data_usage\":3,\"x\u00ff\":1}", "unknown_field", "x\ufffd" },
        { "{\"aon\":1,\"total_mou\":2,\"total_data_usage\":3,\"\\ud800\":1}", "unknown_field", "\\ud800" },
    };

    [Theory]
    [MemberData(nameof(BadTextBodies))]
    public async Task Predict_InvalidUtf8OrLoneSurrogate_Returns400NamingTheField(string latin1Body, string code, string field)
    {
        var content = new ByteArrayContent(Encoding.Latin1.GetBytes(latin1Body));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        var response = await host.Client.PostAsync("/predict", content);
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, code, field);
        var batch = new ByteArrayContent(Encoding.Latin1.GetBytes("[" + latin1Body + "]"));
        batch.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        await AssertErrorAsync(await host.Client.PostAsync("/predict/batch", batch), HttpStatusCode.BadRequest, code, field);
    }

    [Fact]
    public async Task PredictBatch_LoneSurrogateWrapperKey_Returns400UnknownField()
    {
        await AssertErrorAsync(await host.PostAsync("/predict/batch", "{\"\\ud800\":[]}"), HttpStatusCode.BadRequest, "unknown_field", "\\ud800");
    }

    [Fact]
    public async Task Predict_SeveralUnknownFields_MessageNamesThemAll()
    {
        var error = await AssertErrorAsync(await host.PostAsync("/predict", Customer(extra: "\"foo\":1,\"bar\":2")),
            HttpStatusCode.BadRequest, "unknown_field", "foo");
        Assert.Contains("'foo'", error.GetProperty("message").GetString());
        Assert.Contains("'bar'", error.GetProperty("message").GetString());
    }

    public static TheoryData<string, string, int, string> BadBatches => new()
    {
        // body, expected code, index, field
        { "[" + Customer() + ",{\"aon\":1,\"total_mou\":1}]", "missing_field", 1, "total_data_usage" },
        { "{\"customers\":[" + Customer() + "," + Customer() + "," + Customer(extra: "\"x\":1") + "]}", "unknown_field", 2, "x" },
        { "[" + Customer() + ",{\"aon\":\"NaN\",\"total_mou\":1,\"total_data_usage\":1}]", "invalid_type", 1, "aon" },
        { "[" + Customer(extra: "\"segment\":0.5") + "]", "invalid_value", 0, "segment" },
        { "[" + Customer() + "," + Customer() + ",{\"aon\":NaN}]", "malformed_json", 2, "aon" },
    };

    [Theory]
    [MemberData(nameof(BadBatches))]
    public async Task PredictBatch_BadCustomer_Returns400NamingIndexAndField(string body, string code, int index, string field)
    {
        var error = await AssertErrorAsync(await host.PostAsync("/predict/batch", body), HttpStatusCode.BadRequest, code, field);
        Assert.Equal(index, error.GetProperty("index").GetInt32());
        Assert.Contains($"customers[{index}]", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("[1]", "invalid_type", null)]
    [InlineData("{\"customers\":{}}", "invalid_type", "customers")]
    [InlineData("{\"clients\":[]}", "unknown_field", "clients")]
    [InlineData("{}", "missing_field", "customers")]
    [InlineData("42", "invalid_type", null)]
    [InlineData("", "empty_body", null)]
    public async Task PredictBatch_BadShape_Returns400(string body, string code, string? field)
    {
        await AssertErrorAsync(await host.PostAsync("/predict/batch", body), HttpStatusCode.BadRequest, code, field);
    }

    [Fact]
    public async Task PredictBatch_OverTheLimit_Returns413()
    {
        var body = "{\"customers\":[" + string.Join(",", Enumerable.Repeat("{\"aon\":1,\"total_mou\":1,\"total_data_usage\":1}", 1001)) + "]}";
        await AssertErrorAsync(await host.PostAsync("/predict/batch", body), HttpStatusCode.RequestEntityTooLarge, "too_many_customers");
    }

    [Fact]
    public async Task Predict_BodyOver64KiB_Returns413()
    {
        var body = Customer(extra: "\"pad\":\"" + new string('x', 70 * 1024) + "\"");
        await AssertErrorAsync(await host.PostAsync("/predict", body), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task PredictBatch_BodyOver1MiB_Returns413()
    {
        var body = "[" + Customer(extra: "\"pad\":\"" + new string('x', 1100 * 1024) + "\"") + "]";
        await AssertErrorAsync(await host.PostAsync("/predict/batch", body), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task Predict_ChunkedBodyOverTheLimit_Returns413()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Customer(extra: "\"pad\":\"" + new string('x', 70 * 1024) + "\""))));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        await AssertErrorAsync(await host.Client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData(null)]
    public async Task Predict_WrongContentType_Returns415(string? contentType)
    {
        await AssertErrorAsync(await host.PostAsync("/predict", Customer(), contentType), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Theory]
    [InlineData("GET", "/predict", "POST")]
    [InlineData("PUT", "/predict/batch", "POST")]
    [InlineData("POST", "/health", "GET,HEAD")]
    [InlineData("DELETE", "/model", "GET,HEAD")]
    [InlineData("POST", "/", "GET,HEAD")]
    [InlineData("PATCH", "/openapi.json", "GET,HEAD")]
    public async Task WrongMethod_Returns405WithAllowHeader(string method, string path, string allow)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET")
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        var response = await host.Client.SendAsync(request);
        await AssertErrorAsync(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        Assert.Equal(allow, string.Join(",", response.Content.Headers.Allow));
    }

    [Theory]
    [InlineData("/nope")]
    [InlineData("/predict/")]
    [InlineData("/predict/batch/extra")]
    [InlineData("/index.php?x=1")]
    public async Task UnknownPath_Returns404(string path)
    {
        await AssertErrorAsync(await host.Client.GetAsync(path), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Predict_PredictorBug_Returns500JsonAndKeepsServing()
    {
        var response = await host.PostAsync("/predict", Customer(aon: FakeChurnPredictor.BugAon));
        await AssertErrorAsync(response, HttpStatusCode.InternalServerError, "internal_error");
        Assert.Contains("Simulated bug", host.LogText);
        var next = await host.PostAsync("/predict", Customer());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Health_AfterEveryKindOfBadRequest_StillOk()
    {
        foreach (var row in BadSingleBodies)
            await host.PostAsync("/predict", (string)row[0]);
        foreach (var row in BadBatches)
            await host.PostAsync("/predict/batch", (string)row[0]);
        await host.PostAsync("/predict", Customer(aon: FakeChurnPredictor.BugAon));
        await host.PostAsync("/predict", Customer(), "text/plain");
        await host.Client.GetAsync("/predict");
        await host.Client.GetAsync("/missing");
        var response = await host.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await JsonAsync(response)).GetProperty("status").GetString());
    }
}
