namespace Churn.Experiments.Data;

/// <summary>
/// What a cheap look at a CSV file's bytes (one pass, over the two halves at once for a large file) tells
/// <see cref="CsvTableReader"/> before it parses: the
/// number of data rows at most (exact without blank lines or quoted line breaks, so every column is
/// allocated once at its final size)
/// and whether it can be cut in two at a line end and read on two cores (<see cref="CsvLineCuts"/>, with halves
/// of at least <see cref="MinimumHalf"/>).
/// </summary>
internal sealed record CsvFileLayout(long Length, int RowsAtMost, long? Split, int LineEndsBeforeSplit)
{
    /// <summary>Each half of a file read on two cores holds at least this many bytes.</summary>
    private const long MinimumHalf = 2 << 20;

    /// <summary>Smaller files are read on one core: a second thread would not pay for itself.</summary>
    public const long MinimumSplitLength = 2 * MinimumHalf;

    public static CsvFileLayout Inspect(string path)
    {
        using var handle = File.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);
        // A large file is looked at in two halves at once, cut after the first line end from its middle (the
        // loader's cut): the '\n' ending the first half closes every count and character, so the halves add up.
        var split = length >= MinimumSplitLength ? LineStartAfter(handle, length / 2, length) : null;
        // A cut at the end (the only line end past the middle is the last byte) is no cut: the second "half" would be
        // empty, and its last byte, not the file's, would say whether the last line ends.
        if (split == length) split = null;
        Bytes first, second = default;
        if (split is { } cut)
        {
            var after = Task.Run(() => Bytes.Scan(handle, cut, length));
            first = Bytes.Scan(handle, 0, cut);
            second = after.GetAwaiter().GetResult();
        }
        else first = Bytes.Scan(handle, 0, length);
        var lineEnds = first.LineEnds + second.LineEnds;
        var carriageReturns = first.Cuts.CarriageReturns + second.Cuts.CarriageReturns;
        var last = split is null ? first.Last : second.Last;
        // Records are the line ends (CR-only files: the CRs), one more when the last line has none; one is the header.
        var records = Math.Max(lineEnds, carriageReturns) + (length > 0 && last is not (byte)'\n' and not (byte)'\r' ? 1 : 0);
        var bound = (int)Math.Clamp(records - 1, 0, Array.MaxLength);
        var plain = first.Cuts.Plain && (split is null || second.Cuts.Plain);
        var splittable = plain && CsvLineCuts.WorthCutting(length, MinimumHalf) && split is not null;
        return new CsvFileLayout(length, bound, splittable ? split : null, (int)first.LineEnds);
    }

    /// <summary>The offset just past the first '\n' at or after <paramref name="from"/>; null when there is none.</summary>
    private static long? LineStartAfter(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long from, long length)
    {
        var buffer = new byte[1 << 16];
        for (var offset = from; offset < length;)
        {
            var read = RandomAccess.Read(handle, buffer, offset);
            if (read <= 0) break;
            var at = buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (at >= 0) return offset + at + 1;
            offset += read;
        }
        return null;
    }

    /// <summary>What the bytes of [start, end) hold: line ends, the cutting rule's counts and the last byte.</summary>
    private readonly record struct Bytes(long LineEnds, CsvLineCuts Cuts, byte Last)
    {
        public static Bytes Scan(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long start, long end)
        {
            var buffer = new byte[1 << 20];
            long lineEnds = 0;
            var cuts = new CsvLineCuts();
            var last = (byte)0;
            for (var offset = start; offset < end;)
            {
                var read = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - offset)), offset);
                if (read <= 0) break;
                var bytes = buffer.AsSpan(0, read);
                lineEnds += bytes.Count((byte)'\n');
                cuts.Add(bytes);
                last = bytes[^1];
                offset += read;
            }
            return new Bytes(lineEnds, cuts, last);
        }
    }
}
