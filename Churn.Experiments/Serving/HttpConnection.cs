using System.Buffers;
using System.Diagnostics;
using System.Net.Sockets;

namespace Churn.Experiments.Serving;

/// <summary>
/// One client connection of <see cref="PredictionHost"/>: reads requests one after another (pipelined
/// requests are answered in order), frames each body by Content-Length or chunked encoding, hands it to
/// its <see cref="RequestHandler"/> and writes the answer. Reading one request (headers and body) may
/// take at most <see cref="HostOptions.RequestTimeout"/> (then 408 and close); a new connection is closed
/// when its first byte does not come within <see cref="HostOptions.FirstByteTimeout"/>, an idle keep-alive
/// one after <see cref="HostOptions.KeepAliveTimeout"/>, and an idle one at any time by
/// <see cref="TryCloseIdle"/> (the host makes room for a new client). A slow client only ever waits
/// on its own socket, so it never delays anyone else. Every protocol error is a JSON answer followed by
/// closing the connection (its framing is lost).
/// </summary>
internal sealed partial class HttpConnection
{
    /// <summary>
    /// A buffer grown past this by one request is dropped before the next: an idle connection then holds at most its
    /// head buffer (MaxHeaderBytes + 4 KiB) and three of these, so 1,000 idle connections stay under 70 MiB, memory the
    /// body budget does not count. A /predict body (a few hundred bytes) and its answer fit in one.
    /// </summary>
    internal const int KeptBufferBytes = 16 * 1024;

    private readonly Socket _socket;
    private readonly HostState _state;
    private readonly CancellationToken _stopping;
    private readonly RequestHandler _handler;
    private readonly int _inLimit;
    private ArrayBufferWriter<byte> _out = new(4096);
    private byte[] _in = new byte[4096];
    private int _start, _end;
    private byte[] _body = new byte[4096];
    private int _bodyLength;
    /// <summary>Bytes of <see cref="HostOptions.MaxBufferedBodyBytes"/> this connection's request holds; returned after its answer.</summary>
    private long _reserved;
    private long _requestStarted;
    private CancellationTokenSource? _requestTimer;
    private long _bodyReceived;
    /// <summary>True while the request being served is a HEAD: its answer, errors included, has headers and no body.</summary>
    private bool _headOnly;
    private bool _served;
    /// <summary>Guards <see cref="_idleSince"/> and <see cref="_closingIdle"/> against <see cref="TryCloseIdle"/> on the accept loop.</summary>
    private readonly Lock _idleLock = new();
    /// <summary>Cancelled by <see cref="TryCloseIdle"/>; never disposed (it has no timer).</summary>
    private readonly CancellationTokenSource _closeIdle = new();
    private long _idleSince = Stopwatch.GetTimestamp(); // a new connection is idle until its first byte
    private bool _closingIdle;

    public HttpConnection(Socket socket, HostState state, CancellationToken stopping)
    {
        _socket = socket;
        _state = state;
        _stopping = stopping;
        _handler = new RequestHandler(state);
        _inLimit = state.Options.MaxHeaderBytes + 4096;
        socket.NoDelay = true;
    }

    /// <summary>Serves the connection until the client closes it, it idles out, an error closes it or the host stops; never throws.</summary>
    public async Task RunAsync()
    {
        try
        {
            while (await WaitForRequestAsync().ConfigureAwait(false))
            {
                if (!await ServeOneAsync().ConfigureAwait(false))
                {
                    await CloseGracefullyAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            // The client went away or the host tore the connection down: nothing to tell anyone.
        }
        catch (Exception ex)
        {
            _state.LogError($"connection failed: {ex}");
        }
        finally
        {
            _socket.Dispose();
        }
    }

    /// <summary>
    /// The <see cref="Stopwatch"/> timestamp since which the connection has been idle (waiting for a
    /// request, nothing of one received), or null while it is reading or answering one.
    /// </summary>
    public long? IdleSince
    {
        get
        {
            lock (_idleLock)
                return _idleSince >= 0 && !_closingIdle ? _idleSince : null;
        }
    }

    /// <summary>Closes the connection if it is idle (no request started); false when it is busy or already closing.</summary>
    public bool TryCloseIdle()
    {
        lock (_idleLock)
        {
            if (_idleSince < 0 || _closingIdle)
                return false;
            _closingIdle = true;
        }
        _closeIdle.Cancel();
        return true;
    }

    /// <summary>True when a request has started arriving (or is already buffered, pipelined); false to close quietly.</summary>
    private async Task<bool> WaitForRequestAsync()
    {
        SkipBlankLines();
        if (_end > _start)
            return true;
        if (_stopping.IsCancellationRequested)
            return false;
        _start = _end = 0;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stopping, _closeIdle.Token);
        idle.CancelAfter(_served ? _state.Options.KeepAliveTimeout : _state.Options.FirstByteTimeout);
        lock (_idleLock)
        {
            if (_closingIdle)
                return false;
            if (_idleSince < 0)
                _idleSince = Stopwatch.GetTimestamp();
        }
        try
        {
            // Until a request starts: bytes that were only blank lines (skipped) do not start one.
            while (_end == _start)
            {
                if (await ReceiveAsync(idle.Token).ConfigureAwait(false) == 0)
                    return false;
                SkipBlankLines();
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        lock (_idleLock)
        {
            _idleSince = -1;
            // Closed to make room just as a request began: it is dropped like any closed keep-alive connection.
            return !_closingIdle;
        }
    }

    /// <summary>Reads, answers and logs one request; returns whether the connection stays open.</summary>
    private async Task<bool> ServeOneAsync()
    {
        try
        {
            return await ServeOneCoreAsync().ConfigureAwait(false);
        }
        finally
        {
            _state.ReleaseBody(_reserved);
            _reserved = 0;
        }
    }

    private async Task<bool> ServeOneCoreAsync()
    {
        var started = Stopwatch.GetTimestamp();
        using var timer = new CancellationTokenSource(_state.Options.RequestTimeout);
        (_requestStarted, _requestTimer, _bodyReceived) = (started, timer, 0);
        string method = "-", path = "-";
        _headOnly = false;
        RequestHandler.Reply reply;
        bool close, http10 = false;
        try
        {
            var head = await ReadHeadAsync(timer.Token).ConfigureAwait(false);
            (method, path, http10) = (head.Method, head.Path, !head.Http11);
            var limit = _handler.BodyLimit(head.Path);
            if (head.ExpectsContinue && head.Framing != BodyFraming.None && head.ContentLength <= limit)
            {
                // Room for the body's first bytes before the client is told to send it.
                if (head.Framing == BodyFraming.ContentLength) ReserveFor(Math.Min(head.ContentLength, ReserveStepBytes), head.ContentLength);
                await SendAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), timer.Token).ConfigureAwait(false);
            }
            await ReadBodyAsync(head, limit, timer.Token).ConfigureAwait(false);
            var stopping = _stopping.IsCancellationRequested;
            var upload = RequestHandler.IsUpload(head.Path) ? _state.UploadGate : null;
            if (upload is not null) await upload.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await _state.Gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                try
                {
                    reply = _handler.Handle(head, _body.AsMemory(0, _bodyLength), stopping);
                }
                finally
                {
                    _state.Gate.Release();
                }
                // The answer is computed and owns its own bytes: the body is dropped and its share of the budget freed
                // before the send, so a client that has its answer can count on the room (freeing after the send raced
                // with it) and a client that never reads its answer does not keep a large body alive past its share.
                ShrinkBuffers();
                _state.ReleaseBody(_reserved);
                _reserved = 0;
            }
            finally
            {
                upload?.Release();
            }
            close = !head.KeepAlive || stopping || reply.Status == 413;
        }
        catch (ApiException ex)
        {
            reply = _handler.Error(ex);
            close = true;
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested)
        {
            reply = _handler.Error(new ApiException(408, ErrorCodes.RequestTimeout, string.Create(CultureInfo.InvariantCulture,
                $"The request was not received within {_state.Options.RequestTimeout.TotalSeconds:0.###} s (plus 1 s per {_state.Options.MinBodyBytesPerSecond / 1024} KiB of body received); send it whole and promptly.")));
            close = true;
        }
        catch (ClientAbortedException ex)
        {
            _state.LogAbort(method, path, ex.Message, Stopwatch.GetElapsedTime(started));
            return false;
        }
        using var sendTimer = new CancellationTokenSource(_state.Options.RequestTimeout);
        // HTTP/1.0 closes after each answer unless the answer says keep-alive (RFC 9112 9.3, appendix C.2.2).
        await SendAsync(reply, close ? "close" : http10 ? "keep-alive" : null, sendTimer.Token).ConfigureAwait(false);
        _state.LogRequest(method, path, reply.Status, Stopwatch.GetElapsedTime(started));
        _served = true;
        ShrinkBuffers();
        return !close;
    }

    private async Task<HttpRequestHead> ReadHeadAsync(CancellationToken token)
    {
        if (!HttpStatusText.IsTokenByte(_in[_start]))
            throw new ApiException(400, ErrorCodes.BadRequest,
                "This is not an HTTP/1.x request (a TLS handshake? this host speaks plain http://).");
        // How far past _start the blank line has been looked for. Relative to _start, because
        // ReceiveAsync may compact the buffer and move the unread bytes to index 0.
        var searched = 0;
        while (true)
        {
            // Known from the first bytes, so that an error answered before the head is whole has no body either.
            _headOnly = _in.AsSpan(_start, _end - _start).StartsWith("HEAD "u8);
            var end = HeadEnd(_start + searched, out var terminator);
            if (end - _start > _state.Options.MaxHeaderBytes || (end < 0 && _end - _start > _state.Options.MaxHeaderBytes))
                throw new ApiException(431, ErrorCodes.HeadersTooLarge, string.Create(CultureInfo.InvariantCulture,
                    $"The request line and headers are larger than {_state.Options.MaxHeaderBytes} bytes."));
            if (end >= 0)
            {
                var head = HttpRequestHead.Parse(_in.AsSpan(_start, end - _start), _state.LoopbackOnly);
                _start = end + terminator;
                return head;
            }
            searched = Math.Max(0, _end - _start - 3);
            if (await ReceiveAsync(token).ConfigureAwait(false) == 0)
                throw new ClientAbortedException("closed the connection in the middle of the request headers");
        }
    }

    /// <summary>Index where the head ends (before the blank line) at or after <paramref name="from"/>, or -1.</summary>
    private int HeadEnd(int from, out int terminator)
    {
        for (var i = from; i < _end; i++)
        {
            if (_in[i] != '\n')
                continue;
            if (i + 1 < _end && _in[i + 1] == '\n')
            {
                terminator = 2;
                return i;
            }
            if (i + 2 < _end && _in[i + 1] == '\r' && _in[i + 2] == '\n')
            {
                terminator = 3;
                return i;
            }
        }
        terminator = 0;
        return -1;
    }

    /// <summary>Receives more bytes after <see cref="_end"/> (compacting or growing the buffer); 0 at end of stream.</summary>
    private async ValueTask<int> ReceiveAsync(CancellationToken token)
    {
        if (_end == _in.Length)
        {
            if (_start > 0)
            {
                _in.AsSpan(_start, _end - _start).CopyTo(_in);
                (_start, _end) = (0, _end - _start);
            }
            else
            {
                Array.Resize(ref _in, Math.Min(_in.Length * 2, _inLimit));
            }
        }
        int read;
        try
        {
            read = await _socket.ReceiveAsync(_in.AsMemory(_end), SocketFlags.None, token).ConfigureAwait(false);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
            read = 0;
        }
        _end += read;
        return read;
    }

    private void SkipBlankLines()
    {
        // RFC 9112 2.2: a server should ignore empty lines received before a request line.
        while (_start < _end && _in[_start] is (byte)'\r' or (byte)'\n')
            _start++;
    }

    private async Task SendAsync(RequestHandler.Reply reply, string? connection, CancellationToken token)
    {
        _out.ResetWrittenCount();
        var head = new StringBuilder(256)
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {reply.Status} {HttpStatusText.ReasonPhrase(reply.Status)}\r\n")
            .Append("Content-Type: ").Append(reply.ContentType).Append("\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {reply.Body.Length}\r\n")
            .Append("X-Content-Type-Options: nosniff\r\n");
        if (reply.Allow is not null)
            head.Append("Allow: ").Append(reply.Allow).Append("\r\n");
        if (reply.RetryAfter is { } seconds)
            head.Append(CultureInfo.InvariantCulture, $"Retry-After: {seconds}\r\n");
        if (connection is not null)
            head.Append("Connection: ").Append(connection).Append("\r\n");
        head.Append("\r\n");
        var headBytes = Encoding.ASCII.GetByteCount(head.ToString());
        Encoding.ASCII.GetBytes(head.ToString(), _out.GetSpan(headBytes));
        _out.Advance(headBytes);
        // A reply to HEAD has the Content-Length of the body GET would get, and no body (RFC 9110 9.3.2).
        if (!_headOnly)
        {
            reply.Body.Span.CopyTo(_out.GetSpan(reply.Body.Length));
            _out.Advance(reply.Body.Length);
        }
        await SendAsync(_out.WrittenMemory, token).ConfigureAwait(false);
    }

    private async Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken token)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await _socket.SendAsync(bytes, SocketFlags.None, token).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
    }

    /// <summary>Stops sending, then reads what the client still sends for a moment, so our last answer is not lost to a reset.</summary>
    private async Task CloseGracefullyAsync()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
            using var linger = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            var scratch = new byte[4096];
            var drained = 0;
            int read;
            while (drained < 64 * 1024 && (read = await _socket.ReceiveAsync(scratch, SocketFlags.None, linger.Token).ConfigureAwait(false)) > 0)
                drained += read;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    private void ShrinkBuffers()
    {
        // A large batch may have grown the buffers; do not keep megabytes per idle connection.
        _body = Kept(_body);
        _out = Kept(_out);
    }

    /// <summary>
    /// <paramref name="output"/>, or a small new one when a large answer (a scored file) grew it past KeptBufferBytes:
    /// a keep-alive connection does not hold its largest reply's capacity until it closes. Call only between sends.
    /// </summary>
    internal static ArrayBufferWriter<byte> Kept(ArrayBufferWriter<byte> output) =>
        output.Capacity > KeptBufferBytes ? new ArrayBufferWriter<byte>(4096) : output;

    /// <summary><paramref name="body"/>, or a small new one when a large request grew it past KeptBufferBytes (as <see cref="Kept(ArrayBufferWriter{byte})"/>).</summary>
    internal static byte[] Kept(byte[] body) => body.Length > KeptBufferBytes ? new byte[4096] : body;

    /// <summary>The client closed or reset the connection before its request was whole.</summary>
    private sealed class ClientAbortedException(string message) : Exception(message);
}
