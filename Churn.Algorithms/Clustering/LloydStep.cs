using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Churn.Algorithms.Linear;

namespace Churn.Algorithms.Clustering;

/// <summary>
/// One Lloyd iteration on a feature-major n x d array (scikit-learn's lloyd_iter_chunked_dense):
/// assign each row to its nearest centre (first centre on ties), then replace every centre by the
/// mean of its rows, relocating empty clusters first. Rows are processed in fixed chunks whose
/// partial sums are added in chunk order, so the floating-point result is the same whether the
/// chunks run on one thread or many.
/// </summary>
internal static partial class LloydStep
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
    /// Labels are held as doubles (0.0 .. k-1, -1 before the first step) so the vectorised step can compare
    /// and store them without conversions.
    /// Assigns labels with <paramref name="centers"/>; when <paramref name="updateCenters"/> also writes the
    /// new means to <paramref name="centersNew"/>, cluster sizes to <paramref name="weights"/> and each
    /// centre's squared move to <paramref name="squaredShift"/>. Returns how many labels changed.
    /// </summary>
    internal static int Iterate(KMeansData data, double[] centers, double[] centersNew, double[] weights,
        double[] labels, double[] squaredShift, LloydWorkspace work, ParallelOptions? parallel, bool updateCenters)
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

    /// <summary>
    /// Assigns the rows of one chunk, four at a time with Vector256 (each lane does exactly the scalar
    /// arithmetic of <see cref="SquaredDistance"/>, so labels equal what <see cref="Nearest"/> gives), and
    /// writes the chunk's per-cluster sums and counts. Lane partial sums are reduced as (l0 + l1) + (l2 + l3).
    /// </summary>
    private static void AssignChunk(KMeansData data, double[] centers, double[] labels, LloydWorkspace work, int chunk, bool updateCenters)
    {
        switch (data.Features)
        {
            case 1: AssignChunk<OneFeature>(data, centers, labels, work, chunk, updateCenters); return;
            case 2: AssignChunk<TwoFeatures>(data, centers, labels, work, chunk, updateCenters); return;
            case 3: AssignChunk<ThreeFeatures>(data, centers, labels, work, chunk, updateCenters); return;
            case 4: AssignChunk<FourFeatures>(data, centers, labels, work, chunk, updateCenters); return;
            default: AssignChunkAnyWidth(data, centers, labels, work, chunk, updateCenters); return;
        }
    }

    /// <summary>
    /// <see cref="AssignChunkAnyWidth"/> with the feature count fixed at compile time (per-feature code unrolled):
    /// the same additions in the same order, so the same labels, sums and counts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AssignChunk<TD>(KMeansData data, double[] centers, double[] labels, LloydWorkspace work, int chunk,
        bool updateCenters) where TD : struct, IFeatureCount
    {
        var n = data.Rows;
        var d = TD.Value;
        var k = centers.Length / d;
        var start = chunk * ChunkSize;
        var end = Math.Min(n, start + ChunkSize);
        var x = data.Values;

        var cvBuffer = new ScratchBuffer<Vector256<double>>(k * d, stackalloc Vector256<double>[ScratchBuffer.StackSize(k * d)]);
        var cv = cvBuffer.Span;
        for (var q = 0; q < cv.Length; q++) cv[q] = Vector256.Create(centers[q]);
        var accBuffer = new ScratchBuffer<Vector256<double>>(k * d, stackalloc Vector256<double>[ScratchBuffer.StackSize(k * d)]);
        var acc = accBuffer.Span;
        acc.Clear();
        var countBuffer = new ScratchBuffer<int>(k, stackalloc int[ScratchBuffer.StackSize(k)]);
        var count = countBuffer.Span;
        count.Clear();
        var labelValuesBuffer = new ScratchBuffer<Vector256<double>>(k, stackalloc Vector256<double>[ScratchBuffer.StackSize(k)]);
        var labelValues = labelValuesBuffer.Span;
        for (var j = 0; j < k; j++) labelValues[j] = Vector256.Create((double)j);
        ref var jv = ref MemoryMarshal.GetReference(labelValues);
        var x0 = x.AsSpan(0, n);
        var x1 = d > 1 ? x.AsSpan(n, n) : default;
        var x2 = d > 2 ? x.AsSpan(2 * n, n) : default;
        var x3 = d > 3 ? x.AsSpan(3 * n, n) : default;
        Vector256<double> v0, v1 = default, v2 = default, v3 = default;

        var changed = 0;
        var i = start;
        for (; i + 4 <= end; i += 4)
        {
            v0 = Vector256.Create(x0.Slice(i, 4));
            if (d > 1) v1 = Vector256.Create(x1.Slice(i, 4));
            if (d > 2) v2 = Vector256.Create(x2.Slice(i, 4));
            if (d > 3) v3 = Vector256.Create(x3.Slice(i, 4));
            // cv has k * d elements and j < k: the centre references stay in range.
            ref var c = ref MemoryMarshal.GetReference(cv);
            var best = Distance4<TD>(v0, v1, v2, v3, ref c);
            var bestLabel = Vector256<double>.Zero;
            for (var j = 1; j < k; j++)
            {
                var dist = Distance4<TD>(v0, v1, v2, v3, ref Unsafe.Add(ref c, j * d));
                var less = Vector256.LessThan(dist, best);
                best = Vector256.ConditionalSelect(less, dist, best);
                bestLabel = Vector256.ConditionalSelect(less, Unsafe.Add(ref jv, j), bestLabel);
            }
            var old = Vector256.Create(labels.AsSpan(i, 4));
            changed += BitOperations.PopCount(~Vector256.Equals(bestLabel, old).ExtractMostSignificantBits() & 0xFu);
            bestLabel.CopyTo(labels.AsSpan(i, 4));
            if (updateCenters)
            {
                // acc has k * d elements; j < k, so every offset below is in range (no bounds checks needed).
                ref var a = ref MemoryMarshal.GetReference(acc);
                for (var j = 0; j < k; j++)
                {
                    var mask = Vector256.Equals(bestLabel, Unsafe.Add(ref jv, j));
                    count[j] += BitOperations.PopCount(mask.ExtractMostSignificantBits());
                    ref var aj = ref Unsafe.Add(ref a, j * d);
                    aj += mask & v0;
                    if (d > 1) Unsafe.Add(ref aj, 1) += mask & v1;
                    if (d > 2) Unsafe.Add(ref aj, 2) += mask & v2;
                    if (d > 3) Unsafe.Add(ref aj, 3) += mask & v3;
                }
            }
        }

        var sums = work.Sums[chunk];
        var counts = work.Counts[chunk];
        if (updateCenters)
        {
            for (var q = 0; q < k * d; q++) sums[q] = ColumnKernels.Reduce(acc[q]);
            for (var j = 0; j < k; j++) counts[j] = count[j];
        }

        work.Changed[chunk] = changed + AssignRows(data, centers, labels, i, end, sums, counts, updateCenters);
        labelValuesBuffer.Dispose();
        countBuffer.Dispose();
        accBuffer.Dispose();
        cvBuffer.Dispose();
    }

    /// <summary>Squared distances of four rows to the centre at cv[offset..]: (t0² + t1²) + ..., as the scalar loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Distance4<TD>(Vector256<double> v0, Vector256<double> v1, Vector256<double> v2,
        Vector256<double> v3, ref Vector256<double> center) where TD : struct, IFeatureCount
    {
        var t = v0 - center;
        var s = t * t;
        if (TD.Value > 1) { t = v1 - Unsafe.Add(ref center, 1); s += t * t; }
        if (TD.Value > 2) { t = v2 - Unsafe.Add(ref center, 2); s += t * t; }
        if (TD.Value > 3) { t = v3 - Unsafe.Add(ref center, 3); s += t * t; }
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AssignChunkAnyWidth(KMeansData data, double[] centers, double[] labels, LloydWorkspace work, int chunk, bool updateCenters)
    {
        var n = data.Rows;
        var d = data.Features;
        var k = centers.Length / d;
        var start = chunk * ChunkSize;
        var end = Math.Min(n, start + ChunkSize);
        var x = data.Values;

        var cvBuffer = new ScratchBuffer<Vector256<double>>(k * d, stackalloc Vector256<double>[ScratchBuffer.StackSize(k * d)]);
        var cv = cvBuffer.Span;
        for (var q = 0; q < cv.Length; q++) cv[q] = Vector256.Create(centers[q]);
        var accBuffer = new ScratchBuffer<Vector256<double>>(updateCenters ? k * (d + 1) : 0, stackalloc Vector256<double>[ScratchBuffer.StackSize(updateCenters ? k * (d + 1) : 0)]);
        var acc = accBuffer.Span;
        acc.Clear();
        var xvBuffer = new ScratchBuffer<Vector256<double>>(d, stackalloc Vector256<double>[ScratchBuffer.StackSize(d)]);
        var xv = xvBuffer.Span;
        var one = Vector256.Create(1.0);

        var changed = 0;
        var i = start;
        for (; i + 4 <= end; i += 4)
        {
            for (var f = 0; f < d; f++) xv[f] = Vector256.Create(x.AsSpan(f * n + i, 4));
            var best = Distance4(xv, cv.Slice(0, d));
            var bestLabel = Vector256<double>.Zero;
            for (var j = 1; j < k; j++)
            {
                var dist = Distance4(xv, cv.Slice(j * d, d));
                var less = Vector256.LessThan(dist, best);
                best = Vector256.ConditionalSelect(less, dist, best);
                bestLabel = Vector256.ConditionalSelect(less, Vector256.Create((double)j), bestLabel);
            }
            var old = Vector256.Create(labels.AsSpan(i, 4));
            changed += BitOperations.PopCount(~Vector256.Equals(bestLabel, old).ExtractMostSignificantBits() & 0xFu);
            bestLabel.CopyTo(labels.AsSpan(i, 4));
            if (updateCenters)
            {
                for (var j = 0; j < k; j++)
                {
                    var mask = Vector256.Equals(bestLabel, Vector256.Create((double)j));
                    acc[k * d + j] += mask & one;
                    for (var f = 0; f < d; f++) acc[j * d + f] += mask & xv[f];
                }
            }
        }

        var sums = work.Sums[chunk];
        var counts = work.Counts[chunk];
        if (updateCenters)
        {
            for (var q = 0; q < k * d; q++) sums[q] = ColumnKernels.Reduce(acc[q]);
            for (var j = 0; j < k; j++) counts[j] = ColumnKernels.Reduce(acc[k * d + j]);
        }

        work.Changed[chunk] = changed + AssignRows(data, centers, labels, i, end, sums, counts, updateCenters);
        xvBuffer.Dispose();
        accBuffer.Dispose();
        cvBuffer.Dispose();
    }

    /// <summary>
    /// Assigns rows [from, end) one by one with <see cref="Nearest"/> (the last rows of a chunk, fewer than four)
    /// and adds them to the chunk's sums and counts; returns how many labels changed.
    /// </summary>
    private static int AssignRows(KMeansData data, double[] centers, double[] labels, int from, int end, double[] sums,
        double[] counts, bool updateCenters)
    {
        var n = data.Rows;
        var d = data.Features;
        var k = centers.Length / d;
        var x = data.Values;
        var rowBuffer = new ScratchBuffer<double>(d, stackalloc double[ScratchBuffer.StackSize(d)]);
        var row = rowBuffer.Span;
        var changed = 0;
        for (var i = from; i < end; i++)
        {
            for (var f = 0; f < d; f++) row[f] = x[f * n + i];
            var label = Nearest(row, centers, k, out _);
            if (labels[i] != label)
            {
                labels[i] = label;
                changed++;
            }
            if (updateCenters)
            {
                for (var f = 0; f < d; f++) sums[label * d + f] += row[f];
                counts[label] += 1.0;
            }
        }
        rowBuffer.Dispose();
        return changed;
    }

    /// <summary>Squared distances of four rows to one centre: ((0 + t0²) + t1²) + ..., lane by lane, as the scalar loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Distance4(ReadOnlySpan<Vector256<double>> xv, ReadOnlySpan<Vector256<double>> center)
    {
        var s = Vector256<double>.Zero;
        for (var f = 0; f < xv.Length; f++)
        {
            var t = xv[f] - center[f];
            s += t * t;
        }
        return s;
    }

    /// <summary>
    /// scikit-learn's _relocate_empty_clusters_dense: each empty cluster takes one of the rows farthest
    /// from their current centre (largest distance first, lower row index on ties); that row is moved out
    /// of its old cluster's sum. Labels are not changed here; the next assignment step does that.
    /// <paramref name="centersNew"/> holds sums (not yet means) when this runs.
    /// </summary>
    private static void RelocateEmptyClusters(KMeansData data, double[] centersOld, double[] centersNew, double[] weights, double[] labels)
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
        var row = new double[d];
        for (var i = 0; i < n; i++)
        {
            CopyRow(data, i, row);
            distances[i] = SquaredDistance(row, centersOld.AsSpan((int)labels[i] * d, d));
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
            var oldCluster = (int)labels[far];
            for (var f = 0; f < d; f++)
            {
                centersNew[oldCluster * d + f] -= x[f * n + far];
                centersNew[newCluster * d + f] = x[f * n + far];
            }
            weights[newCluster] = 1.0;
            weights[oldCluster] -= 1.0;
        }
    }
}
