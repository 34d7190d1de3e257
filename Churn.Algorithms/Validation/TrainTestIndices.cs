namespace Churn.Algorithms.Validation;

/// <summary>Row indices of one train/test partition, each part sorted ascending and disjoint.</summary>
public sealed record TrainTestIndices(int[] Train, int[] Test);
