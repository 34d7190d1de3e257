using Churn.Algorithms.Metrics;
using Churn.Algorithms.Validation;

namespace Churn.Experiments.Experiments;

/// <summary>
/// Audit of the original project's churn label and model: (a) the proxy rebuilt from the raw rows and
/// compared with the seed table; (b) the original's logistic regression (L2, C = 1, standardised aon,
/// total_mou, total_data_usage and segment as a number, 80/20 stratified split) and what it predicts;
/// (c) one-line rules on the same inputs; (d) why the label leaks. Seeded by the context seed (the split).
/// </summary>
public sealed class ProxyAuditExperiment() : Experiment<ProxyAuditResult>("proxy-audit", "Audit of the original project's proxy churn label and model")
{
    /// <summary>Share of rows held out to test the original's model (its stratified 80/20 split).</summary>
    public const double TestFraction = 0.2;

    private static readonly string[] ModelFeatures = ["aon", "total_mou", "total_data_usage", "segment"];
    private static readonly string[] Compared = ["aon", "total_mou", "total_data_usage"];

    /// <summary>The boundary figure shows every customer with both inputs below this.</summary>
    public const double BoundaryWindow = 25;

    protected override void Write(ProxyAuditResult result, Reports.ReportBuilder report) => ProxyAuditReport.Write(result, report);

    /// <summary>Everything the report says, computed: the rebuilt label, the refitted model, the rules and the leak.</summary>
    public override ProxyAuditResult Compute(ExperimentContext context)
    {
        var seedPath = context.Raw("seed_churn_labeled_data.csv");
        var rawPath = context.Raw("telecom_churn_data_head1000.csv");
        context.Progress.Report("loading the seed table and the raw 1,000 rows");
        var seed = SeedProxy.LoadSeedTable(seedPath);
        var raw = CsvTableReader.Read(rawPath);
        var threshold = SeedProxy.ChurnThreshold;

        // (a) The proxy rebuilt from the raw rows, column by column against the seed table.
        var proxy = SeedProxy.Compute(raw);
        var rows = raw.RowCount;
        var reproduction = new List<ColumnReproduction>();
        foreach (var name in Compared.Append("churn"))
        {
            var ours = name == "churn" ? proxy.Churn : proxy.Features.Numeric(name).Values;
            var theirs = seed.Numeric(name).Values;
            var count = 0;
            var max = 0.0;
            for (var i = 0; i < rows; i++)
            {
                var difference = Math.Abs(ours[i] - theirs[i]);
                max = Math.Max(max, difference);
                // The seed CSV stores sums printed by pandas: allow float rounding, nothing more.
                if (difference > 1e-9 * Math.Max(1, Math.Abs(theirs[i]))) count++;
            }
            reproduction.Add(new ColumnReproduction(name, count, max));
        }
        var tag = ChurnTagging.Tag(raw);
        var crossTab = new LabelCrossTab(
            Enumerable.Range(0, rows).Count(i => tag[i] == 1 && proxy.Churn[i] == 1),
            Enumerable.Range(0, rows).Count(i => tag[i] == 1 && proxy.Churn[i] == 0),
            Enumerable.Range(0, rows).Count(i => tag[i] == 0 && proxy.Churn[i] == 1),
            rows);

        // (b) The original's model.
        context.Progress.Report("fitting the original's logistic regression");
        var y = Vector<double>.Build.DenseOfArray(seed.Numeric("churn").Values);
        var split = StratifiedSplit.Split(y, TestFraction, context.Seed);
        var features = seed.Select(ModelFeatures);
        var trainTable = features.SelectRows(split.Train);
        var testTable = features.SelectRows(split.Test);
        var yTrain = Vector<double>.Build.Dense(split.Train.Length, i => y[split.Train[i]]);
        var yTest = Vector<double>.Build.Dense(split.Test.Length, i => y[split.Test[i]]);
        var training = new TrainingData(trainTable, ModelFeatures, [], yTrain, "churn", "1", "data/raw/seed_churn_labeled_data.csv",
            Provenance.Sha256(seedPath), [], []);
        var model = ChurnTrainer.Train(training, new ChurnTrainingOptions { Penalty = Penalty.L2, C = 1.0, Seed = context.Seed }, Provenance.CodeVersion).Model;
        var p = model.PredictProbabilities(testTable, out _);
        var positivesTest = (int)yTest.Sum();

        // (c) One-line rules on the same inputs.
        var testMou = testTable.Numeric("total_mou").Values;
        var testData = testTable.Numeric("total_data_usage").Values;
        var ruleScore = Vector<double>.Build.Dense(p.Count, i => testMou[i] < threshold && testData[i] < threshold ? 1.0 : 0.0);
        var sumScore = Vector<double>.Build.Dense(p.Count, i => -(testMou[i] + testData[i]));
        var modelReport = ClassificationReport.Compute(yTest, p);
        var ruleReport = ClassificationReport.Compute(yTest, ruleScore);
        var sumAuc = RocAuc.Compute(yTest, sumScore);

        // (d) The leak, on the whole seed table.
        var all = seed.Numeric("churn").Values;
        var seedMou = seed.Numeric("total_mou").Values;
        var seedData = seed.Numeric("total_data_usage").Values;
        var inWindow = Enumerable.Range(0, seed.RowCount).Where(i => seedMou[i] < BoundaryWindow && seedData[i] < BoundaryWindow).ToArray();

        return new ProxyAuditResult(
            DataFiles: [seedPath, rawPath],
            Threshold: threshold,
            RawRows: rows,
            DroppedColumns: proxy.DroppedColumns.Count,
            MouColumns: proxy.MouColumns.Count,
            DataColumns: proxy.DataColumns.Count,
            Reproduction: reproduction,
            CaseStudyChurners: (int)tag.Sum(),
            ProxyChurners: (int)proxy.Churn.Sum(),
            CrossTab: crossTab,
            SplitSeed: context.Seed,
            TrainRows: split.Train.Length,
            TrainChurners: (int)yTrain.Sum(),
            TestLabels: yTest,
            Model: model,
            Probabilities: p,
            ModelReport: modelReport,
            ModelPrecisionAtTop: PrecisionAtTop(yTest, p, positivesTest),
            ModelRoc: RocCurve.Compute(yTest, p, dropIntermediate: true),
            RuleReport: ruleReport,
            RuleRoc: RocCurve.Compute(yTest, ruleScore, dropIntermediate: true),
            SumAuc: sumAuc,
            SumPrecisionAtTop: PrecisionAtTop(yTest, sumScore, positivesTest),
            SumRoc: RocCurve.Compute(yTest, sumScore, dropIntermediate: true),
            MinusMouAuc: RocAuc.Compute(yTest, Vector<double>.Build.Dense(p.Count, i => -testMou[i])),
            MinusDataAuc: RocAuc.Compute(yTest, Vector<double>.Build.Dense(p.Count, i => -testData[i])),
            SeedRows: seed.RowCount,
            SeedProxyChurners: (int)all.Sum(),
            ProxyChurnRate: all.Average(),
            RuleMismatches: Enumerable.Range(0, seed.RowCount).Count(i => (seedMou[i] < threshold && seedData[i] < threshold ? 1.0 : 0.0) != all[i]),
            Month9Columns: proxy.MouColumns.Concat(proxy.DataColumns).Count(c => TelecomSchema.MonthOf(c) == TelecomSchema.ChurnMonth),
            ChurnersAtOrigin: Enumerable.Range(0, seed.RowCount).Count(i => all[i] == 1 && seedMou[i] == 0 && seedData[i] == 0),
            Window: inWindow.Select(i => (seedMou[i], seedData[i], all[i] == 1)).ToArray());
    }

    /// <summary>Share of positives among the <paramref name="k"/> highest scores (ties broken by row order).</summary>
    internal static double PrecisionAtTop(Vector<double> y, Vector<double> scores, int k)
    {
        if (k <= 0) return double.NaN;
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k);
        return order.Count(i => y[i] == 1.0) / (double)k;
    }
}

/// <summary>One column of the seed table against our rebuild: rows that differ and the largest difference.</summary>
public sealed record ColumnReproduction(string Column, int Mismatches, double MaxAbsoluteDifference);

/// <summary>The proxy label against the case study's tag on the same rows.</summary>
public sealed record LabelCrossTab(int Both, int TagOnly, int ProxyOnly, int Rows)
{
    public int Neither => Rows - Both - TagOnly - ProxyOnly;
}

/// <summary>What <see cref="ProxyAuditExperiment"/> computed: counts, scores and curves, no prose.</summary>
/// <remarks>Probabilities: The model's churn probabilities on the test part; Window: Every seed-table customer with both inputs below <see cref="ProxyAuditExperiment.BoundaryWindow"/>.</remarks>
public sealed record ProxyAuditResult(
    IReadOnlyList<string> DataFiles,
    double Threshold,
    int RawRows,
    int DroppedColumns,
    int MouColumns,
    int DataColumns,
    IReadOnlyList<ColumnReproduction> Reproduction,
    int CaseStudyChurners,
    int ProxyChurners,
    LabelCrossTab CrossTab,
    int SplitSeed,
    int TrainRows,
    int TrainChurners,
    Vector<double> TestLabels,
    ChurnModel Model,
    Vector<double> Probabilities,
    ClassificationReport ModelReport,
    double ModelPrecisionAtTop,
    RocCurve ModelRoc,
    ClassificationReport RuleReport,
    RocCurve RuleRoc,
    double SumAuc,
    double SumPrecisionAtTop,
    RocCurve SumRoc,
    double MinusMouAuc,
    double MinusDataAuc,
    int SeedRows,
    int SeedProxyChurners,
    double ProxyChurnRate,
    int RuleMismatches,
    int Month9Columns,
    int ChurnersAtOrigin,
    IReadOnlyList<(double Mou, double Data, bool Churned)> Window) : IExperimentResult
{
    public bool ReproducedExactly => Reproduction.All(c => c.Mismatches == 0);

    public int TestChurners => (int)TestLabels.Sum();

    public double MajorityBaseline => 1 - TestChurners / (double)TestLabels.Count;

    public int PredictedChurners => Probabilities.Count(v => v >= 0.5);

    public int NonChurnersInWindow => Window.Count(w => !w.Churned);
}
