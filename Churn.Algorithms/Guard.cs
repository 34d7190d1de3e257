namespace Churn.Algorithms;

/// <summary>
/// The one place where inputs to the algorithms are checked. Messages name what is wrong
/// (argument, row, column, value) so a caller can fix the data without a debugger.
/// Rows and columns in messages are 0-based, like the matrices they describe.
/// </summary>
public static class Guard
{
    public static T NotNull<T>(T? value, string name) where T : class =>
        value ?? throw new ArgumentNullException(name);

    public static void NotEmpty(Matrix<double> x, string name)
    {
        NotNull(x, name);
        if (x.RowCount == 0 || x.ColumnCount == 0)
            throw new ArgumentException(
                Format("{0} is empty ({1} rows x {2} columns); at least one row and one column are needed.",
                    name, x.RowCount, x.ColumnCount), name);
    }

    public static void NotEmpty(Vector<double> v, string name)
    {
        NotNull(v, name);
        if (v.Count == 0)
            throw new ArgumentException(Format("{0} is empty.", name), name);
    }

    /// <summary>Every cell finite; the first NaN or infinity is reported with its row and column.</summary>
    public static void AllFinite(Matrix<double> x, string name)
    {
        NotNull(x, name);
        var columns = x.ColumnCount;
        var rows = x.RowCount;
        var storage = x.AsColumnMajorArray(); // dense storage, read in place (no per-column copies)
        // The columns screened at once (on all cores for a large matrix); the first bad column in order is named.
        var first = new int[columns];
        new Linear.RowChunks(rows, -1).ForEachColumn(columns,
            j => first[j] = IndexOfNonFinite(storage is null ? x.Column(j).ToArray() : storage.AsSpan(j * rows, rows)));
        for (var j = 0; j < columns; j++)
        {
            var i = first[j];
            if (i >= 0)
                throw new ArgumentException(
                    Format("{0} row {1}, column {2} is {3}; impute or remove non-finite values first.",
                        name, i, j, Describe(x[i, j])), name);
        }
    }

    /// <summary>Index of the first NaN or infinity, or -1. x * 0 is NaN exactly for non-finite x, so blocks are screened 4 lanes at a time.</summary>
    private static int IndexOfNonFinite(ReadOnlySpan<double> values)
    {
        const int block = 1024;
        for (var start = 0; start < values.Length; start += block)
        {
            var slice = values.Slice(start, Math.Min(block, values.Length - start));
            var probe = Vector256<double>.Zero;
            var i = 0;
            for (; i <= slice.Length - 4; i += 4)
                probe += Vector256.Create(slice.Slice(i, 4)) * Vector256<double>.Zero;
            var clean = Vector256.EqualsAll(probe, Vector256<double>.Zero);
            for (; i < slice.Length; i++) clean &= double.IsFinite(slice[i]);
            if (clean) continue;
            for (var k = 0; k < slice.Length; k++)
                if (!double.IsFinite(slice[k])) return start + k;
        }
        return -1;
    }

    public static void AllFinite(Vector<double> v, string name)
    {
        NotNull(v, name);
        for (var i = 0; i < v.Count; i++)
        {
            var value = v[i];
            if (!double.IsFinite(value))
                throw new ArgumentException(
                    Format("{0}[{1}] is {2}; impute or remove non-finite values first.", name, i, Describe(value)), name);
        }
    }

    public static void SameLength(int lengthA, string nameA, int lengthB, string nameB)
    {
        if (lengthA != lengthB)
            throw new ArgumentException(
                Format("{0} has {1} entries but {2} has {3}; they must have the same length.",
                    nameA, lengthA, nameB, lengthB), nameB);
    }

    /// <summary>Both lists present and of the same length.</summary>
    public static void SameLength<TA, TB>(IReadOnlyCollection<TA>? a, string nameA, IReadOnlyCollection<TB>? b, string nameB)
    {
        NotNull(a, nameA);
        NotNull(b, nameB);
        SameLength(a!.Count, nameA, b!.Count, nameB);
    }

    /// <summary>
    /// The inputs of a metric on (label, score) pairs: both present, the same length, not empty, labels 0/1, and
    /// every score finite (or, with <paramref name="probabilities"/>, in [0, 1]).
    /// </summary>
    public static void LabelsAndScores(Vector<double> y, string yName, Vector<double> scores, string scoresName, bool probabilities = false)
    {
        NotNull(y, yName);
        NotNull(scores, scoresName);
        SameLength(y.Count, yName, scores.Count, scoresName);
        NotEmpty(y, yName);
        BinaryLabels(y, yName);
        if (probabilities) Probabilities(scores, scoresName);
        else AllFinite(scores, scoresName);
    }

    public static void RowsMatch(Matrix<double> x, string xName, Vector<double> v, string vName)
    {
        if (x.RowCount != v.Count)
            throw new ArgumentException(
                Format("{0} has {1} rows but {2} has {3} entries; they must match.",
                    xName, x.RowCount, vName, v.Count), vName);
    }

    /// <summary>"X has 5 features, but the model expects 7."</summary>
    public static void FeatureCount(int actual, int expected, string name)
    {
        if (actual != expected)
            throw new ArgumentException(
                Format("{0} has {1} features, but the model expects {2}.", name, actual, expected), name);
    }

    /// <summary>Every label is exactly 0 or 1; the first other value is reported with its position.</summary>
    public static void BinaryLabels(Vector<double> y, string name)
    {
        NotNull(y, name);
        var values = y.AsArray() ?? y.ToArray(); // dense storage read in place: no virtual indexer per entry
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (value != 0.0 && value != 1.0)
                throw new ArgumentException(
                    Format("{0}[{1}] is {2}; labels must be 0 or 1.", name, i, Describe(value)), name);
        }
    }

    /// <summary>Both classes present: a metric or fit on one class only is undefined.</summary>
    public static void BothClasses(Vector<double> y, string name, string what)
    {
        var positives = 0;
        foreach (var value in y.AsArray() ?? y.ToArray())
            if (value == 1.0) positives++;
        if (positives == 0 || positives == y.Count)
            throw new ArgumentException(
                Format("{0} is not defined when {1} holds only one class ({2} of {3} are positive).",
                    what, name, positives, y.Count), name);
    }

    /// <summary>
    /// The checks every binary classifier's Fit makes: x non-empty and finite, y binary with both classes,
    /// rows matching, and sample weights (when given) non-negative and finite.
    /// </summary>
    public static void BinaryFitInputs(Matrix<double> x, Vector<double> y, Vector<double>? sampleWeight, string what)
    {
        NotEmpty(x, nameof(x));
        NotNull(y, nameof(y));
        RowsMatch(x, nameof(x), y, nameof(y));
        AllFinite(x, nameof(x));
        BinaryLabels(y, nameof(y));
        BothClasses(y, nameof(y), what);
        if (sampleWeight is null) return;
        RowsMatch(x, nameof(x), sampleWeight, nameof(sampleWeight));
        NonNegativeFinite(sampleWeight, nameof(sampleWeight));
    }

    /// <summary>Every value a probability in [0, 1]; the first other value is reported with its position.</summary>
    public static void Probabilities(Vector<double> p, string name)
    {
        NotNull(p, name);
        var values = p.AsArray() ?? p.ToArray(); // no indexer call per entry
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (!(value >= 0.0 && value <= 1.0))
                throw new ArgumentException(
                    Format("{0}[{1}] is {2}; probabilities must be in [0, 1].", name, i, Describe(value)), name);
        }
    }

    public static void NonNegativeFinite(Vector<double> weights, string name)
    {
        NotNull(weights, name);
        var total = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            var w = weights[i];
            if (!double.IsFinite(w) || w < 0)
                throw new ArgumentException(
                    Format("{0}[{1}] is {2}; weights must be finite and >= 0.", name, i, Describe(w)), name);
            total += w;
        }
        if (total <= 0)
            throw new ArgumentException(Format("{0} sum to 0; at least one weight must be positive.", name), name);
    }

    /// <summary>"n_samples=3 should be >= NumberOfClusters=8."</summary>
    public static void AtLeastRows(Matrix<double> x, int needed, string name, string what)
    {
        if (x.RowCount < needed)
            throw new ArgumentException(
                Format("{0} has {1} rows, which should be >= {2}={3}.", name, x.RowCount, what, needed), name);
    }

    /// <summary>Option checks: "NumberOfClusters=0 must be >= 1".</summary>
    public static void AtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
            throw new ArgumentOutOfRangeException(name, value, Format("{0}={1} must be >= {2}.", name, value, minimum));
    }

    public static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsNaN(value) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, Format("{0}={1} must be a finite number > 0.", name, Describe(value)));
    }

    /// <summary>Option checks for tolerances: "Tolerance=-1 must be a finite number >= 0."</summary>
    public static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, Format("{0}={1} must be a finite number >= 0.", name, Describe(value)));
    }

    /// <summary>Thread-count options: -1 means all cores, otherwise at least 1.</summary>
    public static void DegreeOfParallelism(int value, string name)
    {
        if (value != -1 && value < 1)
            throw new ArgumentOutOfRangeException(name, value, Format("{0}={1} must be -1 (all cores) or >= 1.", name, value));
    }

    public static void InOpenInterval(double value, double low, double high, string name)
    {
        if (!(value > low && value < high))
            throw new ArgumentOutOfRangeException(name, value,
                Format("{0}={1} must be > {2} and < {3}.", name, Describe(value), low, high));
    }

    public static string Describe(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "+Infinity"
        : double.IsNegativeInfinity(value) ? "-Infinity"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Format(string format, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, format, args);
}
