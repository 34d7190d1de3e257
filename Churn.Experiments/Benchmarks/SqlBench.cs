using System.Diagnostics;
using Churn.Algorithms.Clustering;
using Churn.Experiments.Sql;

namespace Churn.Experiments.Benchmarks;

/// <summary>What `churn bench sql` measured.</summary>
public sealed record SqlBenchResult(
    long Rows, double Seconds, double PeakMemoryMb, double WriteSeconds, double TrainSeconds, double SegmentSeconds,
    double InMemoryDesignMb, IReadOnlyList<string> Features, IReadOnlyList<double> CoefficientsPerSd, double Intercept, double TrainAuc,
    int NewtonIterations, double Inertia, int LloydIterations, IReadOnlyList<long> SegmentSizes, string MemoryLimit);

/// <summary>
/// Training larger than memory through DuckDB: the seed table tiled N times is written as one Parquet
/// file by DuckDB itself (rows never pass through .NET), then the 3-feature logistic model and the
/// k=4 segments are fitted from it by SQL aggregates. DuckDB runs under a memory limit and spills to
/// the work folder; the process's peak resident memory (VmHWM) is what the benchmark reports.
/// </summary>
public static class SqlBench
{
    public const string MemoryLimit = "512MB";

    public static SqlBenchResult Run(string seedTable, int tiles, string workFolder, IProgress<string>? progress = null)
    {
        Directory.CreateDirectory(workFolder);
        var parquet = Path.Combine(workFolder, "seed_x" + tiles.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".parquet");
        var clock = Stopwatch.StartNew();
        using (var writer = DuckDbEngine.InMemory())
        {
            Limit(writer, workFolder);
            progress?.Report("writing the seed table tiled " + tiles + " times to " + parquet);
            var d = SqlDialect.DuckDb;
            // Tile after tile, each in the file's order, so the Parquet file's row order is fixed.
            writer.Execute("COPY (SELECT s.* EXCLUDE (churn_row) FROM (SELECT *, ROW_NUMBER() OVER () AS churn_row FROM " + DuckDbEngine.ReadFunction(seedTable)
                + ") AS s, range(" + tiles.ToString(System.Globalization.CultureInfo.InvariantCulture) + ") AS t(tile) ORDER BY t.tile, s.churn_row) TO "
                + d.FileLiteral(parquet) + " (FORMAT parquet)");
        }
        var write = clock.Elapsed.TotalSeconds;

        using var table = SqlTable.Open("duckdb:" + parquet);
        Limit(table.Engine, workFolder);
        clock.Restart();
        var features = BenchData.Features;
        var trained = SqlChurnTrainer.Train(table, new SqlTrainingRequest("churn", "1", [], features), new ChurnTrainingOptions(), "bench", progress).Model;
        var train = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var segments = SqlKMeans.Fit(table, features, new KMeansOptions { NumberOfClusters = 4, Seed = 42 }, progress);
        var segment = clock.Elapsed.TotalSeconds;
        var rows = trained.Training.Rows;
        return new SqlBenchResult(rows, train + segment, PeakResidentMb(), write, train, segment,
            rows * (features.Count + 1) * 8.0 / (1 << 20), features, trained.Classifier.Coefficients.ToArray(), trained.Classifier.Intercept,
            trained.Metrics["train_auc"], trained.Training.Iterations, segments.Inertia, segments.Iterations, segments.Sizes, MemoryLimit);
    }

    private static void Limit(SqlEngine engine, string folder)
    {
        engine.Execute("SET memory_limit = '" + MemoryLimit + "'");
        engine.Execute("SET temp_directory = " + SqlDialect.DuckDb.FileLiteral(Path.Combine(folder, "duckdb-spill")));
    }

    /// <summary>The process's peak resident set (Linux VmHWM; the working-set peak elsewhere), in MiB.</summary>
    public static double PeakResidentMb()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
            foreach (var line in File.ReadLines(status))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return double.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024;
        return Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024);
    }
}
