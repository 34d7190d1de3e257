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

    /// <summary>Scores every row of <paramref name="path"/> into <paramref name="output"/> and commits it.</summary>
    public static ScoreSummary Score(ChurnModel model, string path, AtomicFile output, IReadOnlyList<string>? idColumns, bool rank, CommandConsole console,
        char? decimalSeparator = null)
    {
        using var reader = CsvRowReader.Open(path, new CsvReadOptions { DecimalSeparator = decimalSeparator });
        var ids = idColumns ?? model.Training.IdColumns.Where(c => reader.Header.Contains(c)).ToArray();
        var idIndex = ids.Select(reader.IndexOf).ToArray();
        // A raw file may lack derived features (e.g. total_mou); then their raw inputs are read and summed per row.
        var header = reader.Header.ToHashSet(StringComparer.Ordinal);
        var numericInputs = model.NumericInputs(header);
        var numericColumns = numericInputs.Select(reader.IndexOf).ToArray();
        var textInputs = model.Features.Categorical.Select(c => c.Name).ToArray();
        var textColumns = textInputs.Select(reader.IndexOf).ToArray();
        // Only the columns the model needs are parsed, on a second core (ParsedRowStream); the model reads
        // them by position through ParsedRowScoring, resolved once, so a row costs no lookup and no allocation.
        using var stream = new ParsedRowStream(reader, numericColumns, textColumns, idIndex);
        var scoring = new ParsedRowScoring(model, numericInputs, textInputs, header);
        var population = model.Derivation?.Population;

        var rows = 0;
        var churners = 0;
        var outside = 0;
        var rowsOutOfRange = 0;
        var sum = 0.0;
        var ranked = rank ? new List<(double Probability, string Line)>() : null;
        var rankedLine = rank ? new StringWriter(CultureInfo.InvariantCulture) : null;
        Span<char> digits = stackalloc char[32];
        using (var writer = output.Writer())
        {
            var idHeader = ids.Count == 0 ? ["row"] : ids.Select(Csv);
            string[] scoreHeader = population is null
                ? ["churn_probability", "churn_prediction", "segment"]
                : ["churn_probability", "churn_prediction", "segment", "in_training_population"];
            writer.WriteLine(string.Join(",", idHeader.Concat(scoreHeader)));
            TextWriter line = rank ? rankedLine! : writer;
            foreach (var block in stream.Blocks())
            {
                for (var current = 0; current < block.Count; current++)
                {
                    scoring.MoveTo(block, current);
                    var p = scoring.Score(out var segment);
                    var prediction = model.Decide(p);
                    if (scoring.RowOutOfRange) rowsOutOfRange++;
                    rows++;
                    churners += prediction;
                    sum += p;
                    // id columns (or the row number), churn_probability round-trip, prediction, segment[, in population]
                    if (ids.Count == 0) WriteFormatted(line, block.Rows[current], digits);
                    for (var k = 0; k < idIndex.Length; k++)
                    {
                        if (k > 0) line.Write(',');
                        WriteCsv(line, block.Kept(current, k));
                    }
                    line.Write(',');
                    WriteFormatted(line, p, digits);
                    line.Write(prediction == 1 ? ",1," : ",0,");
                    if (segment is { } s) WriteFormatted(line, s, digits);
                    if (population is not null)
                    {
                        var inside = population.Contains(scoring.Raw);
                        if (!inside) outside++;
                        line.Write(inside ? ",1" : ",0");
                    }
                    if (ranked is not null)
                    {
                        var text = rankedLine!.GetStringBuilder();
                        ranked.Add((p, text.ToString()));
                        text.Clear();
                    }
                    else writer.WriteLine();
                    if (rows % 200_000 == 0) console.Progress(string.Format(CultureInfo.InvariantCulture, "{0} rows scored", rows));
                }
            }
            if (rows == 0) throw new ChurnDataException("file has a header but no data rows; nothing to score.", path, line: 1);
            if (ranked is not null)
            {
                // Riskiest first; ties keep file order (stable sort).
                foreach (var (_, text) in ranked.Select((r, i) => (r, i)).OrderByDescending(t => t.r.Probability).ThenBy(t => t.i).Select(t => t.r))
                    writer.WriteLine(text);
            }
        }
        output.Commit(); // a failed run never gets here: the caller's dispose deletes the temporary file

        var warnings = ScoringInput.DescribeWarnings(model, reader.NumberFormat.Notice, rows, scoring.Imputed(), scoring.Unseen(),
            rowsOutOfRange, scoring.OutOfRange(), outside);
        return new ScoreSummary(path, output.Name, rows, churners, sum / rows, ids, rank, population is null ? null : outside, warnings);
    }

    /// <summary>Writes a number as interpolation with the invariant culture would ("R" for a double), with no string.</summary>
    private static void WriteFormatted<T>(TextWriter writer, T value, Span<char> buffer) where T : ISpanFormattable
    {
        if (!value.TryFormat(buffer, out var written, typeof(T) == typeof(double) ? "R" : default, CultureInfo.InvariantCulture))
            throw new InvalidOperationException("a number did not fit its 32-character buffer.");
        writer.Write(buffer[..written]);
    }

    private static void WriteCsv(TextWriter writer, ReadOnlySpan<char> value)
    {
        if (value.IndexOfAny(',', '"', '\n') < 0 && !value.Contains('\r')) writer.Write(value);
        else writer.Write(Csv(value.ToString()));
    }

    private static string Csv(string? value)
    {
        if (value is null) return "";
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
