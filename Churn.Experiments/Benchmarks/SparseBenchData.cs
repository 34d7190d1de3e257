namespace Churn.Experiments.Benchmarks;

/// <summary>
/// The sparse (elastic-net path) workload, built exactly as notebooks/reference/bench_glmnet.R builds it:
/// churn-bigml-80's 17 features (State, Area code excluded; Yes/No -> 1/0) standardised (population SD),
/// tiled; from the second tile on each base value gets noise 0.01 (frac(sin(12.9898 k + 78.233 j + 0.5) x
/// 43758.5453) - 0.5) for global row k and column j (a hash both languages compute identically);
/// then the 136 pairwise products and 17 squares are appended and all 170 columns standardised again.
/// </summary>
public static class SparseBenchData
{
    public const string File = "data/raw/churn-bigml-80.csv";

    /// <summary>The lasso path both tools fit: 100 lambdas, glmnet's default thresh, fdev = 0 so all 100 are fitted.</summary>
    public static ElasticNetOptions Options { get; } = new()
    {
        Alpha = 1,
        LambdaCount = 100,
        Tolerance = 1e-7,
        DevianceChangeStop = 0,
        MaxPasses = 10_000_000,
    };

    public static (Matrix<double> X, Vector<double> Y) Build(int tiles, string path = File)
    {
        Algorithms.Guard.AtLeast(tiles, 1, nameof(tiles));
        var lines = System.IO.File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        var churn = Array.IndexOf(header, "Churn");
        if (churn < 0) throw new ChurnDataException("the sparse benchmark needs churn-bigml-80's 'Churn' column.", path, column: "Churn");
        var keep = Enumerable.Range(0, header.Length).Where(j => header[j] is not ("State" or "Area code" or "Churn")).ToArray();
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        var n = rows.Length;
        var p = keep.Length;
        var baseX = Matrix<double>.Build.Dense(n, p, (i, j) => rows[i][keep[j]] switch
        {
            "Yes" => 1.0,
            "No" => 0.0,
            var text => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        });
        var z = BenchData.Standardise(baseX);
        var tiled = new double[p][];
        for (var j = 0; j < p; j++)
        {
            tiled[j] = new double[n * tiles];
            for (var k = 0; k < n * tiles; k++)
            {
                var value = z[k % n, j];
                if (k >= n)
                {
                    var h = Math.Sin(k * 12.9898 + j * 78.233 + 0.5) * 43758.5453;
                    value += 0.01 * (h - Math.Floor(h) - 0.5);
                }
                tiled[j][k] = value;
            }
        }
        var columns = new List<double[]>(tiled);
        for (var a = 0; a < p; a++)
            for (var b = a; b < p; b++)
            {
                var product = new double[n * tiles];
                for (var k = 0; k < product.Length; k++) product[k] = tiled[a][k] * tiled[b][k];
                columns.Add(product);
            }
        var design = Matrix<double>.Build.DenseOfColumnArrays(columns);
        var y = Vector<double>.Build.Dense(n * tiles, k => rows[k % n][churn] == "True" ? 1.0 : 0.0);
        return (BenchData.Standardise(design), y);
    }
}
