using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Churn.Experiments.Serving;

/// <summary>
/// Answers one request at a time for one accept loop of <see cref="PredictionHost"/>. It owns reusable
/// buffers (request body, response body, JSON writer), so the hot path of POST /predict allocates little
/// beyond the listener's own objects. Every failure becomes a JSON error: bad input gives 4xx, a bug in
/// the server or the predictor gives 500 (logged) and the host carries on.
/// </summary>
internal sealed class RequestHandler
{
    private const string JsonType = "application/json; charset=utf-8";
    private const string HtmlType = "text/html; charset=utf-8";
    private const int KeepBufferBytes = 256 * 1024;
    private const long DrainLimitBytes = 8L * 1024 * 1024;

    private readonly HostState _state;
    private byte[] _body = new byte[4096];
    private ArrayBufferWriter<byte> _output = new(4096);
    private readonly Utf8JsonWriter _writer;

    public RequestHandler(HostState state)
    {
        _state = state;
        _writer = new Utf8JsonWriter(_output, Data.JsonStyle.Writer);
    }

    /// <summary>Answers <paramref name="context"/> and closes its response; never throws.</summary>
    public async Task HandleAsync(HttpListenerContext context, bool shuttingDown)
    {
        var started = Stopwatch.GetTimestamp();
        var request = context.Request;
        var response = context.Response;
        var status = 0;
        var path = PathOf(request.RawUrl);
        try
        {
            Reply reply;
            try
            {
                reply = shuttingDown
                    ? Error(new ApiException(503, ErrorCodes.ShuttingDown, "The server is shutting down."))
                    : await RouteAsync(request, path).ConfigureAwait(false);
            }
            catch (ApiException ex)
            {
                reply = Error(ex);
            }
            catch (Exception ex)
            {
                _state.LogError($"{request.HttpMethod} {path}: unhandled {ex}");
                reply = Error(new ApiException(500, ErrorCodes.InternalError, "The server failed to answer this request; the failure was logged."));
            }
            status = reply.Status;
            await SendAsync(response, reply, shuttingDown || status == 413).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away or the listener closed while we were answering: nothing to tell anyone.
            status = status == 0 ? 499 : status;
            try { response.Abort(); } catch (Exception) { /* already torn down */ }
        }
        finally
        {
            ShrinkBuffers();
        }
        _state.LogRequest(request.HttpMethod, path, status, Stopwatch.GetElapsedTime(started));
    }

    private readonly record struct Reply(int Status, ReadOnlyMemory<byte> Body, string ContentType, string? Allow = null);

    private async ValueTask<Reply> RouteAsync(HttpListenerRequest request, string path)
    {
        var method = request.HttpMethod;
        var content = _state.Content;
        switch (path)
        {
            case "/" or "/index.html":
                RequireMethod(method, "GET");
                return new Reply(200, content.Page, HtmlType);
            case "/docs":
                RequireMethod(method, "GET");
                return new Reply(200, content.Docs, HtmlType);
            case "/model":
                RequireMethod(method, "GET");
                return new Reply(200, content.ModelCard, JsonType);
            case "/inputs":
                RequireMethod(method, "GET");
                return new Reply(200, content.Inputs, JsonType);
            case "/openapi.json":
                RequireMethod(method, "GET");
                return new Reply(200, content.OpenApi, JsonType);
            case "/health":
                RequireMethod(method, "GET");
                return Json(200, _state.WriteHealth);
            case "/predict":
            {
                RequireMethod(method, "POST");
                RequireJson(request);
                var length = await ReadBodyAsync(request, _state.Options.MaxSingleBodyBytes).ConfigureAwait(false);
                var customer = _state.Reader.ReadSingle(_body.AsSpan(0, length));
                var result = Predict(customer, null);
                return Json(200, w => JsonResponses.WritePrediction(w, result));
            }
            case "/predict/batch":
            {
                RequireMethod(method, "POST");
                RequireJson(request);
                var length = await ReadBodyAsync(request, _state.Options.MaxBatchBodyBytes).ConfigureAwait(false);
                var customers = _state.Reader.ReadBatch(_body.AsSpan(0, length), _state.Options.MaxBatchSize);
                var results = new PredictionResult[customers.Count];
                for (var i = 0; i < results.Length; i++)
                    results[i] = Predict(customers[i], i);
                return Json(200, w => JsonResponses.WriteBatch(w, results));
            }
            default:
                throw new ApiException(404, ErrorCodes.NotFound,
                    $"No endpoint at '{Truncate(path)}'. Endpoints: GET /, /docs, /model, /inputs, /health, /openapi.json; POST /predict, /predict/batch.");
        }
    }

    private PredictionResult Predict(Dictionary<string, InputValue> customer, int? index)
    {
        try
        {
            return _state.Predictor.Predict(customer)
                ?? throw new InvalidOperationException("The predictor returned null.");
        }
        catch (InputException ex)
        {
            var error = new ApiException(400, ErrorCodes.InvalidValue, ex.Message, ex.Field);
            throw index is { } i ? error.AtIndex(i) : error;
        }
    }

    private static void RequireMethod(string method, string allowed)
    {
        if (!string.Equals(method, allowed, StringComparison.Ordinal))
            throw new ApiException(405, ErrorCodes.MethodNotAllowed, $"Method {Truncate(method)} is not allowed here; use {allowed}.") { Allow = allowed };
    }

    /// <summary>Accepts application/json with an optional UTF-8 charset (any case, quoted or not).</summary>
    private static void RequireJson(HttpListenerRequest request)
    {
        var contentType = request.ContentType;
        if (string.IsNullOrWhiteSpace(contentType))
            throw new ApiException(415, ErrorCodes.UnsupportedMediaType, "Content-Type is missing; send application/json.");
        var parts = contentType.Split(';');
        if (!parts[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase))
            throw new ApiException(415, ErrorCodes.UnsupportedMediaType, $"Content-Type '{Truncate(contentType)}' is not supported; send application/json.");
        for (var i = 1; i < parts.Length; i++)
        {
            var parameter = parts[i].Split('=', 2);
            if (parameter.Length == 2 && parameter[0].Trim().Equals("charset", StringComparison.OrdinalIgnoreCase))
            {
                var charset = parameter[1].Trim().Trim('"');
                if (!charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
                    throw new ApiException(415, ErrorCodes.UnsupportedMediaType, $"charset '{Truncate(charset)}' is not supported; JSON must be UTF-8.");
            }
        }
    }

    /// <summary>Reads the whole body into <see cref="_body"/> and returns its length; over <paramref name="limit"/> gives 413.</summary>
    private async ValueTask<int> ReadBodyAsync(HttpListenerRequest request, int limit)
    {
        var declared = request.ContentLength64;
        var stream = request.InputStream;
        if (declared > limit)
        {
            await DrainAsync(stream, declared).ConfigureAwait(false);
            throw TooLarge(limit);
        }
        var wanted = declared >= 0 ? (int)declared : 16 * 1024;
        if (_body.Length < Math.Min(wanted, limit + 1))
            _body = new byte[Math.Min(Math.Max(wanted, 4096), limit + 1)];
        var total = 0;
        while (true)
        {
            if (total == _body.Length)
            {
                if (total > limit)
                {
                    await DrainAsync(stream, declared).ConfigureAwait(false);
                    throw TooLarge(limit);
                }
                Array.Resize(ref _body, Math.Min(_body.Length * 2, limit + 1));
            }
            var read = await stream.ReadAsync(_body.AsMemory(total)).ConfigureAwait(false);
            if (read == 0)
                break;
            total += read;
            if (declared >= 0 && total >= declared)
                break;
        }
        if (total > limit)
            throw TooLarge(limit);
        if (total == 0 || _body.AsSpan(0, total).Trim(" \t\r\n"u8).IsEmpty)
            throw new ApiException(400, ErrorCodes.EmptyBody, "The request body is empty; send a JSON object.");
        return total;
    }

    /// <summary>Reads and discards a reasonable oversized body so the client sees our 413 rather than a reset connection.</summary>
    private static async Task DrainAsync(Stream stream, long declared)
    {
        if (declared > DrainLimitBytes)
            return;
        var scratch = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            long drained = 0;
            int read;
            while (drained < DrainLimitBytes && (read = await stream.ReadAsync(scratch).ConfigureAwait(false)) > 0)
                drained += read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static ApiException TooLarge(int limit) =>
        new(413, ErrorCodes.PayloadTooLarge, string.Create(CultureInfo.InvariantCulture, $"The request body is larger than {limit} bytes."));

    private Reply Json(int status, Action<Utf8JsonWriter> write)
    {
        _output.ResetWrittenCount();
        _writer.Reset(_output);
        write(_writer);
        _writer.Flush();
        return new Reply(status, _output.WrittenMemory, JsonType);
    }

    private Reply Error(ApiException ex)
    {
        var reply = Json(ex.Status, w => JsonResponses.WriteError(w, ex.Code, ex.Message, ex.Field, ex.Index));
        return ex.Allow is null ? reply : reply with { Allow = ex.Allow };
    }

    private static async Task SendAsync(HttpListenerResponse response, Reply reply, bool close)
    {
        response.StatusCode = reply.Status;
        response.ContentType = reply.ContentType;
        response.ContentLength64 = reply.Body.Length;
        response.Headers["X-Content-Type-Options"] = "nosniff";
        if (reply.Allow is not null)
            response.Headers["Allow"] = reply.Allow;
        if (close)
            response.KeepAlive = false;
        await response.OutputStream.WriteAsync(reply.Body).ConfigureAwait(false);
        response.Close();
    }

    private void ShrinkBuffers()
    {
        // A large batch may have grown the buffers; do not keep megabytes per accept loop.
        if (_body.Length > KeepBufferBytes)
            _body = new byte[4096];
        if (_output.Capacity > KeepBufferBytes)
            _output = new ArrayBufferWriter<byte>(4096);
    }

    private static string PathOf(string? rawUrl)
    {
        if (string.IsNullOrEmpty(rawUrl))
            return "/";
        var q = rawUrl.IndexOfAny(['?', '#']);
        var path = q < 0 ? rawUrl : rawUrl[..q];
        // An absolute-form request target ("http://host/predict") still names a path.
        if (path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(path, UriKind.Absolute, out var uri))
            path = uri.AbsolutePath;
        return path;
    }

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "...";
}
