using System.Globalization;
using Churn.Experiments.Modeling;
using Churn.Experiments.Serving;
using Churn.Tests.Experiments.Campaign;
using Churn.Tests.Experiments.Commands;
using Microsoft.Playwright;

namespace Churn.Tests.Experiments.Serving;

/// <summary>"Plan a campaign" in headless Chromium: the shipped raw file against a case-study model, checked against the CLI.</summary>
[Trait("Kind", "Browser")]
public sealed class CampaignPlannerBrowserTests : IAsyncLifetime
{
    private ModelPageSession session = null!;

    public async Task InitializeAsync() =>
        session = await ModelPageSession.StartAsync(new ChurnModelPredictor(ModelFile.Load(CaseStudyCampaignModel.ModelPath)), "churn-campaign-chromium-");

    public async Task DisposeAsync() => await session.DisposeAsync();

    private static CliRun Cli(TempFolder temp, string offerCost, string list) =>
        CliRun.Of("campaign", "--model", CaseStudyCampaignModel.ModelPath, "--data", CaseStudyCampaignModel.RawFile,
            "--offer-cost", offerCost, "--out", temp.File(list), "--json");

    private static double Number(string? text) => double.Parse(text!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task PlanCampaign_ShippedRawFile_ShowsTheClisBestKProfitAndCutOffAndDownloadsItsList()
    {
        using var temp = new TempFolder();
        var atTen = Cli(temp, "10", "ten.csv").Json();
        var atTwenty = Cli(temp, "20", "twenty.csv").Json();
        Assert.NotEqual(atTen.GetProperty("best_k").GetInt32(), atTwenty.GetProperty("best_k").GetInt32());

        var page = await session.Browser.NewPageAsync();
        await page.GotoAsync(session.Host.BaseAddress.ToString());
        await page.SetInputFilesAsync("#campaign-file", CaseStudyCampaignModel.RawFile);
        await page.WaitForSelectorAsync("body[data-planned='1']");

        // Defaults (offer 10, value 100, success 0.3) are the CLI's defaults.
        Assert.Equal(atTen.GetProperty("best_k").GetInt32(), (int)Number(await page.GetAttributeAsync("#best-k", "data-value")));
        Assert.Equal(atTen.GetProperty("expected_profit").GetDouble(), Number(await page.GetAttributeAsync("#expected-profit", "data-value")));
        Assert.Equal(atTen.GetProperty("expected_profit").GetDouble().ToString("F2", CultureInfo.InvariantCulture), (await page.InnerTextAsync("#expected-profit")).Trim());
        Assert.StartsWith(atTen.GetProperty("best_k").GetInt32() + " of 1000", (await page.InnerTextAsync("#best-k")).Trim());
        Assert.Equal(atTen.GetProperty("best_k").GetInt32(), (int)Number(await page.GetAttributeAsync("#best-marker", "data-k")));
        Assert.Equal(atTen.GetProperty("segments").GetArrayLength(), await page.Locator("#segment-table tbody tr").CountAsync());
        Assert.Equal(20, await page.Locator("#risk-chart rect:not(.contacted)").CountAsync());
        Assert.Contains(atTen.GetProperty("calibration").GetProperty("verdict").GetString()!, await page.InnerTextAsync("#calibration-note"));

        // A dearer offer: the marked cut-off moves where the CLI says.
        await page.FillAsync("#offer-cost", "20");
        await page.PressAsync("#offer-cost", "Tab"); // leaving the field commits it (change event), as a user would
        await page.WaitForSelectorAsync("body[data-planned='2']");
        Assert.Equal(atTwenty.GetProperty("best_k").GetInt32(), (int)Number(await page.GetAttributeAsync("#best-marker", "data-k")));
        Assert.Equal(atTwenty.GetProperty("cutoff_probability").GetDouble(), Number(await page.GetAttributeAsync("#best-marker", "data-cutoff")));
        Assert.Equal(atTwenty.GetProperty("expected_profit").GetDouble(), Number(await page.GetAttributeAsync("#expected-profit", "data-value")));

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-list"));
        Assert.Equal("contact-list.csv", download.SuggestedFilename);
        await download.SaveAsAsync(temp.File("downloaded.csv"));
        Assert.Equal(File.ReadAllBytes(temp.File("twenty.csv")), File.ReadAllBytes(temp.File("downloaded.csv")));

        Assert.True(await page.IsEnabledAsync("#plan"));
        await page.Locator("#campaign").ScreenshotAsync(new LocatorScreenshotOptions { Path = BrowserFixture.ScreenshotPath("campaign-planner.png") });
    }

    [Fact]
    public async Task PlanCampaign_BadSuccessRate_ShowsTheServersMessage()
    {
        var page = await session.Browser.NewPageAsync();
        await page.GotoAsync(session.Host.BaseAddress.ToString());
        await page.FillAsync("#success-rate", "1.5");
        await page.SetInputFilesAsync("#campaign-file", CaseStudyCampaignModel.RawFile);
        await page.WaitForSelectorAsync("#campaign-error.shown");
        Assert.Contains("success=1.5", await page.InnerTextAsync("#campaign-error"));
    }
}
