namespace Churn.Algorithms.Linear;

/// <summary>
/// The binary logistic loss in numerically stable form, and the value / gradient / Hessian of
/// the penalised objective <see cref="LogisticObjective"/> describes.
/// Per row, with margin z and label y in {0,1}:
/// loss = log(1 + e^z) - y z = max(z, 0) + log1p(e^-|z|) - y z; dloss/dz = sigmoid(z) - y;
/// d2loss/dz2 = sigmoid(z)(1 - sigmoid(z)) = e^-|z| / (1 + e^-|z|)^2. No branch overflows.
/// </summary>
public static class LogisticLoss
{
    /// <summary>log(1 + e^z) without overflow or cancellation.</summary>
    public static double Softplus(double z) => Math.Max(z, 0.0) + LogisticMath.Log1P(Math.Exp(-Math.Abs(z)));

    /// <summary>1 / (1 + e^-z) without overflow.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)] // into the callers' row loops: a call per row would run tier-0 code
    public static double Sigmoid(double z)
    {
        if (z >= 0)
            return 1.0 / (1.0 + Math.Exp(-z));
        var e = Math.Exp(z);
        return e / (1.0 + e);
    }

    /// <summary>log(1 + e^z) - y z for y in {0,1}.</summary>
    public static double Loss(double y, double z) => Softplus(z) - y * z;

    /// <summary>F(theta); theta = [w_0..w_{d-1}, b] (b only with an intercept).</summary>
    public static double Value(LogisticObjective objective, ReadOnlySpan<double> theta)
    {
        Guard.NotNull(objective, nameof(objective));
        return objective.Evaluate(theta, Span<double>.Empty, Span<double>.Empty, LogisticObjective.Mode.Value);
    }

    /// <summary>F(theta) and its gradient (length <see cref="LogisticObjective.ParameterCount"/>).</summary>
    public static double ValueAndGradient(LogisticObjective objective, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        Guard.NotNull(objective, nameof(objective));
        return objective.Evaluate(theta, gradient, Span<double>.Empty, LogisticObjective.Mode.Gradient);
    }

    /// <summary>F(theta), gradient and full symmetric Hessian (row-major p x p).</summary>
    public static double ValueGradientHessian(LogisticObjective objective, ReadOnlySpan<double> theta,
        Span<double> gradient, Span<double> hessian)
    {
        Guard.NotNull(objective, nameof(objective));
        return objective.Evaluate(theta, gradient, hessian, LogisticObjective.Mode.Hessian);
    }
}
