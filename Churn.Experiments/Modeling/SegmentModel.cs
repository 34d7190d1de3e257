using Churn.Algorithms.Clustering;

namespace Churn.Experiments.Modeling;

/// <summary>
/// Usage segments inside a churn model: KMeans centres over standardised numeric features, and a
/// short business name for each segment. The segment of a customer is the nearest centre.
/// </summary>
public sealed class SegmentModel
{
    public SegmentModel(IReadOnlyList<string> featureNames, StandardScalerModel scaler, KMeansModel clusters, IReadOnlyList<string> names)
    {
        if (featureNames.Count != scaler.FeatureCount || featureNames.Count != clusters.FeatureCount)
            throw new ArgumentException("Segment features, scaler and centres disagree on the number of features.");
        if (names.Count != clusters.NumberOfClusters)
            throw new ArgumentException("One business name per segment is needed.");
        FeatureNames = featureNames.ToArray();
        Scaler = scaler;
        means = scaler.Means.ToArray();
        scales = scaler.Scales.ToArray();
        Clusters = clusters;
        Names = names.ToArray();
    }

    private readonly double[] means;
    private readonly double[] scales;

    public IReadOnlyList<string> FeatureNames { get; }

    public StandardScalerModel Scaler { get; }

    public KMeansModel Clusters { get; }

    public IReadOnlyList<string> Names { get; }

    public int Count => Clusters.NumberOfClusters;

    /// <summary>Segment of one customer from its (imputed) values of <see cref="FeatureNames"/>, in that order.</summary>
    public int Assign(ReadOnlySpan<double> values)
    {
        // Standardised as Scaler.Transform does, without its intermediate vector: this runs once per scored row.
        var z = new double[values.Length];
        for (var j = 0; j < z.Length; j++) z[j] = (values[j] - means[j]) / scales[j];
        return Clusters.Predict(Vector<double>.Build.Dense(z));
    }

    /// <summary>Segments of many customers; <paramref name="x"/> holds the segment features as columns.</summary>
    public int[] Assign(Matrix<double> x) => Clusters.Predict(Scaler.Transform(x));

    /// <summary>Centres in original units (rows = segments).</summary>
    public Matrix<double> CentersInOriginalUnits() => Scaler.InverseTransform(Clusters.Centers);

    /// <summary>
    /// A short name from a segment's standardised centre: the (at most two) features that set it apart
    /// (|z| &gt;= 0.5), strongest first, "very" from |z| &gt;= 1.5, e.g. "Very high call minutes, low tenure";
    /// "Typical usage" otherwise. Labels are <see cref="FeatureLabels.Describe"/> without their bracketed
    /// detail ("tenure (age on network)" -> "tenure"; a month such as "arpu (August)" is kept).
    /// </summary>
    public static string NameFor(IReadOnlyList<double> centerZ, IReadOnlyList<string> featureNames)
    {
        var parts = Enumerable.Range(0, centerZ.Count)
            .Where(j => Math.Abs(centerZ[j]) >= 0.5)
            .OrderByDescending(j => Math.Abs(centerZ[j]))
            .Take(2)
            .Select(j => (Math.Abs(centerZ[j]) >= 1.5 ? "very " : "") + (centerZ[j] > 0 ? "high " : "low ") + ShortLabel(featureNames[j]))
            .ToList();
        if (parts.Count == 0) return "Typical usage";
        var text = string.Join(", ", parts);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static string ShortLabel(string featureName)
    {
        // A month in brackets ("arpu (August)") is part of the meaning; other brackets are detail.
        var label = FeatureLabels.Describe(featureName);
        var bracket = label.IndexOf(" (", StringComparison.Ordinal);
        return bracket > 0 && Data.TelecomSchema.MonthOf(featureName) is null ? label[..bracket] : label;
    }

    /// <summary>Names for every segment, made unique by a suffix when two profiles read the same.</summary>
    public static IReadOnlyList<string> NamesFor(Matrix<double> centersZ, IReadOnlyList<string> featureNames)
    {
        var names = new string[centersZ.RowCount];
        for (var k = 0; k < names.Length; k++)
            names[k] = NameFor(centersZ.Row(k).ToArray(), featureNames);
        foreach (var group in names.Select((n, k) => (n, k)).GroupBy(t => t.n).Where(g => g.Count() > 1))
            foreach (var (n, k) in group)
                names[k] = n + " (segment " + k.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
        return names;
    }
}
