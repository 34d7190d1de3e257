namespace Churn.Algorithms.Clustering;

/// <summary>Feature-major copy (Values[f * Rows + i]) of the centred training matrix, shared read-only by all runs.</summary>
internal sealed class KMeansData
{
    public KMeansData(double[] values, int rows, int features)
    {
        Values = values;
        Rows = rows;
        Features = features;
    }

    public double[] Values { get; }
    public int Rows { get; }
    public int Features { get; }
}

/// <summary>Per-run scratch buffers: one partial sum block per row chunk, reused across iterations.</summary>
internal sealed class LloydWorkspace
{
    public LloydWorkspace(int rows, int features, int clusters)
    {
        Chunks = LloydStep.ChunkCount(rows);
        Sums = new double[Chunks][];
        Counts = new double[Chunks][];
        for (var c = 0; c < Chunks; c++)
        {
            Sums[c] = new double[clusters * features];
            Counts[c] = new double[clusters];
        }
        Changed = new int[Chunks];
        Partial = new double[Chunks];
    }

    public int Chunks { get; }
    public double[][] Sums { get; }
    public double[][] Counts { get; }
    public int[] Changed { get; }
    public double[] Partial { get; }
}
