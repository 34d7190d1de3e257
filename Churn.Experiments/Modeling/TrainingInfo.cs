namespace Churn.Experiments.Modeling;

/// <summary>Where a model came from: enough to reproduce it.</summary>
public sealed record TrainingInfo(
    string DataFile,
    string DataSha256,
    int Rows,
    int Positives,
    string Label,
    string PositiveValue,
    int Seed,
    string Penalty,
    double C,
    string Solver,
    bool Converged,
    int Iterations,
    string StopReason,
    string CodeVersion,
    string CreatedUtc,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> IdColumns,
    string ModelKind = "linear",
    double? Lambda = null,
    double? L1Ratio = null);
