using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Metrics;

/// <summary>Cases of Golden/metrics_cases.json (written by notebooks/reference/golden_metrics.py).</summary>
internal static class MetricsGolden
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "metrics_cases.json"))));

    public static IEnumerable<object[]> CaseNames() =>
        Document.Value.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => new object[] { c.GetProperty("name").GetString()! });

    public static JsonElement Case(string name) =>
        Document.Value.RootElement.GetProperty("cases").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == name);

    public static double[] Doubles(this JsonElement c, string property) =>
        c.GetProperty(property).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static Vector<double> Vector(this JsonElement c, string property) =>
        Vector<double>.Build.DenseOfArray(c.Doubles(property));

    public static double Number(this JsonElement c, string property) => c.GetProperty(property).GetDouble();
}
