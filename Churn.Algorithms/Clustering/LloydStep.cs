using System.Numerics;
using Churn.Algorithms.Linear;

namespace Churn.Algorithms.Clustering;

/// <summary>
/// One Lloyd iteration on the n x d data in blocks of four rows (<see cref="KMeansData"/>) (scikit-learn's lloyd_iter_chunked_dense):
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
    /// centre's squared move to <paramref name="squaredShift"/>; otherwise (the final assignment) writes each
    /// chunk's inertia to work.Partial, which <see cref="Total"/> adds up. Returns how many labels changed.
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

    /// <summary>The kernel compiled for the data's feature count (1 to 4 unrolled, any other width as a loop).</summary>
    private static void AssignChunk(KMeansData data, double[] centers, double[] labels, LloydWorkspace work, int chunk, bool updateCenters)
    {
        switch (data.Features)
        {
            case 1: AssignChunk<OneFeature>(data, centers, labels, work, chunk, updateCenters); return;
            case 2: AssignChunk<TwoFeatures>(data, centers, labels, work, chunk, updateCenters); return;
            case 3: AssignChunk<ThreeFeatures>(data, centers, labels, work, chunk, updateCenters); return;
            case 4: AssignChunk<FourFeatures>(data, centers, labels, work, chunk, updateCenters); return;
            default: AssignChunk<AnyFeatures>(data, centers, labels, work, chunk, updateCenters); return;
        }
    }

    /// <summary>
    /// Assigns the rows of one chunk and writes the chunk's per-cluster sums and counts. Rows go eight at a
    /// time (two blocks of four Vector256 lanes; a last block of four alone) against four centres at a time,
    /// so 8 independent distance sums are in flight; each lane does exactly the scalar arithmetic of
    /// <see cref="SquaredDistance"/> ((0 + t0²) + t1²) + ..., so labels equal what <see cref="Nearest"/> gives.
    /// Lane l of a block adds its row to lane l of its cluster's sums, rows in order; lane sums are reduced as
    /// (l0 + l1) + (l2 + l3) and the rows left after the last block of four are added one by one after that.
    /// <typeparamref name="TD"/> fixes the feature count at compile time (<see cref="AnyFeatures"/>: the data's).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AssignChunk<TD>(KMeansData data, double[] centers, double[] labels, LloydWorkspace work, int chunk,
        bool updateCenters) where TD : struct, IFeatureCount
    {
        var n = data.Rows;
        var d = TD.Value == 0 ? data.Features : TD.Value;
        var k = centers.Length / d;
        var start = chunk * ChunkSize;
        var end = Math.Min(n, start + ChunkSize);

        // Every cluster's sums by lane l (rows i with i % 4 == l), in the layout of SumsByRow(d): 4 * k * d doubles.
        var accBuffer = new ScratchBuffer<Vector256<double>>(updateCenters ? k * d : 0, stackalloc Vector256<double>[ScratchBuffer.StackSize(updateCenters ? k * d : 0)]);
        var acc = accBuffer.Span;
        acc.Clear();
        ref var accRef = ref MemoryMarshal.GetReference(acc);
        var countBuffer = new ScratchBuffer<int>(k, stackalloc int[ScratchBuffer.StackSize(k)]);
        var count = countBuffer.Span;
        count.Clear();
        // Label j as a vector, read from memory by the selects rather than converted and broadcast per block.
        var labelValuesBuffer = new ScratchBuffer<Vector256<double>>(k, stackalloc Vector256<double>[ScratchBuffer.StackSize(k)]);
        var labelValues = labelValuesBuffer.Span;
        for (var j = 0; j < k; j++) labelValues[j] = Vector256.Create((double)j);
        ref var jv = ref MemoryMarshal.GetReference(labelValues);
        // The block of rows i..i+3 is the d Vector256 from x0 + i / 4 * d (KMeansData's layout).
        ref var x0 = ref Unsafe.As<double, Vector256<double>>(ref MemoryMarshal.GetArrayDataReference(data.Values));
        ref var c0 = ref MemoryMarshal.GetArrayDataReference(centers);

        // Narrow data, few clusters: the sums are added after the labels, in registers (AddLaneSumsAfter).
        var sumsAfter = updateCenters && TD.Value != 0 && k <= LaneSumsAfterMaxClusters;
        var sumsInStore = updateCenters && !sumsAfter;
        var changed = 0;
        // The final assignment's inertia: each row's distance to its nearest centre, rows in order (as Inertia).
        var inertia = 0.0;
        var i = start;
        // Wide data on AVX-512: sixteen rows at a time in Vector512 pairs of blocks (WideRows); the rest below.
        if (TD.Value == 0 && work.WideRows && k >= 4)
            i = WideRows(ref x0, ref c0, ref jv, d, k, start, end, labels, ref accRef, count, sumsInStore, updateCenters, ref changed, ref inertia);
        while (i + 4 <= end)
        {
            // A last block of four is computed twice (as A and B) and stored once.
            var two = i + 8 <= end;
            var ib = two ? i + 4 : i;
            ref var xa = ref Unsafe.Add(ref x0, (i >> 2) * d);
            ref var xb = ref Unsafe.Add(ref x0, (ib >> 2) * d);
            var bestA = Vector256.Create(double.PositiveInfinity);
            var bestB = bestA;
            var labelA = Vector256<double>.Zero;
            var labelB = labelA;
            var j = 0;
            // centers has k * d elements and every offset below is below (j + 4) * d <= k * d.
            for (; j + 4 <= k; j += 4)
            {
                ref var c = ref Unsafe.Add(ref c0, j * d);
                Vector256<double> a0 = default, a1 = default, a2 = default, a3 = default;
                Vector256<double> b0 = default, b1 = default, b2 = default, b3 = default;
                Terms(ref xa, ref xb, ref c, d, 0, true, ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3);
                if (TD.Value == 0)
                {
                    for (var f = 1; f < d; f++)
                        Terms(ref xa, ref xb, ref c, d, f, false, ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3);
                }
                else
                {
                    // Narrow data: the feature loop unrolled (TD.Value is a JIT-time constant).
                    if (TD.Value > 1) Terms(ref xa, ref xb, ref c, d, 1, false, ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3);
                    if (TD.Value > 2) Terms(ref xa, ref xb, ref c, d, 2, false, ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3);
                    if (TD.Value > 3) Terms(ref xa, ref xb, ref c, d, 3, false, ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3);
                }
                ref var jg = ref Unsafe.Add(ref jv, j);
                if (j == 0)
                {
                    // Every distance is below the initial +infinity or is it (then label 0 stays): centre 0 is taken as is.
                    bestA = a0; bestB = b0;
                }
                else
                {
                    Keep(a0, ref jg, ref bestA, ref labelA); Keep(b0, ref jg, ref bestB, ref labelB);
                }
                Keep(a1, ref Unsafe.Add(ref jg, 1), ref bestA, ref labelA); Keep(b1, ref Unsafe.Add(ref jg, 1), ref bestB, ref labelB);
                Keep(a2, ref Unsafe.Add(ref jg, 2), ref bestA, ref labelA); Keep(b2, ref Unsafe.Add(ref jg, 2), ref bestB, ref labelB);
                Keep(a3, ref Unsafe.Add(ref jg, 3), ref bestA, ref labelA); Keep(b3, ref Unsafe.Add(ref jg, 3), ref bestB, ref labelB);
            }
            for (; j < k; j++)
            {
                ref var c = ref Unsafe.Add(ref c0, j * d);
                var w = Vector256.Create(c);
                var t = xa - w;
                var a0 = t * t;
                t = xb - w;
                var b0 = t * t;
                for (var f = 1; f < d; f++)
                {
                    w = Vector256.Create(Unsafe.Add(ref c, f));
                    t = Unsafe.Add(ref xa, f) - w; a0 += t * t;
                    t = Unsafe.Add(ref xb, f) - w; b0 += t * t;
                }
                Keep(a0, ref Unsafe.Add(ref jv, j), ref bestA, ref labelA);
                Keep(b0, ref Unsafe.Add(ref jv, j), ref bestB, ref labelB);
            }
            changed += Store(labelA, labels, i, ref xa, d, k, ref accRef, count, sumsInStore);
            if (two) changed += Store(labelB, labels, ib, ref xb, d, k, ref accRef, count, sumsInStore);
            if (!updateCenters)
            {
                inertia = AddInOrder(inertia, bestA);
                if (two) inertia = AddInOrder(inertia, bestB);
            }
            i += two ? 8 : 4;
        }
        if (sumsAfter) AddLaneSumsAfter<TD>(ref x0, labels, start, i, k, ref accRef, count);

        var sums = work.Sums[chunk];
        var counts = work.Counts[chunk];
        if (updateCenters) ReduceSums(acc, count, d, k, sums, counts);

        work.Changed[chunk] = changed + AssignRows(data, centers, labels, i, end, sums, counts, updateCenters, ref inertia);
        if (!updateCenters) work.Partial[chunk] = inertia;
        labelValuesBuffer.Dispose();
        countBuffer.Dispose();
        accBuffer.Dispose();
    }

    /// <summary>
    /// Adds feature f's squared differences of blocks A and B to centres c..c+3 (one term per sum, as the scalar loop).
    /// The first feature's term is the sum itself: the scalar loop's 0 + t² is t² (a square is never -0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Terms(ref Vector256<double> xa, ref Vector256<double> xb, ref double c, int d, int f, bool first,
        ref Vector256<double> a0, ref Vector256<double> a1, ref Vector256<double> a2, ref Vector256<double> a3,
        ref Vector256<double> b0, ref Vector256<double> b1, ref Vector256<double> b2, ref Vector256<double> b3)
    {
        var va = Unsafe.Add(ref xa, f);
        var vb = Unsafe.Add(ref xb, f);
        var w = Vector256.Create(Unsafe.Add(ref c, f));
        Term(va - w, ref a0, first); Term(vb - w, ref b0, first);
        w = Vector256.Create(Unsafe.Add(ref c, d + f));
        Term(va - w, ref a1, first); Term(vb - w, ref b1, first);
        w = Vector256.Create(Unsafe.Add(ref c, 2 * d + f));
        Term(va - w, ref a2, first); Term(vb - w, ref b2, first);
        w = Vector256.Create(Unsafe.Add(ref c, 3 * d + f));
        Term(va - w, ref a3, first); Term(vb - w, ref b3, first);
    }

    /// <summary>((((sum + v0) + v1) + v2) + v3): the four rows' terms added one by one, in row order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double AddInOrder(double sum, Vector256<double> v) =>
        sum + v.GetElement(0) + v.GetElement(1) + v.GetElement(2) + v.GetElement(3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Term(Vector256<double> t, ref Vector256<double> sum, bool first) => sum = first ? t * t : sum + t * t;

    /// <summary>Lanes strictly nearer to the centre labelled <paramref name="j"/> than their best so far take that label (first centre on ties).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Keep(Vector256<double> distance, ref Vector256<double> j, ref Vector256<double> best, ref Vector256<double> label)
    {
        var less = Vector256.LessThan(distance, best);
        best = Vector256.ConditionalSelect(less, distance, best);
        label = Vector256.ConditionalSelect(less, j, label);
    }

    /// <summary>
    /// Assigns rows [from, end) one by one with <see cref="Nearest"/> (the last rows of a chunk, fewer than four)
    /// and adds them to the chunk's sums and counts; returns how many labels changed.
    /// </summary>
    private static int AssignRows(KMeansData data, double[] centers, double[] labels, int from, int end, double[] sums,
        double[] counts, bool updateCenters, ref double inertia)
    {
        var d = data.Features;
        var k = centers.Length / d;
        var rowBuffer = new ScratchBuffer<double>(d, stackalloc double[ScratchBuffer.StackSize(d)]);
        var row = rowBuffer.Span;
        var changed = 0;
        for (var i = from; i < end; i++)
        {
            CopyRow(data, i, row);
            var label = Nearest(row, centers, k, out var distance);
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
            else
            {
                inertia += distance;
            }
        }
        rowBuffer.Dispose();
        return changed;
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
                centersNew[oldCluster * d + f] -= x[data.Index(far, f)];
                centersNew[newCluster * d + f] = x[data.Index(far, f)];
            }
            weights[newCluster] = 1.0;
            weights[oldCluster] -= 1.0;
        }
    }
}
