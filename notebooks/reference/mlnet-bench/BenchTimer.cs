using System.Diagnostics;

namespace MlnetBench;

/// <summary>
/// The timing rule of Churn.Experiments' BenchRunner and bench_sklearn.py: one warm-up run, then the
/// median of <c>repeat</c> runs of wall time (Stopwatch) and process CPU time (all threads).
/// </summary>
public sealed class BenchTimer(int repeat)
{
    public sealed record Timing<T>(double Seconds, double[] Times, double CpuSeconds, T Result);

    public Timing<T> Time<T>(Func<T> work)
    {
        var result = work(); // warm-up: JIT, and it fills the data-view cache
        var times = new double[repeat];
        var cpu = new double[repeat];
        using var process = Process.GetCurrentProcess();
        for (var r = 0; r < repeat; r++)
        {
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            result = work();
            times[r] = watch.Elapsed.TotalSeconds;
            process.Refresh();
            cpu[r] = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        }
        return new Timing<T>(Median(times), times, Median(cpu), result);
    }

    public Dictionary<string, object> Entry<T>(Timing<T> t, int rows, Dictionary<string, object> answer)
    {
        var entry = new Dictionary<string, object> { ["seconds"] = t.Seconds, ["times"] = t.Times, ["cpu_seconds"] = t.CpuSeconds, ["rows"] = rows };
        foreach (var (k, v) in answer) entry[k] = v;
        return entry;
    }

    private static double Median(double[] values)
    {
        var s = values.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
