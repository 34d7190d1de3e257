namespace Churn.Algorithms.Preprocessing;

/// <summary>
/// Fits per-column medians for filling missing values (NaN), like scikit-learn's
/// <c>SimpleImputer(strategy="median")</c>: the median of the non-missing values of each column (mean of the
/// two middle values for an even count); a column with no non-missing value gets 0 (scikit-learn would drop it;
/// we keep the column count stable and report it in <see cref="MedianImputerModel.AllMissingColumns"/>).
/// </summary>
public static class MedianImputer
{
    public static MedianImputerModel Fit(Matrix<double> x)
    {
        Guard.NotNull(x, nameof(x));
        if (x.RowCount == 0)
            throw new ArgumentException("x has 0 rows; at least one row is needed to fit medians.", nameof(x));
        var medians = new double[x.ColumnCount];
        var missing = new int[x.ColumnCount];
        var allMissing = new List<int>();
        var buffer = new double[x.RowCount];
        var storage = x.AsColumnMajorArray();
        for (var j = 0; j < x.ColumnCount; j++)
        {
            ReadOnlySpan<double> column = storage is null ? x.Column(j).ToArray() : storage.AsSpan(j * x.RowCount, x.RowCount);
            medians[j] = ColumnMedian(column, buffer, out missing[j]);
            if (missing[j] == x.RowCount) allMissing.Add(j);
        }
        return new MedianImputerModel(medians, missing, allMissing);
    }

    /// <summary>
    /// The median of a column's non-missing values as <see cref="Fit"/> computes it (0 when every value is
    /// missing), with <paramref name="scratch"/> (at least the column's length) as the working copy, so a
    /// caller fitting many columns allocates one buffer, not one per column.
    /// </summary>
    public static double ColumnMedian(ReadOnlySpan<double> column, Span<double> scratch, out int missing)
    {
        if (scratch.Length < column.Length) throw new ArgumentException("scratch is shorter than the column.", nameof(scratch));
        if (column.Length >= RadixMinimum && RadixMedian(column, scratch, out missing) is { } median) return median;
        var n = 0;
        foreach (var v in column)
            if (!double.IsNaN(v)) scratch[n++] = v;
        missing = column.Length - n;
        return n == 0 ? 0 : Median(scratch[..n]);
    }

    /// <summary>Columns at least this long are narrowed by a histogram first (<see cref="RadixMedian"/>).</summary>
    internal const int RadixMinimum = 1 << 14;

    /// <summary>
    /// <see cref="ColumnMedian"/> without copying or partitioning the whole column: one pass counts the values
    /// per bucket of the top 16 bits of an order-preserving key (sign, exponent, 4 mantissa bits), so the
    /// bucket(s) holding the middle rank(s) are known, and only their values are copied and selected. The
    /// k-th smallest value is the same however it is found; equal doubles have equal bits except 0 and -0,
    /// so a column holding -0 takes the plain path (null), which decides their order as it always has.
    /// </summary>
    private static double? RadixMedian(ReadOnlySpan<double> column, Span<double> scratch, out int missing)
    {
        var counts = new int[1 << 16];
        var present = 0;
        foreach (var v in column)
        {
            if (double.IsNaN(v)) continue;
            var bits = BitConverter.DoubleToInt64Bits(v);
            if (bits == long.MinValue)
            {
                missing = 0;
                return null;
            }
            counts[Bucket(bits)]++;
            present++;
        }
        missing = column.Length - present;
        if (present == 0) return 0;
        // Ranks of the middle values: the same one for an odd count, the two middle ones for an even count.
        var upperRank = present / 2;
        var lowerRank = present % 2 == 1 ? upperRank : upperRank - 1;
        int first = 0, before = 0;
        while (before + counts[first] <= lowerRank) before += counts[first++];
        var last = first;
        var through = before + counts[first];
        while (through <= upperRank) through += counts[++last];
        var n = 0;
        foreach (var v in column)
        {
            if (double.IsNaN(v)) continue;
            var bucket = Bucket(BitConverter.DoubleToInt64Bits(v));
            if (bucket >= first && bucket <= last) scratch[n++] = v;
        }
        var values = scratch[..n];
        var upper = Select(values, upperRank - before);
        if (lowerRank == upperRank) return upper;
        // Select leaves the smaller-or-equal values in front: the lower middle is their maximum.
        var lower = values[0];
        foreach (var v in values[..(upperRank - before)])
            if (v > lower) lower = v;
        return (lower + upper) / 2.0;
    }

    /// <summary>Top 16 bits of the double's bits made to sort as the values do (negatives flipped).</summary>
    private static int Bucket(long bits) => (int)((ulong)(bits ^ ((bits >> 63) | long.MinValue)) >> 48);

    /// <summary>
    /// The median by selection instead of a full sort (a million-row column: O(n), not O(n log n)). The
    /// k-th smallest value of a list does not depend on how it is found, so the result is the sorted one.
    /// Reorders <paramref name="values"/>; no NaN allowed.
    /// </summary>
    internal static double Median(Span<double> values)
    {
        var n = values.Length;
        var upper = Select(values, n / 2);
        if (n % 2 == 1) return upper;
        // Select leaves the n/2 smallest values in front: the lower middle is their maximum.
        var lower = values[0];
        foreach (var v in values[..(n / 2)])
            if (v > lower) lower = v;
        return (lower + upper) / 2.0;
    }

    /// <summary>
    /// The k-th smallest value (0-based), with every smaller-or-equal value moved before position k:
    /// quickselect with a median-of-three pivot and a three-way partition (columns repeat values a lot),
    /// falling back to a sort of the remaining range if the pivots keep going badly.
    /// </summary>
    private static double Select(Span<double> values, int k)
    {
        int lo = 0, hi = values.Length - 1;
        var budget = 2 * (System.Numerics.BitOperations.Log2((uint)values.Length) + 1);
        while (lo < hi)
        {
            if (budget-- == 0)
            {
                values[lo..(hi + 1)].Sort();
                return values[k];
            }
            var a = values[lo];
            var b = values[lo + (hi - lo) / 2];
            var c = values[hi];
            var pivot = Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
            // [lo, less) < pivot, [less, i) == pivot, (greater, hi] > pivot.
            int less = lo, i = lo, greater = hi;
            while (i <= greater)
            {
                var v = values[i];
                if (v < pivot)
                {
                    values[i++] = values[less];
                    values[less++] = v;
                }
                else if (v > pivot)
                {
                    values[i] = values[greater];
                    values[greater--] = v;
                }
                else i++;
            }
            if (k < less) hi = less - 1;
            else if (k > greater) lo = greater + 1;
            else return pivot;
        }
        return values[k];
    }
}

/// <summary>Fitted medians; <see cref="Transform(Matrix{double})"/> replaces every NaN in column j by Medians[j].</summary>
public sealed class MedianImputerModel
{
    private readonly double[] _medians;

    internal MedianImputerModel(double[] medians, int[] missingCounts, IReadOnlyList<int> allMissingColumns)
    {
        _medians = medians;
        Medians = Array.AsReadOnly(medians);
        MissingCounts = Array.AsReadOnly(missingCounts);
        AllMissingColumns = allMissingColumns;
    }

    public IReadOnlyList<double> Medians { get; }

    /// <summary>Missing cells per column in the training matrix (zeros for a model built from parameters).</summary>
    public IReadOnlyList<int> MissingCounts { get; }

    /// <summary>Columns with no non-missing training value (their median is 0).</summary>
    public IReadOnlyList<int> AllMissingColumns { get; }

    public int FeatureCount => _medians.Length;

    public Matrix<double> Transform(Matrix<double> x)
    {
        Guard.NotNull(x, nameof(x));
        Guard.FeatureCount(x.ColumnCount, FeatureCount, nameof(x));
        var result = x.Clone();
        for (var j = 0; j < result.ColumnCount; j++)
        {
            var median = _medians[j];
            for (var i = 0; i < result.RowCount; i++)
                if (double.IsNaN(result[i, j])) result[i, j] = median;
        }
        return result;
    }

    public Vector<double> Transform(Vector<double> row)
    {
        Guard.NotNull(row, nameof(row));
        Guard.FeatureCount(row.Count, FeatureCount, nameof(row));
        var result = row.Clone();
        for (var j = 0; j < result.Count; j++)
            if (double.IsNaN(result[j])) result[j] = _medians[j];
        return result;
    }

    /// <summary>A model from stored medians (e.g. a model file); every median must be finite.</summary>
    public static MedianImputerModel FromParameters(IReadOnlyList<double> medians)
    {
        Guard.NotNull(medians, nameof(medians));
        var copy = medians.ToArray();
        Guard.AllFinite(Vector<double>.Build.DenseOfArray(copy), nameof(medians));
        return new MedianImputerModel(copy, new int[copy.Length], []);
    }
}
