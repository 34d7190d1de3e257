namespace Churn.Experiments.Data;

/// <summary>
/// What the automatic feature choice (<see cref="LabelledCsv"/>) asks of a numeric column, in one pass
/// and without copying it: how many cells are present, the first value, whether a second distinct
/// value exists and whether all are integers.
/// </summary>
internal readonly record struct NumericSummary(int Present, double First, bool TwoOrMoreValues, bool AllIntegers)
{
    public static NumericSummary Of(double[] values)
    {
        var present = 0;
        var first = double.NaN;
        var two = false;
        var integers = true;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            if (present++ == 0) first = v;
            else if (!two && !v.Equals(first)) two = true;
            if (integers && v != Math.Floor(v)) integers = false;
        }
        return new NumericSummary(present, first, two, integers);
    }

    /// <summary>True when no value repeats (stops at the first repeat).</summary>
    public static bool AllDistinct(double[] values)
    {
        // Not presized: a column of counts repeats within a few rows, and a million-slot set is 20 MB of fresh pages.
        var seen = new HashSet<double>();
        foreach (var v in values)
            if (!seen.Add(v)) return false;
        return true;
    }
}

/// <summary>
/// Non-blank cells of a text column, its distinct trimmed values (case-sensitive: the categories
/// OneHotEncoder would find) and the first of them. Cells share strings (<see cref="CsvTableReader"/>
/// pools them), so a string is trimmed again only when it is not among the recent objects
/// (<see cref="Churn.Algorithms.Preprocessing.RecentStrings{T}"/>).
/// </summary>
internal readonly record struct TextSummary(int Present, int Categories, string? First)
{
    public static TextSummary Of(TextColumn column)
    {
        var trimmedOf = new Churn.Algorithms.Preprocessing.RecentStrings<string?>();
        var categories = new HashSet<string>(StringComparer.Ordinal);
        Func<string, string?> trim = v =>
        {
            var trimmed = string.IsNullOrWhiteSpace(v) ? null : v.Trim();
            if (trimmed is not null) categories.Add(trimmed);
            return trimmed;
        };
        var present = 0;
        string? first = null;
        foreach (var v in column.Values)
        {
            if (v is null) continue;
            var trimmed = trimmedOf.Get(v, trim);
            if (trimmed is null) continue;
            present++;
            first ??= trimmed;
        }
        return new TextSummary(present, categories.Count, first);
    }
}
