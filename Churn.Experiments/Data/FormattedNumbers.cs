namespace Churn.Experiments.Data;

/// <summary>
/// Spots a text column that holds numbers written for people ("3,118.28", "$12.50", "74.2%", "(1,200)"): the
/// loader reads only plain numbers (as pandas does without thousands=), so such a column would become
/// categories or be dropped as identifier-like; the warning says what it saw instead of leaving the user to guess.
/// </summary>
public static class FormattedNumbers
{
    /// <summary>Share of a column's non-blank cells that must read as formatted numbers.</summary>
    public const double Share = 0.95;

    /// <summary>Most cells inspected: the first ones of the column are enough to tell.</summary>
    public const int Sample = 1000;

    /// <summary>
    /// The warning for <paramref name="column"/>, or null when its cells are not formatted numbers. The file's
    /// decimal mark <paramref name="decimalSeparator"/> ('.' or ',') makes the other one the thousands separator; a
    /// no-break space or an apostrophe ("1'234.50") groups digits in either convention.
    /// </summary>
    public static string? Hint(TextColumn column, char decimalSeparator = '.')
    {
        var seen = 0;
        var numbers = 0;
        var formatted = 0;
        string? example = null;
        foreach (var cell in column.Values)
        {
            if (cell is null) continue;
            if (++seen > Sample) break;
            if (!IsNumber(cell, decimalSeparator, out var decorated)) continue;
            numbers++; // "12.00" beside "3,118.28": small values need no separator
            if (!decorated) continue;
            formatted++;
            example ??= cell;
        }
        if (formatted == 0 || numbers < Share * Math.Min(seen, Sample)) return null;
        return string.Format(CultureInfo.InvariantCulture,
            "Column '{0}' holds numbers written with thousands separators, currency or percent signs (e.g. '{1}'); they are read as text, "
            + "not numbers. Write them as plain numbers (1234.5) in the file to use the column as a number.", column.Name, example);
    }

    /// <summary>
    /// A number with at least one decoration a plain parse refuses: grouped digits, a currency sign, a trailing %,
    /// or accounting parentheses. A plain number is not "formatted" (the loader reads it already).
    /// </summary>
    public static bool IsFormattedNumber(string cell, char decimalSeparator = '.') =>
        IsNumber(cell, decimalSeparator, out var decorated) && decorated;

    /// <summary>Whether <paramref name="cell"/> is a number, plain or decorated (then <paramref name="decorated"/>).</summary>
    private static bool IsNumber(string cell, char decimalSeparator, out bool decorated)
    {
        var thousands = decimalSeparator == ',' ? '.' : ',';
        var s = cell.AsSpan().Trim();
        decorated = false;
        if (s.Length >= 2 && s[0] == '(' && s[^1] == ')')
        {
            s = s[1..^1].Trim();
            decorated = true;
        }
        if (s.Length > 0 && s[0] is '-' or '+') s = s[1..].TrimStart();
        if (s.Length > 0 && IsCurrency(s[0]))
        {
            s = s[1..].TrimStart();
            decorated = true;
        }
        if (s.Length > 0 && s[0] is '-' or '+') s = s[1..];
        if (s.Length > 0 && (s[^1] == '%' || IsCurrency(s[^1])))
        {
            s = s[..^1].TrimEnd();
            decorated = true;
        }
        // Digits in groups of three after the first group of 1-3, then an optional decimal part.
        var digitsBeforeMark = 0;
        var groupLength = -1; // digits since the last thousands separator; -1 before the first separator
        var i = 0;
        for (; i < s.Length && s[i] != decimalSeparator; i++)
        {
            if (char.IsAsciiDigit(s[i]))
            {
                digitsBeforeMark++;
                if (groupLength >= 0) groupLength++;
            }
            else if (s[i] == thousands || s[i] is '\u00A0' or '\u202F' or '\'') // a plain space would take "560 001" (a postcode) for a number
            {
                // "0,123" or "012,345" are not grouped numbers (codes or lists are more likely).
                if (digitsBeforeMark == 0 || (groupLength < 0 ? digitsBeforeMark > 3 || s[0] == '0' : groupLength != 3)) return false;
                groupLength = 0;
                decorated = true;
            }
            else return false;
        }
        if (digitsBeforeMark == 0 || groupLength is >= 0 and not 3) return false;
        if (i < s.Length)
        {
            var fraction = s[(i + 1)..];
            if (fraction.Length == 0 || fraction.ContainsAnyExcept("0123456789")) return false;
        }
        return true;
    }

    private static bool IsCurrency(char c) => char.GetUnicodeCategory(c) == UnicodeCategory.CurrencySymbol;
}
