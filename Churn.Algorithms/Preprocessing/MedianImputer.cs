using MathNet.Numerics.LinearAlgebra;

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
        for (var j = 0; j < x.ColumnCount; j++)
        {
            var n = 0;
            for (var i = 0; i < x.RowCount; i++)
            {
                var v = x[i, j];
                if (double.IsNaN(v)) missing[j]++;
                else buffer[n++] = v;
            }
            if (n == 0)
            {
                allMissing.Add(j);
                continue;
            }
            medians[j] = Median(buffer.AsSpan(0, n));
        }
        return new MedianImputerModel(medians, missing, allMissing);
    }

    /// <summary>Median of the values (sorted in place): middle value, or the mean of the two middle values.</summary>
    internal static double Median(Span<double> values)
    {
        values.Sort();
        var n = values.Length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
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
