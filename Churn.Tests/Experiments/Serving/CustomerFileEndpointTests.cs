using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Churn.Experiments.Modeling;
using Churn.Experiments.Serving;
using Churn.Tests.Experiments.Campaign;
using Churn.Tests.Experiments.Commands;
using static Churn.Tests.Experiments.Serving.PredictionHostFixture;

namespace Churn.Tests.Experiments.Serving;

/// <summary>POST /score and /campaign over real HTTP against the case-study model, compared with the CLI.</summary>
[Trait("Kind", "Process")]
public sealed class CustomerFileEndpointTests : IAsyncLifetime
{
    private const int UploadLimit = 1024 * 1024;
    private static readonly string Raw = CaseStudyCampaignModel.RawFile;
    private PredictionHost host = null!;
    private HttpClient client = null!;

    public Task InitializeAsync()
    {
        var model = ModelFile.Load(CaseStudyCampaignModel.ModelPath);
        host = new PredictionHost(new ChurnModelPredictor(model), new HostOptions { Port = 0, Quiet = true, MaxUploadBytes = UploadLimit });
        host.Start();
        client = new HttpClient { BaseAddress = host.BaseAddress };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await host.StopAsync();
    }

    private static ByteArrayContent Csv(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    [Fact]
    public async Task Score_UploadLaneFull_Waits_WhileOtherRequestsAreAnswered()
    {
        // File scoring takes an upload slot before a compute slot: with every upload slot taken, /score waits and
        // the rest of the host keeps answering (a review saw /predict wait 4 s behind 16 uploads before the lane).
        var lane = host.State!.UploadGate;
        var slots = lane.CurrentCount;
        Assert.True(slots >= 1);
        for (var i = 0; i < slots; i++) await lane.WaitAsync();
        Task<HttpResponseMessage> score;
        try
        {
            score = client.PostAsync("/score", Csv(File.ReadAllBytes(Raw)));
            for (var i = 0; i < 5; i++)
                Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
            await Task.Delay(500);
            Assert.False(score.IsCompleted, "/score was computed without an upload slot");
        }
        finally
        {
            lane.Release(slots);
        }
        Assert.Equal(System.Net.HttpStatusCode.OK, (await score).StatusCode);
    }

    [Fact]
    public async Task Score_RawFile_AnswersPredictsCsvByteForByte()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, CliRun.Of("predict", "--model", CaseStudyCampaignModel.ModelPath, "--data", Raw, "--out", temp.File("scored.csv")).ExitCode);

        var response = await client.PostAsync("/score", Csv(File.ReadAllBytes(Raw)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/csv", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(File.ReadAllText(temp.File("scored.csv")), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Campaign_QueryParameters_SameSummaryAndContactListAsTheCli()
    {
        using var temp = new TempFolder();
        var cli = CliRun.Of("campaign", "--model", CaseStudyCampaignModel.ModelPath, "--data", Raw, "--offer-cost", "15", "--budget", "50",
            "--out", temp.File("contacts.csv"), "--json");
        Assert.Equal(0, cli.ExitCode);

        var response = await client.PostAsync("/campaign?offer_cost=15&budget=50", Csv(File.ReadAllBytes(Raw)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        var expected = cli.Json();
        foreach (var key in new[] { "best_k", "expected_profit", "expected_saved", "cutoff_probability", "rows", "offer_cost", "budget" })
            Assert.Equal(expected.GetProperty(key).GetRawText(), json.GetProperty(key).GetRawText());
        Assert.Equal(expected.GetProperty("segments").GetRawText(), json.GetProperty("segments").GetRawText());

        var list = await client.PostAsync("/campaign?offer_cost=15&budget=50&format=csv", Csv(File.ReadAllBytes(Raw)));
        Assert.Equal(File.ReadAllText(temp.File("contacts.csv")), await list.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Campaign_Multipart_ReadsTheFileAndTheFields()
    {
        var direct = await JsonAsync(await client.PostAsync("/campaign?success=0.5&value=80", Csv(File.ReadAllBytes(Raw))));
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(File.ReadAllBytes(Raw)), "file", "customers.csv" },
            { new StringContent("0.5"), "success" },
            { new StringContent("80"), "value" },
        };
        var response = await client.PostAsync("/campaign", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal(direct.GetProperty("best_k").GetInt32(), json.GetProperty("best_k").GetInt32());
        Assert.Equal(direct.GetProperty("expected_profit").GetDouble(), json.GetProperty("expected_profit").GetDouble());
        Assert.Equal(0.5, json.GetProperty("success_rate").GetDouble());
    }

    [Theory]
    [InlineData("/score")]
    [InlineData("/campaign")]
    public async Task Upload_LargerThanTheLimit_413AndTheHostKeepsAnswering(string path)
    {
        var body = new byte[UploadLimit + 1];
        File.ReadAllBytes(Raw).CopyTo(body, 0);
        var response = await client.PostAsync(path, Csv(body));
        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");

        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Campaign_MissingColumns_400NamingThemAndTheUnknownOnes()
    {
        var lines = File.ReadAllLines(Raw).Take(30).ToArray();
        var header = lines[0].Split(',');
        var drop = new[] { Array.IndexOf(header, "arpu_8"), Array.IndexOf(header, "total_rech_amt_7") };
        string Edit(string line, int row) => string.Join(",", line.Split(',').Select((f, j) => row == 0 && j == drop[0] ? "ARPU_AUG" : f).Where((_, j) => j != drop[1]));
        var body = Encoding.UTF8.GetBytes(string.Join("\n", lines.Select(Edit)) + "\n");

        var response = await client.PostAsync("/campaign", Csv(body));

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "missing_field");
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("'arpu_8'", message);
        Assert.Contains("'total_rech_amt_7'", message);
        Assert.Contains("'ARPU_AUG'", message);
    }

    [Theory]
    [InlineData("/score", 2, "7001\"865778")]        // a quote inside an unquoted field
    [InlineData("/campaign", 2, "\"7001865778\"x")] // text after the closing quote
    [InlineData("/score", 2, "\"7001865778")]        // a quote never closed
    [InlineData("/campaign", 0, "mobile\"number")]   // in the header
    public async Task CustomerFile_MalformedQuotes_400DescribingTheUploadAsTheSameFile(string path, int line, string firstCell)
    {
        var lines = File.ReadAllLines(Raw).Take(30).ToArray();
        var cells = lines[line].Split(',');
        cells[0] = firstCell;
        lines[line] = string.Join(",", cells);
        var body = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.File("customers.csv"), body);
        var onDisk = Assert.Throws<Churn.Experiments.Data.ChurnDataException>(() =>
        {
            using var reader = Churn.Experiments.Data.CsvRowReader.Open(temp.File("customers.csv"));
            while (reader.Read()) { }
        });

        var response = await client.PostAsync(path, Csv(body));

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_value");
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("malformed CSV", message);
        Assert.Contains("line " + (line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), message);
        Assert.Equal(onDisk.Message.Replace(temp.File("customers.csv"), "uploaded file", StringComparison.Ordinal), message);
    }

    [Theory]
    [InlineData("/score")]
    [InlineData("/campaign")]
    public async Task CustomerFile_NotUtf8_400NamingRowLineAndByteOffset(string path)
    {
        var lines = File.ReadAllLines(Raw).Take(30).ToArray();
        var body = Encoding.Latin1.GetBytes(string.Join("\n", lines.Select((l, i) => i == 2 ? l.Insert(l.IndexOf(',', StringComparison.Ordinal), "\u00fc") : l)) + "\n");

        var response = await client.PostAsync(path, Csv(body));

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_value");
        var message = error.GetProperty("message").GetString()!;
        Assert.StartsWith("file 'uploaded file', row 2, line 3, column 'mobile_number': the file is not valid UTF-8: byte 0xFC at byte offset "
            + Array.IndexOf(body, (byte)0xFC).ToString(System.Globalization.CultureInfo.InvariantCulture), message);
    }

    [Theory]
    [InlineData("offer_cost=-5", "offer_cost")]
    [InlineData("success=0", "success")]
    [InlineData("success=1.2", "success")]
    [InlineData("budget=0", "budget")]
    [InlineData("value=ten", "value")]
    [InlineData("discount=3", "discount")]
    public async Task Campaign_BadParameter_400NamingIt(string query, string field)
    {
        var response = await client.PostAsync("/campaign?" + query, Csv(File.ReadAllBytes(Raw)));
        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, query.StartsWith("discount", StringComparison.Ordinal) ? "unknown_field"
            : query.StartsWith("value", StringComparison.Ordinal) ? "invalid_type" : "invalid_value", field);
        Assert.Contains(field, error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("offer_cost", "invalid_value", "offer_cost", "'offer_cost' has no value")]
    [InlineData("budget=5&offer_cost", "invalid_value", "offer_cost", "'offer_cost' has no value")]
    [InlineData("offer_cost=1&offer_cost=2", "duplicate_field", "offer_cost", "'offer_cost' is given twice")]
    [InlineData("budget=99999999999", "invalid_value", "budget", "budget=99999999999 is out of range; it must be a whole number from 1 to 2147483647")]
    [InlineData("budget=-99999999999", "invalid_value", "budget", "is out of range")]
    [InlineData("budget=ten", "invalid_type", "budget", "must be a whole number, got 'ten'")]
    [InlineData("value=1e400", "invalid_value", "value", "value=1e400 is out of the range of a number")]
    public async Task Campaign_MalformedQuery_400SayingWhatIsWrongWithWhichParameter(string query, string code, string field, string message)
    {
        var response = await client.PostAsync("/campaign?" + query, Csv(File.ReadAllBytes(Raw)));
        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, code, field);
        Assert.Contains(message, error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Campaign_ParameterInQueryAndForm_400GivenTwice()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("15"), "offer_cost" },
            { Csv(File.ReadAllBytes(Raw)), "file", "customers.csv" },
        };
        var response = await client.PostAsync("/campaign?offer_cost=12", form);
        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "duplicate_field", "offer_cost");
        Assert.Contains("given twice", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Score_WrongMediaTypeOrEmptyBody_4xx()
    {
        await AssertErrorAsync(await client.PostAsync("/score", new StringContent("{}", Encoding.UTF8, "application/json")),
            HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await AssertErrorAsync(await client.PostAsync("/score", Csv([])), HttpStatusCode.BadRequest, "empty_body");
        await AssertErrorAsync(await client.PostAsync("/score", Csv(Encoding.UTF8.GetBytes("mobile_number\n1\n"))), HttpStatusCode.BadRequest, "missing_field");
        var get = await client.GetAsync("/campaign");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
    }

    [Fact]
    public async Task OpenApi_DocumentsBothRoutesWithTheUploadLimit()
    {
        var paths = (await JsonAsync(await client.GetAsync("/openapi.json"))).GetProperty("paths");
        Assert.Contains("413", paths.GetProperty("/score").GetProperty("post").GetProperty("responses").EnumerateObject().Select(p => p.Name));
        foreach (var code in new[] { "408", "503" })
            foreach (var path in new[] { "/score", "/campaign" })
                Assert.Contains(code, paths.GetProperty(path).GetProperty("post").GetProperty("responses").EnumerateObject().Select(p => p.Name));
        Assert.Contains(UploadLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            paths.GetProperty("/campaign").GetProperty("post").GetProperty("responses").GetProperty("413").GetProperty("description").GetString());
        Assert.Equal(["offer_cost", "value", "success", "budget", "format"],
            paths.GetProperty("/campaign").GetProperty("post").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToArray());
    }
}
