namespace Churn.Algorithms.Linear;

/// <summary>The wording of solver stop reasons, shared so both solvers explain themselves the same way.</summary>
internal static class StopReasons
{
    public static string Converged(string solver, int iterations, double gradient, double tolerance) =>
        Format("{0} converged after {1} iterations: max |gradient| = {2} <= Tolerance = {3}.",
            solver, iterations, gradient, tolerance);

    public static string MaxIterations(string solver, int iterations, double gradient, double tolerance) =>
        Format("{0} reached MaxIterations = {1} with max |gradient| = {2} > Tolerance = {3}; " +
               "increase MaxIterations or scale the data.", solver, iterations, gradient, tolerance);

    public static string LineSearchFailed(string solver, int iterations, double gradient, double tolerance) =>
        Format("{0} stopped after {1} iterations: the line search found no step that decreases the objective " +
               "(max |gradient| = {2} > Tolerance = {3}); the tolerance may be below what double precision resolves " +
               "for this data, or the problem is badly scaled: increase MaxIterations or scale the data.",
            solver, iterations, gradient, tolerance);

    public static string NonFinite(string solver, int iterations) =>
        Format("{0} stopped after {1} iterations: the objective became non-finite; scale the data.", solver, iterations);

    private static string Format(string format, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, format,
            args.Select(a => a is double d ? (object)d.ToString("G6", CultureInfo.InvariantCulture) : a).ToArray());
}
