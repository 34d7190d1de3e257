using BenchmarkDotNet.Attributes;
using Churn.Algorithms.Metrics;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Experiments.Benchmarks;

/// <summary>ROC AUC on the SplitMix64 workload of <see cref="BenchData.AucData"/>.</summary>
[MemoryDiagnoser]
public class RocAucBenchmarks
{
    private Vector<double> _scores = null!;
    private Vector<double> _labels = null!;

    [Params(100_000, 10_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (scores, labels) = BenchData.AucData(Rows);
        _scores = Vector<double>.Build.DenseOfArray(scores);
        _labels = Vector<double>.Build.DenseOfArray(labels);
    }

    [Benchmark]
    public double Auc() => RocAuc.Compute(_labels, _scores);
}
