using System.Diagnostics;

namespace Churn.Experiments.Benchmarks;

/// <summary>One file loaded by <see cref="CsvTableReader"/>: size, shape, median wall and CPU seconds, throughput and allocation.</summary>
public sealed record LoadResult(string File, long Bytes, int Rows, int Columns, int TextColumns, double Seconds, double CpuSeconds,
    double MegabytesPerSecond, double AllocatedMegabytes, IReadOnlyList<double> Times);

/// <summary>
/// `churn bench load`: the column loader alone (<see cref="CsvTableReader.Read"/>, the path train,
/// evaluate and segment take) on whole files: one warm-up, then the median of the timed runs. MB/s is
/// file megabytes (10^6 bytes) over median wall seconds; allocation is what one load allocates on the
/// managed heap (the final columns included).
/// </summary>
public static class LoadBench
{
    public static LoadResult Run(string path, int repeat, Action<string> progress)
    {
        progress("loading " + path);
        var table = CsvTableReader.Read(path); // warm-up
        var times = new double[repeat];
        var cpu = new double[repeat];
        var allocated = 0L;
        using var process = Process.GetCurrentProcess();
        for (var r = 0; r < repeat; r++)
        {
            table = null!;
            GC.Collect();
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var allocatedStart = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            table = CsvTableReader.Read(path);
            times[r] = watch.Elapsed.TotalSeconds;
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedStart;
            process.Refresh();
            cpu[r] = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        }
        long bytes;
        using (var handle = File.OpenHandle(path)) bytes = RandomAccess.GetLength(handle); // the file's size, also through a symbolic link
        var seconds = BenchRunner.Median(times);
        return new LoadResult(path, bytes, table.RowCount, table.ColumnCount, table.Columns.Count(c => c is TextColumn),
            seconds, BenchRunner.Median(cpu), bytes / 1e6 / seconds, allocated / 1e6, times);
    }
}
