using System.Text.Json.Serialization;

namespace Churn.Experiments.Modeling;

/// <summary>
/// Where a model came from: enough to reproduce it. <see cref="MissingTokens"/> are the cell texts training read
/// as missing (`train --na`); every path that scores a file with the model reads them the same way.
/// </summary>
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
    double? L1Ratio = null,
    // Absent (not null) in files of models trained without --na, so those files read as before.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? MissingTokens = null);
