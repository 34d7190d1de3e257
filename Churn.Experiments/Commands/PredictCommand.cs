using System.Globalization;
using System.Runtime.CompilerServices;
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
        var categories = model.Features.Categorical.ToDictionary(c => c.Name, StringComparer.Ordinal);
        // Only the columns the model needs are parsed, on a second core (ParsedRowStream); the model asks
        // for them by name, resolved once per name (NameLookup), and reads the current row's slot.
        using var stream = new ParsedRowStream(reader, numericColumns, textColumns, idIndex);
        ParsedRows block = null!;
        var current = 0;
        var numericSlot = new NameLookup<int>(name => IndexOfName(numericInputs, name));
        var textSlot = new NameLookup<int>(name => IndexOfName(textInputs, name));
        Func<string, double> raw = name => block.Numbers[current * numericColumns.Length + numericSlot[name]];
        var derivation = model.Derivation;
        var derived = derivation?.Wrap(raw);
        var valueOf = new NameLookup<Func<double>>(name => derivation is null
            ? () => raw(name)
            : header.Contains(name) ? () => derivation.FillBlank(name, raw(name)) : () => derived!(name));
        Func<string, double> value = name => valueOf[name]();

        // Count what the model has to fill in, so a user learns how much of the file it guessed at.
        var imputedCounts = new NameLookup<StrongBox<int>>(_ => new StrongBox<int>());
        var unseenCounts = new NameLookup<StrongBox<int>>(_ => new StrongBox<int>());
        var outOfRangeSeen = new NameLookup<OutOfRangeTally>(_ => new OutOfRangeTally());
        var rowOutOfRange = false;
        Func<string, double> number = name =>
        {
            var v = value(name);
            if (double.IsNaN(v)) imputedCounts[name].Value++;
            else if (model.CheckRange(name, v) is not null)
            {
                outOfRangeSeen[name].Add(v);
                rowOutOfRange = true;
            }
            return v;
        };
        Func<string, string?> text = name =>
        {
            var t = block.Texts[current * textColumns.Length + textSlot[name]];
            if (model.CheckCategory(name, t) is not null) unseenCounts[name].Value++;
            return t;
        };
        var population = derivation?.Population;

        var rows = 0;
        var churners = 0;
        var outside = 0;
        var rowsOutOfRange = 0;
        var sum = 0.0;
        var ranked = rank ? new List<(double Probability, string Line)>() : null;
        using (var writer = output.Writer())
        {
            var idHeader = ids.Count == 0 ? ["row"] : ids.Select(Csv);
            string[] scoreHeader = population is null
                ? ["churn_probability", "churn_prediction", "segment"]
                : ["churn_probability", "churn_prediction", "segment", "in_training_population"];
            writer.WriteLine(string.Join(",", idHeader.Concat(scoreHeader)));
            foreach (var parsed in stream.Blocks())
            {
                block = parsed;
                for (current = 0; current < block.Count; current++)
                {
                    rowOutOfRange = false;
                    var p = model.Score(number, text, out var segment);
                    var prediction = model.Decide(p);
                    if (rowOutOfRange) rowsOutOfRange++;
                    rows++;
                    churners += prediction;
                    sum += p;
                    var idPart = ids.Count == 0
                        ? block.Rows[current].ToString(CultureInfo.InvariantCulture)
                        : string.Join(",", new ArraySegment<string>(block.Kept, current * idIndex.Length, idIndex.Length).Select(Csv));
                    var line = string.Create(CultureInfo.InvariantCulture,
                        $"{idPart},{p:R},{prediction},{(segment is { } s ? s.ToString(CultureInfo.InvariantCulture) : "")}");
                    if (population is not null)
                    {
                        var inside = population.Contains(raw);
                        if (!inside) outside++;
                        line += inside ? ",1" : ",0";
                    }
                    if (ranked is not null) ranked.Add((p, line));
                    else writer.WriteLine(line);
                    if (rows % 200_000 == 0) console.Progress(string.Format(CultureInfo.InvariantCulture, "{0} rows scored", rows));
                }
            }
            if (rows == 0) throw new ChurnDataException("file has a header but no data rows; nothing to score.", path, line: 1);
            if (ranked is not null)
            {
                // Riskiest first; ties keep file order (stable sort).
                foreach (var (_, line) in ranked.Select((r, i) => (r, i)).OrderByDescending(t => t.r.Probability).ThenBy(t => t.i).Select(t => t.r))
                    writer.WriteLine(line);
            }
        }
        output.Commit(); // a failed run never gets here: the caller's dispose deletes the temporary file

        var imputed = new SortedDictionary<string, int>(imputedCounts.Resolved.Where(c => c.Value.Value > 0).ToDictionary(c => c.Key, c => c.Value.Value), StringComparer.Ordinal);
        var unseen = new SortedDictionary<string, int>(unseenCounts.Resolved.Where(c => c.Value.Value > 0).ToDictionary(c => c.Key, c => c.Value.Value), StringComparer.Ordinal);
        var outOfRange = new SortedDictionary<string, (int Rows, double Low, double High)>(
            outOfRangeSeen.Resolved.Where(c => c.Value.Rows > 0).ToDictionary(c => c.Key, c => (c.Value.Rows, c.Value.Low, c.Value.High)), StringComparer.Ordinal);
        var warnings = ScoringInput.DescribeWarnings(model, reader.NumberFormat.Notice, rows, imputed, unseen, rowsOutOfRange, outOfRange, outside);
        return new ScoreSummary(path, output.Name, rows, churners, sum / rows, ids, rank, population is null ? null : outside, warnings);
    }

    /// <summary>Rows of one feature outside the training range and the lowest and highest such value.</summary>
    private sealed class OutOfRangeTally
    {
        public int Rows { get; private set; }

        public double Low { get; private set; } = double.PositiveInfinity;

        public double High { get; private set; } = double.NegativeInfinity;

        public void Add(double value)
        {
            Rows++;
            Low = Math.Min(Low, value);
            High = Math.Max(High, value);
        }
    }

    private static int IndexOfName(IReadOnlyList<string> names, string name)
    {
        for (var k = 0; k < names.Count; k++)
            if (names[k] == name) return k;
        throw new KeyNotFoundException("'" + name + "' is not an input of this model.");
    }

    private static string Csv(string? value)
    {
        if (value is null) return "";
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
