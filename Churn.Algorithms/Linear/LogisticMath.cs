namespace Churn.Algorithms.Linear;

/// <summary>
/// The two transcendental functions of the logistic row kernel, eight lanes at a time (written once over
/// <see cref="IEightLanes{TSelf}"/>, so every hardware width computes the same bits), specialised to the only
/// arguments it needs so they skip the special cases a general exp / log must handle. Both are within
/// 1 ulp of the correctly rounded result (checked against Math.Exp / Math.Log in the tests).
/// </summary>
internal static class LogisticMath
{
    private const double Log2E = 1.4426950408889634;

    // ln 2 split so that k * Ln2Hi is exact for |k| < 2^11 (fdlibm's split).
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;

    // 1.5 * 2^52: adding it rounds to an integer held in the low mantissa bits.
    private const double RoundingShift = 6755399441055744.0;

    // fdlibm e_log.c minimax coefficients of (log(1+f) - f + f^2/2) in s = f / (2 + f).
    private const double Lg1 = 6.666666666666735130e-01;
    private const double Lg2 = 3.999999999940941908e-01;
    private const double Lg3 = 2.857142874366239149e-01;
    private const double Lg4 = 2.222219843214978396e-01;
    private const double Lg5 = 1.818357216161805012e-01;
    private const double Lg6 = 1.531383769920937332e-01;
    private const double Lg7 = 1.479819860511658591e-01;

    private const double Sqrt2 = 1.4142135623730951;

    /// <summary>log(1 + e) for one e in [0, 1]: <see cref="Log1PAndInverse"/> on one lane.</summary>
    public static double Log1P(double e) => Log1PAndInverse(TwoVector256.Create(e), out _)[0];

    /// <summary>
    /// e^t for t &lt;= 0; t below -708 is treated as -708 (e^t then reads about 3e-308 instead of a smaller
    /// subnormal or 0, which changes no sum it enters). t = k ln2 + r with |r| &lt;= ln2/2; e^r by its Taylor
    /// polynomial of degree 13 (truncation below 4e-18 relative); 2^k put into the exponent bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ExpNonPositive<T>(T t) where T : struct, IEightLanes<T>
    {
        t = T.Max(t, T.Create(-708.0));
        var shifted = T.FusedMultiplyAdd(t, T.Create(Log2E), T.Create(RoundingShift));
        var k = shifted - T.Create(RoundingShift);
        var r = T.FusedMultiplyAdd(-k, T.Create(Ln2Hi), t);
        r = T.FusedMultiplyAdd(-k, T.Create(Ln2Lo), r);
        var p = T.Create(1.0 / 6227020800.0);
        p = T.FusedMultiplyAdd(p, r, T.Create(1.0 / 479001600.0));
        p = T.FusedMultiplyAdd(p, r, T.Create(1.0 / 39916800.0));
        p = T.FusedMultiplyAdd(p, r, T.Create(1.0 / 3628800.0));
        p = T.FusedMultiplyAdd(p, r, T.Create(1.0 / 362880.0));
        p = T.FusedMultiplyAdd(p, r, T.Create(1.0 / 40320.0));
        p = T.FusedMultiplyAdd(p, r, T.Create(1.0 / 5040.0));
        p = T.FusedMultiplyAdd(p, r, T.Create(1.0 / 720.0));
        p = T.FusedMultiplyAdd(p, r, T.Create(1.0 / 120.0));
        p = T.FusedMultiplyAdd(p, r, T.Create(1.0 / 24.0));
        p = T.FusedMultiplyAdd(p, r, T.Create(1.0 / 6.0));
        p = T.FusedMultiplyAdd(p, r, T.Create(0.5));
        p = T.FusedMultiplyAdd(p, r, T.One);
        p = T.FusedMultiplyAdd(p, r, T.One);
        // k is in [-1021, 0], so k + 1023 (the low bits of 'shifted' plus the bias) is a normal exponent.
        return p * T.PowerOfTwoFromLowBits(shifted);
    }

    /// <summary>
    /// log(1 + e) for e in [0, 1], and <paramref name="inverse"/> = 1 / (1 + e), with one division.
    /// u = 1 + e rounded is m 2^k with m in [1/sqrt2, sqrt2], f = m - 1 exact; log(1 + f) as fdlibm's log
    /// (s = f / (2 + f), minimax polynomial in s^2), plus k ln2 and (e - (u - 1)) / u, the part of e lost when
    /// 1 + e was rounded. 1/u and 1/(1 + m) both come from q = 1 / (u (1 + m)). The one log1p of the
    /// logistic kernels (<see cref="Log1P"/> gives it for one argument).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Log1PAndInverse<T>(T e, out T inverse) where T : struct, IEightLanes<T>
    {
        var one = T.One;
        var u = one + e;
        var big = T.GreaterThan(u, T.Create(Sqrt2));
        var m = T.ConditionalSelect(big, u * T.Create(0.5), u);
        var k = T.ConditionalSelect(big, one, T.Zero);
        var f = m - one;
        var onePlusM = one + m;
        var q = one / (u * onePlusM);
        inverse = onePlusM * q;
        var s = f * (u * q);
        var lost = (e - (u - one)) * inverse;
        var z = s * s;
        var w = z * z;
        var even = w * T.FusedMultiplyAdd(w, T.FusedMultiplyAdd(w, T.Create(Lg6), T.Create(Lg4)), T.Create(Lg2));
        var odd = z * T.FusedMultiplyAdd(w,
            T.FusedMultiplyAdd(w, T.FusedMultiplyAdd(w, T.Create(Lg7), T.Create(Lg5)), T.Create(Lg3)),
            T.Create(Lg1));
        var halfSquare = T.Create(0.5) * f * f;
        return k * T.Create(Ln2Hi) - ((halfSquare - (s * (halfSquare + even + odd) + (k * T.Create(Ln2Lo) + lost))) - f);
    }
}
