namespace Churn.Algorithms.Validation;

/// <summary>
/// Stratified k-fold partition of rows with labels 0/1. Exact procedure (it does not reproduce
/// scikit-learn's permutation, only its guarantees):
/// <list type="number">
/// <item>rng = new SplitMix64((ulong)seed).</item>
/// <item>For class 0 then class 1: take that class's row indices in ascending order and
/// <see cref="SplitMix64.Shuffle{T}"/> them with rng.</item>
/// <item>Deal the shuffled indices round-robin: the t-th dealt index (counting across both classes,
/// class 0 first, t starting at 0) goes to test fold t mod k. Continuing the count from class 0 into
/// class 1 keeps total fold sizes within one of each other.</item>
/// </list>
/// So each fold's test part holds floor or ceil of n_c / k rows of each class c, test parts are disjoint
/// and cover all rows, and fold f's train part is every other row. Indices are sorted ascending.
/// A class with fewer than k rows simply leaves some folds without it.
/// </summary>
public static class StratifiedKFold
{
    /// <param name="y">Labels 0/1.</param>
    /// <param name="folds">Number of folds, between 2 and the number of rows.</param>
    /// <param name="seed">Seed of the shuffles.</param>
    public static IReadOnlyList<TrainTestIndices> Split(Vector<double> y, int folds, int seed)
    {
        var (negatives, positives) = ClassIndices.Of(y);
        Guard.AtLeast(folds, 2, nameof(folds));
        if (folds > y.Count)
            throw new ArgumentOutOfRangeException(nameof(folds), folds,
                FormattableString.Invariant($"folds={folds} must be <= the number of rows ({y.Count})."));

        var rng = new SplitMix64(unchecked((ulong)seed));
        var foldOf = new int[y.Count];
        var dealt = 0;
        foreach (var members in new[] { negatives, positives })
        {
            rng.Shuffle(members);
            foreach (var index in members)
                foldOf[index] = dealt++ % folds;
        }

        var result = new TrainTestIndices[folds];
        for (var f = 0; f < folds; f++)
        {
            var test = new List<int>();
            var train = new List<int>();
            for (var i = 0; i < foldOf.Length; i++)
                (foldOf[i] == f ? test : train).Add(i);
            result[f] = new TrainTestIndices(train.ToArray(), test.ToArray());
        }
        return Array.AsReadOnly(result);
    }
}
