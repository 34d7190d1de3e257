using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Churn.Experiments.Data;

/// <summary>
/// The hand-written RFC 4180 tokenizer under <see cref="CsvRowReader"/>: one record at a time, each
/// field a span into a reused buffer, so a row of 226 fields costs no string at all. It accepts what
/// CsvHelper accepted before it (quoted fields with "" escapes and line breaks; LF, CRLF or CR line
/// ends; empty lines skipped; no trimming) and stops at the same three malformed shapes: a quote inside
/// an unquoted field, text after a closing quote, a quoted field never closed.
/// </summary>
internal sealed class CsvRecordReader : IDisposable
{
    private const int InitialBuffer = 1 << 16;
    private readonly TextReader _text;
    private readonly char _delimiter;
    private readonly SearchValues<char> _unquotedStops;
    private char[] _buffer = new char[InitialBuffer];
    private int _start; // first char of the current (or next) record
    private int _end;   // end of valid data in _buffer
    private bool _eof;
    private int[] _fieldStart = new int[64];
    private int[] _fieldEnd = new int[64];
    private int _nextLine = 1;

    public CsvRecordReader(string path, char delimiter)
        // Same decoding as CsvHelper's FromFile: UTF-8 unless a byte-order mark says otherwise; the BOM is dropped.
        // Bytes that are not UTF-8 are refused (CsvText), never read as U+FFFD.
        : this(new CsvText(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1), fileStart: true), delimiter)
    {
    }

    /// <summary>Reads from <paramref name="text"/> (e.g. an HTTP upload held in memory), which it then owns.</summary>
    public CsvRecordReader(TextReader text, char delimiter)
    {
        _text = text;
        _delimiter = delimiter;
        _unquotedStops = SearchValues.Create([delimiter, '"', '\r', '\n']);
    }

    /// <summary>Fields of the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>1-based record number of the current record (the header is record 1).</summary>
    public long Record { get; private set; }

    /// <summary>1-based file line on which the current record starts.</summary>
    public int Line { get; private set; }

    /// <summary>The current record's field, unquoted and unescaped; valid until the next <see cref="Read"/>.</summary>
    public ReadOnlySpan<char> Field(int index) =>
        _buffer.AsSpan(_fieldStart[index], _fieldEnd[index] - _fieldStart[index]);

    /// <summary>Advances to the next non-empty record; false at the end of the file.</summary>
    /// <exception cref="CsvMalformedException">The record is malformed (the caller words the message).</exception>
    /// <exception cref="CsvEncodingException">The record holds bytes that are not text (placed: record, line, field).</exception>
    public bool Read()
    {
        while (true)
        {
            var outcome = TryScan();
            if (outcome == Scan.Complete) return true;
            if (outcome == Scan.End) return false;
            Refill(); // Scan.NeedMore: the record runs past the buffered data
        }
    }

    private enum Scan { Complete, NeedMore, End }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot per cell: skip tier-0 code, which a busy machine may run for seconds
    private Scan TryScan()
    {
        var data = _buffer.AsSpan(0, _end);
        var position = _start;
        var line = _nextLine;
        // Empty lines are skipped, but counted.
        while (position < _end && data[position] is '\r' or '\n')
        {
            if (data[position] == '\r')
            {
                if (position + 1 >= _end && !_eof) return NeedMoreFrom(position, line);
                if (position + 1 < _end && data[position + 1] == '\n') position++;
            }
            position++;
            line++;
        }
        if (position >= _end)
        {
            if (!_eof) return NeedMoreFrom(position, line);
            _start = position;
            _nextLine = line;
            return Scan.End;
        }

        var recordLine = line;
        if (data[position] != '"')
        {
            // Most records hold no quote: find the line end, then split it at the delimiters.
            var lineLength = data[position.._end].IndexOfAny('"', '\r', '\n');
            if (lineLength < 0 && !_eof) return Scan.NeedMore;
            if (lineLength < 0 || data[position + lineLength] != '"')
                return SplitUnquoted(position, lineLength < 0 ? _end : position + lineLength, line, recordLine);
        }
        var fields = 0;
        var escapes = false;
        while (true)
        {
            EnsureFieldCapacity(fields + 1);
            if (data[position] == '"')
            {
                // Quoted field: runs to a quote not followed by another quote.
                var contentStart = position + 1;
                var scan = contentStart;
                while (true)
                {
                    var next = data[scan.._end].IndexOfAny('"', '\n', '\r');
                    if (next < 0)
                    {
                        if (!_eof) return Scan.NeedMore;
                        throw new CsvMalformedException(CsvMalformation.UnclosedQuote, Record + 1, recordLine, fields);
                    }
                    scan += next;
                    if (data[scan] != '"')
                    {
                        if (data[scan] == '\r' && scan + 1 >= _end && !_eof) return Scan.NeedMore;
                        if (data[scan] == '\r' && scan + 1 < _end && data[scan + 1] == '\n') scan++;
                        line++;
                        scan++;
                        continue;
                    }
                    if (scan + 1 >= _end)
                    {
                        if (!_eof) return Scan.NeedMore;
                        break; // closing quote at the end of the file
                    }
                    if (data[scan + 1] == '"')
                    {
                        escapes = true;
                        scan += 2;
                        continue;
                    }
                    break;
                }
                _fieldStart[fields] = contentStart;
                _fieldEnd[fields] = -scan - 1; // negative: quoted, unescaped later
                position = scan + 1;
                fields++;
                if (position >= _end)
                {
                    if (!_eof) return Scan.NeedMore;
                    return Complete(fields, escapes, position, line, recordLine);
                }
                var after = data[position];
                if (after == _delimiter)
                {
                    position++;
                    if (position >= _end && !_eof) return Scan.NeedMore;
                    if (position >= _end) { EnsureFieldCapacity(fields + 1); _fieldStart[fields] = position; _fieldEnd[fields] = position; return Complete(fields + 1, escapes, position, line, recordLine); }
                    continue;
                }
                if (after is '\r' or '\n')
                    return EndOfLine(ref position, fields, escapes, line, recordLine);
                throw new CsvMalformedException(CsvMalformation.TextAfterClosingQuote, Record + 1, recordLine, fields - 1); // the quoted field just closed
            }

            var stop = data[position.._end].IndexOfAny(_unquotedStops);
            if (stop < 0)
            {
                if (!_eof) return Scan.NeedMore;
                _fieldStart[fields] = position;
                _fieldEnd[fields] = _end;
                return Complete(fields + 1, escapes, _end, line, recordLine);
            }
            var at = position + stop;
            if (data[at] == '"')
                throw new CsvMalformedException(CsvMalformation.QuoteInUnquotedField, Record + 1, recordLine, fields);
            _fieldStart[fields] = position;
            _fieldEnd[fields] = at;
            fields++;
            position = at;
            if (data[at] == _delimiter)
            {
                position++;
                if (position >= _end)
                {
                    if (!_eof) return Scan.NeedMore;
                    EnsureFieldCapacity(fields + 1);
                    _fieldStart[fields] = position;
                    _fieldEnd[fields] = position;
                    return Complete(fields + 1, escapes, position, line, recordLine);
                }
                continue;
            }
            return EndOfLine(ref position, fields, escapes, line, recordLine);
        }
    }

    /// <summary>
    /// A record [start, lineEnd) without quotes, split at the delimiters 16 (or 8) chars at a time (a vector
    /// compare and a bit mask): the same fields the general loop finds, with no call per field.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Scan SplitUnquoted(int start, int lineEnd, int line, int recordLine)
    {
        if (lineEnd < _end && _buffer[lineEnd] == '\r' && lineEnd + 1 >= _end && !_eof) return Scan.NeedMore; // a CR whose LF is not read yet
        var fields = 0;
        var fieldStart = start;
        var i = start;
        ref var first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetArrayDataReference(_buffer));
        if (Vector256.IsHardwareAccelerated)
        {
            var wide = Vector256.Create((ushort)_delimiter);
            for (; i + Vector256<ushort>.Count <= lineEnd; i += Vector256<ushort>.Count)
            {
                AddFields(Vector256.Equals(Vector256.LoadUnsafe(ref first, (nuint)i), wide).ExtractMostSignificantBits(), i, ref fields, ref fieldStart);
            }
        }
        var delimiter = Vector128.Create((ushort)_delimiter);
        for (; i + Vector128<ushort>.Count <= lineEnd; i += Vector128<ushort>.Count)
        {
            AddFields(Vector128.Equals(Vector128.LoadUnsafe(ref first, (nuint)i), delimiter).ExtractMostSignificantBits(), i, ref fields, ref fieldStart);
        }
        for (; i < lineEnd; i++)
        {
            if (_buffer[i] != _delimiter) continue;
            AddField(ref fields, fieldStart, i);
            fieldStart = i + 1;
        }
        AddField(ref fields, fieldStart, lineEnd);
        if (lineEnd >= _end) return Complete(fields, false, lineEnd, line, recordLine); // the last line, without a line end
        var position = lineEnd;
        return EndOfLine(ref position, fields, false, line, recordLine);
    }

    /// <summary>A field ends at every set bit of <paramref name="delimiters"/> (bit k: the char at <paramref name="at"/> + k).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddFields(uint delimiters, int at, ref int fields, ref int fieldStart)
    {
        while (delimiters != 0)
        {
            var end = at + BitOperations.TrailingZeroCount(delimiters);
            AddField(ref fields, fieldStart, end);
            fieldStart = end + 1;
            delimiters &= delimiters - 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddField(ref int fields, int start, int end)
    {
        if (fields == _fieldStart.Length) EnsureFieldCapacity(fields + 1);
        _fieldStart[fields] = start;
        _fieldEnd[fields] = end;
        fields++;
    }

    private Scan EndOfLine(ref int position, int fields, bool escapes, int line, int recordLine)
    {
        if (_buffer[position] == '\r')
        {
            if (position + 1 >= _end && !_eof) return Scan.NeedMore;
            if (position + 1 < _end && _buffer[position + 1] == '\n') position++;
        }
        position++;
        return Complete(fields, escapes, position, line + 1, recordLine);
    }

    private Scan NeedMoreFrom(int position, int line)
    {
        // Drop the skipped empty lines so a file of blank lines does not grow the buffer.
        _start = position;
        _nextLine = line;
        return Scan.NeedMore;
    }

    private Scan Complete(int fields, bool escapes, int next, int nextLine, int recordLine)
    {
        for (var j = 0; j < fields; j++)
        {
            if (_fieldEnd[j] >= 0) continue;
            var end = -_fieldEnd[j] - 1;
            if (escapes) end = Unescape(_fieldStart[j], end);
            _fieldEnd[j] = end;
        }
        FieldCount = fields;
        Record++;
        Line = recordLine;
        _start = next;
        _nextLine = nextLine;
        return Scan.Complete;
    }

    /// <summary>Turns "" into " in place (the text only shrinks); returns the new end.</summary>
    private int Unescape(int start, int end)
    {
        var write = start;
        for (var read = start; read < end; read++, write++)
        {
            _buffer[write] = _buffer[read];
            if (_buffer[read] == '"') read++;
        }
        return write;
    }

    private void Refill()
    {
        if (_start > 0)
        {
            // Keep the unfinished record, at the front.
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        int read;
        try
        {
            read = _text.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (CsvEncodingException problem)
        {
            throw Place(problem);
        }
        if (read == 0) _eof = true;
        else _end += read;
    }

    /// <summary>
    /// <paramref name="problem"/> (bytes that follow the text read so far) located: what is buffered from
    /// <see cref="_start"/> is skipped empty lines and the start of the record that holds those bytes, so its
    /// line breaks, quotes and delimiters give the record, line and field. Only on this error path.
    /// </summary>
    private CsvEncodingException Place(CsvEncodingException problem)
    {
        var data = _buffer.AsSpan(_start, _end - _start);
        var record = Record + 1;
        var line = _nextLine;
        var field = 0;
        var quoted = false;
        var inRecord = false;
        for (var i = 0; i < data.Length; i++)
        {
            var c = data[i];
            if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < data.Length && data[i + 1] == '\n') i++;
                line++;
                if (!quoted && inRecord)
                {
                    record++; // the record ended with a line end the tokenizer had not yet seen whole
                    field = 0;
                    inRecord = false;
                }
                continue;
            }
            inRecord = true;
            if (c == '"') quoted = !quoted;
            else if (c == _delimiter && !quoted) field++;
        }
        return new CsvEncodingException(problem.Problem, problem.ByteOffset, problem.FirstByte) { Record = record, Line = line, Field = field };
    }

    private void EnsureFieldCapacity(int count)
    {
        if (count <= _fieldStart.Length) return;
        Array.Resize(ref _fieldStart, _fieldStart.Length * 2);
        Array.Resize(ref _fieldEnd, _fieldEnd.Length * 2);
    }

    public void Dispose() => _text.Dispose();
}

/// <summary>The malformed shapes <see cref="CsvRecordReader"/> stops at.</summary>
internal enum CsvMalformation { QuoteInUnquotedField, TextAfterClosingQuote, UnclosedQuote }

/// <summary>A malformed record: its kind, record number (header = 1), first line and the 0-based field at fault.</summary>
internal sealed class CsvMalformedException(CsvMalformation kind, long record, int line, int field)
    : Exception("malformed CSV (" + kind + ") in record " + record + ", line " + line + ", field " + field + ".")
{
    public CsvMalformation Kind { get; } = kind;

    public long Record { get; } = record;

    public int Line { get; } = line;

    public int Field { get; } = field;
}
