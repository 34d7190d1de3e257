using System.Globalization;
using System.Text;
using System.Text.Json;
using Churn.Experiments.Modeling;
using Churn.Experiments.Serving;
using Microsoft.Playwright;
using static Churn.Tests.Experiments.Serving.PredictionHostFixture;

namespace Churn.Tests.Experiments.Serving;

/// <summary>The page over an additive model (churn-bigml-80): shape plots drawn from /model, and a shape's contribution in words.</summary>
[Trait("Kind", "Browser")]
public sealed class AdditiveModelPageBrowserTests : IAsyncLifetime
{
    private const string ServiceCalls = "Customer service calls";

    private ChurnModelPredictor predictor = null!;
    private ModelPageSession session = null!;

    public async Task InitializeAsync()
    {
        var data = TrainingDataLoader.Load(TestPaths.Data("data/raw/churn-bigml-80.csv"), "Churn", "True", ["State", "Area code"], null);
        predictor = new ChurnModelPredictor(ChurnTrainer.Train(data, new ChurnTrainingOptions { Kind = ModelKind.Additive }, "test").Model);
        session = await ModelPageSession.StartAsync(predictor, "churn-additive-chromium-");
    }

    public async Task DisposeAsync() => await session.DisposeAsync();

    [Fact]
    public async Task ModelCard_AdditiveModel_DrawsOnePlotPerShapeFromModelData()
    {
        using var client = new HttpClient { BaseAddress = session.Host.BaseAddress };
        var card = await JsonAsync(await client.GetAsync("/model"));
        // The page plots the one-feature terms with a band, most important first, at most six.
        var expected = card.GetProperty("shapes").EnumerateArray()
            .Where(t => !Has(t, "y") && Has(t, "lower"))
            .OrderByDescending(t => t.GetProperty("importance").GetDouble()).Take(6).ToList();
        Assert.NotEmpty(expected);

        var page = await session.Browser.NewPageAsync();
        await page.GotoAsync(session.Host.BaseAddress.ToString());
        await page.WaitForSelectorAsync("body[data-card=true]");
        var plots = page.Locator("#about .shapes svg");
        Assert.Equal(expected.Count, await plots.CountAsync());
        var steps = 0;
        for (var i = 0; i < expected.Count; i++)
        {
            var shape = expected[i];
            var term = shape.GetProperty("term").GetString()!;
            var plot = plots.Nth(i);
            Assert.StartsWith(term + ":", await plot.GetAttributeAsync("aria-label"));
            var values = Doubles(shape.GetProperty("x").GetProperty("values"));
            var effects = Doubles(shape.GetProperty("effect"));
            if (shape.GetProperty("steps").GetBoolean())
            {
                // A step term: one point per value, each with its band as a bar, and no line joining them.
                var dots = plot.Locator("circle");
                Assert.Equal(values.Length, await dots.CountAsync());
                Assert.Equal(values.Length, await plot.Locator("line").CountAsync());
                Assert.Equal(0, await plot.Locator("polyline").CountAsync());
                var centres = new List<(double X, double Y)>();
                for (var d = 0; d < values.Length; d++)
                    centres.Add((Number(await dots.Nth(d).GetAttributeAsync("cx")), Number(await dots.Nth(d).GetAttributeAsync("cy"))));
                AssertAffine(values, centres.Select(p => p.X).ToArray(), increasing: true, term + " x");
                AssertAffine(effects, centres.Select(p => p.Y).ToArray(), increasing: false, term + " effect");
                steps++;
                continue;
            }
            var points = Points(await plot.Locator("polyline").GetAttributeAsync("points"));
            Assert.Equal(values.Length, points.Length);
            // The line is the data under one increasing map of x and one decreasing map of the effect (SVG y grows downwards).
            AssertAffine(values, points.Select(p => p.X).ToArray(), increasing: true, term + " x");
            AssertAffine(effects, points.Select(p => p.Y).ToArray(), increasing: false, term + " effect");
            var band = Points(await plot.Locator("polygon").GetAttributeAsync("points"));
            Assert.Equal(2 * values.Length, band.Length);
        }
        // Customer service calls (0-9) is a step per value on this data: at least that plot is points, not a line.
        Assert.True(steps > 0, "no step term among the plotted shapes");
        // The card's top drivers are the most important terms, not a spline's basis columns.
        var drivers = await page.Locator("#about ol li").AllInnerTextsAsync();
        var byImportance = card.GetProperty("shapes").EnumerateArray().OrderByDescending(t => t.GetProperty("importance").GetDouble()).Take(drivers.Count).ToList();
        Assert.NotEmpty(drivers);
        Assert.All(drivers, d => Assert.DoesNotContain("#", d));
        Assert.Contains("importance " + byImportance[0].GetProperty("importance").GetDouble().ToString("F2", CultureInfo.InvariantCulture), drivers[0]);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("predict-page-additive-shapes.png"), FullPage = true });
    }

    [Fact]
    public async Task Predict_ManyServiceCalls_ListsTheShapesContributionInWords()
    {
        var page = await session.Browser.NewPageAsync();
        await page.GotoAsync(session.Host.BaseAddress.ToString());
        await page.WaitForSelectorAsync("body[data-ready=true]");
        await page.FillAsync("input[name='" + ServiceCalls + "']", "5");
        await page.ClickAsync("#predict");
        await page.WaitForSelectorAsync("#result:not([hidden])");

        // The same customer through the API: the form's defaults with five service calls.
        var customer = ModelPageSession.DefaultCustomer(predictor);
        customer[ServiceCalls] = 5.0;
        using var client = new HttpClient { BaseAddress = session.Host.BaseAddress };
        var api = await JsonAsync(await client.PostAsync("/predict", new StringContent(JsonSerializer.Serialize(customer), Encoding.UTF8, "application/json")));
        var calls = api.GetProperty("contributions").EnumerateArray().Single(c => c.GetProperty("feature").GetString() == ServiceCalls);

        // The term's contribution is its shape's value at 5 calls (both centred on the average customer).
        var card = await JsonAsync(await client.GetAsync("/model"));
        var shape = card.GetProperty("shapes").EnumerateArray().Single(t => t.GetProperty("term").GetString() == ServiceCalls);
        var at = Array.IndexOf(Doubles(shape.GetProperty("x").GetProperty("values")), 5.0);
        Assert.True(at >= 0, "the service-calls shape has a step at 5");
        Assert.Equal(Doubles(shape.GetProperty("effect"))[at], calls.GetProperty("effect").GetDouble(), 9);

        var text = calls.GetProperty("text").GetString()!;
        Assert.Contains("(5) strongly raises the churn risk", text);
        Assert.Contains(text, await page.InnerTextAsync("#factors-up"));
        Assert.DoesNotContain(text, await page.InnerTextAsync("#factors-down"));
    }

    private static bool Has(JsonElement shape, string name) => shape.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    private static double Number(string? attribute) => double.Parse(attribute!, CultureInfo.InvariantCulture);

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static (double X, double Y)[] Points(string? attribute)
    {
        Assert.False(string.IsNullOrWhiteSpace(attribute), "the plot has no points");
        return attribute!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p =>
        {
            var xy = p.Split(',');
            return (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture));
        }).ToArray();
    }

    /// <summary>pixels = a + b · data for one b of the given sign (a flat series must be drawn flat).</summary>
    private static void AssertAffine(double[] data, double[] pixels, bool increasing, string what)
    {
        var (lo, hi) = (Array.IndexOf(data, data.Min()), Array.IndexOf(data, data.Max()));
        if (data[hi] - data[lo] < 1e-12)
        {
            Assert.All(pixels, p => Assert.Equal(pixels[0], p, 6));
            return;
        }
        var slope = (pixels[hi] - pixels[lo]) / (data[hi] - data[lo]);
        Assert.True(increasing ? slope > 0 : slope < 0, what + ": slope " + slope.ToString("G4", CultureInfo.InvariantCulture));
        for (var k = 0; k < data.Length; k++)
            Assert.True(Math.Abs(pixels[lo] + slope * (data[k] - data[lo]) - pixels[k]) < 1e-6, what + ": point " + k + " is off the data");
    }
}
