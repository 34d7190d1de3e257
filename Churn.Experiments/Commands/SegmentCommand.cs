using Churn.Algorithms.Clustering;
using Churn.Experiments.Sql;

namespace Churn.Experiments.Commands;

/// <summary>`churn segment`: KMeans on standardised numeric columns of any CSV (in memory) or SQL table (in the engine).</summary>
public static class SegmentCommand
{
    /// <summary>What either path found, in the shape the output needs.</summary>
    private sealed record Outcome(long Rows, double Inertia, int Iterations, bool Converged, string StopReason,
        IReadOnlyList<long> Sizes, Matrix<double> CentersZ, Matrix<double> CentersOriginal, int? SampleRows);

    public static Verb Verb { get; } = new("segment", "KMeans segments of chosen numeric columns (standardised; centres in both units)",
    [
        VerbOption.Value("data", "FILE", "CSV file to read (needed unless --source)"),
        VerbOption.Source("Lloyd runs as SQL GROUP BYs from k-means++ on a seeded sample"),
        .. VerbOption.SourceTableOrQuery,
        VerbOption.Required("features", "a,b,c", "numeric columns to cluster on, comma-separated"),
        VerbOption.Value("k", "K", "number of segments", "4"),
        VerbOption.Value("n-init", "N", "KMeans restarts from different seeds; the lowest inertia wins", "10"),
        VerbOption.Value("seed", "S", "random seed", "42"),
        VerbOption.Value("max-iter", "N", "most Lloyd iterations per restart", "300"),
        VerbOption.Decimal,
        VerbOption.Json,
    ], Run);

    public static int Run(CommandLine cl, CommandConsole console)
    {
        var sources = cl.Sources();
        var path = sources.Count > 0 ? string.Join(" + ", sources.Select(SqlTable.WithoutPassword)) : cl.Required("data");
        var features = cl.List("features");
        if (features.Count == 0) throw new UsageException("'segment' needs --features a,b,c (numeric columns).");
        var options = new KMeansOptions
        {
            NumberOfClusters = cl.Int("k", 1),
            NInit = cl.Int("n-init", 1),
            Seed = cl.Int("seed"),
            MaxIterations = cl.Int("max-iter", 1),
        };
        options.Validate();
        var outcome = sources.Count == 0 ? InMemory(cl, path, features, options, console) : InEngine(cl, sources, features, options, console);

        var result = new
        {
            data = path,
            rows = outcome.Rows,
            features,
            k = options.NumberOfClusters,
            n_init = options.NInit,
            seed = options.Seed,
            inertia = outcome.Inertia,
            inertia_units = "standardised",
            iterations = outcome.Iterations,
            converged = outcome.Converged,
            stop_reason = outcome.StopReason,
            sizes = outcome.Sizes,
            centers_standardised = outcome.CentersZ.ToRowArrays(),
            centers_original_units = outcome.CentersOriginal.ToRowArrays(),
            sample_rows = outcome.SampleRows,
        };
        if (cl.Has("json"))
        {
            JsonOutput.Write(console.Out, result);
            return CommandRunner.Ok;
        }
        var o = console.Out;
        o.WriteLine(string.Format(CultureInfo.InvariantCulture, "k={0}  inertia={1:F4} (standardised units)  iterations={2}  converged={3}",
            options.NumberOfClusters, outcome.Inertia, outcome.Iterations, outcome.Converged ? "yes" : "no"));
        o.WriteLine();
        o.WriteLine("segment  size    " + string.Join("  ", features.Select(f => f.PadLeft(18))));
        for (var k = 0; k < options.NumberOfClusters; k++)
        {
            o.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,7}  {1,6}  {2}   (centre in original units)", k, outcome.Sizes[k],
                string.Join("  ", Enumerable.Range(0, features.Count).Select(j => outcome.CentersOriginal[k, j].ToString("G8", CultureInfo.InvariantCulture).PadLeft(18)))));
            o.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,7}  {1,6}  {2}   (standardised)", "", "",
                string.Join("  ", Enumerable.Range(0, features.Count).Select(j => outcome.CentersZ[k, j].ToString("F4", CultureInfo.InvariantCulture).PadLeft(18)))));
        }
        return CommandRunner.Ok;
    }

    private static Outcome InMemory(CommandLine cl, string path, IReadOnlyList<string> features, KMeansOptions options, CommandConsole console)
    {
        console.Progress("reading " + path);
        var table = CsvTableReader.Read(path, new CsvReadOptions { NumericColumns = features.ToArray(), DecimalSeparator = cl.Decimal() });
        if (table.NumberFormat.Notice is { } notice) console.Warn(notice);
        var x = Matrix<double>.Build.Dense(table.RowCount, features.Count);
        for (var j = 0; j < features.Count; j++)
        {
            var column = table.Numeric(features[j]);
            var values = column.Values;
            var missing = column.MissingCount;
            if (missing == values.Length)
                throw new ChurnDataException("every cell is blank, so there is nothing to cluster on; fill the column or leave it out of --features.",
                    path, column: features[j]);
            var median = 0.0;
            if (missing > 0)
            {
                median = MathNet.Numerics.Statistics.Statistics.Median(values.Where(v => !double.IsNaN(v)).ToArray());
                console.Warn(string.Format(CultureInfo.InvariantCulture,
                    "{0} blank cells in '{1}' taken as its median {2}.", missing, features[j], median));
            }
            for (var i = 0; i < values.Length; i++) x[i, j] = double.IsNaN(values[i]) ? median : values[i];
        }
        if (table.RowCount < options.NumberOfClusters)
            throw new UsageException(string.Format(CultureInfo.InvariantCulture,
                "--k {0} asks for more segments than the {1} rows of '{2}'; use --k {1} or fewer.", options.NumberOfClusters, table.RowCount, path));
        ChurnTrainer.EnsureScalable(x, features);
        var scaler = StandardScaler.Fit(x);
        console.Progress(string.Format(CultureInfo.InvariantCulture,
            "KMeans k={0}, n_init={1}, seed={2} on {3} rows", options.NumberOfClusters, options.NInit, options.Seed, table.RowCount));
        var model = new KMeans(options).Fit(scaler.Transform(x));
        foreach (var w in model.Warnings) console.Warn(w);
        return new Outcome(table.RowCount, model.Inertia, model.Iterations, model.Converged, model.StopReason,
            model.ClusterSizes.Select(s => (long)s).ToList(), model.Centers, SegmentCentres.FromRows(x, model.Labels, scaler, model.Centers), null);
    }

    /// <summary>Lloyd as one GROUP BY per iteration inside the engine, started by k-means++ on a seeded sample.</summary>
    private static Outcome InEngine(CommandLine cl, IReadOnlyList<string> sources, IReadOnlyList<string> features, KMeansOptions options, CommandConsole console)
    {
        using var table = cl.OpenSources(sources);
        var fit = SqlKMeans.Fit(table, features, options, console.ProgressReporter());
        foreach (var w in fit.Warnings) console.Warn(w);
        return new Outcome(fit.Rows, fit.Inertia, fit.Iterations, fit.Converged, fit.StopReason, fit.Sizes, fit.Centers,
            fit.CentersOriginal, fit.SampleRows);
    }
}
