namespace Churn.Experiments.Data;

/// <summary>Turns what went wrong into text a user can read: no .NET decorations, no raw control bytes.</summary>
public static class UserMessage
{
    /// <summary>The exception's message without .NET's "(Parameter 'x')" and "Actual value was ..." decorations.</summary>
    public static string Of(Exception e)
    {
        var message = e.Message;
        var actual = message.LastIndexOf("Actual value was", StringComparison.Ordinal);
        if (e is ArgumentOutOfRangeException { ParamName: not null } && actual >= 0) message = message[..actual];
        if (e is ArgumentException { ParamName: { } name })
            message = message.Replace(" (Parameter '" + name + "')", "", StringComparison.Ordinal);
        return message.Trim();
    }

    /// <summary>
    /// <paramref name="text"/> with control characters written as escapes (a NUL byte as \0, others as \u001B),
    /// so a value echoed from a file cannot hide itself, end a line or drive the terminal.
    /// </summary>
    public static string Printable(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (!char.IsControl(c)) sb.Append(c);
            else if (c == '\0') sb.Append("\\0");
            else if (c == '\t') sb.Append("\\t");
            else if (c == '\n') sb.Append("\\n");
            else if (c == '\r') sb.Append("\\r");
            else sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
