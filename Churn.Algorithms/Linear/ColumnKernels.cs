namespace Churn.Algorithms.Linear;

/// <summary>
/// Vectorised (Vector256, 4 doubles) loops over contiguous column slices. Reductions keep two vector
/// accumulators (even and odd blocks of 4), add the scalar tail last and combine the lanes in one fixed
/// order, so a result depends only on the data, never on the thread that computes it.
/// The loops are compiled optimised at their first call: a one-shot `train` otherwise runs them as tier-0
/// code (the term structs' Add not inlined) for most of a million-row fit.
/// </summary>
internal static class ColumnKernels
{
    private const int Lanes = 4;

    /// <summary>sum_i a_i b_i.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => Reduce(a, b, new Product());

    /// <summary>sum_i (a_i - meanA)(b_i - meanB).</summary>
    public static double CentredDot(ReadOnlySpan<double> a, double meanA, ReadOnlySpan<double> b, double meanB) =>
        Reduce(a, b, new CentredProduct(meanA, meanB));

    /// <summary>sum_i a_i.</summary>
    public static double Sum(ReadOnlySpan<double> a) => Reduce(a, a, new Plain());

    /// <summary>The term of one row of a reduction, in vector and scalar form (the same operations).</summary>
    private interface ITerm
    {
        Vector256<double> Add(Vector256<double> a, Vector256<double> b, Vector256<double> sum);
        double Add(double a, double b, double sum);
    }

    private readonly struct Product : ITerm
    {
        public Vector256<double> Add(Vector256<double> a, Vector256<double> b, Vector256<double> sum) => Vector256.FusedMultiplyAdd(a, b, sum);
        public double Add(double a, double b, double sum) => sum + a * b;
    }

    private readonly struct CentredProduct(double meanA, double meanB) : ITerm
    {
        private readonly Vector256<double> ma = Vector256.Create(meanA);
        private readonly Vector256<double> mb = Vector256.Create(meanB);

        public Vector256<double> Add(Vector256<double> a, Vector256<double> b, Vector256<double> sum) => Vector256.FusedMultiplyAdd(a - ma, b - mb, sum);
        public double Add(double a, double b, double sum) => sum + (a - meanA) * (b - meanB);
    }

    private readonly struct Plain : ITerm
    {
        public Vector256<double> Add(Vector256<double> a, Vector256<double> b, Vector256<double> sum) => sum + a;
        public double Add(double a, double b, double sum) => sum + a;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Reduce<TTerm>(ReadOnlySpan<double> a, ReadOnlySpan<double> b, TTerm term) where TTerm : struct, ITerm
    {
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var n = a.Length;
        var acc0 = Vector256<double>.Zero;
        var acc1 = Vector256<double>.Zero;
        var i = 0;
        for (; i <= n - 2 * Lanes; i += 2 * Lanes)
        {
            acc0 = term.Add(Load(ref ra, i), Load(ref rb, i), acc0);
            acc1 = term.Add(Load(ref ra, i + Lanes), Load(ref rb, i + Lanes), acc1);
        }
        if (i <= n - Lanes)
        {
            acc0 = term.Add(Load(ref ra, i), Load(ref rb, i), acc0);
            i += Lanes;
        }
        var sum = Reduce(acc0 + acc1);
        for (; i < n; i++) sum = term.Add(a[i], b[i], sum);
        return sum;
    }

    /// <summary>result_i = a_i - mean (the subtraction of <see cref="CentredDot"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Centre(ReadOnlySpan<double> a, double mean, Span<double> result)
    {
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rr = ref MemoryMarshal.GetReference(result);
        var n = a.Length;
        var mv = Vector256.Create(mean);
        var i = 0;
        for (; i <= n - Lanes; i += Lanes)
            (Load(ref ra, i) - mv).StoreUnsafe(ref rr, (nuint)i);
        for (; i < n; i++) result[i] = a[i] - mean;
    }

    /// <summary>result_i = a_i b_i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>Largest parameter count <see cref="SmallGram"/> handles.</summary>
    public const int SmallGramLimit = 4;

    /// <summary>
    /// One pass over rows [start, start + r.Length) for at most 4 parameters: gradient[j] = sum_i r_i c_ij and
    /// hessian[j * p + k] = sum_i h_i c_ij c_ik for j &lt;= k (upper triangle only), where c_ij = x[j * rows + i] for j &lt; features and c_i,features = 1 with an intercept.
    /// All sums stay in registers (the Hessian's separate dot-product passes cost more than the row pass
    /// itself); r and h are indexed from 0 (row start).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SmallGram(ReadOnlySpan<double> r, ReadOnlySpan<double> h, double[] x, int rows, int start,
        int features, bool intercept, Span<double> gradient, Span<double> hessian)
    {
        var p = features + (intercept ? 1 : 0);
        if (p > SmallGramLimit) throw new ArgumentOutOfRangeException(nameof(features), features, "SmallGram handles at most 4 parameters.");
        var n = r.Length;
        ref var rr = ref MemoryMarshal.GetReference(r);
        ref var rh = ref MemoryMarshal.GetReference(h);
        ref var rx = ref x[0];
        var zero = Vector256<double>.Zero;
        FourLanes g0 = zero, g1 = zero, g2 = zero, g3 = zero, h00 = zero, h01 = zero, h02 = zero, h03 = zero;
        Vector256<double> h11 = zero, h12 = zero, h13 = zero, h22 = zero, h23 = zero, h33 = zero;
        var i = 0;
        for (; i <= n - Lanes; i += Lanes)
        {
            var first = (nuint)(start + i);
            var c0 = Column(ref rx, first, (nuint)rows, 0, features, intercept);
            var c1 = Column(ref rx, first, (nuint)rows, 1, features, intercept);
            var c2 = Column(ref rx, first, (nuint)rows, 2, features, intercept);
            var c3 = Column(ref rx, first, (nuint)rows, 3, features, intercept);
            var hv = Load(ref rh, i);
            var hc0 = hv * c0;
            var hc1 = hv * c1;
            var hc2 = hv * c2;
            var hc3 = hv * c3;
            // The gradient (r) and the Hessian's first row (h c0) against the four columns are one 2 x 4 tile; the
            // rest of the upper triangle follows entry by entry.
            RegisterTile.Step<FourLanes>(Load(ref rr, i), hc0, c0, c1, c2, c3,
                ref g0, ref g1, ref g2, ref g3, ref h00, ref h01, ref h02, ref h03);
            h11 = Vector256.FusedMultiplyAdd(hc1, c1, h11);
            h12 = Vector256.FusedMultiplyAdd(hc1, c2, h12);
            h13 = Vector256.FusedMultiplyAdd(hc1, c3, h13);
            h22 = Vector256.FusedMultiplyAdd(hc2, c2, h22);
            h23 = Vector256.FusedMultiplyAdd(hc2, c3, h23);
            h33 = Vector256.FusedMultiplyAdd(hc3, c3, h33);
        }
        Span<double> g = stackalloc double[SmallGramLimit];
        (g[0], g[1], g[2], g[3]) = (g0.Sum(), g1.Sum(), g2.Sum(), g3.Sum());
        Span<double> hs = stackalloc double[10];
        (hs[0], hs[1], hs[2], hs[3]) = (h00.Sum(), h01.Sum(), h02.Sum(), h03.Sum());
        (hs[4], hs[5], hs[6]) = (Reduce(h11), Reduce(h12), Reduce(h13));
        (hs[7], hs[8], hs[9]) = (Reduce(h22), Reduce(h23), Reduce(h33));
        Span<double> c = stackalloc double[SmallGramLimit];
        for (; i < n; i++)
        {
            for (var j = 0; j < SmallGramLimit; j++)
                c[j] = j < features ? x[j * rows + start + i] : j == features && intercept ? 1.0 : 0.0;
            for (var j = 0; j < SmallGramLimit; j++) g[j] += r[i] * c[j];
            for (var j = 0; j < SmallGramLimit; j++)
                for (var k = j; k < SmallGramLimit; k++)
                    hs[Packed(j, k)] += h[i] * c[j] * c[k];
        }
        for (var j = 0; j < p; j++) gradient[j] = g[j];
        for (var j = 0; j < p; j++)
            for (var k = j; k < p; k++)
                hessian[j * p + k] = hs[Packed(j, k)];
    }

    /// <summary>Index of (j, k), j &lt;= k, in the packed upper triangle of a 4 x 4 matrix.</summary>
    private static int Packed(int j, int k) => j * SmallGramLimit - j * (j - 1) / 2 + (k - j);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Column(ref double x, nuint first, nuint rows, int j, int features, bool intercept) =>
        j < features ? Vector256.LoadUnsafe(ref x, first + (nuint)j * rows)
        : j == features && intercept ? Vector256<double>.One : Vector256<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(ref double start, int index) => Vector256.LoadUnsafe(ref start, (nuint)index);

    /// <summary>(v0 + v1) + (v2 + v3): the one lane order used everywhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Reduce(Vector256<double> v) => (v.GetElement(0) + v.GetElement(1)) + (v.GetElement(2) + v.GetElement(3));
}
