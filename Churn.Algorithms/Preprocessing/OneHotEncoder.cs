namespace Churn.Algorithms.Preprocessing;

/// <summary>
/// Fits a one-hot encoding of one text column, like scikit-learn's <c>OneHotEncoder(handle_unknown="ignore")</c>:
/// categories are the distinct non-blank values (trimmed, case-sensitive) in ordinal string order; a value
/// becomes a vector with 1 at its category. Blank and unseen values encode as all zeros.
/// With <c>binaryAsSingleColumn</c> a column with exactly two categories becomes ONE 0/1 feature
/// (scikit-learn's <c>drop="if_binary"</c>), so that the pair is not collinear with the intercept;
/// the kept category is the "positive-looking" one (Yes, True, Y, T, 1, case-insensitive) when exactly one
/// of the two is, otherwise the second in ordinal order. This is the only implementation of that rule: model
/// pipelines take a binary column's encoded category from it, so every description of the feature agrees.
/// </summary>
public static class OneHotEncoder
{
    private static readonly string[] PositiveWords = ["yes", "true", "y", "t", "1"];

    public static OneHotEncoderModel Fit(IReadOnlyList<string?> values, string columnName, bool binaryAsSingleColumn = false)
    {
        Guard.NotNull(values, nameof(values));
        Guard.NotNull(columnName, nameof(columnName));
        var categories = new SortedSet<string>(StringComparer.Ordinal);
        // Cells usually share string objects (a loader pools them): a recent object is in the set already.
        var recent = new RecentStrings<bool>();
        Func<string, bool> addToCategories = value =>
        {
            var key = Normalize(value);
            if (key is not null) categories.Add(key);
            return true;
        };
        void Add(string? value)
        {
            if (value is not null) recent.Get(value, addToCategories);
        }
        if (values is string?[] array)
            foreach (var value in array) Add(value);
        else
            foreach (var value in values) Add(value);
        var list = categories.ToList();
        if (binaryAsSingleColumn && list.Count == 2)
        {
            var positive = list.Where(c => PositiveWords.Contains(c.ToLowerInvariant())).ToList();
            var kept = positive.Count == 1 ? positive[0] : list[1];
            return new OneHotEncoderModel(columnName, list, [kept]);
        }
        return new OneHotEncoderModel(columnName, list, list);
    }

    /// <summary>Trimmed value; null for null, empty or whitespace only.</summary>
    internal static string? Normalize(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// A fitted one-hot encoding of one column. <see cref="Categories"/> are all categories seen in training;
/// <see cref="EncodedCategories"/> those that get a feature (all of them, or one for a binary column);
/// feature names are "Column=Category". Immutable except for <see cref="UnseenCount"/>, a thread-safe
/// counter of non-blank values not seen in training.
/// </summary>
public sealed class OneHotEncoderModel
{
    private readonly Dictionary<string, int> _positions;
    private readonly HashSet<string> _known;
    private long _unseen;

    internal OneHotEncoderModel(string columnName, IReadOnlyList<string> categories, IReadOnlyList<string> encoded)
    {
        ColumnName = columnName;
        Categories = categories.ToArray();
        EncodedCategories = encoded.ToArray();
        _known = new HashSet<string>(categories, StringComparer.Ordinal);
        _positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < EncodedCategories.Count; k++) _positions[EncodedCategories[k]] = k;
        FeatureNames = EncodedCategories.Select(c => columnName + "=" + c).ToArray();
    }

    public string ColumnName { get; }

    /// <summary>Every training category, ordinal order.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Categories with an output feature, in output order.</summary>
    public IReadOnlyList<string> EncodedCategories { get; }

    /// <summary>"Column=Category" for each output feature.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    public int FeatureCount => EncodedCategories.Count;

    /// <summary>True when a two-category column is encoded as one 0/1 feature.</summary>
    public bool IsBinary => EncodedCategories.Count == 1 && Categories.Count == 2;

    /// <summary>Non-blank values seen by Encode that were not training categories.</summary>
    public long UnseenCount => Interlocked.Read(ref _unseen);

    public double[] Encode(string? value)
    {
        var result = new double[FeatureCount];
        Encode(value, result);
        return result;
    }

    /// <summary>Writes the encoding into <paramref name="destination"/> (length <see cref="FeatureCount"/>), which is cleared first.</summary>
    public void Encode(string? value, Span<double> destination)
    {
        if (destination.Length != FeatureCount)
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "destination has {0} entries but column '{1}' encodes to {2}.", destination.Length, ColumnName, FeatureCount), nameof(destination));
        destination.Clear();
        var key = OneHotEncoder.Normalize(value);
        if (key is null) return;
        if (_positions.TryGetValue(key, out var k)) destination[k] = 1.0;
        else if (!_known.Contains(key)) Interlocked.Increment(ref _unseen);
    }

    /// <summary>One row per value.</summary>
    public Matrix<double> EncodeAll(IReadOnlyList<string?> values)
    {
        Guard.NotNull(values, nameof(values));
        var result = Matrix<double>.Build.Dense(values.Count, FeatureCount);
        var row = new double[FeatureCount];
        for (var i = 0; i < values.Count; i++)
        {
            Encode(values[i], row);
            for (var k = 0; k < row.Length; k++) result[i, k] = row[k];
        }
        return result;
    }

    /// <summary>A model from stored categories; <paramref name="encodedCategories"/> defaults to all of them.</summary>
    public static OneHotEncoderModel FromParameters(string columnName, IReadOnlyList<string> categories, IReadOnlyList<string>? encodedCategories = null)
    {
        Guard.NotNull(columnName, nameof(columnName));
        Guard.NotNull(categories, nameof(categories));
        var normalized = categories.Select(c => OneHotEncoder.Normalize(c)
            ?? throw new ArgumentException("A category of '" + columnName + "' is blank.", nameof(categories))).ToList();
        if (normalized.Distinct(StringComparer.Ordinal).Count() != normalized.Count)
            throw new ArgumentException("Categories of '" + columnName + "' are not distinct.", nameof(categories));
        var encoded = encodedCategories?.ToList() ?? normalized;
        foreach (var c in encoded)
            if (!normalized.Contains(c, StringComparer.Ordinal))
                throw new ArgumentException("Encoded category '" + c + "' of '" + columnName + "' is not among the categories.", nameof(encodedCategories));
        return new OneHotEncoderModel(columnName, normalized, encoded);
    }
}
