using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Churn.Experiments.Serving;

/// <summary>
/// Serves one <see cref="IChurnPredictor"/> over HTTP with <see cref="HttpListener"/>: the business page
/// (<c>GET /</c>), <c>POST /predict</c>, <c>POST /predict/batch</c>, <c>GET /model</c>, <c>/inputs</c>,
/// <c>/health</c>, <c>/openapi.json</c> and <c>/docs</c>. It binds loopback unless told otherwise,
/// handles up to <see cref="HostOptions.MaxConcurrentRequests"/> requests at once (one accept loop each),
/// answers every bad request with a JSON error and keeps serving after any failure. Stopping lets
/// in-flight requests finish (up to <see cref="HostOptions.DrainTimeout"/>), then closes the listener.
/// </summary>
/// <example>
/// Tests: <c>await using var host = new PredictionHost(predictor, new HostOptions { Port = 0 }); host.Start();
/// var url = host.BaseAddress;</c>. The <c>serve</c> verb: <c>return await PredictionHost.RunAsync(predictor, options, ct);</c>
/// </example>
public sealed class PredictionHost : IAsyncDisposable
{
    private readonly IChurnPredictor _predictor;
    private readonly HostOptions _options;
    private readonly TextWriter _log;
    private readonly object _gate = new();
    private HttpListener? _listener;
    private HostState? _state;
    private Task[] _loops = [];
    private Uri? _baseAddress;
    private int _inFlight;
    private volatile bool _stopping;
    private TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
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

    /// <summary>True between <see cref="Start"/> and the end of <see cref="StopAsync"/>.</summary>
    public bool IsRunning => _listener is not null && !_stopping;

    /// <summary>Requests answered so far (any status).</summary>
    public long RequestsServed => _state?.RequestsServed ?? 0;

    /// <summary>Binds the listener and starts the accept loops; returns once the host accepts connections.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_listener is not null)
                throw new InvalidOperationException("The host is already started.");
            _state = new HostState(_predictor, _options, _log);
            if (_options.BindsAllInterfaces)
                _log.WriteLine($"WARNING: listening on ALL network interfaces (--host {_options.Host}); anyone who can reach this machine can call the model.");
            (_listener, _baseAddress) = Bind(_options);
            var state = _state;
            _loops = new Task[_options.MaxConcurrentRequests];
            for (var i = 0; i < _loops.Length; i++)
            {
                var handler = new RequestHandler(state);
                var listener = _listener;
                _loops[i] = Task.Run(() => AcceptLoopAsync(listener, handler));
            }
        }
    }

    /// <summary>Stops accepting, waits for in-flight requests (up to the drain timeout), then closes the listener. Safe to call twice.</summary>
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
        catch (Exception ex) when (ex is HttpListenerException or SocketException)
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

    private async Task AcceptLoopAsync(HttpListener listener, RequestHandler handler)
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stopping || !listener.IsListening)
            {
                return;
            }
            catch (Exception ex)
            {
                _state!.LogError($"accepting a request failed: {ex.Message}");
                continue;
            }
            Interlocked.Increment(ref _inFlight);
            try
            {
                await handler.HandleAsync(context, _stopping).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // HandleAsync does not throw; this is a last line of defence so the loop never dies.
                _state!.LogError($"request handling failed: {ex}");
            }
            finally
            {
                if (Interlocked.Decrement(ref _inFlight) == 0 && _stopping)
                    _drained.TrySetResult();
            }
        }
    }

    private async Task StopCoreAsync(HttpListener listener)
    {
        _stopping = true;
        if (Volatile.Read(ref _inFlight) == 0)
            _drained.TrySetResult();
        await Task.WhenAny(_drained.Task, Task.Delay(_options.DrainTimeout)).ConfigureAwait(false);
        try
        {
            listener.Close();
        }
        catch (Exception ex)
        {
            _state?.LogError($"closing the listener failed: {ex.Message}");
        }
        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    /// <summary>Binds the prefixes for <paramref name="options"/>; port 0 asks the OS for a free loopback port first (retrying if another process takes it in between).</summary>
    private static (HttpListener Listener, Uri BaseAddress) Bind(HostOptions options)
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            var port = options.Port == 0 ? FreePort(options) : options.Port;
            var listener = new HttpListener { IgnoreWriteExceptions = true };
            var (prefixes, display) = Prefixes(options.Host, port);
            foreach (var prefix in prefixes)
                listener.Prefixes.Add(prefix);
            try
            {
                listener.Start();
                return (listener, new Uri(display));
            }
            catch (HttpListenerException) when (options.Port == 0 && attempt < attempts)
            {
                listener.Close();
            }
            catch
            {
                listener.Close();
                throw;
            }
        }
    }

    private static int FreePort(HostOptions options)
    {
        var address = options.BindsAllInterfaces ? IPAddress.Any
            : IPAddress.TryParse(options.Host.Trim('[', ']'), out var parsed) ? parsed
            : IPAddress.Loopback;
        var probe = new TcpListener(address, 0);
        probe.Start();
        try
        {
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        finally
        {
            probe.Stop();
        }
    }

    private static (string[] Prefixes, string Display) Prefixes(string host, int port)
    {
        var p = port.ToString(CultureInfo.InvariantCulture);
        switch (host)
        {
            case "127.0.0.1" or "localhost":
                return ([$"http://127.0.0.1:{p}/", $"http://localhost:{p}/"], $"http://127.0.0.1:{p}/");
            case "0.0.0.0" or "+" or "*" or "::" or "[::]":
                return ([$"http://+:{p}/"], $"http://127.0.0.1:{p}/");
            default:
                var name = IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 && !host.StartsWith('[')
                    ? $"[{host}]"
                    : host;
                return ([$"http://{name}:{p}/"], $"http://{name}:{p}/");
        }
    }
}
