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
        if (Vector512.IsHardwareAccelerated) Fused<OneVector512, Yes, No, No>(r, d, v, x, default, out _);
        else Fused<TwoVector256, Yes, No, No>(r, d, v, x, default, out _);
    }

    /// <summary><see cref="Step"/> with (d, x), then returns sum_i r_i next_i of the updated residual, in one pass over the rows.</summary>
    public static double StepThenDot(Span<double> r, double d, ReadOnlySpan<double> v, ReadOnlySpan<double> x, ReadOnlySpan<double> next) =>
        Vector512.IsHardwareAccelerated ? Fused<OneVector512, Yes, Yes, No>(r, d, v, x, next, out _) : Fused<TwoVector256, Yes, Yes, No>(r, d, v, x, next, out _);

    /// <summary><see cref="StepThenDot"/> that also returns <see cref="WeightedSquares"/>(v, next), the same bits, from the same pass.</summary>
    public static double StepThenDotAndSquares(Span<double> r, double d, ReadOnlySpan<double> v, ReadOnlySpan<double> x, ReadOnlySpan<double> next, out double squares) =>
        Vector512.IsHardwareAccelerated ? Fused<OneVector512, Yes, Yes, Yes>(r, d, v, x, next, out squares) : Fused<TwoVector256, Yes, Yes, Yes>(r, d, v, x, next, out squares);

    /// <summary><see cref="Dot"/>(r, next) and <see cref="WeightedSquares"/>(v, next), the same bits, from one pass over the rows.</summary>
    public static double DotAndSquares(Span<double> r, ReadOnlySpan<double> v, ReadOnlySpan<double> next, out double squares) =>
        Vector512.IsHardwareAccelerated ? Fused<OneVector512, No, Yes, Yes>(r, 0, v, default, next, out squares) : Fused<TwoVector256, No, Yes, Yes>(r, 0, v, default, next, out squares);

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
        ReadOnlySpan<double> next, bool dot) where T : struct, IEightLanes<T> =>
        dot ? Fused<T, Yes, Yes, No>(r, d, v, x, next, out _) : Fused<T, Yes, No, No>(r, d, v, x, next, out _);

    internal static double StepThenDotAndSquares<T>(Span<double> r, double d, ReadOnlySpan<double> v, ReadOnlySpan<double> x,
        ReadOnlySpan<double> next, out double squares) where T : struct, IEightLanes<T> =>
        Fused<T, Yes, Yes, Yes>(r, d, v, x, next, out squares);

    /// <summary>A compile-time switch of <see cref="Fused"/> (each combination is compiled on its own, with no branch left in the loop).</summary>
    private interface IFlag
    {
        static abstract bool On { get; }
    }

    private readonly struct Yes : IFlag
    {
        public static bool On => true;
    }

    private readonly struct No : IFlag
    {
        public static bool On => false;
    }

    /// <summary>
    /// The step r -= d v x (TStep), then sum_i r_i next_i (TDot) and sum_i v_i next_i^2 (TSquares), each
    /// reduction in the order of <see cref="Reduce{T, TTerm}"/>, in one pass over the rows.
    /// </summary>
    private static double Fused<T, TStep, TDot, TSquares>(Span<double> r, double d, ReadOnlySpan<double> v, ReadOnlySpan<double> x,
        ReadOnlySpan<double> next, out double squares) where T : struct, IEightLanes<T> where TStep : struct, IFlag
        where TDot : struct, IFlag where TSquares : struct, IFlag
    {
        const int lanes = IEightLanes<T>.Count;
        ref var rr = ref MemoryMarshal.GetReference(r);
        ref var rv = ref MemoryMarshal.GetReference(v);
        ref var rx = ref MemoryMarshal.GetReference(x);
        ref var rn = ref MemoryMarshal.GetReference(next);
        var n = r.Length;
        var minus = T.Create(-d);
        T acc0 = T.Zero, acc1 = T.Zero, sq0 = T.Zero, sq1 = T.Zero;
        var i = 0;
        for (; i <= n - 2 * lanes; i += 2 * lanes)
        {
            var v0 = T.Load(ref rv, (nuint)i);
            var v1 = T.Load(ref rv, (nuint)(i + lanes));
            var r0 = T.Load(ref rr, (nuint)i);
            var r1 = T.Load(ref rr, (nuint)(i + lanes));
            if (TStep.On)
            {
                r0 = T.FusedMultiplyAdd(minus * v0, T.Load(ref rx, (nuint)i), r0);
                r1 = T.FusedMultiplyAdd(minus * v1, T.Load(ref rx, (nuint)(i + lanes)), r1);
                r0.Store(ref rr, (nuint)i);
                r1.Store(ref rr, (nuint)(i + lanes));
            }
            if (!TDot.On) continue;
            var n0 = T.Load(ref rn, (nuint)i);
            var n1 = T.Load(ref rn, (nuint)(i + lanes));
            acc0 = T.FusedMultiplyAdd(r0, n0, acc0);
            acc1 = T.FusedMultiplyAdd(r1, n1, acc1);
            if (!TSquares.On) continue;
            sq0 = T.FusedMultiplyAdd(v0 * n0, n0, sq0);
            sq1 = T.FusedMultiplyAdd(v1 * n1, n1, sq1);
        }
        if (i <= n - lanes)
        {
            var v0 = T.Load(ref rv, (nuint)i);
            var r0 = T.Load(ref rr, (nuint)i);
            if (TStep.On)
            {
                r0 = T.FusedMultiplyAdd(minus * v0, T.Load(ref rx, (nuint)i), r0);
                r0.Store(ref rr, (nuint)i);
            }
            var n0 = TDot.On ? T.Load(ref rn, (nuint)i) : T.Zero;
            if (TDot.On) acc0 = T.FusedMultiplyAdd(r0, n0, acc0);
            if (TSquares.On) sq0 = T.FusedMultiplyAdd(v0 * n0, n0, sq0);
            i += lanes;
        }
        var sum = TDot.On ? (acc0 + acc1).Sum() : 0.0;
        squares = TSquares.On ? (sq0 + sq1).Sum() : 0.0;
        for (; i < n; i++)
        {
            if (TStep.On) r[i] = Math.FusedMultiplyAdd(-d * v[i], x[i], r[i]);
            if (TDot.On) sum += r[i] * next[i];
            if (TSquares.On) squares += v[i] * next[i] * next[i];
        }
        return sum;
    }
}
