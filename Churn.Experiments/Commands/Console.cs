namespace Churn.Experiments.Commands;

/// <summary>
/// Where a command writes: results to <see cref="Out"/> (with --json, exactly one JSON object),
/// progress and warnings to <see cref="Error"/>. Tests pass string writers.
/// </summary>
public sealed class CommandConsole(TextWriter output, TextWriter error)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public void Warn(string message) => Error.WriteLine("warning: " + message);

    public void Progress(string message) => Error.WriteLine("... " + Elapsed() + message);

    /// <summary>
    /// With CHURN_TIMINGS=1 every progress line starts with the seconds since the process started (wall)
    /// the process's CPU seconds, its peak memory so far and the managed heap's live bytes now (what a
    /// collection could not free): a phase profile of a whole run with no profiler.
    /// </summary>
    private static string Elapsed()
    {
        if (Environment.GetEnvironmentVariable("CHURN_TIMINGS") != "1") return "";
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var wall = (DateTime.Now - process.StartTime).TotalSeconds;
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, "[{0:F2} s wall, {1:F2} s CPU, {2} MB, heap {3} MB, jit {4:F2} s {5} methods, gc {6}/{7}/{8} {9:F2} s] ",
            wall, process.TotalProcessorTime.TotalSeconds, process.PeakWorkingSet64 >> 20, GC.GetTotalMemory(false) >> 20,
            System.Runtime.JitInfo.GetCompilationTime().TotalSeconds, System.Runtime.JitInfo.GetCompiledMethodCount(),
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalSeconds);
    }

    public IProgress<string> ProgressReporter() => new SyncProgress(Progress);

    // Progress<T> posts to the thread pool; reports must appear in order, now.
    private sealed class SyncProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}

/// <summary>Text for the console's tables (--json always has the full names).</summary>
internal static class TableText
{
    /// <summary>Longest term name a table prints whole.</summary>
    public const int MaxName = 48;

    /// <summary>
    /// <paramref name="name"/>, or its start and end around "…" when longer than <see cref="MaxName"/>: one
    /// 2,000,000-character category padded every line of a table to 2 MB. The end is kept because a one-hot term's
    /// level ("plan=...") is what tells two long names apart.
    /// </summary>
    public static string Name(string name) =>
        name.Length <= MaxName ? name : string.Concat(name.AsSpan(0, MaxName - 18), "\u2026", name.AsSpan(name.Length - 17));
}

