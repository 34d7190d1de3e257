using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Churn.Algorithms.Linear;

/// <summary>
/// The two transcendental functions of the logistic row kernel, 4 or 8 lanes at a time, specialised to the only
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

    /// <summary>
    /// e^t for t &lt;= 0; t below -708 is treated as -708 (e^t then reads about 3e-308 instead of a smaller
    /// subnormal or 0, which changes no sum it enters). t = k ln2 + r with |r| &lt;= ln2/2; e^r by its Taylor
    /// polynomial of degree 13 (truncation below 4e-18 relative); 2^k put into the exponent bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ExpNonPositive(Vector256<double> t)
    {
        t = Vector256.Max(t, Vector256.Create(-708.0));
        var shifted = Vector256.FusedMultiplyAdd(t, Vector256.Create(Log2E), Vector256.Create(RoundingShift));
        var k = shifted - Vector256.Create(RoundingShift);
        var r = Vector256.FusedMultiplyAdd(-k, Vector256.Create(Ln2Hi), t);
        r = Vector256.FusedMultiplyAdd(-k, Vector256.Create(Ln2Lo), r);
        var p = Vector256.Create(1.0 / 6227020800.0);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 479001600.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 39916800.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 3628800.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 362880.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 40320.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 5040.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 720.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 120.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 24.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 6.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.5));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<double>.One);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<double>.One);
        // k is in [-1021, 0], so k + 1023 (the low bits of 'shifted' plus the bias) is a normal exponent.
        var scale = Vector256.ShiftLeft(shifted.AsInt64() + Vector256.Create(1023L), 52).AsDouble();
        return p * scale;
    }

    /// <summary>
    /// log(1 + e) for e in [0, 1], and <paramref name="inverse"/> = 1 / (1 + e), with one division.
    /// u = 1 + e rounded is m 2^k with m in [1/sqrt2, sqrt2], f = m - 1 exact; log(1 + f) as fdlibm's log
    /// (s = f / (2 + f), minimax polynomial in s^2), plus k ln2 and (e - (u - 1)) / u, the part of e lost when
    /// 1 + e was rounded. 1/u and 1/(1 + m) both come from q = 1 / (u (1 + m)).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log1PAndInverse(Vector256<double> e, out Vector256<double> inverse)
    {
        var one = Vector256<double>.One;
        var u = one + e;
        var big = Vector256.GreaterThan(u, Vector256.Create(Sqrt2));
        var m = Vector256.ConditionalSelect(big, u * Vector256.Create(0.5), u);
        var k = Vector256.ConditionalSelect(big, one, Vector256<double>.Zero);
        var f = m - one;
        var onePlusM = one + m;
        var q = one / (u * onePlusM);
        inverse = onePlusM * q;
        var s = f * (u * q);
        var lost = (e - (u - one)) * inverse;
        var z = s * s;
        var w = z * z;
        var even = w * Vector256.FusedMultiplyAdd(w, Vector256.FusedMultiplyAdd(w, Vector256.Create(Lg6), Vector256.Create(Lg4)), Vector256.Create(Lg2));
        var odd = z * Vector256.FusedMultiplyAdd(w,
            Vector256.FusedMultiplyAdd(w, Vector256.FusedMultiplyAdd(w, Vector256.Create(Lg7), Vector256.Create(Lg5)), Vector256.Create(Lg3)),
            Vector256.Create(Lg1));
        var halfSquare = Vector256.Create(0.5) * f * f;
        return k * Vector256.Create(Ln2Hi) - ((halfSquare - (s * (halfSquare + even + odd) + (k * Vector256.Create(Ln2Lo) + lost))) - f);
    }

    /// <summary>The same on 8 lanes (AVX-512).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ExpNonPositive(Vector512<double> t)
    {
        t = Vector512.Max(t, Vector512.Create(-708.0));
        var shifted = Vector512.FusedMultiplyAdd(t, Vector512.Create(Log2E), Vector512.Create(RoundingShift));
        var k = shifted - Vector512.Create(RoundingShift);
        var r = Vector512.FusedMultiplyAdd(-k, Vector512.Create(Ln2Hi), t);
        r = Vector512.FusedMultiplyAdd(-k, Vector512.Create(Ln2Lo), r);
        var p = Vector512.Create(1.0 / 6227020800.0);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 479001600.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 39916800.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 3628800.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 362880.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 40320.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 5040.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 720.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 120.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 24.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 6.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.5));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<double>.One);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<double>.One);
        // k is in [-1021, 0], so k + 1023 (the low bits of 'shifted' plus the bias) is a normal exponent.
        var scale = Vector512.ShiftLeft(shifted.AsInt64() + Vector512.Create(1023L), 52).AsDouble();
        return p * scale;
    }

    /// <summary>The same on 8 lanes (AVX-512).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log1PAndInverse(Vector512<double> e, out Vector512<double> inverse)
    {
        var one = Vector512<double>.One;
        var u = one + e;
        var big = Vector512.GreaterThan(u, Vector512.Create(Sqrt2));
        var m = Vector512.ConditionalSelect(big, u * Vector512.Create(0.5), u);
        var k = Vector512.ConditionalSelect(big, one, Vector512<double>.Zero);
        var f = m - one;
        var onePlusM = one + m;
        var q = one / (u * onePlusM);
        inverse = onePlusM * q;
        var s = f * (u * q);
        var lost = (e - (u - one)) * inverse;
        var z = s * s;
        var w = z * z;
        var even = w * Vector512.FusedMultiplyAdd(w, Vector512.FusedMultiplyAdd(w, Vector512.Create(Lg6), Vector512.Create(Lg4)), Vector512.Create(Lg2));
        var odd = z * Vector512.FusedMultiplyAdd(w,
            Vector512.FusedMultiplyAdd(w, Vector512.FusedMultiplyAdd(w, Vector512.Create(Lg7), Vector512.Create(Lg5)), Vector512.Create(Lg3)),
            Vector512.Create(Lg1));
        var halfSquare = Vector512.Create(0.5) * f * f;
        return k * Vector512.Create(Ln2Hi) - ((halfSquare - (s * (halfSquare + even + odd) + (k * Vector512.Create(Ln2Lo) + lost))) - f);
    }
}
