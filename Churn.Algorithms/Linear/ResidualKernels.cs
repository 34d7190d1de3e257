namespace Churn.Algorithms.Linear;

/// <summary>
/// The row loops of a coordinate step on the working residual (glmnet's "naive" form), written once over
/// <see cref="IEightLanes{TSelf}"/> so AVX-512 and AVX2 give the same bits. A reduction keeps two
/// eight-lane accumulators (even and odd blocks of 8), adds one last block of 8 to the first, combines
/// them with <see cref="IEightLanes{TSelf}.Sum"/> and adds the scalar tail last. The fused step
/// (<see cref="StepThenDot"/>) does exactly the element operations of <see cref="Step"/> then
/// <see cref="Dot"/>, so fusing never changes a result; it only reads the residual once instead of twice.
/// </summary>
internal static class ResidualKernels
{
    /// <summary>sum_i a_i b_i.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) =>
        Vector512.IsHardwareAccelerated ? Dot<OneVector512>(a, b) : Dot<TwoVector256>(a, b);

    /// <summary>sum_i v_i x_i^2 (glmnet's xv).</summary>
    public static double WeightedSquares(ReadOnlySpan<double> v, ReadOnlySpan<double> x) =>
        Vector512.IsHardwareAccelerated ? WeightedSquares<OneVector512>(v, x) : WeightedSquares<TwoVector256>(v, x);

    /// <summary>r_i = fma(-d v_i, x_i, r_i): a coordinate step's change of the working residual.</summary>
    public static void Step(Span<double> r, double d, ReadOnlySpan<double> v, ReadOnlySpan<double> x)
    {
        if (Vector512.IsHardwareAccelerated) StepThenDot<OneVector512>(r, d, v, x, default, false);
        else StepThenDot<TwoVector256>(r, d, v, x, default, false);
    }

    /// <summary><see cref="Step"/> with (d, x), then returns sum_i r_i next_i of the updated residual, in one pass over the rows.</summary>
    public static double StepThenDot(Span<double> r, double d, ReadOnlySpan<double> v, ReadOnlySpan<double> x, ReadOnlySpan<double> next) =>
        Vector512.IsHardwareAccelerated ? StepThenDot<OneVector512>(r, d, v, x, next, true) : StepThenDot<TwoVector256>(r, d, v, x, next, true);

    internal static double Dot<T>(ReadOnlySpan<double> a, ReadOnlySpan<double> b) where T : struct, IEightLanes<T> =>
        Reduce<T, Product>(a, b);

    internal static double WeightedSquares<T>(ReadOnlySpan<double> v, ReadOnlySpan<double> x) where T : struct, IEightLanes<T> =>
        Reduce<T, WeightedSquare>(v, x);

    private interface ITerm
    {
        static abstract T Add<T>(T a, T b, T accumulator) where T : struct, IEightLanes<T>;
        static abstract double Add(double a, double b, double accumulator);
    }

    private readonly struct Product : ITerm
    {
        public static T Add<T>(T a, T b, T accumulator) where T : struct, IEightLanes<T> => T.FusedMultiplyAdd(a, b, accumulator);
        public static double Add(double a, double b, double accumulator) => accumulator + a * b;
    }

    private readonly struct WeightedSquare : ITerm
    {
        public static T Add<T>(T a, T b, T accumulator) where T : struct, IEightLanes<T> => T.FusedMultiplyAdd(a * b, b, accumulator);
        public static double Add(double a, double b, double accumulator) => accumulator + a * b * b;
    }

    private static double Reduce<T, TTerm>(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
        where T : struct, IEightLanes<T> where TTerm : struct, ITerm
    {
        const int lanes = IEightLanes<T>.Count;
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var n = a.Length;
        T acc0 = T.Zero, acc1 = T.Zero;
        var i = 0;
        for (; i <= n - 2 * lanes; i += 2 * lanes)
        {
            acc0 = TTerm.Add(T.Load(ref ra, (nuint)i), T.Load(ref rb, (nuint)i), acc0);
            acc1 = TTerm.Add(T.Load(ref ra, (nuint)(i + lanes)), T.Load(ref rb, (nuint)(i + lanes)), acc1);
        }
        if (i <= n - lanes)
        {
            acc0 = TTerm.Add(T.Load(ref ra, (nuint)i), T.Load(ref rb, (nuint)i), acc0);
            i += lanes;
        }
        var sum = (acc0 + acc1).Sum();
        for (; i < n; i++) sum = TTerm.Add(a[i], b[i], sum);
        return sum;
    }

    internal static double StepThenDot<T>(Span<double> r, double d, ReadOnlySpan<double> v, ReadOnlySpan<double> x,
        ReadOnlySpan<double> next, bool dot) where T : struct, IEightLanes<T>
    {
        const int lanes = IEightLanes<T>.Count;
        ref var rr = ref MemoryMarshal.GetReference(r);
        ref var rv = ref MemoryMarshal.GetReference(v);
        ref var rx = ref MemoryMarshal.GetReference(x);
        ref var rn = ref MemoryMarshal.GetReference(next);
        var n = r.Length;
        var minus = T.Create(-d);
        T acc0 = T.Zero, acc1 = T.Zero;
        var i = 0;
        for (; i <= n - 2 * lanes; i += 2 * lanes)
        {
            var r0 = T.FusedMultiplyAdd(minus * T.Load(ref rv, (nuint)i), T.Load(ref rx, (nuint)i), T.Load(ref rr, (nuint)i));
            var r1 = T.FusedMultiplyAdd(minus * T.Load(ref rv, (nuint)(i + lanes)), T.Load(ref rx, (nuint)(i + lanes)), T.Load(ref rr, (nuint)(i + lanes)));
            r0.Store(ref rr, (nuint)i);
            r1.Store(ref rr, (nuint)(i + lanes));
            if (!dot) continue;
            acc0 = T.FusedMultiplyAdd(r0, T.Load(ref rn, (nuint)i), acc0);
            acc1 = T.FusedMultiplyAdd(r1, T.Load(ref rn, (nuint)(i + lanes)), acc1);
        }
        if (i <= n - lanes)
        {
            var r0 = T.FusedMultiplyAdd(minus * T.Load(ref rv, (nuint)i), T.Load(ref rx, (nuint)i), T.Load(ref rr, (nuint)i));
            r0.Store(ref rr, (nuint)i);
            if (dot) acc0 = T.FusedMultiplyAdd(r0, T.Load(ref rn, (nuint)i), acc0);
            i += lanes;
        }
        var sum = dot ? (acc0 + acc1).Sum() : 0.0;
        for (; i < n; i++)
        {
            r[i] = Math.FusedMultiplyAdd(-d * v[i], x[i], r[i]);
            if (dot) sum += r[i] * next[i];
        }
        return sum;
    }
}
