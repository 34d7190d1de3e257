namespace Churn.Experiments.Data;

/// <summary>One CSV output field, quoted (RFC 4180) only when it holds a comma, quote or line break.</summary>
public static class CsvField
{
    public static string Quote(string? value)
    {
        if (value is null) return "";
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
