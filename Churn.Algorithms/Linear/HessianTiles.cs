namespace Churn.Algorithms.Linear;

/// <summary>
/// The Hessian part of one chunk of <see cref="LogisticObjective"/>: H[a, b] += sum_i h_i x_ia x_ib for
/// a &lt;= b (upper triangle), plus the intercept row when there is one. Rows go in blocks of
/// <see cref="BlockRows"/>: the block's weighted columns h x_a are formed once, then every 2 x 4 tile of
/// entries is summed in one sweep with its 8 accumulators in registers (a dot product per entry loads two
/// columns per multiply-add; a tile loads 6 columns per 8). Every entry gets exactly the additions of
/// <see cref="ColumnKernels.Dot"/>(h x_a, x_b) per block, as the Hessian had before the tiles (same bits):
/// lane l adds rows l, l + 8, ... in order, a last group of four goes into lanes 0-3, the lanes are added in a
/// fixed order and the last rows one by one. Which entries share a tile does not change any entry's
/// additions, so the bits are the same on AVX-512 and AVX2.
/// </summary>
internal static class HessianTiles
{
    /// <summary>Rows per block for p parameters (<see cref="Collinearity.RowBlock"/>, a multiple of 8): the block's weighted and raw columns stay in cache.</summary>
    public static int BlockRows(int p) => Collinearity.RowBlock(p);

    /// <summary>
    /// Adds the chunk's rows [start, start + h.Length) into <paramref name="hess"/> (p x p row-major, p = d + intercept),
    /// upper triangle only. <paramref name="weighted"/> holds at least <see cref="BlockRows"/>(p) x d doubles of scratch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddUpper<T>(ReadOnlySpan<double> h, double[] x, int rows, int start, int d, bool fitIntercept,
        Span<double> hess, double[] weighted) where T : struct, IEightLanes<T>
    {
        var p = d + (fitIntercept ? 1 : 0);
        var block = BlockRows(p);
        for (var first = 0; first < h.Length; first += block)
        {
            var m = Math.Min(block, h.Length - first);
            var offset = start + first;
            var hb = h.Slice(first, m);
            for (var a = 0; a < d; a++)
            {
                var wa = weighted.AsSpan(a * block, m);
                ColumnKernels.Multiply(hb, x.AsSpan(a * rows + offset, m), wa);
                if (fitIntercept) hess[a * p + d] += ColumnKernels.Sum(wa);
            }
            if (fitIntercept) hess[d * p + d] += ColumnKernels.Sum(hb);
            for (var a = 0; a < d; a += 2)
                for (var b = a; b < d; b += 4)
                    Tile<T>(weighted, block, a, Math.Min(2, d - a), x, rows, offset, b, Math.Min(4, d - b), m, hess, p);
        }
    }

    /// <summary>hess[(a + i) p + b + j] += sum over the block of (h x_{a+i}) x_{b+j} for i &lt; na, j &lt; nb, kept where b + j &gt;= a + i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<T>(double[] weighted, int block, int a, int na, double[] x, int rows, int offset, int b, int nb, int m,
        Span<double> hess, int p) where T : struct, IEightLanes<T>
    {
        const int lanes = IEightLanes<T>.Count;
        // Missing rows/columns of a partial tile repeat the first one; their sums are never stored.
        var a1 = a + (na > 1 ? 1 : 0);
        int Column(int j) => (b + (j < nb ? j : 0)) * rows + offset;
        ref var w0 = ref weighted[a * block];
        ref var w1 = ref weighted[a1 * block];
        ref var x0 = ref x[Column(0)];
        ref var x1 = ref x[Column(1)];
        ref var x2 = ref x[Column(2)];
        ref var x3 = ref x[Column(3)];
        T s00 = T.Zero, s01 = T.Zero, s02 = T.Zero, s03 = T.Zero, s10 = T.Zero, s11 = T.Zero, s12 = T.Zero, s13 = T.Zero;
        var i = 0;
        for (; i <= m - lanes; i += lanes)
        {
            var at = (nuint)i;
            var u0 = T.Load(ref w0, at);
            var u1 = T.Load(ref w1, at);
            var c0 = T.Load(ref x0, at);
            var c1 = T.Load(ref x1, at);
            var c2 = T.Load(ref x2, at);
            var c3 = T.Load(ref x3, at);
            s00 = T.FusedMultiplyAdd(u0, c0, s00);
            s01 = T.FusedMultiplyAdd(u0, c1, s01);
            s02 = T.FusedMultiplyAdd(u0, c2, s02);
            s03 = T.FusedMultiplyAdd(u0, c3, s03);
            s10 = T.FusedMultiplyAdd(u1, c0, s10);
            s11 = T.FusedMultiplyAdd(u1, c1, s11);
            s12 = T.FusedMultiplyAdd(u1, c2, s12);
            s13 = T.FusedMultiplyAdd(u1, c3, s13);
        }
        // The rest as ColumnKernels.Dot does it, so every entry has the bits of Dot(h x_a, x_b): a last group of
        // four rows into lanes 0-3, the lanes added as Sum does, then the last rows one by one (sum + w x).
        Span<double> lane = stackalloc double[8 * lanes];
        s00.Store(ref lane[0], 0); s01.Store(ref lane[0], 8); s02.Store(ref lane[0], 16); s03.Store(ref lane[0], 24);
        s10.Store(ref lane[0], 32); s11.Store(ref lane[0], 40); s12.Store(ref lane[0], 48); s13.Store(ref lane[0], 56);
        Span<double> t = stackalloc double[8];
        for (var e = 0; e < 8; e++)
        {
            var w = weighted.AsSpan((e < 4 ? a : a1) * block, m);
            var c = x.AsSpan(Column(e & 3), m);
            var l = lane.Slice(e * lanes, lanes);
            var k = i;
            if (k <= m - 4)
            {
                for (var q = 0; q < 4; q++) l[q] = Math.FusedMultiplyAdd(w[k + q], c[k + q], l[q]);
                k += 4;
            }
            var sum = ((l[0] + l[4]) + (l[1] + l[5])) + ((l[2] + l[6]) + (l[3] + l[7]));
            for (; k < m; k++) sum += w[k] * c[k];
            t[e] = sum;
        }
        for (var ia = 0; ia < na; ia++)
            for (var jb = 0; jb < nb; jb++)
                if (b + jb >= a + ia) hess[(a + ia) * p + b + jb] += t[ia * 4 + jb];
    }
}
