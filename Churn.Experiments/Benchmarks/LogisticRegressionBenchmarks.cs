using BenchmarkDotNet.Attributes;

namespace Churn.Experiments.Benchmarks;

/// <summary>Logistic regression fit (C=1, tol 1e-6) on the seed table tiled <see cref="Tiles"/> times, both solvers.</summary>
[MemoryDiagnoser]
public class LogisticRegressionBenchmarks
{
    private Matrix<double> _x = null!;
    private Vector<double> _y = null!;

    [Params(1, 10)]
    public int Tiles { get; set; }

    [Params(LogisticSolver.Newton, LogisticSolver.Lbfgs)]
    public LogisticSolver Solver { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (x, y) = BenchData.LoadSeed(BenchData.SeedTable);
        var (tx, ty) = BenchData.Tile(x, y, Tiles);
        _x = BenchData.Standardise(tx);
        _y = ty;
    }

    [Benchmark]
    public double Fit() => new LogisticRegression(BenchRunner.LogisticOptions(Solver)).Fit(_x, _y).Intercept;
}
