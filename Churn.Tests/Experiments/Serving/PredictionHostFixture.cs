using System.Net;
using System.Text;
using System.Text.Json;
using Churn.Experiments.Serving;

namespace Churn.Tests.Experiments.Serving;

/// <summary>One host on a free loopback port with the fake predictor, shared by a test class.</summary>
public sealed class PredictionHostFixture : IAsyncLifetime
{
    private readonly StringWriter _log = new();

    public FakeChurnPredictor Predictor { get; } = new();
    public PredictionHost Host { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public TextWriter Log { get; }

    public PredictionHostFixture() => Log = TextWriter.Synchronized(_log);

    public string LogText
    {
        get
        {
            lock (Log)
                return _log.ToString();
        }
    }

    public Task InitializeAsync()
    {
        Host = new PredictionHost(Predictor, new HostOptions { Port = 0, MaxConcurrentRequests = 16 }, Log);
        Host.Start();
        Client = new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.StopAsync();
    }

    public Task<HttpResponseMessage> PostAsync(string path, string body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return Client.PostAsync(path, content);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts the status and the error body <c>{"error":{"code","message","field"?}}</c>; returns the error object.</summary>
    public static async Task<JsonElement> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        using var document = JsonDocument.Parse(body);
        var error = document.RootElement.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        if (field is not null)
            Assert.Equal(field, error.GetProperty("field").GetString());
        return error.Clone();
    }

    /// <summary>A valid customer body; <paramref name="extra"/> is spliced in as more properties.</summary>
    public static string Customer(double aon = 800, double mou = 1500, double data = 300, string? extra = null) =>
        FormattableString.Invariant($"{{\"aon\":{aon},\"total_mou\":{mou},\"total_data_usage\":{data}{(extra is null ? "" : "," + extra)}}}");

    public static Dictionary<string, InputValue> Values(double aon = 800, double mou = 1500, double data = 300) => new()
    {
        ["aon"] = new InputValue(aon, null),
        ["total_mou"] = new InputValue(mou, null),
        ["total_data_usage"] = new InputValue(data, null),
    };
}
