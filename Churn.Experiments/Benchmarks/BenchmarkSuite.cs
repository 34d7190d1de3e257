using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

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
        typeof(LargeCsvLoadBenchmarks),
        typeof(PredictionBenchmarks),
    ];

    /// <summary>
    /// ShortRun on the in-process emit toolchain. BDN's default toolchain generates and builds a project that
    /// references ours by looking for "&lt;assembly name&gt;.csproj"; our assembly is `churn` but the project is
    /// Churn.Experiments.csproj, so that build fails ("Unable to find churn in ... subfolders"). In-process
    /// runs in the already-built Release process instead (no separate build, no process isolation).
    /// </summary>
    public static IConfig Config() => DefaultConfig.Instance
        .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .WithOptions(ConfigOptions.JoinSummary);
}
