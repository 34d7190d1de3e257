namespace Churn.Experiments.Modeling;

/// <summary>
/// The two ways to label the raw Indian prepaid file (which has no churn column), each producing
/// training data whose derived features are recorded so a model can score raw rows directly.
/// </summary>
public static class TelecomRecipes
{
    public const string SeedProxyName = "seed-proxy";
    public const string CaseStudyName = "case-study";

    public static IReadOnlyList<string> Names { get; } = [SeedProxyName, CaseStudyName];

    /// <summary>Label and features of a recipe; the missing tokens it was read with go into the model.</summary>
    public static TrainingData Build(string recipe, string path, CsvReadOptions? csv = null) => (recipe switch
    {
        SeedProxyName => SeedProxyData(path, csv),
        CaseStudyName => CaseStudyData(path, csv),
        _ => throw new ArgumentException("unknown recipe '" + recipe + "'; known: " + string.Join(", ", Names) + "."),
    }) with { MissingTokens = csv?.MissingTokens.ToArray() };

    /// <summary>
    /// The original project's route: aon, total_mou, total_data_usage from the raw columns and its proxy
    /// label (total_mou &lt; 5 AND total_data_usage &lt; 5). Kept to reproduce and audit it: the label is a
    /// threshold on two of the inputs and uses month 9, so it leaks (see reports/proxy-audit).
    /// </summary>
    public static TrainingData SeedProxyData(string path, CsvReadOptions? csv = null)
    {
        var raw = CsvTableReader.Read(path, csv);
        var proxy = SeedProxy.Compute(raw);
        var derivation = new RowDerivation(SeedProxyName,
            [
                new DerivedColumn("total_mou", DerivedKind.Sum, proxy.MouColumns),
                new DerivedColumn("total_data_usage", DerivedKind.Sum, proxy.DataColumns),
            ],
            [TelecomSchema.AonColumn]);
        var table = proxy.Features.With(IdColumns(raw));
        return new TrainingData(table, ["aon", "total_mou", "total_data_usage"], [],
            Vector<double>.Build.DenseOfArray(proxy.Churn), "churn (seed proxy: total_mou < 5 AND total_data_usage < 5)", "1",
            path, Provenance.Sha256(path),
            ["The seed proxy label is a threshold on two model inputs and uses month 9: it leaks; use the case-study recipe for an honest label."],
            [TelecomSchema.IdColumn], derivation);
    }

    /// <summary>
    /// The standard case-study definition: high-value customers (6/7 average recharge at or above the
    /// 70th percentile), churn = no calls and no data in month 9, every month-9 column dropped,
    /// features from months 6-8 plus month-8 change features.
    /// </summary>
    public static TrainingData CaseStudyData(string path, CsvReadOptions? csv = null)
    {
        var raw = CsvTableReader.Read(path, csv);
        var cleaned = TelecomCleaner.Clean(raw);
        var highValue = HighValueFilter.Apply(cleaned.Table);
        var (tagged, churn) = ChurnTagging.TagAndDrop(highValue.Table);
        var features = CaseStudyFeatures.Build(tagged);
        var names = features.Features.ColumnNames;
        LeakageCheck.EnsureNoColumnsFromMonth(names, TelecomSchema.ChurnMonth);
        var changes = CaseStudyFeatures.ChangeBaseNames
            .Where(b => names.Contains(b + "_change_8"))
            .Select(b => new DerivedColumn(b + "_change_8", DerivedKind.Change,
                [TelecomSchema.ColumnFor(b, 8), TelecomSchema.ColumnFor(b, 6), TelecomSchema.ColumnFor(b, 7)]))
            .ToArray();
        var zeroFilled = names.Where(n => TelecomSchema.GroupOf(n) is TelecomColumnGroup.CallMinuteComponent or TelecomColumnGroup.DataRecharge).ToArray();
        var warnings = new List<string>(cleaned.Warnings)
        {
            string.Format(CultureInfo.InvariantCulture,
                "case-study recipe: {0} of {1} customers are high-value (6/7 average recharge >= {2:F1}); {3} of them churned in month 9. The model applies to high-value customers.",
                highValue.Rows.Length, raw.RowCount, highValue.Threshold, (int)churn.Sum()),
        };
        var table = features.Features.With(IdColumns(highValue.Table));
        return new TrainingData(table, names.ToArray(), [], Vector<double>.Build.DenseOfArray(churn),
            "churn (case study: no calls and no data in month 9, high-value customers)", "1", path, Provenance.Sha256(path),
            warnings, [TelecomSchema.IdColumn], new RowDerivation(CaseStudyName, changes, zeroFilled,
                new PopulationRule(string.Format(CultureInfo.InvariantCulture,
                        "high-value customers: mean of total_rech_amt_6 and total_rech_amt_7 >= {0:0.###} (70th percentile at training)", highValue.Threshold),
                    [TelecomSchema.ColumnFor("total_rech_amt", 6), TelecomSchema.ColumnFor("total_rech_amt", 7)], highValue.Threshold)));
    }

    private static TableColumn[] IdColumns(ColumnTable raw) =>
        raw.Contains(TelecomSchema.IdColumn) ? [raw[TelecomSchema.IdColumn]] : [];
}
