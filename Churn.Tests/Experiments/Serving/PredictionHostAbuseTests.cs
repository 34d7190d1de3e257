using System.Globalization;
using System.Net;
using System.Text;
using Churn.Experiments.Serving;
using static Churn.Tests.Experiments.Serving.PredictionHostFixture;

namespace Churn.Tests.Experiments.Serving;

/// <summary>Clients that stall, pipeline, speak broken HTTP or hang up: the host answers JSON, in order, and keeps serving everyone else.</summary>
[Trait("Kind", "Process")]
public sealed class PredictionHostAbuseTests
{
    private sealed class Host : IAsyncDisposable
    {
        private readonly StringWriter _log = new();

        public Host(TimeSpan? requestTimeout = null)
        {
            Log = TextWriter.Synchronized(_log);
            Server = new PredictionHost(Predictor, new HostOptions { Port = 0, RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10) }, Log);
            Server.Start();
        }

        public FakeChurnPredictor Predictor { get; } = new();
        public PredictionHost Server { get; }
        public TextWriter Log { get; }
        public Uri Address => Server.BaseAddress;

        public string LogText
        {
            get
            {
                lock (Log)
                    return _log.ToString();
            }
        }

        public async Task<string> WaitForLogAsync(string text)
        {
            for (var i = 0; i < 200 && !LogText.Contains(text, StringComparison.Ordinal); i++)
                await Task.Delay(50);
            return LogText;
        }

        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }

    private static string Post(string path, string body, string extraHeaders = "") =>
        $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n{extraHeaders}Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";

    [Fact]
    public async Task Health_200StalledConnections_AnsweredWhileTheyWait_AndStalledGet408()
    {
        // The stalled clients get 408 at the 3 s RequestTimeout; /health and /predict must be answered before that, while
        // every stalled client is still waiting (no fixed latency: a loaded CI machine once took over 1 s for the GET).
        await using var host = new Host(requestTimeout: TimeSpan.FromSeconds(3));
        var stalled = new List<RawHttp>();
        try
        {
            for (var i = 0; i < 200; i++)
            {
                var client = await RawHttp.ConnectAsync(host.Address);
                await client.SendAsync("POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                    + "{\"aon\":1,\"total_mou\"");   // 20 bytes of the promised 1000
                stalled.Add(client);
            }
            using var fresh = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(10) };
            var health = await fresh.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            var predict = await fresh.PostAsync("/predict", new StringContent(Customer(), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, predict.StatusCode);
            Assert.DoesNotContain(stalled, client => client.HasUnreadBytes); // answered ahead of them, not after their 408s

            // Each stalled client is answered 408 (JSON) once its time is up, and closed.
            var first = await stalled[0].ReadResponseAsync();
            Assert.NotNull(first);
            Assert.Equal(408, first.Status);
            Assert.Equal("request_timeout", first.ErrorCode);
            Assert.True(await stalled[0].IsClosedByServerAsync());
        }
        finally
        {
            foreach (var client in stalled)
                client.Dispose();
        }
    }

    [Fact]
    public async Task Request_HeadersTrickledForever_Gets408()
    {
        await using var host = new Host(requestTimeout: TimeSpan.FromSeconds(1));
        using var client = await RawHttp.ConnectAsync(host.Address);
        await client.SendAsync("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        var response = await client.ReadResponseAsync();
        Assert.NotNull(response);
        Assert.Equal(408, response.Status);
        Assert.Equal("request_timeout", response.ErrorCode);
    }

    [Fact]
    public async Task DeclaredBody_SlowerThanRequestTimeoutButAboveTheMinimumRate_Answered()
    {
        // A review: a 24 MB upload sent at 2 MB/s got 408 at 10 s, so files the upload limit allows could not be sent.
        // Here: a 1 s RequestTimeout and a 40,000-byte body with 5,000 bytes/s the minimum rate (each 10,000-byte part
        // buys 2 s), sent over at least 1.2 s, so longer than the RequestTimeout but always ahead of its deadline. (At
        // 20,000 bytes/s and a first part at 400 ms a loaded CI run was late by scheduling alone and got 408.)
        await using var server = new PredictionHost(new FakeChurnPredictor(),
            new HostOptions { Port = 0, RequestTimeout = TimeSpan.FromSeconds(1), MinBodyBytesPerSecond = 5_000, Quiet = true }, TextWriter.Null);
        server.Start();
        var body = Customer(aon: 100) + new string(' ', 40_000 - Encoding.UTF8.GetByteCount(Customer(aon: 100)));
        using var client = await RawHttp.ConnectAsync(server.BaseAddress);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await client.SendAsync($"POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"
            + body[..10_000]);
        for (var part = 1; part < 4; part++)
        {
            await Task.Delay(400);
            await client.SendAsync(body.Substring(part * 10_000, 10_000));
        }
        var answer = await client.ReadResponseAsync();
        Assert.True(watch.Elapsed > TimeSpan.FromSeconds(1), watch.Elapsed.ToString()); // the body did take longer than the RequestTimeout
        Assert.Equal(200, answer!.Status);

        // Slower than the allowance (1 s + 100 / 5,000 s for the bytes it sends) is still refused.
        using var slow = await RawHttp.ConnectAsync(server.BaseAddress);
        await slow.SendAsync($"POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n" + body[..100]);
        var late = await slow.ReadResponseAsync();
        Assert.Equal(408, late!.Status);
    }

    [Fact]
    public async Task DeclaredBodiesNeverSent_HoldNoBudget_OthersStillServed()
    {
        // A review: the whole declared Content-Length was reserved at the head, and the deadline grew with it, so 8
        // silent clients declaring 32 MiB held the 256 MiB budget for 138 s and every other POST got 503.
        await using var server = new PredictionHost(new FakeChurnPredictor(), new HostOptions
        {
            Port = 0, Quiet = true, MaxSingleBodyBytes = 60_000, MaxBatchBodyBytes = 60_000, MaxUploadBytes = 60_000, MaxBufferedBodyBytes = 100_000,
            RequestTimeout = TimeSpan.FromSeconds(2),
        }, TextWriter.Null);
        server.Start();
        var silent = new List<RawHttp>();
        for (var i = 0; i < 3; i++)
        {
            var client = await RawHttp.ConnectAsync(server.BaseAddress);
            await client.SendAsync("POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n");
            silent.Add(client);
        }
        await Task.Delay(300); // the host has read the three heads
        var body = Customer(aon: 100).PadRight(50_000);
        using var normal = await RawHttp.ConnectAsync(server.BaseAddress);
        await normal.SendAsync(Post("/predict", body));
        Assert.Equal(200, (await normal.ReadResponseAsync())!.Status);
        // The silent ones still go at RequestTimeout: no body byte bought them time.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var client in silent)
        {
            Assert.Equal(408, (await client.ReadResponseAsync())!.Status);
            client.Dispose();
        }
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), watch.Elapsed.ToString());
    }

    [Fact]
    public void ReplyBuffer_GrownByALargeAnswer_NotKeptBetweenRequests()
    {
        // A review: a connection kept the capacity of its largest reply (a scored file) until it closed.
        var small = new System.Buffers.ArrayBufferWriter<byte>(4096);
        small.GetSpan(8_000); // a /predict answer
        Assert.Same(small, HttpConnection.Kept(small));
        var mid = new System.Buffers.ArrayBufferWriter<byte>(4096);
        mid.GetSpan(200_000); // a batch answer: 1,000 idle connections each keeping one were 200 MB the budget does not count
        Assert.NotSame(mid, HttpConnection.Kept(mid));
        var large = new System.Buffers.ArrayBufferWriter<byte>(4096);
        large.GetSpan(5_000_000);
        large.Advance(5_000_000);
        var kept = HttpConnection.Kept(large);
        Assert.NotSame(large, kept);
        Assert.True(kept.Capacity <= 64 * 1024, kept.Capacity.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(0, kept.WrittenCount);
    }

    [Fact]
    public void BodyBuffer_GrownByAnUpload_NotKeptBetweenRequests()
    {
        var small = new byte[HttpConnection.KeptBufferBytes];
        Assert.Same(small, HttpConnection.Kept(small));
        var grown = new byte[200_000];
        Assert.True(HttpConnection.Kept(grown).Length <= HttpConnection.KeptBufferBytes);
    }

    [Fact]
    public void Uploads_HaveTheirOwnLane_HalfTheComputeSlots()
    {
        // /score and /campaign wait for an upload slot before a compute slot: a burst of file scoring leaves the
        // other half of the slots to /predict and /health (a review saw single predictions wait 4 s behind 16 uploads).
        var state = new HostState(new FakeChurnPredictor(), new HostOptions { Port = 0, MaxConcurrentRequests = 16 }, TextWriter.Null, true);
        Assert.Equal(16, state.Gate.CurrentCount);
        Assert.Equal(8, state.UploadGate.CurrentCount);
        Assert.True(RequestHandler.IsUpload("/score"));
        Assert.True(RequestHandler.IsUpload("/campaign"));
        Assert.False(RequestHandler.IsUpload("/predict"));
        Assert.False(RequestHandler.IsUpload("/predict/batch"));
        Assert.Equal(1, new HostOptions { MaxConcurrentRequests = 1 }.MaxConcurrentUploads);
    }

    [Fact]
    public async Task Pipelined_ThreeRequestsInOneWrite_AnsweredInOrder()
    {
        await using var host = new Host();
        using var client = await RawHttp.ConnectAsync(host.Address);
        await client.SendAsync("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            + Post("/predict", Customer(aon: 100)) + Post("/predict", Customer(aon: 2000)));

        var health = await client.ReadResponseAsync();
        Assert.Equal(200, health!.Status);
        Assert.Equal("ok", health.Json.GetProperty("status").GetString());
        foreach (var aon in new[] { 100.0, 2000.0 })
        {
            var response = await client.ReadResponseAsync();
            Assert.NotNull(response);
            Assert.Equal(200, response.Status);
            var expected = host.Predictor.Predict(Values(aon: aon)).Probability;
            Assert.Equal(expected, response.Json.GetProperty("churn_probability").GetDouble());
        }
        // The connection stays usable afterwards.
        await client.SendAsync("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        Assert.Equal(200, (await client.ReadResponseAsync())!.Status);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task Pipelined_FiftyRequestsInOneWrite_AllAnsweredInOrder()
    {
        // 50 requests of ~150 bytes: several request heads cross the edge of the 4 KiB read buffer.
        await using var host = new Host(requestTimeout: TimeSpan.FromSeconds(3));
        using var client = await RawHttp.ConnectAsync(host.Address);
        var aons = Enumerable.Range(0, 50).Select(i => 100.0 + i).ToArray();
        await client.SendAsync(string.Concat(aons.Select(aon => Post("/predict", Customer(aon: aon)))));
        foreach (var aon in aons)
        {
            var response = await client.ReadResponseAsync();
            Assert.True(response is not null, $"no answer for aon={aon}");
            Assert.True(response.Status == 200, $"aon={aon}: {response.Status} {response.Body}");
            Assert.Equal(host.Predictor.Predict(Values(aon: aon)).Probability, response.Json.GetProperty("churn_probability").GetDouble());
        }
    }

    [Fact]
    public async Task Pipelined_SecondHeadCrossesTheBufferEdge_AnsweredInOrder()
    {
        // The first request is padded so that the next head starts just before byte 4096 (the read
        // buffer's size) at every offset near it, including a CRLF split across the edge.
        await using var host = new Host(requestTimeout: TimeSpan.FromSeconds(3));
        var bare = Post("/predict", Customer(aon: 100), "X-Pad: \r\n");
        for (var total = 4030; total <= 4100; total++)
        {
            using var client = await RawHttp.ConnectAsync(host.Address);
            var first = Post("/predict", Customer(aon: 100), "X-Pad: " + new string('p', total - bare.Length) + "\r\n");
            Assert.Equal(total, first.Length);
            await client.SendAsync(first + Post("/predict", Customer(aon: 2000)) + "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            var answers = new List<RawResponse?>();
            for (var i = 0; i < 3; i++)
                answers.Add(await client.ReadResponseAsync());
            var statuses = string.Join(",", answers.Select(a => a?.Status.ToString(CultureInfo.InvariantCulture) ?? "none"));
            Assert.True(statuses == "200,200,200", $"first request {total} bytes: {statuses} ({answers.LastOrDefault(a => a is not null)?.Body})");
            Assert.Equal(host.Predictor.Predict(Values(aon: 2000)).Probability, answers[1]!.Json.GetProperty("churn_probability").GetDouble());
            Assert.Equal("ok", answers[2]!.Json.GetProperty("status").GetString());
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/docs")]
    [InlineData("/model")]
    [InlineData("/inputs")]
    [InlineData("/openapi.json")]
    [InlineData("/health")]
    public async Task Head_GetRoute_AnsweredLikeGetWithoutBody(string path)
    {
        await using var host = new Host();
        using var client = await RawHttp.ConnectAsync(host.Address);
        // HEAD then GET pipelined: a body after the HEAD's headers would be read as the GET's status line.
        await client.SendAsync($"HEAD {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        var head = await client.ReadResponseAsync(toHead: true);
        var get = await client.ReadResponseAsync();
        Assert.NotNull(head);
        Assert.NotNull(get);
        Assert.Equal(200, head.Status);
        Assert.True(get.Status == 200, $"the answer after HEAD: {get.Status} {get.Body}");
        Assert.Equal(get.Headers["Content-Type"], head.Headers["Content-Type"]);
        if (path != "/health") // its uptime and request count change between the two
            Assert.Equal(get.Headers["Content-Length"], head.Headers["Content-Length"]);
        Assert.NotEqual("0", head.Headers["Content-Length"]);
        Assert.False(head.Headers.ContainsKey("Connection"));
    }

    [Theory]
    [InlineData("HEAD /predict HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 405, "POST")]
    [InlineData("HEAD /nope HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 404, null)]
    public async Task Head_Refused_ErrorHasNoBodyAndConnectionStaysInStep(string request, int status, string? allow)
    {
        await using var host = new Host();
        using var client = await RawHttp.ConnectAsync(host.Address);
        await client.SendAsync(request + "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        var refused = await client.ReadResponseAsync(toHead: true);
        Assert.NotNull(refused);
        Assert.Equal(status, refused.Status);
        Assert.StartsWith("application/json", refused.Headers["Content-Type"]);
        if (allow is not null)
            Assert.Equal(allow, refused.Headers["Allow"]);
        var next = await client.ReadResponseAsync();
        Assert.NotNull(next);
        Assert.True(next.Status == 200, $"the answer after HEAD: {next.Status} {next.Body}");
        Assert.Equal("ok", next.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Head_ProtocolError_AnsweredWithoutBodyThenClosed()
    {
        await using var host = new Host();
        using var client = await RawHttp.ConnectAsync(host.Address);
        await client.SendAsync("HEAD /health HTTP/1.1\r\n\r\n");   // no Host
        var refused = await client.ReadResponseAsync(toHead: true);
        Assert.NotNull(refused);
        Assert.Equal(400, refused.Status);
        Assert.NotEqual("0", refused.Headers["Content-Length"]);
        Assert.True(await client.IsClosedByServerAsync()); // false when any byte (a body) follows the headers
    }

    [Fact]
    public async Task Http10_KeepAlive_AnswerSaysKeepAliveAndConnectionServesTheNext()
    {
        await using var host = new Host();
        using var client = await RawHttp.ConnectAsync(host.Address);
        await client.SendAsync("GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        var first = await client.ReadResponseAsync();
        Assert.Equal(200, first!.Status);
        // Without it an HTTP/1.0 client takes the connection as closing after this answer.
        Assert.Equal("keep-alive", first.Headers.GetValueOrDefault("Connection"));
        await client.SendAsync(Post("/predict", Customer(aon: 2000)).Replace("HTTP/1.1", "HTTP/1.0", StringComparison.Ordinal));
        var second = await client.ReadResponseAsync();
        Assert.Equal(200, second!.Status);
        Assert.Equal("close", second.Headers.GetValueOrDefault("Connection"));
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task ExpectContinue_DeclaredBodyOverTheLimit_413AtOnceWithoutReadingItThenClosed()
    {
        // RequestTimeout beyond RawHttp's 15 s: an answer only after waiting for the body would not arrive in time.
        await using var host = new Host(requestTimeout: TimeSpan.FromSeconds(60));
        using var client = await RawHttp.ConnectAsync(host.Address);
        await client.SendAsync("POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Expect: 100-continue\r\nContent-Length: 1000000\r\n\r\n");   // and no body: it waits for 100 Continue
        var response = await client.ReadResponseAsync();
        Assert.NotNull(response);
        Assert.True(response.Status == 413, $"{response.Status} {response.Body}");
        Assert.Equal("payload_too_large", response.ErrorCode);
        Assert.Equal("close", response.Headers["Connection"]);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task ExpectContinue_BodyWithinTheLimit_100ThenAnswered()
    {
        await using var host = new Host();
        using var client = await RawHttp.ConnectAsync(host.Address);
        var body = Customer(aon: 2000);
        await client.SendAsync(Post("/predict", body, "Expect: 100-continue\r\n")[..^body.Length]);
        Assert.Equal(100, (await client.ReadResponseAsync())!.Status);
        await client.SendAsync(body);
        var response = await client.ReadResponseAsync();
        Assert.Equal(200, response!.Status);
        Assert.Equal(host.Predictor.Predict(Values(aon: 2000)).Probability, response.Json.GetProperty("churn_probability").GetDouble());
    }

    [Fact]
    public async Task BlankLineAloneBeforeARequest_Ignored()
    {
        // RFC 9112 2.2: a server should ignore empty lines before a request line, also when they
        // arrive in a packet of their own (here first on a new connection, so no earlier request's
        // bytes linger in the buffer where the next one should start).
        await using var host = new Host();
        using var client = await RawHttp.ConnectAsync(host.Address);
        await client.SendAsync("\r\n");
        await Task.Delay(200); // lets the host read the blank line alone (the test passes either way once fixed)
        await client.SendAsync("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        var response = await client.ReadResponseAsync();
        Assert.True(response?.Status == 200, $"{response?.Status} {response?.Body}");
    }

    public static TheoryData<string, int, string> ProtocolErrors => new()
    {
        { "GET /health HTTP/1.1\r\nHost: evil.example\r\n\r\n", 400, "bad_host" },
        { "GET /health HTTP/1.1\r\n\r\n", 400, "bad_host" },
        { "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: localhost\r\n\r\n", 400, "bad_host" },
        { "GET /health HTTP/1.1\r\nHost: a b\r\n\r\n", 400, "bad_host" },
        { "POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400, "bad_chunk" },
        { "POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}}}\r\n0\r\n\r\n", 400, "bad_chunk" },
        { "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + new string('a', 20000) + "\r\n\r\n", 431, "headers_too_large" },
        { "POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\r\n", 411, "length_required" },
        { "POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400, "bad_request" },
        { "POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}", 400, "bad_request" },
        { "POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip\r\n\r\n", 501, "not_implemented" },
        { "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505, "http_version_not_supported" },
        { "GET /health HTTP/1.1 extra\r\nHost: 127.0.0.1\r\n\r\n", 400, "bad_request" },
        { "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\n\r\n", 400, "bad_request" },
        { "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003", 400, "bad_request" },
    };

    [Theory]
    [MemberData(nameof(ProtocolErrors))]
    public async Task ProtocolError_AnsweredAsJsonThenClosed(string request, int status, string code)
    {
        await using var host = new Host();
        using var client = await RawHttp.ConnectAsync(host.Address);
        await client.SendAsync(Encoding.Latin1.GetBytes(request));
        var response = await client.ReadResponseAsync();
        Assert.NotNull(response);
        Assert.True(status == response.Status, $"expected {status}, got {response.Status}: {response.Body}");
        Assert.StartsWith("application/json", response.Headers["Content-Type"]);
        Assert.Equal(code, response.ErrorCode);
        Assert.True(await client.IsClosedByServerAsync());
        using var fresh = new HttpClient { BaseAddress = host.Address };
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task ClientAbortsMidBody_LogsOneLineWithoutStackTraceOr500()
    {
        await using var host = new Host();
        using (var client = await RawHttp.ConnectAsync(host.Address))
        {
            await client.SendAsync("POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"aon\":1,\"total_mou\"");
            await Task.Delay(100);
            client.Close();
        }
        var log = await host.WaitForLogAsync("client aborted");
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var aborted = Assert.Single(lines, l => l.Contains("client aborted", StringComparison.Ordinal));
        Assert.Contains("POST /predict client aborted", aborted);
        Assert.Contains("20 of 1000 body bytes", aborted);
        Assert.DoesNotContain("ERROR", log);
        Assert.DoesNotContain(" 500 ", log);
        Assert.DoesNotContain("   at ", log);
    }

    [Fact]
    public void ExposureWarning_NonLoopbackAddress_WarnsLikeAllInterfaces()
    {
        var specific = HostOptions.ExposureWarning("192.0.2.2", IPAddress.Parse("192.0.2.2"));
        Assert.NotNull(specific);
        Assert.Contains("WARNING", specific);
        Assert.Contains("192.0.2.2", specific);
        Assert.Contains("anyone who can reach this machine", specific);
        Assert.Contains("ALL network interfaces", HostOptions.ExposureWarning("0.0.0.0", IPAddress.Any));
        Assert.Null(HostOptions.ExposureWarning("127.0.0.1", IPAddress.Loopback));
        Assert.Null(HostOptions.ExposureWarning("::1", IPAddress.IPv6Loopback));
    }

    [Fact]
    public async Task Start_AllInterfaces_LogsTheWarning()
    {
        var log = new StringWriter();
        await using var host = new PredictionHost(new FakeChurnPredictor(), new HostOptions { Host = "0.0.0.0", Port = 0, Quiet = true }, log);
        host.Start();
        Assert.Contains("WARNING: listening on ALL network interfaces", log.ToString());
    }

    [Fact]
    public async Task Connections_OverTheLimitAllBusy_Get503Json()
    {
        await using var server = new PredictionHost(new FakeChurnPredictor(), new HostOptions { Port = 0, MaxConnections = 2, Quiet = true }, TextWriter.Null);
        server.Start();
        using var a = await RawHttp.ConnectAsync(server.BaseAddress);
        using var b = await RawHttp.ConnectAsync(server.BaseAddress);
        // Both in the middle of a request (the 100 Continue shows the host has read the head), so neither is idle.
        foreach (var busy in new[] { a, b })
        {
            await busy.SendAsync("POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 100\r\n\r\n");
            Assert.Equal(100, (await busy.ReadResponseAsync())!.Status);
        }
        using var c = await RawHttp.ConnectAsync(server.BaseAddress);
        var refused = await c.ReadResponseAsync();
        Assert.Equal(503, refused!.Status);
        Assert.Equal("too_many_connections", refused.ErrorCode);
        Assert.Equal("1", refused.Headers["Retry-After"]);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{Encoding.UTF8.GetByteCount(refused.Body)}"), refused.Headers["Content-Length"]);
    }

    [Fact]
    public async Task Connections_AtTheLimitWithIdleOnes_NewClientServedAndLongestIdleClosed()
    {
        // A never-used socket is not closed by its first-byte deadline here: only making room closes it.
        await using var server = new PredictionHost(new FakeChurnPredictor(),
            new HostOptions { Port = 0, MaxConnections = 2, FirstByteTimeout = TimeSpan.FromMinutes(1), Quiet = true }, TextWriter.Null);
        server.Start();
        using var silent = await RawHttp.ConnectAsync(server.BaseAddress);   // never sends a byte
        using var used = await RawHttp.ConnectAsync(server.BaseAddress);     // one request, then idle keep-alive
        await used.SendAsync("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        Assert.Equal(200, (await used.ReadResponseAsync())!.Status);

        using var fresh = await RawHttp.ConnectAsync(server.BaseAddress);
        await fresh.SendAsync("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        var answer = await fresh.ReadResponseAsync();
        Assert.True(answer?.Status == 200, $"a new client at the limit: {answer?.Status} {answer?.Body}");
        Assert.True(await silent.IsClosedByServerAsync()); // idle the longest

        // The next newcomer takes the place of the connection now idle the longest, the keep-alive one.
        using var another = await RawHttp.ConnectAsync(server.BaseAddress);
        await another.SendAsync("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        Assert.Equal(200, (await another.ReadResponseAsync())!.Status);
        Assert.True(await used.IsClosedByServerAsync());
    }

    [Fact]
    public async Task Connection_SilentPastFirstByteTimeout_Closed_UsedOneKeptAlive()
    {
        await using var server = new PredictionHost(new FakeChurnPredictor(),
            new HostOptions { Port = 0, FirstByteTimeout = TimeSpan.FromSeconds(1), KeepAliveTimeout = TimeSpan.FromMinutes(1), Quiet = true }, TextWriter.Null);
        server.Start();
        using var silent = await RawHttp.ConnectAsync(server.BaseAddress);
        using var used = await RawHttp.ConnectAsync(server.BaseAddress);
        await used.SendAsync("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        Assert.Equal(200, (await used.ReadResponseAsync())!.Status);
        Assert.True(await silent.IsClosedByServerAsync()); // within 15 s, not the minute of KeepAliveTimeout
        await Task.Delay(TimeSpan.FromSeconds(1.5));      // so `used` has surely been idle longer than FirstByteTimeout
        // The first-byte deadline is for a new connection only: one that has been answered waits KeepAliveTimeout.
        await used.SendAsync("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        Assert.Equal(200, (await used.ReadResponseAsync())!.Status);
    }

    [Fact]
    public async Task BodyBudgetSpent_NextLargeBody503WithRetryAfterNotBuffered_FreedAfterTheAnswer()
    {
        await using var server = new PredictionHost(new FakeChurnPredictor(), new HostOptions
        {
            Port = 0, Quiet = true, MaxSingleBodyBytes = 1000, MaxBatchBodyBytes = 1000, MaxUploadBytes = 1000, MaxBufferedBodyBytes = 1500,
        }, TextWriter.Null);
        server.Start();
        var body = Customer(aon: 2000).PadRight(1000);   // JSON may end in spaces
        var head = Post("/predict", body, "Expect: 100-continue\r\n")[..^body.Length];

        // A holds 1000 of the 1500 bytes: its 100 Continue shows the host has reserved them.
        using var a = await RawHttp.ConnectAsync(server.BaseAddress);
        await a.SendAsync(head);
        Assert.Equal(100, (await a.ReadResponseAsync())!.Status);

        // B's 1000 bytes (declared, or in chunks) do not fit: 503 JSON with Retry-After, and closed.
        var chunked = "POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            + string.Create(CultureInfo.InvariantCulture, $"{body.Length:x}\r\n{body}\r\n0\r\n\r\n");
        foreach (var request in new[] { Post("/predict", body), chunked })
        {
            using var b = await RawHttp.ConnectAsync(server.BaseAddress);
            await b.SendAsync(request);
            var busy = await b.ReadResponseAsync();
            Assert.NotNull(busy);
            Assert.True(busy.Status == 503, $"{busy.Status} {busy.Body}");
            Assert.Equal("server_busy", busy.ErrorCode);
            Assert.StartsWith("application/json", busy.Headers["Content-Type"]);
            Assert.Equal("1", busy.Headers["Retry-After"]);
            Assert.True(await b.IsClosedByServerAsync());
        }

        // A small body still fits beside A's.
        using var small = await RawHttp.ConnectAsync(server.BaseAddress);
        await small.SendAsync(Post("/predict", Customer()));
        Assert.Equal(200, (await small.ReadResponseAsync())!.Status);

        // Once A is answered its bytes are free again.
        await a.SendAsync(body);
        var answered = await a.ReadResponseAsync();
        Assert.Equal(200, answered!.Status);
        Assert.Equal(new FakeChurnPredictor().Predict(Values(aon: 2000)).Probability, answered.Json.GetProperty("churn_probability").GetDouble());
        using var c = await RawHttp.ConnectAsync(server.BaseAddress);
        await c.SendAsync(Post("/predict", body));
        Assert.Equal(200, (await c.ReadResponseAsync())!.Status);
    }
}
