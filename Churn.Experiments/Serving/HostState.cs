using System.Diagnostics;
using System.Text.Json;

namespace Churn.Experiments.Serving;

/// <summary>
/// What every accept loop of a <see cref="PredictionHost"/> shares: the predictor, the request reader,
/// the pre-serialised bodies, the log and a few counters. Immutable apart from the counters.
/// </summary>
internal sealed class HostState
{
    private readonly TextWriter _log;
    private readonly long _startedTimestamp = Stopwatch.GetTimestamp();
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
    private long _requests;
    private long _bufferedBodyBytes;

    public HostState(IChurnPredictor predictor, HostOptions options, TextWriter log, bool loopbackOnly)
    {
        LoopbackOnly = loopbackOnly;
        Gate = new SemaphoreSlim(options.MaxConcurrentRequests);
        UploadGate = new SemaphoreSlim(options.MaxConcurrentUploads);
        Predictor = predictor;
        Options = options;
        _log = log;
        Schema = new InputSchema(predictor.Inputs);
        Reader = new CustomerReader(Schema);
        Content = new StaticContent(predictor, Schema, options);
    }

    public IChurnPredictor Predictor { get; }
    public HostOptions Options { get; }
    public InputSchema Schema { get; }
    public CustomerReader Reader { get; }
    public StaticContent Content { get; }
    /// <summary>True when the host listens on loopback only: requests must then name a loopback Host.</summary>
    public bool LoopbackOnly { get; }

    /// <summary>Bounds how many requests are computed at once (<see cref="HostOptions.MaxConcurrentRequests"/>).</summary>
    public SemaphoreSlim Gate { get; }

    /// <summary>Taken before <see cref="Gate"/> by requests that score a whole file (<see cref="HostOptions.MaxConcurrentUploads"/>).</summary>
    public SemaphoreSlim UploadGate { get; }

    public long RequestsServed => Interlocked.Read(ref _requests);

    /// <summary>Reserves <paramref name="bytes"/> of <see cref="HostOptions.MaxBufferedBodyBytes"/> for a body; false when they are not free.</summary>
    public bool TryReserveBody(long bytes)
    {
        while (true)
        {
            var now = Interlocked.Read(ref _bufferedBodyBytes);
            if (now + bytes > Options.MaxBufferedBodyBytes)
                return false;
            if (Interlocked.CompareExchange(ref _bufferedBodyBytes, now + bytes, now) == now)
                return true;
        }
    }

    /// <summary>Returns bytes reserved by <see cref="TryReserveBody"/>.</summary>
    public void ReleaseBody(long bytes) => Interlocked.Add(ref _bufferedBodyBytes, -bytes);

    public void WriteHealth(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("status", "ok");
        w.WriteStartObject("model");
        w.WriteBoolean("loaded", true);
        w.WriteString("type", Predictor.GetType().Name);
        w.WriteNumber("input_count", Reader.Fields.Count);
        w.WriteStartArray("inputs");
        foreach (var f in Reader.Fields)
            w.WriteStringValue(f.Name);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteString("started_at", _startedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        w.WriteNumber("uptime_seconds", Math.Round(Stopwatch.GetElapsedTime(_startedTimestamp).TotalSeconds, 3));
        w.WriteNumber("requests_served", RequestsServed);
        w.WriteEndObject();
    }

    public void LogRequest(string method, string path, int status, TimeSpan elapsed)
    {
        Interlocked.Increment(ref _requests);
        if (Options.Quiet)
            return;
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {method} {path} {status} {elapsed.TotalMilliseconds:0.000}ms"));
    }

    /// <summary>One line for a client that went away before its request was whole: not an error of ours, no status.</summary>
    public void LogAbort(string method, string path, string what, TimeSpan elapsed)
    {
        if (Options.Quiet)
            return;
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {method} {path} client aborted: {what} {elapsed.TotalMilliseconds:0.000}ms"));
    }

    /// <summary>Errors are logged even with Quiet: they are bugs someone must see.</summary>
    public void LogError(string message) =>
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} ERROR {message}"));
}
