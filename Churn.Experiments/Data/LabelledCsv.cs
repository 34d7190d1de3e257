namespace Churn.Experiments.Data;

/// <summary>What to learn from a labelled table.</summary>
public sealed record LabelledCsvOptions
{
    /// <summary>Name of the label column (exact, case-sensitive).</summary>
    public required string LabelColumn { get; init; }

    /// <summary>The label value of the positive class (churned). Text labels: trimmed, case-insensitive; numeric labels: compared as numbers ("1" = 1.0).</summary>
    public required string PositiveValue { get; init; }

    /// <summary>Columns never used as features (each must exist).</summary>
    public IReadOnlyCollection<string> Exclude { get; init; } = [];

    /// <summary>When set, exactly these feature columns in this order (no automatic exclusion; warnings still given).</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>A text column with more distinct values than this share of rows is treated as an identifier.</summary>
    public double IdCardinalityFraction { get; init; } = 0.5;

    /// <summary>Identifier detection needs at least this many rows (in tiny tables every column looks unique).</summary>
    public int MinimumRowsForIdDetection { get; init; } = 20;

    /// <summary>
    /// Most distinct non-blank values a text feature may have. One-hot encoding adds one dense column per
    /// category but the reference, so a column above the cap is left out automatically (with a warning), and
    /// naming it in <see cref="Features"/> is an error. The CLI sets it with <c>--max-categories</c>.
    /// </summary>
    public int MaxCategories { get; init; } = 50;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(LabelColumn))
            throw new ArgumentOutOfRangeException(nameof(LabelColumn), LabelColumn, "LabelColumn must name a column.");
        if (string.IsNullOrWhiteSpace(PositiveValue))
            throw new ArgumentOutOfRangeException(nameof(PositiveValue), PositiveValue, "PositiveValue must be a non-blank label value.");
        ArgumentNullException.ThrowIfNull(Exclude, nameof(Exclude));
        if (!(IdCardinalityFraction > 0.0 && IdCardinalityFraction <= 1.0))
            throw new ArgumentOutOfRangeException(nameof(IdCardinalityFraction), IdCardinalityFraction,
                "IdCardinalityFraction=" + Churn.Algorithms.Guard.Describe(IdCardinalityFraction) + " must be > 0 and <= 1.");
        Churn.Algorithms.Guard.AtLeast(MinimumRowsForIdDetection, 1, nameof(MinimumRowsForIdDetection));
        Churn.Algorithms.Guard.AtLeast(MaxCategories, 2, nameof(MaxCategories));
    }
}

/// <summary>Why a column is not a feature.</summary>
public enum ExclusionKind
{
    /// <summary>Named in <see cref="LabelledCsvOptions.Exclude"/>.</summary>
    Requested,

    /// <summary>An explicit feature list was given and does not name it.</summary>
    NotInFeatureList,

    /// <summary>At most one distinct non-missing value.</summary>
    Constant,

    /// <summary>A different value in (nearly) every row: an id, not a feature; the model file lists these.</summary>
    Identifier,

    /// <summary>A text column with more categories than <see cref="LabelledCsvOptions.MaxCategories"/>.</summary>
    TooManyCategories,
}

/// <summary>A column left out of the features: what kind of reason, and the reason in words.</summary>
public sealed record ExcludedColumn(string Column, ExclusionKind Kind, string Reason);

/// <summary>Feature columns and a 0/1 label, ready for a feature pipeline (impute, one-hot, scale).</summary>
/// <param name="Features">The chosen feature columns (numeric with NaN for blanks, or text), label excluded.</param>
/// <param name="Labels">1.0 where the label equals the positive value, else 0.0.</param>
/// <param name="NumericFeatures">Names of the numeric feature columns, in table order.</param>
/// <param name="TextFeatures">Names of the text feature columns (to one-hot encode), in table order.</param>
/// <param name="ExcludedColumns">Columns left out, with the reason.</param>
/// <param name="Warnings">What was decided automatically, one sentence each (not printed here).</param>
public sealed record LabelledData(
    ColumnTable Features,
    double[] Labels,
    IReadOnlyList<string> NumericFeatures,
    IReadOnlyList<string> TextFeatures,
    IReadOnlyList<ExcludedColumn> ExcludedColumns,
    IReadOnlyList<string> Warnings)
{
    public int Positives => Labels.Count(l => l == 1.0);

    /// <summary>The warning on the label itself (more than two values, the others class 0), also in <see cref="Warnings"/>; null when none.</summary>
    public string? LabelWarning { get; init; }

    /// <summary>Columns left out as identifiers (recorded in the model file).</summary>
    public IReadOnlyList<string> IdentifierColumns =>
        ExcludedColumns.Where(e => e.Kind == ExclusionKind.Identifier).Select(e => e.Column).ToArray();
}

/// <summary>
/// The generic path for ANY labelled CSV: chooses feature columns and builds the 0/1 label.
/// Automatic choice (when no explicit feature list is given): every column except the label and
/// <see cref="LabelledCsvOptions.Exclude"/>, minus identifier-like columns (text or integer columns with a
/// distinct value in every row, or text columns with more distinct values than
/// <see cref="LabelledCsvOptions.IdCardinalityFraction"/> of the rows; only checked with at least
/// <see cref="LabelledCsvOptions.MinimumRowsForIdDetection"/> rows) and constant columns (at most one
/// distinct non-missing value), and text columns with more distinct non-blank values than
/// <see cref="LabelledCsvOptions.MaxCategories"/> (an explicitly requested one is an error instead: encoding
/// thousands of categories builds a dense matrix and a Hessian too large to fit). Text columns, including Yes/No and True/False ones, stay text: the pipeline
/// one-hot encodes them, and a column with exactly two categories should be encoded as ONE 0/1 feature
/// (<c>OneHotEncoder.Fit(values, name, binaryAsSingleColumn: true)</c>) so it is not collinear with the intercept;
/// <c>FeaturePipeline.Fit</c> takes the encoded category from the same call, so the feature the warning names is the model's column.
/// Errors (<see cref="ChurnDataException"/>): label column missing (lists columns), positive value absent
/// (lists up to 20 label values), a single class, a blank label (names the row), no feature left.
/// </summary>
public static class LabelledCsv
{
    private const int MaxListedValues = 20;

    /// <summary>Reads <paramref name="path"/> with <see cref="CsvTableReader"/> and prepares it.</summary>
    public static LabelledData Load(string path, LabelledCsvOptions options, CsvReadOptions? csvOptions = null) =>
        Prepare(CsvTableReader.Read(path, csvOptions), options);

    public static LabelledData Prepare(ColumnTable table, LabelledCsvOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var file = table.SourcePath;
        var labelColumn = table.TryGetColumn(options.LabelColumn, out var lc)
            ? lc
            : throw new ChurnDataException("the label column is missing: " + ColumnTable.MissingColumnMessage(table.ColumnNames, options.LabelColumn), file, column: options.LabelColumn);
        var warnings = new List<string>();
        if (table.NumberFormat.Notice is { } notice) warnings.Add(notice);
        // The columns' facts on the other cores while the labels are built here: a label error still comes first.
        var candidateFacts = Task.Run(() => ColumnFacts.OfCandidates(table, options));
        var beforeLabels = warnings.Count;
        var labels = BuildLabels(table, labelColumn, options.PositiveValue, warnings);
        var labelWarning = warnings.Count > beforeLabels ? warnings[^1] : null;

        foreach (var name in options.Exclude)
            if (!table.Contains(name))
                throw new ChurnDataException("excluded " + ColumnTable.MissingColumnMessage(table.ColumnNames, name), file, column: name);

        var excluded = new List<ExcludedColumn>();
        var facts = candidateFacts.GetAwaiter().GetResult();
        List<TableColumn> chosen;
        if (options.Features is not null)
        {
            chosen = [];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in options.Features)
            {
                if (name == options.LabelColumn)
                    throw new ChurnDataException("the label column cannot also be a feature.", file, column: name);
                if (!seen.Add(name))
                    throw new ChurnDataException("feature listed twice.", file, column: name);
                if (!table.Contains(name))
                    throw new ChurnDataException("feature " + ColumnTable.MissingColumnMessage(table.ColumnNames, name), file, column: name);
                var column = table.Column(name);
                if (column is TextColumn && facts[name].Categories is var count && count > options.MaxCategories)
                    throw new ChurnDataException(Format("'{0}' has {1:N0} categories, more than MaxCategories={2} (one-hot encoding it would add {3:N0} columns); "
                        + "raise --max-categories to keep it, or group rare values first.", name, count, options.MaxCategories, count - 1), file, column: name);
                if (facts[name].Exclusion is { } reason)
                    warnings.Add(Format("Column '{0}' looks {1} but is kept because it was requested.", name, reason.Reason));
                chosen.Add(column);
            }
            foreach (var column in table.Columns)
                if (column.Name != options.LabelColumn && !seen.Contains(column.Name)) excluded.Add(new(column.Name, ExclusionKind.NotInFeatureList, "not in the feature list"));
        }
        else
        {
            chosen = [];
            var exclude = new HashSet<string>(options.Exclude, StringComparer.Ordinal);
            foreach (var column in table.Columns)
            {
                if (column.Name == options.LabelColumn) continue;
                if (exclude.Contains(column.Name))
                {
                    excluded.Add(new(column.Name, ExclusionKind.Requested, "excluded by request"));
                    continue;
                }
                var reason = facts[column.Name].Exclusion;
                if (reason is null && column is TextColumn && facts[column.Name].Categories is var count && count > options.MaxCategories)
                {
                    excluded.Add(new(column.Name, ExclusionKind.TooManyCategories,
                        Format("too many categories ({0:N0}, more than MaxCategories={1})", count, options.MaxCategories)));
                    warnings.Add(Format("Text column '{0}' has {1:N0} categories, more than MaxCategories={2}: left out (one-hot encoding it would add {3:N0} columns); "
                        + "raise --max-categories to keep it, or group rare values first.", column.Name, count, options.MaxCategories, count - 1));
                    continue;
                }
                if (reason is null)
                {
                    chosen.Add(column);
                    continue;
                }
                excluded.Add(reason with { Column = column.Name });
                warnings.Add(Format("Column '{0}' excluded: {1}.", column.Name, reason.Reason));
            }
        }
        // A text column of "3,118.28" or "74.2%" is dropped or one-hot encoded: say it is numbers the loader cannot read.
        var notChosenByUser = excluded.Where(e => e.Kind is ExclusionKind.Requested or ExclusionKind.NotInFeatureList).Select(e => e.Column).ToHashSet(StringComparer.Ordinal);
        var formatted = table.Columns.OfType<TextColumn>()
            .Where(c => c.Name != options.LabelColumn && !notChosenByUser.Contains(c.Name))
            .Select(c => FormattedNumbers.Hint(c, table.NumberFormat.DecimalSeparator)).OfType<string>().ToList();
        warnings.AddRange(formatted);
        if (chosen.Count == 0)
            throw new ChurnDataException(NoFeatureLeft(excluded) + string.Concat(formatted.Select(h => " " + h)), file);

        var numeric = new List<string>();
        var text = new List<string>();
        foreach (var column in chosen)
        {
            var fact = facts[column.Name];
            var missing = fact.Missing;
            if (column is NumericColumn)
            {
                numeric.Add(column.Name);
                if (fact.CategoryHint is { } hint) warnings.Add(hint);
                if (missing > 0)
                    warnings.Add(Format("Column '{0}': {1} blank cell(s) of {2} will be imputed with the training median.", column.Name, missing, table.RowCount));
            }
            else
            {
                text.Add(column.Name);
                var model = fact.Encoding!;
                warnings.Add(model.IsBinary
                    ? Format("Text column '{0}' has 2 categories ({1}): encoded as one 0/1 feature '{2}'.", column.Name,
                        string.Join(", ", model.Categories), model.FeatureNames[0])
                    : Format("Text column '{0}' one-hot encoded: {1} categories.", column.Name, model.Categories.Count));
                if (missing > 0)
                    warnings.Add(Format("Column '{0}': {1} blank cell(s) of {2} are their own level, the 0/1 feature '{0}={3}' (not the reference category).",
                        column.Name, missing, table.RowCount, TextColumn.BlankLevel));
            }
        }

        var features = table.Select(chosen.Select(c => c.Name)); // shares the columns and the file lines
        return new LabelledData(features, labels, numeric, text, excluded, warnings) { LabelWarning = labelWarning };
    }

    private static double[] BuildLabels(ColumnTable table, TableColumn column, string positiveValue, List<string> warnings)
    {
        var file = table.SourcePath;
        var labels = new double[table.RowCount];
        if (column.MissingCount > 0) // a tight count first: the row-by-row look only when there is a blank to name
            for (var i = 0; i < table.RowCount; i++)
                if (column.IsMissing(i))
                    throw new ChurnDataException("label is blank; every row needs a label (remove or fill the row).", file, i + 1, table.LineOf(i), column.Name, "");

        List<string> distinct;
        var positive = positiveValue.Trim();
        if (column is NumericColumn numeric)
        {
            distinct = numeric.Values.Distinct().Order().Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToList();
            if (!CsvNumber.TryParse(positive, out var target))
                throw new ChurnDataException(Format("positive value '{0}' is not a number but the label column is numeric; its values are: {1}.",
                    positive, ListValues(distinct)), file, column: column.Name, value: positive);
            for (var i = 0; i < labels.Length; i++) labels[i] = numeric.Values[i] == target ? 1.0 : 0.0;
        }
        else
        {
            // Once per distinct string object (cells share them): a few recent objects keep their label.
            var textValues = ((TextColumn)column).Values;
            var firstSeen = new List<string>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var recent = new Churn.Algorithms.Preprocessing.RecentStrings<double>();
            Func<string, double> label = value =>
            {
                var trimmed = value.Trim();
                if (seen.Add(trimmed)) firstSeen.Add(trimmed);
                return string.Equals(trimmed, positive, StringComparison.OrdinalIgnoreCase) ? 1.0 : 0.0;
            };
            for (var i = 0; i < labels.Length; i++) labels[i] = recent.Get(textValues[i]!, label);
            distinct = firstSeen.Order(StringComparer.Ordinal).ToList();
        }

        var positives = 0;
        foreach (var l in labels) positives += l == 1.0 ? 1 : 0;
        if (positives == 0)
            throw new ChurnDataException(Format("positive value '{0}' does not occur in the label column; its values are: {1}.",
                positive, ListValues(distinct)), file, column: column.Name, value: positive);
        if (positives == labels.Length)
            throw new ChurnDataException(Format("only one class: all {0} rows have the positive value '{1}'; a classifier needs both classes.",
                labels.Length, positive), file, column: column.Name, value: positive);
        if (distinct.Count > 2)
            warnings.Add(Format("Label '{0}' has {1} distinct values ({2}); every value other than '{3}' is class 0.",
                column.Name, distinct.Count, ListValues(distinct), positive));
        return labels;
    }

    /// <summary>
    /// What the rules above ask of one column, found for every candidate column at once (one column per
    /// task, on all cores). The decisions read them in column order, so warnings and errors come out as
    /// in one pass whatever the thread count.
    /// </summary>
    /// <param name="Exclusion">The reason it would be left out automatically, or null.</param>
    /// <param name="Categories">Text columns: distinct non-blank values, trimmed and case-sensitive (the categories <see cref="OneHotEncoder"/> finds).</param>
    /// <param name="CategoryHint">Numeric columns: the warning of <see cref="LabelledCsv.CategoryHint"/>, or null.</param>
    /// <param name="Missing">Missing cells.</param>
    /// <param name="Encoding">Text columns that can be chosen (at most MaxCategories categories): the one-hot encoding the warning describes.</param>
    private sealed record ColumnFacts(ExcludedColumn? Exclusion, int Categories, string? CategoryHint, int Missing, OneHotEncoderModel? Encoding)
    {
        /// <summary>The facts of every column that may become a feature: not the label, not excluded, in the feature list when there is one.</summary>
        public static Dictionary<string, ColumnFacts> OfCandidates(ColumnTable table, LabelledCsvOptions options)
        {
            var exclude = new HashSet<string>(options.Exclude, StringComparer.Ordinal);
            var requested = options.Features is null ? null : new HashSet<string>(options.Features, StringComparer.Ordinal);
            var candidates = table.Columns
                .Where(c => c.Name != options.LabelColumn && (requested is null ? !exclude.Contains(c.Name) : requested.Contains(c.Name)))
                .ToArray();
            var facts = new ColumnFacts[candidates.Length];
            Parallel.For(0, candidates.Length, j => facts[j] = Of(candidates[j], table.RowCount, options));
            var byName = new Dictionary<string, ColumnFacts>(StringComparer.Ordinal);
            for (var j = 0; j < candidates.Length; j++) byName[candidates[j].Name] = facts[j];
            return byName;
        }

        private static ColumnFacts Of(TableColumn column, int rows, LabelledCsvOptions options)
        {
            var exclusion = AutomaticExclusion(column, rows, options, out var categories);
            if (column is NumericColumn numeric)
                return new ColumnFacts(exclusion, 0, LabelledCsv.CategoryHint(numeric), numeric.MissingCount, null);
            var text = (TextColumn)column;
            // Only a column that can be chosen is encoded: an identifier with a million values is not sorted for nothing.
            var choosable = categories <= options.MaxCategories && (exclusion is null || options.Features is not null);
            return new ColumnFacts(exclusion, categories, null, text.MissingCount,
                choosable ? OneHotEncoder.Fit(text.Values, column.Name, binaryAsSingleColumn: true) : null);
        }
    }

    /// <summary>The reason a column is left out automatically, or null to keep it; a text column's category count on the way.</summary>
    private static ExcludedColumn? AutomaticExclusion(TableColumn column, int rows, LabelledCsvOptions options, out int categoryCount)
    {
        categoryCount = 0;
        if (column is NumericColumn numeric)
        {
            var values = NumericSummary.Of(numeric.Values);
            // The distinctness test last, and only when it can matter: it is the one that costs a pass with a set.
            var mayBeIdentifier = values.TwoOrMoreValues && rows >= options.MinimumRowsForIdDetection && values.Present == rows && values.AllIntegers;
            return Data.AutomaticExclusion.Numeric(column.Name, rows, values.Present, values.TwoOrMoreValues, values.First, values.AllIntegers,
                mayBeIdentifier && NumericSummary.AllDistinct(numeric.Values), options);
        }
        var text = TextSummary.Of((TextColumn)column);
        categoryCount = text.Categories;
        return Data.AutomaticExclusion.Text(column.Name, rows, text.Present, text.Categories, text.First, options);
    }

    /// <summary>
    /// A whole-number column with few, widely spaced values (Area code: 408, 415, 510) is more likely a
    /// code than a quantity; it enters as a number, so say so. Counts (0..9 calls) fill their range and pass.
    /// </summary>
    internal static string? CategoryHint(NumericColumn column)
    {
        const int MaxDistinct = 20;
        // At most 20 values are kept, so a look along them beats a hash set's call per cell.
        var seen = new double[MaxDistinct];
        var count = 0;
        foreach (var v in column.Values)
        {
            if (double.IsNaN(v)) continue;
            var known = false;
            for (var k = 0; k < count && !known; k++) known = seen[k] == v;
            if (known) continue;
            if (count == MaxDistinct || v != Math.Floor(v)) return null; // stop early: not a code
            seen[count++] = v;
        }
        var distinct = seen.Take(count).Order().ToList();
        if (distinct.Count < 3) return null;
        if (distinct.Count * 2 >= distinct[^1] - distinct[0] + 1) return null;
        return Format("Column '{0}' holds only {1} distinct whole numbers ({2}): it enters the model as one continuous number. "
            + "If it is a code or category, leave it out with --exclude '{0}' (a future option may encode it as categories).",
            column.Name, distinct.Count, string.Join(", ", distinct.Take(5).Select(v => v.ToString("R", CultureInfo.InvariantCulture)))
            + (distinct.Count > 5 ? ", ..." : ""));
    }

    private static string ListValues(IReadOnlyList<string> values) =>
        string.Join(", ", values.Take(MaxListedValues).Select(v => "'" + v + "'"))
        + (values.Count > MaxListedValues ? Format(" ... ({0} in all)", values.Count) : "");

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    /// <summary>Says why each column went, so a user can tell a real identifier from a feature the rules took for one.</summary>
    private static string NoFeatureLeft(IReadOnlyList<ExcludedColumn> excluded)
    {
        const int shown = 10;
        var reasons = excluded.Take(shown).Select(e => Format("'{0}' {1}", e.Column, e.Reason));
        var more = excluded.Count > shown ? Format("; and {0} more", excluded.Count - shown) : "";
        return "no feature column left besides the label"
            + (excluded.Count == 0 ? "." : ": " + string.Join("; ", reasons) + more + ".")
            + " Name the columns to use with --features: a requested column is kept even when it looks like an identifier or is constant.";
    }
}
