namespace Churn.Algorithms.Linear;

/// <summary>
/// The Hessian part of one chunk of <see cref="LogisticObjective"/>: H[a, b] += sum_i h_i x_ia x_ib for
/// a &lt;= b (upper triangle), plus the intercept row when there is one. Rows go in blocks of
/// <see cref="BlockRows"/>: the block's weighted columns h x_a are formed once, then every 2 x 4 tile of
/// entries is summed in one <see cref="RegisterTile.Sweep{T}"/> with its 8 accumulators in registers. Every entry
/// gets exactly the additions of <see cref="ColumnKernels.Dot"/>(h x_a, x_b) per block, as the Hessian had before the tiles (same bits):
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
    /// Only the rows a in [<paramref name="fromRow"/>, <paramref name="toRow"/>) of the triangle (and their intercept
    /// entries; the intercept's own entry with the last row) are summed: two calls with an even split cover the
    /// triangle with the same additions per entry as one, so they may run on two threads at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddUpper<T>(ReadOnlySpan<double> h, double[] x, int rows, int start, int d, bool fitIntercept,
        Span<double> hess, double[] weighted, int fromRow = 0, int toRow = -1) where T : struct, IEightLanes<T>
    {
        var p = d + (fitIntercept ? 1 : 0);
        if (toRow < 0) toRow = d;
        var block = BlockRows(p);
        for (var first = 0; first < h.Length; first += block)
        {
            var m = Math.Min(block, h.Length - first);
            var offset = start + first;
            var hb = h.Slice(first, m);
            for (var a = fromRow; a < toRow; a++)
            {
                var wa = weighted.AsSpan(a * block, m);
                ColumnKernels.Multiply(hb, x.AsSpan(a * rows + offset, m), wa);
                if (fitIntercept) hess[a * p + d] += ColumnKernels.Sum(wa);
            }
            if (fitIntercept && toRow == d) hess[d * p + d] += ColumnKernels.Sum(hb);
            for (var a = fromRow; a < toRow; a += 2)
                for (var b = a; b < d; b += 4)
                    Tile<T>(weighted, block, a, Math.Min(2, d - a), x, rows, offset, b, Math.Min(4, d - b), m, hess, p);
        }
    }

    /// <summary>
    /// The even row of the triangle that splits <see cref="AddUpper{T}"/>'s tiles of d columns into two halves of
    /// about equal work (row a holds d - a entries).
    /// </summary>
    public static int EvenSplit(int d)
    {
        // Below four columns both halves would reach the last row (the intercept's entry summed twice) or past it.
        if (d < 4) throw new ArgumentOutOfRangeException(nameof(d), d, "splitting the triangle needs at least 4 columns.");
        var total = (long)d * (d + 1) / 2;
        long before = 0;
        var best = 2;
        var bestGap = long.MaxValue;
        for (var split = 2; split < d; split += 2)
        {
            before += 2L * (d - split) + 3; // rows split - 2 and split - 1
            var gap = Math.Abs(2 * before - total);
            if (gap < bestGap) (best, bestGap) = (split, gap);
        }
        return best;
    }

    /// <summary>hess[(a + i) p + b + j] += sum over the block of (h x_{a+i}) x_{b+j} for i &lt; na, j &lt; nb, kept where b + j &gt;= a + i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Tile<T>(double[] weighted, int block, int a, int na, double[] x, int rows, int offset, int b, int nb, int m,
        Span<double> hess, int p) where T : struct, IEightLanes<T>
    {
        const int lanes = IEightLanes<T>.Count;
        // Missing rows/columns of a partial tile repeat the first one; their sums are never stored.
        var a1 = a + (na > 1 ? 1 : 0);
        int Column(int j) => (b + (j < nb ? j : 0)) * rows + offset;
        var i = RegisterTile.Sweep<T>(ref weighted[a * block], ref weighted[a1 * block],
            ref x[Column(0)], ref x[Column(1)], ref x[Column(2)], ref x[Column(3)], m, out var sums);
        Span<double> lane = stackalloc double[8 * lanes];
        sums.Store(lane);
        // The rest as ColumnKernels.Dot does it, so every entry has the bits of Dot(h x_a, x_b): a last group of
        // four rows into lanes 0-3, the lanes added as Sum does, then the last rows one by one (sum + w x).
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
