namespace Churn.Algorithms.Linear;

/// <summary>Lanes a register tile multiply-adds: four (<see cref="FourLanes"/>) or eight (<see cref="IEightLanes{TSelf}"/>).</summary>
internal interface ITileLanes<TSelf> where TSelf : struct, ITileLanes<TSelf>
{
    static abstract TSelf FusedMultiplyAdd(TSelf a, TSelf b, TSelf addend);
}

/// <summary>Four lanes in one Vector256: the width of <see cref="ColumnKernels"/>' reductions.</summary>
internal readonly struct FourLanes(Vector256<double> value) : ITileLanes<FourLanes>
{
    public Vector256<double> Value { get; } = value;

    public static FourLanes Zero => new(Vector256<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static implicit operator FourLanes(Vector256<double> value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FourLanes FusedMultiplyAdd(FourLanes a, FourLanes b, FourLanes addend) => new(Vector256.FusedMultiplyAdd(a.Value, b.Value, addend.Value));

    /// <summary>(l0 + l1) + (l2 + l3), as <see cref="ColumnKernels.Reduce"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Sum() => ColumnKernels.Reduce(Value);
}

/// <summary>
/// The 2 x 4 register tile of the Gram and Hessian kernels (<see cref="ColumnKernels.SmallGram"/>,
/// <see cref="HessianTiles"/>, <see cref="WeightedGram"/>): rows u0, u1 against columns c0-c3, each of the eight
/// products its own accumulator, s_ij = fma(u_i, c_j, s_ij). A tile loads 6 vectors per 8 multiply-adds (a dot
/// product loads 2 per 1), and since no accumulator is shared, which entries share a tile never changes an
/// entry's additions.
/// </summary>
internal static class RegisterTile
{
    /// <summary>One step of the tile: s_ij = fma(u_i, c_j, s_ij) for i &lt; 2, j &lt; 4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Step<T>(T u0, T u1, T c0, T c1, T c2, T c3,
        ref T s00, ref T s01, ref T s02, ref T s03, ref T s10, ref T s11, ref T s12, ref T s13) where T : struct, ITileLanes<T>
    {
        Column(u0, u1, c0, ref s00, ref s10);
        Column(u0, u1, c1, ref s01, ref s11);
        Column(u0, u1, c2, ref s02, ref s12);
        Column(u0, u1, c3, ref s03, ref s13);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Column<T>(T u0, T u1, T c, ref T s0, ref T s1) where T : struct, ITileLanes<T>
    {
        s0 = T.FusedMultiplyAdd(u0, c, s0);
        s1 = T.FusedMultiplyAdd(u1, c, s1);
    }

    /// <summary>
    /// The tile over the rows' full groups of eight: sums.S_ij lane l = the fma-sum of u_i[r] c_j[r] over
    /// r = l, l + 8, ... below the returned row m - m % 8. The rest is the caller's (each kernel has its own tail).
    /// Each column is loaded just before its two multiply-adds: fewer live registers than loading all six first,
    /// which matters with AVX2 (16 registers, two per eight lanes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Sweep<T>(ref double u0, ref double u1, ref double c0, ref double c1, ref double c2, ref double c3,
        int m, out TileSums<T> sums) where T : struct, IEightLanes<T>
    {
        const int count = IEightLanes<T>.Count;
        T s00 = T.Zero, s01 = T.Zero, s02 = T.Zero, s03 = T.Zero, s10 = T.Zero, s11 = T.Zero, s12 = T.Zero, s13 = T.Zero;
        var i = 0;
        for (; i <= m - count; i += count)
        {
            var at = (nuint)i;
            var w0 = T.Load(ref u0, at);
            var w1 = T.Load(ref u1, at);
            Column(w0, w1, T.Load(ref c0, at), ref s00, ref s10);
            Column(w0, w1, T.Load(ref c1, at), ref s01, ref s11);
            Column(w0, w1, T.Load(ref c2, at), ref s02, ref s12);
            Column(w0, w1, T.Load(ref c3, at), ref s03, ref s13);
        }
        sums = new TileSums<T> { S00 = s00, S01 = s01, S02 = s02, S03 = s03, S10 = s10, S11 = s11, S12 = s12, S13 = s13 };
        return i;
    }
}

/// <summary>The eight accumulators of a <see cref="RegisterTile.Sweep{T}"/>: S_ij for row i, column j.</summary>
internal struct TileSums<T> where T : struct, IEightLanes<T>
{
    public T S00, S01, S02, S03, S10, S11, S12, S13;

    /// <summary>t[4 i + j] = S_ij.Sum().</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Sum(Span<double> t)
    {
        (t[0], t[1], t[2], t[3]) = (S00.Sum(), S01.Sum(), S02.Sum(), S03.Sum());
        (t[4], t[5], t[6], t[7]) = (S10.Sum(), S11.Sum(), S12.Sum(), S13.Sum());
    }

    /// <summary>lanes[8 (4 i + j) + l] = lane l of S_ij.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(Span<double> lanes)
    {
        const int count = IEightLanes<T>.Count;
        _ = lanes[8 * count - 1]; // one bounds check for the eight stores
        ref var l = ref MemoryMarshal.GetReference(lanes);
        S00.Store(ref l, 0); S01.Store(ref l, count); S02.Store(ref l, 2 * count); S03.Store(ref l, 3 * count);
        S10.Store(ref l, 4 * count); S11.Store(ref l, 5 * count); S12.Store(ref l, 6 * count); S13.Store(ref l, 7 * count);
    }
}
