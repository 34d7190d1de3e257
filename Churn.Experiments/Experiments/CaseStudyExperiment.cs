using Churn.Algorithms.Metrics;

namespace Churn.Experiments.Experiments;

/// <summary>
/// The standard "Telecom Churn Case Study" definition on the 1,000 shipped raw rows:
/// <see cref="TelecomCleaner"/> -> <see cref="HighValueFilter"/> (mean recharge of months 6/7 at or above
/// its 70th percentile) -> <see cref="ChurnTagging"/> (no calls and no data in month 9) -> month 9 dropped ->
/// <see cref="CaseStudyFeatures"/> (months 6-8 plus month-8 change features) -> <see cref="LeakageCheck"/> ->
/// L2 logistic regression on standardised features (<see cref="ChurnTrainer"/>), scored by stratified
/// 5-fold cross-validated AUC for each C in <see cref="PenaltyStrengths"/>, repeated over
/// <see cref="Repeats"/> fold seeds (seed, seed+1, ...), with a stratified bootstrap interval
/// (<see cref="BootstrapAuc"/>) on the out-of-fold predictions of the first repeat.
/// </summary>
public sealed class CaseStudyExperiment() : Experiment<CaseStudyResult>("case-study", "Case study: high-value customer churn (month-9 definition) on the first 1,000 raw rows")
{
    /// <summary>Inverse L2 strengths compared (scikit-learn's C); the first is the brief's default C = 1.</summary>
    public IReadOnlyList<double> PenaltyStrengths { get; init; } = [1.0, 0.1];

    /// <summary>Repetitions of 5-fold CV with fold seeds seed, seed+1, ...; the first gives the per-fold table and curves.</summary>
    public int Repeats { get; init; } = 20;

    public int Folds { get; init; } = 5;

    public int BootstrapResamples { get; init; } = 2000;

    /// <summary>Rows of the coefficient table and chart.</summary>
    public int TopCoefficients { get; init; } = 15;

    public const string DataFile = "telecom_churn_data_head1000.csv";

    /// <summary>The comparison of every kind (shared with the models experiment) this report picks its model from.</summary>
    public ModelsExperiment Models { get; init; } = new();

    protected override void Write(CaseStudyResult result, Reports.ReportBuilder report) => CaseStudyReport.Write(result, this, report);

    /// <summary>Everything the report says, computed: the funnel from raw rows to HVC, the fits for every C, the missingness.</summary>
    public override CaseStudyResult Compute(ExperimentContext context)
    {
        Algorithms.Guard.AtLeast(Repeats, 1, nameof(Repeats));
        Algorithms.Guard.AtLeast(Folds, 2, nameof(Folds));
        Algorithms.Guard.AtLeast(BootstrapResamples, 1, nameof(BootstrapResamples));
        if (PenaltyStrengths.Count == 0) throw new ArgumentOutOfRangeException(nameof(PenaltyStrengths), "PenaltyStrengths needs at least one C.");

        var path = context.Raw(DataFile);
        context.Progress.Report("reading " + DataFile);
        var raw = CsvTableReader.Read(path);
        var missingness = MissingnessReport.Compute(raw);
        var cleaning = TelecomCleaner.Clean(raw);
        var allChurn = ChurnTagging.Tag(cleaning.Table);
        var hvc = HighValueFilter.Apply(cleaning.Table);
        var (tagged, churn) = ChurnTagging.TagAndDrop(hvc.Table);
        var features = CaseStudyFeatures.Build(tagged);
        // Run explicitly (Build also runs it) so the report can say that the final feature list was checked.
        LeakageCheck.EnsureNoColumnsFromMonth(features.Features.ColumnNames, TelecomSchema.ChurnMonth);
        var month9Features = features.Features.ColumnNames.Count(n => TelecomSchema.MonthOf(n) == TelecomSchema.ChurnMonth);

        var labels = Vector<double>.Build.DenseOfArray(churn);
        var data = new TrainingData(features.Features, features.Features.ColumnNames, [], labels, "churn", "1",
            path, Provenance.Sha256(path), [], [TelecomSchema.IdColumn]);

        var fits = new List<PenaltyFit>();
        foreach (var c in PenaltyStrengths)
        {
            var repeats = new List<TrainingResult>();
            for (var r = 0; r < Repeats; r++)
            {
                context.Progress.Report(string.Format(CultureInfo.InvariantCulture, "C={0}: cross-validation repeat {1}/{2}", c, r + 1, Repeats));
                repeats.Add(ChurnTrainer.Train(data, new ChurnTrainingOptions
                {
                    C = c,
                    Penalty = Penalty.L2,
                    CrossValidationFolds = Folds,
                    Seed = context.Seed + r,
                }, Provenance.CodeVersion));
            }
            var first = repeats[0];
            var oof = Vector<double>.Build.DenseOfEnumerable(first.CrossValidation!.OutOfFoldProbabilities);
            var ci = BootstrapAuc.ConfidenceInterval(labels, oof, BootstrapResamples, 0.95, context.Seed);
            fits.Add(new PenaltyFit(c, first, repeats.Select(t => t.CrossValidation!.Mean).ToArray(), RocCurve.Compute(labels, oof), RocAuc.Compute(labels, oof), ci));
        }

        var comparison = Models.CompareCaseStudy(context);
        return new CaseStudyResult([path], context.Seed, raw.RowCount, raw.ColumnCount, missingness, cleaning, (int)allChurn.Sum(), hvc, (int)labels.Sum(),
            features.Features.ColumnCount, month9Features, fits, PenaltyPreference.Choose(fits), comparison, ReportModelChoice.Choose(comparison.Kinds));
    }
}

/// <summary>Results for one C: the first repeat (folds, out-of-fold ROC, final model) and the repeat means.</summary>
public sealed record PenaltyFit(double C, TrainingResult First, double[] RepeatMeans, RocCurve Roc, double PooledAuc, (double Lower, double Upper) Bootstrap)
{
    public double RepeatedMean => RepeatMeans.Average();

    public double RepeatedSd => RepeatMeans.Length < 2 ? 0 : Math.Sqrt(RepeatMeans.Sum(a => (a - RepeatedMean) * (a - RepeatedMean)) / (RepeatMeans.Length - 1));
}

/// <summary>What <see cref="CaseStudyExperiment"/> computed: numbers, tables and curves, no prose.</summary>
public sealed record CaseStudyResult(
    IReadOnlyList<string> DataFiles,
    int Seed,
    int RawRows,
    int RawColumns,
    MissingnessReport Missingness,
    TelecomCleaningResult Cleaning,
    int AllChurners,
    HighValueResult Hvc,
    int HvcChurners,
    int FeatureColumns,
    int Month9Features,
    IReadOnlyList<PenaltyFit> Fits,
    PenaltyPreference Preference,
    DatasetComparison Comparison,
    ReportModelChoice Choice) : IExperimentResult
{
    public int HvcCount => Hvc.Rows.Length;

    public PenaltyFit Preferred => Preference.Chosen;

    public int ModelColumns => Preferred.First.Model.ColumnNames.Count;
}
