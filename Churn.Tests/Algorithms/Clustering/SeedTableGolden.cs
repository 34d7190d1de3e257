using System.Globalization;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Clustering;

/// <summary>
/// Golden file kmeans_seed_table.json (notebooks/reference/golden_kmeans.py) and the raw matrix it
/// was computed from, loaded once per test class.
/// </summary>
public sealed class SeedTableGolden
{
    public SeedTableGolden()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestPaths.Golden("kmeans_seed_table.json")));
        var root = doc.RootElement;
        Features = root.GetProperty("features").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Means = Doubles(root.GetProperty("scaler_means"));
        Scales = Doubles(root.GetProperty("scaler_scales"));
        Inertia = root.GetProperty("inertia").GetDouble();
        Centers = root.GetProperty("centers").EnumerateArray().Select(Doubles).ToArray();
        Labels = root.GetProperty("labels").GetString()!.Select(c => c - '0').ToArray();
        StrictInertia = root.GetProperty("strict_inertia").GetDouble();
        StrictCenters = root.GetProperty("strict_centers").EnumerateArray().Select(Doubles).ToArray();
        SilhouetteRows = root.GetProperty("silhouette_rows").GetInt32();
        SilhouetteFirstRows = root.GetProperty("silhouette_first_rows").GetDouble();
        Raw = ReadRaw(TestPaths.Data(root.GetProperty("data_file").GetString()!), Features);
    }

    public string[] Features { get; }
    public double[] Means { get; }
    public double[] Scales { get; }
    public double Inertia { get; }
    public double[][] Centers { get; }
    public int[] Labels { get; }
    public double StrictInertia { get; }
    public double[][] StrictCenters { get; }
    public int SilhouetteRows { get; }
    public double SilhouetteFirstRows { get; }
    public Matrix<double> Raw { get; }

    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static Matrix<double> ReadRaw(string path, string[] features)
    {
        using var lines = File.ReadLines(path).GetEnumerator();
        lines.MoveNext();
        var header = lines.Current.Split(',');
        var columns = features.Select(f => Array.IndexOf(header, f)).ToArray();
        var rows = new List<double[]>();
        while (lines.MoveNext())
        {
            if (lines.Current.Length == 0) continue;
            var cells = lines.Current.Split(',');
            rows.Add(columns.Select(c => double.Parse(cells[c], CultureInfo.InvariantCulture)).ToArray());
        }
        return Matrix<double>.Build.DenseOfRowArrays(rows);
    }
}
