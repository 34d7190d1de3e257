namespace Churn.Experiments.Serving;

/// <summary>The fixed words of HTTP/1.1 that <see cref="HttpConnection"/> reads and writes.</summary>
internal static class HttpStatusText
{
    /// <summary>True for a byte that may start an HTTP method (an RFC 9110 token character).</summary>
    public static bool IsTokenByte(byte b) => b is > 32 and < 127 && "\"(),/:;<=>?@[\\]{}".IndexOf((char)b) < 0;

    /// <summary>The reason phrase of the status line.</summary>
    public static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Status",
    };
}
