using System.Buffers;
using System.Text.Json;

namespace Churn.Experiments.Serving;

/// <summary>
/// Answers the requests of one <see cref="HttpConnection"/> through a route table (path -> method, body
/// limit, answer). It owns a reusable response buffer and JSON writer, so the hot path of POST /predict
/// allocates little. Every failure becomes a JSON error: bad input gives 4xx, a bug in the server or the
/// predictor gives 500 (logged) and the host carries on.
/// </summary>
internal sealed partial class RequestHandler
{
    private const string JsonType = "application/json; charset=utf-8";
    private const string HtmlType = "text/html; charset=utf-8";

    /// <summary>The largest body a route reads: none (GET), one customer, a batch or a customer file (CSV, not JSON).</summary>
    private enum BodySize { None, Single, Batch, Upload }

    private sealed record Route(string Method, BodySize Body, Func<RequestHandler, ReadOnlyMemory<byte>, Reply> Answer)
    {
        /// <summary>Set for routes that also read the request line and headers (query string, content type).</summary>
        public Func<RequestHandler, HttpRequestHead, ReadOnlyMemory<byte>, Reply>? AnswerWithHead { get; init; }
    }

    /// <summary>Every endpoint; a new one is a line here.</summary>
    private static readonly Dictionary<string, Route> Routes = new(StringComparer.Ordinal)
    {
        ["/"] = new("GET", BodySize.None, (h, _) => new Reply(200, h._state.Content.Page, HtmlType)),
        ["/index.html"] = new("GET", BodySize.None, (h, _) => new Reply(200, h._state.Content.Page, HtmlType)),
        ["/docs"] = new("GET", BodySize.None, (h, _) => new Reply(200, h._state.Content.Docs, HtmlType)),
        ["/model"] = new("GET", BodySize.None, (h, _) => new Reply(200, h._state.Content.ModelCard, JsonType)),
        ["/inputs"] = new("GET", BodySize.None, (h, _) => new Reply(200, h._state.Content.Inputs, JsonType)),
        ["/openapi.json"] = new("GET", BodySize.None, (h, _) => new Reply(200, h._state.Content.OpenApi, JsonType)),
        ["/health"] = new("GET", BodySize.None, (h, _) => h.Json(200, h._state.WriteHealth)),
        ["/predict"] = new("POST", BodySize.Single, (h, body) => h.PredictOne(body)),
        ["/predict/batch"] = new("POST", BodySize.Batch, (h, body) => h.PredictBatch(body)),
        ["/score"] = CustomerFileRoute,
        ["/campaign"] = CustomerFileRoute,
    };

    private static readonly string EndpointList =
        "GET " + string.Join(", ", Routes.Where(r => r.Value.Method == "GET" && r.Key != "/index.html").Select(r => r.Key))
        + "; POST " + string.Join(", ", Routes.Where(r => r.Value.Method == "POST").Select(r => r.Key));

    private readonly HostState _state;
    private ArrayBufferWriter<byte> _output = new(4096);
    private readonly Utf8JsonWriter _writer;

    public RequestHandler(HostState state)
    {
        _state = state;
        _writer = new Utf8JsonWriter(_output, Data.JsonStyle.Writer);
    }

    public readonly record struct Reply(int Status, ReadOnlyMemory<byte> Body, string ContentType, string? Allow = null, int? RetryAfter = null);

    /// <summary>True for the routes that take a customer file (their compute goes through the upload lane).</summary>
    public static bool IsUpload(string path) => Routes.TryGetValue(path, out var route) && route.Body == BodySize.Upload;

    /// <summary>The most body bytes the route at <paramref name="path"/> reads (more gives 413).</summary>
    public int BodyLimit(string path) =>
        !Routes.TryGetValue(path, out var route) ? _state.Options.MaxSingleBodyBytes
        : route.Body == BodySize.Batch ? _state.Options.MaxBatchBodyBytes
        : route.Body == BodySize.Upload ? _state.Options.MaxUploadBytes
        : _state.Options.MaxSingleBodyBytes;

    /// <summary>Answers one request whose body has been read whole; never throws. The reply's body is valid until the next call.</summary>
    public Reply Handle(HttpRequestHead head, ReadOnlyMemory<byte> body, bool shuttingDown)
    {
        ShrinkBuffers();
        try
        {
            if (shuttingDown)
                throw new ApiException(503, ErrorCodes.ShuttingDown, "The server is shutting down.");
            if (!Routes.TryGetValue(head.Path, out var route))
                throw new ApiException(404, ErrorCodes.NotFound, $"No endpoint at '{Truncate(head.Path)}'. Endpoints: {EndpointList}.");
            // HEAD is GET without the body (RFC 9110 9.3.2): the connection sends the headers only.
            RequireMethod(head.Method == "HEAD" && route.Method == "GET" ? "GET" : head.Method, route.Method);
            if (route.Body is BodySize.Single or BodySize.Batch)
                RequireJson(head.ContentType);
            return route.AnswerWithHead is { } withHead ? withHead(this, head, body) : route.Answer(this, body);
        }
        catch (ApiException ex)
        {
            return Error(ex);
        }
        catch (Exception ex)
        {
            _state.LogError($"{head.Method} {head.Path}: unhandled {ex}");
            return Error(new ApiException(500, ErrorCodes.InternalError, "The server failed to answer this request; the failure was logged."));
        }
    }

    /// <summary>The JSON error body for <paramref name="ex"/>.</summary>
    public Reply Error(ApiException ex)
    {
        var reply = Json(ex.Status, w => JsonResponses.WriteError(w, ex.Code, ex.Message, ex.Field, ex.Index));
        return reply with { Allow = ex.Allow, RetryAfter = ex.RetryAfter };
    }

    private Reply PredictOne(ReadOnlyMemory<byte> body)
    {
        var customer = _state.Reader.ReadSingle(NonEmpty(body).Span);
        var result = Predict(customer, null);
        return Json(200, w => JsonResponses.WritePrediction(w, result));
    }

    private Reply PredictBatch(ReadOnlyMemory<byte> body)
    {
        var customers = _state.Reader.ReadBatch(NonEmpty(body).Span, _state.Options.MaxBatchSize);
        var results = new ChurnPrediction[customers.Count];
        for (var i = 0; i < results.Length; i++)
            results[i] = Predict(customers[i], i);
        return Json(200, w => JsonResponses.WriteBatch(w, results));
    }

    private static ReadOnlyMemory<byte> NonEmpty(ReadOnlyMemory<byte> body)
    {
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
            throw new ApiException(400, ErrorCodes.EmptyBody, "The request body is empty; send a JSON object.");
        return body;
    }

    private ChurnPrediction Predict(Dictionary<string, InputValue> customer, int? index)
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
            throw new ApiException(405, ErrorCodes.MethodNotAllowed, $"Method {Truncate(method)} is not allowed here; use {allowed}.")
            {
                Allow = allowed == "GET" ? "GET, HEAD" : allowed,
            };
    }

    /// <summary>Accepts application/json with an optional UTF-8 charset (any case, quoted or not).</summary>
    private static void RequireJson(string? contentType)
    {
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

    private Reply Json(int status, Action<Utf8JsonWriter> write)
    {
        _output.ResetWrittenCount();
        _writer.Reset(_output);
        write(_writer);
        _writer.Flush();
        return new Reply(status, _output.WrittenMemory, JsonType);
    }

    private void ShrinkBuffers()
    {
        // A large batch may have grown the buffer; an idle connection keeps only a small one.
        _output = HttpConnection.Kept(_output);
    }

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "...";
}
