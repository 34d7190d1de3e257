using System.Text.Json;
using Churn.Algorithms.Linear;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Linear;

/// <summary>
/// ElasticNetLogistic against R glmnet 4.1-6 (notebooks/reference/golden_glmnet.R, thresh 1e-14) on
/// standardised churn-bigml-80: the same lambda path (length included, so the stopping rules agree),
/// and at every lambda the same zero pattern, coefficients and intercept to 1e-6 and deviance ratio to 1e-8.
/// </summary>
[Trait("Kind", "Golden")]
[Trait("Kind", "Numeric")]
public sealed class ElasticNetGoldenTests
{
    private static readonly Lazy<JsonElement> Golden = new(() =>
    {
        using var document = JsonDocument.Parse(File.ReadAllText(TestPaths.Golden("glmnet_bigml.json")));
        return document.RootElement.Clone();
    });

    [Theory]
    [InlineData("lasso_no_charge")]
    [InlineData("enet05_no_charge")]
    [InlineData("enet02_weighted")]
    [InlineData("lasso_fixed")]
    [InlineData("lasso_all")]
    public void Fit_BigMlPath_MatchesGlmnet(string name)
    {
        var golden = Golden.Value.GetProperty("cases").GetProperty(name);
        var (path, reference) = FitCase(golden);

        var lambdas = BigmlChurnData.Doubles(golden.GetProperty("lambda"));
        Assert.Equal(lambdas.Length, path.Count);
        for (var k = 0; k < lambdas.Length; k++)
        {
            Assert.Equal(lambdas[k], path.Lambdas[k], lambdas[k] * 1e-12);
            var expected = BigmlChurnData.Doubles(reference[k]);
            var actual = path.Coefficients(k);
            Assert.Equal(expected.Select(c => c == 0), actual.Select(c => c == 0));
            for (var j = 0; j < expected.Length; j++) Assert.Equal(expected[j], actual[j], 1e-6);
            Assert.Equal(golden.GetProperty("a0")[k].GetDouble(), path.Intercepts[k], 1e-6);
            Assert.Equal(golden.GetProperty("dev_ratio")[k].GetDouble(), path.DevianceRatios[k], 1e-8);
        }
    }

    /// <summary>scikit-learn 1.2.1's saga L1 fit at C (notebooks/reference/golden_sklearn_l1.py) is the lasso at lambda = 1 / (C n).</summary>
    [Theory]
    [InlineData("C=0.01")]
    [InlineData("C=0.05")]
    [InlineData("C=0.2")]
    public void Fit_AtOneOverCn_MatchesScikitLearnSagaL1(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(TestPaths.Golden("sklearn_l1_bigml.json")));
        var golden = document.RootElement;
        var c = golden.GetProperty("cases").GetProperty(name);
        var data = BigmlChurnData.Instance;
        var names = golden.GetProperty("columns").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var x = data.Columns(names.Select(n => Array.IndexOf(data.Features, n)).ToArray());
        var lambda = 1.0 / (c.GetProperty("C").GetDouble() * x.RowCount);
        Assert.Equal(c.GetProperty("lambda").GetDouble(), lambda, 1e-15);

        var path = new ElasticNetLogistic(new ElasticNetOptions { Tolerance = 1e-14, Lambdas = [lambda] }).Fit(x, data.Labels);

        var expected = BigmlChurnData.Doubles(c.GetProperty("coef"));
        var actual = path.Coefficients(0);
        Assert.Equal(expected.Select(v => v == 0), actual.Select(v => v == 0));
        for (var j = 0; j < expected.Length; j++) Assert.Equal(expected[j], actual[j], 1e-6);
        Assert.Equal(c.GetProperty("intercept").GetDouble(), path.Intercepts[0], 1e-6);
    }

    [Fact]
    public void Fit_SameDataTwiceAndOneThread_IdenticalPath()
    {
        var golden = Golden.Value.GetProperty("cases").GetProperty("enet05_no_charge");
        var (a, _) = FitCase(golden);
        var (b, _) = FitCase(golden, threads: 1);

        Assert.Equal(a.Lambdas, b.Lambdas);
        for (var k = 0; k < a.Count; k++) Assert.Equal(a.Coefficients(k), b.Coefficients(k));
        Assert.Equal(a.Intercepts, b.Intercepts);
    }

    /// <summary>
    /// Over several row chunks (so the chunked reductions and the parallel kernels run), the path is the same
    /// bits on one thread and on all, and the row, Gram and automatic forms reach the same optimum.
    /// </summary>
    [Fact]
    public void Fit_TallProblemAnyThreadsAndForm_SamePath()
    {
        var (x, y) = RandomProblems.Create(seed: 7, rows: 3 * RowChunks.ChunkRows + 123, features: 12, signal: 0.5);
        var options = new ElasticNetOptions { LambdaCount = 12, Tolerance = 1e-13, MaxPasses = 1_000_000 };
        var all = new ElasticNetLogistic(options).Fit(x, y);
        var one = new ElasticNetLogistic(options with { MaxDegreeOfParallelism = 1 }).Fit(x, y);
        Assert.Equal(all.Lambdas, one.Lambdas);
        Assert.Equal(all.Intercepts, one.Intercepts);
        for (var k = 0; k < all.Count; k++) Assert.Equal(all.Coefficients(k), one.Coefficients(k));

        foreach (var form in new[] { CoordinateForm.Rows, CoordinateForm.Gram })
        {
            var other = new ElasticNetLogistic(options with { Form = form }).Fit(x, y);
            Assert.Equal(all.Count, other.Count);
            for (var k = 0; k < all.Count; k++)
            {
                Assert.Equal(all.Coefficients(k).Select(c => c == 0), other.Coefficients(k).Select(c => c == 0));
                for (var j = 0; j < x.ColumnCount; j++) Assert.Equal(all.Coefficients(k)[j], other.Coefficients(k)[j], 1e-9);
            }
        }
    }

    private static (ElasticNetPath Path, JsonElement[] Beta) FitCase(JsonElement golden, int threads = -1)
    {
        var data = BigmlChurnData.Instance;
        var names = golden.GetProperty("columns").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var x = data.Columns(names.Select(n => Array.IndexOf(data.Features, n)).ToArray());
        var given = golden.GetProperty("given_lambdas");
        var weights = golden.GetProperty("weights");
        var options = new ElasticNetOptions
        {
            Alpha = golden.GetProperty("alpha").GetDouble(),
            Tolerance = 1e-14,
            MaxPasses = 10_000_000,
            Lambdas = given.ValueKind == JsonValueKind.Null ? null : BigmlChurnData.Doubles(given),
            MaxDegreeOfParallelism = threads,
        };
        var w = weights.ValueKind == JsonValueKind.Null ? null : Vector<double>.Build.DenseOfArray(BigmlChurnData.Doubles(weights));
        var path = new ElasticNetLogistic(options).Fit(x, data.Labels, w);
        return (path, golden.GetProperty("beta").EnumerateArray().ToArray());
    }
}
