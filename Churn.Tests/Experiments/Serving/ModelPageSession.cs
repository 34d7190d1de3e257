using Churn.Experiments.Serving;
using Microsoft.Playwright;

namespace Churn.Tests.Experiments.Serving;

/// <summary>A prediction host on a free port with headless Chromium pointed at nothing yet: what every page test over a real model starts with.</summary>
internal sealed class ModelPageSession : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly DirectoryInfo profile;

    private ModelPageSession(PredictionHost host, IPlaywright playwright, IBrowserContext browser, DirectoryInfo profile)
    {
        Host = host;
        this.playwright = playwright;
        Browser = browser;
        this.profile = profile;
    }

    public PredictionHost Host { get; }

    public IBrowserContext Browser { get; }

    public static async Task<ModelPageSession> StartAsync(IChurnPredictor predictor, string profilePrefix)
    {
        var host = new PredictionHost(predictor, new HostOptions { Port = 0, Quiet = true });
        host.Start();
        var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory(profilePrefix);
        return new ModelPageSession(host, playwright, await BrowserFixture.LaunchChromiumAsync(playwright, profile.FullName), profile);
    }

    /// <summary>The customer the page's form starts with (every required field at its default), as the API takes it.</summary>
    public static Dictionary<string, object> DefaultCustomer(ChurnModelPredictor predictor)
    {
        var customer = new Dictionary<string, object>();
        foreach (var field in predictor.Inputs.Where(f => f.Required))
            customer[field.Name] = field.Kind == InputKind.Number ? field.DefaultNumber! : field.DefaultCategory!;
        return customer;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        playwright.Dispose();
        await Host.StopAsync();
        try { profile.Delete(recursive: true); } catch (IOException) { /* Chromium may still hold a lock file */ }
    }
}
