using System.Text.RegularExpressions;
using Churn.Experiments.Commands;

namespace Churn.Tests.Experiments.Commands;

public sealed class CommandLineTests
{
    private static readonly Verb Toy = new("toy", "a verb for these tests",
    [
        VerbOption.Required("data", "FILE", "file to read"),
        VerbOption.Value("k", "K", "clusters", "4"),
        VerbOption.Value("ratio", "R", "a number"),
        VerbOption.Value("names", "a,b", "a list"),
        VerbOption.Flag("json", "json out"),
    ], (_, _) => 0);

    // "CommandLine" alone is BenchmarkDotNet's CommandLineParser namespace here.
    private static Churn.Experiments.Commands.CommandLine Parse(string[] args) => Churn.Experiments.Commands.CommandLine.Parse(Toy, args);

    public static TheoryData<string> VerbPaths()
    {
        var data = new TheoryData<string>();
        foreach (var verb in CommandRunner.Verbs)
        {
            data.Add(verb.Name);
            foreach (var sub in verb.Subverbs.Where(s => !s.PassesArgumentsThrough)) data.Add(verb.Name + " " + sub.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(VerbPaths))]
    public void Help_EveryVerb_ListsEveryDeclaredOptionWithItsDescription(string path)
    {
        var words = path.Split(' ');
        var verb = CommandRunner.Verbs.Single(v => v.Name == words[0]);
        if (words.Length > 1) verb = verb.Subverbs.Single(s => s.Name == words[1]);

        var run = CliRun.Of([.. words, "--help"]);

        Assert.Equal(CommandRunner.Ok, run.ExitCode);
        var help = Regex.Replace(run.Out, @"\s+", " ");
        foreach (var option in verb.Options)
        {
            Assert.Contains("--" + option.Name + (option.IsFlag ? " " : " <" + option.ValueName + ">"), help);
            Assert.Contains(Regex.Replace(option.Description, @"\s+", " "), help);
        }
    }

    [Theory]
    [InlineData("train", "--max-iter")]
    [InlineData("predict", "--json")]
    [InlineData("segment", "--max-iter")]
    public void Help_OptionsUndocumentedBefore_AreListed(string verb, string option)
    {
        var run = CliRun.Of(verb, "--help");

        Assert.Equal(CommandRunner.Ok, run.ExitCode);
        Assert.Contains(option + " ", run.Out);
    }

    [Fact]
    public void Help_Root_ListsEveryVerbAndExitCodes()
    {
        var run = CliRun.Of("--help");

        Assert.Equal(CommandRunner.Ok, run.ExitCode);
        foreach (var verb in CommandRunner.Verbs) Assert.Contains("  " + verb.Name, run.Out);
        Assert.Contains("Exit codes", run.Out);
    }

    [Fact]
    public void Run_NoArguments_UsageOnStderrExitsTwo()
    {
        var run = CliRun.Of();

        Assert.Equal(CommandRunner.BadInput, run.ExitCode);
        Assert.Contains("train", run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void Run_StrayPositionalArgument_ExitsTwoNamingIt()
    {
        // The issue's case: a space after a comma split the list, and the third feature was silently dropped.
        var run = CliRun.Of("segment", "--data", TestPaths.Data("data/raw/seed_churn_labeled_data.csv"),
            "--features", "aon,total_mou", "total_data_usage", "--k", "4");

        Assert.Equal(CommandRunner.BadInput, run.ExitCode);
        Assert.StartsWith("error: ", run.Error);
        Assert.Contains("'total_data_usage'", run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void Run_TwoStrayArguments_NamesBoth()
    {
        var run = CliRun.Of("evaluate", "--model", "m.json", "one", "--data", "d.csv", "two");

        Assert.Equal(CommandRunner.BadInput, run.ExitCode);
        Assert.Contains("'one', 'two'", run.Error);
    }

    [Fact]
    public void Run_SecondExperimentName_ExitsTwoNamingIt()
    {
        var run = CliRun.Of("experiment", "segmentation", "case-study");

        Assert.Equal(CommandRunner.BadInput, run.ExitCode);
        Assert.Contains("'case-study'", run.Error);
    }

    [Theory]
    [InlineData("train", "--lable", "--label")]
    [InlineData("train", "--nopenalty", "--no-penalty")]
    [InlineData("train", "--c", "--C")]
    [InlineData("segment", "--seeds", "--seed")]
    [InlineData("segment", "--ninit", "--n-init")]
    [InlineData("bench", "--repeats", "--repeat")]
    [InlineData("predict", "--rnak", "--rank")]
    public void Run_MisspelledOption_SuggestsTheClosest(string verb, string typo, string meant)
    {
        var run = CliRun.Of(verb, typo, "1");

        Assert.Equal(CommandRunner.BadInput, run.ExitCode);
        Assert.Contains("unknown option " + typo + " for '" + verb + "'. Did you mean " + meant + "?", run.Error);
    }

    [Fact]
    public void Run_MisspelledVerb_SuggestsTheVerb()
    {
        var run = CliRun.Of("trian", "--data", "x");

        Assert.Equal(CommandRunner.BadInput, run.ExitCode);
        Assert.Contains("unknown verb 'trian'. Did you mean 'train'?", run.Error);
    }

    [Theory]
    [InlineData(new[] { "--data", "f", "--json=yes" }, "--json is a flag and takes no value.")]
    [InlineData(new[] { "--data", "f", "--k", "3", "--k", "4" }, "--k is given twice.")]
    [InlineData(new[] { "--k", "3", "--data" }, "--data needs a value.")]
    [InlineData(new[] { "--k", "3" }, "'toy' needs --data.")]
    [InlineData(new[] { "--data", "f", "--k", "four" }, "--k must be a whole number, got 'four'.")]
    public void Parse_BadUsage_OneMessageSayingWhat(string[] args, string message)
    {
        var e = Assert.Throws<UsageException>(() =>
        {
            var cl = Parse(args);
            cl.Int("k");
        });
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Parse_AbsentOptions_GiveDeclaredDefaultsAndAreNotHas()
    {
        var cl = Parse(["--data", "f.csv"]);

        Assert.Equal("f.csv", cl.Required("data"));
        Assert.False(cl.Has("k"));
        Assert.Equal(4, cl.Int("k", 1));
        Assert.Null(cl.OptionalDouble("ratio"));
        Assert.Empty(cl.List("names"));
        Assert.False(cl.Has("json"));
    }

    [Fact]
    public void Parse_GivenOptions_ReadInEveryForm()
    {
        var cl = Parse(["--data=@notes.csv", "--k", "-3", "--ratio", "1e-3", "--names", "a, b,,c", "--json"]);

        Assert.Equal("@notes.csv", cl.Required("data")); // '@' is a value, not a response file
        Assert.True(cl.Has("k"));
        Assert.Equal(-3, cl.Int("k"));
        Assert.Equal(0.001, cl.OptionalDouble("ratio"));
        Assert.Equal(["a", "b", "c"], cl.List("names"));
        Assert.True(cl.Has("json"));
        var e = Assert.Throws<UsageException>(() => cl.Int("k", 0));
        Assert.Equal("--k must be >= 0, got -3.", e.Message);
    }

    [Fact]
    public void Read_UndeclaredOption_IsABugNotUsage()
    {
        var cl = Parse(["--data", "f"]);

        Assert.Throws<InvalidOperationException>(() => cl.Optional("seed"));
    }
}
