namespace Churn.Experiments.Commands;

/// <summary>`churn train`: any labelled CSV to a model file, a coefficient table and metrics.</summary>
public static class TrainCommand
{
    public static Verb Verb { get; } = new("train", "fit a churn model on any labelled CSV and write it as one JSON model file",
    [
        VerbOption.Value("data", "FILE", "labelled CSV (or the raw telecom file with --recipe); needed unless --source"),
        VerbOption.Source("fitted by SQL aggregates (Newton)"),
        .. VerbOption.SourceTableOrQuery,
        VerbOption.Value("id", "COL", "with --source: the integer row key the --cv folds hash (default: the row's position); never a feature"),
        VerbOption.Value("label", "COL", "the label column (needed unless --recipe)"),
        VerbOption.Value("positive", "VALUE", "the label value that means churn (needed unless --recipe)"),
        VerbOption.Value("recipe", "NAME", "build label and features from the raw telecom file: seed-proxy or case-study"),
        VerbOption.Value("exclude", "a,b", "columns never used as features, comma-separated"),
        VerbOption.Value("features", "a,b", "use only these columns as features, comma-separated"),
        VerbOption.Value("na", "NA,?", "extra cell texts that mean missing, comma-separated"),
        VerbOption.Value("max-categories", "N", "most categories a text column may have before it is excluded", "50"),
        VerbOption.Value("C", "C", "inverse L2 penalty strength (as scikit-learn's C)", "1"),
        VerbOption.Flag("no-penalty", "unpenalised fit: standard errors, z, p, 95% CI, odds ratios"),
        VerbOption.Value("solver", "NAME", "newton or lbfgs", "newton"),
        VerbOption.Flag("balanced", "weight classes inversely to their frequency"),
        VerbOption.Value("max-iter", "N", "most solver iterations", "100"),
        VerbOption.Value("segments", "K", "add a KMeans usage segment with K clusters as a one-hot feature (0: none)", "0"),
        VerbOption.Value("segment-features", "a,b", "numeric columns the segments are built from"),
        VerbOption.Value("cv", "FOLDS", "stratified cross-validation folds (0: none)", "0"),
        VerbOption.Value("seed", "S", "random seed for folds and segments", "42"),
        VerbOption.Value("threshold", "P", "probability at or above which a customer is predicted to churn", "0.5"),
        VerbOption.Value("model", "KIND", "linear, sparse (= --penalty l1 --lambda 1se), additive or additive-pairs", "linear"),
        VerbOption.Value("penalty", "NAME", "l2 or none (linear); l1 or elasticnet (sparse)"),
        VerbOption.Value("l1-ratio", "A", "glmnet's alpha for --penalty elasticnet, in (0, 1]", "0.5"),
        VerbOption.Value("lambda", "min|1se|VALUE", "sparse: lambda.min or lambda.1se of the path CV, or a fixed lambda (no path CV)", "1se"),
        VerbOption.Value("cv-measure", "NAME", "what the sparse path CV optimises: deviance (glmnet's default) or auc", "deviance"),
        VerbOption.Value("interactions", "N|auto", "pairwise interactions kept by --model additive-pairs"),
        VerbOption.Required("out", "FILE", "model file to write"),
        VerbOption.Decimal,
        VerbOption.Json,
    ], Run);

    public static int Run(CommandLine cl, CommandConsole console)
    {
        var sources = cl.Sources();
        if (sources.Count == 0 && cl.Has("id")) throw new UsageException("--id goes with --source (the row key of the engine's cross-validation folds).");
        var path = sources.Count == 0 ? cl.Required("data") : null;
        var output = cl.Required("out");
        if (cl.Has("no-penalty") && cl.Has("C")) throw new UsageException("give either --C or --no-penalty, not both.");
        var (kind, penalty) = KindAndPenalty(cl);
        var options = new ChurnTrainingOptions
        {
            Kind = kind,
            C = cl.Double("C"),
            Penalty = penalty,
            L1Ratio = penalty == Penalty.ElasticNet ? cl.Double("l1-ratio") : 1.0,
            Lambda = LambdaSelection.Parse(cl.Required("lambda")),
            PathMeasure = cl.Required("cv-measure") switch
            {
                "deviance" => PathMeasure.Deviance,
                "auc" => PathMeasure.Auc,
                var m => throw new UsageException("--cv-measure must be deviance or auc, got '" + m + "'."),
            },
            Interactions = cl.Optional("interactions") is { } pairs ? ParseInteractions(pairs) : null,
            Solver = cl.Required("solver") switch
            {
                "newton" => LogisticSolver.Newton,
                "lbfgs" => LogisticSolver.Lbfgs,
                var s => throw new UsageException("--solver must be newton or lbfgs, got '" + s + "'."),
            },
            ClassWeight = cl.Has("balanced") ? ClassWeighting.Balanced : ClassWeighting.None,
            Segments = cl.NoneOrAtLeastTwo("segments", "segment"),
            SegmentFeatures = cl.List("segment-features"),
            CrossValidationFolds = cl.NoneOrAtLeastTwo("cv", "fold (every row in it, none left to fit on)"),
            Seed = cl.Int("seed"),
            Threshold = cl.Double("threshold"),
            MaxIterations = cl.Int("max-iter", 1),
        };
        options.Validate();
        // Refused now, not after the fit.
        using var modelFile = path is null ? AtomicFile.Create(output, "--out") : AtomicFile.Create(output, "--out", ("--data", path));

        var result = sources.Count == 0 ? TrainInMemory(cl, path!, options, console) : TrainInEngine(cl, sources, output, options, console);
        console.Progress("writing the model");
        ModelFile.Save(result.Model, modelFile);
        console.Progress("model written to " + output);

        var model = result.Model;
        var rows = model.Training.Rows;
        var positives = model.Training.Positives;
        if (cl.Has("json"))
        {
            JsonOutput.Write(console.Out, new
            {
                model = output,
                rows,
                positives,
                features = model.ColumnNames,
                dropped_columns = result.DroppedColumns,
                converged = model.Training.Converged,
                iterations = model.Training.Iterations,
                stop_reason = model.Training.StopReason,
                model_kind = model.Training.ModelKind,
                penalty = model.Training.Penalty,
                c = model.Training.C,
                lambda = model.Training.Lambda,
                l1_ratio = model.Training.L1Ratio,
                features_used = model.FeaturesUsed,
                terms = model.Shapes.Count == 0 ? null : model.Shapes.Select(t => new { term = t.Term, edf = t.EffectiveDf, importance = t.Importance }),
                terms_kept_linear = model.Basis?.Terms.OfType<Churn.Algorithms.Additive.LinearTerm>().Select(t => t.Name).ToList(),
                coefficients = model.Coefficients,
                train_auc = model.Metrics["train_auc"],
                train_accuracy = model.Metrics["train_accuracy"],
                cv_auc_mean = result.CrossValidation?.Mean,
                cv_auc_sd = result.CrossValidation?.StandardDeviation,
                cv_fold_aucs = result.CrossValidation?.FoldAucs,
                segments = model.Segments?.Names,
                warnings = result.Warnings,
            });
            return CommandRunner.Ok;
        }
        var o = console.Out;
        if (result.Path is { } selection)
        {
            SparseReport.Write(o, output, rows, positives, model, selection);
            WriteCrossValidation(o, result.CrossValidation);
            return CommandRunner.Ok;
        }
        if (model.Basis is not null)
        {
            AdditiveReport.Write(o, output, rows, positives, model);
            WriteCrossValidation(o, result.CrossValidation);
            return CommandRunner.Ok;
        }
        o.WriteLine(string.Format(CultureInfo.InvariantCulture, "model: {0}  ({1} rows, {2} positive; penalty {3}{4}; {5} after {6} iterations)",
            output, rows, positives, model.Training.Penalty,
            model.Training.Penalty == "L2" ? ", C=" + model.Training.C.ToString("G", CultureInfo.InvariantCulture) : "",
            model.Training.Converged ? "converged" : "NOT converged", model.Training.Iterations));
        o.WriteLine();
        WriteCoefficients(o, model.Coefficients, model.Training);
        o.WriteLine();
        o.WriteLine(string.Format(CultureInfo.InvariantCulture, "training AUC {0:F4}, accuracy {1:F4} (optimistic: measured on the training rows)",
            model.Metrics["train_auc"], model.Metrics["train_accuracy"]));
        WriteCrossValidation(o, result.CrossValidation);
        return CommandRunner.Ok;
    }

    private static TrainingResult TrainInMemory(CommandLine cl, string path, ChurnTrainingOptions options, CommandConsole console)
    {
        console.Progress("reading " + path);
        TrainingData data;
        if (cl.Optional("recipe") is { } recipe)
        {
            if (cl.Has("label") || cl.Has("positive") || cl.Has("features") || cl.Has("exclude"))
                throw new UsageException("--recipe builds the label and features itself; drop --label/--positive/--features/--exclude.");
            if (!TelecomRecipes.Names.Contains(recipe))
                throw new UsageException("--recipe must be one of " + string.Join(", ", TelecomRecipes.Names) + ", got '" + recipe + "'.");
            data = TelecomRecipes.Build(recipe, path, new CsvReadOptions { MissingTokens = cl.List("na"), DecimalSeparator = cl.Decimal() });
        }
        else
        {
            if (!cl.Has("label")) throw new UsageException("'train' needs --label COL and --positive VALUE (or --recipe seed-proxy|case-study for the raw telecom file).");
            data = TrainingDataLoader.Load(path, cl.Required("label"), cl.Required("positive"), cl.List("exclude"),
                cl.Has("features") ? cl.List("features") : null, cl.List("na"), cl.Int("max-categories", 2), cl.Decimal());
        }
        foreach (var w in data.Warnings) console.Warn(w);
        var positives = data.Positives;
        console.Progress(string.Format(CultureInfo.InvariantCulture, "{0} rows, {1} positive ({2:P2}); {3} numeric and {4} text features",
            data.Table.RowCount, positives, (double)positives / data.Table.RowCount, data.NumericColumns.Count, data.CategoricalColumns.Count));

        var result = ChurnTrainer.Train(data, options, Provenance.CodeVersion, console.ProgressReporter());
        foreach (var w in result.Warnings.Skip(data.Warnings.Count)) console.Warn(w);
        return result;
    }

    /// <summary>Training with the rows left in SQL engines (one or several shards): one aggregate query per shard and step.</summary>
    private static TrainingResult TrainInEngine(CommandLine cl, IReadOnlyList<string> sources, string output, ChurnTrainingOptions options, CommandConsole console)
    {
        if (cl.Has("recipe")) throw new UsageException("--recipe reads the raw telecom CSV with --data; it does not combine with --source.");
        if (!cl.Has("label")) throw new UsageException("'train --source' needs --label COL and --positive VALUE.");
        if (options.Kind is not (ModelKind.Linear or ModelKind.Sparse))
            throw new UsageException("--source trains the linear and sparse models only so far; --model " + options.Kind.Name() + " needs --data FILE.");
        using var table = cl.OpenSources(sources);
        foreach (var shard in table.Shards)
            if (shard.File is not null) AtomicFile.CheckTarget(output, "--out", ("--source", shard.File));
        var request = new Sql.SqlTrainingRequest(cl.Required("label"), cl.Required("positive"), cl.List("exclude"),
            cl.Has("features") ? cl.List("features") : null, cl.Int("max-categories", 2), cl.Optional("id"));
        var result = Sql.SqlChurnTrainer.Train(table, request, options, Provenance.CodeVersion, console.ProgressReporter());
        foreach (var w in result.Warnings) console.Warn(w);
        return result;
    }

    private static void WriteCrossValidation(TextWriter o, CrossValidationResult? cv)
    {
        if (cv is not null)
            o.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}-fold stratified CV AUC {1:F4} +- {2:F4} (SD over folds)",
                cv.FoldAucs.Count, cv.Mean, cv.StandardDeviation));
    }

    /// <summary>
    /// --model and --penalty together: sparse means --penalty l1 (or elasticnet); an L1 or elastic-net
    /// penalty without --model means sparse; the linear model takes l2 or none.
    /// </summary>
    private static (ModelKind Kind, Penalty Penalty) KindAndPenalty(CommandLine cl)
    {
        Penalty? penalty = cl.Optional("penalty") switch
        {
            null => null,
            "l2" => Penalty.L2,
            "l1" => Penalty.L1,
            "elasticnet" => Penalty.ElasticNet,
            "none" => Penalty.None,
            var p => throw new UsageException("--penalty must be l2, l1, elasticnet or none, got '" + p + "'."),
        };
        if (cl.Has("no-penalty"))
        {
            if (penalty is not (null or Penalty.None)) throw new UsageException("give either --penalty or --no-penalty, not both.");
            penalty = Penalty.None;
        }
        var sparsePenalty = penalty is Penalty.L1 or Penalty.ElasticNet;
        var name = cl.Required("model");
        if (!ModelKinds.Names.Contains(name))
            throw new UsageException("--model must be one of " + string.Join(", ", ModelKinds.Names) + ", got '" + name + "'.");
        var kind = cl.Has("model") ? ModelKinds.Parse(name) : sparsePenalty ? ModelKind.Sparse : ModelKind.Linear;
        if (kind == ModelKind.Linear && sparsePenalty)
            throw new UsageException("--penalty " + cl.Optional("penalty") + " fits a sparse model: use --model sparse (or drop --model linear).");
        if (kind == ModelKind.Sparse && penalty is Penalty.L2 or Penalty.None)
            throw new UsageException("--model sparse takes --penalty l1 or elasticnet, got '" + cl.Optional("penalty") + "'.");
        if (kind == ModelKind.Sparse && (cl.Has("C") || cl.Has("solver")))
            throw new UsageException("--C and --solver belong to the linear model; a sparse model's strength is --lambda min|1se|VALUE.");
        if (kind == ModelKind.Linear && (cl.Has("lambda") || cl.Has("cv-measure")))
            throw new UsageException("--lambda and --cv-measure need a penalised path: use --model sparse (the linear model's strength is --C).");
        if (cl.Has("l1-ratio") && penalty != Penalty.ElasticNet)
            throw new UsageException("--l1-ratio goes with --penalty elasticnet.");
        if (kind is ModelKind.Additive or ModelKind.AdditivePairs && (cl.Has("penalty") || cl.Has("C") || cl.Has("solver") || cl.Has("lambda") || cl.Has("no-penalty")))
            throw new UsageException("--penalty, --C, --solver and --lambda belong to the linear and sparse models; an additive model chooses its smoothing by cross-validation.");
        if (cl.Has("interactions") && kind != ModelKind.AdditivePairs)
            throw new UsageException("--interactions goes with --model additive-pairs.");
        return (kind, penalty ?? (kind == ModelKind.Sparse ? Penalty.L1 : Penalty.L2));
    }

    /// <summary>"auto" (null: chosen by cross-validation) or a count >= 0.</summary>
    private static int? ParseInteractions(string text)
    {
        if (text == "auto") return null;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw new UsageException("--interactions must be auto or a whole number >= 0, got '" + text + "'.");
        return count;
    }

    /// <summary>
    /// The console coefficient table: every odds ratio says what it compares (per SD of a numeric column,
    /// the category against its reference for a 0/1 column), and a '-' in the statistics has a footnote.
    /// </summary>
    public static void WriteCoefficients(TextWriter o, IReadOnlyList<CoefficientRow> rows, TrainingInfo training)
    {
        static string F(double? v, string format)
        {
            if (v is not { } x) return "-";
            var text = x.ToString(format, CultureInfo.InvariantCulture);
            // A tiny negative estimate prints as 0.0000, not "-0.0000".
            return text.StartsWith('-') && text.AsSpan(1).Trim("0.").IsEmpty ? text[1..] : text;
        }
        static string Interval(CoefficientRow r) =>
            r.Lower95 is { } lo && r.Upper95 is { } hi ? F(lo, "F4") + " to " + F(hi, "F4") : "-";
        var width = Math.Max(12, rows.Max(r => TableText.Name(r.Name).Length));
        var intervalWidth = Math.Max(16, rows.Max(r => Interval(r).Length));
        var header = string.Format(CultureInfo.InvariantCulture, "{0}  {1,13}  {2,9}  {3,8}  {4,10}  {5}  {6,10}  {7}",
            "term".PadRight(width), "coef (per SD)", "std err", "z", "p", "95% CI (coef)".PadLeft(intervalWidth), "odds ratio", "odds ratio is");
        o.WriteLine(header);
        foreach (var r in rows)
            o.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}  {1,13}  {2,9}  {3,8}  {4,10}  {5}  {6,10}  {7}",
                TableText.Name(r.Name).PadRight(width), F(r.Coefficient, "F4"), F(r.StandardError, "F4"), F(r.Z, "F2"), F(r.PValue, "G3"),
                Interval(r).PadLeft(intervalWidth), F(CoefficientTable.ReadableOddsRatio(r), "F4"), TableText.Name(CoefficientTable.OddsRatioMeaning(r))));
        if (rows.Any(r => r.StandardError is null))
            o.WriteLine(training.Penalty == "None"
                ? "'-': standard errors are not available for this fit (see the warnings above: separation or a singular Hessian)."
                : training.Penalty is "L1" or "ElasticNet"
                ? "'-': no standard errors or p-values for a penalised, selected fit: lambda and the columns were chosen from these same rows, "
                  + "so Wald tests would be overconfident (post-selection inference), and the coefficients are shrunk towards 0."
                : string.Format(CultureInfo.InvariantCulture,
                    "'-': no standard errors, p-values or intervals for a penalised fit (L2, C={0}): the penalty biases the estimates, "
                    + "so Wald statistics would claim a precision they do not have; train with --no-penalty for them.",
                    training.C.ToString("G", CultureInfo.InvariantCulture)));
        var intercept = rows[0];
        o.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "coefficients are per SD of each model column; the intercept is the log-odds of the average customer ({0} on the raw columns, see per_unit in --json).",
            F(intercept.PerUnit, "F4")));
    }
}
