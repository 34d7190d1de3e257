using Churn.Experiments.Data;

namespace Churn.Experiments.Modeling;

/// <summary>
/// The model's inputs over blocks of parsed rows (<see cref="ParsedRowStream"/>), resolved once by
/// position: each numeric feature is a slot of the block or a derived feature bound to its inputs'
/// slots (<see cref="RowDerivation.Bind"/>), so scoring a row looks nothing up by name and allocates
/// nothing. It counts, per feature, what <see cref="ScoringInput.DescribeWarnings"/> reports: blanks
/// the model imputes, values outside the training range, categories it has not seen.
/// </summary>
public sealed class ParsedRowScoring
{
    private readonly ChurnModel _model;
    private readonly Func<double>[] _numbers;
    private readonly int[] _textSlots;
    private readonly int _numericWidth;
    private readonly int[] _imputed;
    private readonly int[] _unseen;
    private readonly (int Rows, double Low, double High)[] _outOfRange;
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
        _textSlots = model.Features.Categorical.Select(c => SlotOf(textInputs, c.Name)).ToArray();
        _imputed = new int[_numbers.Length];
        _unseen = new int[_textSlots.Length];
        _outOfRange = new (int, double, double)[_numbers.Length];
        var slots = new NameLookup<int>(name => SlotOf(numericInputs, name));
        Raw = name => _block.Numbers[_row * _numericWidth + slots[name]];
    }

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
        Counts(_model.Features.Numeric.Select(f => f.Name), _imputed);

    /// <summary>Blank or unseen categories, per text feature with any, by name.</summary>
    public SortedDictionary<string, int> Unseen() =>
        Counts(_model.Features.Categorical.Select(c => c.Name), _unseen);

    /// <summary>Values outside the training range, per feature with any: rows, lowest and highest.</summary>
    public SortedDictionary<string, (int Rows, double Low, double High)> OutOfRange()
    {
        var result = new SortedDictionary<string, (int Rows, double Low, double High)>(StringComparer.Ordinal);
        for (var j = 0; j < _outOfRange.Length; j++)
            if (_outOfRange[j].Rows > 0) result[_model.Features.Numeric[j].Name] = _outOfRange[j];
        return result;
    }

    private double Number(int feature)
    {
        var v = _numbers[feature]();
        if (double.IsNaN(v)) _imputed[feature]++;
        else if (!_model.Features.Numeric[feature].InTrainingRange(v))
        {
            var (rows, low, high) = _outOfRange[feature];
            _outOfRange[feature] = rows == 0 ? (1, v, v) : (rows + 1, Math.Min(low, v), Math.Max(high, v));
            _rowOutOfRange = true;
        }
        return v;
    }

    private string? Text(int feature)
    {
        var t = _block.Texts[_row * _textSlots.Length + _textSlots[feature]];
        if (_model.Features.Categorical[feature].IndexOf(t) < 0) _unseen[feature]++;
        return t;
    }

    private readonly struct Row(ParsedRowScoring scoring) : FeaturePipeline.IRow
    {
        public double Number(int feature) => scoring.Number(feature);

        public string? Text(int feature) => scoring.Text(feature);
    }

    private static SortedDictionary<string, int> Counts(IEnumerable<string> names, int[] counts)
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
