namespace Churn.Experiments.Data;

/// <summary>
/// The rule that leaves a column out of training automatically, from a few counts, so that a CSV file read into
/// memory (<see cref="LabelledCsv"/>) and a table an engine counts (`train --source`) decide alike: a constant
/// column (at most one distinct non-missing value), and with enough rows an identifier-like one (an integer or text
/// column with a different value in every row, or text with more distinct values than a share of the rows).
/// </summary>
public static class AutomaticExclusion
{
    /// <summary>A numeric column: <paramref name="first"/> is its one value when it has one; null to keep it.</summary>
    public static ExcludedColumn? Numeric(string name, long rows, long present, bool twoOrMoreValues, double first, bool allIntegers,
        bool allDistinct, LabelledCsvOptions options)
    {
        if (!twoOrMoreValues)
            return new(name, ExclusionKind.Constant, present == 0 ? "constant (every cell blank)" : "constant (single value " + first.ToString("R", CultureInfo.InvariantCulture) + ")");
        if (rows >= options.MinimumRowsForIdDetection && present == rows && allIntegers && allDistinct)
            return new(name, ExclusionKind.Identifier, "identifier-like (integer, a different value in every row)");
        return null;
    }

    /// <summary>A text column of <paramref name="categories"/> distinct trimmed non-blank values (<paramref name="first"/> one of them); null to keep it.</summary>
    public static ExcludedColumn? Text(string name, long rows, long present, long categories, string? first, LabelledCsvOptions options)
    {
        if (categories <= 1)
            return new(name, ExclusionKind.Constant, present == 0 ? "constant (every cell blank)" : "constant (single value '" + first + "')");
        if (rows < options.MinimumRowsForIdDetection) return null;
        if (present == rows && categories == rows)
            return new(name, ExclusionKind.Identifier, "identifier-like (text, a different value in every row)");
        if (categories > options.IdCardinalityFraction * rows)
            return new(name, ExclusionKind.Identifier, string.Format(CultureInfo.InvariantCulture,
                "identifier-like (text with {0} distinct values in {1} rows, more than {2:0.##}% of rows)", categories, rows, options.IdCardinalityFraction * 100));
        return null;
    }
}
