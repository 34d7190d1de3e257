using Microsoft.Win32.SafeHandles;

namespace Churn.Experiments.Data;

/// <summary>
/// What one cheap pass over a CSV file's bytes tells <see cref="CsvTableReader"/> before it parses: the
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
        var buffer = new byte[1 << 20];
        long lineEnds = 0;
        var cuts = new CsvLineCuts();
        long? split = null;
        long lineEndsBeforeSplit = 0;
        var previous = (byte)0;
        var half = length / 2;
        for (long offset = 0; offset < length;)
        {
            var read = RandomAccess.Read(handle, buffer, offset);
            if (read <= 0) break;
            var bytes = buffer.AsSpan(0, read);
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
            cuts.Add(bytes);
            previous = bytes[^1];
            offset += read;
        }
        // Records are the line ends (CR-only files: the CRs), one more when the last line has none; one is the header.
        var records = Math.Max(lineEnds, cuts.CarriageReturns) + (length > 0 && previous is not (byte)'\n' and not (byte)'\r' ? 1 : 0);
        var bound = (int)Math.Clamp(records - 1, 0, Array.MaxLength);
        var splittable = cuts.Plain && CsvLineCuts.WorthCutting(length, MinimumHalf) && split < length;
        return new CsvFileLayout(length, bound, splittable ? split : null, (int)lineEndsBeforeSplit);
    }
}

/// <summary>A read-only window [start, start + length) of an open file, read with positional reads.</summary>
internal sealed class FileSliceStream(SafeFileHandle handle, long start, long length) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var left = length - _position;
        if (left <= 0) return 0;
        if (buffer.Length > left) buffer = buffer[..(int)left];
        var read = RandomAccess.Read(handle, buffer, start + _position);
        _position += read;
        return read;
    }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
