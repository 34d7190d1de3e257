using System.Globalization;
using System.Text;
using System.Text.Json;
using Churn.Experiments.Commands;
using Churn.Experiments.Modeling;
using Churn.Experiments.Serving;
using Microsoft.Playwright;
using static Churn.Tests.Experiments.Serving.PredictionHostFixture;

namespace Churn.Tests.Experiments.Serving;

/// <summary>The business page in a real browser over a real model (churn-bigml-80: numbers, yes/no plans, segments).</summary>
[Trait("Kind", "Browser")]
public sealed class ChurnModelPageBrowserTests : IAsyncLifetime
{
    private ChurnModelPredictor predictor = null!;
    private ModelPageSession session = null!;

    public async Task InitializeAsync()
    {
        var data = TrainingDataLoader.Load(TestPaths.Data("data/raw/churn-bigml-80.csv"), "Churn", "True", ["State", "Area code"], null);
        var model = ChurnTrainer.Train(data, new ChurnTrainingOptions
        {
            Segments = 3,
            SegmentFeatures = ["Total day minutes", "Total eve minutes", "Total night minutes", "Total intl minutes", "Customer service calls"],
        }, "test").Model;
        predictor = new ChurnModelPredictor(model);
        session = await ModelPageSession.StartAsync(predictor, "churn-model-chromium-");
    }

    public async Task DisposeAsync() => await session.DisposeAsync();

    [Fact]
    public async Task PredictPage_RealModel_ShowsTheApisProbability()
    {
        var page = await session.Browser.NewPageAsync();
        await page.GotoAsync(session.Host.BaseAddress.ToString());
        await page.WaitForSelectorAsync("body[data-ready=true]");

        await page.FillAsync("input[name='Customer service calls']", "5");
        await page.FillAsync("input[name='Total day minutes']", "290.5");
        await page.SelectOptionAsync("select[name='International plan']", "Yes");
        await page.ClickAsync("#predict");
        await page.WaitForSelectorAsync("#result:not([hidden])");

        // The same customer through the API: the form's defaults plus the three changes.
        var customer = ModelPageSession.DefaultCustomer(predictor);
        customer["Customer service calls"] = 5.0;
        customer["Total day minutes"] = 290.5;
        customer["International plan"] = "Yes";
        using var client = new HttpClient { BaseAddress = session.Host.BaseAddress };
        var response = await client.PostAsync("/predict", new StringContent(JsonSerializer.Serialize(customer), Encoding.UTF8, "application/json"));
        var api = await JsonAsync(response);
        var probability = api.GetProperty("churn_probability").GetDouble();

        Assert.Equal((probability * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%", (await page.InnerTextAsync("#probability")).Trim());
        Assert.Equal(api.GetProperty("churn_prediction").GetInt32() == 1 ? "Yes" : "No", (await page.InnerTextAsync("#prediction")).Trim());
        Assert.Contains(api.GetProperty("segment_name").GetString()!, await page.InnerTextAsync("#segment"));
        Assert.Contains(api.GetProperty("contributions")[0].GetProperty("text").GetString()!, await page.InnerTextAsync("#factors"));
        Assert.Contains("compared with the average customer", await page.InnerTextAsync("#factors"));
        Assert.Contains("average customer", await page.InnerTextAsync("#factors-note"));

        // "About this model" is a readable card, not raw JSON; an honest model shows no warning.
        await page.WaitForSelectorAsync("body[data-card=true]");
        var about = await page.InnerTextAsync("#about");
        Assert.Contains("the probability that Churn is True", about, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("2,666 customers from churn-bigml-80.csv", about);
        Assert.Contains("AUC on its own training data", about);
        Assert.Contains("Top drivers", about, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("{", about);
        Assert.False(await page.IsVisibleAsync("#model-warning"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("predict-page-bigml-model.png"), FullPage = true });
    }

    [Fact]
    public async Task PredictPage_SeedProxyModel_ShowsTheLeakyLabelWarning()
    {
        var proxy = ChurnTrainer.Train(TelecomRecipes.SeedProxyData(TestPaths.Data("data/raw/telecom_churn_data_head1000.csv")), new ChurnTrainingOptions(), "test").Model;
        await using var proxyHost = new PredictionHost(new ChurnModelPredictor(proxy), new HostOptions { Port = 0, Quiet = true });
        proxyHost.Start();
        var page = await session.Browser.NewPageAsync();
        await page.GotoAsync(proxyHost.BaseAddress.ToString());
        await page.WaitForSelectorAsync("body[data-card=true]");

        Assert.True(await page.IsVisibleAsync("#model-warning"));
        var warning = await page.InnerTextAsync("#model-warning");
        Assert.Contains("Do not trust these probabilities", warning);
        Assert.Contains("rule on its own inputs", warning);
        // No unit is invented for the summed data column.
        Assert.Equal(0, await page.Locator("#wrap-total_data_usage .unit").CountAsync());
        Assert.DoesNotContain("mixed units", await page.ContentAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("predict-page-seed-proxy-warning.png"), FullPage = true });
    }
}
