using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using Churn.Experiments.Serving;
using static Churn.Tests.Experiments.Serving.PredictionHostFixture;

namespace Churn.Tests.Experiments.Serving;

/// <summary>
/// Starts the host and the system Chromium (/usr/bin/chromium, through Playwright's bundled driver;
/// no browser is downloaded) with a fresh profile directory.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private DirectoryInfo? _profile;

    public PredictionHostFixture Server { get; } = new();
    public IBrowserContext Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        await Server.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        _profile = Directory.CreateTempSubdirectory("churn-serving-chromium-");
        Browser = await LaunchChromiumAsync(_playwright, _profile.FullName);
    }

    /// <summary>The system Chromium, headless, with the flags this offline machine needs and a fresh profile.</summary>
    public static Task<IBrowserContext> LaunchChromiumAsync(IPlaywright playwright, string profileDirectory)
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        return playwright.Chromium.LaunchPersistentContextAsync(profileDirectory, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
            Timeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        await Server.DisposeAsync();
        try { _profile?.Delete(recursive: true); } catch (IOException) { /* Chromium may still hold a lock file */ }
    }

    /// <summary>artifacts/screenshots under the repository root (the folder holding Churn.sln).</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(TestPaths.RepoRoot, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}

public sealed class PredictionPageBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task PredictPage_FillFormAndPredict_ShowsTheApisProbability()
    {
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync(fixture.Server.Host.BaseAddress.ToString());
        await page.WaitForSelectorAsync("body[data-ready=true]");

        // Every field has a visible label tied to its input.
        foreach (var field in fixture.Server.Predictor.Inputs)
            Assert.Equal(field.Label, (await page.Locator($"label[for=field-{field.Name}]").InnerTextAsync()).Replace("(optional)", "").Trim());

        await page.FillAsync("input[name=aon]", "250");
        await page.FillAsync("input[name=total_mou]", "180");
        await page.FillAsync("input[name=total_data_usage]", "1200");
        await page.SelectOptionAsync("select[name=plan]", "postpaid");
        await page.ClickAsync("#predict");
        await page.WaitForSelectorAsync("#result:not([hidden])");

        var api = await JsonAsync(await fixture.Server.PostAsync("/predict",
            "{\"aon\":250,\"total_mou\":180,\"total_data_usage\":1200,\"plan\":\"postpaid\"}"));
        var probability = api.GetProperty("churn_probability").GetDouble();
        var expected = (probability * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        Assert.Equal(expected, (await page.InnerTextAsync("#probability")).Trim());
        Assert.Equal(api.GetProperty("churn_prediction").GetInt32() == 1 ? "Yes" : "No", (await page.InnerTextAsync("#prediction")).Trim());
        Assert.Contains(api.GetProperty("segment_name").GetString()!, await page.InnerTextAsync("#segment"));
        var factors = await page.InnerTextAsync("#factors");
        Assert.Contains(api.GetProperty("contributions")[0].GetProperty("text").GetString()!, factors);

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("predict-page.png"), FullPage = true });

        // A rejected value is shown next to the form and the field is marked.
        await page.FillAsync("input[name=aon]", "-5");
        await page.ClickAsync("#predict");
        await page.WaitForSelectorAsync("#error.shown");
        Assert.Contains("aon", await page.InnerTextAsync("#error"));
        Assert.Equal("true", await page.GetAttributeAsync("input[name=aon]", "aria-invalid"));
    }

    [Fact]
    public async Task DocsPage_Open_RendersEveryEndpointFromOpenApi()
    {
        var page = await fixture.Browser.NewPageAsync();
        var response = await page.GotoAsync(new Uri(fixture.Server.Host.BaseAddress, "/docs").ToString());
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        await page.WaitForSelectorAsync("#schema-Customer");
        var text = await page.InnerTextAsync("#endpoints");
        foreach (var path in new[] { "/predict", "/predict/batch", "/score", "/campaign", "/model", "/health", "/openapi.json", "/docs" })
            Assert.Contains(path, text);
        Assert.Contains("total_data_usage", await page.InnerTextAsync("#schemas"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("docs-page.png"), FullPage = true });
    }
}
