using Churn.Algorithms;

namespace Churn.Experiments.Benchmarks;

/// <summary>
/// The fixed, reproducible inputs of `churn bench` and the BenchmarkDotNet suite, built exactly as
/// notebooks/reference/bench_sklearn.py builds them so both sides time the same work.
/// </summary>
public static class BenchData
{
    public const string SeedTable = "data/raw/seed_churn_labeled_data.csv";

    public static IReadOnlyList<string> Features { get; } = ["aon", "total_mou", "total_data_usage"];

    public const string Label = "churn";

    /// <summary>The three feature columns (rows x 3) and the churn label of the seed table, unscaled.</summary>
    public static (Matrix<double> X, Vector<double> Y) LoadSeed(string path = SeedTable)
    {
        var table = CsvTableReader.Read(path, new CsvReadOptions { NumericColumns = [.. Features, Label] });
        var x = Matrix<double>.Build.Dense(table.RowCount, Features.Count);
        for (var j = 0; j < Features.Count; j++)
        {
            var values = table.Numeric(Features[j]).Values;
            if (values.Any(double.IsNaN))
                throw new ChurnDataException("benchmark column has blank cells; the bench expects a complete column.", path, column: Features[j]);
            x.SetColumn(j, values);
        }
        var y = Vector<double>.Build.DenseOfArray(table.Numeric(Label).Values);
        return (x, y);
    }

    /// <summary>Stacks <paramref name="times"/> copies of the rows (numpy's np.tile(x, (times, 1))).</summary>
    public static (Matrix<double> X, Vector<double> Y) Tile(Matrix<double> x, Vector<double> y, int times)
    {
        Guard.AtLeast(times, 1, nameof(times));
        var n = x.RowCount;
        var tiledX = Matrix<double>.Build.Dense(n * times, x.ColumnCount);
        for (var j = 0; j < x.ColumnCount; j++)
        {
            var source = x.Column(j).ToArray();
            var target = new double[n * times];
            for (var t = 0; t < times; t++) Array.Copy(source, 0, target, t * n, n);
            tiledX.SetColumn(j, target);
        }
        var labels = y.ToArray();
        var tiledY = new double[n * times];
        for (var t = 0; t < times; t++) Array.Copy(labels, 0, tiledY, t * n, n);
        return (tiledX, Vector<double>.Build.DenseOfArray(tiledY));
    }

    /// <summary>The first <paramref name="rows"/> rows (used by the scaling curve).</summary>
    public static (Matrix<double> X, Vector<double> Y) Head(Matrix<double> x, Vector<double> y, int rows) =>
        (x.SubMatrix(0, rows, 0, x.ColumnCount), y.SubVector(0, rows));

    public static Matrix<double> Standardise(Matrix<double> x) => StandardScaler.Fit(x).Transform(x);

    /// <summary>
    /// The AUC workload, reproducible bit for bit in numpy: SplitMix64(seed), two draws per row in order,
    /// u = NextDouble() = (NextUInt64() &gt;&gt; 11) * 2^-53; score_i = u(2i),
    /// label_i = 1 when u(2i+1) &lt; 0.15 + 0.3 * score_i, else 0 (about 30% positives, AUC about 0.63).
    /// </summary>
    public static (double[] Scores, double[] Labels) AucData(int rows, ulong seed = 42)
    {
        Guard.AtLeast(rows, 1, nameof(rows));
        var random = new SplitMix64(seed);
        var scores = new double[rows];
        var labels = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var score = random.NextDouble();
            var u = random.NextDouble();
            scores[i] = score;
            labels[i] = u < 0.15 + 0.3 * score ? 1.0 : 0.0;
        }
        return (scores, labels);
    }
}
