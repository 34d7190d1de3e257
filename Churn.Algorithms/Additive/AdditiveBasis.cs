namespace Churn.Algorithms.Additive;

/// <summary>
/// The basis expansion of an additive model: input columns (encoded features) -> the terms' columns,
/// in term order. Everything after it is an ordinary linear logistic model on the expanded columns,
/// so the model's prediction, explanation and storage stay those of a linear model. Immutable.
/// </summary>
public sealed class AdditiveBasis
{
    private readonly AdditiveTerm[] terms;
    private readonly int[] offsets;

    public AdditiveBasis(int inputCount, IReadOnlyList<AdditiveTerm> terms)
    {
        Guard.NotNull(terms, nameof(terms));
        InputCount = inputCount;
        this.terms = terms.ToArray();
        offsets = new int[this.terms.Length + 1];
        for (var t = 0; t < this.terms.Length; t++)
        {
            foreach (var i in this.terms[t].Inputs)
                if (i < 0 || i >= inputCount)
                    throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                        "term '{0}' reads input {1}; the basis has {2} inputs.", this.terms[t].Name, i, inputCount), nameof(terms));
            offsets[t + 1] = offsets[t] + this.terms[t].Width;
        }
        if (this.terms.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count() != this.terms.Length)
            throw new ArgumentException("term names must be distinct.", nameof(terms));
        ColumnNames = this.terms.SelectMany(t => t.ColumnNames).ToArray();
        ColumnTerms = this.terms.SelectMany((t, k) => Enumerable.Repeat(k, t.Width)).ToArray();
    }

    public int InputCount { get; }

    public IReadOnlyList<AdditiveTerm> Terms => terms;

    public int Width => offsets[^1];

    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>For each expanded column, the index of its term.</summary>
    public IReadOnlyList<int> ColumnTerms { get; }

    /// <summary>First expanded column of term <paramref name="term"/>.</summary>
    public int Offset(int term) => offsets[term];

    /// <summary>The same basis plus more terms (appended after the existing ones).</summary>
    public AdditiveBasis With(IEnumerable<AdditiveTerm> more) => new(InputCount, terms.Concat(more).ToArray());

    public Matrix<double> Expand(Matrix<double> inputs)
    {
        Guard.NotNull(inputs, nameof(inputs));
        Guard.FeatureCount(inputs.ColumnCount, InputCount, nameof(inputs));
        var n = inputs.RowCount;
        var result = Matrix<double>.Build.Dense(n, Width);
        var data = result.AsColumnMajorArray();
        var row = new double[InputCount];
        var expanded = new double[Width];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < row.Length; j++) row[j] = inputs[i, j];
            ExpandRow(row, expanded);
            for (var j = 0; j < expanded.Length; j++) data[j * n + i] = expanded[j];
        }
        return result;
    }

    public void ExpandRow(ReadOnlySpan<double> inputs, Span<double> destination)
    {
        if (inputs.Length != InputCount || destination.Length != Width)
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "the basis maps {0} inputs to {1} columns; got {2} and {3}.", InputCount, Width, inputs.Length, destination.Length));
        for (var t = 0; t < terms.Length; t++)
            terms[t].Expand(inputs, destination.Slice(offsets[t], terms[t].Width));
    }

    /// <summary>
    /// The penalty on the coefficients of the standardised expanded columns (column j divided by
    /// <paramref name="scales"/>[j]): a raw-scale penalty g^T S g with g_j = b_j / s_j is b^T (S / s s^T) b.
    /// Smooth terms get <paramref name="smoothing"/> x S, ridge terms <paramref name="ridge"/> x I on
    /// the standardised scale, and every column a 1e-8 floor so the Hessian stays positive definite.
    /// </summary>
    public Matrix<double> Penalty(double smoothing, double ridge, IReadOnlyList<double> scales) =>
        Penalty(Enumerable.Repeat(smoothing, terms.Length).ToArray(), ridge, scales);

    /// <summary>As above with one smoothing strength per term (index = term; ridge terms ignore theirs).</summary>
    public Matrix<double> Penalty(IReadOnlyList<double> smoothing, double ridge, IReadOnlyList<double> scales)
    {
        Guard.SameLength(smoothing.Count, nameof(smoothing), terms.Length, "terms");
        Guard.SameLength(scales.Count, nameof(scales), Width, "Width");
        var p = Matrix<double>.Build.Dense(Width, Width);
        for (var t = 0; t < terms.Length; t++)
        {
            var o = offsets[t];
            if (terms[t].Group == PenaltyGroup.Ridge)
            {
                for (var j = 0; j < terms[t].Width; j++) p[o + j, o + j] = ridge;
                continue;
            }
            var s = terms[t].Penalty();
            for (var a = 0; a < s.RowCount; a++)
                for (var b = 0; b < s.ColumnCount; b++)
                    p[o + a, o + b] = smoothing[t] * s[a, b] / (scales[o + a] * scales[o + b]);
        }
        for (var j = 0; j < Width; j++) p[j, j] += 1e-8;
        return p;
    }
}
