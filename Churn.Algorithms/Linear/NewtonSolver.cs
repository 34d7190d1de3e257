namespace Churn.Algorithms.Linear;

/// <summary>
/// Newton's method (IRLS) for <see cref="LogisticObjective"/> (or any <see cref="ISecondOrderObjective"/>): each iteration solves
/// (X^T S X + lambda I_w) d = -g by Cholesky (S = diag(s_i p_i (1 - p_i)), intercept row/column included,
/// not penalised), then backtracks t = 1, 1/2, 1/4, ... until the Armijo condition
/// F(theta + t d) &lt;= F + 1e-4 t g.d holds. Near the optimum F changes by less than its rounding error, so
/// a step is also accepted under the approximate Armijo test of Hager and Zhang (F does not rise by more
/// than 1e-10 |F| and the slope at the new point satisfies g(theta + t d).d &lt;= (1 - 2e-4) |g.d|),
/// which is Armijo expressed through the gradient and is exact for quadratics.
/// If the Hessian is not numerically positive definite (separable data, duplicate columns without a
/// penalty) a growing multiple of the identity is added until Cholesky succeeds (Levenberg damping).
/// Stops when max |g| &lt;= tolerance (converged), after maxIterations steps, or when no step is accepted.
/// </summary>
public static class NewtonSolver
{
    internal const double ArmijoC1 = 1e-4;
    internal const double FlatRelative = 1e-10;
    private const int MaxHalvings = 60;
    private const string Name = "Newton";

    public static SolverResult Minimize(ISecondOrderObjective objective, ReadOnlySpan<double> start, int maxIterations,
        double tolerance)
    {
        var p = SolverResult.CheckArguments(objective, start, maxIterations);

        var theta = start.ToArray();
        var g = new double[p];
        var h = new double[p * p];
        var trialTheta = new double[p];
        var trialG = new double[p];
        var trialH = new double[p * p];
        var factor = new double[p * p];
        var step = new double[p];

        var f = objective.Evaluate(theta, g, h);
        var iterations = 0;
        while (true)
        {
            var gmax = Vectors.MaxAbs(g);
            if (!double.IsFinite(f) || !double.IsFinite(gmax))
                return new SolverResult(theta, f, gmax, iterations, false, StopReasons.NonFinite(Name, iterations));
            if (gmax <= tolerance)
                return new SolverResult(theta, f, gmax, iterations, true, StopReasons.Converged(Name, iterations, gmax, tolerance));
            if (iterations >= maxIterations)
                return new SolverResult(theta, f, gmax, iterations, false,
                    StopReasons.MaxIterations(Name, iterations, gmax, tolerance));

            if (!NewtonDirection(h, g, factor, step, p))
                for (var k = 0; k < p; k++) step[k] = -g[k];
            var slope = Vectors.Dot(g, step);
            if (!(slope < 0))
            {
                for (var k = 0; k < p; k++) step[k] = -g[k];
                slope = -Vectors.Dot(g, g);
            }

            var accepted = false;
            var t = 1.0;
            var trialF = double.NaN;
            for (var halving = 0; halving < MaxHalvings; halving++, t *= 0.5)
            {
                for (var k = 0; k < p; k++) trialTheta[k] = theta[k] + t * step[k];
                trialF = objective.Evaluate(trialTheta, trialG, trialH);
                if (!double.IsFinite(trialF)) continue;
                if (trialF <= f + ArmijoC1 * t * slope
                    || (trialF <= f + FlatRelative * Math.Abs(f)
                        && t * Vectors.Dot(trialG, step) <= (1 - 2 * ArmijoC1) * t * -slope))
                {
                    accepted = true;
                    break;
                }
            }
            if (!accepted)
                return new SolverResult(theta, f, gmax, iterations, false,
                    StopReasons.LineSearchFailed(Name, iterations, gmax, tolerance));

            (theta, trialTheta) = (trialTheta, theta);
            (g, trialG) = (trialG, g);
            (h, trialH) = (trialH, h);
            f = trialF;
            iterations++;
        }
    }

    /// <summary>step = -H^-1 g, damping H with mu I when it is not numerically positive definite.</summary>
    private static bool NewtonDirection(double[] h, double[] g, double[] factor, double[] step, int p)
    {
        var maxDiag = 0.0;
        for (var k = 0; k < p; k++) maxDiag = Math.Max(maxDiag, Math.Abs(h[k * p + k]));
        var mu = 0.0;
        for (var attempt = 0; attempt < 12; attempt++)
        {
            h.AsSpan().CopyTo(factor);
            for (var k = 0; k < p; k++) factor[k * p + k] += mu;
            if (Cholesky.TryFactor(factor, p))
            {
                for (var k = 0; k < p; k++) step[k] = -g[k];
                Cholesky.Solve(factor, p, step);
                if (Vectors.AllFinite(step)) return true;
            }
            mu = mu == 0 ? 1e-12 * Math.Max(1.0, maxDiag) : mu * 100;
        }
        return false;
    }
}
