using System.Runtime.CompilerServices;
namespace Churn.Experiments.Data;

/// <summary>
/// Collects one column of <see cref="CsvTableReader"/> while the file is read, without a string per
/// cell: numbers go straight into doubles, text into codes of a per-column category pool. It also
/// counts what the type rules need (non-blank cells, cells that are numbers, the first that is not), so
/// the column's fate is decided at the end exactly as when every cell was kept as a string.
/// </summary>
internal sealed class ColumnBuilder
{
    private readonly bool _text;
    private ChunkedList<double>? _numbers;
    private readonly ChunkedList<int>? _codes;
    private readonly List<string> _categories = [];
    private readonly List<(bool InFileFormat, bool InAnyFormat)> _categoryIsNumber = [];
    private readonly Dictionary<string, int> _categoryCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _categoryLookup;

    /// <param name="name">Column name.</param>
    /// <param name="text">Collect text (the sample held a non-number, or the column is declared text); else numbers.</param>
    /// <param name="decimalSeparator">The file's decimal separator (<see cref="CsvNumberFormat"/>).</param>
    public ColumnBuilder(string name, bool text, char decimalSeparator)
    {
        Name = name;
        _text = text;
        DecimalSeparator = decimalSeparator;
        if (text) _codes = new ChunkedList<int>();
        else _numbers = new ChunkedList<double>();
        _categoryLookup = _categoryCodes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Name { get; }

    public char DecimalSeparator { get; }

    /// <summary>Non-missing cells.</summary>
    public int Present { get; private set; }

    /// <summary>Non-missing cells that are numbers, with either decimal separator (the "mostly numbers" rule).</summary>
    public int Numbers { get; private set; }

    /// <summary>The first non-missing cell that is not a number in the file's format: 0-based row, file line and the cell.</summary>
    public (int Row, int Line, string Value)? FirstNonNumber { get; private set; }

    /// <summary>A numeric column met a non-number after the sample: its values must be read again as text.</summary>
    public bool NeedsTextPass => !_text && FirstNonNumber is not null;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot per cell: skip tier-0 code, which a busy machine may run for seconds
    public void Add(ReadOnlySpan<char> cell, bool missing, int row, int line)
    {
        if (_text)
        {
            AddText(cell, missing, row, line);
            return;
        }
        if (missing)
        {
            _numbers?.Add(double.NaN);
            return;
        }
        Present++;
        if (CsvNumber.TryParse(cell, DecimalSeparator, out var value))
        {
            Numbers++;
            _numbers?.Add(value);
            return;
        }
        if (CsvNumber.IsNumberInAnyFormat(cell)) Numbers++;
        FirstNonNumber ??= (row, line, cell.ToString());
        _numbers = null; // not a numeric column: keep counting, stop storing
    }

    private void AddText(ReadOnlySpan<char> cell, bool missing, int row, int line)
    {
        if (missing)
        {
            _codes!.Add(-1);
            return;
        }
        Present++;
        if (!_categoryLookup.TryGetValue(cell, out var code))
        {
            code = _categories.Count;
            var text = cell.ToString();
            _categories.Add(text);
            _categoryIsNumber.Add((CsvNumber.TryParse(text, DecimalSeparator, out _), CsvNumber.IsNumberInAnyFormat(text)));
            _categoryCodes.Add(text, code);
        }
        var (inFileFormat, inAnyFormat) = _categoryIsNumber[code];
        if (inAnyFormat) Numbers++;
        if (!inFileFormat) FirstNonNumber ??= (row, line, cell.ToString());
        _codes!.Add(code);
    }

    public NumericColumn ToNumeric()
    {
        var values = _numbers!.ToArray();
        _numbers = null;
        return new NumericColumn(Name, values);
    }

    public TextColumn ToText()
    {
        var values = new string?[_codes!.Count];
        var i = 0;
        foreach (var block in _codes.Blocks())
            foreach (var code in block)
                values[i++] = code < 0 ? null : _categories[code];
        return new TextColumn(Name, values);
    }
}

/// <summary>An append-only list in fixed blocks: growing it never copies, so its peak is its size.</summary>
internal sealed class ChunkedList<T>
{
    private const int BlockSize = 1 << 16;
    private readonly List<T[]> _blocks = [];
    private T[] _last = [];
    private int _inLast = BlockSize;

    public int Count { get; private set; }

    public void Add(T value)
    {
        if (_inLast == BlockSize)
        {
            _last = new T[BlockSize];
            _blocks.Add(_last);
            _inLast = 0;
        }
        _last[_inLast++] = value;
        Count++;
    }

    /// <summary>The filled part of each block, in order.</summary>
    public IEnumerable<ArraySegment<T>> Blocks()
    {
        for (var b = 0; b < _blocks.Count; b++)
            yield return new ArraySegment<T>(_blocks[b], 0, b == _blocks.Count - 1 ? _inLast : BlockSize);
    }

    public T[] ToArray()
    {
        var result = new T[Count];
        var offset = 0;
        foreach (var block in Blocks())
        {
            block.AsSpan().CopyTo(result.AsSpan(offset));
            offset += block.Count;
        }
        return result;
    }
}
