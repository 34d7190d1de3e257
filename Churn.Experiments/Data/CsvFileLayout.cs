namespace Churn.Experiments.Data;

/// <summary>
/// What one cheap pass over a CSV file's bytes tells <see cref="CsvTableReader"/> before it parses: the
/// number of data rows at most (exact without blank lines or quoted line breaks, so every column is
/// allocated once at its final size)
/// and whether it can be cut in two at a line end and read on two cores. That takes a UTF-8 file with no
/// quote at all (so no line end sits inside a field) and no bare CR (so a line end is a '\n' byte).
/// </summary>
internal sealed record CsvFileLayout(long Length, int RowsAtMost, long? Split, int LineEndsBeforeSplit)
{
    /// <summary>Smaller files are read on one core: a second thread would not pay for itself.</summary>
    public const long MinimumSplitLength = 4 << 20;

    public static CsvFileLayout Inspect(string path)
    {
        using var handle = File.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);
        var buffer = new byte[1 << 20];
        long lineEnds = 0, quotes = 0, carriageReturns = 0, crlf = 0;
        long? split = null;
        long lineEndsBeforeSplit = 0;
        var previous = (byte)0;
        var half = length / 2;
        var utf16 = false;
        for (long offset = 0; offset < length;)
        {
            var read = RandomAccess.Read(handle, buffer, offset);
            if (read <= 0) break;
            var bytes = buffer.AsSpan(0, read);
            if (offset == 0 && bytes.Length >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF)) utf16 = true;
            if (split is null && offset + read > half)
            {
                var from = (int)Math.Max(0, half - offset);
                var at = bytes[from..].IndexOf((byte)'\n');
                if (at >= 0)
                {
                    split = offset + from + at + 1;
                    lineEndsBeforeSplit = lineEnds + bytes[..(from + at + 1)].Count((byte)'\n');
                }
            }
            lineEnds += bytes.Count((byte)'\n');
            quotes += bytes.Count((byte)'"');
            carriageReturns += bytes.Count((byte)'\r');
            crlf += bytes.Count("\r\n"u8) + (previous == '\r' && bytes[0] == '\n' ? 1 : 0);
            previous = bytes[^1];
            offset += read;
        }
        // Records are the line ends (CR-only files: the CRs), one more when the last line has none; one is the header.
        var records = Math.Max(lineEnds, carriageReturns) + (length > 0 && previous is not (byte)'\n' and not (byte)'\r' ? 1 : 0);
        var bound = (int)Math.Clamp(records - 1, 0, Array.MaxLength);
        var splittable = !utf16 && quotes == 0 && carriageReturns == crlf && length >= MinimumSplitLength && split < length;
        return new CsvFileLayout(length, bound, splittable ? split : null, (int)lineEndsBeforeSplit);
    }
}
