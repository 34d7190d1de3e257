using Churn.Algorithms;

namespace Churn.Experiments.Serving;

/// <summary>
/// Options of <see cref="PredictionHost"/>. The host binds loopback unless <see cref="Host"/> is
/// "0.0.0.0", "+" or "*" (all interfaces, with a warning). <see cref="Port"/> 0 picks a free port.
/// </summary>
public sealed record HostOptions
{
    /// <summary>"127.0.0.1" or "localhost" (loopback, both names answer), "0.0.0.0"/"+"/"*" (all interfaces) or a specific address or name.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (see <see cref="PredictionHost.BaseAddress"/>).</summary>
    public int Port { get; init; } = 8080;

    /// <summary>When true, no per-request log line is written.</summary>
    public bool Quiet { get; init; }

    /// <summary>Requests computed at the same time; more wait (their connections stay open).</summary>
    public int MaxConcurrentRequests { get; init; } = Math.Max(8, Environment.ProcessorCount * 8);

    /// <summary>Largest body accepted by POST /predict, in bytes (bigger gives 413).</summary>
    public int MaxSingleBodyBytes { get; init; } = 64 * 1024;

    /// <summary>Largest body accepted by POST /predict/batch, in bytes (bigger gives 413).</summary>
    public int MaxBatchBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Largest customer file accepted by POST /score and /campaign, in bytes (bigger gives 413).</summary>
    public int MaxUploadBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>
    /// Request body bytes buffered at once over all connections. A body takes its share as its bytes arrive (64 KiB
    /// ahead, and its first 64 KiB before a 100 Continue), not when a head declares a length, and gives it back when its
    /// answer is computed. A body whose bytes do not fit gets 503 server_busy with Retry-After and the connection is
    /// closed, so many large uploads at once cannot exhaust memory. At least the largest body limit.
    /// </summary>
    public long MaxBufferedBodyBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Most customers in one batch request (more gives 413).</summary>
    public int MaxBatchSize { get; init; } = 1000;

    /// <summary>
    /// Open connections at once. At the limit a new client takes the place of the connection idle the
    /// longest (waiting for its first or next request); when none is idle it gets 503 and is closed.
    /// </summary>
    public int MaxConnections { get; init; } = 1000;

    /// <summary>
    /// Longest time from the first byte of a request to its last (headers and body); slower gives 408 and close.
    /// Every body byte received buys 1 / <see cref="MinBodyBytesPerSecond"/> s more, so a file the upload limit allows
    /// can arrive over an ordinary link while a client that declares a large body and sends nothing is dropped on time.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The body rate that keeps a request within its deadline beyond <see cref="RequestTimeout"/> (256 KiB/s: a 32 MiB
    /// upload may take 138 s). A slower client holds only the bytes it has sent.
    /// </summary>
    public int MinBodyBytesPerSecond { get; init; } = 256 * 1024;

    /// <summary>
    /// Requests that score a whole file (POST /score, /campaign) computed at once: at most half the compute slots,
    /// so a burst of uploads never keeps single predictions and /health waiting behind it.
    /// </summary>
    public int MaxConcurrentUploads => Math.Max(1, MaxConcurrentRequests / 2);

    /// <summary>How long an idle keep-alive connection stays open waiting for its next request.</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a new connection may stay silent before the first byte of its first request; then it is closed.</summary>
    public TimeSpan FirstByteTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest request line plus headers, in bytes (bigger gives 431).</summary>
    public int MaxHeaderBytes { get; init; } = 16 * 1024;

    /// <summary>How long <see cref="PredictionHost.StopAsync"/> waits for in-flight requests before closing connections.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
            throw new ArgumentOutOfRangeException(nameof(Host), Host, $"Host='{Host}' must name an address, e.g. 127.0.0.1.");
        if (Port is < 0 or > 65535)
            throw new ArgumentOutOfRangeException(nameof(Port), Port,
                string.Create(CultureInfo.InvariantCulture, $"Port={Port} must be >= 0 and <= 65535 (0 picks a free port)."));
        Guard.AtLeast(MaxConcurrentRequests, 1, nameof(MaxConcurrentRequests));
        Guard.AtLeast(MinBodyBytesPerSecond, 1, nameof(MinBodyBytesPerSecond));
        Guard.AtLeast(MaxSingleBodyBytes, 16, nameof(MaxSingleBodyBytes));
        Guard.AtLeast(MaxBatchBodyBytes, 16, nameof(MaxBatchBodyBytes));
        Guard.AtLeast(MaxBatchSize, 1, nameof(MaxBatchSize));
        Guard.AtLeast(MaxUploadBytes, 16, nameof(MaxUploadBytes));
        Guard.AtLeast(MaxConnections, 1, nameof(MaxConnections));
        Guard.AtLeast(MaxHeaderBytes, 256, nameof(MaxHeaderBytes));
        var largestBody = Math.Max(MaxUploadBytes, Math.Max(MaxBatchBodyBytes, MaxSingleBodyBytes));
        if (MaxBufferedBodyBytes < largestBody)
            throw new ArgumentOutOfRangeException(nameof(MaxBufferedBodyBytes), MaxBufferedBodyBytes, string.Create(CultureInfo.InvariantCulture,
                $"MaxBufferedBodyBytes={MaxBufferedBodyBytes} must be >= the largest body limit ({largestBody}), or such a body could never be read."));
        if (RequestTimeout <= TimeSpan.Zero || KeepAliveTimeout <= TimeSpan.Zero || FirstByteTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(RequestTimeout), RequestTimeout,
                $"RequestTimeout={RequestTimeout}, KeepAliveTimeout={KeepAliveTimeout} and FirstByteTimeout={FirstByteTimeout} must be > 0.");
        if (DrainTimeout < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(DrainTimeout), DrainTimeout, $"DrainTimeout={DrainTimeout} must be >= 0.");
    }

    /// <summary>True when <see cref="Host"/> means every interface.</summary>
    public bool BindsAllInterfaces => Host is "0.0.0.0" or "+" or "*" or "::" or "[::]";

    /// <summary>
    /// The warning printed when the host is reachable from other machines (every interface, or any
    /// address that is not loopback); null on loopback.
    /// </summary>
    public static string? ExposureWarning(string host, System.Net.IPAddress bound)
    {
        if (System.Net.IPAddress.IsLoopback(bound))
            return null;
        var where = bound.Equals(System.Net.IPAddress.Any) || bound.Equals(System.Net.IPAddress.IPv6Any)
            ? "ALL network interfaces"
            : $"{bound}, which is not loopback";
        return $"WARNING: listening on {where} (--host {host}); anyone who can reach this machine can call the model.";
    }
}
