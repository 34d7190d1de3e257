namespace Churn.Experiments.Modeling;

/// <summary>
/// The model's inputs over blocks of parsed rows (<see cref="ParsedRowStream"/>), resolved once by
/// position: each numeric feature is a slot of the block or a derived feature bound to its inputs'
/// slots (<see cref="RowDerivation.Bind"/>), so scoring a row looks nothing up by name and allocates
/// nothing. It counts, per feature, what <see cref="ScoringInput.DescribeWarnings"/> reports: blanks
/// the model imputes, values outside the training range, categories it has not seen, into
/// <see cref="Counts"/> (one per block when blocks are scored on several threads, added up in file order).
/// One instance per thread.
/// </summary>
public sealed class ParsedRowScoring
{
    private readonly ChurnModel _model;
    private readonly Func<double>[] _numbers;
    private readonly int[] _rawSlots; // per numeric feature: the block slot it is read from as is, or -1 (then _numbers computes it)
    private readonly bool[] _zeroFilled; // per read feature: a blank means 0
    private readonly NumericFeature[] _features;
    private readonly int[] _textSlots;
    private readonly int _numericWidth;
    private ParsedRows _block = null!;
    private int _row;
    private bool _rowOutOfRange;

    /// <param name="model">The model scored.</param>
    /// <param name="numericInputs">The raw numeric columns parsed into each block, in slot order.</param>
    /// <param name="textInputs">The text columns parsed into each block, in slot order.</param>
    /// <param name="header">The file's columns (a derived feature the file holds is read, not derived).</param>
    public ParsedRowScoring(ChurnModel model, IReadOnlyList<string> numericInputs, IReadOnlyList<string> textInputs, IReadOnlySet<string> header)
    {
        _model = model;
        _numericWidth = numericInputs.Count;
        Func<double> Slot(string name)
        {
            var slot = SlotOf(numericInputs, name);
            return () => _block.Numbers[_row * _numericWidth + slot];
        }
        var derivation = model.Derivation;
        _numbers = model.Features.Numeric
            .Select(f => derivation is null ? Slot(f.Name) : derivation.Bind(f.Name, header.Contains(f.Name), Slot))
            .ToArray();
        _features = model.Features.Numeric.ToArray();
        _rawSlots = new int[_features.Length];
        _zeroFilled = new bool[_features.Length];
        for (var j = 0; j < _features.Length; j++)
        {
            var name = _features[j].Name;
            var zeroFilled = false;
            var read = derivation is null || derivation.ReadsRaw(name, header.Contains(name), out zeroFilled);
            _rawSlots[j] = read ? SlotOf(numericInputs, name) : -1;
            _zeroFilled[j] = zeroFilled;
        }
        _textSlots = model.Features.Categorical.Select(c => SlotOf(textInputs, c.Name)).ToArray();
        Counts = NewCounts();
        var slots = new NameLookup<int>(name => SlotOf(numericInputs, name));
        Raw = name => _block.Numbers[_row * _numericWidth + slots[name]];
    }

    /// <summary>Where the rows scored from now on are counted.</summary>
    public ScoringCounts Counts { get; set; }

    /// <summary>Empty counts of this model's features.</summary>
    public ScoringCounts NewCounts() => new(_numbers.Length, _textSlots.Length);

    /// <summary>A raw numeric column of the current row by name (for the population rule's few columns).</summary>
    public Func<string, double> Raw { get; }

    /// <summary>Makes row <paramref name="row"/> of <paramref name="block"/> the current row.</summary>
    public void MoveTo(ParsedRows block, int row)
    {
        _block = block;
        _row = row;
        _rowOutOfRange = false;
    }

    /// <summary>The current row's churn probability (and segment), as <see cref="ChurnModel.Score(Func{string, double}, Func{string, string?}, out int?)"/> gives it.</summary>
    public double Score(out int? segment) => _model.Score(new Row(this), out segment);

    /// <summary>Whether the current row had a value outside the training range.</summary>
    public bool RowOutOfRange => _rowOutOfRange;

    /// <summary>Blank numeric cells the model imputed, per feature with any, by name.</summary>
    public SortedDictionary<string, int> Imputed() =>
        ByName(_model.Features.Numeric.Select(f => f.Name), Counts.Imputed);

    /// <summary>Blank or unseen categories, per text feature with any, by name.</summary>
    public SortedDictionary<string, int> Unseen() =>
        ByName(_model.Features.Categorical.Select(c => c.Name), Counts.Unseen);

    /// <summary>Values outside the training range, per feature with any: rows, lowest and highest.</summary>
    public SortedDictionary<string, (int Rows, double Low, double High)> OutOfRange()
    {
        var result = new SortedDictionary<string, (int Rows, double Low, double High)>(StringComparer.Ordinal);
        var outOfRange = Counts.OutOfRange;
        for (var j = 0; j < outOfRange.Length; j++)
            if (outOfRange[j].Rows > 0) result[_model.Features.Numeric[j].Name] = outOfRange[j];
        return result;
    }

    private double Number(int feature)
    {
        var slot = _rawSlots[feature];
        double v;
        if (slot < 0) v = _numbers[feature]();
        else
        {
            v = _block.Numbers[_row * _numericWidth + slot]; // as RowDerivation.Bind reads it, without a call
            if (_zeroFilled[feature] && double.IsNaN(v)) v = 0.0;
        }
        if (double.IsNaN(v)) Counts.Imputed[feature]++;
        else if (!_features[feature].InTrainingRange(v))
        {
            Counts.AddOutOfRange(feature, 1, v, v);
            _rowOutOfRange = true;
        }
        return v;
    }

    private string? Text(int feature)
    {
        var t = _block.Texts[_row * _textSlots.Length + _textSlots[feature]];
        if (_model.Features.Categorical[feature].IndexOf(t) < 0) Counts.Unseen[feature]++;
        return t;
    }

    private readonly struct Row(ParsedRowScoring scoring) : FeaturePipeline.IRow
    {
        public double Number(int feature) => scoring.Number(feature);

        public string? Text(int feature) => scoring.Text(feature);
    }

    private static SortedDictionary<string, int> ByName(IEnumerable<string> names, int[] counts)
    {
        var result = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var j = 0;
        foreach (var name in names)
        {
            if (counts[j] > 0) result[name] = counts[j];
            j++;
        }
        return result;
    }

    private static int SlotOf(IReadOnlyList<string> names, string name)
    {
        for (var k = 0; k < names.Count; k++)
            if (names[k] == name) return k;
        throw new KeyNotFoundException("'" + name + "' is not an input of this model.");
    }
}

/// <summary>What <see cref="ParsedRowScoring"/> counted over some rows, per feature; counts of later rows are <see cref="Add"/>ed.</summary>
public sealed class ScoringCounts(int numeric, int text)
{
    /// <summary>Blank numeric cells the model imputed, per numeric feature.</summary>
    public int[] Imputed { get; } = new int[numeric];

    /// <summary>Blank or unseen categories, per text feature.</summary>
    public int[] Unseen { get; } = new int[text];

    /// <summary>Values outside the training range, per numeric feature: rows, lowest and highest.</summary>
    public (int Rows, double Low, double High)[] OutOfRange { get; } = new (int, double, double)[numeric];

    internal void AddOutOfRange(int feature, int rows, double low, double high)
    {
        var (before, lowest, highest) = OutOfRange[feature];
        OutOfRange[feature] = before == 0 ? (rows, low, high) : (before + rows, Math.Min(lowest, low), Math.Max(highest, high));
    }

    /// <summary>Adds the counts of rows that come after those counted here.</summary>
    public void Add(ScoringCounts later)
    {
        for (var j = 0; j < Imputed.Length; j++) Imputed[j] += later.Imputed[j];
        for (var j = 0; j < Unseen.Length; j++) Unseen[j] += later.Unseen[j];
        for (var j = 0; j < OutOfRange.Length; j++)
            if (later.OutOfRange[j] is { Rows: > 0 } range) AddOutOfRange(j, range.Rows, range.Low, range.High);
    }

    public void Clear()
    {
        Array.Clear(Imputed);
        Array.Clear(Unseen);
        Array.Clear(OutOfRange);
    }
}
