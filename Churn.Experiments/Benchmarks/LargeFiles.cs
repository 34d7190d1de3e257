namespace Churn.Experiments.Benchmarks;

/// <summary>
/// The two large files of the end-to-end benchmarks (never committed; written on first use):
/// churn-bigml-80 tiled 375 times (999,750 rows, `churn bench tile`) and 1,000,000 raw rows resampled
/// from the shipped 1,000 (`churn bench make-raw`).
/// </summary>
public static class LargeFiles
{
    public const string TiledUs = "artifacts/e2e/churn-bigml-80-x375.csv";
    public const string Raw1M = "artifacts/e2e/raw_1m.csv";
    public const string UsSource = "data/raw/churn-bigml-80.csv";
    public const int UsTiles = 375;

    /// <summary>Writes the header of <paramref name="source"/> once, then its data lines <paramref name="times"/> times, byte for byte.</summary>
    public static void Tile(string source, int times, string output)
    {
        using var file = Data.AtomicFile.Create(output, "--out", ("--source", source));
        var lines = File.ReadAllLines(source);
        if (lines.Length < 2) throw new Data.ChurnDataException("file has a header but no data rows; nothing to tile.", source, line: 1);
        using (var writer = file.Writer(1 << 20))
        {
            writer.NewLine = "\n";
            writer.WriteLine(lines[0]);
            for (var t = 0; t < times; t++)
                for (var i = 1; i < lines.Length; i++) writer.WriteLine(lines[i]);
        }
        file.Commit();
    }

    /// <summary>The tiled US file, written first when absent.</summary>
    public static string EnsureTiledUs()
    {
        if (!File.Exists(TiledUs)) Tile(UsSource, UsTiles, TiledUs);
        return TiledUs;
    }

    /// <summary>The 1M-row raw file, written first when absent (seed 42, as `churn bench make-raw`'s default).</summary>
    public static string EnsureRaw1M()
    {
        if (!File.Exists(Raw1M)) RawResampler.Write(RawResampler.DefaultSource, Raw1M, 1_000_000, 42);
        return Raw1M;
    }

    public static string Describe(int times) => string.Format(CultureInfo.InvariantCulture, "{0} tiled {1} times", UsSource, times);
}
