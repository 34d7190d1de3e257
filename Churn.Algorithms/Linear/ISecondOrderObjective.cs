namespace Churn.Algorithms.Linear;

/// <summary>
/// What <see cref="NewtonSolver"/> needs from an objective: its value, gradient and p x p row-major
/// Hessian at theta. <see cref="LogisticObjective"/> computes them over rows in memory;
/// <see cref="SummedLogisticObjective"/> from sums computed elsewhere (e.g. SQL aggregates).
/// </summary>
public interface ISecondOrderObjective
{
    int ParameterCount { get; }

    double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian);
}
