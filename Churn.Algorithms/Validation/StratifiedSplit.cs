namespace Churn.Algorithms.Validation;

/// <summary>
/// Stratified train/test split of rows with labels 0/1. Exact procedure (it does not reproduce
/// scikit-learn's permutation, only its sizes and proportions):
/// <list type="number">
/// <item>Test size n_test = ceil(testFraction x n), as sklearn's train_test_split.</item>
/// <item>Per-class test sizes by largest remainder: class c gets floor(n_c x n_test / n), and the rows
/// left over go one each to the classes with the largest fractional part (ties: class 0 first).
/// So each class's test count is within one of its exact share.</item>
/// <item>rng = new SplitMix64((ulong)seed); for class 0 then class 1, shuffle the class's ascending
/// indices with <see cref="SplitMix64.Shuffle{T}"/> and take the first test-count indices as test.</item>
/// </list>
/// Both parts are sorted ascending; they are disjoint and cover all rows.
/// </summary>
public static class StratifiedSplit
{
    /// <param name="y">Labels 0/1.</param>
    /// <param name="testFraction">Share of rows in the test part, in (0, 1); both parts must be non-empty.</param>
    /// <param name="seed">Seed of the shuffles.</param>
    public static TrainTestIndices Split(Vector<double> y, double testFraction, int seed)
    {
        var (negatives, positives) = ClassIndices.Of(y);
        Guard.InOpenInterval(testFraction, 0.0, 1.0, nameof(testFraction));
        var n = y.Count;
        var testCount = (int)Math.Ceiling(testFraction * n);
        if (testCount >= n)
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction,
                FormattableString.Invariant(
                    $"testFraction={testFraction} leaves no training rows out of {n} (test size {testCount})."));

        var classes = new[] { negatives, positives };
        var quotas = new int[2];
        var remainders = new long[2];
        for (var c = 0; c < 2; c++)
        {
            var scaled = (long)classes[c].Count * testCount;
            quotas[c] = (int)(scaled / n);
            remainders[c] = scaled % n;
        }
        // Integer remainders keep the tie rule exact; at most one row is left over for two classes.
        if (quotas[0] + quotas[1] < testCount)
            quotas[remainders[1] > remainders[0] ? 1 : 0]++;

        var rng = new SplitMix64(unchecked((ulong)seed));
        var test = new List<int>(testCount);
        var train = new List<int>(n - testCount);
        for (var c = 0; c < 2; c++)
        {
            var members = classes[c];
            rng.Shuffle(members);
            test.AddRange(members.Take(quotas[c]));
            train.AddRange(members.Skip(quotas[c]));
        }
        test.Sort();
        train.Sort();
        return new TrainTestIndices(train.ToArray(), test.ToArray());
    }
}
