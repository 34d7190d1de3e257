using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Churn.Experiments.Data;

/// <summary>
/// Reads a plain piece of a CSV file (<see cref="CsvPieces.IsPlain"/>: no quote, every '\n' ends a record)
/// straight from its UTF-8 bytes into <see cref="ParsedRows"/>, with the rows, numbers, texts and kept cells
/// the piece's <see cref="CsvRowReader.Slice"/> gives, but without decoding the file to UTF-16: delimiters and
/// line ends are found 32 (or 16) bytes at a time, and a chosen number cell is read from its bytes
/// (<see cref="ShortDecimal"/>) or, when it is not a short decimal, decoded and read by
/// <see cref="CsvRowReader.TryReadNumber"/>. Unchosen cells are never looked at. It stops at the first record
/// the reader would report (a ragged row, a cell that is not a number), so the caller lets the one-pass read
/// word the error. One instance per thread.
/// </summary>
internal sealed class Utf8PieceParser
{
    private readonly CsvRowReader _reader;
    private readonly int _width;
    private readonly byte _delimiter;
    private readonly char _decimalSeparator;
    private readonly bool _missingTokens;
    private readonly int[] _numeric;
    private readonly int[] _text;
    private readonly int[] _kept;
    private readonly int[] _ends; // end of each field of the current record (piece offsets)
    private readonly StringPool _pool = new();
    private char[] _chars = new char[256];

    public Utf8PieceParser(CsvRowReader reader, int[] numeric, int[] text, int[] kept)
    {
        if (!Supports(reader)) throw new ArgumentException("the delimiter is not one byte in UTF-8.", nameof(reader));
        _reader = reader;
        _width = reader.ColumnCount;
        _delimiter = (byte)reader.Delimiter;
        _decimalSeparator = reader.NumberFormat.DecimalSeparator;
        _missingTokens = reader.HasMissingTokens;
        _numeric = numeric;
        _text = text;
        _kept = kept;
        _ends = new int[_width];
    }

    /// <summary>True when the reader's delimiter is a single UTF-8 byte (ASCII; never a quote or a line break).</summary>
    public static bool Supports(CsvRowReader reader) => reader.Delimiter < 128;

    /// <summary>
    /// Reads the records of <paramref name="piece"/>, numbered from 1, into blocks from <paramref name="take"/>
    /// (cleared); a full block goes to <paramref name="hand"/>. Returns false at the first record the reader
    /// would throw on; <paramref name="unfinished"/> is the last block, not handed out (its rows, if any, are
    /// those before that record).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot per byte: skip tier-0 code
    public bool Parse(ReadOnlySpan<byte> piece, Func<ParsedRows> take, Action<ParsedRows> hand, out ParsedRows? unfinished)
    {
        var cursor = new Cursor { Block = null };
        ref var origin = ref MemoryMarshal.GetReference(piece);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var delimiter = Vector256.Create(_delimiter);
            var newline = Vector256.Create((byte)'\n');
            for (; i + Vector256<byte>.Count <= piece.Length; i += Vector256<byte>.Count)
            {
                var bytes = Vector256.LoadUnsafe(ref origin, (nuint)i);
                var delimiters = Vector256.Equals(bytes, delimiter).ExtractMostSignificantBits();
                var newlines = Vector256.Equals(bytes, newline).ExtractMostSignificantBits();
                if (newlines == 0 && cursor.Fields + BitOperations.PopCount(delimiters) < _width)
                {
                    // The common case: field ends inside one record, within the header's width; nothing to check.
                    if (delimiters == 0) continue;
                    var fields = cursor.Fields;
                    for (; delimiters != 0; delimiters &= delimiters - 1) _ends[fields++] = i + BitOperations.TrailingZeroCount(delimiters);
                    cursor.Fields = fields;
                    cursor.FieldStart = _ends[fields - 1] + 1;
                    continue;
                }
                var stops = delimiters | newlines;
                for (; stops != 0; stops &= stops - 1)
                    if (!Stop(piece, i + BitOperations.TrailingZeroCount(stops), ref cursor, take, hand)) return Fail(cursor, out unfinished);
            }
        }
        {
            var delimiter = Vector128.Create(_delimiter);
            var newline = Vector128.Create((byte)'\n');
            for (; i + Vector128<byte>.Count <= piece.Length; i += Vector128<byte>.Count)
            {
                var bytes = Vector128.LoadUnsafe(ref origin, (nuint)i);
                var stops = (Vector128.Equals(bytes, delimiter) | Vector128.Equals(bytes, newline)).ExtractMostSignificantBits();
                for (; stops != 0; stops &= stops - 1)
                    if (!Stop(piece, i + BitOperations.TrailingZeroCount(stops), ref cursor, take, hand)) return Fail(cursor, out unfinished);
            }
        }
        for (; i < piece.Length; i++)
            if ((piece[i] == _delimiter || piece[i] == '\n') && !Stop(piece, i, ref cursor, take, hand)) return Fail(cursor, out unfinished);
        // The file's last line may have no line end.
        if ((cursor.Fields > 0 || cursor.FieldStart < piece.Length) && !EndRecord(piece, piece.Length, ref cursor, take, hand))
            return Fail(cursor, out unfinished);
        unfinished = cursor.Block;
        return true;
    }

    /// <summary>Where the scan is: the current record's first byte and field, the block being filled.</summary>
    private struct Cursor
    {
        public int RecordStart;
        public int FieldStart;
        public int Fields;
        public int Row;
        public ParsedRows? Block;
    }

    private static bool Fail(Cursor cursor, out ParsedRows? unfinished)
    {
        unfinished = cursor.Block;
        return false;
    }

    /// <summary>A delimiter or a '\n' at <paramref name="at"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Stop(ReadOnlySpan<byte> piece, int at, ref Cursor cursor, Func<ParsedRows> take, Action<ParsedRows> hand)
    {
        if (piece[at] == _delimiter)
        {
            if (cursor.Fields == _width - 1) return false; // more fields than the header: the reader's ragged-row error
            _ends[cursor.Fields++] = at;
            cursor.FieldStart = at + 1;
            return true;
        }
        var end = at > cursor.FieldStart && piece[at - 1] == '\r' ? at - 1 : at; // a plain piece has CR only in CRLF
        if (cursor.Fields == 0 && end == cursor.FieldStart)
        {
            cursor.RecordStart = cursor.FieldStart = at + 1; // an empty line: skipped, as the reader skips it
            return true;
        }
        if (!EndRecord(piece, end, ref cursor, take, hand)) return false;
        cursor.RecordStart = cursor.FieldStart = at + 1;
        return true;
    }

    /// <summary>The current record's last field ends at <paramref name="end"/>: its chosen cells go into the block.</summary>
    private bool EndRecord(ReadOnlySpan<byte> piece, int end, ref Cursor cursor, Func<ParsedRows> take, Action<ParsedRows> hand)
    {
        _ends[cursor.Fields++] = end;
        if (cursor.Fields != _width) return false; // fewer fields than the header
        cursor.Fields = 0;
        var block = cursor.Block ??= Clear(take());
        var r = block.Count;
        block.Rows[r] = ++cursor.Row;
        var recordStart = cursor.RecordStart;
        var numeric = _numeric;
        var ends = _ends;
        var numbers = block.Numbers.AsSpan(r * numeric.Length, numeric.Length);
        var fast = !_missingTokens; // a missing token may look like a number ("-999"): then the reader decides
        var separator = _decimalSeparator;
        for (var k = 0; k < numbers.Length; k++)
        {
            var column = numeric[k];
            var start = column == 0 ? recordStart : ends[column - 1] + 1;
            var cell = piece[start..ends[column]];
            if (cell.IsEmpty) numbers[k] = double.NaN;
            else if (fast && cell.Length == 1 && (uint)(cell[0] - '0') <= 9) numbers[k] = cell[0] - '0'; // "0", the commonest cell
            else if (!fast || !ShortDecimal.TryParse(cell, separator, out numbers[k]))
            {
                if (!_reader.TryReadNumber(Decode(cell), out numbers[k])) return false;
            }
        }
        for (var k = 0; k < _text.Length; k++)
            block.Texts[r * _text.Length + k] = _reader.TextOf(Decode(Cell(piece, recordStart, _text[k])), _pool);
        for (var k = 0; k < _kept.Length; k++)
            block.Keep(r * _kept.Length + k, Decode(Cell(piece, recordStart, _kept[k])));
        block.Count = r + 1;
        if (block.Count == block.Rows.Length)
        {
            hand(block);
            cursor.Block = null;
        }
        return true;
    }

    private static ParsedRows Clear(ParsedRows block)
    {
        block.Clear();
        return block;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Cell(ReadOnlySpan<byte> piece, int recordStart, int column)
    {
        var start = column == 0 ? recordStart : _ends[column - 1] + 1;
        return piece[start.._ends[column]];
    }

    /// <summary>A cell's text as the reader decodes the file (a plain piece is valid UTF-8: <see cref="CsvLineCuts"/>), in a reused buffer.</summary>
    private ReadOnlySpan<char> Decode(ReadOnlySpan<byte> cell)
    {
        if (_chars.Length < cell.Length) _chars = new char[Math.Max(cell.Length, _chars.Length * 2)];
        return _chars.AsSpan(0, Encoding.UTF8.GetChars(cell, _chars));
    }
}
