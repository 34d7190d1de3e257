using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Churn.Algorithms.Linear;

/// <summary>
/// G[a, b] = sum_i v_i x_{i, c_a} x_{i, c_b} over a subset c of the columns of a column-major matrix:
/// the weighted Gram (covariance) matrix of one IRLS step. Rows are cut into fixed chunks (their size
/// never depends on the thread count); each chunk sums its rows in cache-sized blocks with a 2 x 4
/// register tile of Vector256 accumulators, and the chunk sums are added in chunk order, so the result
/// is the same for 1 thread or many, on AVX2 and AVX-512 machines alike.
/// </summary>
internal sealed class WeightedGram
{
    private const int Lanes = 4;
    private const int ChunkRows = 8192;
    private const int BlockRows = 256;

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

    /// <summary>Fills <paramref name="gram"/> (s x s, row-major, symmetric) for columns <paramref name="columns"/> and weights v.</summary>
    public void Compute(ReadOnlySpan<int> columns, double[] v, double[] gram)
    {
        var s = columns.Length;
        var chunks = (rows + ChunkRows - 1) / ChunkRows;
        if (partial.Length != chunks || partial[0].Length < s * s)
            partial = Enumerable.Range(0, chunks).Select(_ => new double[s * s]).ToArray();
        var cols = columns.ToArray();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        if (chunks == 1) Chunk(0, cols, v);
        else Parallel.For(0, chunks, parallel, c => Chunk(c, cols, v));
        Array.Clear(gram, 0, s * s);
        for (var c = 0; c < chunks; c++)
        {
            var p = partial[c];
            for (var a = 0; a < s; a++)
                for (var b = 0; b <= a; b++)
                    gram[a * s + b] += p[a * s + b];
        }
        for (var a = 0; a < s; a++)
            for (var b = 0; b < a; b++)
                gram[b * s + a] = gram[a * s + b];
    }

    private void Chunk(int chunk, int[] cols, double[] v)
    {
        var s = cols.Length;
        var sums = partial[chunk];
        Array.Clear(sums, 0, s * s);
        var weighted = new double[BlockRows * s];
        var end = Math.Min(rows, (chunk + 1) * ChunkRows);
        for (var start = chunk * ChunkRows; start < end; start += BlockRows)
        {
            var m = Math.Min(BlockRows, end - start);
            var vBlock = v.AsSpan(start, m);
            for (var a = 0; a < s; a++)
                ColumnKernels.Multiply(vBlock, x.AsSpan(cols[a] * rows + start, m), weighted.AsSpan(a * BlockRows, m));
            for (var a = 0; a < s; a += 2)
                for (var b = 0; b <= Math.Min(a + 1, s - 1); b += 4)
                    Tile(weighted, a, Math.Min(2, s - a), cols, b, Math.Min(4, s - b), start, m, sums, s);
        }
    }

    /// <summary>sums[a + i, b + j] += sum over the block of w_{., a+i} x_{., c_{b+j}} for an (na x nb) tile, na &lt;= 2, nb &lt;= 4.</summary>
    private void Tile(double[] weighted, int a, int na, int[] cols, int b, int nb, int start, int m, double[] sums, int s)
    {
        ref var w0 = ref weighted[a * BlockRows];
        ref var w1 = ref weighted[(na > 1 ? a + 1 : a) * BlockRows];
        ref var x0 = ref x[cols[b] * rows + start];
        ref var x1 = ref x[cols[nb > 1 ? b + 1 : b] * rows + start];
        ref var x2 = ref x[cols[nb > 2 ? b + 2 : b] * rows + start];
        ref var x3 = ref x[cols[nb > 3 ? b + 3 : b] * rows + start];
        var zero = Vector256<double>.Zero;
        Vector256<double> s00 = zero, s01 = zero, s02 = zero, s03 = zero, s10 = zero, s11 = zero, s12 = zero, s13 = zero;
        var i = 0;
        for (; i <= m - Lanes; i += Lanes)
        {
            var u0 = ColumnKernels.Load(ref w0, i);
            var u1 = ColumnKernels.Load(ref w1, i);
            var c0 = ColumnKernels.Load(ref x0, i);
            var c1 = ColumnKernels.Load(ref x1, i);
            var c2 = ColumnKernels.Load(ref x2, i);
            var c3 = ColumnKernels.Load(ref x3, i);
            ColumnKernels.TileRow(u0, c0, c1, c2, c3, ref s00, ref s01, ref s02, ref s03);
            ColumnKernels.TileRow(u1, c0, c1, c2, c3, ref s10, ref s11, ref s12, ref s13);
        }
        Span<double> t = stackalloc double[8];
        t[0] = ColumnKernels.Reduce(s00); t[1] = ColumnKernels.Reduce(s01); t[2] = ColumnKernels.Reduce(s02); t[3] = ColumnKernels.Reduce(s03);
        t[4] = ColumnKernels.Reduce(s10); t[5] = ColumnKernels.Reduce(s11); t[6] = ColumnKernels.Reduce(s12); t[7] = ColumnKernels.Reduce(s13);
        var wSpan = MemoryMarshal.CreateReadOnlySpan(ref w0, m);
        var wSpan1 = MemoryMarshal.CreateReadOnlySpan(ref w1, m);
        for (; i < m; i++)
            for (var j = 0; j < 4; j++)
            {
                var xv = x[cols[j < nb ? b + j : b] * rows + start + i];
                t[j] += wSpan[i] * xv;
                t[4 + j] += wSpan1[i] * xv;
            }
        for (var ia = 0; ia < na; ia++)
            for (var jb = 0; jb < nb; jb++)
                if (b + jb <= a + ia) sums[(a + ia) * s + b + jb] += t[ia * 4 + jb];
    }
}
