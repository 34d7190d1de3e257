using Churn.Algorithms.Metrics;
using Churn.Experiments.Campaign;

namespace Churn.Experiments.Experiments;

/// <summary>
/// The US telecom churn data with true labels (churn-bigml-80.csv, 2,666 customers), loaded through the
/// generic path (<see cref="TrainingDataLoader.Load"/>; State and Area code excluded).
/// Every model kind cross-validated on the same stratified <see cref="ModelsExperiment.Folds"/>-fold folds by the models experiment
/// (<see cref="ModelsExperiment.CompareBigml"/>, shared), the kind chosen by <see cref="ReportModelChoice"/>
/// (the linear L2 model, C = 1, unless another kind beats it beyond noise); its out-of-fold probabilities give the ROC and precision-recall curves,
/// the reliability diagram (10 equal-width bins) with the Brier score, the cumulative gains/lift table
/// by decile and the retention profit curve. Coefficients with standard errors come from a separate
/// unpenalised fit on all rows after the collinear charge columns are dropped.
/// Expected profit of contacting the k riskiest customers (out-of-fold probability, descending, stable):
/// profit(k) = churners among them x <see cref="CustomerValue"/> x <see cref="RetentionSuccessRate"/> - k x <see cref="OfferCost"/>.
/// </summary>
public sealed class LabelledUsExperiment() : Experiment<LabelledUsResult>("labelled-us", "US telecom churn with true labels (BigML 80% split): accuracy, calibration, drivers and retention targeting")
{
    protected override void Write(LabelledUsResult result, Reports.ReportBuilder report) => LabelledUsReport.Write(result, this, report);

    /// <summary>Everything the report says, computed: the data, the cross-validation, the curves and the unpenalised fit.</summary>
    public override LabelledUsResult Compute(ExperimentContext context)
    {
        Assumptions.Validate(n => n switch { "offer-cost" => nameof(OfferCost), "value" => nameof(CustomerValue), _ => nameof(RetentionSuccessRate) });
        Algorithms.Guard.AtLeast(CalibrationBins, 1, nameof(CalibrationBins));

        var path = context.Raw(DataFile);
        context.Progress.Report("reading " + DataFile);
        var data = TrainingDataLoader.Load(path, "Churn", "True", ExcludedColumns, null);
        var y = data.Labels;
        // For the prose on why State and Area code are left out: their distinct values (the model never reads them).
        var left = CsvTableReader.Read(path, new CsvReadOptions { TextColumns = ExcludedColumns.ToArray() });
        int Distinct(string column) => left.Text(column).Values.OfType<string>().Select(v => v.Trim()).Distinct(StringComparer.Ordinal).Count();
        var (states, areaCodes) = (Distinct("State"), Distinct("Area code"));

        // Every kind on the same folds (shared with the models experiment); the report's curves follow the chosen kind.
        var comparison = Models.CompareBigml(context);
        var choice = ReportModelChoice.Choose(comparison.Kinds);
        var oof = Vector<double>.Build.DenseOfEnumerable(choice.Chosen.OutOfFold);

        context.Progress.Report("fitting the unpenalised model for the coefficient table");
        var unpenalised = ChurnTrainer.Train(data, new ChurnTrainingOptions { Penalty = Penalty.None, Seed = context.Seed }, Provenance.CodeVersion);

        // scikit-learn's level on the same columns, from the committed golden (no Python at run time).
        var goldenPath = context.Golden("cv_bigml.json");
        ScikitLearnLevel reference;
        using (var golden = System.Text.Json.JsonDocument.Parse(File.ReadAllText(goldenPath)))
        {
            var root = golden.RootElement;
            var level = root.GetProperty("cases").GetProperty("charges_dropped");
            reference = new ScikitLearnLevel(level.GetProperty("cv_auc_mean").GetDouble(), root.GetProperty("versions").GetProperty("sklearn").GetString()!,
                root.GetProperty("folds").GetInt32(), level.GetProperty("cv_auc_mean_by_seed").GetArrayLength());
        }

        context.Progress.Report("curves, calibration, gains and profit");
        return new LabelledUsResult(
            [path, goldenPath, context.Golden(ModelsExperiment.BigmlGolden)], context.Seed, data.NumericColumns, data.CategoricalColumns, y.Count, (int)y.Sum(), states, areaCodes,
            comparison, choice, choice.Chosen.Model!.Metrics["train_auc"], reference,
            RocCurve.Compute(y, oof), RocAuc.Compute(y, oof), PrecisionRecallCurve.Compute(y, oof), AveragePrecision.Compute(y, oof),
            BrierScore.Compute(y, oof), Calibration.Reliability(y, oof, CalibrationBins), GainsTable.Compute(y, oof, 10), ProfitCurve(y, oof),
            unpenalised.Model, unpenalised.DroppedColumns, unpenalised.Warnings.Where(w => w.StartsWith("Dropped", StringComparison.Ordinal)).ToList());
    }

    public const string DataFile = "churn-bigml-80.csv";

    /// <summary>Left out of the model: the states would add one sparse indicator each but one; area code does not match the states.</summary>
    public static readonly IReadOnlyList<string> ExcludedColumns = ["State", "Area code"];

    /// <summary>The comparison of every kind this report picks its model from (its folds are the report's folds).</summary>
    public ModelsExperiment Models { get; init; } = new();

    /// <summary>Cost of one retention offer (money units, e.g. USD), paid for every contacted customer.</summary>
    public double OfferCost { get; init; } = 10.0;

    /// <summary>Value of keeping one customer who would have churned (money units, e.g. a few months of margin).</summary>
    public double CustomerValue { get; init; } = 100.0;

    /// <summary>Share of contacted would-be churners that the offer actually keeps.</summary>
    public double RetentionSuccessRate { get; init; } = 0.3;

    public int CalibrationBins { get; init; } = 10;

    /// <summary>Realised profit(k) for k = 0..n: the labels are the outcomes, the out-of-fold probabilities the ranking.</summary>
    public ProfitCurve ProfitCurve(Vector<double> y, Vector<double> probabilities) =>
        Campaign.ProfitCurve.Compute(probabilities.ToArray(), y.ToArray(), Assumptions);

    internal CampaignAssumptions Assumptions => new() { OfferCost = OfferCost, CustomerValue = CustomerValue, SuccessRate = RetentionSuccessRate };

}

/// <summary>What <see cref="LabelledUsExperiment"/> computed: numbers and curves, no prose.</summary>
public sealed record LabelledUsResult(
    IReadOnlyList<string> DataFiles,
    int Seed,
    IReadOnlyList<string> NumericColumns,
    IReadOnlyList<string> CategoricalColumns,
    int Rows,
    int Churners,
    int States,
    int AreaCodes,
    DatasetComparison Comparison,
    ReportModelChoice Choice,
    double TrainAuc,
    ScikitLearnLevel ScikitLearn,
    RocCurve Roc,
    double Auc,
    PrecisionRecallCurve PrecisionRecall,
    double AveragePrecision,
    double Brier,
    IReadOnlyList<CalibrationBin> Reliability,
    IReadOnlyList<GainsRow> Gains,
    ProfitCurve Profit,
    ChurnModel Unpenalised,
    IReadOnlyList<string> DroppedColumns,
    IReadOnlyList<string> DropWarnings) : IExperimentResult
{
    /// <summary>The kind whose out-of-fold probabilities the curves, calibration, gains and profit use.</summary>
    public KindResult Chosen => Choice.Chosen;

    public double ChurnRate => Churners / (double)Rows;

    /// <summary>Brier score of predicting the churn rate for everyone.</summary>
    public double BaseRateBrier => ChurnRate * (1 - ChurnRate);
}

/// <summary>scikit-learn's CV AUC of the linear model from golden_cv.py: its version, folds and how many fold seeds it averages.</summary>
public sealed record ScikitLearnLevel(double CvAucMean, string Version, int Folds, int FoldSeeds);
