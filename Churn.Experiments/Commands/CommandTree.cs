using System.CommandLine;
using System.CommandLine.Help;

namespace Churn.Experiments.Commands;

/// <summary>
/// The verbs as a System.CommandLine tree. Parsing either asks for help or yields one verb's
/// <see cref="CommandLine"/>; every problem becomes one <see cref="UsageException"/> in our words
/// (unknown option with the closest name, stray argument, missing value, option given twice).
/// </summary>
internal sealed class CommandTree
{
    private const int HelpWidth = 100;

    private static readonly ParserConfiguration Configuration = new()
    {
        EnablePosixBundling = false,
        ResponseFileTokenReplacer = null, // "@x" is a value, never a file of arguments
    };

    private readonly Command root;
    private readonly Dictionary<Command, Node> nodes = [];

    private sealed record Node(string Path, Verb Verb, IReadOnlyDictionary<string, (VerbOption, Option)> Options, Argument<string[]>? Arguments);

    /// <summary>What the command line asked for: help on <see cref="Help"/>, or a verb to run.</summary>
    public sealed record Parsed(ParseResult? Help, Verb? Verb, CommandLine? CommandLine);

    public CommandTree(IReadOnlyList<Verb> verbs, string description = "")
    {
        root = new Command("churn", description) { new HelpOption { Recursive = true, Action = new HelpAction { MaxWidth = HelpWidth } } };
        foreach (var verb in verbs) root.Add(Build(verb, verb.Name));
    }

    /// <summary>`churn --help`: the verbs.</summary>
    public void WriteHelp(TextWriter writer) => WriteHelp(root.Parse(["--help"], Configuration), writer);

    /// <summary>Writes the help a parse result asked for (the verb's options, or the verbs).</summary>
    public static void WriteHelp(ParseResult help, TextWriter writer) =>
        help.Invoke(new InvocationConfiguration { Output = writer, Error = writer, EnableDefaultExceptionHandler = false });

    public Parsed Parse(IReadOnlyList<string> args)
    {
        var result = root.Parse(args, Configuration);
        var command = result.CommandResult.Command;
        if (result.Action is HelpAction) return new Parsed(result, null, null);
        if (!nodes.TryGetValue(command, out var node)) throw NoVerb(args);
        if (!node.Verb.PassesArgumentsThrough) Check(result, node, args);
        var positional = Positional(result, node);
        return new Parsed(null, node.Verb, new CommandLine(node.Path, result, node.Options, positional));
    }

    private Command Build(Verb verb, string path)
    {
        var command = new Command(verb.Name, verb.Description);
        command.SetAction(_ => 0); // runnable itself, so a verb with subverbs needs none (we run it, not System.CommandLine)
        var options = new Dictionary<string, (VerbOption, Option)>(StringComparer.Ordinal);
        foreach (var declared in verb.Options)
        {
            Option option = declared.IsFlag
                ? new Option<bool>("--" + declared.Name) { Description = declared.Description, Arity = ArgumentArity.Zero }
                : declared.Repeats
                ? new Option<string[]>("--" + declared.Name)
                {
                    Description = declared.Description, HelpName = declared.ValueName, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false,
                }
                : new Option<string>("--" + declared.Name)
                {
                    Description = declared.Description,
                    HelpName = declared.ValueName,
                    Required = declared.IsRequired,
                    DefaultValueFactory = declared.Default is { } d ? _ => d : null,
                };
            command.Add(option);
            options.Add(declared.Name, (declared, option));
        }
        Argument<string[]>? arguments = null;
        if (verb.PassesArgumentsThrough)
            arguments = new Argument<string[]>("arguments") { Arity = ArgumentArity.ZeroOrMore, CaptureRemainingTokens = true };
        else if (verb.Arguments is { } a)
            // Any count parses; Check enforces the maximum with a message naming the extra words
            // (System.CommandLine cannot convert a string[] argument whose arity is capped at 1).
            arguments = new Argument<string[]>(a.Name) { Description = a.Description, Arity = ArgumentArity.ZeroOrMore };
        if (arguments is not null) command.Add(arguments);
        foreach (var sub in verb.Subverbs) command.Add(Build(sub, path + " " + sub.Name));
        nodes[command] = new Node(path, verb, options, arguments);
        return command;
    }

    private static void Check(ParseResult result, Node node, IReadOnlyList<string> args)
    {
        foreach (var arg in args)
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var eq and > 2 &&
                node.Options.TryGetValue(arg[2..eq], out var flag) && flag.Item1.IsFlag)
                throw new UsageException(arg[..eq] + " is a flag and takes no value.");
        // An unknown "--name" lands among a verb's positional arguments, or among the unmatched tokens.
        var positional = Positional(result, node);
        var unknown = positional.Concat(result.UnmatchedTokens).Where(LooksLikeOption).ToList();
        if (unknown.Count > 0) throw UnknownOption(node, unknown[0]);
        var stray = positional.Skip(node.Verb.Arguments?.Maximum ?? 0).Concat(result.UnmatchedTokens).ToList();
        if (stray.Count > 0)
        {
            var quoted = string.Join(", ", stray.Select(s => "'" + s + "'"));
            throw new UsageException(node.Arguments is null
                ? "'" + node.Path + "' takes no positional arguments, got " + quoted +
                  ". A list is one word (--features a,b,c, no spaces) or quoted (\"a, b\")."
                : "'" + node.Path + "' takes at most " + node.Verb.Arguments!.Maximum.ToString(CultureInfo.InvariantCulture) + " " +
                  node.Verb.Arguments.Name + ", got " + quoted + " too.");
        }
        foreach (var (name, (declared, option)) in node.Options)
        {
            if (result.GetResult(option) is not { Implicit: false } given) continue;
            if (declared.IsFlag && given.Tokens.Count > 0) throw new UsageException("--" + name + " is a flag and takes no value.");
            if (!declared.IsFlag && !declared.Repeats && given.IdentifierTokenCount > 1) throw new UsageException("--" + name + " is given twice.");
            if (!declared.IsFlag && given.Tokens.Count == 0) throw new UsageException("--" + name + " needs a value.");
        }
        foreach (var (name, (declared, option)) in node.Options)
            if (declared.IsRequired && result.GetResult(option) is not { Implicit: false })
                throw new UsageException("'" + node.Path + "' needs --" + name + ".");
        if (result.Errors.Count > 0) throw new UsageException(result.Errors[0].Message);
    }

    private static IReadOnlyList<string> Positional(ParseResult result, Node node) =>
        node.Arguments is null ? [] : result.GetResult(node.Arguments)?.Tokens.Select(t => t.Value).ToArray() ?? [];

    private static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' &&
        !double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static UsageException UnknownOption(Node node, string token)
    {
        var name = token.TrimStart('-');
        var eq = name.IndexOf('=');
        if (eq >= 0) name = name[..eq];
        var known = node.Options.Keys.Order(StringComparer.Ordinal).ToList();
        var close = Closest(name, known);
        return new UsageException("unknown option " + (token.StartsWith("--", StringComparison.Ordinal) ? "--" : "-") + name +
            " for '" + node.Path + "'." + (close is null ? "" : " Did you mean --" + close + "?") +
            " Options: " + string.Join(", ", known.Select(k => "--" + k)) + ".");
    }

    private UsageException NoVerb(IReadOnlyList<string> args)
    {
        var first = args.Count == 0 ? "" : args[0];
        if (first.StartsWith('-'))
            return new UsageException("a verb comes first: churn <verb> [options]. Run 'churn --help' for the list.");
        var close = Closest(first, root.Subcommands.Select(c => c.Name).ToList());
        return new UsageException("unknown verb '" + first + "'." + (close is null ? "" : " Did you mean '" + close + "'?") +
                                  " Run 'churn --help' for the list.");
    }

    /// <summary>The known name a typo most likely meant: fewest edits (a swap counts one), else one containing the other.</summary>
    internal static string? Closest(string typed, IReadOnlyList<string> known)
    {
        var limit = Math.Max(2, typed.Length / 3);
        var best = known
            .Select(k => (Name: k, Distance: EditDistance(typed.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name).FirstOrDefault();
        return best ?? known.FirstOrDefault(k => typed.Length > 1 &&
            (k.Contains(typed, StringComparison.OrdinalIgnoreCase) || typed.Contains(k, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
