using Churn.Algorithms.Linear;

namespace Churn.Tests.Algorithms.Linear;

[Trait("Kind", "Numeric")]
public sealed class LogisticRowsTests
{
    [Theory]
    [InlineData(3, 1003, true, false)]
    [InlineData(6, 517, false, true)]
    [InlineData(21, 2049, true, true)]
    public void Add_OneVector512VersusTwoVector256_BitIdentical(int d, int rows, bool fitIntercept, bool weighted)
    {
        foreach (var mode in new[] { LogisticObjective.Mode.Value, LogisticObjective.Mode.Gradient, LogisticObjective.Mode.Hessian })
        {
            var (wide, wideGrad, wideHess) = Run<OneVector512>(d, rows, fitIntercept, weighted, mode);
            var (narrow, narrowGrad, narrowHess) = Run<TwoVector256>(d, rows, fitIntercept, weighted, mode);
            Assert.Equal(BitConverter.DoubleToInt64Bits(narrow), BitConverter.DoubleToInt64Bits(wide));
            Assert.Equal(narrowGrad.Select(BitConverter.DoubleToInt64Bits), wideGrad.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(narrowHess.Select(BitConverter.DoubleToInt64Bits), wideHess.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Theory]
    [InlineData(1, 13, true)]
    [InlineData(7, 700, false)]
    [InlineData(9, 1301, true)]
    public void Add_Gradient_MatchesPlainSumsOverTheRows(int d, int rows, bool fitIntercept)
    {
        var (x, y, s, theta) = Problem(d, rows, fitIntercept, weighted: true);
        var p = theta.Length;
        var grad = new double[p];
        var loss = LogisticRows.Add<TwoVector256>(new LogisticRows.Chunk(x, rows, d, fitIntercept, y, s, 0, rows), theta,
            LogisticObjective.Mode.Gradient, new LogisticRows.Scratch(rows, d), grad, new double[p * p]);

        var expectedLoss = 0.0;
        var expectedGrad = new double[p];
        for (var i = 0; i < rows; i++)
        {
            var z = fitIntercept ? theta[d] : 0.0;
            for (var j = 0; j < d; j++) z += theta[j] * x[j * rows + i];
            expectedLoss += s[i] * (Math.Log(1 + Math.Exp(z)) - y[i] * z);
            var r = s[i] * (1 / (1 + Math.Exp(-z)) - y[i]);
            for (var j = 0; j < d; j++) expectedGrad[j] += r * x[j * rows + i];
            if (fitIntercept) expectedGrad[d] += r;
        }
        Assert.Equal(expectedLoss, loss, 1e-12 * rows);
        for (var k = 0; k < p; k++) Assert.Equal(expectedGrad[k], grad[k], 1e-12 * rows);
    }

    private static (double Loss, double[] Grad, double[] Hess) Run<T>(int d, int rows, bool fitIntercept, bool weighted,
        LogisticObjective.Mode mode) where T : struct, IEightLanes<T>
    {
        var (x, y, s, theta) = Problem(d, rows, fitIntercept, weighted);
        var p = theta.Length;
        var grad = new double[p];
        var hess = new double[p * p];
        var loss = LogisticRows.Add<T>(new LogisticRows.Chunk(x, rows, d, fitIntercept, y, weighted ? s : null, 0, rows), theta, mode,
            new LogisticRows.Scratch(rows, d), grad, hess);
        return (loss, grad, hess);
    }

    private static (double[] X, double[] Y, double[] S, double[] Theta) Problem(int d, int rows, bool fitIntercept, bool weighted)
    {
        var x = RandomProblems.Vector(50 + d, rows * d);
        var y = RandomProblems.Vector(60 + d, rows).Select(v => v > 0 ? 1.0 : 0.0).ToArray();
        // Some zero weights: those rows must add exactly nothing.
        var s = RandomProblems.Vector(70 + d, rows).Select((v, i) => weighted && i % 11 == 0 ? 0.0 : Math.Abs(v) + 0.5).ToArray();
        var theta = RandomProblems.Vector(80 + d, d + (fitIntercept ? 1 : 0));
        return (x, y, s, theta);
    }
}
