using System.Globalization;

namespace MlnetBench;

/// <summary>
/// The inputs of `churn bench`, rebuilt here without referencing the product (this project is outside
/// Churn.sln on purpose). Each method mirrors Churn.Experiments/Benchmarks/BenchData.cs:
/// the same three columns of the seed table, StandardScaler (population SD, sklearn's near-constant
/// rule), np.tile-style row stacking, and the SplitMix64 AUC recipe. All values stay double here;
/// they are narrowed to float only where ML.NET requires it (its feature/score type is Single).
/// </summary>
public static class BenchInputs
{
    public const string SeedTable = "data/raw/seed_churn_labeled_data.csv";
    public static readonly string[] Features = ["aon", "total_mou", "total_data_usage"];
    public const string Label = "churn";

    /// <summary>Rows x 3 features and the 0/1 churn label, parsed culture-invariantly (the file has no quoting).</summary>
    public static (double[][] X, double[] Y) LoadSeed(string path)
    {
        using var reader = new StreamReader(path);
        var header = (reader.ReadLine() ?? throw new InvalidDataException(path + " is empty")).Split(',');
        var columns = Features.Append(Label).Select(name => Array.IndexOf(header, name)).ToArray();
        if (columns.Any(c => c < 0)) throw new InvalidDataException(path + " lacks one of " + string.Join(",", Features) + "," + Label);
        var x = new List<double[]>();
        var y = new List<double>();
        for (var line = reader.ReadLine(); line != null; line = reader.ReadLine())
        {
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            // A blank cell throws here, as BenchData.LoadSeed refuses incomplete columns.
            var values = columns.Select(c => double.Parse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
            x.Add(values[..Features.Length]);
            y.Add(values[^1]);
        }
        return (x.ToArray(), y.ToArray());
    }

    /// <summary>np.tile(x, (times, 1)): the whole table stacked <paramref name="times"/> times.</summary>
    public static (double[][] X, double[] Y) Tile(double[][] x, double[] y, int times) =>
        (Enumerable.Range(0, times).SelectMany(_ => x).ToArray(), Enumerable.Range(0, times).SelectMany(_ => y).ToArray());

    /// <summary>
    /// (x - mean) / population SD per column, with the same two-pass compensated variance and the same
    /// near-zero-variance bound (scale 1) as Churn.Algorithms.Preprocessing.StandardScaler.
    /// </summary>
    public static double[][] Standardise(double[][] x)
    {
        var n = x.Length;
        var d = x[0].Length;
        var means = new double[d];
        var scales = new double[d];
        for (var j = 0; j < d; j++)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++) sum += x[i][j];
            var mean = sum / n;
            double correction = 0, squares = 0;
            for (var i = 0; i < n; i++)
            {
                var t = x[i][j] - mean;
                correction += t;
                squares += t * t;
            }
            var variance = (squares - correction * correction / n) / n;
            const double eps = 2.220446049250313e-16;
            var bound = n * eps * variance + (n * mean * eps) * (n * mean * eps);
            means[j] = mean;
            scales[j] = variance <= bound ? 1.0 : Math.Sqrt(variance);
        }
        return x.Select(row => row.Select((v, j) => (v - means[j]) / scales[j]).ToArray()).ToArray();
    }

    /// <summary>
    /// SplitMix64(seed), two draws per row in order: score_i = u(2i), label_i = u(2i+1) &lt; 0.15 + 0.3 score_i,
    /// u = (next >> 11) * 2^-53 (the recipe of BenchData.AucData and bench_sklearn.py).
    /// </summary>
    public static (double[] Scores, bool[] Labels) AucData(int rows, ulong seed = 42)
    {
        var state = seed;
        double Next()
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return ((z ^ (z >> 31)) >> 11) * (1.0 / (1UL << 53));
        }
        var scores = new double[rows];
        var labels = new bool[rows];
        for (var i = 0; i < rows; i++)
        {
            scores[i] = Next();
            labels[i] = Next() < 0.15 + 0.3 * scores[i];
        }
        return (scores, labels);
    }
}
