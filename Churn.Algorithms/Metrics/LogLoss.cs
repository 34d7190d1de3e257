namespace Churn.Algorithms.Metrics;

/// <summary>
/// Mean binary cross-entropy as scikit-learn's <c>log_loss</c>: each p is clipped to [eps, 1 - eps],
/// the pair (1 - p, p) is renormalised to sum to 1 (as sklearn does; it changes p by at most an ulp),
/// and the loss is mean(-log q_i) where q_i is the probability given to the true label.
/// The default eps is 1e-15 (sklearn &lt; 1.2's default and the project's contract); sklearn 1.2's
/// default eps="auto" is machine epsilon, pass <see cref="MachineEpsilon"/> to reproduce it.
/// </summary>
public static class LogLoss
{
    public const double DefaultEpsilon = 1e-15;

    /// <summary>2^-52, numpy's <c>np.finfo(np.float64).eps</c>.</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;

    /// <param name="y">Labels 0/1 (a single class is allowed: the loss stays defined).</param>
    /// <param name="p">Predicted probabilities of class 1, in [0, 1].</param>
    /// <param name="epsilon">Clipping bound, in (0, 0.5).</param>
    public static double Compute(Vector<double> y, Vector<double> p, double epsilon = DefaultEpsilon)
    {
        Guard.LabelsAndScores(y, nameof(y), p, nameof(p), probabilities: true);
        Guard.InOpenInterval(epsilon, 0.0, 0.5, nameof(epsilon));
        var sum = 0.0;
        var (labels, probabilities) = (y.AsArray() ?? y.ToArray(), p.AsArray() ?? p.ToArray()); // no indexer call per row
        for (var i = 0; i < labels.Length; i++)
        {
            var q = Math.Clamp(probabilities[i], epsilon, 1.0 - epsilon);
            var complement = 1.0 - q;
            var total = complement + q;
            sum += -Math.Log((labels[i] == 1.0 ? q : complement) / total);
        }
        return sum / y.Count;
    }
}
