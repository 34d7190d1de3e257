using System.Globalization;
using System.Text.Json;
using Churn.Experiments.Commands;
using Churn.Experiments.Data;
using Churn.Experiments.Modeling;

namespace Churn.Tests.Experiments.Commands;

public sealed class CliTests
{
    private static readonly string BigMl = TestPaths.Data("data/raw/churn-bigml-80.csv");

    /// <summary>The default model on churn-bigml-80 (State and Area code excluded) as temp/m.json.</summary>
    private static void TrainDefaultModel(TempFolder temp) =>
        Assert.Equal(0, CliRun.Of("train", "--data", BigMl, "--label", "Churn", "--positive", "True",
            "--exclude", "State,Area code", "--out", temp.File("m.json")).ExitCode);
    private static readonly string Raw = TestPaths.Data("data/raw/telecom_churn_data_head1000.csv");
    private static readonly string Seed = TestPaths.Data("data/raw/seed_churn_labeled_data.csv");

    [Fact]
    [Trait("Kind", "Golden")]
    public void Train_BigMlFiveFoldCv_WithinHundredthOfScikitLearn()
    {
        using var temp = new TempFolder();
        var run = CliRun.Of("train", "--data", BigMl, "--label", "Churn", "--positive", "True",
            "--exclude", "State,Area code", "--C", "1", "--cv", "5", "--seed", "42", "--out", temp.File("m.json"), "--json");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        using var golden = JsonDocument.Parse(File.ReadAllText(TestPaths.Golden("cv_bigml.json")));
        var reference = golden.RootElement.GetProperty("cases").GetProperty("charges_dropped").GetProperty("cv_auc_mean").GetDouble();
        Assert.InRange(json.GetProperty("cv_auc_mean").GetDouble(), reference - 0.01, reference + 0.01);
        Assert.True(json.GetProperty("cv_auc_sd").GetDouble() > 0);
        Assert.Equal(["Total day charge", "Total eve charge", "Total night charge", "Total intl charge"],
            json.GetProperty("dropped_columns").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.True(File.Exists(temp.File("m.json")));
        Assert.Contains("cross-validation fold 5/5", run.Error);
    }

    [Fact]
    public void Train_NoPenalty_ReportsStandardErrorsAndPValues()
    {
        using var temp = new TempFolder();
        var run = CliRun.Of("train", "--data", BigMl, "--label", "Churn", "--positive", "True",
            "--exclude", "State,Area code", "--no-penalty", "--out", temp.File("m.json"), "--json");

        Assert.Equal(0, run.ExitCode);
        var rows = run.Json().GetProperty("coefficients").EnumerateArray().ToList();
        Assert.All(rows, r => Assert.True(r.GetProperty("standard_error").GetDouble() > 0));
        Assert.All(rows, r => Assert.InRange(r.GetProperty("p_value").GetDouble(), 0, 1));
        var service = rows.Single(r => r.GetProperty("name").GetString() == "Customer service calls");
        Assert.True(service.GetProperty("odds_ratio").GetDouble() > 1, "more service calls should raise churn odds");
    }

    [Fact]
    public void Evaluate_OnTrainingFile_MatchesTrainingAuc()
    {
        using var temp = new TempFolder();
        var train = CliRun.Of("train", "--data", BigMl, "--label", "Churn", "--positive", "True",
            "--exclude", "State,Area code", "--out", temp.File("m.json"), "--json");
        var evaluate = CliRun.Of("evaluate", "--model", temp.File("m.json"), "--data", BigMl, "--json");

        Assert.Equal(0, evaluate.ExitCode);
        var metrics = evaluate.Json();
        Assert.Equal(2666, metrics.GetProperty("n").GetInt32());
        Assert.Equal(388, metrics.GetProperty("positives").GetInt32());
        Assert.Equal(train.Json().GetProperty("train_auc").GetDouble(), metrics.GetProperty("auc").GetDouble(), 12);
        foreach (var key in new[] { "accuracy", "precision", "recall", "f1", "log_loss", "brier", "threshold" })
            Assert.True(metrics.TryGetProperty(key, out _), key);
    }

    [Fact]
    public void Predict_RawRowsWithCaseStudyModel_MatchesTrainingProbabilities()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, CliRun.Of("train", "--data", Raw, "--recipe", "case-study", "--out", temp.File("m.json")).ExitCode);
        var run = CliRun.Of("predict", "--model", temp.File("m.json"), "--data", Raw, "--out", temp.File("scored.csv"));

        Assert.Equal(0, run.ExitCode);
        var lines = File.ReadAllLines(temp.File("scored.csv"));
        Assert.Equal("mobile_number,churn_probability,churn_prediction,segment,in_training_population", lines[0]);
        Assert.Equal(1001, lines.Length);
        var scored = lines.Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => f[0], f => double.Parse(f[1], CultureInfo.InvariantCulture));
        // The model was fitted on the 300 high-value customers; the other 700 are flagged, and the user is told.
        Assert.Equal(300, lines.Skip(1).Count(l => l.EndsWith(",1", StringComparison.Ordinal)));
        Assert.Contains("700 of 1000 rows are outside the population the model was trained on", run.Error);
        // The rule is printed as a person would write it, not as a binary double (366.5999999999999).
        Assert.Contains(">= 366.6 (70th percentile", run.Error);

        // The streaming path (raw columns, derived features per row) equals the table path used in training.
        var model = ModelFile.Load(temp.File("m.json"));
        var data = TelecomRecipes.CaseStudyData(Raw);
        var expected = model.PredictProbabilities(data.Table, out _);
        var ids = data.Table.Numeric("mobile_number").Values;
        Assert.Equal(300, ids.Length);
        for (var i = 0; i < ids.Length; i++)
            Assert.Equal(expected[i], scored[ids[i].ToString("R", CultureInfo.InvariantCulture)], 12);
    }

    [Fact]
    public void Predict_Rank_SortsRiskiestFirst()
    {
        using var temp = new TempFolder();
        CliRun.Of("train", "--data", BigMl, "--label", "Churn", "--positive", "True", "--exclude", "State,Area code", "--out", temp.File("m.json"));
        var run = CliRun.Of("predict", "--model", temp.File("m.json"), "--data", BigMl, "--out", temp.File("s.csv"), "--rank");

        Assert.Equal(0, run.ExitCode);
        var probabilities = File.ReadAllLines(temp.File("s.csv")).Skip(1)
            .Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(2666, probabilities.Length);
        Assert.Equal(probabilities.OrderByDescending(p => p), probabilities);
    }

    [Fact]
    [Trait("Kind", "Golden")]
    public void Segment_SeedTable_InertiaAtMostScikitLearns()
    {
        var run = CliRun.Of("segment", "--data", Seed, "--features", "aon,total_mou,total_data_usage", "--k", "4", "--n-init", "10", "--seed", "42", "--json");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        using var golden = JsonDocument.Parse(File.ReadAllText(TestPaths.Golden("kmeans_seed_table.json")));
        var reference = golden.RootElement.GetProperty("inertia").GetDouble();
        Assert.True(json.GetProperty("inertia").GetDouble() <= reference * (1 + 1e-6));
        Assert.Equal(99999, json.GetProperty("sizes").EnumerateArray().Sum(e => e.GetInt32()));
        Assert.Equal(4, json.GetProperty("centers_original_units").GetArrayLength());
    }

    [Fact]
    public void TrainSeedProxy_RawRows_ReproducesOriginalFeatures()
    {
        var data = TelecomRecipes.SeedProxyData(Raw);
        var seed = SeedProxy.LoadSeedTable(Seed);
        foreach (var name in new[] { "aon", "total_mou", "total_data_usage" })
        {
            var ours = data.Table.Numeric(name).Values;
            var theirs = seed.Numeric(name).Values;
            var mismatches = Enumerable.Range(0, 1000).Count(i => Math.Abs(ours[i] - theirs[i]) > 1e-12 * Math.Max(1, Math.Abs(theirs[i])));
            Assert.Equal(0, mismatches);
        }
        var churn = seed.Numeric("churn").Values;
        Assert.Equal(churn.Take(1000), data.Labels.ToArray());
    }

    [Fact]
    public void Train_VeryLongCategory_TablePrintsItShortened_ModelKeepsItWhole()
    {
        using var temp = new TempFolder();
        var level = "L" + new string('x', 5000) + "-end";
        var rows = Enumerable.Range(0, 60).Select(i => string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0},{1},{2}",
            i % 3 == 0 ? "yes" : "no", (i * 7) % 13, i % 4 == 0 ? level : "gold"));
        var data = temp.Write("long.csv", "churned,calls,plan\n" + string.Join("\n", rows) + "\n");
        var run = CliRun.Of("train", "--data", data, "--label", "churned", "--positive", "yes", "--out", temp.File("m.json"));
        Assert.True(run.ExitCode == 0, run.Error);
        // A review: one 2,000,000-character category padded every line of the table to 2 MB.
        Assert.All(run.Out.Split('\n'), line => Assert.True(line.Length < 300, line.Length + " characters"));
        Assert.Contains("gold vs Lxxx", run.Out); // the long level is the reference
        Assert.Contains("\u2026" + new string('x', 13) + "-end", run.Out); // start and end kept: 48 characters
        Assert.Contains(level, File.ReadAllText(temp.File("m.json"))); // the model keeps the whole category
    }

    [Theory]
    [InlineData("--cv", "--cv 1 gives a single fold")]
    [InlineData("--segments", "--segments 1 gives a single segment")]
    public void Train_CountOfOne_RefusedInTheFlagsOwnWords(string flag, string message)
    {
        using var temp = new TempFolder();
        var run = CliRun.Of("train", "--data", BigMl, "--label", "Churn", "--positive", "True", flag, "1", "--out", temp.File("m.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.DoesNotContain("CrossValidationFolds", run.Error); // the option's name in code, which a CLI user never typed
    }

    [Fact]
    public void Evaluate_TrainingRowsInOtherBytes_StillFlaggedInSample_OtherRowsNot()
    {
        using var temp = new TempFolder();
        TrainDefaultModel(temp);
        // A review: a CRLF copy of the training file gave in_sample false and no warning, its AUC equal to training's.
        var lines = File.ReadAllLines(BigMl);
        var crlf = temp.Write("crlf.csv", string.Join("\r\n", lines) + "\r\n");
        var copy = CliRun.Of("evaluate", "--model", temp.File("m.json"), "--data", crlf, "--json");
        Assert.True(copy.Json().GetProperty("in_sample").GetBoolean());
        Assert.Contains("these rows score exactly as the model's training rows", copy.Error);

        // One value changed in one row: other rows, not flagged.
        var cells = lines[7].Split(',');
        var minutes = Array.IndexOf(lines[0].Split(','), "Total day minutes");
        cells[minutes] = "1.5";
        lines[7] = string.Join(",", cells);
        var changed = CliRun.Of("evaluate", "--model", temp.File("m.json"), "--data", temp.Write("changed.csv", string.Join("\n", lines) + "\n"), "--json");
        Assert.False(changed.Json().GetProperty("in_sample").GetBoolean());
        Assert.DoesNotContain("in-sample", changed.Error);
    }

    [Fact]
    public void Evaluate_ThirdLabelValue_WarnsItCountsAsNotChurn_AsTrainDoes()
    {
        using var temp = new TempFolder();
        TrainDefaultModel(temp);
        // Every 10th label "Unknown": a review found evaluate counted those 267 rows as negatives without a word.
        var lines = File.ReadAllLines(BigMl);
        var churn = lines[0].Split(',').ToList().IndexOf("Churn");
        for (var i = 10; i < lines.Length; i += 10)
        {
            var cells = lines[i].Split(',');
            cells[churn] = "Unknown";
            lines[i] = string.Join(",", cells);
        }
        var data = temp.Write("unknown.csv", string.Join("\n", lines) + "\n");
        var evaluate = CliRun.Of("evaluate", "--model", temp.File("m.json"), "--data", data, "--json");
        Assert.Equal(0, evaluate.ExitCode);
        Assert.Contains("Label 'Churn' has 3 distinct values ('False', 'True', 'Unknown'); every value other than 'True' is class 0.", evaluate.Error);
        Assert.DoesNotContain("distinct values", CliRun.Of("evaluate", "--model", temp.File("m.json"), "--data", BigMl).Error);
    }

    [Fact]
    public void Evaluate_CaseStudyModelOnRawFile_RebuildsLabelWithTheRecipe()
    {
        using var temp = new TempFolder();
        var train = CliRun.Of("train", "--data", Raw, "--recipe", "case-study", "--out", temp.File("m.json"), "--json");
        var run = CliRun.Of("evaluate", "--model", temp.File("m.json"), "--data", Raw, "--json");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal(300, json.GetProperty("n").GetInt32());
        Assert.Equal(31, json.GetProperty("positives").GetInt32());
        Assert.Equal(train.Json().GetProperty("train_auc").GetDouble(), json.GetProperty("auc").GetDouble(), 12);
    }

    [Fact]
    public void Predict_BlankAndUnseenValues_ScoredAndCountedInWarnings()
    {
        using var temp = new TempFolder();
        CliRun.Of("train", "--data", BigMl, "--label", "Churn", "--positive", "True", "--exclude", "State,Area code", "--out", temp.File("m.json"));
        var lines = File.ReadAllLines(BigMl);
        var header = lines[0].Split(',');
        var plan = Array.IndexOf(header, "International plan");
        var messages = Array.IndexOf(header, "Number vmail messages");
        var edited = lines.Select((line, i) =>
        {
            if (i == 0 || i > 10) return line;
            var f = line.Split(',');
            f[plan] = "Maybe";
            f[messages] = "";
            return string.Join(",", f);
        });
        var data = temp.Write("edited.csv", string.Join("\n", edited) + "\n");

        var run = CliRun.Of("predict", "--model", temp.File("m.json"), "--data", data, "--out", temp.File("s.csv"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("'International plan': 10 of 2666 rows blank or a category not seen in training, scored as the reference category 'No'", run.Error);
        Assert.Contains("'Number vmail messages': 10 of 2666 rows blank, scored with the training median", run.Error);
        Assert.False(File.Exists(temp.File("s.csv.tmp")));
    }

    [Fact]
    public void Predict_FailureMidFile_LeavesNoPartialOutput()
    {
        using var temp = new TempFolder();
        CliRun.Of("train", "--data", BigMl, "--label", "Churn", "--positive", "True", "--exclude", "State,Area code", "--out", temp.File("m.json"));
        var lines = File.ReadAllLines(BigMl).ToList();
        var fields = lines[5].Split(',');
        fields[1] = "abc"; // Account length
        lines[5] = string.Join(",", fields);
        var data = temp.Write("bad.csv", string.Join("\n", lines) + "\n");

        var run = CliRun.Of("predict", "--model", temp.File("m.json"), "--data", data, "--out", temp.File("s.csv"));

        Assert.Equal(CommandRunner.BadInput, run.ExitCode);
        Assert.Contains("abc", run.Error);
        Assert.False(File.Exists(temp.File("s.csv")));
        Assert.False(File.Exists(temp.File("s.csv.tmp")));
    }

    public static TheoryData<string, string[], string[]> BadInputs()
    {
        return new TheoryData<string, string[], string[]>
        {
            { "missing file", ["train", "--data", "no/such/file.csv", "--label", "Churn", "--positive", "True", "--out", "{out}"], ["no/such/file.csv"] },
            { "wrong label", ["train", "--data", BigMl, "--label", "Churned", "--positive", "True", "--out", "{out}"], ["Churned", "Churn"] },
            { "unknown positive", ["train", "--data", BigMl, "--label", "Churn", "--positive", "Yes", "--out", "{out}"], ["Yes", "True", "False"] },
            { "single class", ["train", "--data", "{single}", "--label", "Churn", "--positive", "True", "--out", "{out}"], ["one class"] },
            { "empty file", ["train", "--data", "{empty}", "--label", "Churn", "--positive", "True", "--out", "{out}"], ["{empty}"] },
            { "ragged rows", ["train", "--data", "{ragged}", "--label", "Churn", "--positive", "True", "--out", "{out}"], ["row 2", "fields"] },
            { "text in numeric column", ["train", "--data", "{text}", "--label", "Churn", "--positive", "True", "--features", "x", "--out", "{out}"], ["row 2", "'x'", "abc"] },
            { "unknown option", ["train", "--data", BigMl, "--lable", "Churn"], ["--lable", "--label"] },
            { "bad number", ["segment", "--data", Seed, "--features", "aon", "--k", "four"], ["--k", "four"] },
            { "unknown verb", ["trian"], ["trian"] },
            { "missing model", ["predict", "--model", "{out}", "--data", BigMl, "--out", "{out}.csv"], ["does not exist"] },
            { "k above rows", ["segment", "--data", "{single}", "--features", "x", "--k", "9"], ["9"] },
            { "out overwrites data", ["train", "--data", "{copy}", "--label", "Churn", "--positive", "True", "--out", "{copy}"], ["--out", "same file as --data"] },
            { "out overwrites model", ["predict", "--model", "{copy}", "--data", BigMl, "--out", "{copy}"], ["same file as --model"] },
            { "cv above minority", ["train", "--data", "{few}", "--label", "Churn", "--positive", "True", "--cv", "5", "--out", "{out}"], ["5-fold", "only 3 rows"] },
            { "huge values", ["train", "--data", "{huge}", "--label", "Churn", "--positive", "True", "--out", "{out}"], ["'x'", "1E+300", "too large"] },
            { "header only", ["predict", "--model", "{model}", "--data", "{headeronly}", "--out", "{out}.csv"], ["no data rows"] },
            { "option out of range", ["train", "--data", BigMl, "--label", "Churn", "--positive", "True", "--segments", "1", "--out", "{out}"], ["--segments 1 gives a single segment"] },
        };
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInput_ExitsTwoWithOneClearMessage(string scenario, string[] args, string[] expectedInMessage)
    {
        using var temp = new TempFolder();
        var files = new Dictionary<string, string>
        {
            ["{out}"] = temp.File("model.json"),
            ["{single}"] = temp.Write("single.csv", "x,Churn\n" + string.Concat(Enumerable.Range(0, 5).Select(i => i + ",True\n"))),
            ["{empty}"] = temp.Write("empty.csv", ""),
            ["{ragged}"] = temp.Write("ragged.csv", "x,Churn\n1,True\n2,False,extra\n3,True\n"),
            ["{text}"] = temp.Write("text.csv", "x,Churn\n1,True\nabc,False\n3,True\n"),
            ["{copy}"] = temp.Write("copy.csv", File.ReadAllText(BigMl)),
            ["{few}"] = temp.Write("few.csv", "x,Churn\n" + string.Concat(Enumerable.Range(0, 20).Select(i => (i % 7) + (i < 3 ? ",True\n" : ",False\n")))),
            ["{huge}"] = temp.Write("huge.csv", "x,z,Churn\n" + string.Concat(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? "1e300" : "-1e300") + "," + i + (i % 3 == 0 ? ",True\n" : ",False\n")))),
            ["{headeronly}"] = temp.Write("headeronly.csv", File.ReadLines(BigMl).First() + "\n"),
        };
        if (args.Contains("{model}"))
        {
            files["{model}"] = temp.File("bigml.json");
            Assert.Equal(0, CliRun.Of("train", "--data", BigMl, "--label", "Churn", "--positive", "True", "--exclude", "State,Area code", "--out", files["{model}"]).ExitCode);
        }
        string Fill(string s) => files.Aggregate(s, (acc, kv) => acc.Replace(kv.Key, kv.Value));

        var run = CliRun.Of(args.Select(Fill).ToArray());

        Assert.True(run.ExitCode == CommandRunner.BadInput, scenario + ": exit " + run.ExitCode + "\n" + run.Error);
        Assert.StartsWith("error: ", run.Error.Split('\n').Last(l => l.Length > 0));
        Assert.DoesNotContain("   at ", run.Error); // no stack trace
        Assert.DoesNotContain("(Parameter '", run.Error);
        Assert.DoesNotContain("Actual value was", run.Error);
        foreach (var expected in expectedInMessage)
            Assert.Contains(Fill(expected), run.Error);
        Assert.False(File.Exists(temp.File("model.json")), scenario + ": no model file on failure");
        if (files.ContainsKey("{copy}")) Assert.Equal(File.ReadAllText(BigMl), File.ReadAllText(files["{copy}"])); // the input survives
    }
}
