using CsvHelper;

namespace Churn.Experiments.Data;

/// <summary>
/// Streams a CSV file with a header one row at a time without keeping earlier rows, for scoring
/// files that do not fit in memory. The fields are read by <see cref="CsvRecordReader"/> as spans:
/// <see cref="GetDouble"/>, <see cref="IsMissing"/> and <see cref="Field"/> make no string, and
/// <see cref="Fields"/> (a buffer reused for every row: copy what you keep) makes the row's strings only
/// when asked. The bytes are UTF-8 (or UTF-16/32 with a byte-order mark), decoded by <see cref="CsvText"/>, which
/// refuses bytes that are not. Every problem (ragged row, bad quotes, bytes that are not UTF-8, non-numeric cell asked for as a number) is a
/// <see cref="ChurnDataException"/> naming file, data row, line, column and value; a malformed record is
/// worded by CsvHelper (<see cref="DescribeMalformed"/>), whose messages the tests pin.
/// </summary>
public sealed class CsvRowReader : IDisposable
{
    private readonly CsvRecordReader _reader;
    private readonly Dictionary<string, int> _index;
    private readonly MissingCells _missing;
    private readonly string[] _fields;
    private readonly StringPool _pool = new();
    private long _fieldsRow = -1;
    private readonly Func<Stream> _bytes;
    private int _headerRecords = 1; // records before the first data row: the header, none in a slice

    private CsvRowReader(string path, Func<Stream> bytes, CsvRecordReader reader, string[] header, MissingCells missing, char delimiter, CsvNumberFormat numberFormat)
    {
        Path = path;
        _bytes = bytes;
        Delimiter = delimiter;
        NumberFormat = numberFormat;
        _reader = reader;
        Header = Array.AsReadOnly(header);
        _fields = new string[header.Length];
        _missing = missing;
        _index = new Dictionary<string, int>(header.Length, StringComparer.Ordinal);
        for (var j = 0; j < header.Length; j++) _index[header[j]] = j;
    }

    public string Path { get; }

    /// <summary>The field delimiter in use (',' unless given or detected from the header).</summary>
    public char Delimiter { get; }

    /// <summary>How this file's numbers are read (decimal separator given or detected from the first rows).</summary>
    public CsvNumberFormat NumberFormat { get; }

    public IReadOnlyList<string> Header { get; }

    public int ColumnCount => Header.Count;

    /// <summary>1-based data row of the current record (0 before the first <see cref="Read"/>).</summary>
    public int Row { get; private set; }

    /// <summary>1-based file line on which the current record starts (header = line 1).</summary>
    public int Line { get; private set; } = 1;

    /// <summary>The current record's fields as strings; the array is reused for the next row.</summary>
    public string[] Fields
    {
        get
        {
            if (_fieldsRow != Row)
            {
                for (var j = 0; j < _fields.Length; j++) _fields[j] = _reader.Field(j).ToString();
                _fieldsRow = Row;
            }
            return _fields;
        }
    }

    /// <summary>The current record's field as a span, valid until the next <see cref="Read"/>.</summary>
    public ReadOnlySpan<char> Field(int column) => _reader.Field(column);

    /// <summary>
    /// Opens <paramref name="path"/> and reads and checks its header (not empty, no blank or duplicate
    /// names). Throws <see cref="ChurnDataException"/> when the file is missing or has no header.
    /// </summary>
    public static CsvRowReader Open(string path, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new ChurnDataException(
                Directory.Exists(path) ? "is a directory, not a CSV file." : "file not found (full path: " + System.IO.Path.GetFullPath(path) + ").",
                path);

        var reader = Start(path, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16),
            delimiter => new CsvRecordReader(path, delimiter), () => string.IsNullOrWhiteSpace(File.ReadAllText(path)),
            () => FirstLine(new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true)), options);
        reader.ReadsFile = true;
        return reader;
    }

    /// <summary>True when <see cref="Path"/> is the file being read (not the name of bytes held in memory).</summary>
    internal bool ReadsFile { get; private set; }

    /// <summary>
    /// Reads CSV held in memory (an HTTP upload), checked exactly as <see cref="Open"/> checks a file;
    /// <paramref name="name"/> stands for the file name in messages. Nothing is written to disk.
    /// </summary>
    public static CsvRowReader FromBytes(byte[] content, string name, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        return FromBytes(new ArraySegment<byte>(content), name, options);
    }

    /// <summary>
    /// <see cref="FromBytes(byte[], string, CsvReadOptions?)"/> on a part of an array, read in place: an upload is
    /// read from the request's own buffer, not from a copy of it. The bytes must not change while the reader is used.
    /// </summary>
    public static CsvRowReader FromBytes(ArraySegment<byte> content, string name, CsvReadOptions? options = null)
    {
        var array = content.Array ?? throw new ArgumentNullException(nameof(content));
        MemoryStream Bytes() => new(array, content.Offset, content.Count, writable: false);
        return Start(name, Bytes,
            delimiter => new CsvRecordReader(new CsvText(Bytes(), fileStart: true), delimiter),
            () => content.AsSpan().Trim(" \t\r\n"u8).IsEmpty,
            () => FirstLine(new StreamReader(Bytes(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true)), options);
    }

    private static string FirstLine(StreamReader reader)
    {
        using (reader) return reader.ReadLine() ?? "";
    }

    // bytes: opens the file's bytes from the start, from which a malformed record is described.
    private static CsvRowReader Start(string path, Func<Stream> bytes, Func<char, CsvRecordReader> create, Func<bool> isBlank, Func<string> firstLine,
        CsvReadOptions? options)
    {
        options ??= CsvReadOptions.Default;
        options.Validate();
        // A header with more ';', tabs or '|' than commas outside quotes is a file written with another separator
        // (Excel in many locales writes ';', and decimal commas in the rows): read it with that one, before a
        // quoted name followed by ';' could be taken for malformed ',' CSV.
        if (options.Delimiter == ',' && DetectSeparator(firstLine()) is { } separator)
            options = options with { Delimiter = separator };
        var reader = create(options.Delimiter);
        try
        {
            string[] header;
            try
            {
                header = reader.Read()
                    ? Enumerable.Range(0, reader.FieldCount).Select(j => reader.Field(j).Trim().ToString()).ToArray()
                    : [];
            }
            catch (CsvMalformedException ex)
            {
                throw DescribeMalformed(ex, path, bytes, options.Delimiter, null);
            }
            catch (CsvEncodingException ex)
            {
                throw NotText(ex, path, null, 1);
            }
            if (header.Length == 0 || (header.All(h => h.Length == 0) && isBlank()))
                throw new ChurnDataException("file is empty: no header line.", path, line: 1);
            CheckHeader(header, path);
            var tokens = new MissingCells(options.MissingTokens);
            var format = options.DecimalSeparator is { } given
                ? new CsvNumberFormat(given, false, "given with --decimal " + given)
                : options.Delimiter == ','
                    ? CsvNumberFormat.Point with { Reason = "a ',' separated file" } // a decimal comma would need quotes in every cell
                    : DetectNumberFormat(o => Start(path, bytes, create, isBlank, firstLine, o), options, header.Length);
            return new CsvRowReader(path, bytes, reader, header, tokens, options.Delimiter, format);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads up to <see cref="DecimalSeparatorDetector.SampleRows"/> rows with a second reader to choose the
    /// decimal separator, so a streamed file is read the same way as a loaded one.
    /// </summary>
    private static CsvNumberFormat DetectNumberFormat(Func<CsvReadOptions, CsvRowReader> reopen, CsvReadOptions options, int width)
    {
        using var sample = reopen(options with { DecimalSeparator = '.' });
        var detector = new DecimalSeparatorDetector(sample.Header);
        for (var row = 0; row < DecimalSeparatorDetector.SampleRows && sample.Read(); row++)
            for (var j = 0; j < width; j++)
                if (!sample.IsMissingCell(sample.Field(j))) detector.Observe(j, sample.Field(j).ToString());
        return detector.Decide(sample.Delimiter);
    }

    /// <summary>
    /// A reader of <paramref name="bytes"/>, a part of this file that holds whole data rows and no header, read
    /// as this reader reads them (delimiter, number format, missing tokens, header width); its rows count from 1.
    /// </summary>
    internal CsvRowReader Slice(Stream bytes) =>
        new(Path, _bytes, new CsvRecordReader(new CsvText(bytes, fileStart: false), Delimiter),
            [.. Header], _missing, Delimiter, NumberFormat) { _headerRecords = 0 };

    /// <summary>Advances to the next record; false at the end of the file.</summary>
    public bool Read()
    {
        try
        {
            if (!_reader.Read()) return false;
        }
        catch (CsvMalformedException ex)
        {
            throw DescribeMalformed(ex, Path, _bytes, Delimiter, _headerRecords == 1 ? Header : null);
        }
        catch (CsvEncodingException ex)
        {
            throw NotText(ex, Path, Header, _headerRecords);
        }
        Row = checked((int)_reader.Record - _headerRecords);
        Line = _reader.Line;
        if (_reader.FieldCount != Header.Count)
            throw new ChurnDataException(
                string.Format(CultureInfo.InvariantCulture, "row has {0} fields but the header has {1} columns.", _reader.FieldCount, Header.Count),
                Path, Row, Line);
        return true;
    }

    /// <summary>All records, each yielded as the reused <see cref="Fields"/> buffer.</summary>
    public IEnumerable<string[]> ReadAll()
    {
        while (Read()) yield return Fields;
    }

    /// <summary>Column position by exact name; throws listing close names when absent.</summary>
    public int IndexOf(string name)
    {
        if (_index.TryGetValue(name, out var j)) return j;
        throw new ChurnDataException(ColumnTable.MissingColumnMessage(Header, name), Path, column: name);
    }

    /// <summary>True when the current row's cell is blank, whitespace only or a missing token.</summary>
    public bool IsMissing(int column) => IsMissingCell(_reader.Field(column));

    internal bool IsMissingCell(string? cell) => cell is null || IsMissingCell(cell.AsSpan());

    internal bool IsMissingCell(ReadOnlySpan<char> cell) => _missing.IsMissing(cell);

    /// <summary>The current row's cell as a number; NaN when missing; throws naming file, row, column and value when not a number.</summary>
    public double GetDouble(int column)
    {
        var cell = _reader.Field(column);
        if (TryReadNumber(cell, out var value)) return value;
        throw NotANumber(column, cell.ToString());
    }

    /// <summary>A cell read as <see cref="GetDouble"/> reads it (NaN when missing); false when it is not a number.</summary>
    internal bool TryReadNumber(ReadOnlySpan<char> cell, out double value)
    {
        value = double.NaN;
        if (cell.IsEmpty) return true; // the common blank, before any parser sees it
        if (_missing.HasTokens && _missing.IsMissing(cell)) return true; // a token may look like a number ("-999")
        if (CsvNumber.TryParse(cell, NumberFormat.DecimalSeparator, out value)) return true;
        value = double.NaN;
        return CsvNumber.IsBlank(cell);
    }

    /// <summary>True when some cells are missing by token (then a cell that looks like a number may be missing).</summary>
    internal bool HasMissingTokens => _missing.HasTokens;

    /// <summary>The current row's cell as text (one shared string per distinct value); null when missing.</summary>
    public string? GetText(int column) => TextOf(_reader.Field(column), _pool);

    /// <summary>A cell read as <see cref="GetText"/> reads it, pooled in <paramref name="pool"/>.</summary>
    internal string? TextOf(ReadOnlySpan<char> cell, StringPool pool) => IsMissingCell(cell) ? null : pool.Get(cell);

    internal ChurnDataException NotANumber(int column, string cell) =>
        new(CsvNumber.NotANumberMessage(cell, NumberFormat), Path, Row, Line, Header[column], cell);

    public void Dispose() => _reader.Dispose();

    /// <summary>The one of ';', tab and '|' (in that order on a tie) that the header line holds more often than ',', outside quotes.</summary>
    internal static char? DetectSeparator(string headerLine)
    {
        ReadOnlySpan<char> candidates = [',', ';', '\t', '|'];
        Span<int> counts = stackalloc int[candidates.Length];
        var quoted = false;
        foreach (var c in headerLine)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && candidates.IndexOf(c) is var k and >= 0) counts[k]++;
        }
        var best = 0;
        for (var k = 1; k < candidates.Length; k++)
            if (counts[k] > counts[best]) best = k;
        return best == 0 ? null : candidates[best];
    }

    /// <summary>
    /// The message for a malformed record, worded as CsvHelper words it: the same bytes (<paramref name="bytes"/>:
    /// the file, or the upload held in memory, never a file that <paramref name="path"/> may name) are read again
    /// with CsvHelper up to the bad record (only on this error path). Should CsvHelper accept them, our own
    /// description is used.
    /// </summary>
    internal static ChurnDataException DescribeMalformed(CsvMalformedException malformed, string path, Func<Stream> bytes, char delimiter,
        IReadOnlyList<string>? header)
    {
        // Our tokenizer knows the field it stopped in; CsvHelper's words say what is wrong there.
        var column = malformed.Record > 1 && header is not null && malformed.Field >= 0 && malformed.Field < header.Count ? header[malformed.Field] : null;
        var csvOptions = new CsvReaderOptions
        {
            Separator = delimiter,
            HasHeader = true,
            Mode = CsvMode.Rfc4180,
            SkipEmptyLines = true,
            TrimWhitespace = false,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        try
        {
            using var reader = CsvReader.Create(bytes(), csvOptions, leaveOpen: false);
            reader.ReadHeader();
            while (reader.Read()) { }
        }
        catch (CsvFormatException ex)
        {
            return Malformed(ex, path, column);
        }
        int? row = malformed.Record > 1 ? checked((int)malformed.Record - 1) : null;
        var what = malformed.Kind switch
        {
            CsvMalformation.QuoteInUnquotedField => "a quote inside an unquoted field.",
            CsvMalformation.TextAfterClosingQuote => "text after the closing quote of a quoted field.",
            _ => "a quoted field that is never closed.",
        };
        return new ChurnDataException("malformed CSV: " + what, path, row, malformed.Line, column, inner: malformed);
    }

    /// <summary>Bytes that are not UTF-8 (or a UTF-16 file without a byte-order mark), at their row, line and column.</summary>
    private static ChurnDataException NotText(CsvEncodingException ex, string path, IReadOnlyList<string>? header, int headerRecords)
    {
        int? row = ex.Record > headerRecords ? checked((int)(ex.Record - headerRecords)) : null;
        var column = row is not null && header is not null && ex.Field < header.Count ? header[ex.Field] : null;
        return new ChurnDataException(ex.Problem, path, row, ex.Line > 0 ? ex.Line : null, column, inner: ex);
    }

    /// <summary>CsvHelper's account of a malformed record at its row and line, and at <paramref name="column"/> when known.</summary>
    internal static ChurnDataException Malformed(CsvFormatException ex, string path, string? column = null)
    {
        // RecordNumber counts the header as record 1.
        int? row = ex.RecordNumber > 1 ? checked((int)ex.RecordNumber - 1) : null;
        int? line = ex.LineNumber > 0 ? checked((int)ex.LineNumber) : null;
        var message = ex.Message;
        var end = message.IndexOfAny(['\r', '\n']);
        if (end >= 0) message = message[..end];
        // Our location replaces CsvHelper's "Malformed CSV in record 3 (line 3): " prefix (it counts the header as a record).
        message = System.Text.RegularExpressions.Regex.Replace(message, @"^Malformed CSV in record \d+( \(line \d+\))?: ", "");
        return new ChurnDataException("malformed CSV: " + message, path, row, line, column, inner: ex);
    }

    private static void CheckHeader(string[] header, string path)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < header.Length; j++)
        {
            if (header[j].Length == 0)
                throw new ChurnDataException(
                    string.Format(CultureInfo.InvariantCulture, "header name of column {0} (1-based) is blank; every column needs a name.", j + 1),
                    path, line: 1);
            if (!seen.TryAdd(header[j], j))
                throw new ChurnDataException(
                    string.Format(CultureInfo.InvariantCulture, "duplicate header name: columns {0} and {1} (1-based) are both named '{2}'.",
                        seen[header[j]] + 1, j + 1, header[j]),
                    path, line: 1, column: header[j]);
        }
    }
}
