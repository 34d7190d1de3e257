namespace Churn.Experiments.Modeling;

/// <summary>Any labelled CSV, read through the generic path, as the trainer takes it.</summary>
public static class TrainingDataLoader
{
    /// <summary>Reads any labelled CSV through the generic path and prepares it for the trainer.</summary>
    public static TrainingData Load(string path, string label, string positive, IReadOnlyList<string> exclude,
        IReadOnlyList<string>? features, IReadOnlyList<string>? missingTokens = null, int maxCategories = 50, char? decimalSeparator = null)
    {
        var sha256 = Task.Run(() => Provenance.Sha256(path)); // on the other core while the file is parsed
        var labelled = LabelledCsv.Load(path, new LabelledCsvOptions
        {
            LabelColumn = label,
            PositiveValue = positive,
            Exclude = exclude.ToArray(),
            Features = features,
            MaxCategories = maxCategories,
        }, new CsvReadOptions { MissingTokens = missingTokens?.ToArray() ?? [], DecimalSeparator = decimalSeparator });
        return new TrainingData(labelled.Features, labelled.NumericFeatures, labelled.TextFeatures,
            Vector<double>.Build.DenseOfArray(labelled.Labels), label, positive, path, sha256.GetAwaiter().GetResult(),
            labelled.Warnings, labelled.IdentifierColumns, MissingTokens: missingTokens?.ToArray());
    }
}
