using System.Text.Unicode;

namespace Churn.Experiments.Data;

/// <summary>
/// The one rule for cutting a CSV file at line ends so that its parts can be parsed apart (the loader's two
/// halves, <see cref="CsvFileLayout"/>; predict's pieces, <see cref="CsvPieces"/>): the bytes are valid UTF-8 (no
/// UTF-16 byte-order mark; the parts' fast parsers decode cells on their own, so a byte that is not UTF-8 is left to
/// the one-pass reader, which refuses it with its row and line), hold no quote (so no line end sits inside a field) and no CR outside a CRLF (so
/// every record ends with a '\n' byte); and the file holds at least two parts, or a second thread would not
/// pay for itself. Bytes are added in file order, one buffer at a time.
/// </summary>
internal struct CsvLineCuts
{
    private long _bytes;
    private long _quotes;
    private long _crlf;
    private byte _last;
    private bool _utf16;
    private bool _notUtf8;
    private int _tail; // the first bytes of a character cut at the end of the last buffer, little-endian
    private int _tailLength;

    /// <summary>Carriage returns seen so far.</summary>
    public long CarriageReturns { get; private set; }

    /// <summary>True when every '\n' in the bytes added so far ends a record.</summary>
    public readonly bool Plain => !_utf16 && !_notUtf8 && _tailLength == 0 && _quotes == 0 && CarriageReturns == _crlf;

    public void Add(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return;
        if (_bytes == 0 && bytes.Length >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF)) _utf16 = true;
        _quotes += bytes.Count((byte)'"');
        CarriageReturns += bytes.Count((byte)'\r');
        _crlf += bytes.Count("\r\n"u8) + (_last == '\r' && bytes[0] == '\n' ? 1 : 0);
        _last = bytes[^1];
        _bytes += bytes.Length;
        if (!_notUtf8) CheckUtf8(bytes);
    }

    /// <summary>Whether the bytes so far are UTF-8, a character cut between two buffers included.</summary>
    private void CheckUtf8(ReadOnlySpan<byte> bytes)
    {
        if (_tailLength > 0)
        {
            // Complete the cut character with this buffer's first bytes.
            var need = SequenceLength((byte)_tail) - _tailLength;
            Span<byte> character = stackalloc byte[4];
            for (var k = 0; k < _tailLength; k++) character[k] = (byte)(_tail >> (8 * k));
            var take = Math.Min(need, bytes.Length);
            bytes[..take].CopyTo(character[_tailLength..]);
            if (take < need)
            {
                for (var k = 0; k < take; k++) _tail |= bytes[k] << (8 * (_tailLength + k));
                _tailLength += take;
                return;
            }
            var length = _tailLength + need;
            _tailLength = 0;
            _tail = 0;
            if (!Utf8.IsValid(character[..length]))
            {
                _notUtf8 = true;
                return;
            }
            bytes = bytes[take..];
        }
        // A character cut at the end waits for the next buffer.
        var end = bytes.Length;
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80) continue; // a continuation byte: look further back
            if (b >= 0xC0 && SequenceLength(b) > back) end = bytes.Length - back;
            break;
        }
        if (!Utf8.IsValid(bytes[..end]))
        {
            _notUtf8 = true;
            return;
        }
        for (var k = end; k < bytes.Length; k++) _tail |= bytes[k] << (8 * (k - end));
        _tailLength = bytes.Length - end;
    }

    /// <summary>Bytes of the UTF-8 character that <paramref name="lead"/> starts (1 for a byte no character starts with: Utf8.IsValid refuses it).</summary>
    private static int SequenceLength(byte lead) => lead switch
    {
        >= 0xF0 and <= 0xF7 => 4,
        >= 0xE0 => lead <= 0xEF ? 3 : 1,
        >= 0xC0 => 2,
        _ => 1,
    };

    /// <summary>The rule over bytes held at once (a piece read whole).</summary>
    public static bool IsPlain(ReadOnlySpan<byte> bytes)
    {
        var cuts = new CsvLineCuts();
        cuts.Add(bytes);
        return cuts.Plain;
    }

    /// <summary>True when <paramref name="bytes"/> of rows make at least two parts of <paramref name="partBytes"/>.</summary>
    public static bool WorthCutting(long bytes, long partBytes) => bytes >= 2 * partBytes;
}
