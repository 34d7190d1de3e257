namespace Churn.Algorithms.Linear;

/// <summary>
/// Outcome of <see cref="NewtonSolver"/> or <see cref="LbfgsSolver"/>: the parameters reached (theta =
/// [w, b]), the objective and max |gradient| there, the number of iterations (accepted steps), and why it
/// stopped. Non-convergence is reported here, never thrown.
/// </summary>
public sealed record SolverResult(double[] Theta, double Value, double GradientMaxNorm, int Iterations,
    bool Converged, string StopReason)
{
    /// <summary>The checks both solvers make on their arguments; returns the parameter count.</summary>
    internal static int CheckArguments(ISecondOrderObjective objective, ReadOnlySpan<double> start, int maxIterations)
    {
        Guard.NotNull(objective, nameof(objective));
        Guard.AtLeast(maxIterations, 0, nameof(maxIterations));
        var p = objective.ParameterCount;
        Guard.SameLength(start.Length, nameof(start), p, "objective.ParameterCount");
        return p;
    }
}
