namespace Churn.Algorithms.Clustering;

/// <summary>
/// Greedy k-means++ seeding (Arthur &amp; Vassilvitskii 2007, as scikit-learn's _kmeans_plusplus):
/// the first centre is a uniformly drawn row; each further centre is the best of
/// 2 + floor(ln k) candidate rows, drawn with probability proportional to their squared distance
/// to the closest centre chosen so far, "best" meaning the lowest total potential
/// (sum of closest squared distances, added row by row in row order) after adding it (first candidate on ties).
/// </summary>
/// <remarks>
/// All candidates of a round are scored in one pass over the data, four candidates per Vector256 (one lane
/// each), so every lane adds its row terms in row order exactly as a scalar loop would. Instead of storing the
/// cumulative sums (one array per candidate), the pass keeps each candidate's running sum at every block end;
/// a draw then finds its block by binary search and replays only that block's sums from the checkpoint, which
/// reproduces the sequential cumulative sum bit for bit.
/// </remarks>
internal static class KMeansPlusPlus
{
    internal const int BlockSize = 256;

    internal static int BlockCount(int n) => (n + BlockSize - 1) / BlockSize;

    /// <summary>Returns k x d row-major centres and the row index each was taken from.</summary>
    internal static (double[] Centers, int[] Indices) Init(KMeansData data, int k, SplitMix64 random, SeedingWorkspace work)
    {
        var n = data.Rows;
        var d = data.Features;
        var trials = 2 + (int)Math.Log(k);
        var centers = new double[k * d];
        var indices = new int[k];
        var closest = work.Closest;
        var blocks = BlockCount(n);

        var first = random.NextInt(n);
        indices[0] = first;
        LloydStep.CopyRow(data, first, centers.AsSpan(0, d));

        LloydStep.DistancesTo(data, centers.AsSpan(0, d), closest);
        // Round 0 checkpoints: the running sum of closest distances at each block end.
        var winner = work.WinnerCheckpoints;
        var potential = 0.0;
        for (var b = 0; b < blocks; b++)
        {
            var end = Math.Min(n, (b + 1) * BlockSize);
            for (var i = b * BlockSize; i < end; i++) potential += closest[i];
            winner[b] = potential;
        }
        if (k == 1)
            return (centers, indices);

        var groups = (trials + 3) / 4;
        var candidates = new int[groups * 4];
        var candidateRows = new double[groups * 4 * d];
        var checkpoints = work.Checkpoints(blocks, groups);
        var totals = new double[groups * 4];

        for (var c = 1; c < k; c++)
        {
            for (var t = 0; t < trials; t++)
            {
                var r = random.NextDouble() * potential;
                // First index whose cumulative sum reaches r (numpy searchsorted, side="left"); clipped to n-1.
                candidates[t] = Math.Min(LowerBound(closest, winner, blocks, n, r), n - 1);
            }
            // Padding lanes repeat candidate 0; their totals are never compared.
            for (var t = trials; t < candidates.Length; t++) candidates[t] = candidates[0];
            for (var t = 0; t < candidates.Length; t++) LloydStep.CopyRow(data, candidates[t], candidateRows.AsSpan(t * d, d));

            ScoreCandidates(data, closest, candidateRows, groups, checkpoints, totals);

            var bestTrial = 0;
            for (var t = 1; t < trials; t++)
                if (totals[t] < totals[bestTrial]) bestTrial = t;

            potential = totals[bestTrial];
            var stride = groups * 4;
            for (var b = 0; b < blocks; b++) winner[b] = checkpoints[b * stride + bestTrial];
            indices[c] = candidates[bestTrial];
            candidateRows.AsSpan(bestTrial * d, d).CopyTo(centers.AsSpan(c * d, d));
            if (c + 1 < k)
                LloydStep.MinDistancesTo(data, centers.AsSpan(c * d, d), closest);
        }
        return (centers, indices);
    }

    /// <summary>
    /// For every candidate (lanes of groups of four): running sum over rows of min(closest[i], distance to the
    /// candidate), stored at each block end in <paramref name="checkpoints"/>[block * 4 * groups + candidate];
    /// the final sums go to <paramref name="totals"/>.
    /// </summary>
    private static void ScoreCandidates(KMeansData data, double[] closest, double[] candidateRows, int groups,
        double[] checkpoints, double[] totals)
    {
        if (groups == 1)
        {
            switch (data.Features)
            {
                case 1: ScoreFourCandidates<OneFeature>(data, closest, candidateRows, checkpoints, totals); return;
                case 2: ScoreFourCandidates<TwoFeatures>(data, closest, candidateRows, checkpoints, totals); return;
                case 3: ScoreFourCandidates<ThreeFeatures>(data, closest, candidateRows, checkpoints, totals); return;
                case 4: ScoreFourCandidates<FourFeatures>(data, closest, candidateRows, checkpoints, totals); return;
            }
        }
        ScoreCandidatesAnyWidth(data, closest, candidateRows, groups, checkpoints, totals);
    }

    /// <summary><see cref="ScoreCandidatesAnyWidth"/> for one group of four candidates and a compile-time feature count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScoreFourCandidates<TD>(KMeansData data, double[] closest, double[] candidateRows,
        double[] checkpoints, double[] totals) where TD : struct, IFeatureCount
    {
        var n = data.Rows;
        var d = TD.Value;
        Vector256<double> Lanes(int f) =>
            Vector256.Create(candidateRows[f], candidateRows[d + f], candidateRows[2 * d + f], candidateRows[3 * d + f]);
        var c0 = Lanes(0);
        var c1 = d > 1 ? Lanes(1) : default;
        var c2 = d > 2 ? Lanes(2) : default;
        var c3 = d > 3 ? Lanes(3) : default;
        // Row i's feature f is at x0 + (i / 4 * d + f) * 4 + i % 4 (KMeansData's layout); both arrays hold every row i < n.
        ref var x0 = ref MemoryMarshal.GetArrayDataReference(data.Values);
        ref var cl = ref MemoryMarshal.GetArrayDataReference(closest);
        var running = Vector256<double>.Zero;
        var blocks = BlockCount(n);
        for (var b = 0; b < blocks; b++)
        {
            var end = Math.Min(n, (b + 1) * BlockSize);
            for (var i = b * BlockSize; i < end; i++)
            {
                ref var row = ref Unsafe.Add(ref x0, (i >> 2) * d * 4 + (i & 3));
                // Same additions as the scalar loop: (0 + t0²) == t0², then + t1², + t2², ...
                var t = Vector256.Create(row) - c0;
                var s = t * t;
                if (d > 1) { t = Vector256.Create(Unsafe.Add(ref row, 4)) - c1; s += t * t; }
                if (d > 2) { t = Vector256.Create(Unsafe.Add(ref row, 8)) - c2; s += t * t; }
                if (d > 3) { t = Vector256.Create(Unsafe.Add(ref row, 12)) - c3; s += t * t; }
                running += Vector256.Min(s, Vector256.Create(Unsafe.Add(ref cl, i)));
            }
            running.CopyTo(checkpoints.AsSpan(b * 4, 4));
        }
        running.CopyTo(totals.AsSpan(0, 4));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScoreCandidatesAnyWidth(KMeansData data, double[] closest, double[] candidateRows, int groups,
        double[] checkpoints, double[] totals)
    {
        var n = data.Rows;
        var d = data.Features;
        var x = data.Values;
        var stride = groups * 4;
        // Lane l of cv[g * d + f] is feature f of candidate 4g + l.
        var cvBuffer = new ScratchBuffer<Vector256<double>>(groups * d, stackalloc Vector256<double>[ScratchBuffer.StackSize(groups * d)]);
        var cv = cvBuffer.Span;
        for (var g = 0; g < groups; g++)
            for (var f = 0; f < d; f++)
                cv[g * d + f] = Vector256.Create(candidateRows[(4 * g) * d + f], candidateRows[(4 * g + 1) * d + f],
                    candidateRows[(4 * g + 2) * d + f], candidateRows[(4 * g + 3) * d + f]);
        var runningBuffer = new ScratchBuffer<Vector256<double>>(groups, stackalloc Vector256<double>[ScratchBuffer.StackSize(groups)]);
        var running = runningBuffer.Span;
        running.Clear();
        var xbBuffer = new ScratchBuffer<Vector256<double>>(d, stackalloc Vector256<double>[ScratchBuffer.StackSize(d)]);
        var xb = xbBuffer.Span;

        var blocks = BlockCount(n);
        for (var b = 0; b < blocks; b++)
        {
            var end = Math.Min(n, (b + 1) * BlockSize);
            for (var i = b * BlockSize; i < end; i++)
            {
                for (var f = 0; f < d; f++) xb[f] = Vector256.Create(x[data.Index(i, f)]);
                var cl = Vector256.Create(closest[i]);
                for (var g = 0; g < groups; g++)
                {
                    var s = Vector256<double>.Zero;
                    for (var f = 0; f < d; f++)
                    {
                        var t = xb[f] - cv[g * d + f];
                        s += t * t;
                    }
                    // Distances are >= 0 and never NaN, so Min is the scalar "dist < closest ? dist : closest".
                    running[g] += Vector256.Min(s, cl);
                }
            }
            for (var g = 0; g < groups; g++) running[g].CopyTo(checkpoints.AsSpan(b * stride + 4 * g, 4));
        }
        for (var g = 0; g < groups; g++) running[g].CopyTo(totals.AsSpan(4 * g, 4));
        xbBuffer.Dispose();
        runningBuffer.Dispose();
        cvBuffer.Dispose();
    }

    /// <summary>
    /// First i with cumsum(closest)[i] &gt;= r (n when none), where cumsum is the sequential running sum whose
    /// value at each block end is in <paramref name="checkpoints"/>: the block is found by binary search, then its
    /// sums are replayed from the previous checkpoint (the same additions, so the same values).
    /// </summary>
    private static int LowerBound(double[] closest, double[] checkpoints, int blocks, int n, double r)
    {
        int lo = 0, hi = blocks;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (checkpoints[mid] < r) lo = mid + 1;
            else hi = mid;
        }
        if (lo == blocks)
            return n;
        var running = lo == 0 ? 0.0 : checkpoints[lo - 1];
        var end = Math.Min(n, (lo + 1) * BlockSize);
        for (var i = lo * BlockSize; i < end; i++)
        {
            running += closest[i];
            if (running >= r) return i;
        }
        return end - 1; // unreachable: the block's own checkpoint is >= r
    }
}

/// <summary>Scratch buffers of k-means++ seeding, reused by every run on one worker.</summary>
internal sealed class SeedingWorkspace(int rows)
{
    private double[] _checkpoints = [];

    /// <summary>Squared distance of each row to its closest chosen centre.</summary>
    public double[] Closest { get; } = new double[rows];

    /// <summary>Running sums of Closest at each block end (the cumulative sum the next draws search).</summary>
    public double[] WinnerCheckpoints { get; } = new double[KMeansPlusPlus.BlockCount(rows)];

    public double[] Checkpoints(int blocks, int groups)
    {
        if (_checkpoints.Length < blocks * groups * 4) _checkpoints = new double[blocks * groups * 4];
        return _checkpoints;
    }
}
