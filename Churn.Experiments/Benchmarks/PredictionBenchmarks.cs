using BenchmarkDotNet.Attributes;

namespace Churn.Experiments.Benchmarks;

/// <summary>Single-row prediction with a model trained on the seed table (3 features + 4 segments).</summary>
[MemoryDiagnoser]
public class PredictionBenchmarks
{
    private ChurnModel _model = null!;
    private Func<string, double> _number = null!;
    private readonly Func<string, string?> _text = _ => null;

    /// <summary>The model the prediction and featurisation benchmarks use (deterministic: seed 42).</summary>
    public static ChurnModel TrainSeedModel()
    {
        var data = TrainingDataLoader.Load(BenchData.SeedTable, BenchData.Label, "1", [], BenchData.Features);
        var options = new ChurnTrainingOptions { Segments = 4, SegmentFeatures = BenchData.Features };
        return ChurnTrainer.Train(data, options, "bench").Model;
    }

    [GlobalSetup]
    public void Setup()
    {
        _model = TrainSeedModel();
        var row = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["aon"] = 1006, ["total_mou"] = 4600.27, ["total_data_usage"] = 476.54,
        };
        _number = name => row[name];
    }

    [Benchmark]
    public double Score() => _model.Score(_number, _text, out _);

    [Benchmark]
    public double Predict() => _model.Predict(_number, _text).Probability;
}
