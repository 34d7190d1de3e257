using System.Globalization;
using Churn.Algorithms.Preprocessing;
using Churn.Experiments.Data;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Experiments.Modeling;

/// <summary>How a source column enters the model.</summary>
public enum FeatureKind
{
    /// <summary>Used as a number; a missing value is replaced by the training median.</summary>
    Numeric,

    /// <summary>One-hot encoded against its first (reference) category; unseen or blank values encode as the reference.</summary>
    Categorical,
}

/// <summary>A numeric source column and its training median (the imputation value).</summary>
public sealed record NumericFeature(string Name, double Median, double Minimum, double Maximum);

/// <summary>
/// A text source column and its categories learned at training, reference first. The first category
/// is the reference level and gets no column, so odds ratios read "versus the reference" and an
/// unpenalised fit with an intercept stays identifiable. The order is stored in model files, so a
/// loaded model keeps its reference whatever rule chose it.
/// </summary>
public sealed record CategoricalFeature(string Name, IReadOnlyList<string> Categories)
{
    public string Reference => Categories[0];

    /// <summary>Encoded column names: "Name=Category" for every category but the reference.</summary>
    public IEnumerable<string> EncodedNames => Categories.Skip(1).Select(c => Name + "=" + c);

    /// <summary>Index into <see cref="Categories"/> or -1 when the value was not seen at training.</summary>
    public int IndexOf(string? value)
    {
        if (value is null) return -1;
        var trimmed = value.Trim();
        for (var i = 0; i < Categories.Count; i++)
            if (string.Equals(Categories[i], trimmed, StringComparison.Ordinal)) return i;
        return -1;
    }
}

/// <summary>
/// Source columns to model matrix: numeric columns imputed with training medians, text columns
/// one-hot encoded against a reference category. Immutable once fitted; the same instance encodes
/// a whole table (training, evaluation, batch scoring) and single rows (HTTP predictions), so a
/// prediction is computed by one piece of code everywhere. Scaling is not done here: the model
/// scales the encoded matrix (see <see cref="ChurnModel"/>).
/// </summary>
public sealed class FeaturePipeline
{
    public FeaturePipeline(IReadOnlyList<NumericFeature> numeric, IReadOnlyList<CategoricalFeature> categorical)
    {
        Numeric = numeric.ToArray();
        Categorical = categorical.ToArray();
        foreach (var c in Categorical)
            if (c.Categories.Count == 0)
                throw new ArgumentException("Categorical feature '" + c.Name + "' has no categories.");
        EncodedNames = Numeric.Select(n => n.Name).Concat(Categorical.SelectMany(c => c.EncodedNames)).ToArray();
        SourceNames = Numeric.Select(n => n.Name).Concat(Categorical.Select(c => c.Name)).ToArray();
        // Which source feature each encoded column came from, for grouping contributions.
        var owner = new List<string>();
        owner.AddRange(Numeric.Select(n => n.Name));
        foreach (var c in Categorical) owner.AddRange(Enumerable.Repeat(c.Name, c.Categories.Count - 1));
        EncodedSource = owner.ToArray();
    }

    public IReadOnlyList<NumericFeature> Numeric { get; }

    public IReadOnlyList<CategoricalFeature> Categorical { get; }

    /// <summary>Names of the encoded columns, in matrix order.</summary>
    public IReadOnlyList<string> EncodedNames { get; }

    /// <summary>For each encoded column, the source column it came from.</summary>
    public IReadOnlyList<string> EncodedSource { get; }

    /// <summary>Source column names, numeric first then categorical.</summary>
    public IReadOnlyList<string> SourceNames { get; }

    public int EncodedCount => EncodedNames.Count;

    /// <summary>Learns medians and categories (reference first, see <see cref="CategoricalFeature"/>) from the training table.</summary>
    public static FeaturePipeline Fit(ColumnTable table, IEnumerable<string> numericColumns, IEnumerable<string> categoricalColumns)
    {
        var numeric = new List<NumericFeature>();
        var names = numericColumns.ToArray();
        if (names.Length > 0)
        {
            var matrix = Matrix<double>.Build.Dense(table.RowCount, names.Length);
            for (var j = 0; j < names.Length; j++)
                matrix.SetColumn(j, table.Numeric(names[j]).Values);
            var imputer = MedianImputer.Fit(matrix);
            for (var j = 0; j < names.Length; j++)
            {
                var values = table.Numeric(names[j]).Values.Where(v => !double.IsNaN(v)).ToArray();
                var min = values.Length == 0 ? 0 : values.Min();
                var max = values.Length == 0 ? 0 : values.Max();
                numeric.Add(new NumericFeature(names[j], imputer.Medians[j], min, max));
            }
        }
        var categorical = new List<CategoricalFeature>();
        foreach (var name in categoricalColumns)
            categorical.Add(CategoricalFrom(name, table.Text(name).Values));
        return new FeaturePipeline(numeric, categorical);
    }

    /// <summary>A text feature from its training values (or just their distinct values): categories, reference first.</summary>
    public static CategoricalFeature CategoricalFrom(string name, IReadOnlyList<string?> values) =>
        new(name, ReferenceFirst(OneHotEncoder.Fit(values, name, binaryAsSingleColumn: true)));

    /// <summary>
    /// Categories with the reference first. A two-category column keeps the category that
    /// <see cref="OneHotEncoder"/>'s binary rule encodes (Yes/True/Y/T/1, else the second in ordinal order),
    /// so the model's column is the 0/1 feature that <see cref="LabelledCsv"/>'s warning names; with more
    /// categories every one is encoded by the encoder and the ordinal first is the reference.
    /// </summary>
    private static string[] ReferenceFirst(OneHotEncoderModel encoder)
    {
        if (encoder.Categories.Count == 0) return [""];
        if (!encoder.IsBinary) return encoder.Categories.ToArray();
        var kept = encoder.EncodedCategories[0];
        return [.. encoder.Categories.Where(c => !string.Equals(c, kept, StringComparison.Ordinal)), kept];
    }

    /// <summary>Encodes every row of a table (missing numbers imputed, categories one-hot).</summary>
    public Matrix<double> Transform(ColumnTable table)
    {
        var n = table.RowCount;
        var x = Matrix<double>.Build.Dense(n, EncodedCount);
        var data = x.AsColumnMajorArray();
        for (var j = 0; j < Numeric.Count; j++)
        {
            var feature = Numeric[j];
            var values = table.Numeric(feature.Name).Values;
            var offset = j * n;
            for (var i = 0; i < n; i++)
            {
                var v = values[i];
                data[offset + i] = double.IsNaN(v) ? feature.Median : v;
            }
        }
        var column = Numeric.Count;
        foreach (var feature in Categorical)
        {
            var values = table.Text(feature.Name).Values;
            for (var i = 0; i < n; i++)
            {
                var k = feature.IndexOf(values[i]);
                if (k > 0) data[(column + k - 1) * n + i] = 1.0;
            }
            column += feature.Categories.Count - 1;
        }
        return x;
    }

    /// <summary>
    /// Encodes one row into <paramref name="destination"/> (length <see cref="EncodedCount"/>).
    /// <paramref name="number"/> returns a numeric field (NaN when missing);
    /// <paramref name="text"/> returns a categorical field (null when missing).
    /// </summary>
    public void EncodeRow(Func<string, double> number, Func<string, string?> text, Span<double> destination)
    {
        if (destination.Length != EncodedCount)
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "destination has {0} entries, the pipeline encodes {1}.", destination.Length, EncodedCount));
        destination.Clear();
        for (var j = 0; j < Numeric.Count; j++)
        {
            var v = number(Numeric[j].Name);
            destination[j] = double.IsNaN(v) ? Numeric[j].Median : v;
        }
        var column = Numeric.Count;
        foreach (var feature in Categorical)
        {
            var k = feature.IndexOf(text(feature.Name));
            if (k > 0) destination[column + k - 1] = 1.0;
            column += feature.Categories.Count - 1;
        }
    }

    /// <summary>Counts, per column, the blank numeric cells that <see cref="Transform"/> imputes.</summary>
    public IReadOnlyDictionary<string, int> MissingCounts(ColumnTable table)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var feature in Numeric)
        {
            var missing = table.Numeric(feature.Name).Values.Count(double.IsNaN);
            if (missing > 0) counts[feature.Name] = missing;
        }
        return counts;
    }

    /// <summary>Counts, per categorical column, the values not seen at training (encoded as the reference).</summary>
    public IReadOnlyDictionary<string, int> UnseenCounts(ColumnTable table)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var feature in Categorical)
        {
            var unseen = table.Text(feature.Name).Values.Count(v => v is not null && feature.IndexOf(v) < 0);
            if (unseen > 0) counts[feature.Name] = unseen;
        }
        return counts;
    }
}
