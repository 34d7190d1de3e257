using System.Runtime.CompilerServices;

namespace Churn.Algorithms.Linear;

/// <summary>
/// The Hessian part of one chunk of <see cref="LogisticObjective"/>: H[a, b] += sum_i h_i x_ia x_ib for
/// a &lt;= b (upper triangle), plus the intercept row when there is one. Rows go in blocks of
/// <see cref="BlockRows"/>: the block's weighted columns h x_a are formed once, then every 2 x 4 tile of
/// entries is summed in one sweep with its 8 accumulators in registers (a dot product per entry loads two
/// columns per multiply-add; a tile loads 6 columns per 8). Each entry's lane l adds rows l, l + 8, ... of
/// the block in order and the 8 lanes are added in <see cref="IEightLanes{TSelf}.Sum"/>'s fixed order; the
/// last rows of a block (fewer than 8) are added after that, scalar, in row order. Which entries share a
/// tile does not change any entry's additions, so the bits are the same on AVX-512 and AVX2.
/// </summary>
internal static class HessianTiles
{
    /// <summary>Rows per block (a multiple of 8): the block's weighted and raw columns stay in L2 up to a few hundred features.</summary>
    public const int BlockRows = 256;

    /// <summary>
    /// Adds the chunk's rows [start, start + h.Length) into <paramref name="hess"/> (p x p row-major, p = d + intercept),
    /// upper triangle only. <paramref name="weighted"/> holds at least <see cref="BlockRows"/> x d doubles of scratch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddUpper<T>(ReadOnlySpan<double> h, double[] x, int rows, int start, int d, bool fitIntercept,
        Span<double> hess, double[] weighted) where T : struct, IEightLanes<T>
    {
        var p = d + (fitIntercept ? 1 : 0);
        for (var first = 0; first < h.Length; first += BlockRows)
        {
            var m = Math.Min(BlockRows, h.Length - first);
            var offset = start + first;
            var hb = h.Slice(first, m);
            for (var a = 0; a < d; a++)
            {
                var wa = weighted.AsSpan(a * BlockRows, m);
                ColumnKernels.Multiply(hb, x.AsSpan(a * rows + offset, m), wa);
                if (fitIntercept) hess[a * p + d] += ColumnKernels.Sum(wa);
            }
            if (fitIntercept) hess[d * p + d] += ColumnKernels.Sum(hb);
            for (var a = 0; a < d; a += 2)
                for (var b = a; b < d; b += 4)
                    Tile<T>(weighted, a, Math.Min(2, d - a), x, rows, offset, b, Math.Min(4, d - b), m, hess, p);
        }
    }

    /// <summary>hess[(a + i) p + b + j] += sum over the block of (h x_{a+i}) x_{b+j} for i &lt; na, j &lt; nb, kept where b + j &gt;= a + i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<T>(double[] weighted, int a, int na, double[] x, int rows, int offset, int b, int nb, int m,
        Span<double> hess, int p) where T : struct, IEightLanes<T>
    {
        const int lanes = IEightLanes<T>.Count;
        // Missing rows/columns of a partial tile repeat the first one; their sums are never stored.
        var a1 = a + (na > 1 ? 1 : 0);
        int Column(int j) => (b + (j < nb ? j : 0)) * rows + offset;
        ref var w0 = ref weighted[a * BlockRows];
        ref var w1 = ref weighted[a1 * BlockRows];
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
        Span<double> t = [s00.Sum(), s01.Sum(), s02.Sum(), s03.Sum(), s10.Sum(), s11.Sum(), s12.Sum(), s13.Sum()];
        for (; i < m; i++)
        {
            var v0 = Unsafe.Add(ref w0, i);
            var v1 = Unsafe.Add(ref w1, i);
            ReadOnlySpan<double> c = [Unsafe.Add(ref x0, i), Unsafe.Add(ref x1, i), Unsafe.Add(ref x2, i), Unsafe.Add(ref x3, i)];
            for (var j = 0; j < 4; j++)
            {
                t[j] = Math.FusedMultiplyAdd(v0, c[j], t[j]);
                t[4 + j] = Math.FusedMultiplyAdd(v1, c[j], t[4 + j]);
            }
        }
        for (var ia = 0; ia < na; ia++)
            for (var jb = 0; jb < nb; jb++)
                if (b + jb >= a + ia) hess[(a + ia) * p + b + jb] += t[ia * 4 + jb];
    }
}
