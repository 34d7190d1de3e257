using System.Runtime.CompilerServices;
using System.Collections.Concurrent;

namespace Churn.Experiments.Data;

/// <summary>
/// Reads the chosen columns of a CSV on a background thread, parsed, in blocks of rows: one core
/// tokenizes and parses while the caller's core uses the rows (predict scores and writes them). Only
/// the chosen columns are parsed; no string is made for the others. Rows come in file order, and an
/// error (a bad cell, a ragged row) is thrown by <see cref="Blocks"/> after every row before it, as
/// if the file were read on the caller's thread. Memory is a few blocks, whatever the file's length.
/// </summary>
public sealed class ParsedRowStream : IDisposable
{
    private const int BlockRows = 2048;
    private const int BlocksInFlight = 4;
    private readonly CsvRowReader _reader;
    private readonly int[] _numeric;
    private readonly int[] _text;
    private readonly int[] _kept;
    private readonly BlockingCollection<object> _filled = new(BlocksInFlight);
    private readonly BlockingCollection<ParsedRows> _free = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _producer;

    /// <param name="reader">An open reader positioned before the first row.</param>
    /// <param name="numericColumns">Columns parsed as numbers (<see cref="CsvRowReader.GetDouble"/>: NaN when missing).</param>
    /// <param name="textColumns">Columns read as text (<see cref="CsvRowReader.GetText"/>: null when missing).</param>
    /// <param name="keptColumns">Columns kept as written (e.g. ids copied to the output).</param>
    public ParsedRowStream(CsvRowReader reader, IReadOnlyList<int> numericColumns, IReadOnlyList<int> textColumns, IReadOnlyList<int> keptColumns)
    {
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
            while (true)
            {
                var block = _free.Take(token);
                block.Clear();
                try
                {
                    while (block.Count < BlockRows && _reader.Read()) Fill(block);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    if (block.Count > 0) _filled.Add(block, token); // the rows before the error first
                    throw;
                }
                if (block.Count == 0) break;
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
    private void Fill(ParsedRows block)
    {
        var r = block.Count;
        block.Rows[r] = _reader.Row;
        var numbers = block.Numbers.AsSpan(r * _numeric.Length, _numeric.Length);
        for (var k = 0; k < _numeric.Length; k++) numbers[k] = _reader.GetDouble(_numeric[k]);
        for (var k = 0; k < _text.Length; k++) block.Texts[r * _text.Length + k] = _reader.GetText(_text[k]);
        for (var k = 0; k < _kept.Length; k++) block.Keep(r * _kept.Length + k, _reader.Field(_kept[k]));
        block.Count = r + 1;
    }

    public void Dispose()
    {
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
