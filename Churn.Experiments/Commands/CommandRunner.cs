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
        SqlCommand.Verb, ServeCommand.Verb, ExperimentCommand.Verb, BenchCommand.Verb,
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
            // One line: a message that spans lines keeps them, but no raw control byte reaches the terminal.
            console.Error.WriteLine("error: " + string.Join("\n", UserMessage.Of(e).Split('\n').Select(UserMessage.Printable)));
            return BadInput;
        }
        catch (Exception e)
        {
            console.Error.WriteLine("internal error (a bug, please report it): " + e);
            return Bug;
        }
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
