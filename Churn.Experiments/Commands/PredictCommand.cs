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
        // Only the columns the model needs are parsed, on both cores (ParsedRowStream), and each block is scored
        // and its output lines written as UTF-8 on the thread that parsed it (ScoredLines); this thread adds the
        // totals up in file order and writes the lines out.
        var writer = output.Writer();
        var population = model.Derivation?.Population;
        using var stream = new ParsedRowStream(reader, numericColumns, textColumns, idIndex,
            () => new ScoredLines(model, numericInputs, textInputs, header, idIndex.Length, writer.NewLine).Score);
        var report = new ParsedRowScoring(model, numericInputs, textInputs, header);
        var counts = report.NewCounts();

        var rows = 0;
        var churners = 0;
        var outside = 0;
        var rowsOutOfRange = 0;
        var sum = 0.0;
        var ranked = rank ? new List<(double Probability, string Line)>() : null;
        var idHeader = ids.Count == 0 ? ["row"] : ids.Select(CsvField.Quote);
        string[] scoreHeader = population is null
            ? ["churn_probability", "churn_prediction", "segment"]
            : ["churn_probability", "churn_prediction", "segment", "in_training_population"];
        try
        {
            writer.WriteLine(string.Join(",", idHeader.Concat(scoreHeader)));
            writer.Flush(); // the lines go to the file's stream as bytes from here on (as text when ranked)
            var numbered = new byte[1 << 16]; // lines prefixed with their row number, when the file has no id columns
            foreach (var block in stream.Blocks())
            {
                var scored = (ScoredRows)block.Annex!;
                counts.Add(scored.Counts);
                churners += scored.Churners;
                outside += scored.OutsidePopulation;
                rowsOutOfRange += scored.RowsOutOfRange;
                var length = 0;
                var newLineBytes = Encoding.UTF8.GetByteCount(writer.NewLine);
                for (var r = 0; r < block.Count; r++)
                {
                    var p = scored.Probabilities[r];
                    rows++;
                    sum += p;
                    if (ranked is not null)
                    {
                        var line = Encoding.UTF8.GetString(scored.Line(r)[..^newLineBytes]);
                        ranked.Add((p, ids.Count == 0 ? block.Rows[r].ToString(CultureInfo.InvariantCulture) + line : line));
                    }
                    else if (ids.Count == 0)
                    {
                        var line = scored.Line(r);
                        if (numbered.Length - length < line.Length + 16)
                        {
                            output.Stream.Write(numbered, 0, length);
                            length = 0;
                            if (numbered.Length < line.Length + 16) numbered = new byte[line.Length + 16];
                        }
                        block.Rows[r].TryFormat(numbered.AsSpan(length), out var written, default, CultureInfo.InvariantCulture);
                        line.CopyTo(numbered.AsSpan(length + written));
                        length += written + line.Length;
                    }
                    if (rows % 200_000 == 0) console.Progress(string.Format(CultureInfo.InvariantCulture, "{0} rows scored", rows));
                }
                if (ranked is null) output.Stream.Write(ids.Count == 0 ? numbered.AsSpan(0, length) : scored.Lines);
            }
            if (rows == 0) throw new ChurnDataException("file has a header but no data rows; nothing to score.", path, line: 1);
            if (ranked is not null)
            {
                // Riskiest first; ties keep file order (stable sort).
                foreach (var (_, text) in ranked.Select((r, i) => (r, i)).OrderByDescending(t => t.r.Probability).ThenBy(t => t.i).Select(t => t.r))
                    writer.WriteLine(text);
            }
        }
        finally
        {
            writer.Dispose(); // once: a second dispose would flush into the committed file
        }
        output.Commit(); // a failed run never gets here: the caller's dispose deletes the temporary file

        report.Counts = counts;
        var warnings = ScoringInput.DescribeWarnings(model, reader.NumberFormat.Notice, rows, report.Imputed(), report.Unseen(),
            rowsOutOfRange, report.OutOfRange(), outside);
        return new ScoreSummary(path, output.Name, rows, churners, sum / rows, ids, rank, population is null ? null : outside, warnings);
    }
}
