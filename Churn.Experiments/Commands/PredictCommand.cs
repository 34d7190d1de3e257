namespace Churn.Experiments.Commands;

/// <summary>
/// `churn predict`: scores every row of a CSV, streaming it row by row so a file of millions of
/// rows fits in a small, constant amount of memory (unless --rank asks to sort the output).
/// </summary>
public static class PredictCommand
{
    public static Verb Verb { get; } = new("predict", "write churn probability, 0/1 prediction and segment for every row of a CSV (streaming)",
    [
        VerbOption.Model,
        VerbOption.Required("data", "FILE", "CSV to score (raw columns are derived as in training)"),
        VerbOption.Required("out", "FILE", "CSV to write: id columns, churn_probability, churn_prediction, segment"),
        VerbOption.IdColumns,
        VerbOption.Flag("rank", "sort the output riskiest first (holds every row in memory)"),
        VerbOption.Decimal,
        VerbOption.Flag("json", "print a JSON summary (rows, predicted churners, warnings) on stdout instead of text"),
    ], Run);

    public static int Run(CommandLine cl, CommandConsole console)
    {
        var path = cl.Required("data");
        var output = cl.Required("out");
        using var scored = cl.CreateOutput(output);
        var model = cl.Model();
        var summary = Score(model, path, scored, cl.IdColumns(), cl.Has("rank"), console, cl.Decimal());
        foreach (var warning in summary.Warnings) console.Warn(warning);
        if (cl.Has("json")) JsonOutput.Write(console.Out, summary);
        else
            console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "scored {0} rows: {1} predicted to churn at threshold {2} ({3:P1}); mean probability {4:F4}; written to {5}",
                summary.Rows, summary.PredictedChurners, model.Threshold, (double)summary.PredictedChurners / summary.Rows,
                summary.MeanProbability, output));
        return CommandRunner.Ok;
    }

    /// <summary>What scoring did, including what it had to fill in or could not vouch for.</summary>
    public sealed record ScoreSummary(string Data, string Out, int Rows, int PredictedChurners, double MeanProbability,
        IReadOnlyList<string> IdColumns, bool Ranked, int? RowsOutsidePopulation, IReadOnlyList<string> Warnings);

    /// <summary>Scores every row of <paramref name="path"/> into <paramref name="output"/> (<see cref="BatchScorer"/>) and commits it.</summary>
    public static ScoreSummary Score(ChurnModel model, string path, AtomicFile output, IReadOnlyList<string>? idColumns, bool rank, CommandConsole console,
        char? decimalSeparator = null)
    {
        using var reader = CsvRowReader.Open(path, model.ReadOptions(decimalSeparator));
        var score = BatchScorer.Write(model, reader, output.Stream, idColumns, rank, Environment.NewLine, console.Progress);
        output.Commit(); // a failed run never gets here: the caller's dispose deletes the temporary file
        return new ScoreSummary(path, output.Name, score.Rows, score.PredictedChurners, score.MeanProbability, score.IdColumns, rank,
            score.RowsOutsidePopulation, score.Warnings);
    }
}
