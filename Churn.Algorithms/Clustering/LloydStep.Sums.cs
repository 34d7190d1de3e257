using System.Numerics;
using System.Runtime.Intrinsics.X86;

namespace Churn.Algorithms.Clustering;

/// <summary>
/// How a block's four rows go into their clusters' sums. Every row i of a chunk (but its last i % 4 rows) is added
/// to the sum of its cluster and lane l = i % 4, rows in order; a cluster's four lane sums are then reduced as
/// (l0 + l1) + (l2 + l3). That order is the result's contract; the layouts below only change how fast it runs.
/// </summary>
internal static partial class LloydStep
{
    /// <summary>From this many features on, lane sums are stored by row (a block transposed into rows) rather than by lane.</summary>
    internal const int SumsByRowFrom = 8;

    /// <summary>
    /// True when the chunk's sums are laid out by row: element (j * 4 + l) * d + f (four d-long sums per cluster, so a
    /// transposed row adds as d / 4 vectors); otherwise by lane: element (j * d + f) * 4 + l (one Vector256 per cluster
    /// and feature, so a block adds by masked vector adds).
    /// </summary>
    private static bool SumsByRow(int d) => d >= SumsByRowFrom;

    /// <summary>
    /// Writes the labels of the four rows from <paramref name="i"/>, adds each row (lane l of the block at
    /// <paramref name="block"/>) to lane l of its cluster's sums and counts it; returns how many labels changed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Store(Vector256<double> label, double[] labels, int i, ref Vector256<double> block, int d, int k,
        ref Vector256<double> acc, Span<int> count, bool updateCenters)
    {
        var old = Vector256.Create(labels.AsSpan(i, 4));
        var changed = BitOperations.PopCount(~Vector256.Equals(label, old).ExtractMostSignificantBits() & 0xFu);
        label.CopyTo(labels.AsSpan(i, 4));
        if (!updateCenters) return changed;
        if (SumsByRow(d))
            AddRows(label, ref block, d, ref Unsafe.As<Vector256<double>, double>(ref acc), count);
        else
            AddLanes(label, ref block, d, k, ref acc, count);
        return changed;
    }

    /// <summary>
    /// Lane layout: masked adds (lanes outside the mask add +0.0, which leaves a sum that started at +0.0 unchanged:
    /// such a sum is never -0.0), one per cluster when k &lt;= 4 (no branches), else one per distinct label of the block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddLanes(Vector256<double> label, ref Vector256<double> block, int d, int k, ref Vector256<double> acc,
        Span<int> count)
    {
        if (k <= 4)
        {
            for (var j = 0; j < k; j++)
                AddMasked(Vector256.Equals(label, Vector256.Create((double)j)), j, ref block, d, ref acc, count);
            return;
        }
        var pending = 0xFu;
        while (pending != 0)
        {
            var first = Vector256.Create(label.GetElement(BitOperations.TrailingZeroCount(pending)));
            var mask = Vector256.Equals(label, first);
            pending &= ~mask.ExtractMostSignificantBits();
            AddMasked(mask, (int)first.ToScalar(), ref block, d, ref acc, count);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddMasked(Vector256<double> mask, int j, ref Vector256<double> block, int d, ref Vector256<double> acc,
        Span<int> count)
    {
        count[j] += BitOperations.PopCount(mask.ExtractMostSignificantBits());
        // acc has k * d Vector256 and j < k: the offsets stay in range.
        ref var target = ref Unsafe.Add(ref acc, j * d);
        for (var f = 0; f < d; f++) Unsafe.Add(ref target, f) += mask & Unsafe.Add(ref block, f);
    }

    /// <summary>
    /// Row layout: the block's 4 x 4 tiles transposed (AVX unpack and lane permute), so each row adds to its own
    /// cluster-and-lane sum four features per vector add; the features past the last tile (and every feature
    /// without AVX) one by one. Each element gets the same single addition either way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRows(Vector256<double> label, ref Vector256<double> block, int d, ref double acc, Span<int> count)
    {
        int j0 = (int)label.GetElement(0), j1 = (int)label.GetElement(1), j2 = (int)label.GetElement(2), j3 = (int)label.GetElement(3);
        count[j0]++;
        count[j1]++;
        count[j2]++;
        count[j3]++;
        // acc has 4 * k * d doubles and every j < k: the four rows (distinct lanes, so never the same sum) stay in range.
        ref var r0 = ref Unsafe.Add(ref acc, (j0 * 4) * d);
        ref var r1 = ref Unsafe.Add(ref acc, (j1 * 4 + 1) * d);
        ref var r2 = ref Unsafe.Add(ref acc, (j2 * 4 + 2) * d);
        ref var r3 = ref Unsafe.Add(ref acc, (j3 * 4 + 3) * d);
        var f = 0;
        if (Avx.IsSupported)
        {
            for (; f + 4 <= d; f += 4)
            {
                var t0 = Avx.UnpackLow(Unsafe.Add(ref block, f), Unsafe.Add(ref block, f + 1));
                var t1 = Avx.UnpackHigh(Unsafe.Add(ref block, f), Unsafe.Add(ref block, f + 1));
                var t2 = Avx.UnpackLow(Unsafe.Add(ref block, f + 2), Unsafe.Add(ref block, f + 3));
                var t3 = Avx.UnpackHigh(Unsafe.Add(ref block, f + 2), Unsafe.Add(ref block, f + 3));
                AddTo(ref Unsafe.Add(ref r0, f), Avx.Permute2x128(t0, t2, 0x20));
                AddTo(ref Unsafe.Add(ref r1, f), Avx.Permute2x128(t1, t3, 0x20));
                AddTo(ref Unsafe.Add(ref r2, f), Avx.Permute2x128(t0, t2, 0x31));
                AddTo(ref Unsafe.Add(ref r3, f), Avx.Permute2x128(t1, t3, 0x31));
            }
        }
        ref var x = ref Unsafe.As<Vector256<double>, double>(ref block);
        for (; f < d; f++)
        {
            Unsafe.Add(ref r0, f) += Unsafe.Add(ref x, 4 * f);
            Unsafe.Add(ref r1, f) += Unsafe.Add(ref x, 4 * f + 1);
            Unsafe.Add(ref r2, f) += Unsafe.Add(ref x, 4 * f + 2);
            Unsafe.Add(ref r3, f) += Unsafe.Add(ref x, 4 * f + 3);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo(ref double target, Vector256<double> value)
    {
        ref var v = ref Unsafe.As<double, Vector256<double>>(ref target);
        v += value;
    }

    /// <summary>Most clusters for which a narrow chunk's sums are added after its labels (<see cref="AddLaneSumsAfter"/>).</summary>
    internal const int LaneSumsAfterMaxClusters = 16;

    /// <summary>
    /// Lane layout, for 1-4 features: adds the blocks of rows [start, end) (labels already stored) to their
    /// clusters' lane sums, four clusters per pass over the chunk with their sums in registers. The masked adds of
    /// <see cref="AddLanes"/> read and wrote every sum in memory for every block; here each is one register add.
    /// Same additions in the same order (masked, rows in order), so the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddLaneSumsAfter<TD>(ref Vector256<double> x0, double[] labels, int start, int end, int k,
        ref Vector256<double> acc, Span<int> count) where TD : struct, IFeatureCount
    {
        for (var j = 0; j < k; j += 4)
            AddFourClusters<TD>(ref x0, labels, start, end, j, k, ref acc, count);
    }

    /// <summary>Clusters j..j+3 (those below k) of <see cref="AddLaneSumsAfter"/>: one pass, 4 x d sums in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddFourClusters<TD>(ref Vector256<double> x0, double[] labels, int start, int end, int j, int k,
        ref Vector256<double> acc, Span<int> count) where TD : struct, IFeatureCount
    {
        var d = TD.Value;
        // Clusters past k take label -1, which no row has after assignment: their sums stay zero and are dropped.
        var j0 = Vector256.Create((double)j);
        var j1 = Vector256.Create(j + 1 < k ? j + 1.0 : -1.0);
        var j2 = Vector256.Create(j + 2 < k ? j + 2.0 : -1.0);
        var j3 = Vector256.Create(j + 3 < k ? j + 3.0 : -1.0);
        Vector256<double> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector256<double> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector256<double> s20 = default, s21 = default, s22 = default, s23 = default;
        Vector256<double> s30 = default, s31 = default, s32 = default, s33 = default;
        int n0 = 0, n1 = 0, n2 = 0, n3 = 0;
        // labels has at least end elements and the data (end / 4) * d blocks: both refs stay in range.
        ref var label = ref Unsafe.As<double, Vector256<double>>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(labels), start));
        ref var block = ref Unsafe.Add(ref x0, (start >> 2) * d);
        for (var blocks = (end - start) >> 2; blocks > 0; blocks--)
        {
            var m0 = Vector256.Equals(label, j0);
            var m1 = Vector256.Equals(label, j1);
            var m2 = Vector256.Equals(label, j2);
            var m3 = Vector256.Equals(label, j3);
            n0 += BitOperations.PopCount(m0.ExtractMostSignificantBits());
            n1 += BitOperations.PopCount(m1.ExtractMostSignificantBits());
            n2 += BitOperations.PopCount(m2.ExtractMostSignificantBits());
            n3 += BitOperations.PopCount(m3.ExtractMostSignificantBits());
            s00 += m0 & block; s10 += m1 & block; s20 += m2 & block; s30 += m3 & block;
            if (d > 1)
            {
                var v = Unsafe.Add(ref block, 1);
                s01 += m0 & v; s11 += m1 & v; s21 += m2 & v; s31 += m3 & v;
            }
            if (d > 2)
            {
                var v = Unsafe.Add(ref block, 2);
                s02 += m0 & v; s12 += m1 & v; s22 += m2 & v; s32 += m3 & v;
            }
            if (d > 3)
            {
                var v = Unsafe.Add(ref block, 3);
                s03 += m0 & v; s13 += m1 & v; s23 += m2 & v; s33 += m3 & v;
            }
            label = ref Unsafe.Add(ref label, 1);
            block = ref Unsafe.Add(ref block, d);
        }
        // acc has k * d Vector256 (cleared) and cluster j's sums start at j * d.
        Save<TD>(ref acc, j, count, n0, s00, s01, s02, s03);
        if (j + 1 < k) Save<TD>(ref acc, j + 1, count, n1, s10, s11, s12, s13);
        if (j + 2 < k) Save<TD>(ref acc, j + 2, count, n2, s20, s21, s22, s23);
        if (j + 3 < k) Save<TD>(ref acc, j + 3, count, n3, s30, s31, s32, s33);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Save<TD>(ref Vector256<double> acc, int j, Span<int> count, int n, Vector256<double> s0,
        Vector256<double> s1, Vector256<double> s2, Vector256<double> s3) where TD : struct, IFeatureCount
    {
        ref var target = ref Unsafe.Add(ref acc, j * TD.Value);
        target = s0;
        if (TD.Value > 1) Unsafe.Add(ref target, 1) = s1;
        if (TD.Value > 2) Unsafe.Add(ref target, 2) = s2;
        if (TD.Value > 3) Unsafe.Add(ref target, 3) = s3;
        count[j] = n;
    }

    /// <summary>The chunk's sums (k x d) and counts: each cluster's four lane sums reduced as (l0 + l1) + (l2 + l3).</summary>
    private static void ReduceSums(Span<Vector256<double>> acc, Span<int> count, int d, int k, double[] sums, double[] counts)
    {
        var byRow = SumsByRow(d);
        var a = MemoryMarshal.Cast<Vector256<double>, double>(acc);
        for (var j = 0; j < k; j++)
        {
            for (var f = 0; f < d; f++)
            {
                sums[j * d + f] = byRow
                    ? (a[(j * 4) * d + f] + a[(j * 4 + 1) * d + f]) + (a[(j * 4 + 2) * d + f] + a[(j * 4 + 3) * d + f])
                    : (a[(j * d + f) * 4] + a[(j * d + f) * 4 + 1]) + (a[(j * d + f) * 4 + 2] + a[(j * d + f) * 4 + 3]);
            }
            counts[j] = count[j];
        }
    }
}
