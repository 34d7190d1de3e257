namespace Churn.Algorithms.Linear;

/// <summary>
/// The row sums of the logistic loss at theta = [w_0..w_{d-1}, b]: Loss = sum_i s_i [log(1 + e^{z_i}) - y_i z_i],
/// Gradient (length d + 1) = sum_i s_i (p_i - y_i) [x_i, 1], Hessian ((d + 1)^2, row-major) =
/// sum_i s_i p_i (1 - p_i) [x_i, 1][x_i, 1]^T. Sums of shards add entry by entry (<see cref="Add"/>).
/// </summary>
public sealed record LogisticSums(double Loss, double[] Gradient, double[] Hessian)
{
    public LogisticSums Add(LogisticSums other) => new(
        Loss + other.Loss,
        Gradient.Zip(other.Gradient, (a, b) => a + b).ToArray(),
        Hessian.Zip(other.Hessian, (a, b) => a + b).ToArray());
}

/// <summary>
/// <see cref="LogisticObjective"/>'s F(theta) = sum_i s_i [log(1 + e^{z_i}) - y_i z_i] + (lambda/2) sum_j w_j^2
/// (intercept last, never penalised) when the row sums come from elsewhere: the sums function returns
/// them for a theta (one pass over the data wherever it lives, e.g. one SQL aggregate query); this adds
/// the penalty. Always with an intercept.
/// </summary>
public sealed class SummedLogisticObjective : ISecondOrderObjective
{
    private readonly Func<double[], LogisticSums> sums;

    public SummedLogisticObjective(int features, double penaltyStrength, Func<double[], LogisticSums> sums)
    {
        Guard.AtLeast(features, 0, nameof(features));
        if (!(penaltyStrength >= 0) || double.IsInfinity(penaltyStrength))
            throw new ArgumentOutOfRangeException(nameof(penaltyStrength), penaltyStrength, "penaltyStrength must be finite and >= 0.");
        FeatureCount = features;
        PenaltyStrength = penaltyStrength;
        this.sums = Guard.NotNull(sums, nameof(sums));
    }

    public int FeatureCount { get; }

    /// <summary>lambda: 1/C for L2, 0 without penalty.</summary>
    public double PenaltyStrength { get; }

    public int ParameterCount => FeatureCount + 1;

    /// <summary>Passes over the data so far (one per evaluation).</summary>
    public int Evaluations { get; private set; }

    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian)
    {
        var p = ParameterCount;
        if (theta.Length != p || gradient.Length != p || hessian.Length != p * p)
            throw new ArgumentException($"theta, gradient and hessian must have {p}, {p} and {p * p} entries.");
        var s = sums(theta.ToArray());
        Evaluations++;
        if (s.Gradient.Length != p || s.Hessian.Length != p * p)
            throw new ArgumentException($"the sums have {s.Gradient.Length} gradient and {s.Hessian.Length} Hessian entries; {p} and {p * p} are needed.");
        s.Gradient.CopyTo(gradient);
        s.Hessian.CopyTo(hessian);
        return s.Loss + Penalise(theta, gradient, hessian);
    }

    /// <summary>Adds the penalty's gradient and Hessian; returns its value.</summary>
    private double Penalise(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian)
    {
        if (PenaltyStrength == 0) return 0;
        var squares = 0.0;
        for (var j = 0; j < FeatureCount; j++)
        {
            squares += theta[j] * theta[j];
            gradient[j] += PenaltyStrength * theta[j];
            hessian[j * ParameterCount + j] += PenaltyStrength;
        }
        return 0.5 * PenaltyStrength * squares;
    }

    /// <summary>(lambda/2) sum_j w_j^2.</summary>
    public double PenaltyValue(ReadOnlySpan<double> theta)
    {
        var squares = 0.0;
        for (var j = 0; j < FeatureCount; j++) squares += theta[j] * theta[j];
        return PenaltyStrength > 0 ? 0.5 * PenaltyStrength * squares : 0.0;
    }
}
