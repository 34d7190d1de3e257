namespace Churn.Algorithms.Clustering;

/// <summary>
/// The centred training matrix, shared read-only by all runs, in blocks of four rows stored feature by feature:
/// Values[(i / 4 * Features + f) * 4 + i % 4]. The four rows of a block are one Vector256 per feature and the
/// rows of a chunk are one contiguous run of memory, so a kernel streams one address range however wide the data
/// (feature-major storage made it walk Features streams at once). Rows are padded with zeros to a multiple of four.
/// </summary>
internal sealed class KMeansData
{
    public const int BlockRows = 4;

    public KMeansData(int rows, int features)
    {
        Rows = rows;
        Features = features;
        Values = HugePageArrays.Allocate<double>((rows + BlockRows - 1) / BlockRows * BlockRows * features);
    }

    public double[] Values { get; }
    public int Rows { get; }
    public int Features { get; }

    /// <summary>Position of row <paramref name="row"/>, feature <paramref name="feature"/> in <see cref="Values"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Index(int row, int feature) => ((row >> 2) * Features + feature) * BlockRows + (row & (BlockRows - 1));

    /// <summary>Rows a tile of <see cref="Centred"/> covers: each column is read in runs of this many rows, and the
    /// blocks they are written to (Tile x Features doubles) stay in cache until the tile is done.</summary>
    private const int Tile = 512;

    /// <summary>
    /// The rows of <paramref name="x"/> minus <paramref name="means"/> (x - mean, as the scalar subtraction), a tile of
    /// rows at a time; with <paramref name="rows"/>, its chunks of rows on all cores (each writes its own blocks).
    /// </summary>
    public static KMeansData Centred(Matrix<double> x, double[] means, Linear.RowChunks? rows = null)
    {
        var n = x.RowCount;
        var d = x.ColumnCount;
        var data = new KMeansData(n, d);
        var values = data.Values;
        var storage = x.AsColumnMajorArray();
        void CentreRows(int from, int length)
        {
            for (var start = from; start < from + length; start += Tile)
            {
                var end = Math.Min(from + length, start + Tile);
                for (var f = 0; f < d; f++)
                {
                    var mean = means[f];
                    if (storage is null)
                    {
                        for (var i = start; i < end; i++) values[data.Index(i, f)] = x[i, f] - mean;
                        continue;
                    }
                    // Four rows of a block are four consecutive doubles of one feature in both layouts: one vector
                    // subtraction does the four scalar ones (the same IEEE operation per lane, the same bits).
                    var source = storage.AsSpan(f * n, n);
                    var i0 = start;
                    for (; i0 < end && (i0 & (BlockRows - 1)) != 0; i0++) values[data.Index(i0, f)] = source[i0] - mean;
                    var centre = Vector256.Create(mean);
                    ref var from0 = ref MemoryMarshal.GetReference(source);
                    ref var to0 = ref MemoryMarshal.GetArrayDataReference(values);
                    for (; i0 <= end - BlockRows; i0 += BlockRows) // i0 + 3 < end <= n, and its block is inside values
                        (Vector256.LoadUnsafe(ref from0, (nuint)i0) - centre).StoreUnsafe(ref to0, (nuint)data.Index(i0, f));
                    for (; i0 < end; i0++) values[data.Index(i0, f)] = source[i0] - mean;
                }
            }
        }
        if (rows is null || storage is null) CentreRows(0, n);
        else rows.ForEach(CentreRows);
        return data;
    }

    /// <summary>The data of a feature-major array (values[f * rows + i]).</summary>
    public static KMeansData FromFeatureMajor(double[] values, int rows, int features)
    {
        var data = new KMeansData(rows, features);
        for (var f = 0; f < features; f++)
            for (var i = 0; i < rows; i++) data.Values[data.Index(i, f)] = values[f * rows + i];
        return data;
    }
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

    /// <summary>Wide data (any width but 1-4 features) sixteen rows at a time in Vector512 lanes (the same bits as eight at a time in Vector256).</summary>
    public bool WideRows { get; init; } = Vector512.IsHardwareAccelerated;

    public double[][] Sums { get; }
    public double[][] Counts { get; }
    public int[] Changed { get; }
    public double[] Partial { get; }
}
