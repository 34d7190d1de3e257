namespace Churn.Algorithms.Linear;

/// <summary>
/// G[a, b] = sum_i v_i x_{i, c_a} x_{i, c_b} over a subset c of the columns of a column-major matrix:
/// the weighted Gram (covariance) matrix of one IRLS step. Rows are cut into fixed chunks (their size
/// never depends on the thread count); each chunk sums its rows in cache-sized blocks with a 2 x 4
/// <see cref="RegisterTile"/> of eight-lane accumulators, and the chunk sums are added in chunk order, so the result
/// is the same for 1 thread or many, on AVX2 and AVX-512 machines alike.
/// </summary>
internal sealed class WeightedGram
{
    private const int ChunkRows = 8192;
    private const int BlockRows = 256;

    /// <summary>Columns of a block held in L1 together (8 x 256 rows = 16 KB) while the weighted rows pass over them.</summary>
    private const int PanelColumns = 8;

    private readonly double[] x;
    private readonly int rows;
    private readonly int maxDegreeOfParallelism;
    private double[][] partial = [];

    public WeightedGram(double[] columnMajor, int rows, int maxDegreeOfParallelism)
    {
        x = columnMajor;
        this.rows = rows;
        this.maxDegreeOfParallelism = maxDegreeOfParallelism;
    }

    /// <summary>
    /// Fills <paramref name="gram"/> (s x s, row-major, symmetric) for columns <paramref name="columns"/> and weights v;
    /// with <paramref name="residual"/>, also xr_a = sum_i r_i x_ia and xv_a = sum_i v_i x_ia from the same pass over the rows.
    /// </summary>
    public void Compute(ReadOnlySpan<int> columns, double[] v, double[] gram, double[]? residual = null, double[]? xr = null, double[]? xv = null)
    {
        var s = columns.Length;
        var chunks = (rows + ChunkRows - 1) / ChunkRows;
        var width = s * s + 2 * s;
        if (partial.Length != chunks || partial[0].Length < width)
            partial = Enumerable.Range(0, chunks).Select(_ => new double[width]).ToArray();
        var cols = columns.ToArray();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        if (chunks == 1) Chunk(0, cols, v, residual);
        else Parallel.For(0, chunks, parallel, c => Chunk(c, cols, v, residual));
        Array.Clear(gram, 0, s * s);
        if (residual is not null) { Array.Clear(xr!, 0, s); Array.Clear(xv!, 0, s); }
        for (var c = 0; c < chunks; c++)
        {
            var p = partial[c];
            for (var a = 0; a < s; a++)
                for (var b = 0; b <= a; b++)
                    gram[a * s + b] += p[a * s + b];
            if (residual is null) continue;
            for (var a = 0; a < s; a++)
            {
                xr![a] += p[s * s + a];
                xv![a] += p[s * s + s + a];
            }
        }
        for (var a = 0; a < s; a++)
            for (var b = 0; b < a; b++)
                gram[b * s + a] = gram[a * s + b];
    }

    private void Chunk(int chunk, int[] cols, double[] v, double[]? residual)
    {
        var s = cols.Length;
        var sums = partial[chunk];
        Array.Clear(sums, 0, s * s + 2 * s);
        var weighted = new double[BlockRows * s];
        Span<double> t = stackalloc double[8];
        var end = Math.Min(rows, (chunk + 1) * ChunkRows);
        for (var start = chunk * ChunkRows; start < end; start += BlockRows)
        {
            var m = Math.Min(BlockRows, end - start);
            var vBlock = v.AsSpan(start, m);
            for (var a = 0; a < s; a++)
            {
                var column = x.AsSpan(cols[a] * rows + start, m);
                var w = weighted.AsSpan(a * BlockRows, m);
                ColumnKernels.Multiply(vBlock, column, w);
                if (residual is null) continue;
                sums[s * s + a] += ColumnKernels.Dot(residual.AsSpan(start, m), column);
                sums[s * s + s + a] += ColumnKernels.Sum(w);
            }
            // A panel of PanelColumns columns of the block stays in L1 while every pair of weighted rows at or
            // below it passes over it; each sum is its own accumulator, so the order of the tiles is free.
            for (var panel = 0; panel < s; panel += PanelColumns)
                for (var a = panel - panel % 2; a < s; a += 2)
                    for (var b = panel; b < Math.Min(panel + PanelColumns, s) && b <= a + 1; b += 4)
                    {
                        var na = Math.Min(2, s - a);
                        var nb = Math.Min(4, s - b);
                        Tile(weighted, a, na, cols, b, nb, start, m, t);
                        for (var ia = 0; ia < na; ia++)
                            for (var jb = 0; jb < nb; jb++)
                                if (b + jb <= a + ia) sums[(a + ia) * s + b + jb] += t[ia * 4 + jb];
                    }
        }
    }

    /// <summary>t[4 i + j] = sum over the block of w_{., a+i} x_{., c_{b+j}} for an (na x nb) tile, na &lt;= 2, nb &lt;= 4.</summary>
    private void Tile(double[] weighted, int a, int na, int[] cols, int b, int nb, int start, int m, Span<double> t)
    {
        if (Vector512.IsHardwareAccelerated) Tile<OneVector512>(weighted, a, na, cols, b, nb, start, m, t);
        else Tile<TwoVector256>(weighted, a, na, cols, b, nb, start, m, t);
    }

    /// <summary>The tile's eight sums in eight-lane registers (the same bits at either hardware width), scalar tail last.</summary>
    private void Tile<T>(double[] weighted, int a, int na, int[] cols, int b, int nb, int start, int m, Span<double> t)
        where T : struct, IEightLanes<T>
    {
        // Missing rows/columns of a partial tile repeat the first one; their sums are never stored.
        int Column(int j) => cols[j < nb ? b + j : b] * rows + start;
        var a1 = na > 1 ? a + 1 : a;
        var i = RegisterTile.Sweep<T>(ref weighted[a * BlockRows], ref weighted[a1 * BlockRows],
            ref x[Column(0)], ref x[Column(1)], ref x[Column(2)], ref x[Column(3)], m, out var sums);
        sums.Sum(t);
        var w0 = weighted.AsSpan(a * BlockRows, m);
        var w1 = weighted.AsSpan(a1 * BlockRows, m);
        for (; i < m; i++)
            for (var j = 0; j < 4; j++)
            {
                var xv = x[Column(j) + i];
                t[j] += w0[i] * xv;
                t[4 + j] += w1[i] * xv;
            }
    }
}
