using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Churn.Tests.Experiments.Serving;

/// <summary>A raw TCP client for what HttpClient will not send: pipelined, stalled, malformed or aborted requests.</summary>
public sealed class RawHttp : IDisposable
{
    private readonly Socket _socket;
    private readonly List<byte> _pending = [];

    private RawHttp(Socket socket) => _socket = socket;

    public static async Task<RawHttp> ConnectAsync(Uri baseAddress)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 15000, SendTimeout = 15000 };
        await socket.ConnectAsync(baseAddress.Host, baseAddress.Port);
        return new RawHttp(socket);
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes) => await _socket.SendAsync(bytes, SocketFlags.None);

    public void Close() => _socket.Close();

    /// <summary>True when the server has sent anything not yet read (an answer, or the close).</summary>
    public bool HasUnreadBytes => _socket.Available > 0 || _socket.Poll(0, SelectMode.SelectRead);

    /// <summary>
    /// Reads one response (status, headers, Content-Length body; no body after a HEAD when
    /// <paramref name="toHead"/>, nor in an interim 1xx); null when the server closed the connection first. Bounded by 15 s.
    /// </summary>
    public async Task<RawResponse?> ReadResponseAsync(bool toHead = false)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        int headEnd;
        while ((headEnd = IndexOf(_pending, "\r\n\r\n"u8)) < 0)
            if (!await FillAsync(timeout.Token))
                return null;
        var head = Encoding.ASCII.GetString([.. _pending.Take(headEnd)]);
        _pending.RemoveRange(0, headEnd + 4);
        var lines = head.Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var length = toHead || status < 200 ? 0 : int.Parse(headers["Content-Length"], CultureInfo.InvariantCulture);
        while (_pending.Count < length)
            if (!await FillAsync(timeout.Token))
                throw new InvalidOperationException($"The server closed the connection inside a {length}-byte body.");
        var body = Encoding.UTF8.GetString([.. _pending.Take(length)]);
        _pending.RemoveRange(0, length);
        return new RawResponse(status, headers, body);
    }

    /// <summary>True when the server closes the connection (end of stream or reset) within 15 s without sending more.</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return !await FillAsync(timeout.Token) && _pending.Count == 0;
    }

    private async Task<bool> FillAsync(CancellationToken token)
    {
        var buffer = new byte[8192];
        int read;
        try
        {
            read = await _socket.ReceiveAsync(buffer, SocketFlags.None, token);
        }
        catch (SocketException)
        {
            return false;
        }
        _pending.AddRange(buffer.AsSpan(0, read));
        return read > 0;
    }

    private static int IndexOf(List<byte> data, ReadOnlySpan<byte> pattern)
    {
        for (var i = 0; i + pattern.Length <= data.Count; i++)
        {
            var match = true;
            for (var j = 0; j < pattern.Length && match; j++)
                match = data[i + j] == pattern[j];
            if (match)
                return i;
        }
        return -1;
    }

    public void Dispose() => _socket.Dispose();
}

public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    public string ErrorCode => Json.GetProperty("error").GetProperty("code").GetString()!;
}
