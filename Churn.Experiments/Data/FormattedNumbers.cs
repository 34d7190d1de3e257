namespace Churn.Experiments.Data;

/// <summary>
/// Spots a text column that holds numbers written for people ("3,118.28", "1,23,456", "$12.50", "INR 500", "74.2%", "(1,200)"): the
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
            "Column '{0}' holds numbers written with thousands separators, currency signs or codes, or percent signs (e.g. '{1}'); they are read as text, "
            + "not numbers. Write them as plain numbers (1234.5) in the file to use the column as a number.", column.Name, example);
    }

    /// <summary>
    /// A number with at least one decoration a plain parse refuses: grouped digits (in thousands, or Indian lakhs and
    /// crores), a currency sign or code, a trailing %, or accounting parentheses. A plain number is not "formatted" (the loader reads it already).
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
        if (CurrencyPrefix(s) is var prefix and > 0)
        {
            s = s[prefix..].TrimStart();
            decorated = true;
        }
        if (s.Length > 0 && s[0] is '-' or '+') s = s[1..];
        if (CurrencySuffix(s) is var suffix and > 0)
        {
            s = s[..^suffix].TrimEnd();
            decorated = true;
        }
        // Grouped digits: groups of three after a first group of 1-3 ("1,234,567"), or the Indian lakh and crore
        // grouping, groups of two then a last group of three after a first group of 1-2 ("12,34,567").
        var digitsBeforeMark = 0;
        var groups = 0; // thousands separators seen
        var groupLength = -1; // digits since the last separator; -1 before the first one
        var firstGroup = 0;
        var pairs = 0; // groups of two between separators (Indian grouping)
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
                if (groupLength < 0)
                {
                    if (digitsBeforeMark is 0 or > 3 || s[0] == '0') return false;
                    firstGroup = digitsBeforeMark;
                }
                else if (groupLength == 2) pairs++;
                else if (groupLength != 3) return false;
                groups++;
                groupLength = 0;
                decorated = true;
            }
            else return false;
        }
        if (digitsBeforeMark == 0) return false;
        if (groups > 0)
        {
            // The last group has three digits; groups of two only come before it, all of them, after a first of 1-2.
            if (groupLength != 3) return false;
            if (pairs > 0 && (pairs != groups - 1 || firstGroup > 2)) return false;
        }
        if (i < s.Length)
        {
            var fraction = s[(i + 1)..];
            if (fraction.Length == 0 || fraction.ContainsAnyExcept("0123456789")) return false;
        }
        return true;
    }

    private static bool IsCurrency(char c) => char.GetUnicodeCategory(c) == UnicodeCategory.CurrencySymbol;

    /// <summary>
    /// Common ISO 4217 codes and the rupee's "Rs" / "Rs.", written before or after an amount ("INR 1,234", "12.50 USD").
    /// A fixed list, not any three capitals: "NYC 101" is a code, not money.
    /// </summary>
    private static readonly string[] CurrencyWords =
        ["Rs.", "Rs", "INR", "USD", "EUR", "GBP", "JPY", "CNY", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF",
         "RUB", "TRY", "BRL", "MXN", "ARS", "CLP", "COP", "ZAR", "NGN", "KES", "EGP", "SAR", "AED", "ILS", "PKR", "BDT", "LKR", "NPR",
         "IDR", "MYR", "SGD", "THB", "PHP", "VND", "KRW", "HKD", "TWD"];

    /// <summary>Length of a currency sign or word at the start of <paramref name="s"/> (a word must be followed by a digit, space or sign), else 0.</summary>
    private static int CurrencyPrefix(ReadOnlySpan<char> s)
    {
        if (s.Length > 0 && IsCurrency(s[0])) return 1;
        foreach (var word in CurrencyWords)
            if (s.StartsWith(word, StringComparison.Ordinal) && s.Length > word.Length && (char.IsAsciiDigit(s[word.Length]) || s[word.Length] is ' ' or '\u00A0' or '-' or '+'))
                return word.Length;
        return 0;
    }

    /// <summary>Length of a %, a currency sign, or a currency word after a digit or space, at the end of <paramref name="s"/>, else 0.</summary>
    private static int CurrencySuffix(ReadOnlySpan<char> s)
    {
        if (s.Length > 0 && (s[^1] == '%' || IsCurrency(s[^1]))) return 1;
        foreach (var word in CurrencyWords)
            if (word[^1] != '.' && s.EndsWith(word, StringComparison.Ordinal) && s.Length > word.Length
                && (char.IsAsciiDigit(s[^(word.Length + 1)]) || s[^(word.Length + 1)] is ' ' or '\u00A0'))
                return word.Length;
        return 0;
    }
}
