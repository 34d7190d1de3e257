using Churn.Experiments.Data;
using Churn.Experiments.Modeling;

namespace Churn.Experiments.Commands;

/// <summary>
/// Dispatches a verb and turns every expected failure into one clear message and exit code 2
/// (bad input), never a stack trace. Exit 1 is kept for genuine bugs.
/// </summary>
public static class CommandRunner
{
    public const int Ok = 0;
    public const int Bug = 1;
    public const int BadInput = 2;

    /// <summary>Every verb, in the order `churn --help` lists them.</summary>
    public static IReadOnlyList<Verb> Verbs { get; } =
    [
        SegmentCommand.Verb, TrainCommand.Verb, EvaluateCommand.Verb, PredictCommand.Verb, CampaignCommand.Verb,
        ServeCommand.Verb, ExperimentCommand.Verb, BenchCommand.Verb,
    ];

    private const string Description = """
        Churn Lab: usage segments, churn models, their reports and a prediction host.
        Run 'churn <verb> --help' for a verb's options. With --json, stdout is exactly one JSON object.
        Exit codes: 0 success, 2 bad input (the message says what and where), 1 a bug.
        """;

    public static int Run(string[] args, CommandConsole console)
    {
        var tree = new CommandTree(Verbs, Description);
        if (args.Length == 0)
        {
            tree.WriteHelp(console.Error);
            return BadInput;
        }
        if (args is ["help"])
        {
            tree.WriteHelp(console.Out);
            return Ok;
        }
        try
        {
            var parsed = tree.Parse(args);
            if (parsed.Help is { } help)
            {
                CommandTree.WriteHelp(help, console.Out);
                return Ok;
            }
            return parsed.Verb!.Run(parsed.CommandLine!, console);
        }
        catch (Exception e) when (IsBadInput(e))
        {
            console.Error.WriteLine("error: " + UserMessage(e));
            return BadInput;
        }
        catch (Exception e)
        {
            console.Error.WriteLine("internal error (a bug, please report it): " + e);
            return Bug;
        }
    }

    /// <summary>The message without .NET's "(Parameter 'x')" and "Actual value was" decorations.</summary>
    internal static string UserMessage(Exception e)
    {
        var message = e is ArgumentOutOfRangeException { ParamName: not null } range && range.Message.Contains("Actual value was", StringComparison.Ordinal)
            ? range.Message[..range.Message.LastIndexOf("Actual value was", StringComparison.Ordinal)]
            : e.Message;
        if (e is ArgumentException { ParamName: { } name })
            message = message.Replace(" (Parameter '" + name + "')", "", StringComparison.Ordinal);
        return message.Trim();
    }

    private static bool IsBadInput(Exception e) => e switch
    {
        UsageException or ChurnDataException or ModelFileException => true,
        ArgumentException => true, // Guard and option validation: messages name the value
        FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException => true,
        IOException => true,
        _ => false,
    };
}
