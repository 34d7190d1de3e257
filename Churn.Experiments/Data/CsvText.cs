using System.Buffers;
using System.Text.Unicode;

namespace Churn.Experiments.Data;

/// <summary>
/// A CSV file's bytes as text, the one decoding every reader of <see cref="CsvRowReader"/> uses: UTF-8 (a
/// UTF-8 byte-order mark is dropped), or UTF-16 / UTF-32 when a byte-order mark says so. Unlike a
/// <see cref="StreamReader"/> it never turns bytes that are not a character into U+FFFD: the text before it is returned, then the next read throws
/// <see cref="CsvEncodingException"/> with its byte offset (two Latin-1 letters must not become one
/// category). At the start of a file, NUL bytes in the pattern of UTF-16 or UTF-32 without a byte-order mark
/// are refused too (they are valid UTF-8, but a CSV of them would be one unreadable column).
/// </summary>
internal sealed class CsvText : TextReader
{
    /// <summary>Bytes at the start of a file looked at for the NULs of UTF-16 or UTF-32 without a byte-order mark.</summary>
    private const int SniffBytes = 1024;

    private readonly Stream _stream;
    private readonly bool _fileStart;
    private readonly byte[] _bytes;
    private int _from; // undecoded bytes are _bytes[_from.._to]
    private int _to;
    private long _offset; // stream offset of _bytes[_from]
    private bool _eof;
    private bool _started;
    private int _unit; // 2 or 4: a UTF-16 or UTF-32 file (byte-order mark); 0: UTF-8
    private bool _bigEndian;
    private string? _wideName;
    private int _heldChar = -1; // the low surrogate of a pair when the caller asked for one char

    /// <param name="stream">The bytes, which this reader then owns.</param>
    /// <param name="fileStart">
    /// True when <paramref name="stream"/> starts at the start of the file (a byte-order mark is looked for);
    /// false for a part of a file that starts at a line (read as UTF-8).
    /// </param>
    /// <param name="bufferSize">Bytes read from <paramref name="stream"/> at a time.</param>
    public CsvText(Stream stream, bool fileStart, int bufferSize = 1 << 16)
    {
        _stream = stream;
        _fileStart = fileStart;
        _bytes = new byte[Math.Max(bufferSize, SniffBytes)];
    }

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> destination)
    {
        if (destination.IsEmpty) return 0;
        if (!_started) Start();
        if (_heldChar >= 0)
        {
            destination[0] = (char)_heldChar;
            _heldChar = -1;
            return 1;
        }
        if (_unit > 0) return ReadWide(destination);
        while (true)
        {
            var status = Utf8.ToUtf16(_bytes.AsSpan(_from, _to - _from), destination, out var read, out var written,
                replaceInvalidSequences: false, isFinalBlock: _eof);
            _from += read;
            _offset += read;
            if (written > 0) return written; // the text before a bad byte first; the next read reports it
            switch (status)
            {
                case OperationStatus.InvalidData:
                    throw Invalid();
                case OperationStatus.DestinationTooSmall: // one char asked for, a surrogate pair next
                    var pair = new char[2]; // rare: a caller reading char by char
                    Utf8.ToUtf16(_bytes.AsSpan(_from, _to - _from), pair, out read, out written, replaceInvalidSequences: false, isFinalBlock: _eof);
                    _from += read;
                    _offset += read;
                    destination[0] = pair[0];
                    _heldChar = pair[1];
                    return 1;
                case OperationStatus.Done when _eof:
                    return 0;
            }
            Fill(); // Done (all decoded) or NeedMoreData (a character cut at the end of the buffer)
        }
    }

    private void Start()
    {
        _started = true;
        while (!_eof && _to < SniffBytes) Fill();
        if (!_fileStart) return;
        var head = _bytes.AsSpan(0, _to);
        if (head.StartsWith("\uFEFF"u8))
        {
            _from = 3; // the UTF-8 byte-order mark, dropped as a StreamReader drops it
            _offset = 3;
        }
        else if (WideEncoding(head) is { } wide)
        {
            // UTF-16 (or UTF-32) as its byte-order mark says; the mark is dropped.
            (_unit, _bigEndian, _wideName) = wide;
            _from = _unit;
            _offset = _unit;
        }
        else if (LooksWide(head) is { } looksWide)
        {
            throw new CsvEncodingException(
                "the file looks like " + looksWide + " text without a byte-order mark (NUL bytes between the characters), " +
                "not UTF-8; save it as UTF-8 (e.g. iconv -f " + looksWide + " -t utf-8 in.csv > out.csv).",
                0, null);
        }
    }

    /// <summary>The code unit (2 or 4 bytes), byte order and name of the encoding a byte-order mark names (UTF-32LE's mark starts with UTF-16LE's).</summary>
    private static (int Unit, bool BigEndian, string Name)? WideEncoding(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0])) return (4, false, "UTF-32LE");
        if (head.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF])) return (4, true, "UTF-32BE");
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return (2, false, "UTF-16LE");
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return (2, true, "UTF-16BE");
        return null;
    }

    /// <summary>
    /// UTF-16 or UTF-32 decoded here, strictly, as <see cref="Read(Span{char})"/> decodes UTF-8: the text before a code
    /// unit that is not a character (a lone surrogate, a value past U+10FFFF, a unit cut off at the end) is returned,
    /// then the next read throws with its byte offset. A StreamReader would have made it U+FFFD.
    /// </summary>
    private int ReadWide(Span<char> destination)
    {
        while (true)
        {
            var written = 0;
            var invalid = 0; // bytes of a bad character at _from, when one stopped the decoding
            while (written < destination.Length)
            {
                var available = _to - _from;
                if (available < _unit) break;
                var first = Unit(_from);
                int chars, consumed;
                var pair = (Low: 0, High: 0);
                if (_unit == 2)
                {
                    if (char.IsLowSurrogate((char)first)) { invalid = 2; break; }
                    if (char.IsHighSurrogate((char)first))
                    {
                        if (available < 4) { invalid = _eof ? 2 : 0; break; }
                        var second = Unit(_from + 2);
                        if (!char.IsLowSurrogate((char)second)) { invalid = 2; break; }
                        pair = (second, first);
                        (chars, consumed) = (2, 4);
                    }
                    else (chars, consumed) = (1, 2);
                }
                else
                {
                    if (first > 0x10FFFF || first is >= 0xD800 and <= 0xDFFF) { invalid = 4; break; }
                    if (first >= 0x10000)
                    {
                        pair = (0xDC00 + ((first - 0x10000) & 0x3FF), 0xD800 + ((first - 0x10000) >> 10));
                        (chars, consumed) = (2, 4);
                    }
                    else (chars, consumed) = (1, 4);
                }
                if (chars == 2)
                {
                    if (destination.Length - written < 2)
                    {
                        if (written > 0) break;
                        _heldChar = pair.Low; // one char asked for: the low surrogate waits for the next read
                    }
                    else destination[written + 1] = (char)pair.Low;
                    destination[written] = (char)pair.High;
                    written += destination.Length - written < 2 ? 1 : 2;
                }
                else destination[written++] = (char)first;
                _from += consumed;
                _offset += consumed;
            }
            if (written > 0) return written; // the text before a bad unit first; the next read reports it
            // The bad unit's own bytes, or at the end of the file the bytes of the unit cut off (never the text after it).
            if (invalid > 0) throw InvalidWide(invalid);
            if (_eof && _to > _from) throw InvalidWide(_to - _from);
            if (_eof) return 0;
            Fill();
        }
    }

    /// <summary>The code unit at <paramref name="at"/> in the file's byte order.</summary>
    private int Unit(int at)
    {
        var bytes = _bytes.AsSpan(at, _unit);
        return _unit == 2
            ? _bigEndian ? System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(bytes) : System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(bytes)
            : (int)Math.Min(int.MaxValue, _bigEndian ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes) : System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes));
    }

    private CsvEncodingException InvalidWide(int length)
    {
        var bad = _bytes.AsSpan(_from, Math.Min(length, _to - _from));
        var hex = string.Join(" ", bad.ToArray().Select(b => "0x" + b.ToString("X2", CultureInfo.InvariantCulture)));
        var why = bad.Length < _unit ? "a character cut off at the end of the file"
            : _unit == 4 && Unit(_from) > 0x10FFFF ? "a value past U+10FFFF, the last character"
            : "a lone surrogate";
        return new CsvEncodingException("the file is not valid " + _wideName + " (as its byte-order mark says): bytes " + hex +
            " at byte offset " + _offset.ToString(CultureInfo.InvariantCulture) + " are not a character (" + why + "); " +
            "fix the text where it was exported, or save the file as UTF-8.", _offset, bad[0]);
    }

    /// <summary>"UTF-16LE", "UTF-16BE" or "UTF-32" when the first bytes hold NULs as those encodings of mostly ASCII text do.</summary>
    internal static string? LooksWide(ReadOnlySpan<byte> head)
    {
        head = head[..Math.Min(head.Length, SniffBytes)];
        int even = 0, odd = 0;
        for (var i = 0; i < head.Length; i++)
            if (head[i] == 0)
            {
                if ((i & 1) == 0) even++;
                else odd++;
            }
        // ASCII in UTF-16 is every other byte NUL; a stray NUL or two in UTF-8 text is not refused here.
        if ((even + odd) * 4 < head.Length || even + odd < 2) return null;
        if (odd > 0 && even > 0 && Math.Min(odd, even) * 3 >= Math.Max(odd, even)) return "UTF-32";
        return odd > even ? "UTF-16LE" : "UTF-16BE";
    }

    private void Fill()
    {
        if (_from > 0)
        {
            Array.Copy(_bytes, _from, _bytes, 0, _to - _from); // at most the first bytes of one character
            _to -= _from;
            _from = 0;
        }
        var read = _stream.Read(_bytes, _to, _bytes.Length - _to);
        if (read == 0) _eof = true;
        else _to += read;
    }

    private CsvEncodingException Invalid()
    {
        var rest = _bytes.AsSpan(_from, _to - _from);
        Rune.DecodeFromUtf8(rest, out _, out var length);
        var bad = rest[..Math.Max(1, Math.Min(length, rest.Length))];
        var hex = string.Join(" ", bad.ToArray().Select(b => "0x" + b.ToString("X2", CultureInfo.InvariantCulture)));
        var at = " at byte offset " + _offset.ToString(CultureInfo.InvariantCulture);
        var problem = _eof && bad.Length == rest.Length && rest[0] >= 0xC0
            ? "the file is not valid UTF-8: it ends inside a character (" + hex + at + ")"
            : "the file is not valid UTF-8: " + (bad.Length == 1 ? "byte " : "bytes ") + hex + at + " " +
              (bad.Length == 1 ? "is" : "are") + " not a UTF-8 character";
        return new CsvEncodingException(problem +
            " (a Latin-1 or Windows-1252 file?); save it as UTF-8 (e.g. iconv -f latin1 -t utf-8 in.csv > out.csv).", _offset, bad[0]);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _stream.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>Bytes that are not text in the file's encoding, at <see cref="ByteOffset"/> (the caller adds row, line and column).</summary>
internal sealed class CsvEncodingException(string problem, long byteOffset, byte? firstByte) : Exception(problem)
{
    public string Problem { get; } = problem;

    public long ByteOffset { get; } = byteOffset;

    public byte? FirstByte { get; } = firstByte;

    /// <summary>1-based record holding the bad bytes (the header is record 1), once the tokenizer has placed it.</summary>
    public long Record { get; init; }

    /// <summary>1-based file line of the bad bytes.</summary>
    public int Line { get; init; }

    /// <summary>0-based field of the record that holds the bad bytes.</summary>
    public int Field { get; init; }
}
