namespace Churn.Algorithms.Preprocessing;

/// <summary>
/// A fitted standardisation: Transform computes z_ij = (x_ij - Means[j]) / Scales[j];
/// InverseTransform computes x_ij = z_ij * Scales[j] + Means[j]. Immutable.
/// </summary>
public sealed class StandardScalerModel
{
    private readonly double[] _means;
    private readonly double[] _scales;

    internal StandardScalerModel(double[] means, double[] scales)
    {
        _means = means;
        _scales = scales;
    }

    public IReadOnlyList<double> Means => Array.AsReadOnly(_means);
    public IReadOnlyList<double> Scales => Array.AsReadOnly(_scales);
    public int FeatureCount => _means.Length;

    /// <summary>Rebuilds a model from stored parameters (e.g. a model file); scales must be finite and > 0.</summary>
    public static StandardScalerModel FromParameters(IReadOnlyList<double> means, IReadOnlyList<double> scales)
    {
        Guard.NotNull(means, nameof(means));
        Guard.NotNull(scales, nameof(scales));
        Guard.SameLength(means.Count, nameof(means), scales.Count, nameof(scales));
        if (means.Count == 0)
            throw new ArgumentException("means is empty; at least one feature is needed.", nameof(means));
        for (var j = 0; j < means.Count; j++)
        {
            if (!double.IsFinite(means[j]))
                throw new ArgumentException($"means[{j}] is {Guard.Describe(means[j])}; it must be finite.", nameof(means));
            Guard.Positive(scales[j], $"scales[{j}]");
        }
        return new StandardScalerModel(means.ToArray(), scales.ToArray());
    }

    public Matrix<double> Transform(Matrix<double> x)
    {
        Guard.NotNull(x, nameof(x));
        Guard.FeatureCount(x.ColumnCount, FeatureCount, nameof(x));
        // Straight over the column-major storage: no per-column copies (a million-row matrix made three each).
        var n = x.RowCount;
        var source = x.AsColumnMajorArray() ?? x.ToColumnMajorArray();
        var result = new double[source.Length];
        for (var j = 0; j < FeatureCount; j++)
        {
            var mean = _means[j];
            var scale = _scales[j];
            var from = source.AsSpan(j * n, n);
            var to = result.AsSpan(j * n, n);
            for (var i = 0; i < n; i++) to[i] = (from[i] - mean) / scale;
        }
        return Matrix<double>.Build.Dense(n, x.ColumnCount, result);
    }

    /// <summary>
    /// As <see cref="Transform(Matrix{double})"/> but overwriting <paramref name="x"/> (same arithmetic, same
    /// bits): training a million-row design keeps one matrix instead of two.
    /// </summary>
    public void TransformInPlace(Matrix<double> x)
    {
        Guard.NotNull(x, nameof(x));
        Guard.FeatureCount(x.ColumnCount, FeatureCount, nameof(x));
        var n = x.RowCount;
        var storage = x.AsColumnMajorArray()
                      ?? throw new ArgumentException("TransformInPlace needs a dense matrix.", nameof(x));
        // Each cell on its own, a column per task: any split gives the same bits.
        new Linear.RowChunks(n, -1).ForEachColumn(FeatureCount, j => Standardise(storage.AsSpan(j * n, n), _means[j], _scales[j]));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Standardise(Span<double> column, double mean, double scale)
    {
        // Lane by lane the same subtraction and division as one value at a time, so the same bits.
        var m = System.Numerics.Vector<double>.Count;
        var i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var (mv, sv) = (new System.Numerics.Vector<double>(mean), new System.Numerics.Vector<double>(scale));
            for (; i <= column.Length - m; i += m)
                ((new System.Numerics.Vector<double>(column[i..]) - mv) / sv).CopyTo(column[i..]);
        }
        for (; i < column.Length; i++) column[i] = (column[i] - mean) / scale;
    }

    public Vector<double> Transform(Vector<double> row)
    {
        Guard.NotNull(row, nameof(row));
        Guard.FeatureCount(row.Count, FeatureCount, nameof(row));
        var z = new double[FeatureCount];
        for (var j = 0; j < z.Length; j++) z[j] = (row[j] - _means[j]) / _scales[j];
        return Vector<double>.Build.Dense(z);
    }

    public Matrix<double> InverseTransform(Matrix<double> z)
    {
        Guard.NotNull(z, nameof(z));
        Guard.FeatureCount(z.ColumnCount, FeatureCount, nameof(z));
        var result = Matrix<double>.Build.Dense(z.RowCount, z.ColumnCount);
        for (var j = 0; j < FeatureCount; j++)
        {
            var source = z.Column(j).AsArray() ?? z.Column(j).ToArray();
            var column = new double[source.Length];
            for (var i = 0; i < source.Length; i++) column[i] = source[i] * _scales[j] + _means[j];
            result.SetColumn(j, column);
        }
        return result;
    }

    public Vector<double> InverseTransform(Vector<double> z)
    {
        Guard.NotNull(z, nameof(z));
        Guard.FeatureCount(z.Count, FeatureCount, nameof(z));
        var x = new double[FeatureCount];
        for (var j = 0; j < x.Length; j++) x[j] = z[j] * _scales[j] + _means[j];
        return Vector<double>.Build.Dense(x);
    }
}
