namespace Churn.Experiments.Modeling;

/// <summary>What scoring a file did, including what it had to fill in or could not vouch for.</summary>
public sealed record BatchScore(int Rows, int PredictedChurners, double MeanProbability, IReadOnlyList<string> IdColumns,
    int? RowsOutsidePopulation, IReadOnlyList<string> Warnings);

/// <summary>
/// Scores every row of a streamed CSV and writes one line per row: id columns (or the row number),
/// churn_probability (round-trip), churn_prediction, segment and, for models trained on a population,
/// in_training_population. Unranked it keeps nothing in memory; ranked it sorts riskiest first
/// (ties keep file order). `predict` writes it to a file, `POST /score` to the response.
/// </summary>
public static class BatchScorer
{
    public static BatchScore Write(ChurnModel model, CsvRowReader reader, TextWriter writer, IReadOnlyList<string>? idColumns, bool rank,
        Action<string>? progress = null)
    {
        var input = new ScoringInput(model, reader, idColumns);
        var withPopulation = model.Derivation?.Population is not null;
        string[] scoreHeader = withPopulation
            ? ["churn_probability", "churn_prediction", "segment", "in_training_population"]
            : ["churn_probability", "churn_prediction", "segment"];
        writer.WriteLine(string.Join(",", input.IdHeader.Select(CsvField.Quote).Concat(scoreHeader)));
        var rows = 0;
        var churners = 0;
        var sum = 0.0;
        var ranked = rank ? new List<(double Probability, string Line)>() : null;
        while (reader.Read())
        {
            var p = model.Score(input.Number, input.Text, out var segment);
            var prediction = model.Decide(p);
            rows++;
            churners += prediction;
            sum += p;
            var idPart = string.Join(",", input.Ids().Select(CsvField.Quote));
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{idPart},{p:R},{prediction},{(segment is { } s ? s.ToString(CultureInfo.InvariantCulture) : "")}");
            if (input.InTrainingPopulation() is { } inside) line += inside ? ",1" : ",0";
            if (ranked is not null) ranked.Add((p, line));
            else writer.WriteLine(line);
            if (rows % 200_000 == 0) progress?.Invoke(string.Format(CultureInfo.InvariantCulture, "{0} rows scored", rows));
        }
        if (rows == 0) throw new ChurnDataException("file has a header but no data rows; nothing to score.", reader.Path, line: 1);
        if (ranked is not null)
        {
            // Riskiest first; ties keep file order (stable sort).
            foreach (var (_, line) in ranked.Select((r, i) => (r, i)).OrderByDescending(t => t.r.Probability).ThenBy(t => t.i).Select(t => t.r))
                writer.WriteLine(line);
        }
        return new BatchScore(rows, churners, sum / rows, input.IdColumns, input.RowsOutsidePopulation, input.Warnings(rows));
    }
}
