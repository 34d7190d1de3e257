using System.Globalization;
using Churn.Experiments.Data;
using Churn.Experiments.Modeling;

namespace Churn.Experiments.Commands;

/// <summary>
/// `churn predict`: scores every row of a CSV, streaming it row by row so a file of millions of
/// rows fits in a small, constant amount of memory (unless --rank asks to sort the output).
/// </summary>
public static class PredictCommand
{
    public static Verb Verb { get; } = new("predict", "write churn probability, 0/1 prediction and segment for every row of a CSV (streaming)",
    [
        VerbOption.Required("model", "FILE", "model file written by 'train'"),
        VerbOption.Required("data", "FILE", "CSV to score (raw columns are derived as in training)"),
        VerbOption.Required("out", "FILE", "CSV to write: id columns, churn_probability, churn_prediction, segment"),
        VerbOption.Value("id", "a,b", "columns copied to the output to identify a row (default: the model's id columns, else the row number)"),
        VerbOption.Flag("rank", "sort the output riskiest first (holds every row in memory)"),
        VerbOption.Decimal,
        VerbOption.Flag("json", "print a JSON summary (rows, predicted churners, warnings) on stdout instead of text"),
    ], Run);

    public static int Run(CommandLine cl, CommandConsole console)
    {
        var modelPath = cl.Required("model");
        var path = cl.Required("data");
        var output = cl.Required("out");
        OutputPaths.EnsureDistinct(output, ("--data", path), ("--model", modelPath));
        var model = ModelFile.Load(modelPath);
        var summary = Score(model, path, output, cl.Has("id") ? cl.List("id") : null, cl.Has("rank"), console, cl.Decimal());
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

    public static ScoreSummary Score(ChurnModel model, string path, string output, IReadOnlyList<string>? idColumns, bool rank, CommandConsole console,
        char? decimalSeparator = null)
    {
        using var reader = CsvRowReader.Open(path, new CsvReadOptions { DecimalSeparator = decimalSeparator });
        var score = OutputPaths.WriteWhole(output, writer => BatchScorer.Write(model, reader, writer, idColumns, rank, console.Progress));
        return new ScoreSummary(path, output, score.Rows, score.PredictedChurners, score.MeanProbability, score.IdColumns, rank,
            score.RowsOutsidePopulation, score.Warnings);
    }
}
