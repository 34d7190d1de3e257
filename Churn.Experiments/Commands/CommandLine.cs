using System.CommandLine;

namespace Churn.Experiments.Commands;

/// <summary>
/// One option of a verb, declared once in the verb's class: its name (without "--"), one line of help,
/// and either a value (with the placeholder shown in help and an optional default) or a flag.
/// </summary>
public sealed record VerbOption(string Name, string Description)
{
    /// <summary>The placeholder in help ("FILE", "K"); null for a flag.</summary>
    public string? ValueName { get; private init; }

    /// <summary>The value used when the option is absent (shown in help); null when there is none.</summary>
    public string? Default { get; private init; }

    /// <summary>The verb cannot run without it; help marks it and its absence is a usage error.</summary>
    public bool IsRequired { get; private init; }

    public bool IsFlag => ValueName is null;

    public static VerbOption Value(string name, string valueName, string description, string? defaultValue = null) =>
        new(name, description) { ValueName = valueName, Default = defaultValue };

    public static VerbOption Required(string name, string valueName, string description) =>
        new(name, description) { ValueName = valueName, IsRequired = true };

    public static VerbOption Flag(string name, string description) => new(name, description);

    /// <summary>An option that may be given several times (read with <see cref="CommandLine.All"/>).</summary>
    public static VerbOption Repeatable(string name, string valueName, string description) => new(name, description) { ValueName = valueName, Repeats = true };

    /// <summary>Given several times, each time with one value.</summary>
    public bool Repeats { get; private init; }

    /// <summary>--model, read by <see cref="CommandLine.Model"/>: the model file a verb scores with.</summary>
    public static VerbOption Model { get; } = Required("model", "FILE", "model file written by 'train'");

    /// <summary>--id, read by <see cref="CommandLine.IdColumns"/>: the columns that name a customer in a scored output.</summary>
    public static VerbOption IdColumns { get; } =
        Value("id", "a,b", "columns that identify a customer, copied to the output (default: the model's id columns, else the row number)");

    /// <summary>--json: the same flag on every verb whose output is one JSON object.</summary>
    public static VerbOption Json { get; } = Flag("json", "print exactly one JSON object on stdout instead of text");

    /// <summary>--source, read by <see cref="CommandLine.Sources"/>: where a verb that can run inside an engine reads; <paramref name="how"/> says what runs there.</summary>
    public static VerbOption Source(string how) => Repeatable("source", "duckdb:FILE|postgres:CONN",
        "instead of --data: a CSV or Parquet file read by DuckDB, or a PostgreSQL connection string; " + how + "; give it once per shard of one table");

    /// <summary>--table and --query, read by <see cref="CommandLine.OpenSources"/>: what to read of a PostgreSQL --source.</summary>
    public static IReadOnlyList<VerbOption> SourceTableOrQuery { get; } =
    [
        Value("table", "NAME", "with --source postgres: the table to read"),
        Value("query", "SQL", "with --source postgres: a SELECT to read instead of a table"),
    ];

    /// <summary>--decimal, read by <see cref="CommandLine.Decimal"/>: the same option on every verb that reads a CSV.</summary>
    public static VerbOption Decimal { get; } =
        Value("decimal", ".|,", "decimal separator of the file's numbers (default: detected for a ';' file, else '.')");
}

/// <summary>The positional arguments a verb takes (most take none, so a stray word is an error).</summary>
public sealed record VerbArguments(string Name, string Description, int Maximum = int.MaxValue);

/// <summary>A verb of the `churn` command line: its help, its options and what it runs.</summary>
public sealed record Verb(string Name, string Description, IReadOnlyList<VerbOption> Options, Func<CommandLine, CommandConsole, int> Run)
{
    public VerbArguments? Arguments { get; init; }

    /// <summary>Verbs under this one (`bench make-raw`).</summary>
    public IReadOnlyList<Verb> Subverbs { get; init; } = [];

    /// <summary>Every word after the verb is passed on untouched (BenchmarkDotNet's own arguments).</summary>
    public bool PassesArgumentsThrough { get; init; }
}

/// <summary>
/// The parsed arguments of one verb, read by option name. Only declared options can be read (reading an
/// undeclared one is a bug), so every option a verb reads is also in its --help.
/// </summary>
public sealed class CommandLine
{
    private readonly ParseResult result;
    private readonly IReadOnlyDictionary<string, (VerbOption Declared, Option Parsed)> options;

    internal CommandLine(string verb, ParseResult result, IReadOnlyDictionary<string, (VerbOption, Option)> options, IReadOnlyList<string> positional)
    {
        Verb = verb;
        this.result = result;
        this.options = options;
        Positional = positional;
    }

    /// <summary>Parses one verb's arguments (without the verb's name) as `churn VERB args` would.</summary>
    public static CommandLine Parse(Verb verb, IReadOnlyList<string> args) =>
        new CommandTree([verb]).Parse([verb.Name, .. args]).CommandLine
        ?? throw new UsageException("'" + verb.Name + "' was asked for help; nothing to run.");

    /// <summary>The verb as typed ("train", "bench make-raw"), for messages.</summary>
    public string Verb { get; }

    public IReadOnlyList<string> Positional { get; }

    /// <summary>True when the option was given on the command line (a flag is set).</summary>
    public bool Has(string name) => result.GetResult(Declared(name).Parsed) is { Implicit: false };

    public string Required(string name) =>
        Optional(name) is { } v && !string.IsNullOrWhiteSpace(v)
            ? v
            : throw new UsageException("'" + Verb + "' needs --" + name + ".");

    /// <summary>The value given, else the declared default, else null.</summary>
    public string? Optional(string name)
    {
        var (declared, parsed) = Declared(name);
        if (declared.IsFlag) throw new InvalidOperationException("--" + name + " is a flag; read it with Has.");
        if (declared.Repeats) throw new InvalidOperationException("--" + name + " is repeatable; read it with All.");
        return Has(name) ? result.GetValue((Option<string>)parsed) : declared.Default;
    }

    /// <summary>The --source values (none when the verb reads --data); giving both is a usage error.</summary>
    public IReadOnlyList<string> Sources()
    {
        var sources = All("source");
        if (sources.Count > 0 && Has("data")) throw new UsageException("give either --data FILE or --source duckdb:FILE, not both.");
        // Both describe how a --data file is parsed; the engine paths never read them, so a run would differ from what was asked.
        if (sources.Count > 0 && options.ContainsKey("na") && Has("na"))
            throw new UsageException("--na names the missing-value texts of a --data file; through --source only blank cells (NULL) are missing. "
                + "Drop --na (fill or filter the rows with --query), or read the file with --data.");
        if (sources.Count > 0 && Has("decimal"))
            throw new UsageException("--decimal sets the decimal mark of a --data file; --source duckdb:FILE reads a CSV with the separator and decimal mark "
                + "--data detects, and engine tables hold numbers. Drop --decimal, or read the file with --data.");
        return sources;
    }

    /// <summary>The shards named by --source, with --table or --query.</summary>
    public Sql.SqlSource OpenSources(IReadOnlyList<string> sources) => Sql.SqlSource.Open(sources, Optional("table"), Optional("query"));

    /// <summary>Every value of a repeatable option, in the order given; empty when it is absent.</summary>
    public IReadOnlyList<string> All(string name)
    {
        var (declared, parsed) = Declared(name);
        if (!declared.Repeats) throw new InvalidOperationException("--" + name + " is not repeatable; read it with Optional.");
        return Has(name) ? result.GetValue((Option<string[]>)parsed) ?? [] : [];
    }

    public int Int(string name, int minimum = int.MinValue) =>
        OptionalInt(name, minimum) ?? throw NoDefault(name);

    /// <summary>A count where 0 means "none" and 1 means nothing (one fold, one cluster): 0 or at least 2.</summary>
    public int NoneOrAtLeastTwo(string name, string what)
    {
        var value = Int(name, 0);
        if (value == 1)
            throw new UsageException("--" + name + " 1 gives a single " + what + "; give 0 for none, or 2 or more.");
        return value;
    }

    public int? OptionalInt(string name, int minimum = int.MinValue)
    {
        var text = Optional(name);
        if (text is null) return null;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            throw new UsageException("--" + name + " must be a whole number, got '" + text + "'.");
        if (value < minimum)
            throw new UsageException("--" + name + " must be >= " + minimum.ToString(CultureInfo.InvariantCulture) + ", got " + text + ".");
        return value;
    }

    public double Double(string name) => OptionalDouble(name) ?? throw NoDefault(name);

    public double? OptionalDouble(string name)
    {
        var text = Optional(name);
        if (text is null) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new UsageException("--" + name + " must be a number (with a '.' decimal point), got '" + text + "'.");
        return value;
    }

    /// <summary>The model file named by --model, loaded (a bad file is refused naming it).</summary>
    public Modeling.ChurnModel Model() => Modeling.ModelFile.Load(Required("model"));

    /// <summary>--out of a verb that scores --data with --model: written whole or not at all, and never over either input.</summary>
    public AtomicFile CreateOutput(string output) =>
        AtomicFile.Create(output, "--out", ("--data", Required("data")), ("--model", Required("model")));

    /// <summary>The --id columns given, or null for the model's own id columns.</summary>
    public IReadOnlyList<string>? IdColumns() => Has("id") ? List("id") : null;

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
        // A name given twice is a slip (`--id cust,cust` wrote a header that no CSV reader takes back).
        var twice = items.GroupBy(i => i, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new UsageException("--" + name + " lists '" + twice.Key + "' twice; give each name once.");
        return items;
    }

    private (VerbOption Declared, Option Parsed) Declared(string name) =>
        options.TryGetValue(name, out var option)
            ? option
            : throw new InvalidOperationException("'" + Verb + "' reads --" + name + " without declaring it.");

    private InvalidOperationException NoDefault(string name) =>
        new("'" + Verb + "' reads --" + name + " as a number but it has no default; use the Optional form.");
}
