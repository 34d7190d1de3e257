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
    public static int Run(string[] args, CommandConsole console)
    {
        var cl = new CommandLine("predict", args, ["model", "data", "out", "id"], ["rank", "json"]);
        var model = ModelFile.Load(cl.Required("model"));
        var path = cl.Required("data");
        var output = cl.Required("out");
        var summary = Score(model, path, output, cl.Has("id") ? cl.List("id") : null, cl.Has("rank"), console);
        if (cl.Has("json")) JsonOutput.Write(console.Out, summary);
        else
            console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "scored {0} rows: {1} predicted to churn at threshold {2} ({3:P1}); mean probability {4:F4}; written to {5}",
                summary.Rows, summary.PredictedChurners, model.Threshold, summary.Rows == 0 ? 0 : (double)summary.PredictedChurners / summary.Rows,
                summary.MeanProbability, output));
        return CommandRunner.Ok;
    }

    public sealed record ScoreSummary(string Data, string Out, int Rows, int PredictedChurners, double MeanProbability, IReadOnlyList<string> IdColumns, bool Ranked);

    public static ScoreSummary Score(ChurnModel model, string path, string output, IReadOnlyList<string>? idColumns, bool rank, CommandConsole console)
    {
        using var reader = CsvRowReader.Open(path);
        var ids = idColumns ?? model.Training.IdColumns.Where(c => reader.Header.Contains(c)).ToArray();
        var idIndex = ids.Select(reader.IndexOf).ToArray();
        // A raw file may lack derived features (e.g. total_mou); then their raw inputs are read and summed per row.
        var header = reader.Header.ToHashSet(StringComparer.Ordinal);
        var numericIndex = model.NumericInputs(header).ToDictionary(n => n, reader.IndexOf, StringComparer.Ordinal);
        var textIndex = model.Features.Categorical.ToDictionary(c => c.Name, c => reader.IndexOf(c.Name), StringComparer.Ordinal);
        Func<string, double> raw = name => reader.GetDouble(numericIndex[name]);
        var derivation = model.Derivation;
        var derived = derivation?.Wrap(raw);
        Func<string, double> number = derivation is null
            ? raw
            : name => header.Contains(name) ? derivation.FillBlank(name, raw(name)) : derived!(name);
        Func<string, string?> text = name => reader.GetText(textIndex[name]);

        var directory = Path.GetDirectoryName(Path.GetFullPath(output));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var temporary = output + ".tmp";
        var rows = 0;
        var churners = 0;
        var sum = 0.0;
        var ranked = rank ? new List<(double Probability, string Line)>() : null;
        using (var writer = new StreamWriter(temporary))
        {
            var idHeader = ids.Count == 0 ? ["row"] : ids.Select(Csv);
            writer.WriteLine(string.Join(",", idHeader.Concat(["churn_probability", "churn_prediction", "segment"])));
            while (reader.Read())
            {
                var p = model.Score(number, text, out var segment);
                var prediction = p >= model.Threshold ? 1 : 0;
                rows++;
                churners += prediction;
                sum += p;
                var idPart = ids.Count == 0
                    ? reader.Row.ToString(CultureInfo.InvariantCulture)
                    : string.Join(",", idIndex.Select(j => Csv(reader.Fields[j])));
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"{idPart},{p:R},{prediction},{(segment is { } s ? s.ToString(CultureInfo.InvariantCulture) : "")}");
                if (ranked is not null) ranked.Add((p, line));
                else writer.WriteLine(line);
                if (rows % 200_000 == 0) console.Progress(string.Format(CultureInfo.InvariantCulture, "{0} rows scored", rows));
            }
            if (ranked is not null)
            {
                // Riskiest first; ties keep file order (stable sort).
                foreach (var (_, line) in ranked.Select((r, i) => (r, i)).OrderByDescending(t => t.r.Probability).ThenBy(t => t.i).Select(t => t.r))
                    writer.WriteLine(line);
            }
        }
        File.Move(temporary, output, overwrite: true);
        return new ScoreSummary(path, output, rows, churners, rows == 0 ? 0 : sum / rows, ids, rank);
    }

    private static string Csv(string? value)
    {
        if (value is null) return "";
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
