using System.Globalization;
using Churn.Algorithms.Clustering;
using Churn.Algorithms.Preprocessing;
using Churn.Experiments.Data;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Experiments.Sql;

/// <summary>What <see cref="SqlKMeans"/> found: centres in standardised units, the scaler, and how Lloyd ended.</summary>
public sealed record SqlKMeansResult(
    StandardScalerModel Scaler,
    Matrix<double> Centers,
    IReadOnlyList<long> Sizes,
    double Inertia,
    int Iterations,
    bool Converged,
    string StopReason,
    long Rows,
    int SampleRows,
    IReadOnlyList<string> Warnings);

/// <summary>
/// KMeans on standardised numeric columns with the rows left in the engine. Means, SDs and medians come
/// from one aggregate query; the start is k-means++ (the project's <see cref="KMeans"/>, NInit runs, same
/// seed) on a sample pulled through the engine: every row when the table has at most
/// <see cref="SampleRows"/> rows (then that fit is the answer and the engine only counts it), else the rows with the
/// smallest hash of their row number. Each Lloyd iteration is one GROUP BY on the nearest centre (counts
/// and sums per centre, and how many rows changed centre); C# moves the centres and applies scikit-learn's
/// stopping rules: labels unchanged, or summed squared centre shift &lt;= Tolerance x mean variance.
/// </summary>
public static class SqlKMeans
{
    public const int SampleRows = 100_000;

    public static SqlKMeansResult Fit(SqlTable table, IReadOnlyList<string> features, KMeansOptions options, IProgress<string>? progress = null,
        int sampleRows = SampleRows)
    {
        options.Validate();
        var prepared = Prepare(table, features, options);
        var warnings = new List<string>(prepared.Warnings);
        var x = Sample(table, prepared.Imputed, prepared.Rows, sampleRows, options.Seed);
        progress?.Report(string.Format(CultureInfo.InvariantCulture, "k-means++ start: KMeans k={0}, n_init={1}, seed={2} on {3} sampled rows",
            options.NumberOfClusters, options.NInit, options.Seed, x.RowCount));
        var start = new KMeans(options).Fit(prepared.Scaler.Transform(x));
        warnings.AddRange(start.Warnings);
        var means = prepared.Scaler.Means.ToArray();
        var scales = prepared.Scaler.Scales.ToArray();
        if (x.RowCount == prepared.Rows)
        {
            // The sample is the table: the in-memory fit is the answer; the engine only re-counts it.
            var final = Step(table, prepared.Imputed, means, scales, start.Centers.ToRowArrays(), null);
            return new SqlKMeansResult(prepared.Scaler, start.Centers, final.Counts, final.Inertia, start.Iterations, start.Converged,
                start.StopReason + " (every row fitted in the sample, so k-means++ and Lloyd ran in memory)", prepared.Rows, x.RowCount, warnings);
        }
        var lloyd = Lloyd(table, prepared.Imputed, means, scales, start.Centers, options, options.Tolerance * prepared.MeanVariance, progress);
        warnings.AddRange(lloyd.Warnings);
        return new SqlKMeansResult(prepared.Scaler, lloyd.Centers, lloyd.Sizes, lloyd.Inertia, lloyd.Iterations, lloyd.Converged, lloyd.StopReason,
            prepared.Rows, x.RowCount, warnings);
    }

    /// <summary>The centres (standardised) from which <see cref="Fit"/> starts Lloyd in the engine.</summary>
    internal static Matrix<double> StartingCenters(SqlTable table, IReadOnlyList<string> features, KMeansOptions options, int sampleRows)
    {
        var prepared = Prepare(table, features, options);
        return new KMeans(options).Fit(prepared.Scaler.Transform(Sample(table, prepared.Imputed, prepared.Rows, sampleRows, options.Seed))).Centers;
    }

    private sealed record Prepared(long Rows, IReadOnlyList<string> Imputed, StandardScalerModel Scaler, double MeanVariance, IReadOnlyList<string> Warnings);

    /// <summary>Checks the columns; pass 1: rows, NULLs and medians; pass 2: means and variances of the median-imputed columns.</summary>
    private static Prepared Prepare(SqlTable table, IReadOnlyList<string> features, KMeansOptions options)
    {
        var d = table.Dialect;
        var columns = table.Columns();
        foreach (var name in features)
        {
            var column = columns.FirstOrDefault(c => c.Name == name);
            if (column.Name is null)
                throw new ChurnDataException(table.Name + ": no column '" + name + "'; its columns are: " + string.Join(", ", columns.Select(c => c.Name)) + ".");
            if (!SqlFeatureColumns.IsNumeric(column.Type))
                throw new ChurnDataException(table.Name + ", column '" + name + "': type " + column.Type.Name + " is not numeric; segments need numeric columns.");
        }
        var warnings = new List<string>();
        var raw = features.Select(n => d.CastDouble(d.Identifier(n))).ToList();
        var first = table.Query("SELECT COUNT(*), " + string.Join(", ", raw.Select(x => "COUNT(" + x + "), " + d.Median(x))) + " FROM " + table.From)[0];
        var rows = (long)SqlEngine.Number(first[0]);
        if (rows < options.NumberOfClusters)
            throw new ChurnDataException(string.Format(CultureInfo.InvariantCulture, "{0}: {1} rows, fewer than k={2}.", table.Name, rows, options.NumberOfClusters));
        var imputed = new List<string>();
        for (var j = 0; j < features.Count; j++)
        {
            var present = (long)SqlEngine.Number(first[1 + 2 * j]);
            if (present == 0) throw new ChurnDataException(table.Name + ", column '" + features[j] + "': every value is NULL.");
            var median = SqlEngine.Number(first[2 + 2 * j]);
            if (present < rows)
                warnings.Add(string.Format(CultureInfo.InvariantCulture, "{0}, column '{1}': {2} NULLs taken as its median {3}.", table.Name, features[j], rows - present, median));
            imputed.Add("COALESCE(" + raw[j] + ", " + SqlDialect.Number(median) + ")");
        }
        var second = table.Query("SELECT " + string.Join(", ", imputed.Select(x => "AVG(" + x + "), VAR_POP(" + x + ")")) + " FROM " + table.From)[0];
        var means = new double[features.Count];
        var scales = new double[features.Count];
        var meanVariance = 0.0;
        for (var j = 0; j < features.Count; j++)
        {
            means[j] = SqlEngine.Number(second[2 * j]);
            var variance = SqlEngine.Number(second[2 * j + 1]);
            scales[j] = StandardScaler.ScaleFor(rows, means[j], variance);
            meanVariance += variance / (scales[j] * scales[j]);
        }
        return new Prepared(rows, imputed, StandardScalerModel.FromParameters(means, scales), meanVariance / features.Count, warnings);
    }

    /// <summary>
    /// The imputed columns of every row (table order) when there are at most <paramref name="size"/>, else of
    /// the <paramref name="size"/> rows with the smallest seeded hash of their row number (Knuth's multiplicative
    /// hash in 64-bit integers, computed alike by every engine).
    /// </summary>
    private static Matrix<double> Sample(SqlTable table, IReadOnlyList<string> imputed, long rows, int size, int seed)
    {
        var select = string.Join(", ", imputed);
        var sql = rows <= size
            ? "SELECT " + select + " FROM " + table.From
            : "SELECT " + select + " FROM (SELECT src.*, ((ROW_NUMBER() OVER () + " + seed.ToString(CultureInfo.InvariantCulture)
                + ") * 2654435761) % 4294967296 AS churn_sample_key FROM " + table.From + ") AS sampled ORDER BY churn_sample_key LIMIT " + size.ToString(CultureInfo.InvariantCulture);
        var result = table.Query(sql);
        return Matrix<double>.Build.Dense(result.Count, imputed.Count, (i, j) => SqlEngine.Number(result[i][j]));
    }

    private sealed record LloydResult(Matrix<double> Centers, long[] Sizes, double Inertia, int Iterations, bool Converged, string StopReason, List<string> Warnings);

    private static LloydResult Lloyd(SqlTable table, IReadOnlyList<string> imputed, double[] means, double[] scales, Matrix<double> start,
        KMeansOptions options, double tolerance, IProgress<string>? progress)
    {
        var k = start.RowCount;
        var dims = start.ColumnCount;
        var centers = start.ToRowArrays();
        double[][]? previous = null;
        var warnings = new List<string>();
        var converged = false;
        var iterations = 0;
        string? reason = null;
        for (var i = 0; i < options.MaxIterations; i++)
        {
            var step = Step(table, imputed, means, scales, centers, previous);
            iterations = i + 1;
            var moved = new double[k][];
            var shift = 0.0;
            for (var c = 0; c < k; c++)
            {
                // An empty centre stays where it is (the in-memory path relocates it to a far row).
                moved[c] = step.Counts[c] == 0 ? centers[c] : Enumerable.Range(0, dims).Select(f => step.Sums[c][f] / step.Counts[c]).ToArray();
                for (var f = 0; f < dims; f++) shift += (moved[c][f] - centers[c][f]) * (moved[c][f] - centers[c][f]);
            }
            if (step.Counts.Any(n => n == 0))
                warnings.Add(string.Format(CultureInfo.InvariantCulture, "iteration {0}: a centre has no rows; it was kept in place.", iterations));
            progress?.Report(string.Format(CultureInfo.InvariantCulture, "Lloyd iteration {0}: {1} rows changed centre, shift {2:G4}", iterations, step.Changed, shift));
            (previous, centers) = (centers, moved);
            if (step.Changed == 0)
            {
                converged = true;
                reason = string.Format(CultureInfo.InvariantCulture, "labels unchanged at iteration {0} (strict convergence)", iterations);
                break;
            }
            if (shift <= tolerance)
            {
                converged = true;
                reason = string.Format(CultureInfo.InvariantCulture, "center shift {0:R} <= tolerance {1:R} at iteration {2}", shift, tolerance, iterations);
                break;
            }
        }
        reason ??= string.Format(CultureInfo.InvariantCulture, "reached MaxIterations={0} without convergence", options.MaxIterations);
        if (!converged) warnings.Add(string.Format(CultureInfo.InvariantCulture, "Lloyd did not converge within MaxIterations={0}; increase MaxIterations or Tolerance.", options.MaxIterations));
        // Final assignment to the final centres: sizes and inertia.
        var last = Step(table, imputed, means, scales, centers, null);
        return new LloydResult(Matrix<double>.Build.DenseOfRowArrays(centers), last.Counts, last.Inertia, iterations, converged, reason, warnings);
    }

    private sealed record StepResult(long[] Counts, double[][] Sums, double Inertia, long Changed);

    /// <summary>One GROUP BY on the nearest centre: rows, sums of the standardised columns, squared distances, and rows whose centre under <paramref name="previous"/> differs.</summary>
    private static StepResult Step(SqlTable table, IReadOnlyList<string> imputed, double[] means, double[] scales, double[][] centers, double[][]? previous)
    {
        var q = new ScoringSql.Layers(table.Dialect);
        q.From(table.From, imputed.Select((x, j) => (x, "x_" + j.ToString(CultureInfo.InvariantCulture))).ToList());
        var inputs = Enumerable.Range(0, imputed.Count).Select(j => q.Ref("x_" + j.ToString(CultureInfo.InvariantCulture))).ToList();
        NearestCentreSql.Add(q, inputs, means, scales, centers, "g_0");
        if (previous is not null) NearestCentreSql.Add(q, inputs, means, scales, previous, "h_0");
        var k = centers.Length;
        var own = "CASE " + string.Join(" ", Enumerable.Range(0, k).Select(c => "WHEN " + q.Ref("g_0") + " = " + c.ToString(CultureInfo.InvariantCulture) + " THEN " + q.Ref(NearestCentreSql.Distance("g_0", c)))) + " END";
        var aggregates = new List<(string, string)> { (q.Ref("g_0"), "centre"), ("COUNT(*)", "n") };
        for (var f = 0; f < imputed.Count; f++) aggregates.Add(("SUM(" + q.Ref(NearestCentreSql.Scaled("g_0", f)) + ")", "s" + f.ToString(CultureInfo.InvariantCulture)));
        aggregates.Add(("SUM(" + own + ")", "inertia"));
        aggregates.Add((previous is null ? "COUNT(*)" : "SUM(CASE WHEN " + q.Ref("g_0") + " = " + q.Ref("h_0") + " THEN 0 ELSE 1 END)", "changed"));
        var rows = table.Query(q.Final(aggregates).TrimEnd() + " GROUP BY " + q.Ref("g_0"));
        var counts = new long[k];
        var sums = Enumerable.Range(0, k).Select(_ => new double[imputed.Count]).ToArray();
        double inertia = 0;
        long changed = 0;
        foreach (var row in rows.OrderBy(r => (int)SqlEngine.Number(r[0])))
        {
            var c = (int)SqlEngine.Number(row[0]);
            counts[c] = (long)SqlEngine.Number(row[1]);
            for (var f = 0; f < imputed.Count; f++) sums[c][f] = SqlEngine.Number(row[2 + f]);
            inertia += SqlEngine.Number(row[2 + imputed.Count]);
            changed += (long)SqlEngine.Number(row[3 + imputed.Count]);
        }
        return new StepResult(counts, sums, inertia, changed);
    }
}
