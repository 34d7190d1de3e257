using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Churn.Experiments.Serving;

/// <summary>
/// Serves one <see cref="IChurnPredictor"/> over HTTP/1.1 on its own socket listener: the business page
/// (<c>GET /</c>), <c>POST /predict</c>, <c>POST /predict/batch</c>, <c>GET /model</c>, <c>/inputs</c>,
/// <c>/health</c>, <c>/openapi.json</c> and <c>/docs</c>. It binds loopback unless told otherwise, serves
/// each connection on its own (an <see cref="HttpConnection"/>: bounded request time, pipelining, JSON
/// for every error), computes up to <see cref="HostOptions.MaxConcurrentRequests"/> requests at once and
/// keeps serving after any failure. Stopping closes idle connections, lets requests in flight finish
/// (up to <see cref="HostOptions.DrainTimeout"/>), then closes the rest.
/// </summary>
/// <example>
/// Tests: <c>await using var host = new PredictionHost(predictor, new HostOptions { Port = 0 }); host.Start();
/// var url = host.BaseAddress;</c>. The <c>serve</c> verb: <c>return await PredictionHost.RunAsync(predictor, options, ct);</c>
/// </example>
public sealed class PredictionHost : IAsyncDisposable
{
    private const string TooManyConnectionsBody =
        "{\"error\":{\"code\":\"too_many_connections\",\"message\":\"The server has too many open connections; try again shortly.\"}}";

    private static readonly byte[] TooManyConnections = System.Text.Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: {TooManyConnectionsBody.Length}\r\n\r\n{TooManyConnectionsBody}"));

    private readonly IChurnPredictor _predictor;
    private readonly HostOptions _options;
    private readonly TextWriter _log;
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Socket, (HttpConnection Connection, Task Run)> _connections = new();
    private Socket? _listener;
    private HostState? _state;
    private Task _acceptLoop = Task.CompletedTask;
    private Uri? _baseAddress;
    private Task? _stopTask;

    /// <param name="predictor">The model to serve; called concurrently.</param>
    /// <param name="options">Where and how to listen; validated here.</param>
    /// <param name="log">Where request lines and errors go (default: standard error).</param>
    public PredictionHost(IChurnPredictor predictor, HostOptions options, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _predictor = predictor;
        _options = options;
        _log = log ?? Console.Error;
    }

    /// <summary>The URL the host answers on, e.g. http://127.0.0.1:8080/ (the real port when Port was 0). Set by <see cref="Start"/>.</summary>
    public Uri BaseAddress => _baseAddress ?? throw new InvalidOperationException("The host has not been started.");

    /// <summary>True between <see cref="Start"/> and the call to <see cref="StopAsync"/>.</summary>
    public bool IsRunning => _listener is not null && !_stopping.IsCancellationRequested;

    /// <summary>Requests answered so far (any status).</summary>
    public long RequestsServed => _state?.RequestsServed ?? 0;

    /// <summary>The running host's shared state (its gates and budget), for tests; null before <see cref="Start"/>.</summary>
    internal HostState? State => _state;

    /// <summary>Binds the listener and starts accepting; returns once the host accepts connections.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_listener is not null)
                throw new InvalidOperationException("The host is already started.");
            var address = Address(_options.Host);
            var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                if (address.Equals(IPAddress.IPv6Any))
                    listener.DualMode = true;
                listener.Bind(new IPEndPoint(address, _options.Port));
                listener.Listen(512);
            }
            catch
            {
                listener.Dispose();
                throw;
            }
            if (HostOptions.ExposureWarning(_options.Host, address) is { } warning)
                _log.WriteLine(warning);
            var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
            _baseAddress = new Uri(Display(_options.Host, address, port));
            _state = new HostState(_predictor, _options, _log, IPAddress.IsLoopback(address));
            _listener = listener;
            _acceptLoop = Task.Run(() => AcceptLoopAsync(listener, _state));
        }
    }

    /// <summary>Stops accepting, closes idle connections, waits for requests in flight (up to the drain timeout), then closes the rest. Safe to call twice.</summary>
    public Task StopAsync()
    {
        lock (_gate)
        {
            if (_listener is null)
                return Task.CompletedTask;
            return _stopTask ??= StopCoreAsync(_listener);
        }
    }

    /// <summary>Blocking <see cref="StopAsync"/>.</summary>
    public void Stop() => StopAsync().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>
    /// Runs the host until <paramref name="cancellationToken"/> fires or the process gets Ctrl+C / SIGINT /
    /// SIGTERM, then stops cleanly. Prints the URL on standard output. Returns the exit code: 0 after a
    /// clean stop, 2 when the address cannot be bound.
    /// </summary>
    public static async Task<int> RunAsync(IChurnPredictor predictor, HostOptions options, CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // we exit ourselves, after draining
            stop.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        await using var host = new PredictionHost(predictor, options);
        try
        {
            host.Start();
        }
        catch (SocketException ex)
        {
            await Console.Error.WriteLineAsync($"churn serve: cannot listen on {options.Host}:{options.Port}: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        Console.WriteLine($"churn serve: listening on {host.BaseAddress} (page {host.BaseAddress}, API docs {host.BaseAddress}docs). Press Ctrl+C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await Console.Error.WriteLineAsync("churn serve: stopping (finishing requests in flight)...").ConfigureAwait(false);
        await host.StopAsync().ConfigureAwait(false);
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"churn serve: stopped after {host.RequestsServed} requests.")).ConfigureAwait(false);
        return 0;
    }

    private async Task AcceptLoopAsync(Socket listener, HostState state)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex)
            {
                state.LogError($"accepting a connection failed: {ex.Message}");
                continue;
            }
            if (_connections.Count >= _options.MaxConnections && !TryCloseIdleConnection())
            {
                _ = RefuseAsync(client);
                continue;
            }
            var connection = new HttpConnection(client, state, _stopping.Token);
            var run = Task.Run(connection.RunAsync);
            _connections[client] = (connection, run);
            _ = run.ContinueWith(done => _connections.TryRemove(client, out _), TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Makes room for a new client at the connection limit by closing the connection idle the longest
    /// (one that never sent a byte, or a keep-alive one between requests); false when every one is busy.
    /// Without it, clients holding idle sockets would lock everyone else out until their timeouts.
    /// </summary>
    private bool TryCloseIdleConnection()
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Socket? oldest = null;
            HttpConnection? connection = null;
            var since = long.MaxValue;
            foreach (var (socket, entry) in _connections)
            {
                if (entry.Connection.IdleSince is { } idle && idle < since)
                    (oldest, connection, since) = (socket, entry.Connection, idle);
            }
            if (connection is null)
                return false;
            if (connection.TryCloseIdle())
            {
                // It no longer counts against the limit; it closes its socket itself.
                _connections.TryRemove(oldest!, out _);
                return true;
            }
            // It started a request meanwhile: look again.
        }
        return false;
    }

    private static async Task RefuseAsync(Socket client)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.SendAsync(TooManyConnections, SocketFlags.None, timeout.Token).ConfigureAwait(false);
            client.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task StopCoreAsync(Socket listener)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        listener.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        var running = Task.WhenAll(_connections.Values.Select(c => c.Run));
        await Task.WhenAny(running, Task.Delay(_options.DrainTimeout)).ConfigureAwait(false);
        foreach (var socket in _connections.Keys)
            socket.Dispose();
        try
        {
            await running.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _state?.LogError($"closing connections failed: {ex.Message}");
        }
    }

    /// <summary>The address to bind for <paramref name="host"/>: loopback, every interface, a literal address or the first address of a name.</summary>
    private static IPAddress Address(string host)
    {
        switch (host)
        {
            case "127.0.0.1" or "localhost":
                return IPAddress.Loopback;
            case "0.0.0.0" or "+" or "*":
                return IPAddress.Any;
            case "::" or "[::]":
                return IPAddress.IPv6Any;
        }
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
            return literal;
        var addresses = Dns.GetHostAddresses(host);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new SocketException((int)SocketError.HostNotFound);
    }

    private static string Display(string host, IPAddress address, int port)
    {
        var p = port.ToString(CultureInfo.InvariantCulture);
        if (address.Equals(IPAddress.Loopback) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            return $"http://127.0.0.1:{p}/";
        if (IPAddress.TryParse(host.Trim('[', ']'), out _))
            return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"http://[{address}]:{p}/" : $"http://{address}:{p}/";
        return $"http://{host}:{p}/";
    }
}
