using System.Globalization;
using Churn.Algorithms.Clustering;
using Churn.Algorithms.Preprocessing;
using Churn.Experiments.Data;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Experiments.Commands;

/// <summary>`churn segment`: KMeans on standardised numeric columns of any CSV.</summary>
public static class SegmentCommand
{
    public static Verb Verb { get; } = new("segment", "KMeans segments of chosen numeric columns (standardised; centres in both units)",
    [
        VerbOption.Required("data", "FILE", "CSV file to read"),
        VerbOption.Required("features", "a,b,c", "numeric columns to cluster on, comma-separated"),
        VerbOption.Value("k", "K", "number of segments", "4"),
        VerbOption.Value("n-init", "N", "KMeans restarts from different seeds; the lowest inertia wins", "10"),
        VerbOption.Value("seed", "S", "random seed", "42"),
        VerbOption.Value("max-iter", "N", "most Lloyd iterations per restart", "300"),
        VerbOption.Decimal,
        VerbOption.Flag("json", "print exactly one JSON object on stdout instead of text"),
    ], Run);

    public static int Run(CommandLine cl, CommandConsole console)
    {
        var path = cl.Required("data");
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

        console.Progress("reading " + path);
        var table = CsvTableReader.Read(path, new CsvReadOptions { NumericColumns = features.ToArray(), DecimalSeparator = cl.Decimal() });
        if (table.NumberFormat.Notice is { } notice) console.Warn(notice);
        var x = Matrix<double>.Build.Dense(table.RowCount, features.Count);
        for (var j = 0; j < features.Count; j++)
        {
            var column = table.Numeric(features[j]);
            var values = column.Values;
            var missing = column.MissingCount;
            var median = 0.0;
            if (missing > 0)
            {
                median = MathNet.Numerics.Statistics.Statistics.Median(values.Where(v => !double.IsNaN(v)).ToArray());
                console.Warn(string.Format(CultureInfo.InvariantCulture,
                    "{0} blank cells in '{1}' taken as its median {2}.", missing, features[j], median));
            }
            for (var i = 0; i < values.Length; i++) x[i, j] = double.IsNaN(values[i]) ? median : values[i];
        }
        var scaler = StandardScaler.Fit(x);
        console.Progress(string.Format(CultureInfo.InvariantCulture,
            "KMeans k={0}, n_init={1}, seed={2} on {3} rows", options.NumberOfClusters, options.NInit, options.Seed, table.RowCount));
        var model = new KMeans(options).Fit(scaler.Transform(x));
        foreach (var w in model.Warnings) console.Warn(w);
        var original = scaler.InverseTransform(model.Centers);

        var result = new
        {
            data = path,
            rows = table.RowCount,
            features,
            k = model.NumberOfClusters,
            n_init = options.NInit,
            seed = options.Seed,
            inertia = model.Inertia,
            inertia_units = "standardised",
            iterations = model.Iterations,
            converged = model.Converged,
            stop_reason = model.StopReason,
            sizes = model.ClusterSizes,
            centers_standardised = model.Centers.ToRowArrays(),
            centers_original_units = original.ToRowArrays(),
        };
        if (cl.Has("json"))
        {
            JsonOutput.Write(console.Out, result);
            return CommandRunner.Ok;
        }
        var o = console.Out;
        o.WriteLine(string.Format(CultureInfo.InvariantCulture, "k={0}  inertia={1:F4} (standardised units)  iterations={2}  converged={3}",
            model.NumberOfClusters, model.Inertia, model.Iterations, model.Converged ? "yes" : "no"));
        o.WriteLine();
        o.WriteLine("segment  size    " + string.Join("  ", features.Select(f => f.PadLeft(18))));
        for (var k = 0; k < model.NumberOfClusters; k++)
        {
            o.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,7}  {1,6}  {2}   (centre in original units)", k, model.ClusterSizes[k],
                string.Join("  ", Enumerable.Range(0, features.Count).Select(j => original[k, j].ToString("G8", CultureInfo.InvariantCulture).PadLeft(18)))));
            o.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,7}  {1,6}  {2}   (standardised)", "", "",
                string.Join("  ", Enumerable.Range(0, features.Count).Select(j => model.Centers[k, j].ToString("F4", CultureInfo.InvariantCulture).PadLeft(18)))));
        }
        return CommandRunner.Ok;
    }
}
