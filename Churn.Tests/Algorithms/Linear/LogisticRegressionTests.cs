using System.Globalization;
using Churn.Algorithms.Linear;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Linear;

[Trait("Kind", "Numeric")]
public sealed class LogisticRegressionTests
{
    private static LogisticRegressionModel Fit(Matrix<double> x, Vector<double> y, LogisticSolver solver,
        Penalty penalty = Penalty.L2, Vector<double>? weights = null, ClassWeighting classWeight = ClassWeighting.None,
        bool intercept = true, int threads = -1) =>
        new LogisticRegression(new LogisticRegressionOptions
        {
            Solver = solver,
            Penalty = penalty,
            ClassWeight = classWeight,
            FitIntercept = intercept,
            Tolerance = 1e-9,
            MaxIterations = solver == LogisticSolver.Newton ? 100 : 5000,
            MaxDegreeOfParallelism = threads,
        }).Fit(x, y, weights);

    [Theory]
    [InlineData(LogisticSolver.Newton)]
    [InlineData(LogisticSolver.Lbfgs)]
    public void Fit_Twice_IdenticalModels(LogisticSolver solver)
    {
        var (x, y) = RandomProblems.Create(31, 200, 4);
        var trainer = new LogisticRegression(new LogisticRegressionOptions { Solver = solver });
        var first = trainer.Fit(x, y);
        var second = trainer.Fit(x, y);
        Assert.Equal(first.Coefficients.ToArray(), second.Coefficients.ToArray());
        Assert.Equal(first.Intercept, second.Intercept);
        Assert.Equal(first.Iterations, second.Iterations);
        Assert.Equal(first.StopReason, second.StopReason);
    }

    [Theory]
    [InlineData(LogisticSolver.Newton)]
    [InlineData(LogisticSolver.Lbfgs)]
    public void Fit_ManyChunks_SameModelForAnyThreadCount(LogisticSolver solver)
    {
        var (x, y) = RandomProblems.Create(32, 2 * LogisticObjective.ChunkRows + 5, 3);
        var one = Fit(x, y, solver, threads: 1);
        var many = Fit(x, y, solver, threads: 3);
        Assert.Equal(one.Coefficients.ToArray(), many.Coefficients.ToArray());
        Assert.Equal(one.Intercept, many.Intercept);
        Assert.Equal(one.LogLikelihood, many.LogLikelihood);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1000.0)]
    public void Fit_DefaultOptionsCorrelatedColumnsOnMixedScales_LbfgsConvergesWhereNewtonDoes(double scale)
    {
        // Twelve columns: a common factor plus noise, on scales from 1/scale to scale (unstandardised usage-like data).
        var rng = new Churn.Algorithms.SplitMix64(91);
        const int n = 20_000, d = 12;
        var factor = new double[n];
        for (var i = 0; i < n; i++) factor[i] = rng.NextDouble() - 0.5;
        var x = Matrix<double>.Build.Dense(n, d, (i, j) => Math.Pow(scale, (j % 3) - 1) * (factor[i] + 0.05 * (rng.NextDouble() - 0.5) + 0.1 * j));
        var y = Vector<double>.Build.Dense(n, i => rng.NextDouble() < 1 / (1 + Math.Exp(-4 * factor[i] - 2 * (x[i, 1] / Math.Pow(scale, 0) - factor[i]))) ? 1.0 : 0.0);
        var newton = new LogisticRegression(new LogisticRegressionOptions()).Fit(x, y);
        var lbfgs = new LogisticRegression(new LogisticRegressionOptions { Solver = LogisticSolver.Lbfgs }).Fit(x, y);
        Assert.True(newton.Converged, newton.StopReason);
        Assert.True(lbfgs.Converged, lbfgs.StopReason);
        Assert.InRange(lbfgs.Iterations, 1, 60);
        Assert.Equal(newton.LogLikelihood, lbfgs.LogLikelihood, 1e-6);
    }

    [Theory]
    [InlineData(Penalty.L2, true)]
    [InlineData(Penalty.None, true)]
    [InlineData(Penalty.L2, false)]
    public void Fit_RandomProblem_NewtonAndLbfgsAgreeAndGradientIsSmall(Penalty penalty, bool intercept)
    {
        var (x, y) = RandomProblems.Create(33, 300, 5);
        var newton = Fit(x, y, LogisticSolver.Newton, penalty, intercept: intercept);
        var lbfgs = Fit(x, y, LogisticSolver.Lbfgs, penalty, intercept: intercept);
        Assert.True(newton.Converged, newton.StopReason);
        Assert.True(lbfgs.Converged, lbfgs.StopReason);
        Assert.InRange(newton.GradientMaxNorm, 0, 1e-9);
        Assert.InRange((newton.Coefficients - lbfgs.Coefficients).AbsoluteMaximum(), 0, 1e-6);
        Assert.InRange(Math.Abs(newton.Intercept - lbfgs.Intercept), 0, 1e-6);
        if (!intercept) Assert.Equal(0.0, newton.Intercept);
        Assert.Equal(penalty == Penalty.None, newton.Statistics is not null);
    }

    [Fact]
    public void Fit_IntegerSampleWeights_EqualToDuplicatedRows()
    {
        var (x, y) = RandomProblems.Create(34, 60, 3);
        var counts = Enumerable.Range(0, 60).Select(i => (double)(i % 3)).ToArray();
        var rows = Enumerable.Range(0, 60).SelectMany(i => Enumerable.Repeat(i, (int)counts[i])).ToArray();
        var xDup = Matrix<double>.Build.DenseOfRowVectors(rows.Select(x.Row));
        var yDup = Vector<double>.Build.DenseOfEnumerable(rows.Select(i => y[i]));

        var weighted = Fit(x, y, LogisticSolver.Newton, weights: Vector<double>.Build.DenseOfArray(counts));
        var duplicated = Fit(xDup, yDup, LogisticSolver.Newton);
        Assert.InRange((weighted.Coefficients - duplicated.Coefficients).AbsoluteMaximum(), 0, 1e-8);
        Assert.Equal(duplicated.Intercept, weighted.Intercept, 1e-8);
    }

    [Fact]
    public void Fit_BalancedClassWeight_EqualsExplicitSklearnWeights()
    {
        var (x, y) = RandomProblems.Create(35, 120, 3);
        var n = y.Count;
        var positives = y.Sum();
        var explicitWeights = y.Map(v => v == 1 ? n / (2 * positives) : n / (2 * (n - positives)));
        var balanced = Fit(x, y, LogisticSolver.Newton, classWeight: ClassWeighting.Balanced);
        var manual = Fit(x, y, LogisticSolver.Newton, weights: explicitWeights);
        Assert.InRange((balanced.Coefficients - manual.Coefficients).AbsoluteMaximum(), 0, 1e-10);
        var unweighted = Fit(x, y, LogisticSolver.Newton);
        Assert.True((balanced.Coefficients - unweighted.Coefficients).AbsoluteMaximum() > 1e-4 || balanced.Intercept != unweighted.Intercept);
    }

    [Theory]
    [InlineData(LogisticSolver.Newton)]
    [InlineData(LogisticSolver.Lbfgs)]
    public void Fit_PerfectSeparationWithoutPenalty_NoExceptionNoNaNAndWarns(LogisticSolver solver)
    {
        var x = Matrix<double>.Build.DenseOfColumnArrays(new[] { -3.0, -2, -1, -0.5, 0.5, 1, 2, 3 });
        var y = Vector<double>.Build.DenseOfArray([0, 0, 0, 0, 1, 1, 1, 1]);
        var model = Fit(x, y, solver, Penalty.None);
        Assert.True(double.IsFinite(model.Coefficients[0]));
        Assert.True(double.IsFinite(model.Intercept));
        Assert.True(double.IsFinite(model.LogLikelihood));
        Assert.True(!model.Converged || model.Warnings.Any(w => w.Contains("separation", StringComparison.Ordinal)),
            string.Join(" | ", model.Warnings));
        Assert.Null(model.Statistics);
    }

    [Fact]
    public void Fit_LargeQuasiSeparatedData_CountsEveryCertainRowAcrossRowBlocks()
    {
        // 100,000 rows (several row blocks, counted on all cores): x > 0 is always class 1, x < 0 a coin flip
        // near 0 only, so the unpenalised fit pushes the rows far on the right to probability 1.
        var random = new Random(12);
        var n = 100_000;
        var xs = new double[n];
        var ys = new double[n];
        for (var i = 0; i < n; i++)
        {
            xs[i] = i % 2 == 0 ? random.NextDouble() * 1000 : -random.NextDouble();
            ys[i] = xs[i] > 0 ? 1.0 : random.Next(2);
        }
        var x = Matrix<double>.Build.DenseOfColumnArrays(xs);
        var y = Vector<double>.Build.DenseOfArray(ys);
        var model = Fit(x, y, LogisticSolver.Newton, Penalty.None);
        var warning = model.Warnings.Single(w => w.StartsWith("Possible quasi-complete separation", StringComparison.Ordinal));
        // The count in the warning is the one a plain loop over all rows finds.
        var expected = Enumerable.Range(0, n).Count(i =>
        {
            var z = model.Intercept + model.Coefficients[0] * xs[i];
            return (ys[i] == 1.0 ? z : -z) > 23.0;
        });
        Assert.Contains(expected.ToString(CultureInfo.InvariantCulture) + " rows", warning);
    }

    [Fact]
    public void Fit_PerfectSeparationWithPenalty_ConvergesToFiniteCoefficients()
    {
        var x = Matrix<double>.Build.DenseOfColumnArrays(new[] { -3.0, -2, -1, -0.5, 0.5, 1, 2, 3 });
        var y = Vector<double>.Build.DenseOfArray([0, 0, 0, 0, 1, 1, 1, 1]);
        var model = Fit(x, y, LogisticSolver.Newton);
        Assert.True(model.Converged, model.StopReason);
        Assert.InRange(model.Coefficients[0], 0.5, 10);
        // The penalty keeps the estimate finite: separation is not a problem to report (nor looked for).
        Assert.DoesNotContain(model.Warnings, w => w.Contains("separation", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(LogisticSolver.Newton)]
    [InlineData(LogisticSolver.Lbfgs)]
    public void Fit_TooFewIterations_NotConvergedWithAdvice(LogisticSolver solver)
    {
        var (x, y) = RandomProblems.Create(36, 200, 4);
        var scaled = x * 1000;
        var model = new LogisticRegression(new LogisticRegressionOptions
        {
            Solver = solver, MaxIterations = 1, Tolerance = 1e-12,
        }).Fit(scaled, y);
        Assert.False(model.Converged);
        Assert.Equal(1, model.Iterations);
        Assert.Contains("increase MaxIterations or scale the data", model.StopReason, StringComparison.Ordinal);
        Assert.Contains(model.StopReason, model.Warnings);
    }

    [Fact]
    public void Fit_ExactDuplicateColumnWithoutPenalty_StatisticsNullWithWarningAndPairReported()
    {
        var (x, y) = RandomProblems.Create(37, 150, 2);
        var withCopy = x.Append(x.Column(1).ToColumnMatrix());
        var model = Fit(withCopy, y, LogisticSolver.Newton, Penalty.None);
        Assert.Null(model.Statistics);
        Assert.Contains(model.Warnings, w => w.Contains("Coefficient statistics unavailable", StringComparison.Ordinal));
        Assert.Contains(model.CollinearPairs, p => p.First == 1 && p.Second == 2);
        Assert.True(double.IsFinite(model.Coefficients[1] + model.Coefficients[2]));
    }

    [Fact]
    public void Fit_WeightsWithoutPenalty_StatisticsWarnFrequencyWeights()
    {
        var (x, y) = RandomProblems.Create(38, 150, 2);
        var model = Fit(x, y, LogisticSolver.Newton, Penalty.None, classWeight: ClassWeighting.Balanced);
        Assert.NotNull(model.Statistics);
        Assert.Contains(model.Warnings, w => w.Contains("frequency weights", StringComparison.Ordinal));
    }

    [Fact]
    public void Fit_LabelOutsideZeroOne_ThrowsNamingPosition()
    {
        var (x, y) = RandomProblems.Create(39, 10, 2);
        y[4] = 2;
        var error = Assert.Throws<ArgumentException>(() => new LogisticRegression(new()).Fit(x, y));
        Assert.Contains("y[4] is 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_NaNFeature_ThrowsNamingRowAndColumn()
    {
        var (x, y) = RandomProblems.Create(40, 10, 3);
        x[6, 2] = double.NaN;
        var error = Assert.Throws<ArgumentException>(() => new LogisticRegression(new()).Fit(x, y));
        Assert.Contains("row 6, column 2 is NaN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_InfinityPastTheFirstScreenedBlock_ThrowsNamingRowAndColumn()
    {
        var (x, y) = RandomProblems.Create(42, 3000, 3);
        x[2500, 1] = double.PositiveInfinity;
        var error = Assert.Throws<ArgumentException>(() => new LogisticRegression(new()).Fit(x, y));
        Assert.Contains("row 2500, column 1 is", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ShapeMismatch_Throws()
    {
        var (x, y) = RandomProblems.Create(41, 10, 3);
        var shortY = Vector<double>.Build.Dense(9, i => y[i]);
        var error = Assert.Throws<ArgumentException>(() => new LogisticRegression(new()).Fit(x, shortY));
        Assert.Contains("x has 10 rows but y has 9 entries", error.Message, StringComparison.Ordinal);
        var weightError = Assert.Throws<ArgumentException>(() =>
            new LogisticRegression(new()).Fit(x, y, Vector<double>.Build.Dense(8, 1.0)));
        Assert.Contains("sampleWeight has 8 entries", weightError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_OneClassOrNegativeWeight_Throws()
    {
        var (x, _) = RandomProblems.Create(42, 10, 2);
        var ones = Vector<double>.Build.Dense(10, 1.0);
        Assert.Contains("only one class", Assert.Throws<ArgumentException>(() => new LogisticRegression(new()).Fit(x, ones)).Message,
            StringComparison.Ordinal);
        var y = Vector<double>.Build.Dense(10, i => i % 2);
        var weights = Vector<double>.Build.Dense(10, 1.0);
        weights[3] = -1;
        Assert.Contains("sampleWeight[3] is -1",
            Assert.Throws<ArgumentException>(() => new LogisticRegression(new()).Fit(x, y, weights)).Message, StringComparison.Ordinal);
    }
}
