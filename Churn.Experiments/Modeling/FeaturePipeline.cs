namespace Churn.Experiments.Modeling;

/// <summary>How a source column enters the model.</summary>
public enum FeatureKind
{
    /// <summary>Used as a number; a missing value is replaced by the training median.</summary>
    Numeric,

    /// <summary>
    /// One-hot encoded against its first (reference) category; a blank cell is its own level
    /// (<see cref="CategoricalFeature.BlankLevel"/>) when training had blanks; unseen values encode as the reference.
    /// </summary>
    Categorical,
}

/// <summary>A numeric source column and its training median (the imputation value).</summary>
public sealed record NumericFeature(string Name, double Median, double Minimum, double Maximum)
{
    /// <summary>True when <paramref name="value"/> lies in the training range (NaN: no value, so not outside it).</summary>
    public bool InTrainingRange(double value) => !(value < Minimum || value > Maximum);
}

/// <summary>
/// A text source column and its categories learned at training, reference first. The first category
/// is the reference level and gets no column, so odds ratios read "versus the reference" and an
/// unpenalised fit with an intercept stays identifiable. The order is stored in model files, so a
/// loaded model keeps its reference whatever rule chose it.
/// </summary>
public sealed record CategoricalFeature(string Name, IReadOnlyList<string> Categories)
{
    /// <summary>
    /// The level of a blank cell when the training column had blanks: a column of its own, so the model
    /// can tell "not answered" from the reference category. Never the reference.
    /// </summary>
    public const string BlankLevel = TextColumn.BlankLevel;

    public string Reference => Categories[0];

    /// <summary>True when blank cells have their own level (training had blanks).</summary>
    public bool HasBlankLevel => Categories.Contains(BlankLevel);

    /// <summary>Encoded column names: "Name=Category" for every category but the reference.</summary>
    public IEnumerable<string> EncodedNames => Categories.Skip(1).Select(c => Name + "=" + c);

    /// <summary>
    /// Index into <see cref="Categories"/> or -1 when the value was not seen at training. A blank value
    /// (null, empty, whitespace) is <see cref="BlankLevel"/> when the model has that level, else unseen.
    /// </summary>
    public int IndexOf(string? value)
    {
        var trimmed = string.IsNullOrWhiteSpace(value) ? BlankLevel : value.Trim();
        for (var i = 0; i < Categories.Count; i++)
            if (string.Equals(Categories[i], trimmed, StringComparison.Ordinal)) return i;
        return -1;
    }
}

/// <summary>
/// Source columns to model matrix: numeric columns imputed with training medians, text columns
/// one-hot encoded against a reference category. Immutable once fitted; the same instance encodes
/// a whole table (training, evaluation, batch scoring) and single rows (HTTP predictions), so a
/// prediction is computed by one piece of code everywhere. Scaling is not done here: the model
/// scales the encoded matrix (see <see cref="ChurnModel"/>).
/// </summary>
public sealed class FeaturePipeline
{
    public FeaturePipeline(IReadOnlyList<NumericFeature> numeric, IReadOnlyList<CategoricalFeature> categorical)
    {
        numericFeatures = numeric.ToArray();
        Numeric = numericFeatures;
        Categorical = categorical.ToArray();
        foreach (var c in Categorical)
            if (c.Categories.Count == 0)
                throw new ArgumentException("Categorical feature '" + c.Name + "' has no categories.");
        EncodedNames = Numeric.Select(n => n.Name).Concat(Categorical.SelectMany(c => c.EncodedNames)).ToArray();
        SourceNames = Numeric.Select(n => n.Name).Concat(Categorical.Select(c => c.Name)).ToArray();
        // Which source feature each encoded column came from, for grouping contributions.
        var owner = new List<string>();
        owner.AddRange(Numeric.Select(n => n.Name));
        foreach (var c in Categorical) owner.AddRange(Enumerable.Repeat(c.Name, c.Categories.Count - 1));
        EncodedSource = owner.ToArray();
    }

    public IReadOnlyList<NumericFeature> Numeric { get; }

    private readonly NumericFeature[] numericFeatures; // Numeric, read per cell without an interface call

    public IReadOnlyList<CategoricalFeature> Categorical { get; }

    /// <summary>Names of the encoded columns, in matrix order.</summary>
    public IReadOnlyList<string> EncodedNames { get; }

    /// <summary>For each encoded column, the source column it came from.</summary>
    public IReadOnlyList<string> EncodedSource { get; }

    /// <summary>Source column names, numeric first then categorical.</summary>
    public IReadOnlyList<string> SourceNames { get; }

    public int EncodedCount => EncodedNames.Count;

    /// <summary>Learns medians and categories (reference first, see <see cref="CategoricalFeature"/>) from the training table.</summary>
    public static FeaturePipeline Fit(ColumnTable table, IEnumerable<string> numericColumns, IEnumerable<string> categoricalColumns)
    {
        var names = numericColumns.ToArray();
        var numeric = new NumericFeature[names.Length];
        var values = names.Select(n => table.Numeric(n).Values).ToArray(); // in order, so the first bad name is the one named
        // Text columns one after the other beside the numeric ones; an error is still the first text column's.
        var textNames = categoricalColumns.ToArray();
        var categorical = Task.Run(() => textNames.Select(name => CategoricalFrom(name, table.Text(name).Values, table.SourcePath)).ToList());
        // Columns are independent: both cores, one scratch buffer per worker, each result in its own slot.
        Parallel.For(0, names.Length, () => new double[table.RowCount], (j, loop, scratch) =>
        {
            var column = values[j];
            var median = MedianImputer.ColumnMedian(column, scratch, out _);
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (var v in column)
            {
                if (double.IsNaN(v)) continue;
                if (v < min) min = v;
                if (v > max) max = v;
            }
            numeric[j] = new NumericFeature(names[j], median, double.IsPositiveInfinity(min) ? 0 : min, double.IsNegativeInfinity(max) ? 0 : max);
            return scratch;
        }, _ => { });
        return new FeaturePipeline(numeric, categorical.GetAwaiter().GetResult());
    }

    /// <summary>
    /// A text feature from its training values (or just their distinct values, as a SQL engine returns them):
    /// categories, reference first, and the blank level last when a value was blank.
    /// </summary>
    public static CategoricalFeature CategoricalFrom(string name, IReadOnlyList<string?> values, string? source)
    {
        var categories = ReferenceFirst(OneHotEncoder.Fit(values, name, binaryAsSingleColumn: true));
        if (categories.Contains(CategoricalFeature.BlankLevel))
            throw new ChurnDataException("a cell holds the text '" + CategoricalFeature.BlankLevel
                + "', the name this program gives blank cells; rename that value.", source, column: name, value: CategoricalFeature.BlankLevel);
        if (AnyBlank(values)) categories = [.. categories, CategoricalFeature.BlankLevel];
        return new CategoricalFeature(name, categories);
    }

    /// <summary>True when a value is null or white space, looked at once per recent string object.</summary>
    private static bool AnyBlank(IReadOnlyList<string?> values)
    {
        var blank = new Algorithms.Preprocessing.RecentStrings<bool>();
        Func<string, bool> isBlank = string.IsNullOrWhiteSpace;
        if (values is string?[] array) // a table's column: no interface call per cell
        {
            foreach (var value in array)
                if (value is null || blank.Get(value, isBlank)) return true;
            return false;
        }
        foreach (var value in values)
            if (value is null || blank.Get(value, isBlank)) return true;
        return false;
    }

    /// <summary>
    /// Categories with the reference first. A two-category column keeps the category that
    /// <see cref="OneHotEncoder"/>'s binary rule encodes (Yes/True/Y/T/1, else the second in ordinal order),
    /// so the model's column is the 0/1 feature that <see cref="LabelledCsv"/>'s warning names; with more
    /// categories every one is encoded by the encoder and the ordinal first is the reference.
    /// </summary>
    private static string[] ReferenceFirst(OneHotEncoderModel encoder)
    {
        if (encoder.Categories.Count == 0) return [""];
        if (!encoder.IsBinary) return encoder.Categories.ToArray();
        var kept = encoder.EncodedCategories[0];
        return [.. encoder.Categories.Where(c => !string.Equals(c, kept, StringComparison.Ordinal)), kept];
    }

    /// <summary>Most model columns a fit may have: Newton's Hessian is columns^2 and each step costs rows x columns^2.</summary>
    public const int MaxEncodedColumns = 2_000;

    /// <summary>Most cells (rows x model columns) of the dense design matrix, 400 MB of doubles.</summary>
    public const long MaxDesignCells = 50_000_000;

    /// <summary>
    /// Refuses, before any matrix is built, a design of <paramref name="rows"/> x (<see cref="EncodedCount"/> +
    /// <paramref name="extraColumns"/>) over the limits, naming the text column that contributes most
    /// (a 10,000-category column must fail in a second with a reason, not run for minutes at gigabytes).
    /// </summary>
    public void EnsureDesignFits(int rows, int extraColumns = 0)
    {
        var columns = EncodedCount + extraColumns;
        var cells = (long)rows * columns;
        if (columns <= MaxEncodedColumns && cells <= MaxDesignCells) return;
        var widest = Categorical.OrderByDescending(c => c.Categories.Count).FirstOrDefault();
        var cause = widest is not null && widest.Categories.Count - 1 > columns / 2
            ? string.Format(CultureInfo.InvariantCulture, "; text column '{0}' alone adds {1:N0} (one per category but the reference): "
                + "lower --max-categories, --exclude it, or group rare values first", widest.Name, widest.Categories.Count - 1)
            : "; use fewer features or rows";
        throw new ChurnDataException(string.Format(CultureInfo.InvariantCulture,
            "the model matrix would be {0:N0} rows x {1:N0} columns ({2:N0} cells, {3:N0} MB), over the limit of {4:N0} columns and {5:N0} cells{6}.",
            rows, columns, cells, cells * 8 / 1_000_000, MaxEncodedColumns, MaxDesignCells, cause));
    }

    /// <summary>One row's source values by feature position (numeric feature j, categorical feature k).</summary>
    public interface IRow
    {
        /// <summary>Numeric feature <paramref name="feature"/>; NaN when missing.</summary>
        double Number(int feature);

        /// <summary>Categorical feature <paramref name="feature"/>; null when missing.</summary>
        string? Text(int feature);
    }

    /// <summary>Row <see cref="Index"/> of a table, read from the columns the pipeline uses.</summary>
    public readonly struct TableRow(double[][] numbers, string?[][] texts, int index) : IRow
    {
        public int Index => index;

        public double Number(int feature) => numbers[feature][index];

        public string? Text(int feature) => texts[feature][index];
    }

    /// <summary>A row read through callbacks by column name (HTTP payloads, streamed CSV rows).</summary>
    public readonly struct NamedRow(FeaturePipeline pipeline, Func<string, double> number, Func<string, string?> text) : IRow
    {
        public double Number(int feature) => number(pipeline.Numeric[feature].Name);

        public string? Text(int feature) => text(pipeline.Categorical[feature].Name);
    }

    /// <summary>A row accessor over <paramref name="table"/>: its columns are looked up once, then row i is <c>rows(i)</c>.</summary>
    public Func<int, TableRow> Rows(ColumnTable table)
    {
        var numbers = Numeric.Select(f => table.Numeric(f.Name).Values).ToArray();
        var texts = Categorical.Select(f => table.Text(f.Name).Values).ToArray();
        return i => new TableRow(numbers, texts, i);
    }

    /// <summary>
    /// Encodes every row of a table (missing numbers imputed, categories one-hot) by the rule of
    /// <see cref="EncodeRow{TRow}"/>, a column at a time: a numeric column is one imputed copy, a text column
    /// sets its indicators, looking a category up once per distinct string object (the loader pools them).
    /// </summary>
    public Matrix<double> Transform(ColumnTable table)
    {
        var n = table.RowCount;
        var x = Matrix<double>.Build.Dense(n, EncodedCount);
        var data = x.AsColumnMajorArray();
        var numbers = Numeric.Select(f => table.Numeric(f.Name).Values).ToArray();
        var texts = Categorical.Select(f => table.Text(f.Name).Values).ToArray();
        var firstColumn = new int[texts.Length];
        for (int f = 0, column = numbers.Length; f < texts.Length; column += Categorical[f].Categories.Count - 1, f++) firstColumn[f] = column;
        // Blocks of rows of one source column on both cores: every cell is written by one block only, so
        // the matrix is the same whatever the thread count.
        const int block = 1 << 16;
        var blocks = (n + block - 1) / block;
        Parallel.For(0, (long)(numbers.Length + texts.Length) * blocks, task =>
        {
            var source = (int)(task / blocks);
            var start = (int)(task % blocks) * block;
            var length = Math.Min(n, start + block) - start;
            if (source < numbers.Length)
                Impute(numbers[source].AsSpan(start, length), numericFeatures[source].Median, data.AsSpan(source * n + start, length));
            else
            {
                var f = source - numbers.Length;
                SetIndicators(Categorical[f], texts[f].AsSpan(start, length), data, firstColumn[f] - 1, n, start);
            }
        });
        return x;
    }

    private static void Impute(ReadOnlySpan<double> values, double median, Span<double> destination)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            destination[i] = double.IsNaN(v) ? median : v;
        }
    }

    /// <summary>Sets 1.0 in column <c>beforeFirst + k</c> for each row whose category index k is above 0 (the reference sets none).</summary>
    private static void SetIndicators(CategoricalFeature feature, ReadOnlySpan<string?> values, double[] data, int beforeFirst, int n, int start)
    {
        // IndexOf depends on the value only: once per recent string object.
        var index = new Algorithms.Preprocessing.RecentStrings<int>();
        Func<string, int> indexOf = feature.IndexOf;
        var blank = feature.IndexOf(null);
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            var k = value is null ? blank : index.Get(value, indexOf);
            if (k > 0) data[(long)(beforeFirst + k) * n + start + i] = 1.0;
        }
    }

    /// <summary>
    /// Encodes one row into <paramref name="destination"/> (length <see cref="EncodedCount"/>).
    /// <paramref name="number"/> returns a numeric field (NaN when missing);
    /// <paramref name="text"/> returns a categorical field (null when missing).
    /// </summary>
    public void EncodeRow(Func<string, double> number, Func<string, string?> text, Span<double> destination) =>
        EncodeRow(new NamedRow(this, number, text), destination);

    /// <summary>
    /// The one encoding rule, for a table row and a single customer alike: a missing number is the
    /// training median; a category sets its indicator (the reference sets none, a blank sets
    /// <see cref="CategoricalFeature.BlankLevel"/>'s when the model has it, an unseen value none).
    /// </summary>
    public void EncodeRow<TRow>(TRow row, Span<double> destination) where TRow : struct, IRow
    {
        if (destination.Length != EncodedCount)
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "destination has {0} entries, the pipeline encodes {1}.", destination.Length, EncodedCount));
        destination.Clear();
        var numeric = numericFeatures;
        for (var j = 0; j < numeric.Length; j++)
        {
            var v = row.Number(j);
            destination[j] = double.IsNaN(v) ? numeric[j].Median : v;
        }
        var column = numeric.Length;
        for (var f = 0; f < Categorical.Count; f++)
        {
            var feature = Categorical[f];
            var k = feature.IndexOf(row.Text(f));
            if (k > 0) destination[column + k - 1] = 1.0;
            column += feature.Categories.Count - 1;
        }
    }

    /// <summary>Counts, per column, the blank numeric cells that <see cref="Transform"/> imputes.</summary>
    public IReadOnlyDictionary<string, int> MissingCounts(ColumnTable table)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var feature in Numeric)
        {
            var missing = table.Numeric(feature.Name).Values.Count(double.IsNaN);
            if (missing > 0) counts[feature.Name] = missing;
        }
        return counts;
    }

    /// <summary>
    /// Counts, per categorical column, the values not seen at training (encoded as the reference),
    /// including blanks when training had none.
    /// </summary>
    public IReadOnlyDictionary<string, int> UnseenCounts(ColumnTable table)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var feature in Categorical)
        {
            var unseen = table.Text(feature.Name).Values.Count(v => feature.IndexOf(v) < 0);
            if (unseen > 0) counts[feature.Name] = unseen;
        }
        return counts;
    }
}
