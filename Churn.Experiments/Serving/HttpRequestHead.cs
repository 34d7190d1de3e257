namespace Churn.Experiments.Serving;

/// <summary>How the body of a request is framed (RFC 9112 section 6).</summary>
internal enum BodyFraming { None, ContentLength, Chunked }

/// <summary>
/// The request line and the headers the host acts on, parsed from the bytes before the blank line.
/// Everything it cannot accept is an <see cref="ApiException"/> the connection answers as JSON and then
/// closes (the framing of what follows is no longer known).
/// </summary>
internal sealed record HttpRequestHead(
    string Method,
    string Target,
    string Path,
    bool Http11,
    string? ContentType,
    BodyFraming Framing,
    long ContentLength,
    bool KeepAlive,
    bool ExpectsContinue)
{
    /// <summary>Most header lines accepted in one request.</summary>
    public const int MaxHeaderCount = 100;

    /// <summary>
    /// Parses <paramref name="head"/> (request line and header lines, without the final blank line).
    /// <paramref name="loopbackOnly"/> restricts the Host header to loopback names, so a web page under
    /// another name cannot reach a host bound to loopback (DNS rebinding).
    /// </summary>
    public static HttpRequestHead Parse(ReadOnlySpan<byte> head, bool loopbackOnly)
    {
        var text = Encoding.Latin1.GetString(head);
        var lines = text.Split('\n');
        var requestLine = lines[0].TrimEnd('\r');
        var (method, target, http11) = ParseRequestLine(requestLine);

        string? host = null, contentType = null, transferEncoding = null, connection = null, expect = null;
        var hostCount = 0;
        long? contentLength = null;
        if (lines.Length - 1 > MaxHeaderCount)
            throw new ApiException(431, ErrorCodes.HeadersTooLarge,
                string.Create(CultureInfo.InvariantCulture, $"The request has {lines.Length - 1} header lines; at most {MaxHeaderCount} are accepted."));
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length > 0 && line[0] is ' ' or '\t')
                throw BadRequest("A header line starts with whitespace (obsolete line folding is not accepted).");
            var colon = line.IndexOf(':');
            if (colon <= 0 || !IsToken(line.AsSpan(0, colon)))
                throw BadRequest($"Malformed header line '{Truncate(line)}'; expected 'Name: value'.");
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(' ', '\t');
            if (value.AsSpan().IndexOfAny('\0', '\r') >= 0)
                throw BadRequest($"Header '{Truncate(name)}' holds a control character.");
            switch (name.ToLowerInvariant())
            {
                case "host":
                    host = value;
                    hostCount++;
                    break;
                case "content-type":
                    contentType = value;
                    break;
                case "transfer-encoding":
                    transferEncoding = transferEncoding is null ? value : transferEncoding + "," + value;
                    break;
                case "connection":
                    connection = connection is null ? value : connection + "," + value;
                    break;
                case "expect":
                    expect = value;
                    break;
                case "content-length":
                    if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
                        throw BadRequest($"Content-Length '{Truncate(value)}' is not a whole number of bytes.");
                    if (contentLength is { } earlier && earlier != length)
                        throw BadRequest("The request has two different Content-Length headers.");
                    contentLength = length;
                    break;
            }
        }

        CheckHost(host, hostCount, http11, loopbackOnly);
        var (framing, declared) = FramingOf(method, transferEncoding, contentLength);
        var tokens = (connection ?? "").Split(',', StringSplitOptions.TrimEntries);
        var keepAlive = http11
            ? !tokens.Contains("close", StringComparer.OrdinalIgnoreCase)
            : tokens.Contains("keep-alive", StringComparer.OrdinalIgnoreCase);
        var expectsContinue = http11 && string.Equals(expect, "100-continue", StringComparison.OrdinalIgnoreCase);
        return new HttpRequestHead(method, target, PathOf(target), http11, contentType, framing, declared, keepAlive, expectsContinue);
    }

    private static (string Method, string Target, bool Http11) ParseRequestLine(string line)
    {
        var parts = line.Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || !IsToken(parts[0]) || parts[1].Length == 0)
            throw BadRequest($"Malformed request line '{Truncate(line)}'; expected 'METHOD /path HTTP/1.1'.");
        var version = parts[2];
        if (version is not ("HTTP/1.1" or "HTTP/1.0"))
        {
            if (version.StartsWith("HTTP/", StringComparison.Ordinal))
                throw new ApiException(505, ErrorCodes.HttpVersionNotSupported,
                    $"{Truncate(version)} is not supported; this host speaks HTTP/1.1 (and 1.0).");
            throw BadRequest($"Malformed request line '{Truncate(line)}'; expected 'METHOD /path HTTP/1.1'.");
        }
        foreach (var c in parts[1])
            if (c <= ' ' || c >= 0x7F)
                throw BadRequest("The request target holds a space, control or non-ASCII character; percent-encode it.");
        return (parts[0], parts[1], version == "HTTP/1.1");
    }

    private static void CheckHost(string? host, int count, bool http11, bool loopbackOnly)
    {
        if (count > 1)
            throw new ApiException(400, ErrorCodes.BadHost, "The request has more than one Host header.");
        if (host is null)
        {
            if (http11)
                throw new ApiException(400, ErrorCodes.BadHost, "An HTTP/1.1 request must have a Host header.");
            return;
        }
        if (!Uri.TryCreate("http://" + host + "/", UriKind.Absolute, out var uri) || uri.PathAndQuery != "/"
            || uri.UserInfo.Length > 0 || host.Length == 0)
            throw new ApiException(400, ErrorCodes.BadHost, $"Host '{Truncate(host)}' is not a valid host[:port].");
        if (loopbackOnly && !uri.IsLoopback)
            throw new ApiException(400, ErrorCodes.BadHost,
                $"Host '{Truncate(host)}' is not this server: it listens on loopback only; use 127.0.0.1 or localhost.");
    }

    private static (BodyFraming Framing, long Length) FramingOf(string method, string? transferEncoding, long? contentLength)
    {
        if (transferEncoding is not null)
        {
            if (contentLength is not null)
                throw BadRequest("The request has both Transfer-Encoding and Content-Length; send one.");
            if (!transferEncoding.Trim().Equals("chunked", StringComparison.OrdinalIgnoreCase))
                throw new ApiException(501, ErrorCodes.NotImplemented,
                    $"Transfer-Encoding '{Truncate(transferEncoding)}' is not supported; send Content-Length or chunked.");
            return (BodyFraming.Chunked, -1);
        }
        if (contentLength is { } length)
            return length == 0 ? (BodyFraming.None, 0) : (BodyFraming.ContentLength, length);
        if (method is "POST" or "PUT" or "PATCH")
            throw new ApiException(411, ErrorCodes.LengthRequired, $"A {method} request needs Content-Length (or chunked Transfer-Encoding).");
        return (BodyFraming.None, 0);
    }

    private static string PathOf(string target)
    {
        var q = target.IndexOfAny(['?', '#']);
        var path = q < 0 ? target : target[..q];
        // An absolute-form request target ("http://host/predict") still names a path.
        if (path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(path, UriKind.Absolute, out var uri))
            path = uri.AbsolutePath;
        return path;
    }

    private static bool IsToken(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (c <= ' ' || c >= 0x7F || "\"(),/:;<=>?@[\\]{}".Contains(c))
                return false;
        return true;
    }

    private static ApiException BadRequest(string message) => new(400, ErrorCodes.BadRequest, message);

    private static string Truncate(string text)
    {
        var printable = new string([.. text.Take(80).Select(c => c < ' ' || c >= 0x7F ? '?' : c)]);
        return text.Length <= 80 ? printable : printable + "...";
    }
}
