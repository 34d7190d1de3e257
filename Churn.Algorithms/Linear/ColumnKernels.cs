using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Churn.Algorithms.Linear;

/// <summary>
/// Vectorised (Vector256, 4 doubles) loops over contiguous column slices. Reductions keep two vector
/// accumulators (even and odd blocks of 4), add the scalar tail last and combine the lanes in one fixed
/// order, so a result depends only on the data, never on the thread that computes it.
/// </summary>
internal static class ColumnKernels
{
    private const int Lanes = 4;

    /// <summary>sum_i a_i b_i.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var n = a.Length;
        var acc0 = Vector256<double>.Zero;
        var acc1 = Vector256<double>.Zero;
        var i = 0;
        for (; i <= n - 2 * Lanes; i += 2 * Lanes)
        {
            acc0 = Vector256.FusedMultiplyAdd(Load(ref ra, i), Load(ref rb, i), acc0);
            acc1 = Vector256.FusedMultiplyAdd(Load(ref ra, i + Lanes), Load(ref rb, i + Lanes), acc1);
        }
        if (i <= n - Lanes)
        {
            acc0 = Vector256.FusedMultiplyAdd(Load(ref ra, i), Load(ref rb, i), acc0);
            i += Lanes;
        }
        var sum = Reduce(acc0 + acc1);
        for (; i < n; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>sum_i (a_i - meanA)(b_i - meanB).</summary>
    public static double CentredDot(ReadOnlySpan<double> a, double meanA, ReadOnlySpan<double> b, double meanB)
    {
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var n = a.Length;
        var ma = Vector256.Create(meanA);
        var mb = Vector256.Create(meanB);
        var acc0 = Vector256<double>.Zero;
        var acc1 = Vector256<double>.Zero;
        var i = 0;
        for (; i <= n - 2 * Lanes; i += 2 * Lanes)
        {
            acc0 = Vector256.FusedMultiplyAdd(Load(ref ra, i) - ma, Load(ref rb, i) - mb, acc0);
            acc1 = Vector256.FusedMultiplyAdd(Load(ref ra, i + Lanes) - ma, Load(ref rb, i + Lanes) - mb, acc1);
        }
        if (i <= n - Lanes)
        {
            acc0 = Vector256.FusedMultiplyAdd(Load(ref ra, i) - ma, Load(ref rb, i) - mb, acc0);
            i += Lanes;
        }
        var sum = Reduce(acc0 + acc1);
        for (; i < n; i++) sum += (a[i] - meanA) * (b[i] - meanB);
        return sum;
    }

    /// <summary>sum_i a_i.</summary>
    public static double Sum(ReadOnlySpan<double> a)
    {
        ref var ra = ref MemoryMarshal.GetReference(a);
        var n = a.Length;
        var acc0 = Vector256<double>.Zero;
        var acc1 = Vector256<double>.Zero;
        var i = 0;
        for (; i <= n - 2 * Lanes; i += 2 * Lanes)
        {
            acc0 += Load(ref ra, i);
            acc1 += Load(ref ra, i + Lanes);
        }
        if (i <= n - Lanes)
        {
            acc0 += Load(ref ra, i);
            i += Lanes;
        }
        var sum = Reduce(acc0 + acc1);
        for (; i < n; i++) sum += a[i];
        return sum;
    }

    /// <summary>result_i = a_i b_i.</summary>
    public static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result)
    {
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        ref var rr = ref MemoryMarshal.GetReference(result);
        var n = a.Length;
        var i = 0;
        for (; i <= n - Lanes; i += Lanes)
            (Load(ref ra, i) * Load(ref rb, i)).StoreUnsafe(ref rr, (nuint)i);
        for (; i < n; i++) result[i] = a[i] * b[i];
    }

    /// <summary>z_i = fma(w, x_i, z_i): one column's term of z = X w.</summary>
    public static void AddScaled(Span<double> z, double w, ReadOnlySpan<double> x)
    {
        ref var rz = ref MemoryMarshal.GetReference(z);
        ref var rx = ref MemoryMarshal.GetReference(x);
        var n = z.Length;
        var wv = Vector256.Create(w);
        var i = 0;
        for (; i <= n - Lanes; i += Lanes)
            Vector256.FusedMultiplyAdd(wv, Load(ref rx, i), Load(ref rz, i)).StoreUnsafe(ref rz, (nuint)i);
        for (; i < n; i++) z[i] = Math.FusedMultiplyAdd(w, x[i], z[i]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(ref double start, int index) => Vector256.LoadUnsafe(ref start, (nuint)index);

    /// <summary>(v0 + v1) + (v2 + v3): the one lane order used everywhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Reduce(Vector256<double> v) => (v.GetElement(0) + v.GetElement(1)) + (v.GetElement(2) + v.GetElement(3));
}
