namespace Churn.Algorithms.Metrics;

/// <summary>
/// Scores split by class and sorted (as <see cref="ScoreKeys"/>): the common kernel of ROC, AUC,
/// precision-recall and bootstrap AUC. Every ranking metric only needs, for each distinct score,
/// how many positives and negatives share it, which a merge of the two sorted arrays yields.
/// </summary>
internal sealed class RankedScores
{
    private const int ParallelThreshold = 200_000;

    private RankedScores(ulong[] positives, ulong[] negatives)
    {
        Positives = positives;
        Negatives = negatives;
    }

    /// <summary>Sorted ascending keys of the positives' scores.</summary>
    public ulong[] Positives { get; }

    /// <summary>Sorted ascending keys of the negatives' scores.</summary>
    public ulong[] Negatives { get; }

    /// <summary>Validates (lengths, labels in {0,1}, finite scores, both classes) and sorts.</summary>
    public static RankedScores Create(Vector<double> yTrue, Vector<double> scores, string what)
    {
        Guard.NotNull(yTrue, nameof(yTrue));
        Guard.NotNull(scores, nameof(scores));
        Guard.SameLength(yTrue.Count, nameof(yTrue), scores.Count, nameof(scores));
        Guard.NotEmpty(yTrue, nameof(yTrue));
        var y = yTrue.AsArray() ?? yTrue.ToArray();
        var s = scores.AsArray() ?? scores.ToArray();

        // One fused pass over the arrays checks the inputs; the Guard methods run only when something is
        // wrong, so that they (the one place for messages) report it. This matters at 10^7 rows.
        var positiveCount = 0;
        var valid = true;
        for (var i = 0; i < y.Length; i++)
        {
            var label = y[i];
            valid &= (label == 0.0 || label == 1.0) && double.IsFinite(s[i]);
            positiveCount += label == 1.0 ? 1 : 0;
        }
        if (!valid || positiveCount == 0 || positiveCount == y.Length)
        {
            Validate(yTrue, scores, what);
            throw new InvalidOperationException("Input rejected by the fast check but accepted by Guard.");
        }

        var positives = new ulong[positiveCount];
        var negatives = new ulong[y.Length - positiveCount];
        int p = 0, n = 0;
        for (var i = 0; i < y.Length; i++)
        {
            var key = ScoreKeys.ToKey(s[i]);
            if (y[i] == 1.0) positives[p++] = key;
            else negatives[n++] = key;
        }

        // The two sorts are independent and each result is unique, so running them in parallel
        // cannot change any output.
        if (y.Length >= ParallelThreshold)
            Parallel.Invoke(
                () => ScoreKeys.Sort(positives, positives.Length),
                () => ScoreKeys.Sort(negatives, negatives.Length));
        else
        {
            ScoreKeys.Sort(positives, positives.Length);
            ScoreKeys.Sort(negatives, negatives.Length);
        }
        return new RankedScores(positives, negatives);
    }

    public static void Validate(Vector<double> yTrue, Vector<double> scores, string what)
    {
        Guard.LabelsAndScores(yTrue, nameof(yTrue), scores, nameof(scores));
        Guard.BothClasses(yTrue, nameof(yTrue), what);
    }

    /// <summary>
    /// Twice the Mann-Whitney U count, in integers: for every positive, 2 x (negatives scored strictly
    /// lower) + (negatives scored equal). Divided by 2PN it is the area under the trapezoid ROC curve.
    /// At most n^2/2, so it fits a long for every int n.
    /// </summary>
    public long TwiceConcordantPairs()
    {
        var pos = Positives;
        var neg = Negatives;
        long total = 0;
        int i = 0, j = 0;
        while (i < pos.Length)
        {
            var key = pos[i];
            while (j < neg.Length && neg[j] < key) j++;
            var equalEnd = j;
            while (equalEnd < neg.Length && neg[equalEnd] == key) equalEnd++;
            var positivesEnd = i + 1;
            while (positivesEnd < pos.Length && pos[positivesEnd] == key) positivesEnd++;
            total += (long)(positivesEnd - i) * (2L * j + (equalEnd - j));
            i = positivesEnd;
        }
        return total;
    }

    /// <summary>
    /// One entry per distinct score, highest first: the score and the cumulative counts of positives
    /// (tps) and negatives (fps) scored at or above it, as sklearn's _binary_clf_curve.
    /// </summary>
    public (double[] Thresholds, long[] TruePositives, long[] FalsePositives) DescendingGroups()
    {
        var pos = Positives;
        var neg = Negatives;
        var thresholds = new List<double>();
        var tps = new List<long>();
        var fps = new List<long>();
        int i = pos.Length - 1, j = neg.Length - 1;
        long tp = 0, fp = 0;
        while (i >= 0 || j >= 0)
        {
            ulong key;
            if (i < 0) key = neg[j];
            else if (j < 0) key = pos[i];
            else key = Math.Max(pos[i], neg[j]);
            while (i >= 0 && pos[i] == key) { i--; tp++; }
            while (j >= 0 && neg[j] == key) { j--; fp++; }
            thresholds.Add(ScoreKeys.FromKey(key));
            tps.Add(tp);
            fps.Add(fp);
        }
        return (thresholds.ToArray(), tps.ToArray(), fps.ToArray());
    }
}
