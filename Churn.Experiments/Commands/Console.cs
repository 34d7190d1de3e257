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

    public void Progress(string message) => Error.WriteLine("... " + message);

    public IProgress<string> ProgressReporter() => new SyncProgress(Progress);

    // Progress<T> posts to the thread pool; reports must appear in order, now.
    private sealed class SyncProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
