namespace Churn.Algorithms.Linear;

/// <summary>
/// Eight doubles processed together, whatever the hardware vector width: the logistic kernels are written
/// once over this interface and compiled per implementation (one Vector512 with AVX-512, two Vector256
/// otherwise). Every operation is lane by lane and <see cref="Sum"/> adds the lanes in one fixed tree, so
/// both implementations give bit-identical results and a fit does not depend on the CPU.
/// </summary>
internal interface IEightLanes<TSelf> : ITileLanes<TSelf> where TSelf : struct, IEightLanes<TSelf>
{
    const int Count = 8;

    static abstract TSelf Zero { get; }
    static abstract TSelf One { get; }
    static abstract TSelf AllBitsSet { get; }
    static abstract TSelf Create(double value);
    static abstract TSelf Load(ref double source, nuint index);
    void Store(ref double destination, nuint index);

    static abstract TSelf operator +(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a, TSelf b);
    static abstract TSelf operator *(TSelf a, TSelf b);
    static abstract TSelf operator /(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a);
    static abstract TSelf operator ~(TSelf a);

    static abstract TSelf Max(TSelf a, TSelf b);
    static abstract TSelf Abs(TSelf a);
    static abstract TSelf ConditionalSelect(TSelf mask, TSelf whenTrue, TSelf whenFalse);
    static abstract TSelf GreaterThan(TSelf a, TSelf b);
    static abstract TSelf GreaterThanOrEqual(TSelf a, TSelf b);
    static abstract TSelf Equal(TSelf a, TSelf b);

    /// <summary>2^k per lane, where k + 1023 is held as an integer in the low bits of the lane.</summary>
    static abstract TSelf PowerOfTwoFromLowBits(TSelf biasedExponent);

    /// <summary>((l0 + l4) + (l1 + l5)) + ((l2 + l6) + (l3 + l7)): the one lane order of every reduction.</summary>
    double Sum();

    double this[int lane] { get; }
}

/// <summary>Eight lanes in one AVX-512 register.</summary>
internal readonly struct OneVector512(Vector512<double> value) : IEightLanes<OneVector512>
{
    private readonly Vector512<double> _v = value;

    public static OneVector512 Zero => new(Vector512<double>.Zero);
    public static OneVector512 One => new(Vector512<double>.One);
    public static OneVector512 AllBitsSet => new(Vector512<double>.AllBitsSet);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OneVector512 Create(double value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OneVector512 Load(ref double source, nuint index) => new(Vector512.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref double destination, nuint index) => _v.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OneVector512 operator +(OneVector512 a, OneVector512 b) => new(a._v + b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OneVector512 operator -(OneVector512 a, OneVector512 b) => new(a._v - b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OneVector512 operator *(OneVector512 a, OneVector512 b) => new(a._v * b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OneVector512 operator /(OneVector512 a, OneVector512 b) => new(a._v / b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OneVector512 operator -(OneVector512 a) => new(-a._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OneVector512 operator ~(OneVector512 a) => new(~a._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OneVector512 FusedMultiplyAdd(OneVector512 a, OneVector512 b, OneVector512 addend) => new(Vector512.FusedMultiplyAdd(a._v, b._v, addend._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OneVector512 Max(OneVector512 a, OneVector512 b) => new(Vector512.Max(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OneVector512 Abs(OneVector512 a) => new(Vector512.Abs(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OneVector512 ConditionalSelect(OneVector512 mask, OneVector512 whenTrue, OneVector512 whenFalse) => new(Vector512.ConditionalSelect(mask._v, whenTrue._v, whenFalse._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OneVector512 GreaterThan(OneVector512 a, OneVector512 b) => new(Vector512.GreaterThan(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OneVector512 GreaterThanOrEqual(OneVector512 a, OneVector512 b) => new(Vector512.GreaterThanOrEqual(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OneVector512 Equal(OneVector512 a, OneVector512 b) => new(Vector512.Equals(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OneVector512 PowerOfTwoFromLowBits(OneVector512 biasedExponent) => new(Vector512.ShiftLeft(biasedExponent._v.AsInt64() + Vector512.Create(1023L), 52).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Sum() => ColumnKernels.Reduce(_v.GetLower() + _v.GetUpper());

    public double this[int lane] => _v.GetElement(lane);
}

/// <summary>Eight lanes in two AVX2 registers: lanes 0-3 and 4-7.</summary>
internal readonly struct TwoVector256(Vector256<double> lower, Vector256<double> upper) : IEightLanes<TwoVector256>
{
    private readonly Vector256<double> _lo = lower;
    private readonly Vector256<double> _hi = upper;

    public static TwoVector256 Zero => new(Vector256<double>.Zero, Vector256<double>.Zero);
    public static TwoVector256 One => new(Vector256<double>.One, Vector256<double>.One);
    public static TwoVector256 AllBitsSet => new(Vector256<double>.AllBitsSet, Vector256<double>.AllBitsSet);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TwoVector256 Create(double value)
    {
        var v = Vector256.Create(value);
        return new(v, v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TwoVector256 Load(ref double source, nuint index) => new(Vector256.LoadUnsafe(ref source, index), Vector256.LoadUnsafe(ref source, index + 4));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref double destination, nuint index)
    {
        _lo.StoreUnsafe(ref destination, index);
        _hi.StoreUnsafe(ref destination, index + 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TwoVector256 operator +(TwoVector256 a, TwoVector256 b) => new(a._lo + b._lo, a._hi + b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TwoVector256 operator -(TwoVector256 a, TwoVector256 b) => new(a._lo - b._lo, a._hi - b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TwoVector256 operator *(TwoVector256 a, TwoVector256 b) => new(a._lo * b._lo, a._hi * b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TwoVector256 operator /(TwoVector256 a, TwoVector256 b) => new(a._lo / b._lo, a._hi / b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TwoVector256 operator -(TwoVector256 a) => new(-a._lo, -a._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TwoVector256 operator ~(TwoVector256 a) => new(~a._lo, ~a._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TwoVector256 FusedMultiplyAdd(TwoVector256 a, TwoVector256 b, TwoVector256 addend) => new(Vector256.FusedMultiplyAdd(a._lo, b._lo, addend._lo), Vector256.FusedMultiplyAdd(a._hi, b._hi, addend._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TwoVector256 Max(TwoVector256 a, TwoVector256 b) => new(Vector256.Max(a._lo, b._lo), Vector256.Max(a._hi, b._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TwoVector256 Abs(TwoVector256 a) => new(Vector256.Abs(a._lo), Vector256.Abs(a._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TwoVector256 ConditionalSelect(TwoVector256 mask, TwoVector256 whenTrue, TwoVector256 whenFalse) => new(Vector256.ConditionalSelect(mask._lo, whenTrue._lo, whenFalse._lo),
            Vector256.ConditionalSelect(mask._hi, whenTrue._hi, whenFalse._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TwoVector256 GreaterThan(TwoVector256 a, TwoVector256 b) => new(Vector256.GreaterThan(a._lo, b._lo), Vector256.GreaterThan(a._hi, b._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TwoVector256 GreaterThanOrEqual(TwoVector256 a, TwoVector256 b) => new(Vector256.GreaterThanOrEqual(a._lo, b._lo), Vector256.GreaterThanOrEqual(a._hi, b._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TwoVector256 Equal(TwoVector256 a, TwoVector256 b) => new(Vector256.Equals(a._lo, b._lo), Vector256.Equals(a._hi, b._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TwoVector256 PowerOfTwoFromLowBits(TwoVector256 biasedExponent)
    {
        var bias = Vector256.Create(1023L);
        return new(Vector256.ShiftLeft(biasedExponent._lo.AsInt64() + bias, 52).AsDouble(),
            Vector256.ShiftLeft(biasedExponent._hi.AsInt64() + bias, 52).AsDouble());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Sum() => ColumnKernels.Reduce(_lo + _hi);

    public double this[int lane] => lane < 4 ? _lo.GetElement(lane) : _hi.GetElement(lane - 4);
}
