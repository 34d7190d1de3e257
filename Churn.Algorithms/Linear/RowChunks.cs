namespace Churn.Algorithms.Linear;

/// <summary>
/// The rows of a tall problem cut into fixed chunks of <see cref="ChunkRows"/> (a size that never depends
/// on the thread count). A reduction sums each chunk in one kernel call and adds the chunk sums in chunk
/// order, whether the chunks ran on one thread or several, so the bits never depend on the thread count;
/// element-wise work is split the same way. Small problems (one chunk) run inline, with no thread hand-off.
/// </summary>
internal sealed class RowChunks
{
    public const int ChunkRows = 16_384;

    /// <summary>Below this many multiply-adds a batch of column reductions is not worth a thread hand-off.</summary>
    private const long ParallelWork = 1 << 20;

    private readonly ParallelOptions parallel;
    private readonly double[] partial;
    private readonly double[] second;

    public RowChunks(int rows, int maxDegreeOfParallelism)
    {
        Rows = rows;
        Count = (rows + ChunkRows - 1) / ChunkRows;
        parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        partial = new double[Count];
        second = new double[Count];
    }

    public int Rows { get; }

    /// <summary>True when a batch of <paramref name="work"/> multiply-adds pays for a thread hand-off.</summary>
    public static bool WorthParallel(long work) => work >= ParallelWork;

    public int Count { get; }

    /// <summary>sum over chunks (in chunk order) of chunkSum(start, length); chunks may run in parallel.</summary>
    public double Sum(Func<int, int, double> chunkSum)
    {
        if (Count == 1) return chunkSum(0, Rows);
        Parallel.For(0, Count, parallel, c => partial[c] = chunkSum(c * ChunkRows, Length(c)));
        var sum = 0.0;
        foreach (var s in partial) sum += s;
        return sum;
    }

    /// <summary>Two sums of <see cref="Sum"/> from one call per chunk, each added in chunk order.</summary>
    public (double First, double Second) SumPair(Func<int, int, (double, double)> chunkSums)
    {
        if (Count == 1) return chunkSums(0, Rows);
        Parallel.For(0, Count, parallel, c => (partial[c], second[c]) = chunkSums(c * ChunkRows, Length(c)));
        var (first, last) = (0.0, 0.0);
        for (var c = 0; c < Count; c++) (first, last) = (first + partial[c], last + second[c]);
        return (first, last);
    }

    /// <summary>The same sum as <see cref="Sum"/>, on the calling thread (for reductions that are themselves run in parallel).</summary>
    public double SumInline(Func<int, int, double> chunkSum)
    {
        var sum = 0.0;
        for (var c = 0; c < Count; c++) sum += chunkSum(c * ChunkRows, Length(c));
        return sum;
    }

    /// <summary>Runs body(start, length) on every chunk; chunks may run in parallel.</summary>
    public void ForEach(Action<int, int> body)
    {
        if (Count == 1) body(0, Rows);
        else Parallel.For(0, Count, parallel, c => body(c * ChunkRows, Length(c)));
    }

    /// <summary>
    /// Runs body(t) for t in [0, count), the reduction of <paramref name="columnsEach"/> columns each, in parallel when
    /// the batch (all the columns' cells) is large.
    /// </summary>
    public void ForEachColumn(int count, Action<int> body, int columnsEach = 1)
    {
        if (!WorthParallel((long)count * columnsEach * Rows)) for (var t = 0; t < count; t++) body(t);
        else Parallel.For(0, count, parallel, body);
    }

    private int Length(int chunk) => Math.Min(ChunkRows, Rows - chunk * ChunkRows);
}
