using BenchmarkDotNet.Attributes;
using Churn.Algorithms.Clustering;

namespace Churn.Experiments.Benchmarks;

/// <summary>KMeans fit (k=4, n_init=10, seed 42) on the standardised seed table (99,999 x 3).</summary>
[MemoryDiagnoser]
public class KMeansBenchmarks
{
    private Matrix<double> _x = null!;
    private KMeans _trainer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = BenchData.Standardise(BenchData.LoadSeed(BenchData.SeedTable).X);
        _trainer = new KMeans(BenchRunner.KMeansOptions);
    }

    [Benchmark]
    public double Fit() => _trainer.Fit(_x).Inertia;
}
