using BenchmarkDotNet.Attributes;
using Churn.Algorithms.Metrics;

namespace Churn.Experiments.Benchmarks;

/// <summary>ROC AUC on the SplitMix64 workload of <see cref="BenchData.AucData"/>.</summary>
[MemoryDiagnoser]
public class RocAucBenchmarks
{
    [Params(100_000, 10_000_000)]
    public int Rows { get; set; }

    /// <summary>Labels and scores of <see cref="Rows"/> rows, built once per parameter value.</summary>
    private (Vector<double> Labels, Vector<double> Scores) _workload;

    [GlobalSetup]
    public void Setup()
    {
        var (scores, labels) = BenchData.AucData(Rows);
        _workload = (Vector<double>.Build.DenseOfArray(labels), Vector<double>.Build.DenseOfArray(scores));
    }

    [Benchmark]
    public double Auc() => RocAuc.Compute(_workload.Labels, _workload.Scores);
}
