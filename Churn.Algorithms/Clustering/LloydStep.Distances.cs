namespace Churn.Algorithms.Clustering;

/// <summary>Distances of every row to one point (k-means++ seeding) and the inertia, over the blocked data (<see cref="KMeansData"/>).</summary>
internal static partial class LloydStep
{
    /// <summary>Squared distances of every row to one point, lane arithmetic as the scalar loop.</summary>
    internal static void DistancesTo(KMeansData data, ReadOnlySpan<double> point, Span<double> output) =>
        Distances(data, point, output, keepMinimum: false);

    /// <summary>output[i] = min(output[i], squared distance of row i to point), distances as in <see cref="DistancesTo"/>.</summary>
    internal static void MinDistancesTo(KMeansData data, ReadOnlySpan<double> point, Span<double> output) =>
        Distances(data, point, output, keepMinimum: true);

    private static void Distances(KMeansData data, ReadOnlySpan<double> point, Span<double> output, bool keepMinimum)
    {
        if (output.Length < data.Rows || point.Length != data.Features)
            throw new ArgumentException("output must hold every row and point every feature.");
        switch (data.Features)
        {
            case 1: Distances<OneFeature>(data, point, output, keepMinimum); return;
            case 2: Distances<TwoFeatures>(data, point, output, keepMinimum); return;
            case 3: Distances<ThreeFeatures>(data, point, output, keepMinimum); return;
            case 4: Distances<FourFeatures>(data, point, output, keepMinimum); return;
            default: Distances<AnyFeatures>(data, point, output, keepMinimum); return;
        }
    }

    /// <summary>
    /// Four rows per Vector256, each lane ((t0² + t1²) + t2²) + ..., the scalar loop's sum (its 0 + t0² is t0²: a square is
    /// never -0). <typeparamref name="TD"/> fixes the feature count at compile time, as in AssignChunk.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Distances<TD>(KMeansData data, ReadOnlySpan<double> point, Span<double> output, bool keepMinimum)
        where TD : struct, IFeatureCount
    {
        var n = data.Rows;
        var d = TD.Value == 0 ? data.Features : TD.Value;
        var pvBuffer = new ScratchBuffer<Vector256<double>>(d, stackalloc Vector256<double>[ScratchBuffer.StackSize(d)]);
        var pv = pvBuffer.Span;
        for (var f = 0; f < d; f++) pv[f] = Vector256.Create(point[f]);
        var p0 = pv[0];
        var p1 = d > 1 ? pv[1] : default;
        var p2 = d > 2 ? pv[2] : default;
        var p3 = d > 3 ? pv[3] : default;
        // Block b (rows 4b..4b+3) is the d Vector256 from x0 + b * d; output holds n >= 4 * blocks doubles (checked above).
        ref var x0 = ref Unsafe.As<double, Vector256<double>>(ref MemoryMarshal.GetArrayDataReference(data.Values));
        ref var o0 = ref MemoryMarshal.GetReference(output);
        var blocks = n >> 2;
        for (var b = 0; b < blocks; b++)
        {
            ref var x = ref Unsafe.Add(ref x0, b * d);
            var t = x - p0;
            var s = t * t;
            if (TD.Value == 0)
            {
                for (var f = 1; f < d; f++)
                {
                    t = Unsafe.Add(ref x, f) - pv[f];
                    s += t * t;
                }
            }
            else
            {
                if (TD.Value > 1) { t = Unsafe.Add(ref x, 1) - p1; s += t * t; }
                if (TD.Value > 2) { t = Unsafe.Add(ref x, 2) - p2; s += t * t; }
                if (TD.Value > 3) { t = Unsafe.Add(ref x, 3) - p3; s += t * t; }
            }
            ref var o = ref Unsafe.As<double, Vector256<double>>(ref Unsafe.Add(ref o0, b * 4));
            o = keepMinimum ? Vector256.Min(s, o) : s;
        }
        var x1 = data.Values;
        for (var i = blocks * 4; i < n; i++)
        {
            var s = 0.0;
            for (var f = 0; f < d; f++)
            {
                var t = x1[data.Index(i, f)] - point[f];
                s += t * t;
            }
            if (!keepMinimum || s < output[i]) output[i] = s;
        }
        pvBuffer.Dispose();
    }

    /// <summary>Row i of the data copied into <paramref name="row"/>.</summary>
    internal static void CopyRow(KMeansData data, int i, Span<double> row)
    {
        for (var f = 0; f < data.Features; f++) row[f] = data.Values[data.Index(i, f)];
    }

    /// <summary>Sum over rows of the squared distance to the row's labelled centre, chunk sums added in order.</summary>
    internal static double Inertia(KMeansData data, double[] centers, double[] labels, LloydWorkspace work, ParallelOptions? parallel)
    {
        var chunks = work.Chunks;
        var partial = work.Partial;
        void Chunk(int chunk)
        {
            var d = data.Features;
            var n = data.Rows;
            var x = data.Values;
            var start = chunk * ChunkSize;
            var end = Math.Min(n, start + ChunkSize);
            var s = 0.0;
            for (var i = start; i < end; i++)
            {
                var c = (int)labels[i] * d;
                var dist = 0.0;
                for (var f = 0; f < d; f++)
                {
                    var t = x[data.Index(i, f)] - centers[c + f];
                    dist += t * t;
                }
                s += dist;
            }
            partial[chunk] = s;
        }
        if (parallel is null)
            for (var c = 0; c < chunks; c++) Chunk(c);
        else
            Parallel.For(0, chunks, parallel, Chunk);
        return Total(work);
    }

    /// <summary>The chunks' inertias in work.Partial (from <see cref="Inertia"/> or a final assignment) added in chunk order.</summary>
    internal static double Total(LloydWorkspace work)
    {
        var total = 0.0;
        for (var c = 0; c < work.Chunks; c++) total += work.Partial[c];
        return total;
    }
}
