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

    private const string Usage = """
        usage: churn <verb> [options]

          segment     KMeans segments of chosen numeric columns
                      --data F --features a,b,c [--k 4] [--n-init 10] [--seed 42] [--json]
          train       fit a churn model on any labelled CSV and write it as JSON
                      --data F --label COL --positive V [--exclude a,b] [--features a,b] [--na NA,?] [--max-categories 50]
                      (or, for the raw telecom file: --data RAW.csv --recipe seed-proxy|case-study)
                      [--C 1 | --no-penalty] [--solver newton|lbfgs] [--balanced] [--segments K]
                      [--segment-features a,b] [--cv 5] [--seed 42] [--threshold 0.5] --out model.json [--json]
                      [--model linear|sparse|additive|additive-pairs] [--penalty l2|l1|elasticnet|none]
                      [--l1-ratio A] [--lambda min|1se|VALUE] [--interactions N|auto]
          evaluate    score a labelled CSV with a model: auc, accuracy, precision, recall, f1, log_loss, brier
                      --model M --data F [--threshold T] [--json]
          predict     write churn probability, 0/1 prediction and segment for every row
                      --model M --data F --out scored.csv [--rank] [--id a,b]
          serve       HTTP host and business page for one model (loopback by default)
                      --model M [--host 127.0.0.1] [--port 8080] [--quiet]
          experiment  run one experiment or all of them, writing reports/NAME/
                      NAME|all [--seed 42] [--out reports]
          bench       in-process timings (median of 5 after warm-up) or BenchmarkDotNet
                      [kmeans|logreg|auc|all] [--json] [--repeat 5] | --bdn [BenchmarkDotNet args]
                      | make-raw --rows N --out F [--seed 42] | scaling [--out reports/performance]

        Exit codes: 0 success, 2 bad input (the message says what and where), 1 a bug.
        """;

    public static int Run(string[] args, CommandConsole console)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? console.Error : console.Out).WriteLine(Usage);
            return args.Length == 0 ? BadInput : Ok;
        }
        var verb = args[0];
        var rest = args.Skip(1).ToArray();
        if (rest.Any(a => a is "--help" or "-h"))
        {
            console.Out.WriteLine(Usage);
            return Ok;
        }
        try
        {
            return verb switch
            {
                "segment" => SegmentCommand.Run(rest, console),
                "train" => TrainCommand.Run(rest, console),
                "evaluate" => EvaluateCommand.Run(rest, console),
                "predict" => PredictCommand.Run(rest, console),
                "experiment" => ExperimentCommand.Run(rest, console),
                "serve" => ServeCommand.Run(rest, console),
                "bench" => BenchCommand.Run(rest, console),
                _ => throw new UsageException("unknown verb '" + verb + "'. Run 'churn --help' for the list."),
            };
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
