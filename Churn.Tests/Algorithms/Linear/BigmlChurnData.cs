using System.Globalization;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Linear;

/// <summary>
/// data/raw/churn-bigml-80.csv read the way notebooks/reference/golden_logreg.py reads it (header, commas,
/// no quotes): features = every column except State, Area code and Churn; Yes/No -> 1/0; Churn True -> 1.
/// Standardised with our own population mean/SD (the golden JSON holds sklearn's, compared in a test).
/// </summary>
internal sealed class BigmlChurnData
{
    private static readonly Lazy<BigmlChurnData> Shared = new(Load);

    private BigmlChurnData(string[] features, Matrix<double> raw, Vector<double> y, double[] means, double[] scales,
        Matrix<double> standardised, JsonElement golden)
    {
        Features = features;
        Raw = raw;
        Labels = y;
        Means = means;
        Scales = scales;
        Standardised = standardised;
        Golden = golden;
    }

    public static BigmlChurnData Instance => Shared.Value;

    public string[] Features { get; }
    public Matrix<double> Raw { get; }
    public Vector<double> Labels { get; }
    public double[] Means { get; }
    public double[] Scales { get; }
    public Matrix<double> Standardised { get; }
    public JsonElement Golden { get; }

    public Matrix<double> Columns(IReadOnlyList<int> columns) =>
        Matrix<double>.Build.Dense(Standardised.RowCount, columns.Count, (i, j) => Standardised[i, columns[j]]);

    public static double[] Doubles(JsonElement element) =>
        element.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static int[] Ints(JsonElement element) =>
        element.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private static BigmlChurnData Load()
    {
        var lines = File.ReadAllLines(TestPaths.Data(Path.Combine("data", "raw", "churn-bigml-80.csv")));
        var header = lines[0].Split(',');
        var dropped = new HashSet<string> { "State", "Area code", "Churn" };
        var featureIndex = Enumerable.Range(0, header.Length).Where(j => !dropped.Contains(header[j])).ToArray();
        var churn = Array.IndexOf(header, "Churn");
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        var raw = Matrix<double>.Build.Dense(rows.Length, featureIndex.Length,
            (i, j) => Cell(rows[i][featureIndex[j]]));
        var y = Vector<double>.Build.Dense(rows.Length, i => rows[i][churn] switch
        {
            "True" => 1.0,
            "False" => 0.0,
            var other => throw new FormatException("Churn value " + other),
        });
        var means = new double[raw.ColumnCount];
        var scales = new double[raw.ColumnCount];
        for (var j = 0; j < raw.ColumnCount; j++)
        {
            var column = raw.Column(j);
            means[j] = column.Sum() / column.Count;
            var m = means[j];
            scales[j] = Math.Sqrt(column.Select(v => (v - m) * (v - m)).Sum() / column.Count);
        }
        var standardised = Matrix<double>.Build.Dense(raw.RowCount, raw.ColumnCount,
            (i, j) => (raw[i, j] - means[j]) / scales[j]);
        using var json = JsonDocument.Parse(File.ReadAllText(TestPaths.Golden("logreg_bigml.json")));
        return new BigmlChurnData(featureIndex.Select(j => header[j]).ToArray(), raw, y, means, scales, standardised,
            json.RootElement.Clone());
    }

    private static double Cell(string text) => text switch
    {
        "Yes" => 1.0,
        "No" => 0.0,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
