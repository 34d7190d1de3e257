using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Churn.Experiments.Benchmarks;

/// <summary>
/// The BenchmarkDotNet classes run by `churn bench --bdn [BDN args]` and their shared config:
/// a short job (3 warm-up, 3 measured iterations, 1 launch) so the whole suite fits in a few minutes,
/// plus the memory diagnoser. Benchmarks read data/raw/, so run from the repository root.
/// </summary>
public static class BenchmarkSuite
{
    public static Type[] Types { get; } =
    [
        typeof(KMeansBenchmarks),
        typeof(LogisticRegressionBenchmarks),
        typeof(RocAucBenchmarks),
        typeof(CsvLoadBenchmarks),
        typeof(PredictionBenchmarks),
    ];

    public static IConfig Config() => DefaultConfig.Instance
        .AddJob(Job.ShortRun)
        .AddDiagnoser(MemoryDiagnoser.Default)
        // The repository's Directory.Build.props applies to BDN's generated project; keep its warnings from failing it.
        .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
}
