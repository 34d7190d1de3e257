using Churn.Algorithms.Linear;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Linear;

/// <summary>
/// ElasticNetGramPath fed the IRLS sums computed here from the rows (what an engine's aggregate query
/// returns) equals ElasticNetLogistic on the same rows: same lambda path, zero pattern, and coefficients
/// to 1e-6 at thresh 1e-14 (both stop when every weighted squared step is below 1e-14 x null deviance,
/// i.e. steps below ~1e-7 per SD, so both sit within that of the one optimum).
/// </summary>
[Trait("Kind", "Numeric")]
public sealed class ElasticNetGramPathTests
{
    /// <summary>The sums of <see cref="IrlsSums"/> from the rows, with weights 1/n.</summary>
    internal static IrlsSums Sums(Matrix<double> x, Vector<double> y, double b0, double[] b)
    {
        int n = x.RowCount, p = x.ColumnCount;
        var clamp = ElasticNetGramPath.ClampLogOdds;
        double vSum = 0, rSum = 0, deviance = 0, logLikelihood = 0;
        var xv = new double[p];
        var xr = new double[p];
        var gram = new double[p * p];
        for (var i = 0; i < n; i++)
        {
            var z = b0;
            for (var j = 0; j < p; j++) z += b[j] * x[i, j];
            var q = z < -clamp ? 0 : z > clamp ? 1 : 1 / (1 + Math.Exp(-z));
            double v = q * (1 - q) / n, r = (y[i] - q) / n, c = Math.Clamp(q, 1e-5, 1 - 1e-5);
            vSum += v;
            rSum += r;
            deviance -= (y[i] * Math.Log(c) + (1 - y[i]) * Math.Log(1 - c)) / n;
            logLikelihood -= LogisticLoss.Loss(y[i], z);
            for (var j = 0; j < p; j++)
            {
                xv[j] += v * x[i, j];
                xr[j] += r * x[i, j];
                for (var k = 0; k < p; k++) gram[j * p + k] += v * x[i, j] * x[i, k];
            }
        }
        return new IrlsSums(vSum, rSum, xv, xr, gram, deviance, logLikelihood);
    }

    [Theory]
    [InlineData(1.0, null)]
    [InlineData(0.5, null)]
    [InlineData(1.0, 0.004)]
    public void Fit_BigMlFromSums_EqualsTheRowFit(double alpha, double? lambda)
    {
        var data = BigmlChurnData.Instance;
        var x = data.Standardised;
        var y = data.Labels;
        var options = new ElasticNetOptions { Alpha = alpha, Tolerance = 1e-14, Lambdas = lambda is { } l ? [l] : null };
        var rows = new ElasticNetLogistic(options).Fit(x, y);
        var usable = Enumerable.Range(0, x.ColumnCount).Select(j => x.Column(j).Minimum() != x.Column(j).Maximum()).ToArray();
        var gram = ElasticNetGramPath.Fit(x.RowCount, y.Sum() / y.Count, usable, (b0, b) => Sums(x, y, b0, b), options);

        Assert.Equal(rows.Count, gram.Count);
        for (var k = 0; k < rows.Count; k++)
        {
            Assert.Equal(rows.Lambdas[k], gram.Lambdas[k], rows.Lambdas[k] * 1e-12);
            var expected = rows.Coefficients(k);
            var actual = gram.Coefficients(k);
            Assert.Equal(expected.Select(c => c == 0), actual.Select(c => c == 0));
            for (var j = 0; j < expected.Length; j++) Assert.Equal(expected[j], actual[j], 1e-6);
            Assert.Equal(rows.Intercepts[k], gram.Intercepts[k], 1e-6);
            Assert.Equal(rows.DevianceRatios[k], gram.DevianceRatios[k], 1e-9);
        }
    }

    [Fact]
    public void Fit_OneClassOnly_Throws()
    {
        var sums = Sums(Matrix<double>.Build.Dense(2, 1, 1.0), Vector<double>.Build.Dense(2), 0, [0]);
        Assert.Throws<ArgumentException>(() => ElasticNetGramPath.Fit(2, 0, [true], (_, _) => sums, new ElasticNetOptions()));
    }
}
