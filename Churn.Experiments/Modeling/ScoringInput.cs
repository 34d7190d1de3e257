namespace Churn.Experiments.Modeling;

/// <summary>
/// What a model reads from one streamed CSV, row by row: numeric and text accessors over the current
/// row (a raw file's derived features computed as training did), the id columns, the training
/// population check, and counts of what had to be filled in. `predict`, `campaign` and the host's
/// CSV endpoints score through it, so a row gets the same probability everywhere.
/// </summary>
public sealed class ScoringInput
{
    private readonly CsvRowReader reader;
    private readonly int[] idIndex;
    private readonly SortedDictionary<string, int> imputed = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> unseen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> countedRow = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, (int Rows, double Low, double High)> outOfRange = new(StringComparer.Ordinal);
    private int outOfRangeRow;
    private int rowsOutOfRange;
    private readonly Dictionary<string, CategoricalFeature> categories;
    private int outside;

    /// <summary>
    /// Checks the header against the model (every missing column named at once) and prepares the
    /// accessors. <paramref name="idColumns"/> null: the model's id columns that the file has.
    /// </summary>
    public ScoringInput(ChurnModel model, CsvRowReader reader, IReadOnlyList<string>? idColumns)
    {
        Model = model;
        this.reader = reader;
        var header = reader.Header.ToHashSet(StringComparer.Ordinal);
        IdColumns = idColumns ?? model.Training.IdColumns.Where(header.Contains).ToArray();
        var missing = RequiredColumns(model, header).Concat(IdColumns).Where(c => !header.Contains(c)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count == 1)
            throw new ChurnDataException(ColumnTable.MissingColumnMessage(reader.Header, missing[0]), reader.Path, column: missing[0]);
        if (missing.Count > 1)
            throw new ChurnDataException(MissingMessage(model, reader.Header, missing), reader.Path, column: missing[0]);

        idIndex = IdColumns.Select(reader.IndexOf).ToArray();
        // A raw file may lack derived features (e.g. total_mou); then their raw inputs are read and summed per row.
        var numericIndex = model.NumericInputs(header).ToDictionary(n => n, reader.IndexOf, StringComparer.Ordinal);
        var textIndex = model.Features.Categorical.ToDictionary(c => c.Name, c => reader.IndexOf(c.Name), StringComparer.Ordinal);
        categories = model.Features.Categorical.ToDictionary(c => c.Name, StringComparer.Ordinal);
        Raw = name => reader.GetDouble(numericIndex[name]);
        var derivation = model.Derivation;
        var derived = derivation?.Wrap(Raw);
        Func<string, double> value = derivation is null
            ? Raw
            : name => header.Contains(name) ? derivation.FillBlank(name, Raw(name)) : derived!(name);
        // Count what the model has to fill in, so a user learns how much of the file it guessed at.
        Number = name =>
        {
            var v = value(name);
            if (double.IsNaN(v))
            {
                if (FirstLook(name)) imputed[name] = imputed.GetValueOrDefault(name) + 1;
            }
            else if (model.CheckRange(name, v) is not null && FirstLook(name))
            {
                var (count, low, high) = outOfRange.GetValueOrDefault(name, (0, v, v));
                outOfRange[name] = (count + 1, Math.Min(low, v), Math.Max(high, v));
                if (outOfRangeRow != reader.Row) (outOfRangeRow, rowsOutOfRange) = (reader.Row, rowsOutOfRange + 1);
            }
            return v;
        };
        Text = name =>
        {
            var t = reader.GetText(textIndex[name]);
            if (model.CheckCategory(name, t) is not null && FirstLook(name)) unseen[name] = unseen.GetValueOrDefault(name) + 1;
            return t;
        };
    }

    public ChurnModel Model { get; }

    /// <summary>True the first time a column is counted in the current row (an explanation reads a value twice).</summary>
    private bool FirstLook(string name)
    {
        if (countedRow.TryGetValue(name, out var row) && row == reader.Row) return false;
        countedRow[name] = reader.Row;
        return true;
    }

    public IReadOnlyList<string> IdColumns { get; }

    /// <summary>A numeric model feature of the current row (NaN when blank; the model imputes it).</summary>
    public Func<string, double> Number { get; }

    /// <summary>A text model feature of the current row (null when blank).</summary>
    public Func<string, string?> Text { get; }

    /// <summary>A raw numeric column of the current row, as in the file.</summary>
    public Func<string, double> Raw { get; }

    /// <summary>Whether the model was trained on customers like the current row (null: it was trained on everyone).</summary>
    public bool? InTrainingPopulation()
    {
        if (Model.Derivation?.Population is not { } population) return null;
        var inside = population.Contains(Raw);
        if (!inside) outside++;
        return inside;
    }

    /// <summary>Rows found outside the training population so far (null when the model has no population rule).</summary>
    public int? RowsOutsidePopulation => Model.Derivation?.Population is null ? null : outside;

    /// <summary>The current row's id values (the row number when the file has no id column).</summary>
    public IReadOnlyList<string> Ids() =>
        IdColumns.Count == 0 ? [reader.Row.ToString(CultureInfo.InvariantCulture)] : idIndex.Select(j => reader.Fields[j]).ToArray();

    /// <summary>Header names of <see cref="Ids"/>: the id columns, or "row".</summary>
    public IReadOnlyList<string> IdHeader => IdColumns.Count == 0 ? ["row"] : IdColumns;

    /// <summary>What scoring <paramref name="rows"/> rows had to fill in or could not vouch for.</summary>
    public IReadOnlyList<string> Warnings(int rows) =>
        DescribeWarnings(Model, reader.NumberFormat.Notice, rows, imputed, unseen, rowsOutOfRange, outOfRange, outside);

    /// <summary>
    /// The warnings of a scoring run, worded once for predict, campaign and /score: blanks filled with the
    /// median, unseen categories, values outside the training range and rows outside the training population.
    /// Counts are given in column-name order (callers pass sorted dictionaries).
    /// </summary>
    public static IReadOnlyList<string> DescribeWarnings(ChurnModel model, string? numberNotice, int rows,
        IEnumerable<KeyValuePair<string, int>> imputed, IEnumerable<KeyValuePair<string, int>> unseen,
        int rowsOutOfRange, IEnumerable<KeyValuePair<string, (int Rows, double Low, double High)>> outOfRange, int outside)
    {
        var warnings = new List<string>();
        if (numberNotice is { } notice) warnings.Add(notice);
        foreach (var (column, count) in imputed)
            warnings.Add(string.Format(CultureInfo.InvariantCulture,
                "'{0}': {1} of {2} rows blank, scored with the training median {3:G6}.", column, count, rows,
                model.Features.Numeric.First(n => n.Name == column).Median));
        foreach (var (column, count) in unseen)
        {
            var category = model.Features.Categorical.First(c => c.Name == column);
            warnings.Add(string.Format(CultureInfo.InvariantCulture,
                "'{0}': {1} of {2} rows blank or a category not seen in training, scored as the reference category '{3}' (known: {4}).",
                column, count, rows, category.Reference, string.Join(", ", category.Categories)));
        }
        if (rowsOutOfRange > 0)
            warnings.Add(string.Format(CultureInfo.InvariantCulture,
                "{0} of {1} rows have values outside the range seen in training, so their scores are extrapolations: {2}.",
                rowsOutOfRange, rows, string.Join("; ", outOfRange.Select(kv =>
                {
                    var range = model.Features.Numeric.First(n => n.Name == kv.Key);
                    return string.Format(CultureInfo.InvariantCulture, "'{0}' in {1} rows (values {2:G6} to {3:G6}; training {4:G6} to {5:G6})",
                        kv.Key, kv.Value.Rows, kv.Value.Low, kv.Value.High, range.Minimum, range.Maximum);
                }))));
        if (model.Derivation?.Population is { } population && outside > 0)
            warnings.Add(string.Format(CultureInfo.InvariantCulture,
                "{0} of {1} rows are outside the population the model was trained on ({2}); their scores are extrapolations (column in_training_population = 0).",
                outside, rows, population.Description));
        return warnings;
    }

    /// <summary>The columns a file with <paramref name="header"/> must have for <paramref name="model"/> to score it.</summary>
    public static IReadOnlyList<string> RequiredColumns(ChurnModel model, IReadOnlyCollection<string> header) =>
        model.NumericInputs(header).Concat(model.Features.Categorical.Select(c => c.Name)).ToList();

    /// <summary>Every missing column, and (as a hint at a renamed column) the file's columns the model does not read.</summary>
    private static string MissingMessage(ChurnModel model, IReadOnlyList<string> header, IReadOnlyList<string> missing)
    {
        var read = RequiredColumns(model, header).Concat(model.Training.IdColumns).ToHashSet(StringComparer.Ordinal);
        if (model.Derivation is { } derivation)
            read.UnionWith(derivation.RawInputs(model.Features.Numeric.Select(n => n.Name)));
        var unknown = header.Where(h => !read.Contains(h)).ToList();
        var message = string.Format(CultureInfo.InvariantCulture, "{0} columns the model needs are missing: {1}.",
            missing.Count, string.Join(", ", missing.Take(20).Select(n => "'" + n + "'")) + (missing.Count > 20 ? ", ..." : ""));
        if (unknown.Count > 0)
            message += string.Format(CultureInfo.InvariantCulture, " Columns of the file the model does not know ({0}): {1}.",
                unknown.Count, string.Join(", ", unknown.Take(20).Select(n => "'" + n + "'")) + (unknown.Count > 20 ? ", ..." : ""));
        return message;
    }
}
