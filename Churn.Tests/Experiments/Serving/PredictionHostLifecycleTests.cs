using System.Net;
using System.Net.Sockets;
using Churn.Experiments.Serving;
using static Churn.Tests.Experiments.Serving.PredictionHostFixture;

namespace Churn.Tests.Experiments.Serving;

[Trait("Kind", "Process")]
public sealed class PredictionHostLifecycleTests
{
    /// <summary>Blocks inside Predict until released, so a test can stop the host with a request in flight.</summary>
    private sealed class GatedPredictor : IChurnPredictor
    {
        private readonly FakeChurnPredictor _inner = new();
        public SemaphoreSlim Entered { get; } = new(0);
        public SemaphoreSlim Release { get; } = new(0);
        public IReadOnlyList<InputField> Inputs => _inner.Inputs;
        public object ModelCard => _inner.ModelCard;

        public Churn.Experiments.Modeling.ChurnPrediction Predict(IReadOnlyDictionary<string, InputValue> input)
        {
            Entered.Release();
            Assert.True(Release.Wait(TimeSpan.FromSeconds(30)), "the test never released the predictor");
            return _inner.Predict(input);
        }
    }

    [Fact]
    public async Task StopAsync_RequestInFlight_FinishesItThenStopsListening()
    {
        var predictor = new GatedPredictor();
        var host = new PredictionHost(predictor, new HostOptions { Port = 0, Quiet = true }, TextWriter.Null);
        host.Start();
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var content = new StringContent(Customer(), System.Text.Encoding.UTF8, "application/json");
        var inFlight = client.PostAsync("/predict", content);
        Assert.True(await predictor.Entered.WaitAsync(TimeSpan.FromSeconds(30)));

        var stopping = host.StopAsync();
        Assert.False(host.IsRunning);
        Assert.False(stopping.IsCompleted);
        predictor.Release.Release();

        var response = await inFlight;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await stopping;
        using var fresh = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => fresh.GetAsync(new Uri(host.BaseAddress, "/health")));
    }

    [Fact]
    public async Task StopAsync_CalledTwice_IsHarmless()
    {
        var host = new PredictionHost(new FakeChurnPredictor(), new HostOptions { Port = 0 }, TextWriter.Null);
        host.Start();
        await host.StopAsync();
        await host.StopAsync();
        await host.DisposeAsync();
        Assert.False(host.IsRunning);
    }

    [Fact]
    public async Task RunAsync_Cancelled_ReturnsZero()
    {
        using var cts = new CancellationTokenSource();
        var run = PredictionHost.RunAsync(new FakeChurnPredictor(), new HostOptions { Port = 0, Quiet = true }, cts.Token);
        cts.Cancel();
        Assert.Equal(0, await run);
    }

    [Fact]
    public void Start_PortInUse_Throws()
    {
        var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        try
        {
            var port = ((IPEndPoint)blocker.LocalEndpoint).Port;
            var host = new PredictionHost(new FakeChurnPredictor(), new HostOptions { Port = port }, TextWriter.Null);
            Assert.ThrowsAny<Exception>(host.Start);
        }
        finally
        {
            blocker.Stop();
        }
    }

    [Fact]
    public void BaseAddress_BeforeStart_Throws()
    {
        var host = new PredictionHost(new FakeChurnPredictor(), new HostOptions { Port = 0 }, TextWriter.Null);
        Assert.Throws<InvalidOperationException>(() => host.BaseAddress);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public void Constructor_BadPort_ThrowsQuotingTheValue(int port)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new PredictionHost(new FakeChurnPredictor(), new HostOptions { Port = port }, TextWriter.Null));
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
    }

    [Fact]
    public void BindsAllInterfaces_OnlyForTheWildcardHost()
    {
        Assert.False(new HostOptions { Host = "localhost" }.BindsAllInterfaces);
        Assert.True(new HostOptions { Host = "0.0.0.0" }.BindsAllInterfaces);
    }
}
