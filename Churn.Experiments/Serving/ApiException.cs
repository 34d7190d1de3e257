namespace Churn.Experiments.Serving;

/// <summary>
/// A request the host refuses, with the HTTP status and the body it answers:
/// <c>{"error":{"code","message","field"?,"index"?}}</c>. <see cref="Index"/> is the position of the
/// customer in a batch. Thrown only inside the host; never escapes a request.
/// </summary>
internal sealed class ApiException(int status, string code, string message, string? field = null, int? index = null)
    : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string? Field { get; } = field;
    public int? Index { get; } = index;

    /// <summary>The methods to list in the Allow header of a 405.</summary>
    public string? Allow { get; init; }

    /// <summary>Seconds for the Retry-After header of a 503.</summary>
    public int? RetryAfter { get; init; }

    /// <summary>The same error attributed to customer <paramref name="index"/> of a batch.</summary>
    public ApiException AtIndex(int index) =>
        new(Status, Code, $"customers[{index}]: {Message}", Field, index);
}

/// <summary>The stable error codes of the API (also listed in the OpenAPI document).</summary>
internal static class ErrorCodes
{
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string PayloadTooLarge = "payload_too_large";
    public const string TooManyCustomers = "too_many_customers";
    public const string EmptyBody = "empty_body";
    public const string MalformedJson = "malformed_json";
    public const string InvalidType = "invalid_type";
    public const string MissingField = "missing_field";
    public const string UnknownField = "unknown_field";
    public const string DuplicateField = "duplicate_field";
    public const string InvalidValue = "invalid_value";
    public const string InternalError = "internal_error";
    public const string ShuttingDown = "shutting_down";
    public const string BadRequest = "bad_request";
    public const string BadHost = "bad_host";
    public const string BadChunk = "bad_chunk";
    public const string HeadersTooLarge = "headers_too_large";
    public const string LengthRequired = "length_required";
    public const string RequestTimeout = "request_timeout";
    public const string NotImplemented = "not_implemented";
    public const string HttpVersionNotSupported = "http_version_not_supported";
    public const string TooManyConnections = "too_many_connections";
    public const string ServerBusy = "server_busy";

    public static readonly string[] All =
    [
        NotFound, MethodNotAllowed, UnsupportedMediaType, PayloadTooLarge, TooManyCustomers, EmptyBody,
        MalformedJson, InvalidType, MissingField, UnknownField, DuplicateField, InvalidValue, InternalError, ShuttingDown,
        BadRequest, BadHost, BadChunk, HeadersTooLarge, LengthRequired, RequestTimeout, NotImplemented, HttpVersionNotSupported,
        TooManyConnections, ServerBusy,
    ];
}
