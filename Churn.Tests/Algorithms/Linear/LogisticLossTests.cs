using Churn.Algorithms.Linear;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Linear;

[Trait("Kind", "Numeric")]
public sealed class LogisticLossTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-20)]
    [InlineData(-3.5)]
    [InlineData(7.25)]
    [InlineData(40.0)]
    [InlineData(-40.0)]
    [InlineData(800.0)]
    [InlineData(-800.0)]
    public void Softplus_AnyMargin_FiniteAndMatchesDirectFormWhereThatIsExact(double z)
    {
        var value = LogisticLoss.Softplus(z);
        Assert.True(double.IsFinite(value));
        if (Math.Abs(z) <= 30)
            Assert.Equal(Math.Log(1 + Math.Exp(z)), value, 1e-14 * Math.Max(1, value));
        else if (z > 0)
            Assert.Equal(z, value, 1e-12 * z);
        else
            Assert.Equal(Math.Exp(z), value, 1e-14 * Math.Exp(z)); // log(1 + t) ~ t for tiny t, no underflow to 0 at -40
    }

    [Fact]
    public void Sigmoid_ExtremeMargins_NoNaNAndSymmetric()
    {
        foreach (var z in new[] { -1000.0, -40, -1, 0, 1, 40, 1000 })
        {
            var p = LogisticLoss.Sigmoid(z);
            Assert.InRange(p, 0.0, 1.0);
            Assert.Equal(1.0, p + LogisticLoss.Sigmoid(-z), 1e-15);
        }
        Assert.Equal(0.5, LogisticLoss.Sigmoid(0));
    }

    [Fact]
    public void Loss_LargeMargins_NoOverflow()
    {
        Assert.Equal(0.0, LogisticLoss.Loss(1, 1000), 1e-300);
        Assert.Equal(1000.0, LogisticLoss.Loss(0, 1000), 1e-9);
        Assert.Equal(1000.0, LogisticLoss.Loss(1, -1000), 1e-9);
    }

    [Theory]
    [InlineData(1, true, 0.0, false)]
    [InlineData(2, true, 0.7, true)]
    [InlineData(3, false, 2.0, true)]
    [InlineData(4, false, 0.0, false)]
    public void ValueAndGradient_RandomProblem_MatchesCentralDifferences(int seed, bool intercept, double lambda, bool weighted)
    {
        var objective = Objective(seed, intercept, lambda, weighted);
        var p = objective.ParameterCount;
        var theta = RandomProblems.Vector(seed + 100, p, 0.7);
        var gradient = new double[p];
        LogisticLoss.ValueAndGradient(objective, theta, gradient);

        const double h = 1e-6;
        for (var k = 0; k < p; k++)
        {
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[k] += h;
            minus[k] -= h;
            var numeric = (LogisticLoss.Value(objective, plus) - LogisticLoss.Value(objective, minus)) / (2 * h);
            Assert.Equal(numeric, gradient[k], 1e-6 * Math.Max(1, Math.Abs(numeric)));
        }
    }

    [Theory]
    [InlineData(5, true, 0.0, false)]
    [InlineData(6, true, 1.5, true)]
    [InlineData(7, false, 0.3, true)]
    public void Hessian_RandomProblem_MatchesCentralDifferencesOfGradient(int seed, bool intercept, double lambda, bool weighted)
    {
        var objective = Objective(seed, intercept, lambda, weighted);
        var p = objective.ParameterCount;
        var theta = RandomProblems.Vector(seed + 100, p, 0.7);
        var gradient = new double[p];
        var hessian = new double[p * p];
        var value = LogisticLoss.ValueGradientHessian(objective, theta, gradient, hessian);

        Assert.Equal(LogisticLoss.Value(objective, theta), value, 1e-12 * Math.Abs(value));
        const double h = 1e-5;
        var gPlus = new double[p];
        var gMinus = new double[p];
        for (var k = 0; k < p; k++)
        {
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[k] += h;
            minus[k] -= h;
            LogisticLoss.ValueAndGradient(objective, plus, gPlus);
            LogisticLoss.ValueAndGradient(objective, minus, gMinus);
            for (var j = 0; j < p; j++)
            {
                var numeric = (gPlus[j] - gMinus[j]) / (2 * h);
                Assert.Equal(numeric, hessian[j * p + k], 1e-5 * Math.Max(1, Math.Abs(numeric)));
                Assert.Equal(hessian[k * p + j], hessian[j * p + k]);
            }
        }
    }

    [Fact]
    public void Value_IndependentFormula_Matches()
    {
        var (x, y) = RandomProblems.Create(11, 50, 3);
        var weights = RandomProblems.Vector(12, 50).Select(Math.Abs).ToArray();
        var objective = LogisticObjective.FromMatrix(x, y, Vector<double>.Build.DenseOfArray(weights), true, 0.5);
        var theta = new[] { 0.2, -0.4, 1.1, -0.3 };
        var expected = 0.0;
        for (var i = 0; i < 50; i++)
        {
            var z = theta[3] + x[i, 0] * theta[0] + x[i, 1] * theta[1] + x[i, 2] * theta[2];
            var p = 1 / (1 + Math.Exp(-z));
            expected -= weights[i] * (y[i] * Math.Log(p) + (1 - y[i]) * Math.Log(1 - p));
        }
        expected += 0.5 * 0.5 * (0.04 + 0.16 + 1.21);
        Assert.Equal(expected, LogisticLoss.Value(objective, theta), 1e-10 * expected);
    }

    [Fact]
    public void Evaluate_ManyChunks_IdenticalForAnyThreadCount()
    {
        var rows = 3 * LogisticObjective.ChunkRows + 17;
        var (x, y) = RandomProblems.Create(21, rows, 4);
        var theta = RandomProblems.Vector(22, 5, 0.5);
        double[] Run(int threads, out double value)
        {
            var objective = LogisticObjective.FromMatrix(x, y, null, true, 1.0, threads);
            var gradient = new double[5];
            var hessian = new double[25];
            value = LogisticLoss.ValueGradientHessian(objective, theta, gradient, hessian);
            return gradient.Concat(hessian).ToArray();
        }
        var single = Run(1, out var v1);
        var many = Run(4, out var v4);
        var all = Run(-1, out var vAll);
        Assert.Equal(v1, v4);
        Assert.Equal(v1, vAll);
        Assert.Equal(single, many);
        Assert.Equal(single, all);
    }

    [Fact]
    public void Constructor_RowMajorArray_SameObjectiveAsFromMatrix()
    {
        var (x, y) = RandomProblems.Create(23, 103, 3);
        var weights = RandomProblems.Vector(24, 103).Select(v => Math.Abs(v)).ToArray();
        weights[5] = 0;
        var fromRows = new LogisticObjective(x.ToRowMajorArray(), 103, 3, y.ToArray(), weights, true, 0.5);
        var fromMatrix = LogisticObjective.FromMatrix(x, y, MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(weights), true, 0.5);
        var theta = new[] { 0.3, -0.2, 0.9, 0.1 };
        double[] Gradient(LogisticObjective objective)
        {
            var gradient = new double[4];
            LogisticLoss.ValueAndGradient(objective, theta, gradient);
            return gradient;
        }
        Assert.Equal(LogisticLoss.Value(fromMatrix, theta), LogisticLoss.Value(fromRows, theta));
        Assert.Equal(Gradient(fromMatrix), Gradient(fromRows));
    }

    [Fact]
    public void Evaluate_WrongThetaLength_Throws()
    {
        var (x, y) = RandomProblems.Create(1, 10, 2);
        var objective = LogisticObjective.FromMatrix(x, y, null, true, 0);
        var error = Assert.Throws<ArgumentException>(() => LogisticLoss.Value(objective, new double[2]));
        Assert.Contains("3 parameters", error.Message, StringComparison.Ordinal);
    }

    private static LogisticObjective Objective(int seed, bool intercept, double lambda, bool weighted)
    {
        var (x, y) = RandomProblems.Create(seed, 40, 3);
        var weights = weighted
            ? Vector<double>.Build.DenseOfArray(RandomProblems.Vector(seed + 50, 40).Select(v => 0.1 + Math.Abs(v)).ToArray())
            : null;
        return LogisticObjective.FromMatrix(x, y, weights, intercept, lambda);
    }
}
