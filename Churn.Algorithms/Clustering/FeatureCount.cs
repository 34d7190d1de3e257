namespace Churn.Algorithms.Clustering;

/// <summary>
/// A feature count known when the JIT compiles a kernel: kernels generic over a struct implementing this
/// are compiled once per count, with the per-feature code unrolled and the unused branches removed.
/// Only the counts 1 to 4 have types; <see cref="AnyFeatures"/> (Value 0) stands for the data's own count.
/// </summary>
internal interface IFeatureCount
{
    static abstract int Value { get; }
}

internal readonly struct OneFeature : IFeatureCount
{
    public static int Value => 1;
}

internal readonly struct TwoFeatures : IFeatureCount
{
    public static int Value => 2;
}

internal readonly struct ThreeFeatures : IFeatureCount
{
    public static int Value => 3;
}

internal readonly struct FourFeatures : IFeatureCount
{
    public static int Value => 4;
}


/// <summary>Any feature count: a kernel reads the count from its data when Value is 0.</summary>
internal readonly struct AnyFeatures : IFeatureCount
{
    public static int Value => 0;
}
