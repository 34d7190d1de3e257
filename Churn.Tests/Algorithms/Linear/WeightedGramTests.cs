using Churn.Algorithms.Linear;

namespace Churn.Tests.Algorithms.Linear;

/// <summary>
/// WeightedGram's documented summation order, bit for bit: per chunk of 8192 rows and block of 256, each sum
/// keeps eight lanes over the block's full groups of 8 (one fused multiply-add each), adds them
/// ((l0 + l4) + (l1 + l5)) + ((l2 + l6) + (l3 + l7)), adds the block's tail rows one product at a time, and the
/// block sums are added in row order, the chunk sums in chunk order. However the kernel tiles the work, the
/// bits cannot move (the elastic-net path and the committed reports depend on them).
/// </summary>
[Trait("Kind", "Numeric")]
public sealed class WeightedGramTests
{
    [Theory]
    [InlineData(300, 3, 1)]
    [InlineData(8192 + 531, 11, 1)]
    [InlineData(8192 + 531, 11, 4)]
    [InlineData(2 * 8192 + 7, 20, 2)]
    public void Compute_AnyShape_MatchesDocumentedOrderBitForBit(int rows, int subset, int threads)
    {
        const int columns = 23;
        var x = RandomProblems.Vector(31, rows * columns);
        var v = RandomProblems.Vector(32, rows).Select(Math.Abs).ToArray();
        var r = RandomProblems.Vector(33, rows);
        var random = new Random(34);
        var cols = Enumerable.Range(0, columns).OrderBy(_ => random.Next()).Take(subset).ToArray();

        var gram = new double[subset * subset];
        var xr = new double[subset];
        var xv = new double[subset];
        new WeightedGram(x, rows, threads).Compute(cols, v, gram, r, xr, xv);

        for (var a = 0; a < subset; a++)
            for (var b = 0; b < subset; b++)
                Assert.Equal(Reference(x, rows, v, cols[Math.Max(a, b)], cols[Math.Min(a, b)]), gram[a * subset + b]);
        var plain = new double[subset * subset];
        new WeightedGram(x, rows, threads).Compute(cols, v, plain);
        Assert.Equal(gram, plain);
    }

    /// <summary>sum_i v_i x_ia x_ib in WeightedGram's order (a the later column of the subset): w = v x_a rounded, then lanes, blocks and chunks.</summary>
    private static double Reference(double[] x, int rows, double[] v, int ca, int cb)
    {
        var total = 0.0;
        for (var chunk = 0; chunk < rows; chunk += 8192)
        {
            var chunkSum = 0.0;
            for (var start = chunk; start < Math.Min(rows, chunk + 8192); start += 256)
            {
                var m = Math.Min(256, Math.Min(rows, chunk + 8192) - start);
                var lanes = new double[8];
                var i = 0;
                for (; i + 8 <= m; i += 8)
                    for (var l = 0; l < 8; l++)
                        lanes[l] = Math.FusedMultiplyAdd(v[start + i + l] * x[ca * rows + start + i + l], x[cb * rows + start + i + l], lanes[l]);
                var sum = ((lanes[0] + lanes[4]) + (lanes[1] + lanes[5])) + ((lanes[2] + lanes[6]) + (lanes[3] + lanes[7]));
                for (; i < m; i++) sum += v[start + i] * x[ca * rows + start + i] * x[cb * rows + start + i];
                chunkSum += sum;
            }
            total += chunkSum;
        }
        return total;
    }
}
