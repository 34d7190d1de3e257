using System.Runtime.CompilerServices;

namespace Churn.Algorithms.Clustering;

/// <summary>
/// One Lloyd iteration on a row-major n x d array (scikit-learn's lloyd_iter_chunked_dense):
/// assign each row to its nearest centre (first centre on ties), then replace every centre by the
/// mean of its rows, relocating empty clusters first. Rows are processed in fixed chunks whose
/// partial sums are added in chunk order, so the floating-point result is the same whether the
/// chunks run on one thread or many.
/// </summary>
internal static class LloydStep
{
    internal const int ChunkSize = 2048;

    internal static int ChunkCount(int n) => (n + ChunkSize - 1) / ChunkSize;

    /// <summary>Squared Euclidean distance, summed over features in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var s = 0.0;
        for (var f = 0; f < a.Length; f++)
        {
            var t = a[f] - b[f];
            s += t * t;
        }
        return s;
    }

    /// <summary>Index of the nearest centre (k centres, row-major k x d) and its squared distance.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Nearest(ReadOnlySpan<double> row, ReadOnlySpan<double> centers, int k, out double distance)
    {
        var d = row.Length;
        var best = 0;
        var bestDistance = SquaredDistance(row, centers[..d]);
        for (var j = 1; j < k; j++)
        {
            var dist = SquaredDistance(row, centers.Slice(j * d, d));
            if (dist < bestDistance)
            {
                bestDistance = dist;
                best = j;
            }
        }
        distance = bestDistance;
        return best;
    }

    /// <summary>
    /// Assigns labels with <paramref name="centers"/>; when <paramref name="updateCenters"/> also writes the
    /// new means to <paramref name="centersNew"/>, cluster sizes to <paramref name="weights"/> and each
    /// centre's squared move to <paramref name="squaredShift"/>. Returns how many labels changed.
    /// </summary>
    internal static int Iterate(KMeansData data, double[] centers, double[] centersNew, double[] weights,
        int[] labels, double[] squaredShift, LloydWorkspace work, ParallelOptions? parallel, bool updateCenters)
    {
        var chunks = work.Chunks;
        if (parallel is null)
            for (var c = 0; c < chunks; c++) AssignChunk(data, centers, labels, work, c, updateCenters);
        else
            Parallel.For(0, chunks, parallel, c => AssignChunk(data, centers, labels, work, c, updateCenters));

        var changed = 0;
        for (var c = 0; c < chunks; c++) changed += work.Changed[c];
        if (!updateCenters)
            return changed;

        var k = weights.Length;
        var d = data.Features;
        Array.Clear(centersNew);
        Array.Clear(weights);
        for (var c = 0; c < chunks; c++)
        {
            var sums = work.Sums[c];
            var counts = work.Counts[c];
            for (var i = 0; i < centersNew.Length; i++) centersNew[i] += sums[i];
            for (var j = 0; j < k; j++) weights[j] += counts[j];
        }

        RelocateEmptyClusters(data, centers, centersNew, weights, labels);

        for (var j = 0; j < k; j++)
        {
            if (weights[j] > 0)
            {
                var alpha = 1.0 / weights[j];
                for (var f = 0; f < d; f++) centersNew[j * d + f] *= alpha;
            }
            squaredShift[j] = SquaredDistance(centersNew.AsSpan(j * d, d), centers.AsSpan(j * d, d));
        }
        return changed;
    }

    private static void AssignChunk(KMeansData data, double[] centers, int[] labels, LloydWorkspace work, int chunk, bool updateCenters)
    {
        var d = data.Features;
        var k = centers.Length / d;
        var start = chunk * ChunkSize;
        var end = Math.Min(data.Rows, start + ChunkSize);
        var x = data.Values;
        var sums = work.Sums[chunk];
        var counts = work.Counts[chunk];
        if (updateCenters)
        {
            Array.Clear(sums);
            Array.Clear(counts);
        }
        var changed = 0;
        ReadOnlySpan<double> c = centers;
        for (var i = start; i < end; i++)
        {
            var row = x.AsSpan(i * d, d);
            var label = Nearest(row, c, k, out _);
            if (labels[i] != label)
            {
                labels[i] = label;
                changed++;
            }
            if (updateCenters)
            {
                var target = sums.AsSpan(label * d, d);
                for (var f = 0; f < d; f++) target[f] += row[f];
                counts[label] += 1.0;
            }
        }
        work.Changed[chunk] = changed;
    }

    /// <summary>
    /// scikit-learn's _relocate_empty_clusters_dense: each empty cluster takes one of the rows farthest
    /// from their current centre (largest distance first, lower row index on ties); that row is moved out
    /// of its old cluster's sum. Labels are not changed here; the next assignment step does that.
    /// <paramref name="centersNew"/> holds sums (not yet means) when this runs.
    /// </summary>
    private static void RelocateEmptyClusters(KMeansData data, double[] centersOld, double[] centersNew, double[] weights, int[] labels)
    {
        var k = weights.Length;
        var empty = new List<int>();
        for (var j = 0; j < k; j++)
            if (weights[j] == 0) empty.Add(j);
        if (empty.Count == 0)
            return;

        var n = data.Rows;
        var d = data.Features;
        var x = data.Values;
        var distances = new double[n];
        var max = 0.0;
        for (var i = 0; i < n; i++)
        {
            distances[i] = SquaredDistance(x.AsSpan(i * d, d), centersOld.AsSpan(labels[i] * d, d));
            if (distances[i] > max) max = distances[i];
        }
        // More clusters than distinct points: relocating cannot help.
        if (max == 0)
            return;

        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        Array.Sort(order, (a, b) =>
        {
            var byDistance = distances[b].CompareTo(distances[a]);
            return byDistance != 0 ? byDistance : a.CompareTo(b);
        });

        for (var e = 0; e < empty.Count; e++)
        {
            var newCluster = empty[e];
            var far = order[e];
            var oldCluster = labels[far];
            for (var f = 0; f < d; f++)
            {
                centersNew[oldCluster * d + f] -= x[far * d + f];
                centersNew[newCluster * d + f] = x[far * d + f];
            }
            weights[newCluster] = 1.0;
            weights[oldCluster] -= 1.0;
        }
    }

    /// <summary>Sum over rows of the squared distance to the row's labelled centre, chunk sums added in order.</summary>
    internal static double Inertia(KMeansData data, double[] centers, int[] labels, LloydWorkspace work, ParallelOptions? parallel)
    {
        var chunks = work.Chunks;
        var partial = work.Partial;
        void Chunk(int chunk)
        {
            var d = data.Features;
            var start = chunk * ChunkSize;
            var end = Math.Min(data.Rows, start + ChunkSize);
            var s = 0.0;
            for (var i = start; i < end; i++)
                s += SquaredDistance(data.Values.AsSpan(i * d, d), centers.AsSpan(labels[i] * d, d));
            partial[chunk] = s;
        }
        if (parallel is null)
            for (var c = 0; c < chunks; c++) Chunk(c);
        else
            Parallel.For(0, chunks, parallel, Chunk);
        var total = 0.0;
        for (var c = 0; c < chunks; c++) total += partial[c];
        return total;
    }
}

/// <summary>Row-major copy of the (centred) training matrix shared read-only by all runs.</summary>
internal sealed class KMeansData
{
    public KMeansData(double[] values, int rows, int features)
    {
        Values = values;
        Rows = rows;
        Features = features;
    }

    public double[] Values { get; }
    public int Rows { get; }
    public int Features { get; }
}

/// <summary>Per-run scratch buffers: one partial sum block per row chunk, reused across iterations.</summary>
internal sealed class LloydWorkspace
{
    public LloydWorkspace(int rows, int features, int clusters)
    {
        Chunks = LloydStep.ChunkCount(rows);
        Sums = new double[Chunks][];
        Counts = new double[Chunks][];
        for (var c = 0; c < Chunks; c++)
        {
            Sums[c] = new double[clusters * features];
            Counts[c] = new double[clusters];
        }
        Changed = new int[Chunks];
        Partial = new double[Chunks];
    }

    public int Chunks { get; }
    public double[][] Sums { get; }
    public double[][] Counts { get; }
    public int[] Changed { get; }
    public double[] Partial { get; }
}
