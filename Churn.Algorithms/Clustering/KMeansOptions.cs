namespace Churn.Algorithms.Clustering;

/// <summary>
/// Hyper-parameters of <see cref="KMeans"/>, with scikit-learn 1.2 defaults
/// (KMeans(n_clusters=8, n_init=10, max_iter=300, tol=1e-4, algorithm="lloyd")).
/// </summary>
public sealed record KMeansOptions
{
    /// <summary>k, the number of centres.</summary>
    public int NumberOfClusters { get; init; } = 8;

    /// <summary>Independent k-means++ restarts; the run with the lowest inertia is kept (ties: earliest run).</summary>
    public int NInit { get; init; } = 10;

    /// <summary>Maximum Lloyd iterations per run.</summary>
    public int MaxIterations { get; init; } = 300;

    /// <summary>Relative tolerance: a run stops when the summed squared centre shift is &lt;= Tolerance × mean feature variance.</summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Master seed; per-run seeds are drawn from SplitMix64(Seed) before any parallel work.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>-1 uses all cores; the result does not depend on this value.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    public void Validate()
    {
        Guard.AtLeast(NumberOfClusters, 1, nameof(NumberOfClusters));
        Guard.AtLeast(NInit, 1, nameof(NInit));
        Guard.AtLeast(MaxIterations, 1, nameof(MaxIterations));
        Guard.NonNegative(Tolerance, nameof(Tolerance));
        Guard.DegreeOfParallelism(MaxDegreeOfParallelism, nameof(MaxDegreeOfParallelism));
    }
}
