using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace Churn.Experiments.Data;

/// <summary>
/// Reads the rows of one part of a plain CSV file (valid UTF-8, no quote, no bare CR: <see cref="CsvFileLayout"/>)
/// straight from its bytes into <see cref="ColumnBuilder"/>s, as <see cref="CsvRecordReader"/> reads them: a
/// line ends at "\n" or "\r\n", empty lines are skipped but counted, a field is the bytes between delimiters.
/// A short decimal in a numeric column becomes a double with no char or string made (<see cref="ShortDecimal"/>);
/// every other cell is decoded and goes through <see cref="ColumnBuilder.Add"/>, so blanks, missing tokens
/// and the type rules are those of the one-core path.
/// </summary>
internal static class PlainCsvPart
{
    private const int BufferSize = 1 << 20;

    /// <summary>
    /// Reads the bytes [<paramref name="start"/>, <paramref name="end"/>) (the first line is the header when
    /// <paramref name="start"/> is 0) into <paramref name="into"/> and each row's file line into
    /// <paramref name="lines"/> from <paramref name="offset"/>. Returns the rows, or -1 when a row is not plain
    /// (a field count other than the header's, more rows than <paramref name="lines"/> holds, a UTF-32 mark).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot per cell: skip tier-0 code, which a busy machine may run for seconds
    public static int Read(SafeFileHandle handle, long start, long end, CsvRowReader reader, ColumnBuilder[] into, int[] lines, int offset, int linesBefore)
    {
        if (reader.Delimiter > 0x7F) return -1;
        var delimiter = (byte)reader.Delimiter;
        var shortNumbers = !reader.HasMissingTokens; // a missing token may look like a number ("-999")
        var buffer = new byte[BufferSize];
        var chars = new char[256];
        var repeated = into.Select(b => b.IsText ? new RepeatedTextCells() : null).ToArray();
        var header = start == 0;
        var from = 0;
        var kept = 0;
        var position = start;
        var line = linesBefore;
        var row = 0;
        while (true)
        {
            var read = position < end ? RandomAccess.Read(handle, buffer.AsSpan(kept, (int)Math.Min(buffer.Length - kept, end - position)), position) : 0;
            position += read;
            var atEnd = position >= end || read == 0;
            var data = buffer.AsSpan(0, kept + read);
            if (position - read == start && start == 0)
            {
                if (data.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF])) return -1;
                if (data.StartsWith("\uFEFF"u8)) from = 3; // the byte-order mark, dropped as the decoder drops it
            }
            while (from < data.Length)
            {
                var rest = data[from..];
                var lineEnd = rest.IndexOf((byte)'\n');
                ReadOnlySpan<byte> record;
                if (lineEnd >= 0)
                {
                    record = rest[..lineEnd];
                    from += lineEnd + 1;
                }
                else if (atEnd)
                {
                    record = rest;
                    from = data.Length;
                }
                else break; // the line runs on into the next read
                line++;
                if (!record.IsEmpty && record[^1] == '\r') record = record[..^1];
                if (record.IsEmpty) continue;
                if (header)
                {
                    header = false;
                    continue;
                }
                if (offset + row >= lines.Length || !AddRecord(record, delimiter, shortNumbers, reader, into, repeated, ref chars, row, line)) return -1;
                lines[offset + row++] = line;
            }
            if (atEnd) return row;
            kept = data.Length - from;
            if (kept == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2); // a line longer than the buffer
            buffer.AsSpan(from, kept).CopyTo(buffer);
            from = 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool AddRecord(ReadOnlySpan<byte> record, byte delimiter, bool shortNumbers, CsvRowReader reader, ColumnBuilder[] into,
        RepeatedTextCells?[] repeated, ref char[] chars, int row, int line)
    {
        var last = into.Length - 1;
        for (var j = 0; j <= last; j++)
        {
            var builder = into[j];
            var shortNumber = shortNumbers && !builder.IsText;
            // A short decimal is read in the scan that finds its end (the delimiter cannot be the separator then);
            // when that scan refuses the field, ShortDecimal.TryParse would refuse it too, so it is not asked again.
            var inScan = shortNumber && delimiter != builder.DecimalSeparator;
            if (inScan && ShortDecimal.TryParseField(record, delimiter, builder.DecimalSeparator, out var number, out var length))
            {
                var ended = length == record.Length;
                if (ended != (j == last)) return false; // fewer or more fields than the header
                builder.AddNumber(number);
                if (!ended) record = record[(length + 1)..];
                continue;
            }
            var at = record.IndexOf(delimiter);
            if ((at < 0) != (j == last)) return false; // fewer or more fields than the header
            var cell = at < 0 ? record : record[..at];
            if (shortNumber && !inScan && ShortDecimal.TryParse(cell, builder.DecimalSeparator, out var value))
                builder.AddNumber(value);
            else if (repeated[j] is { } known && known.TryGet(cell, out var code))
                builder.AddKnownText(code, row, line);
            else
            {
                if (chars.Length < cell.Length) chars = new char[cell.Length * 2];
                var text = chars.AsSpan(0, Encoding.UTF8.GetChars(cell, chars));
                var missing = reader.IsMissingCell(text);
                builder.Add(text, missing, row, line);
                if (!missing) repeated[j]?.Remember(cell, builder.LastCode);
            }
            if (at >= 0) record = record[(at + 1)..];
        }
        return true;
    }
}
