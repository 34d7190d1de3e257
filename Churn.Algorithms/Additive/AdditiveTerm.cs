using Churn.Algorithms.Preprocessing;

namespace Churn.Algorithms.Additive;

/// <summary>How a term's penalty is scaled: by the CV-chosen smoothing strength, or by the fixed ridge.</summary>
public enum PenaltyGroup
{
    /// <summary>Roughness penalty (difference penalty on the basis coefficients) times the smoothing strength.</summary>
    Smooth,

    /// <summary>A weak ridge on the standardised columns (scikit-learn's C = 1 scale): indicators and 0/1 flags.</summary>
    Ridge,
}

/// <summary>
/// One term of an additive model: a function of one or two input columns written as a few basis
/// columns. <see cref="Expand"/> reads the input row and writes the term's columns; its penalty
/// acts on the coefficients of those raw (unscaled) columns. Immutable.
/// </summary>
public abstract class AdditiveTerm
{
    protected AdditiveTerm(string name) => Name = name;

    /// <summary>The source feature (or "a × b" for a pair); contributions are reported under it.</summary>
    public string Name { get; }

    /// <summary>Names of the source features the term reads (one, or two for a pair).</summary>
    public abstract IReadOnlyList<string> Sources { get; }

    /// <summary>Input-row indices the term reads.</summary>
    public abstract IReadOnlyList<int> Inputs { get; }

    public abstract int Width { get; }

    public abstract IReadOnlyList<string> ColumnNames { get; }

    public abstract PenaltyGroup Group { get; }

    /// <summary>Writes the term's <see cref="Width"/> columns for one input row.</summary>
    public abstract void Expand(ReadOnlySpan<double> inputs, Span<double> destination);

    /// <summary>Penalty matrix (Width x Width) on the raw column coefficients, before the strength.</summary>
    public abstract Matrix<double> Penalty();

    protected static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}

/// <summary>
/// A smooth shape f(x) = sum_k g_k B_k(x) on a cubic B-spline basis, the last basis function left
/// out: the functions sum to one, so the full set is collinear with the intercept, and fixing its
/// coefficient at zero is the identifiability constraint. The P-spline penalty (Eilers and Marx 1996)
/// is the squared second differences of (g_1, ..., g_{K-1}, 0); its null space is still the straight
/// lines (a line's coefficients on a B-spline basis are linear in the knot index, whatever the value
/// at the last one), so a strong penalty shrinks a shape to a linear term, never to zero.
/// </summary>
public sealed class SplineTerm : AdditiveTerm
{
    private readonly int input;
    private readonly string[] columns;

    public SplineTerm(string name, int input, BSplineBasis basis) : base(name)
    {
        Guard.NotNull(basis, nameof(basis));
        if (basis.Count < 3) throw new ArgumentException("a spline term needs at least 3 basis functions.", nameof(basis));
        this.input = input;
        Basis = basis;
        columns = Enumerable.Range(0, basis.Count - 1).Select(k => name + "#s" + k.ToString(CultureInfo.InvariantCulture)).ToArray();
    }

    public BSplineBasis Basis { get; }

    public override IReadOnlyList<string> Sources => [Name];

    public override IReadOnlyList<int> Inputs => [input];

    public override int Width => Basis.Count - 1;

    public override IReadOnlyList<string> ColumnNames => columns;

    public override PenaltyGroup Group => PenaltyGroup.Smooth;

    public override void Expand(ReadOnlySpan<double> inputs, Span<double> destination)
    {
        Span<double> all = stackalloc double[Basis.Count];
        Basis.Evaluate(inputs[input], all);
        all[..Width].CopyTo(destination);
    }

    public override Matrix<double> Penalty() => DifferencePenalty.Of(Basis.Count, 2, Basis.Count - 1);
}

/// <summary>
/// A step per distinct training value, for numeric columns with few values (a 0/1 flag, a 1-5 code,
/// a count): a spline on them would have tied knots and empty intervals. Value v maps to the largest
/// training level &lt;= v (below the smallest: the smallest), and the smallest level is the reference
/// (no column). With 3 or more levels the penalty is the squared second differences of
/// (0, g_1, ..., g_{L-1}) so a strong penalty gives a linear trend over the levels; a 0/1 flag gets the ridge.
/// </summary>
public sealed class StepTerm : AdditiveTerm
{
    private readonly int input;
    private readonly double[] levels;
    private readonly string[] columns;

    public StepTerm(string name, int input, IReadOnlyList<double> levels) : base(name)
    {
        Guard.NotNull(levels, nameof(levels));
        if (levels.Count < 2) throw new ArgumentException("a step term needs at least 2 levels.", nameof(levels));
        for (var k = 1; k < levels.Count; k++)
            if (!(levels[k] > levels[k - 1])) throw new ArgumentException("levels must increase strictly.", nameof(levels));
        this.input = input;
        this.levels = levels.ToArray();
        columns = this.levels.Skip(1).Select(v => name + "=" + Format(v)).ToArray();
    }

    public IReadOnlyList<double> Levels => Array.AsReadOnly(levels);

    public override IReadOnlyList<string> Sources => [Name];

    public override IReadOnlyList<int> Inputs => [input];

    public override int Width => levels.Length - 1;

    public override IReadOnlyList<string> ColumnNames => columns;

    public override PenaltyGroup Group => levels.Length >= 3 ? PenaltyGroup.Smooth : PenaltyGroup.Ridge;

    /// <summary>Index of the level value <paramref name="x"/> falls on.</summary>
    public int LevelOf(double x)
    {
        var k = Array.BinarySearch(levels, x);
        if (k >= 0) return k;
        return Math.Max(0, ~k - 1);
    }

    public override void Expand(ReadOnlySpan<double> inputs, Span<double> destination)
    {
        destination[..Width].Clear();
        var k = LevelOf(inputs[input]);
        if (k > 0) destination[k - 1] = 1;
    }

    public override Matrix<double> Penalty() =>
        levels.Length >= 3 ? DifferencePenalty.Of(levels.Length, 2, 0) : Matrix<double>.Build.DenseIdentity(1);
}

/// <summary>
/// A numeric column kept linear (its value, with the ridge): what a spline falls back to when the rows
/// cannot support a basis per feature (see <see cref="AdditiveTrainer"/>), so such a term is exactly
/// the linear model's.
/// </summary>
public sealed class LinearTerm : AdditiveTerm
{
    private readonly int input;

    public LinearTerm(string name, int input) : base(name) => this.input = input;

    public override IReadOnlyList<string> Sources => [Name];

    public override IReadOnlyList<int> Inputs => [input];

    public override int Width => 1;

    public override IReadOnlyList<string> ColumnNames => [Name];

    public override PenaltyGroup Group => PenaltyGroup.Ridge;

    public override void Expand(ReadOnlySpan<double> inputs, Span<double> destination) => destination[0] = inputs[input];

    public override Matrix<double> Penalty() => Matrix<double>.Build.DenseIdentity(1);
}

/// <summary>Indicator columns passed through (a text feature's one-hot columns, segment indicators), with the ridge.</summary>
public sealed class IndicatorTerm : AdditiveTerm
{
    private readonly int[] inputs;
    private readonly string[] columns;

    public IndicatorTerm(string name, IReadOnlyList<int> inputs, IReadOnlyList<string> columnNames) : base(name)
    {
        Guard.NotNull(inputs, nameof(inputs));
        if (inputs.Count == 0 || inputs.Count != columnNames.Count)
            throw new ArgumentException("an indicator term needs one name per input column.", nameof(columnNames));
        this.inputs = inputs.ToArray();
        columns = columnNames.ToArray();
    }

    public override IReadOnlyList<string> Sources => [Name];

    public override IReadOnlyList<int> Inputs => inputs;

    public override int Width => inputs.Length;

    public override IReadOnlyList<string> ColumnNames => columns;

    public override PenaltyGroup Group => PenaltyGroup.Ridge;

    public override void Expand(ReadOnlySpan<double> row, Span<double> destination)
    {
        for (var j = 0; j < inputs.Length; j++) destination[j] = row[inputs[j]];
    }

    public override Matrix<double> Penalty() => Matrix<double>.Build.DenseIdentity(inputs.Length);
}

/// <summary>
/// A pairwise interaction: the tensor product of two marginal terms' columns (column (i, j) =
/// first_i x second_j). The penalty is the tensor-product penalty S_1 (x) I + I (x) S_2 (Wood 2006),
/// so a strong penalty leaves the product of the marginals' unpenalised parts (for two splines, the
/// linear-by-linear product), the same kind of term as "all pairwise products" in a linear model.
/// </summary>
public sealed class PairTerm : AdditiveTerm
{
    private readonly string[] columns;

    public PairTerm(AdditiveTerm first, AdditiveTerm second) : base(first.Name + " × " + second.Name)
    {
        First = Guard.NotNull(first, nameof(first));
        Second = Guard.NotNull(second, nameof(second));
        if (first is PairTerm || second is PairTerm) throw new ArgumentException("a pair's marginals are one-feature terms.");
        columns = first.ColumnNames.SelectMany(a => second.ColumnNames.Select(b => a + "*" + b)).ToArray();
    }

    public AdditiveTerm First { get; }

    public AdditiveTerm Second { get; }

    public override IReadOnlyList<string> Sources => [First.Name, Second.Name];

    public override IReadOnlyList<int> Inputs => First.Inputs.Concat(Second.Inputs).ToArray();

    public override int Width => First.Width * Second.Width;

    public override IReadOnlyList<string> ColumnNames => columns;

    public override PenaltyGroup Group => PenaltyGroup.Smooth;

    public override void Expand(ReadOnlySpan<double> inputs, Span<double> destination)
    {
        Span<double> a = stackalloc double[First.Width];
        Span<double> b = stackalloc double[Second.Width];
        First.Expand(inputs, a);
        Second.Expand(inputs, b);
        for (var i = 0; i < a.Length; i++)
            for (var j = 0; j < b.Length; j++)
                destination[i * b.Length + j] = a[i] * b[j];
    }

    public override Matrix<double> Penalty()
    {
        var s1 = First.Penalty();
        var s2 = Second.Penalty();
        var i1 = Matrix<double>.Build.DenseIdentity(First.Width);
        var i2 = Matrix<double>.Build.DenseIdentity(Second.Width);
        return s1.KroneckerProduct(i2) + i1.KroneckerProduct(s2);
    }
}

/// <summary>Difference penalties D^T D of P-splines.</summary>
public static class DifferencePenalty
{
    /// <summary>
    /// D^T D for differences of order <paramref name="order"/> over <paramref name="length"/> coefficients,
    /// with coefficient <paramref name="fixedAtZero"/> held at zero (its row and column removed).
    /// </summary>
    public static Matrix<double> Of(int length, int order, int fixedAtZero)
    {
        Guard.AtLeast(order, 1, nameof(order));
        Guard.AtLeast(length, order + 1, nameof(length));
        var d = Matrix<double>.Build.DenseIdentity(length);
        for (var o = 0; o < order; o++)
        {
            var next = Matrix<double>.Build.Dense(d.RowCount - 1, length);
            for (var r = 0; r < next.RowCount; r++)
                for (var c = 0; c < length; c++)
                    next[r, c] = d[r + 1, c] - d[r, c];
            d = next;
        }
        var kept = Enumerable.Range(0, length).Where(c => c != fixedAtZero).ToArray();
        var reduced = Matrix<double>.Build.Dense(d.RowCount, kept.Length, (r, c) => d[r, kept[c]]);
        return reduced.TransposeThisAndMultiply(reduced);
    }
}
