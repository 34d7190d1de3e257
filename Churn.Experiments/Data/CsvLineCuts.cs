namespace Churn.Experiments.Data;

/// <summary>
/// The one rule for cutting a CSV file at line ends so that its parts can be parsed apart (the loader's two
/// halves, <see cref="CsvFileLayout"/>; predict's pieces, <see cref="CsvPieces"/>): the bytes are UTF-8 (no
/// UTF-16 byte-order mark), hold no quote (so no line end sits inside a field) and no CR outside a CRLF (so
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

    /// <summary>Carriage returns seen so far.</summary>
    public long CarriageReturns { get; private set; }

    /// <summary>True when every '\n' in the bytes added so far ends a record.</summary>
    public readonly bool Plain => !_utf16 && _quotes == 0 && CarriageReturns == _crlf;

    public void Add(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return;
        if (_bytes == 0 && bytes.Length >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF)) _utf16 = true;
        _quotes += bytes.Count((byte)'"');
        CarriageReturns += bytes.Count((byte)'\r');
        _crlf += bytes.Count("\r\n"u8) + (_last == '\r' && bytes[0] == '\n' ? 1 : 0);
        _last = bytes[^1];
        _bytes += bytes.Length;
    }

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
