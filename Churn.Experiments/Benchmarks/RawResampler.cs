using Churn.Algorithms;

namespace Churn.Experiments.Benchmarks;

/// <summary>
/// `churn bench make-raw`: writes a large file of the raw 226-column schema for memory tests by
/// RESAMPLING the shipped raw rows with replacement (row = SplitMix64(seed).NextInt(source rows), row
/// after row), so it is synthetic: every output row is a copy of a real row. A last column `churn`
/// holds the case-study tag (month-9 usage all zero), so the file can be used for training with the
/// month-9 columns excluded (the command prints the --exclude list).
/// </summary>
public static class RawResampler
{
    public const string DefaultSource = "data/raw/telecom_churn_data_head1000.csv";

    /// <summary>Writes the resampled file; returns the columns that must not be features (month 9 and the id).</summary>
    public static IReadOnlyList<string> Write(string source, string output, int rows, ulong seed)
    {
        using var file = AtomicFile.Create(output, "--out", ("--source", source));
        var table = CsvTableReader.Read(source);
        var churn = ChurnTagging.Tag(table);
        var lines = new List<string>(table.RowCount);
        string[] header;
        using (var reader = CsvRowReader.Open(source))
        {
            header = reader.Header.ToArray();
            while (reader.Read()) lines.Add(string.Join(",", reader.Fields.Select(Csv)));
        }
        var random = new SplitMix64(seed);
        using (var writer = file.Writer(1 << 20))
        {
            writer.WriteLine(string.Join(",", header.Select(Csv)) + ",churn");
            for (var i = 0; i < rows; i++)
            {
                var r = random.NextInt(lines.Count);
                writer.Write(lines[r]);
                writer.WriteLine(churn[r] == 1.0 ? ",1" : ",0");
            }
        }
        file.Commit();
        return header.Where(h => TelecomSchema.MonthOf(h) == TelecomSchema.ChurnMonth || h == "mobile_number" || h == "circle_id").ToArray();
    }

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
