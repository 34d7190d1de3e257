using Churn.Algorithms;
using Churn.Algorithms.Clustering;

namespace Churn.Tests.Algorithms.Clustering;

/// <summary>
/// The vectorised assignment kernel against a scalar oracle: every label is the scalar <c>Nearest</c>, and
/// every new centre has exactly the bits of the documented summation order (per chunk, lane l of each group of
/// four rows summed in row order, lanes reduced as (l0 + l1) + (l2 + l3), the chunk's last rows added one by one,
/// chunks added in order), for feature counts on the unrolled and the loop paths and for k not a multiple of 4;
/// and the inertia a final assignment sums has the bits of the separate inertia pass.
/// </summary>
[Trait("Kind", "Numeric")]
public sealed class LloydStepTests
{
    [Theory]
    [InlineData(1, 3)] // narrow, at most 16 clusters: sums added after the labels, four clusters per pass
    [InlineData(3, 4)]
    [InlineData(4, 6)]
    [InlineData(2, 8)] // two full passes of four clusters
    [InlineData(3, 9)] // a last pass with one cluster
    [InlineData(2, 17)] // narrow past 16 clusters: one masked add per distinct label, in the assignment loop
    [InlineData(5, 1)]
    [InlineData(20, 16)]
    [InlineData(20, 4)] // few clusters: one masked add per cluster
    [InlineData(3, 16)] // four full passes
    [InlineData(23, 9)]
    [InlineData(100, 16)] // wide rows: four full groups of four centres
    public void Iterate_AnyWidth_LabelsAndSumsEqualScalarOracle(int d, int k)
    {
        // Sixteen rows at a time in Vector512 lanes (wide data, k >= 4, the default on AVX-512) and eight in Vector256.
        // The last chunk: a group of eight, one of four, one row alone.
        CheckAgainstScalarOracle(d, k, 2 * LloydStep.ChunkSize + 13, wideRows: true);
        CheckAgainstScalarOracle(d, k, 2 * LloydStep.ChunkSize + 13, wideRows: false);
    }

    [Theory]
    [InlineData(9, 4)]
    [InlineData(21, 7)]
    public void Iterate_WideRowsWithRowsLeftInTheChunk_LabelsAndSumsEqualScalarOracle(int d, int k)
    {
        // The last chunk: a group of sixteen, then eight, four and one row for the eight-row loop and the scalar tail.
        CheckAgainstScalarOracle(d, k, 2 * LloydStep.ChunkSize + 29, wideRows: true);
    }

    private static void CheckAgainstScalarOracle(int d, int k, int n, bool wideRows)
    {
        var rng = new SplitMix64((ulong)(d * 100 + k));
        var values = new double[n * d];
        for (var q = 0; q < values.Length; q++) values[q] = rng.NextDouble() - 0.5;
        var data = KMeansData.FromFeatureMajor(values, n, d);
        // Centres at k spread-out rows: each has at least its own row, so no cluster is empty (no relocation).
        var centers = new double[k * d];
        for (var j = 0; j < k; j++) LloydStep.CopyRow(data, j * (n / k), centers.AsSpan(j * d, d));
        var labels = new double[n];
        Array.Fill(labels, -1.0);
        var centersNew = new double[k * d];
        var weights = new double[k];
        var shift = new double[k];

        var changed = LloydStep.Iterate(data, centers, centersNew, weights, labels, shift, new LloydWorkspace(n, d, k) { WideRows = wideRows }, null, updateCenters: true);

        Assert.Equal(n, changed);
        var expectedLabels = new int[n];
        var row = new double[d];
        for (var i = 0; i < n; i++)
        {
            LloydStep.CopyRow(data, i, row);
            expectedLabels[i] = LloydStep.Nearest(row, centers, k, out _);
            Assert.Equal(expectedLabels[i], (int)labels[i]);
        }
        var sums = new double[k * d];
        var counts = new double[k];
        for (var start = 0; start < n; start += LloydStep.ChunkSize)
        {
            var end = Math.Min(n, start + LloydStep.ChunkSize);
            var grouped = start + (end - start) / 4 * 4;
            var lanes = new double[k * d, 4];
            for (var i = start; i < grouped; i++)
                for (var f = 0; f < d; f++) lanes[expectedLabels[i] * d + f, (i - start) % 4] += values[f * n + i];
            var chunk = new double[k * d];
            for (var q = 0; q < k * d; q++) chunk[q] = (lanes[q, 0] + lanes[q, 1]) + (lanes[q, 2] + lanes[q, 3]);
            for (var i = grouped; i < end; i++)
                for (var f = 0; f < d; f++) chunk[expectedLabels[i] * d + f] += values[f * n + i];
            for (var q = 0; q < k * d; q++) sums[q] += chunk[q];
            for (var i = start; i < end; i++) counts[expectedLabels[i]]++;
        }
        for (var j = 0; j < k; j++)
        {
            Assert.Equal(counts[j], weights[j]);
            for (var f = 0; f < d; f++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(sums[j * d + f] * (1.0 / counts[j])), BitConverter.DoubleToInt64Bits(centersNew[j * d + f]));
        }

        // The final assignment (no centre update) sums the inertia on the way: the bits of Inertia's own pass.
        var work = new LloydWorkspace(n, d, k) { WideRows = wideRows };
        LloydStep.Iterate(data, centersNew, centers, weights, labels, shift, work, null, updateCenters: false);
        var fused = LloydStep.Total(work);
        var separate = LloydStep.Inertia(data, centersNew, labels, new LloydWorkspace(n, d, k), null);
        Assert.Equal(BitConverter.DoubleToInt64Bits(separate), BitConverter.DoubleToInt64Bits(fused));
    }
}
