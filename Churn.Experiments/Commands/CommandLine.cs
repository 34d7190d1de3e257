using System.Globalization;

namespace Churn.Experiments.Commands;

/// <summary>A problem with what the user typed or gave us; the CLI prints the message and exits 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// Parsed `--name value` / `--flag` arguments of one verb. Every option the verb reads must be
/// declared, so a typo ("--seeds") is an error that suggests the right name instead of being ignored.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> values = new(StringComparer.Ordinal);
    private readonly List<string> positional = [];

    public CommandLine(string verb, IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flagOptions)
    {
        Verb = verb;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                positional.Add(arg);
                continue;
            }
            var name = arg[2..];
            string? inline = null;
            var eq = name.IndexOf('=');
            if (eq >= 0) (name, inline) = (name[..eq], name[(eq + 1)..]);
            if (flagOptions.Contains(name))
            {
                if (inline is not null) throw new UsageException("--" + name + " is a flag and takes no value.");
                values[name] = null;
            }
            else if (valueOptions.Contains(name))
            {
                var value = inline;
                if (value is null)
                {
                    if (i + 1 >= args.Count) throw new UsageException("--" + name + " needs a value.");
                    value = args[++i];
                }
                if (values.ContainsKey(name)) throw new UsageException("--" + name + " is given twice.");
                values[name] = value;
            }
            else
            {
                var known = valueOptions.Concat(flagOptions).OrderBy(n => n, StringComparer.Ordinal).ToList();
                var close = known.Where(k => k.Contains(name, StringComparison.OrdinalIgnoreCase) || name.Contains(k, StringComparison.OrdinalIgnoreCase)).ToList();
                throw new UsageException("unknown option --" + name + " for '" + verb + "'." +
                    (close.Count > 0 ? " Did you mean --" + close[0] + "?" : "") +
                    " Options: " + string.Join(", ", known.Select(k => "--" + k)) + ".");
            }
        }
    }

    public string Verb { get; }

    public IReadOnlyList<string> Positional => positional;

    public bool Has(string name) => values.ContainsKey(name);

    public string Required(string name) =>
        values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v)
            ? v!
            : throw new UsageException("'" + Verb + "' needs --" + name + ".");

    public string? Optional(string name) => values.TryGetValue(name, out var v) ? v : null;

    public string OptionalOr(string name, string fallback) => Optional(name) ?? fallback;

    public int Int(string name, int fallback, int minimum = int.MinValue)
    {
        var text = Optional(name);
        if (text is null) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            throw new UsageException("--" + name + " must be a whole number, got '" + text + "'.");
        if (value < minimum)
            throw new UsageException("--" + name + " must be >= " + minimum.ToString(CultureInfo.InvariantCulture) + ", got " + text + ".");
        return value;
    }

    public double Double(string name, double fallback)
    {
        var text = Optional(name);
        if (text is null) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new UsageException("--" + name + " must be a number (with a '.' decimal point), got '" + text + "'.");
        return value;
    }

    /// <summary>The decimal separator of the input's numbers (<c>--decimal .</c> or <c>--decimal ,</c>); null detects it.</summary>
    public char? Decimal()
    {
        var text = Optional("decimal");
        if (text is null) return null;
        if (text.Length == 1 && Churn.Experiments.Data.CsvNumber.DecimalSeparators.Contains(text[0])) return text[0];
        throw new UsageException("--decimal must be . or , (the decimal separator of the file's numbers), got '" + text + "'.");
    }

    /// <summary>A comma-separated list ("a,b,c"); empty when the option is absent.</summary>
    public IReadOnlyList<string> List(string name)
    {
        var text = Optional(name);
        if (text is null) return [];
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0) throw new UsageException("--" + name + " needs at least one name.");
        return items;
    }
}
