namespace Churn.Experiments.Modeling;

/// <summary>What scoring a file did, including what it had to fill in or could not vouch for.</summary>
public sealed record BatchScore(int Rows, int PredictedChurners, double MeanProbability, IReadOnlyList<string> IdColumns,
    int? RowsOutsidePopulation, IReadOnlyList<string> Warnings);

/// <summary>
/// Scores every row of a CSV and writes one UTF-8 line per row: id columns (or the row number),
/// churn_probability (round-trip), churn_prediction, segment and, for models trained on a population,
/// in_training_population. Unranked it keeps a few blocks in memory; ranked it sorts riskiest first
/// (ties keep file order). `predict` writes it to a file, `POST /score` to the response.
/// Only the columns the model needs are parsed, on both cores (<see cref="ParsedRowStream"/>), and each block
/// is scored and its lines written on the thread that parsed it (<see cref="ScoredLines"/>); the caller's
/// thread adds the totals up in file order and writes the lines out.
/// </summary>
public static class BatchScorer
{
    public static BatchScore Write(ChurnModel model, CsvRowReader reader, Stream output, IReadOnlyList<string>? idColumns, bool rank,
        string newline = "\n", Action<string>? progress = null)
    {
        var ids = idColumns ?? model.Training.IdColumns.Where(c => reader.Header.Contains(c)).ToArray();
        var idIndex = ids.Select(reader.IndexOf).ToArray();
        // A raw file may lack derived features (e.g. total_mou); then their raw inputs are read and summed per row.
        var header = reader.Header.ToHashSet(StringComparer.Ordinal);
        var numericInputs = model.NumericInputs(header);
        var numericColumns = numericInputs.Select(reader.IndexOf).ToArray();
        var textInputs = model.Features.Categorical.Select(c => c.Name).ToArray();
        var textColumns = textInputs.Select(reader.IndexOf).ToArray();
        var population = model.Derivation?.Population;
        using var stream = new ParsedRowStream(reader, numericColumns, textColumns, idIndex,
            () => new ScoredLines(model, numericInputs, textInputs, header, idIndex.Length, newline).Score);
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
        OutputColumns.RefuseIdClash(ids, scoreHeader);
        using (var text = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = newline })
            text.WriteLine(string.Join(",", idHeader.Concat(scoreHeader)));
        var numbered = new byte[1 << 16]; // lines prefixed with their row number, when the file has no id columns
        var newLineBytes = Encoding.UTF8.GetByteCount(newline);
        foreach (var block in stream.Blocks())
        {
            var scored = (ScoredRows)block.Annex!;
            counts.Add(scored.Counts);
            churners += scored.Churners;
            outside += scored.OutsidePopulation;
            rowsOutOfRange += scored.RowsOutOfRange;
            var length = 0;
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
                        output.Write(numbered, 0, length);
                        length = 0;
                        if (numbered.Length < line.Length + 16) numbered = new byte[line.Length + 16];
                    }
                    block.Rows[r].TryFormat(numbered.AsSpan(length), out var written, default, CultureInfo.InvariantCulture);
                    line.CopyTo(numbered.AsSpan(length + written));
                    length += written + line.Length;
                }
                if (rows % 200_000 == 0) progress?.Invoke(string.Format(CultureInfo.InvariantCulture, "{0} rows scored", rows));
            }
            if (ranked is null) output.Write(ids.Count == 0 ? numbered.AsSpan(0, length) : scored.Lines);
        }
        if (rows == 0) throw new ChurnDataException("file has a header but no data rows; nothing to score.", reader.Path, line: 1);
        if (ranked is not null)
        {
            using var text = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = newline };
            // Riskiest first; ties keep file order (stable sort).
            foreach (var (_, line) in ranked.Select((r, i) => (r, i)).OrderByDescending(t => t.r.Probability).ThenBy(t => t.i).Select(t => t.r))
                text.WriteLine(line);
        }

        report.Counts = counts;
        var warnings = ScoringInput.DescribeWarnings(model, reader.NumberFormat.Notice, rows, report.Imputed(), report.Unseen(),
            rowsOutOfRange, report.OutOfRange(), outside);
        return new BatchScore(rows, churners, sum / rows, ids, population is null ? null : outside, warnings);
    }
}
