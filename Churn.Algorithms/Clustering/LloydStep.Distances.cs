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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Distances(KMeansData data, ReadOnlySpan<double> point, Span<double> output, bool keepMinimum)
    {
        var n = data.Rows;
        var d = data.Features;
        var x = data.Values;
        var pvBuffer = new ScratchBuffer<Vector256<double>>(d, stackalloc Vector256<double>[ScratchBuffer.StackSize(d)]);
        var pv = pvBuffer.Span;
        for (var f = 0; f < d; f++) pv[f] = Vector256.Create(point[f]);
        var i = 0;
        for (; i + 4 <= n; i += 4)
        {
            // The block of rows i..i+3: one Vector256 per feature.
            var distance = Distance4(MemoryMarshal.Cast<double, Vector256<double>>(x.AsSpan(i * d, 4 * d)), pv);
            if (keepMinimum) distance = Vector256.Min(distance, Vector256.Create(output.Slice(i, 4)));
            distance.CopyTo(output.Slice(i, 4));
        }
        for (; i < n; i++)
        {
            var s = 0.0;
            for (var f = 0; f < d; f++)
            {
                var t = x[data.Index(i, f)] - point[f];
                s += t * t;
            }
            if (!keepMinimum || s < output[i]) output[i] = s;
        }
        pvBuffer.Dispose();
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
