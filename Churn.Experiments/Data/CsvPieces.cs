using Microsoft.Win32.SafeHandles;

namespace Churn.Experiments.Data;

/// <summary>
/// A CSV file's data rows cut at line ends into pieces of about <c>pieceBytes</c>, so that several threads can
/// parse them, when <see cref="CsvLineCuts"/> says it can be (at least two pieces of rows). The header is checked
/// here; each piece is checked when it is read (<see cref="IsPlain"/>), so the file is not read twice, and the
/// first piece that is not plain ends the parallel read at that piece.
/// </summary>
internal sealed class CsvPieces : IDisposable
{
    private CsvPieces(SafeFileHandle handle, List<(long Start, long End)> bounds)
    {
        Handle = handle;
        Bounds = bounds;
    }

    public SafeFileHandle Handle { get; }

    /// <summary>Byte ranges [Start, End) of whole lines, in file order, from the line after the header to the end.</summary>
    public IReadOnlyList<(long Start, long End)> Bounds { get; }

    /// <summary>The pieces of <paramref name="path"/>, or null when it is too small or cannot be cut safely.</summary>
    public static CsvPieces? Plan(string path, int pieceBytes)
    {
        if (!File.Exists(path)) return null;
        var handle = File.OpenHandle(path);
        try
        {
            var length = RandomAccess.GetLength(handle);
            var head = new byte[(int)Math.Min(length, 1 << 20)];
            head = head[..RandomAccess.Read(handle, head, 0)];
            var headerEnd = head.AsSpan().IndexOf((byte)'\n');
            if (headerEnd < 0 || !IsPlain(head.AsSpan(0, headerEnd + 1)) || !CsvLineCuts.WorthCutting(length - (headerEnd + 1), pieceBytes))
            {
                handle.Dispose();
                return null;
            }
            var bounds = new List<(long, long)>();
            var probe = new byte[4096];
            for (long start = headerEnd + 1, cut = start + pieceBytes; start < length; cut = start + pieceBytes)
            {
                var end = length;
                for (var at = cut - 1; at < length;)
                {
                    var read = RandomAccess.Read(handle, probe, at);
                    if (read <= 0) break;
                    var line = probe.AsSpan(0, read).IndexOf((byte)'\n');
                    if (line >= 0)
                    {
                        end = at + line + 1;
                        break;
                    }
                    at += read;
                }
                bounds.Add((start, end));
                start = end;
            }
            return new CsvPieces(handle, bounds);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Every '\n' in these bytes ends a record (<see cref="CsvLineCuts.Plain"/>).</summary>
    public static bool IsPlain(ReadOnlySpan<byte> bytes) => CsvLineCuts.IsPlain(bytes);

    public void Dispose() => Handle.Dispose();
}
