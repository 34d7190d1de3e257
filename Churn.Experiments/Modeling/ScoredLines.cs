namespace Churn.Experiments.Modeling;

/// <summary>One block's scores, counts and output lines (UTF-8), made on the thread that parsed it (<see cref="ScoredLines"/>).</summary>
public sealed class ScoredRows
{
    private readonly int[] _lineEnds;
    private byte[] _lines = new byte[1 << 16];
    private int _length;

    internal ScoredRows(int capacity, ScoringCounts counts)
    {
        Probabilities = new double[capacity];
        _lineEnds = new int[capacity];
        Counts = counts;
    }

    /// <summary>Churn probability of row r of the block.</summary>
    public double[] Probabilities { get; }

    public int Churners { get; private set; }

    /// <summary>Rows outside the model's training population (0 when it has none).</summary>
    public int OutsidePopulation { get; private set; }

    /// <summary>Rows with a value outside the training range.</summary>
    public int RowsOutOfRange { get; private set; }

    /// <summary>What scoring these rows counted per feature.</summary>
    public ScoringCounts Counts { get; }

    /// <summary>Every row's line after its row number, line ends included, in block order.</summary>
    public ReadOnlySpan<byte> Lines => _lines.AsSpan(0, _length);

    /// <summary>Row r's line after its row number, line end included.</summary>
    public ReadOnlySpan<byte> Line(int row)
    {
        var start = row == 0 ? 0 : _lineEnds[row - 1];
        return _lines.AsSpan(start, _lineEnds[row] - start);
    }

    internal void Clear()
    {
        Churners = OutsidePopulation = RowsOutOfRange = _length = 0;
        Counts.Clear();
    }

    internal void Count(int prediction, bool outsidePopulation, bool outOfRange)
    {
        Churners += prediction;
        if (outsidePopulation) OutsidePopulation++;
        if (outOfRange) RowsOutOfRange++;
    }

    /// <summary>Room for <paramref name="bytes"/> more bytes of the current line.</summary>
    internal Span<byte> Room(int bytes)
    {
        if (_lines.Length - _length < bytes) Array.Resize(ref _lines, Math.Max(_lines.Length * 2, _length + bytes));
        return _lines.AsSpan(_length);
    }

    internal void Advance(int bytes) => _length += bytes;

    internal void EndLine(int row) => _lineEnds[row] = _length;
}

/// <summary>
/// `predict`'s work on one block of parsed rows, run on the thread that parsed it: scores each row
/// (<see cref="ParsedRowScoring"/>) and writes its output line as UTF-8: the id columns as CSV fields (none when
/// the file has no ids: the caller writes the row number first, known only once the block is handed out),
/// then ",churn_probability,churn_prediction,segment[,in_training_population]" and the line end. Numbers are
/// written as an invariant-culture interpolation writes them ("R" for the probability). One per thread.
/// </summary>
public sealed class ScoredLines
{
    private readonly ChurnModel _model;
    private readonly ParsedRowScoring _scoring;
    private readonly PopulationRule? _population;
    private readonly int _ids;
    private readonly byte[] _newline;

    public ScoredLines(ChurnModel model, IReadOnlyList<string> numericInputs, IReadOnlyList<string> textInputs, IReadOnlySet<string> header,
        int idColumns, string newline)
    {
        _model = model;
        _scoring = new ParsedRowScoring(model, numericInputs, textInputs, header);
        _population = model.Derivation?.Population;
        _ids = idColumns;
        _newline = Encoding.UTF8.GetBytes(newline);
    }

    /// <summary>Scores <paramref name="block"/> into its <see cref="ParsedRows.Annex"/>, a <see cref="ScoredRows"/>.</summary>
    public void Score(ParsedRows block)
    {
        if (block.Annex is not ScoredRows scored) block.Annex = scored = new ScoredRows(block.Rows.Length, _scoring.NewCounts());
        scored.Clear();
        _scoring.Counts = scored.Counts;
        for (var r = 0; r < block.Count; r++)
        {
            _scoring.MoveTo(block, r);
            var p = _scoring.Score(out var segment);
            var prediction = _model.Decide(p);
            scored.Probabilities[r] = p;
            var inside = _population?.Contains(_scoring.Raw);
            scored.Count(prediction, inside == false, _scoring.RowOutOfRange);
            for (var k = 0; k < _ids; k++)
            {
                if (k > 0) Write(scored, ","u8);
                WriteCsv(scored, block.Kept(r, k));
            }
            Write(scored, ","u8);
            WriteNumber(scored, p, "R");
            Write(scored, prediction == 1 ? ",1,"u8 : ",0,"u8);
            if (segment is { } s) WriteNumber(scored, s, default);
            if (inside is { } yes) Write(scored, yes ? ",1"u8 : ",0"u8);
            Write(scored, _newline);
            scored.EndLine(r);
        }
    }

    private static void Write(ScoredRows scored, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(scored.Room(bytes.Length));
        scored.Advance(bytes.Length);
    }

    private static void WriteNumber<T>(ScoredRows scored, T value, ReadOnlySpan<char> format) where T : IUtf8SpanFormattable
    {
        if (!value.TryFormat(scored.Room(32), out var written, format, CultureInfo.InvariantCulture))
            throw new InvalidOperationException("a number did not fit its 32-byte buffer.");
        scored.Advance(written);
    }

    /// <summary>A kept cell as a CSV field: as written, or quoted when it holds a delimiter, quote or line break.</summary>
    private static void WriteCsv(ScoredRows scored, ReadOnlySpan<char> value)
    {
        if (value.IndexOfAny(',', '"', '\n') >= 0 || value.Contains('\r'))
            value = CsvField.Quote(value.ToString());
        var room = scored.Room(Encoding.UTF8.GetMaxByteCount(value.Length));
        scored.Advance(Encoding.UTF8.GetBytes(value, room));
    }
}
