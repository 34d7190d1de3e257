using System.Text.Json;
using Churn.Algorithms.Preprocessing;
using Churn.Tests.Algorithms.Linear;

namespace Churn.Tests.Algorithms.Preprocessing;

/// <summary>
/// Against notebooks/reference/golden/spline_basis.json (notebooks/reference/golden_models.py, scikit-learn 1.2.1
/// SplineTransformer, extrapolation="constant", include_bias=True): same knot vector and basis values to 1e-12.
/// </summary>
[Trait("Kind", "Golden")]
[Trait("Kind", "Numeric")]
public sealed class BSplineBasisGoldenTests
{
    public static TheoryData<int> Cases()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(TestPaths.Golden("spline_basis.json")));
        var data = new TheoryData<int>();
        for (var k = 0; k < json.RootElement.GetProperty("cases").GetArrayLength(); k++) data.Add(k);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_BigmlColumn_MatchesSplineTransformer(int index)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(TestPaths.Golden("spline_basis.json")));
        var golden = json.RootElement.GetProperty("cases")[index];
        var data = BigmlChurnData.Instance;
        var column = Array.IndexOf(data.Features, golden.GetProperty("column").GetString());
        var basis = BSplineBasis.Fit(data.Raw.Column(column).ToArray(), golden.GetProperty("n_knots").GetInt32(), 3,
            quantile: golden.GetProperty("knots").GetString() == "quantile");

        var knots = BigmlChurnData.Doubles(golden.GetProperty("knot_vector"));
        Assert.Equal(knots.Length, basis.Knots.Count);
        for (var k = 0; k < knots.Length; k++) Assert.Equal(knots[k], basis.Knots[k], 1e-12 * Math.Max(1, Math.Abs(knots[k])));
        var x = BigmlChurnData.Doubles(golden.GetProperty("x"));
        var values = golden.GetProperty("values").EnumerateArray().Select(BigmlChurnData.Doubles).ToArray();
        var ours = new double[basis.Count];
        for (var i = 0; i < x.Length; i++)
        {
            basis.Evaluate(x[i], ours);
            Assert.Equal(values[i].Length, ours.Length);
            for (var j = 0; j < ours.Length; j++) Assert.Equal(values[i][j], ours[j], 1e-12);
        }
    }
}

[Trait("Kind", "Numeric")]
public sealed class BSplineBasisTests
{
    [Fact]
    public void Evaluate_InsideRange_NonNegativeAndSumsToOne()
    {
        var values = Enumerable.Range(0, 200).Select(i => Math.Sqrt(i)).ToArray();
        var basis = BSplineBasis.Fit(values, 6, 3, quantile: true);
        var b = new double[basis.Count];
        foreach (var x in values)
        {
            basis.Evaluate(x, b);
            Assert.All(b, v => Assert.True(v >= 0));
            Assert.Equal(1.0, b.Sum(), 1e-12);
        }
    }

    [Fact]
    public void Fit_TiedQuantiles_MergesKnotsSoNoFunctionIsEmpty()
    {
        // 80% zeros: the 0%, 25%, 50% and 75% quantiles coincide.
        var values = Enumerable.Repeat(0.0, 160).Concat(Enumerable.Range(1, 40).Select(i => (double)i)).ToArray();
        var basis = BSplineBasis.Fit(values, 5, 3, quantile: true);
        var totals = new double[basis.Count];
        var b = new double[basis.Count];
        foreach (var x in values)
        {
            basis.Evaluate(x, b);
            for (var j = 0; j < b.Length; j++) totals[j] += b[j];
        }
        Assert.All(totals, t => Assert.True(t > 0));
        for (var k = 1; k < basis.Knots.Count; k++) Assert.True(basis.Knots[k] > basis.Knots[k - 1]);
    }

    [Fact]
    public void Evaluate_OutsideRange_TakesBoundaryValue()
    {
        var basis = BSplineBasis.Fit([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4, 3, quantile: false);
        var inside = new double[basis.Count];
        var outside = new double[basis.Count];
        basis.Evaluate(9, inside);
        basis.Evaluate(90, outside);
        Assert.Equal(inside, outside);
    }

    [Fact]
    public void Fit_ConstantValues_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => BSplineBasis.Fit([2, 2, 2], 5, 3, quantile: true));
        Assert.Contains("2 distinct", e.Message);
    }
}
