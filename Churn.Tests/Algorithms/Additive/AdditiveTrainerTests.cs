using Churn.Algorithms;
using Churn.Algorithms.Additive;
using Churn.Algorithms.Linear;
using Churn.Algorithms.Preprocessing;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Additive;

[Trait("Kind", "Numeric")]
public sealed class AdditiveTrainerTests
{
    /// <summary>x1 uniform on [0, 6] with a sine shape, x2 a 1-5 code with a jump at 4, x3 pure noise, x4 0/1.</summary>
    private static (Matrix<double> X, Vector<double> Y) Synthetic(int n, int seed, Func<double[], double>? extra = null)
    {
        var rng = new SplitMix64((ulong)seed);
        var x = Matrix<double>.Build.Dense(n, 4);
        var y = Vector<double>.Build.Dense(n);
        for (var i = 0; i < n; i++)
        {
            var row = new[] { 6 * rng.NextDouble(), 1 + Math.Floor(5 * rng.NextDouble()), rng.NextDouble(), rng.NextDouble() < 0.3 ? 1 : 0 };
            for (var j = 0; j < 4; j++) x[i, j] = row[j];
            var eta = -1 + 1.5 * Math.Sin(row[0]) + (row[1] >= 4 ? 1.5 : 0) + 0.8 * row[3] + (extra?.Invoke(row) ?? 0);
            y[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-eta)) ? 1 : 0;
        }
        return (x, y);
    }

    private static readonly AdditiveInput[] Inputs =
    [
        new("x1", [0], false, ["x1"]), new("x2", [1], false, ["x2"]), new("x3", [2], false, ["x3"]), new("x4", [3], false, ["x4"]),
    ];

    [Fact]
    public void MainTerm_FewDistinctValues_StepPerValueNotSpline()
    {
        var (x, _) = Synthetic(500, 1);
        var trainer = new AdditiveTrainer(new AdditiveOptions());
        Assert.IsType<SplineTerm>(trainer.MainTerm(Inputs[0], x, 8));
        var code = Assert.IsType<StepTerm>(trainer.MainTerm(Inputs[1], x, 8));
        Assert.Equal([1.0, 2, 3, 4, 5], code.Levels);
        Assert.Equal(PenaltyGroup.Smooth, code.Group);
        var flag = Assert.IsType<StepTerm>(trainer.MainTerm(Inputs[3], x, 8));
        Assert.Equal(1, flag.Width);
        Assert.Equal(PenaltyGroup.Ridge, flag.Group);
    }

    [Fact]
    public void StepTerm_ValueBetweenLevels_TakesLowerLevel()
    {
        var step = new StepTerm("calls", 0, [0, 1, 2, 5]);
        Assert.Equal(0, step.LevelOf(-3));
        Assert.Equal(2, step.LevelOf(2));
        Assert.Equal(2, step.LevelOf(4.9));
        Assert.Equal(3, step.LevelOf(99));
    }

    [Fact]
    public void SplinePenalty_StraightLine_IsNotPenalised()
    {
        var values = Enumerable.Range(0, 100).Select(i => i * 0.37).ToArray();
        var basis = BSplineBasis.Fit(values, 7, 3, quantile: true);
        var term = new SplineTerm("x", 0, basis);
        // A line's B-spline coefficients are its values at the Greville abscissae; shift so the left-out last one is 0.
        var k = basis.Knots;
        var greville = Enumerable.Range(0, basis.Count).Select(i => (k[i + 1] + k[i + 2] + k[i + 3]) / 3).ToArray();
        var g = Vector<double>.Build.Dense(term.Width, i => greville[i] - greville[^1]);
        var b = new double[basis.Count];
        basis.Evaluate(10, b);
        Assert.Equal(10 - greville[^1], Enumerable.Range(0, term.Width).Sum(i => g[i] * b[i]), 1e-10);
        Assert.Equal(0, g * term.Penalty() * g, 1e-9);
        var bent = g.PointwiseMultiply(g);
        Assert.True(bent * term.Penalty() * bent > 1);
    }

    [Fact]
    public void Fit_SyntheticShapes_RecoversSineAndStepAndIgnoresNoise()
    {
        var (x, y) = Synthetic(3000, 7);
        var fit = new AdditiveTrainer(new AdditiveOptions()).Fit(x, y, Inputs);
        var sine = fit.Shapes.Single(s => s.Term == "x1");
        var truth = sine.X.Values.Select(v => 1.5 * Math.Sin(v)).ToArray();
        Assert.True(MathNet.Numerics.Statistics.Correlation.Pearson(truth, sine.Effect) > 0.95);
        Assert.All(Enumerable.Range(0, truth.Length), i => Assert.True(sine.Lower![i] <= sine.Effect[i] && sine.Effect[i] <= sine.Upper![i]));
        var code = fit.Shapes.Single(s => s.Term == "x2");
        Assert.True(code.Effect[3] - code.Effect[2] > 0.8); // the jump from 3 to 4
        var noise = fit.Shapes.Single(s => s.Term == "x3");
        Assert.True(noise.Importance < 0.25 * sine.Importance);
        Assert.True(noise.EffectiveDf < sine.EffectiveDf);
        Assert.InRange(fit.Shapes.Single(s => s.Term == "x4").EffectiveDf, 0.5, 1.0001);
    }

    [Fact]
    public void Fit_CrossInteraction_FastRanksThePairFirstAndKeepsIt()
    {
        // A 2-D effect no additive term can express: +2 when both x1 > 3 and x3 > 0.5.
        var (x, y) = Synthetic(3000, 11, row => row[0] > 3 && row[2] > 0.5 ? 2.5 : 0);
        var fit = new AdditiveTrainer(new AdditiveOptions { Interactions = -1, MaxInteractions = 3 }).Fit(x, y, Inputs);
        Assert.Equal("x1 × x3", fit.PairRanking[0].Pair);
        Assert.Contains(fit.Basis.Terms, t => t is PairTerm p && p.Name == "x1 × x3");
        var curve = fit.InteractionCurve;
        Assert.True(curve.Single(p => p.Value == 1).LogLoss < curve.Single(p => p.Value == 0).LogLoss);
        var shape = fit.Shapes.Single(s => s.Term == "x1 × x3");
        Assert.NotNull(shape.Y);
        Assert.Equal(shape.X.Values.Count * shape.Y!.Values.Count, shape.Effect.Count);
    }

    [Fact]
    public void Fit_FewRowsPerFeature_NumericTermsStayLinear()
    {
        var (x, y) = Synthetic(24, 13); // 6 spline columns for 2 continuous features: too few rows for a basis
        var fit = new AdditiveTrainer(new AdditiveOptions()).Fit(x, y, Inputs);
        Assert.IsType<LinearTerm>(fit.Basis.Terms.Single(t => t.Name == "x1"));
        Assert.IsType<LinearTerm>(fit.Basis.Terms.Single(t => t.Name == "x2")); // the 1-5 code as well
        Assert.Equal(1, Assert.IsType<StepTerm>(fit.Basis.Terms.Single(t => t.Name == "x4")).Width); // the 0/1 flag
        // The fallback is said, with the counts: three numeric features of four kept linear (the flag is a step either way), on 24 rows.
        var warning = Assert.Single(fit.Warnings);
        Assert.StartsWith("additive: 3 of 4 numeric features stay linear terms", warning);
        Assert.Contains("24 rows", warning);
    }

    [Fact]
    public void Fit_EnoughRowsForShapes_NoFallbackWarning()
    {
        var (x, y) = Synthetic(800, 13);
        var fit = new AdditiveTrainer(new AdditiveOptions()).Fit(x, y, Inputs);
        Assert.DoesNotContain(fit.Basis.Terms, t => t is LinearTerm);
        Assert.Empty(fit.Warnings);
    }

    [Fact]
    public void Fit_Twice_IdenticalModel()
    {
        var (x, y) = Synthetic(800, 3);
        var options = new AdditiveOptions { Interactions = 2 };
        var a = new AdditiveTrainer(options).Fit(x, y, Inputs);
        var b = new AdditiveTrainer(options).Fit(x, y, Inputs);
        Assert.Equal(a.Fit.Coefficients, b.Fit.Coefficients);
        Assert.Equal(a.Fit.Intercept, b.Fit.Intercept);
        Assert.Equal(a.Smoothing, b.Smoothing);
    }

    [Fact]
    public void PenalizedLogistic_TinyPenalty_MatchesUnpenalisedNewton()
    {
        var (x, y) = Synthetic(600, 5);
        var scaled = StandardScaler.Fit(x).Transform(x);
        var ours = PenalizedLogistic.Fit(scaled, y, Matrix<double>.Build.Dense(4, 4), covariance: true);
        var reference = new LogisticRegression(new LogisticRegressionOptions { Penalty = Penalty.None, Tolerance = 1e-10 }).Fit(scaled, y);
        Assert.Equal(reference.Intercept, ours.Intercept, 1e-6);
        for (var j = 0; j < 4; j++) Assert.Equal(reference.Coefficients[j], ours.Coefficients[j], 1e-6);
        Assert.All(ours.EffectiveDf, d => Assert.Equal(1.0, d, 1e-9)); // unpenalised: one df per column
        Assert.Equal(reference.LogLikelihood, ours.LogLikelihood, 1e-6);
    }

    [Fact]
    public void PenalizedLogistic_Optimum_GradientEqualsPenaltyTimesCoefficients()
    {
        var (x, y) = Synthetic(400, 9);
        var scaled = StandardScaler.Fit(x).Transform(x);
        var penalty = Matrix<double>.Build.DenseOfArray(new double[,] { { 5, -2, 0, 0 }, { -2, 5, 0, 0 }, { 0, 0, 30, 0 }, { 0, 0, 0, 1 } });
        var fit = PenalizedLogistic.Fit(scaled, y, penalty);
        var b = Vector<double>.Build.DenseOfEnumerable(fit.Coefficients);
        var p = (scaled * b + fit.Intercept).Map(e => 1 / (1 + Math.Exp(-e)));
        var gradient = scaled.TransposeThisAndMultiply(y - p) - penalty * b;
        Assert.All(gradient, g => Assert.Equal(0, g, 1e-7));
        Assert.Equal(0, (y - p).Sum(), 1e-7); // unpenalised intercept
    }

    [Fact]
    public void Options_NegativeInteractionsBelowAuto_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AdditiveOptions { Interactions = -2 }.Validate());
        Assert.Contains("Interactions=-2", e.Message);
    }
}
