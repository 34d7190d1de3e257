namespace Churn.Algorithms.Clustering;

/// <summary>
/// k-means by Lloyd's algorithm, matching scikit-learn 1.2's KMeans(algorithm="lloyd"):
/// X is centred on its column means; each of NInit runs seeds with greedy k-means++ and iterates
/// (assign rows to the nearest centre, move centres to their means, relocate empty clusters) until the
/// labels stop changing or the summed squared centre shift is &lt;= Tolerance × mean column variance,
/// followed by a final assignment to the final centres when stopped by the shift test.
/// The run with the lowest inertia (sum of squared distances of rows to their centre) is kept;
/// a later run replaces an earlier one only if strictly lower and not the same partition.
/// The trainer holds only options; Fit is a pure function of (options, x).
/// </summary>
public sealed class KMeans
{
    /// <summary>
    /// Distance terms (rows x features x clusters) of one Lloyd iteration below which a single run stays on one
    /// thread: waking a second worker for each iteration cost more than the iteration (idle, 1e4 x 3, k=4, 1.2e5
    /// terms: median 0.8-0.9 ms on one thread against 0.8-7.6 ms handed out), while from 2.6e5 terms both cores pay
    /// (1e4 x 3, k=16: 0.93-0.95 ms against 1.43; 1e4 x 20, k=4: 1.6-1.7 ms against 2.3-2.5, whole 20-iteration
    /// fits). Chunk sums are added in a fixed order, so the bits are the same either way.
    /// </summary>
    internal const long ParallelWork = 1L << 18;

    public KMeans(KMeansOptions options)
    {
        Options = Guard.NotNull(options, nameof(options));
        options.Validate();
    }

    public KMeansOptions Options { get; }

    public KMeansModel Fit(Matrix<double> x) => Fit(x, null);

    /// <summary>
    /// One Lloyd run from the given k x d centres instead of NInit k-means++ seedings (for comparing with
    /// an engine that iterates from the same centres); stopping rules and the final assignment as in Fit.
    /// </summary>
    public KMeansModel FitFrom(Matrix<double> x, Matrix<double> initialCenters)
    {
        Guard.NotNull(initialCenters, nameof(initialCenters));
        Guard.AllFinite(initialCenters, nameof(initialCenters));
        if (initialCenters.RowCount != Options.NumberOfClusters || initialCenters.ColumnCount != x.ColumnCount)
            throw new ArgumentException($"initialCenters is {initialCenters.RowCount} x {initialCenters.ColumnCount}; {Options.NumberOfClusters} x {x.ColumnCount} is needed.", nameof(initialCenters));
        return Fit(x, initialCenters);
    }

    private KMeansModel Fit(Matrix<double> x, Matrix<double>? initialCenters)
    {
        var o = Options;
        Guard.NotEmpty(x, nameof(x));
        Guard.AllFinite(x, nameof(x));
        Guard.AtLeastRows(x, o.NumberOfClusters, nameof(x), nameof(KMeansOptions.NumberOfClusters));

        var n = x.RowCount;
        var d = x.ColumnCount;
        var k = o.NumberOfClusters;

        // Centre X for more accurate distances (as scikit-learn); centres are shifted back at the end.
        var degree = o.MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : o.MaxDegreeOfParallelism;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = degree };
        // Four columns per task, on all cores for a large matrix (RowChunks' rule for every such pass): each column's
        // mean and variance are summed in row order, so the bits do not depend on which core took the column.
        var rowChunks = new Linear.RowChunks(n, o.MaxDegreeOfParallelism);
        var means = new double[d];
        var squares = new double[d];
        Preprocessing.ColumnMoments.Compute(x, means, squares, new double[d], rowChunks);
        var meanVariance = 0.0;
        for (var j = 0; j < d; j++) meanVariance += squares[j] / n; // each column's population variance
        var data = KMeansData.Centred(x, means, rowChunks);
        meanVariance /= d;
        var tolerance = o.Tolerance == 0 ? 0.0 : o.Tolerance * meanVariance;

        // Per-run seeds come from the master generator before any parallel work.
        var master = new SplitMix64(unchecked((ulong)(long)o.Seed));
        var seeds = new ulong[initialCenters is null ? o.NInit : 1];
        double[]? start = null;
        if (initialCenters is not null)
        {
            start = new double[k * d];
            for (var c = 0; c < k; c++)
                for (var j = 0; j < d; j++) start[c * d + j] = initialCenters[c, j] - means[j];
        }
        for (var r = 0; r < seeds.Length; r++) seeds[r] = master.NextUInt64();

        var runs = new RunResult[seeds.Length];
        // Parallelism never changes the numbers: runs are independent and chunk sums are added in a fixed order.
        // Each worker allocates its scratch buffers once and reuses them for all its runs (every run overwrites
        // them before reading), so which worker gets which run cannot change a result.
        if (degree > 1 && seeds.Length > 1)
            Parallel.For(0, seeds.Length, parallel, () => new RunWorkspace(n, d, k),
                (r, _, work) =>
                {
                    runs[r] = RunOnce(data, k, o.MaxIterations, tolerance, seeds[r], null, work, null);
                    return work;
                },
                _ => { });
        else
        {
            var chunkParallel = degree > 1 && LloydStep.ChunkCount(n) > 1 && (long)n * d * k >= ParallelWork ? parallel : null;
            var work = new RunWorkspace(n, d, k);
            for (var r = 0; r < runs.Length; r++) runs[r] = RunOnce(data, k, o.MaxIterations, tolerance, seeds[r], chunkParallel, work, start);
        }

        var best = 0;
        for (var r = 1; r < runs.Length; r++)
        {
            // Same rule as scikit-learn: rounding can make an identical partition look slightly better.
            if (runs[r].Inertia < runs[best].Inertia && !SameClustering(runs[r].Labels, runs[best].Labels, k))
                best = r;
        }
        var chosen = runs[best];

        var sizes = new int[k];
        foreach (var label in chosen.Labels) sizes[label]++;
        var warnings = new List<string>();
        var distinct = sizes.Count(s => s > 0);
        if (distinct < k)
            warnings.Add(string.Format(CultureInfo.InvariantCulture,
                "Only {0} distinct clusters were found, fewer than the {1} asked for: the data has fewer distinct points than clusters (duplicate rows), so some clusters are empty.",
                distinct, k));
        if (!chosen.Converged)
            warnings.Add(string.Format(CultureInfo.InvariantCulture,
                "The best run did not converge within MaxIterations={0}; increase MaxIterations or Tolerance.", o.MaxIterations));

        return new KMeansModel(
            centeredCenters: chosen.Centers,
            offset: means,
            featureCount: d,
            labels: chosen.Labels,
            clusterSizes: sizes,
            inertia: chosen.Inertia,
            iterations: chosen.Iterations,
            converged: chosen.Converged,
            stopReason: chosen.StopReason,
            warnings: warnings.ToArray(),
            runInertias: runs.Select(r => r.Inertia).ToArray(),
            bestRun: best,
            absoluteTolerance: tolerance);
    }

    private static RunResult RunOnce(KMeansData data, int k, int maxIterations, double tolerance, ulong seed,
        ParallelOptions? parallel, RunWorkspace workspace, double[]? start)
    {
        var centers = start is not null ? (double[])start.Clone() : KMeansPlusPlus.Init(data, k, new SplitMix64(seed), workspace.Seeding).Centers;
        var centersNew = new double[centers.Length];
        var labels = workspace.Labels;
        Array.Fill(labels, -1.0);
        var weights = new double[k];
        var shift = new double[k];
        var work = workspace.Lloyd;

        var strict = false;
        var converged = false;
        var iterations = 0;
        string? reason = null;
        for (var i = 0; i < maxIterations; i++)
        {
            var changed = LloydStep.Iterate(data, centers, centersNew, weights, labels, shift, work, parallel, updateCenters: true);
            (centers, centersNew) = (centersNew, centers);
            iterations = i + 1;
            if (changed == 0)
            {
                strict = converged = true;
                reason = string.Format(CultureInfo.InvariantCulture,
                    "labels unchanged at iteration {0} (strict convergence)", iterations);
                break;
            }
            var total = 0.0;
            for (var j = 0; j < k; j++) total += shift[j];
            if (total <= tolerance)
            {
                converged = true;
                reason = string.Format(CultureInfo.InvariantCulture,
                    "center shift {0:R} <= tolerance {1:R} at iteration {2}", total, tolerance, iterations);
                break;
            }
        }
        reason ??= string.Format(CultureInfo.InvariantCulture,
            "reached MaxIterations={0} without convergence", maxIterations);

        // Labels must match the final centres (unless they already did: strict convergence); that assignment
        // sums the inertia on the way (the same distances in the same order as Inertia's own pass).
        double inertia;
        if (strict)
            inertia = LloydStep.Inertia(data, centers, labels, work, parallel);
        else
        {
            LloydStep.Iterate(data, centers, centersNew, weights, labels, shift, work, parallel, updateCenters: false);
            inertia = LloydStep.Total(work);
        }
        var intLabels = new int[labels.Length];
        for (var i = 0; i < labels.Length; i++) intLabels[i] = (int)labels[i];
        return new RunResult(centers, intLabels, inertia, iterations, converged, reason);
    }

    /// <summary>True when b is a relabelling of a (scikit-learn's _is_same_clustering).</summary>
    internal static bool SameClustering(int[] a, int[] b, int k)
    {
        var mapping = new int[k];
        Array.Fill(mapping, -1);
        for (var i = 0; i < a.Length; i++)
        {
            if (mapping[a[i]] == -1) mapping[a[i]] = b[i];
            else if (mapping[a[i]] != b[i]) return false;
        }
        return true;
    }

    /// <summary>Scratch buffers for one worker's runs.</summary>
    private sealed class RunWorkspace(int rows, int features, int clusters)
    {
        public double[] Labels { get; } = new double[rows];
        public SeedingWorkspace Seeding { get; } = new(rows);
        public LloydWorkspace Lloyd { get; } = new(rows, features, clusters);
    }

    private sealed record RunResult(double[] Centers, int[] Labels, double Inertia, int Iterations, bool Converged, string StopReason);
}
