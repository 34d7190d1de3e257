namespace Churn.Algorithms.Linear;

/// <summary>
/// One chunk of <see cref="LogisticObjective"/>'s pass over the rows, in blocks of
/// <see cref="Collinearity.RowBlock"/>(p) rows: a block's margins z = x.w + b are summed column by column
/// (four columns per sweep, so the block's columns stream through once and stay in cache), then its loss,
/// r = s (p - y) and h = s p (1 - p) eight rows at a time (<see cref="Terms{T}"/>), then, while the block
/// is still in cache, its gradient dot products and Hessian tiles. Every row's z is b then one fused
/// multiply-add per column in column order, the loss lanes are carried across blocks, and the gradient and
/// Hessian are summed per block as before blocking, so the bits do not depend on the block layout, the
/// thread count or the lane width (<see cref="IEightLanes{TSelf}"/>).
/// </summary>
internal static class LogisticRows
{
    private const int Lanes = IEightLanes<OneVector512>.Count;

    /// <summary>What one chunk reads: the column-major design, labels, optional weights and its row range.</summary>
    internal readonly record struct Chunk(double[] X, int Rows, int Features, bool FitIntercept, double[] Y, double[]? Weights,
        int Start, int Length);

    /// <summary>One worker's buffers: r and h for a chunk, z for a block and a block of the weighted columns h x_j.</summary>
    internal sealed class Scratch(int rows, int features)
    {
        public double[] R { get; } = new double[rows];
        public double[] H { get; } = new double[rows];
        public double[] Z { get; } = new double[Collinearity.RowBlock(features)];
        public double[] Weighted { get; } = new double[HessianTiles.BlockRows(features) * features];
    }

    /// <summary>
    /// Returns the chunk's sum of s_i loss_i and, by <paramref name="mode"/>, adds its gradient into
    /// <paramref name="grad"/> and its Hessian's upper triangle into <paramref name="hess"/>. With
    /// <paramref name="hessianLater"/> the Hessian is left out and the chunk's h stays in scratch.H for the caller
    /// to sum (<see cref="HessianTiles.AddUpper{T}"/> over the whole chunk: the same blocks, so the same bits).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Add<T>(in Chunk c, ReadOnlySpan<double> theta, LogisticObjective.Mode mode, Scratch scratch,
        Span<double> grad, Span<double> hess, bool hessianLater = false) where T : struct, IEightLanes<T>
    {
        var d = c.Features;
        var p = d + (c.FitIntercept ? 1 : 0);
        var w = theta[..d];
        var b = c.FitIntercept ? theta[d] : 0.0;
        var weighted = c.Weights is not null;
        // Few parameters: gradient and Hessian in one pass over the chunk with the sums in registers.
        var small = mode == LogisticObjective.Mode.Hessian && p <= ColumnKernels.SmallGramLimit;
        ref var ry = ref c.Y[c.Start];
        ref var rs = ref weighted ? ref c.Weights![c.Start] : ref c.Y[c.Start];
        ref var rr = ref scratch.R[0];
        ref var rh = ref scratch.H[0];
        ref var rz = ref scratch.Z[0];
        var block = Collinearity.RowBlock(p);
        var acc = T.Zero;
        for (var first = 0; first < c.Length; first += block)
        {
            var m = Math.Min(block, c.Length - first);
            var full = m / Lanes * Lanes;
            var offset = c.Start + first;
            Margins<T>(c.X, c.Rows, offset, full, w, b, scratch.Z);
            for (var i = 0; i < full; i += Lanes)
            {
                var at = (nuint)(first + i);
                var sv = weighted ? T.Load(ref rs, at) : T.One;
                acc += Terms(T.Load(ref rz, (nuint)i), T.Load(ref ry, at), sv, weighted, mode, ref rr, ref rh, at);
            }
            if (full < m) acc += Tail<T>(c, first + full, m - full, w, b, mode, scratch);
            if (mode == LogisticObjective.Mode.Value || small) continue;

            // Gradient: one dot product per column over the block (still in cache).
            var rb = scratch.R.AsSpan(first, m);
            for (var j = 0; j < d; j++) grad[j] += ColumnKernels.Dot(rb, c.X.AsSpan(j * c.Rows + offset, m));
            if (c.FitIntercept) grad[d] += ColumnKernels.Sum(rb);
            if (mode == LogisticObjective.Mode.Hessian && !hessianLater)
                HessianTiles.AddUpper<T>(scratch.H.AsSpan(first, m), c.X, c.Rows, offset, d, c.FitIntercept, hess, scratch.Weighted);
        }
        if (small)
            ColumnKernels.SmallGram(scratch.R.AsSpan(0, c.Length), scratch.H.AsSpan(0, c.Length), c.X, c.Rows, c.Start, d,
                c.FitIntercept, grad, hess);
        return acc.Sum();
    }

    /// <summary>
    /// The row part of <see cref="Add{T}"/> for the chunk rows [<paramref name="from"/>, <paramref name="to"/>) (from a
    /// multiple of the block, to one or the chunk's end): the same blocks, margins (into <paramref name="z"/>) and terms,
    /// r and h stored in scratch, and each group of eight rows' loss lanes stored at losses[row of the group] (the
    /// chunk's last rows as one more group). Two calls on disjoint ranges, each with its own z, may run at once; adding
    /// the groups' losses in row order then gives Add's loss bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RowTerms<T>(in Chunk c, ReadOnlySpan<double> theta, LogisticObjective.Mode mode, Scratch scratch, double[] z,
        int from, int to, double[] losses) where T : struct, IEightLanes<T>
    {
        var d = c.Features;
        var p = d + (c.FitIntercept ? 1 : 0);
        var w = theta[..d];
        var b = c.FitIntercept ? theta[d] : 0.0;
        var weighted = c.Weights is not null;
        ref var ry = ref c.Y[c.Start];
        ref var rs = ref weighted ? ref c.Weights![c.Start] : ref c.Y[c.Start];
        ref var rr = ref scratch.R[0];
        ref var rh = ref scratch.H[0];
        ref var rz = ref z[0];
        ref var rl = ref losses[0];
        var block = Collinearity.RowBlock(p);
        for (var first = from; first < to; first += block)
        {
            var m = Math.Min(block, c.Length - first);
            var full = m / Lanes * Lanes;
            Margins<T>(c.X, c.Rows, c.Start + first, full, w, b, z);
            for (var i = 0; i < full; i += Lanes)
            {
                var at = (nuint)(first + i);
                var sv = weighted ? T.Load(ref rs, at) : T.One;
                Terms(T.Load(ref rz, (nuint)i), T.Load(ref ry, at), sv, weighted, mode, ref rr, ref rh, at).Store(ref rl, at);
            }
            if (full < m) Tail<T>(c, first + full, m - full, w, b, mode, scratch).Store(ref rl, (nuint)(first + full));
        }
    }

    /// <summary>
    /// z_i = b + sum_j w_j x_ij for the <paramref name="count"/> (a multiple of 8) rows from <paramref name="offset"/>:
    /// fused multiply-adds in column order, four columns per sweep over the rows (the last sweep takes the
    /// one to three columns left; the first starts from b).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Margins<T>(double[] x, int rows, int offset, int count, ReadOnlySpan<double> w, double b, double[] z)
        where T : struct, IEightLanes<T>
    {
        var d = w.Length;
        ref var rz = ref z[0];
        ref var rx = ref MemoryMarshal.GetArrayDataReference(x);
        if (d == 0) z.AsSpan(0, count).Fill(b);
        var bv = T.Create(b);
        var j = 0;
        for (; j + 4 <= d; j += 4)
        {
            var (w0, w1, w2, w3) = (T.Create(w[j]), T.Create(w[j + 1]), T.Create(w[j + 2]), T.Create(w[j + 3]));
            var c0 = (nuint)((long)j * rows + offset);
            var c1 = c0 + (nuint)rows;
            var c2 = c1 + (nuint)rows;
            var c3 = c2 + (nuint)rows;
            var first = j == 0;
            for (var i = (nuint)0; i < (nuint)count; i += Lanes)
            {
                var zv = T.FusedMultiplyAdd(w0, T.Load(ref rx, c0 + i), first ? bv : T.Load(ref rz, i));
                zv = T.FusedMultiplyAdd(w1, T.Load(ref rx, c1 + i), zv);
                zv = T.FusedMultiplyAdd(w2, T.Load(ref rx, c2 + i), zv);
                T.FusedMultiplyAdd(w3, T.Load(ref rx, c3 + i), zv).Store(ref rz, i);
            }
        }
        if (j == d) return;
        // One to three columns left, in one sweep.
        var left = d - j;
        var (v0, v1, v2) = (T.Create(w[j]), T.Create(left > 1 ? w[j + 1] : 0), T.Create(left > 2 ? w[j + 2] : 0));
        var k0 = (nuint)((long)j * rows + offset);
        var k1 = k0 + (nuint)rows;
        var k2 = k1 + (nuint)rows;
        var fromB = j == 0;
        for (var i = (nuint)0; i < (nuint)count; i += Lanes)
        {
            var zv = T.FusedMultiplyAdd(v0, T.Load(ref rx, k0 + i), fromB ? bv : T.Load(ref rz, i));
            if (left > 1) zv = T.FusedMultiplyAdd(v1, T.Load(ref rx, k1 + i), zv);
            if (left > 2) zv = T.FusedMultiplyAdd(v2, T.Load(ref rx, k2 + i), zv);
            zv.Store(ref rz, i);
        }
    }

    /// <summary>
    /// The last rows of a chunk (fewer than 8, from chunk row <paramref name="first"/>) through <see cref="Terms{T}"/>,
    /// padded with weight-0 rows that add exactly 0; z as in <see cref="Margins{T}"/>, one row at a time.
    /// </summary>
    private static T Tail<T>(in Chunk c, int first, int count, ReadOnlySpan<double> w, double b, LogisticObjective.Mode mode,
        Scratch scratch) where T : struct, IEightLanes<T>
    {
        // z, y, s in, r, h out: 8 lanes each.
        Span<double> tail = stackalloc double[5 * Lanes];
        tail.Clear();
        var row = c.Start + first;
        for (var t = 0; t < count; t++)
        {
            var zi = b;
            for (var j = 0; j < w.Length; j++) zi = Math.FusedMultiplyAdd(w[j], c.X[j * c.Rows + row + t], zi);
            tail[t] = zi;
            tail[Lanes + t] = c.Y[row + t];
            tail[2 * Lanes + t] = c.Weights is null ? 1.0 : c.Weights[row + t];
        }
        ref var rt = ref MemoryMarshal.GetReference(tail);
        var loss = Terms(T.Load(ref rt, 0), T.Load(ref rt, Lanes), T.Load(ref rt, 2 * Lanes), weighted: true, mode,
            ref Unsafe.Add(ref rt, 3 * Lanes), ref Unsafe.Add(ref rt, 4 * Lanes), 0);
        if (mode != LogisticObjective.Mode.Value) tail.Slice(3 * Lanes, count).CopyTo(scratch.R.AsSpan(first));
        if (mode == LogisticObjective.Mode.Hessian) tail.Slice(4 * Lanes, count).CopyTo(scratch.H.AsSpan(first));
        return loss;
    }

    /// <summary>
    /// The terms of 8 rows from their margins z: with e = e^-|z| and u = 1 + e, loss = max(z, 0) + log1p(e) - y z,
    /// p = 1/u for z &gt;= 0 and e/u otherwise, p (1 - p) = e / u^2; r and h are stored at <paramref name="i"/>
    /// by mode. Rows with s = 0 contribute exactly 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Terms<T>(T zv, T yv, T sv, bool weighted, LogisticObjective.Mode mode, ref double r, ref double h, nuint i)
        where T : struct, IEightLanes<T>
    {
        var zero = T.Zero;
        var e = LogisticMath.ExpNonPositive(-T.Abs(zv));
        var log1p = LogisticMath.Log1PAndInverse(e, out var inv);
        var loss = T.Max(zv, zero) + log1p - yv * zv;
        var active = T.AllBitsSet;
        if (weighted)
        {
            active = ~T.Equal(sv, zero);
            loss = T.ConditionalSelect(active, sv * loss, zero);
        }
        if (mode == LogisticObjective.Mode.Value) return loss;

        var prob = T.ConditionalSelect(T.GreaterThanOrEqual(zv, zero), inv, e * inv);
        var rv = prob - yv;
        if (weighted) rv = T.ConditionalSelect(active, sv * rv, zero);
        rv.Store(ref r, i);
        if (mode != LogisticObjective.Mode.Hessian) return loss;

        var hv = e * inv * inv;
        if (weighted) hv = T.ConditionalSelect(active, sv * hv, zero);
        hv.Store(ref h, i);
        return loss;
    }
}
