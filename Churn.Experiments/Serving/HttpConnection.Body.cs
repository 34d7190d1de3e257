using System.Diagnostics;

namespace Churn.Experiments.Serving;

/// <summary>
/// A request's body: framed by Content-Length or chunked encoding, buffered as its bytes arrive, each step taking
/// its share of the host's body budget (<see cref="HostOptions.MaxBufferedBodyBytes"/>) and each byte buying the
/// request more time (<see cref="HostOptions.MinBodyBytesPerSecond"/>), so a declared length alone holds nothing.
/// </summary>
internal sealed partial class HttpConnection
{
    /// <summary>A body over its limit but at most this long is read and dropped, so the 413 reaches a client still sending.</summary>
    private const int DrainLimitBytes = 8 * 1024 * 1024;

    private const int MaxChunkLineBytes = 1024;

    private async Task ReadBodyAsync(HttpRequestHead head, int limit, CancellationToken token)
    {
        _bodyLength = 0;
        if (head.Framing == BodyFraming.ContentLength)
        {
            var declared = head.ContentLength;
            if (declared > limit)
            {
                // A client that waits for 100 Continue has not sent the body: refuse at once (then close)
                // instead of waiting for a body it will not send until told to.
                if (declared <= DrainLimitBytes && !head.ExpectsContinue)
                    await ConsumeAsync(declared, store: false, declared, token).ConfigureAwait(false);
                throw TooLarge(limit);
            }
            await ConsumeAsync(declared, store: true, declared, token).ConfigureAwait(false);
        }
        else if (head.Framing == BodyFraming.Chunked)
        {
            long total = 0;
            while (true)
            {
                var size = ParseChunkSize(await ReadLineAsync(token).ConfigureAwait(false));
                if (size == 0)
                    break;
                total += size;
                if (total > DrainLimitBytes)
                    throw TooLarge(limit);
                await ConsumeAsync(size, store: total <= limit, -1, token).ConfigureAwait(false);
                if ((await ReadLineAsync(token).ConfigureAwait(false)).Length != 0)
                    throw new ApiException(400, ErrorCodes.BadChunk, "A chunk is longer than its size line says.");
            }
            while ((await ReadLineAsync(token).ConfigureAwait(false)).Length != 0)
            {
                // Trailer fields carry nothing the host uses.
            }
            if (total > limit)
                throw TooLarge(limit);
        }
    }

    /// <summary>Takes <paramref name="count"/> body bytes off the connection, appending them to the body when <paramref name="store"/>.</summary>
    /// <remarks>
    /// Memory follows the bytes that arrive, not the length a head declares: the body grows, and takes its share of
    /// the budget (<see cref="ReserveFor"/>), as they come, and each byte buys the request more time
    /// (<see cref="HostOptions.MinBodyBytesPerSecond"/>). So clients that declare 32 MiB and send nothing hold no
    /// budget and are dropped at <see cref="HostOptions.RequestTimeout"/>.
    /// </remarks>
    private async Task ConsumeAsync(long count, bool store, long declared, CancellationToken token)
    {
        var remaining = count;
        while (remaining > 0)
        {
            if (_end == _start && await ReceiveAsync(token).ConfigureAwait(false) == 0)
            {
                var got = declared >= 0 ? (declared - remaining).ToString(CultureInfo.InvariantCulture) + " of " + declared.ToString(CultureInfo.InvariantCulture) + " body bytes" : "part of a chunked body";
                throw new ClientAbortedException("closed the connection after " + got);
            }
            var take = (int)Math.Min(remaining, _end - _start);
            if (store)
            {
                var needed = _bodyLength + take;
                ReserveFor(needed, declared >= 0 ? declared : _bodyLength + remaining);
                if (needed > _body.Length)
                    Array.Resize(ref _body, (int)Math.Min(Math.Max(needed, _body.Length * 2L), _bodyLength + remaining));
                _in.AsSpan(_start, take).CopyTo(_body.AsSpan(_bodyLength));
                _bodyLength += take;
            }
            _start += take;
            remaining -= take;
            ExtendDeadline(take);
        }
    }

    /// <summary>Bytes of the budget taken at a time as a body arrives: 1,000 connections at one step each hold 64 MiB.</summary>
    private const long ReserveStepBytes = 64 * 1024;

    /// <summary>Makes the body's reserved share at least <paramref name="needed"/> bytes, a step ahead but never past <paramref name="total"/>.</summary>
    private void ReserveFor(long needed, long total)
    {
        if (needed <= _reserved) return;
        var target = Math.Max(needed, Math.Min(total, _reserved + ReserveStepBytes));
        Reserve(target - _reserved);
    }

    /// <summary>Moves the request's deadline to RequestTimeout after its start plus the body bytes so far at MinBodyBytesPerSecond.</summary>
    private void ExtendDeadline(long bytes)
    {
        _bodyReceived += bytes;
        if (_requestTimer is not { } timer || timer.IsCancellationRequested) return;
        var left = _state.Options.RequestTimeout + TimeSpan.FromSeconds((double)_bodyReceived / _state.Options.MinBodyBytesPerSecond)
                   - Stopwatch.GetElapsedTime(_requestStarted);
        // CancelAfter refuses a negative delay and takes -1 ms for "never": a deadline already passed cancels now.
        timer.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
    }

    /// <summary>One CRLF- (or LF-) terminated line of chunked framing, without its terminator.</summary>
    private async Task<string> ReadLineAsync(CancellationToken token)
    {
        while (true)
        {
            var newline = Array.IndexOf(_in, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = Encoding.Latin1.GetString(_in, _start, newline - _start).TrimEnd('\r');
                _start = newline + 1;
                return line;
            }
            if (_end - _start > MaxChunkLineBytes)
                throw new ApiException(400, ErrorCodes.BadChunk, "A chunk size line is longer than 1 KiB.");
            if (await ReceiveAsync(token).ConfigureAwait(false) == 0)
                throw new ClientAbortedException("closed the connection in the middle of a chunked body");
        }
    }

    private static long ParseChunkSize(string line)
    {
        var semicolon = line.IndexOf(';');
        var hex = (semicolon < 0 ? line : line[..semicolon]).Trim(' ', '\t');
        if (hex.Length is 0 or > 15 || !long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size))
            throw new ApiException(400, ErrorCodes.BadChunk,
                $"Malformed chunk size '{(line.Length <= 40 ? line : line[..40] + "...")}'; expected hexadecimal digits.");
        return size;
    }

    /// <summary>
    /// Reserves <paramref name="bytes"/> of the host's body budget before they are buffered; when it is
    /// spent, 503 (and close: the body is not read) rather than memory the host may not have.
    /// </summary>
    private void Reserve(long bytes)
    {
        if (!_state.TryReserveBody(bytes))
            throw new ApiException(503, ErrorCodes.ServerBusy, string.Create(CultureInfo.InvariantCulture,
                $"The server is reading too many large requests at once ({_state.Options.MaxBufferedBodyBytes} body bytes); try again shortly."))
            {
                RetryAfter = 1,
            };
        _reserved += bytes;
    }

    private static ApiException TooLarge(int limit) =>
        new(413, ErrorCodes.PayloadTooLarge, string.Create(CultureInfo.InvariantCulture, $"The request body is larger than {limit} bytes."));
}
