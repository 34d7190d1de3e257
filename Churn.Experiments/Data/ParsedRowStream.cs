using System.Runtime.CompilerServices;
using System.Collections.Concurrent;

namespace Churn.Experiments.Data;

/// <summary>
/// Reads the chosen columns of a CSV on a background thread, parsed, in blocks of rows: one core
/// tokenizes and parses while the caller's core uses the rows (predict scores and writes them). Only
/// the chosen columns are parsed; no string is made for the others. Rows come in file order, and an
/// error (a bad cell, a ragged row) is thrown by <see cref="Blocks"/> after every row before it, as
/// if the file were read on the caller's thread. Memory is a few blocks, whatever the file's length.
/// A large file that can be cut at line ends (<see cref="CsvPieces"/>) is parsed by two threads, piece i by
/// thread i mod 2, and handed out piece by piece in file order, so the rows are those of one pass. A piece
/// that fails (a bad cell, a ragged row, a quote) makes the rest be read in one pass from the first row not
/// yet handed out, which throws the error with the row and line one pass gives. A piece is read from its UTF-8
/// bytes (<see cref="Utf8PieceParser"/>) when the delimiter is one byte. An optional per-block work (e.g. scoring)
/// runs on the parsing thread before a block is handed out, so it too uses both cores.
/// </summary>
public sealed class ParsedRowStream : IDisposable
{
    private const int BlockRows = 2048;
    private const int BlocksInFlight = 4;
    private const int PieceBytes = 1 << 20;
    private const int Workers = 2;
    private const int BlocksPerWorker = 6;
    private readonly CsvRowReader _reader;
    private readonly int[] _numeric;
    private readonly int[] _text;
    private readonly int[] _kept;
    private readonly BlockingCollection<object> _filled = new(BlocksInFlight);
    private readonly BlockingCollection<ParsedRows> _free = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _stopPieces = new();
    private readonly int _pieceBytes;
    private readonly Func<Action<ParsedRows>>? _work;
    private Task? _producer;
    private CsvPieces? _pieces;
    private Task[] _workers = [];

    /// <param name="reader">An open reader positioned before the first row.</param>
    /// <param name="numericColumns">Columns parsed as numbers (<see cref="CsvRowReader.GetDouble"/>: NaN when missing).</param>
    /// <param name="textColumns">Columns read as text (<see cref="CsvRowReader.GetText"/>: null when missing).</param>
    /// <param name="keptColumns">Columns kept as written (e.g. ids copied to the output).</param>
    /// <param name="work">
    /// Made once per parsing thread: the action it returns runs on that thread on every block, once filled and
    /// before it is handed out (what it makes of the rows goes in <see cref="ParsedRows.Annex"/>). It sees only
    /// the block: <see cref="ParsedRows.Rows"/> count from the start of a piece until the block is handed out.
    /// </param>
    public ParsedRowStream(CsvRowReader reader, IReadOnlyList<int> numericColumns, IReadOnlyList<int> textColumns, IReadOnlyList<int> keptColumns,
        Func<Action<ParsedRows>>? work = null)
        : this(reader, numericColumns, textColumns, keptColumns, PieceBytes, work)
    {
    }

    // pieceBytes: bytes per piece of a parallel read (tests make them small).
    internal ParsedRowStream(CsvRowReader reader, IReadOnlyList<int> numericColumns, IReadOnlyList<int> textColumns, IReadOnlyList<int> keptColumns,
        int pieceBytes, Func<Action<ParsedRows>>? work = null)
    {
        _pieceBytes = pieceBytes;
        _work = work;
        _reader = reader;
        _numeric = numericColumns.ToArray();
        _text = textColumns.ToArray();
        _kept = keptColumns.ToArray();
        for (var b = 0; b < BlocksInFlight + 2; b++) _free.Add(new ParsedRows(BlockRows, _numeric.Length, _text.Length, _kept.Length));
    }

    /// <summary>
    /// The blocks in file order. A block is reused once the enumeration moves past it: use its rows
    /// before asking for the next block.
    /// </summary>
    public IEnumerable<ParsedRows> Blocks()
    {
        _pieces = Environment.ProcessorCount > 1 && _reader.ReadsFile && _reader.Row == 0 ? CsvPieces.Plan(_reader.Path, _pieceBytes) : null;
        return _pieces is null ? OnePass() : InPieces(_pieces);
    }

    private IEnumerable<ParsedRows> OnePass()
    {
        _producer ??= Task.Factory.StartNew(Produce, TaskCreationOptions.LongRunning);
        ParsedRows? previous = null;
        foreach (var item in _filled.GetConsumingEnumerable())
        {
            if (previous is not null) _free.Add(previous);
            if (item is Exception error) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            previous = (ParsedRows)item;
            yield return previous;
        }
    }

    private void Produce()
    {
        try
        {
            var token = _stop.Token;
            var work = _work?.Invoke();
            while (true)
            {
                var block = _free.Take(token);
                block.Clear();
                try
                {
                    while (block.Count < BlockRows && _reader.Read()) Fill(block, _reader);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    if (block.Count > 0) // the rows before the error first
                    {
                        work?.Invoke(block);
                        _filled.Add(block, token);
                    }
                    throw;
                }
                if (block.Count == 0) break;
                work?.Invoke(block);
                _filled.Add(block, token);
                if (block.Count < BlockRows) break;
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            return;
        }
        catch (Exception error)
        {
            _filled.Add(error);
        }
        _filled.CompleteAdding();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot per cell: skip tier-0 code, which a busy machine may run for seconds
    private void Fill(ParsedRows block, CsvRowReader reader)
    {
        var r = block.Count;
        block.Rows[r] = reader.Row;
        var numbers = block.Numbers.AsSpan(r * _numeric.Length, _numeric.Length);
        for (var k = 0; k < _numeric.Length; k++) numbers[k] = reader.GetDouble(_numeric[k]);
        for (var k = 0; k < _text.Length; k++) block.Texts[r * _text.Length + k] = reader.GetText(_text[k]);
        for (var k = 0; k < _kept.Length; k++) block.Keep(r * _kept.Length + k, reader.Field(_kept[k]));
        block.Count = r + 1;
    }

    /// <summary>Marks the end of a piece in a worker's queue; Failed when it was not read (the rest is read in one pass).</summary>
    private sealed record PieceEnd(bool Failed);

    private IEnumerable<ParsedRows> InPieces(CsvPieces pieces)
    {
        var queues = new BlockingCollection<object>[Workers];
        var pools = new BlockingCollection<ParsedRows>[Workers];
        for (var w = 0; w < Workers; w++)
        {
            queues[w] = new BlockingCollection<object>();
            pools[w] = new BlockingCollection<ParsedRows>();
            for (var b = 0; b < BlocksPerWorker; b++) pools[w].Add(new ParsedRows(BlockRows, _numeric.Length, _text.Length, _kept.Length));
        }
        var token = _stopPieces.Token;
        _workers = Enumerable.Range(0, Workers)
            .Select(w => Task.Factory.StartNew(() => ParsePieces(pieces, w, queues[w], pools[w], token), TaskCreationOptions.LongRunning)).ToArray();
        var handedOut = 0;
        (ParsedRows Block, int Worker)? previous = null;
        for (var i = 0; i < pieces.Bounds.Count; i++)
        {
            var w = i % Workers;
            var rowsBefore = handedOut;
            while (true)
            {
                var item = queues[w].Take(token);
                if (previous is { } p) pools[p.Worker].Add(p.Block);
                previous = null;
                if (item is PieceEnd end)
                {
                    if (!end.Failed) break;
                    StopPieces();
                    for (var skip = 0; skip < handedOut; skip++) _reader.Read(); // rows the pieces already gave
                    foreach (var block in OnePass()) yield return block;
                    yield break;
                }
                var rows = (ParsedRows)item;
                for (var r = 0; r < rows.Count; r++) rows.Rows[r] += rowsBefore;
                handedOut += rows.Count;
                previous = (rows, w);
                yield return rows;
            }
        }
        StopPieces();
    }

    /// <summary>Worker <paramref name="worker"/>: pieces worker, worker + Workers, ... into its queue, blocks from its own pool.</summary>
    private void ParsePieces(CsvPieces pieces, int worker, BlockingCollection<object> queue, BlockingCollection<ParsedRows> pool, CancellationToken token)
    {
        var bytes = Array.Empty<byte>();
        var work = _work?.Invoke();
        var parser = Utf8PieceParser.Supports(_reader) ? new Utf8PieceParser(_reader, _numeric, _text, _kept) : null;
        try
        {
            for (var i = worker; i < pieces.Bounds.Count; i += Workers)
            {
                var (start, end) = pieces.Bounds[i];
                var length = checked((int)(end - start));
                if (bytes.Length < length) bytes = new byte[length];
                var read = 0;
                while (read < length)
                {
                    var n = RandomAccess.Read(pieces.Handle, bytes.AsSpan(read, length - read), start + read);
                    if (n <= 0) break;
                    read += n;
                }
                if (read < length || !CsvPieces.IsPlain(bytes.AsSpan(0, length)) || !ParsePiece(bytes, length, parser, work, queue, pool, token))
                {
                    queue.Add(new PieceEnd(Failed: true), token);
                    return; // what follows is read in one pass
                }
                queue.Add(new PieceEnd(Failed: false), token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception) when (!token.IsCancellationRequested)
        {
            queue.Add(new PieceEnd(Failed: true)); // e.g. a read error: the one-pass read meets it again and reports it
        }
    }

    /// <summary>
    /// False when the piece holds an error: its unfinished block is dropped (full blocks are already queued and counted as
    /// handed out), and the one-pass read resumes after them and words the error.
    /// </summary>
    private bool ParsePiece(byte[] bytes, int length, Utf8PieceParser? parser, Action<ParsedRows>? work, BlockingCollection<object> queue,
        BlockingCollection<ParsedRows> pool, CancellationToken token)
    {
        void Hand(ParsedRows block)
        {
            work?.Invoke(block);
            queue.Add(block, token);
        }
        if (parser is not null)
        {
            var parsed = parser.Parse(bytes.AsSpan(0, length), () => pool.Take(token), Hand, out var unfinished);
            if (!parsed)
            {
                if (unfinished is not null) pool.Add(unfinished);
                return false;
            }
            if (unfinished is not null) Hand(unfinished);
            return true;
        }
        using var slice = _reader.Slice(new MemoryStream(bytes, 0, length, writable: false));
        ParsedRows? block = null;
        try
        {
            while (slice.Read())
            {
                if (block is null)
                {
                    block = pool.Take(token);
                    block.Clear();
                }
                Fill(block, slice);
                if (block.Count == BlockRows)
                {
                    Hand(block);
                    block = null;
                }
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            if (block is not null) pool.Add(block);
            return false;
        }
        if (block is not null) Hand(block);
        return true;
    }

    private void StopPieces()
    {
        _stopPieces.Cancel();
        try
        {
            Task.WaitAll(_workers);
        }
        catch (AggregateException)
        {
            // Workers end on cancellation; nothing else escapes them.
        }
        _pieces?.Dispose();
    }

    public void Dispose()
    {
        StopPieces();
        _stopPieces.Dispose();
        _stop.Cancel();
        try
        {
            _producer?.Wait();
        }
        catch (AggregateException)
        {
            // The producer's own errors were handed to the consumer.
        }
        _stop.Dispose();
        _filled.Dispose();
        _free.Dispose();
    }
}

/// <summary>A block of parsed rows: row-major arrays, <see cref="Count"/> rows filled.</summary>
public sealed class ParsedRows
{
    internal ParsedRows(int capacity, int numeric, int text, int kept)
    {
        Rows = new int[capacity];
        Numbers = new double[capacity * numeric];
        Texts = new string?[capacity * text];
        _keptStart = new int[capacity * kept + 1];
        _keptColumns = kept;
    }

    private readonly int[] _keptStart; // cell i's chars are _keptChars[_keptStart[i].._keptStart[i + 1]]
    private readonly int _keptColumns;
    private char[] _keptChars = new char[1 << 12];

    public int Count { get; internal set; }

    /// <summary>1-based data row of each row.</summary>
    public int[] Rows { get; }

    /// <summary>Row r's numeric column k at [r * numericColumns + k].</summary>
    public double[] Numbers { get; }

    public string?[] Texts { get; }

    /// <summary>What the stream's per-block work made of these rows (e.g. their scores), kept with the block when it is reused.</summary>
    public object? Annex { get; set; }

    /// <summary>Row r's kept column k as written, valid until the block is reused (no string per cell).</summary>
    public ReadOnlySpan<char> Kept(int row, int column)
    {
        var cell = row * _keptColumns + column;
        return _keptChars.AsSpan(_keptStart[cell], _keptStart[cell + 1] - _keptStart[cell]);
    }

    internal void Clear()
    {
        Count = 0;
        _keptStart[0] = 0;
    }

    /// <summary>Appends kept cell <paramref name="cell"/> (cells are kept in order).</summary>
    internal void Keep(int cell, ReadOnlySpan<char> text)
    {
        var start = _keptStart[cell];
        if (start + text.Length > _keptChars.Length) Array.Resize(ref _keptChars, Math.Max(_keptChars.Length * 2, start + text.Length));
        text.CopyTo(_keptChars.AsSpan(start));
        _keptStart[cell + 1] = start + text.Length;
    }
}
