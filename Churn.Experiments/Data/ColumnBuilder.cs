using System.Runtime.CompilerServices;

namespace Churn.Experiments.Data;

/// <summary>
/// Collects one column of <see cref="CsvTableReader"/> while the file is read, without a string per
/// cell: numbers go straight into doubles, text into codes of a per-column category pool. It also
/// counts what the type rules need (non-blank cells, cells that are numbers, the first that is not), so
/// the column's fate is decided at the end exactly as when every cell was kept as a string.
/// <para>
/// The values go into one array sized from the file's line count (an upper bound of its rows), so the
/// final column is that array: no growing, no copy. Two builders can share the array, each filling
/// its own part of the file from its own offset, and <see cref="Append"/> then joins them as if one
/// builder had read the whole file.
/// </para>
/// </summary>
internal sealed class ColumnBuilder
{
    private readonly bool _text;
    private double[]? _numbers;
    private int[]? _codes;
    private readonly int _offset;
    private readonly List<string> _categories = [];
    private readonly List<(bool InFileFormat, bool InAnyFormat)> _categoryIsNumber = [];
    private readonly Dictionary<string, int> _categoryCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _categoryLookup;

    /// <param name="name">Column name.</param>
    /// <param name="text">Collect text (the sample held a non-number, or the column is declared text); else numbers.</param>
    /// <param name="decimalSeparator">The file's decimal separator (<see cref="CsvNumberFormat"/>).</param>
    /// <param name="capacity">Rows expected at most (more are taken, by growing the array).</param>
    public ColumnBuilder(string name, bool text, char decimalSeparator, int capacity)
    {
        Name = name;
        _text = text;
        DecimalSeparator = decimalSeparator;
        if (text) _codes = new int[Math.Max(capacity, 1)];
        else _numbers = new double[Math.Max(capacity, 1)];
        _categoryLookup = _categoryCodes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>A builder for a later part of the same file: it writes into <paramref name="first"/>'s array from <paramref name="offset"/>.</summary>
    public ColumnBuilder(ColumnBuilder first, int offset)
    {
        Name = first.Name;
        _text = first._text;
        DecimalSeparator = first.DecimalSeparator;
        _numbers = first._numbers;
        _codes = first._codes;
        _offset = offset;
        _categoryLookup = _categoryCodes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Name { get; }

    public char DecimalSeparator { get; }

    /// <summary>Cells added.</summary>
    public int Count { get; private set; }

    /// <summary>Non-missing cells.</summary>
    public int Present { get; private set; }

    /// <summary>Non-missing cells that are numbers, with either decimal separator (the "mostly numbers" rule).</summary>
    public int Numbers { get; private set; }

    /// <summary>The first non-missing cell that is not a number in the file's format: 0-based row, file line and the cell.</summary>
    public (int Row, int Line, string Value)? FirstNonNumber { get; private set; }

    /// <summary>A numeric column met a non-number after the sample: its values must be read again as text.</summary>
    public bool NeedsTextPass => !_text && FirstNonNumber is not null;

    /// <summary>
    /// A text builder's cells that are not numbers in the file's format are all numbers too large for a double
    /// ("1e400"): the column is numbers, never text. Looks at the categories, stopping at the first that decides.
    /// </summary>
    public bool NonNumbersAreOutOfRange()
    {
        if (!_text || FirstNonNumber is null) return false;
        for (var c = 0; c < _categories.Count; c++)
            if (!_categoryIsNumber[c].InFileFormat && !CsvNumber.IsOutOfRange(_categories[c], DecimalSeparator)) return false;
        return true;
    }

    /// <summary>True when the column collects text (category codes), false when numbers.</summary>
    public bool IsText => _text;

    /// <summary>A numeric column's cell that is a number in the file's format: what <see cref="Add"/> does with it, without the parse.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddNumber(double value)
    {
        Present++;
        Numbers++;
        Store(value);
    }

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
            Store(double.NaN);
            return;
        }
        Present++;
        if (CsvNumber.TryParse(cell, DecimalSeparator, out var value))
        {
            Numbers++;
            Store(value);
            return;
        }
        Count++;
        if (CsvNumber.IsNumberInAnyFormat(cell)) Numbers++;
        FirstNonNumber ??= (row, line, cell.ToString());
        _numbers = null; // not a numeric column: keep counting, stop storing
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Store(double value)
    {
        if (_numbers is { } numbers)
        {
            var at = _offset + Count;
            if (at == numbers.Length) _numbers = numbers = Grow(numbers);
            numbers[at] = value;
        }
        Count++;
    }

    private void AddText(ReadOnlySpan<char> cell, bool missing, int row, int line)
    {
        var at = _offset + Count;
        if (at == _codes!.Length) _codes = Grow(_codes);
        Count++;
        if (missing)
        {
            _codes[at] = -1;
            return;
        }
        Present++;
        if (!_categoryLookup.TryGetValue(cell, out var code))
        {
            var text = cell.ToString();
            code = AddCategory(text, (CsvNumber.TryParse(text, DecimalSeparator, out _), CsvNumber.IsNumberInAnyFormat(text)));
        }
        StoreCode(at, code, row, line);
    }

    /// <summary>The category code of the last text cell added (-1 when it was missing).</summary>
    public int LastCode => Count == 0 ? -1 : _codes![_offset + Count - 1];

    /// <summary>
    /// A text column's non-missing cell whose category code is known (the same cell text as a cell added
    /// before): what <see cref="Add"/> does with it, without decoding or looking it up.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddKnownText(int code, int row, int line)
    {
        var at = _offset + Count;
        if (at == _codes!.Length) _codes = Grow(_codes);
        Count++;
        Present++;
        StoreCode(at, code, row, line);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void StoreCode(int at, int code, int row, int line)
    {
        var (inFileFormat, inAnyFormat) = _categoryIsNumber[code];
        if (inAnyFormat) Numbers++;
        if (!inFileFormat) FirstNonNumber ??= (row, line, _categories[code]); // the category is the cell's text
        _codes![at] = code;
    }

    private int AddCategory(string text, (bool, bool) isNumber)
    {
        var code = _categories.Count;
        _categories.Add(text);
        _categoryIsNumber.Add(isNumber);
        _categoryCodes.Add(text, code);
        return code;
    }

    private static T[] Grow<T>(T[] values)
    {
        Array.Resize(ref values, values.Length * 2);
        return values;
    }

    /// <summary>
    /// Joins <paramref name="next"/>, the builder of the part of the file right after this one's (sharing
    /// this array), as if this builder had read both parts: its cells move up behind this one's, its
    /// categories are numbered after this one's in the order they first appear, and its first non-number
    /// (whose line is a file line already) counts only when this part has none.
    /// </summary>
    public void Append(ColumnBuilder next)
    {
        var start = _offset + Count;
        if (_text)
        {
            var codes = next._codes!;
            var map = new int[next._categories.Count];
            for (var c = 0; c < map.Length; c++)
                map[c] = _categoryCodes.TryGetValue(next._categories[c], out var code) ? code : AddCategory(next._categories[c], next._categoryIsNumber[c]);
            for (var i = 0; i < next.Count; i++)
            {
                var code = codes[next._offset + i];
                _codes![start + i] = code < 0 ? -1 : map[code];
            }
        }
        else if (_numbers is not null && next._numbers is not null && start != next._offset)
            Array.Copy(next._numbers, next._offset, _numbers, start, next.Count);
        if (next._numbers is null) _numbers = null;
        if (FirstNonNumber is null && next.FirstNonNumber is { } bad) FirstNonNumber = (bad.Row + Count, bad.Line, bad.Value);
        Count += next.Count;
        Present += next.Present;
        Numbers += next.Numbers;
    }

    public NumericColumn ToNumeric()
    {
        var values = _numbers!;
        if (values.Length != Count) Array.Resize(ref values, Count); // only when the file had blank lines or quoted line breaks
        _numbers = null;
        return new NumericColumn(Name, values);
    }

    public TextColumn ToText()
    {
        var values = new string?[Count];
        for (var i = 0; i < values.Length; i++)
        {
            var code = _codes![i];
            values[i] = code < 0 ? null : _categories[code];
        }
        _codes = null;
        return new TextColumn(Name, values);
    }
}
