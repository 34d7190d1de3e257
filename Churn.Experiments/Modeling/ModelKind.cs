namespace Churn.Experiments.Modeling;

/// <summary>The family of a churn model; every kind is "pipeline -> columns -> scaler -> linear logistic".</summary>
public enum ModelKind
{
    /// <summary>Today's dense logistic regression (L2 or unpenalised) over the encoded features.</summary>
    Linear,

    /// <summary>Elastic-net path (L1 by default) with lambda chosen by path cross-validation: exact zeros.</summary>
    Sparse,

    /// <summary>A shape function (spline basis) per numeric feature.</summary>
    Additive,

    /// <summary>Additive terms plus a few screened pairwise interactions.</summary>
    AdditivePairs,
}

/// <summary>The CLI and file names of <see cref="ModelKind"/> ("linear", "sparse", "additive", "additive-pairs").</summary>
public static class ModelKinds
{
    public static IReadOnlyList<string> Names { get; } = ["linear", "sparse", "additive", "additive-pairs"];

    public static string Name(this ModelKind kind) => kind switch
    {
        ModelKind.Linear => "linear",
        ModelKind.Sparse => "sparse",
        ModelKind.Additive => "additive",
        ModelKind.AdditivePairs => "additive-pairs",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown model kind."),
    };

    public static ModelKind Parse(string name) => name switch
    {
        "linear" => ModelKind.Linear,
        "sparse" => ModelKind.Sparse,
        "additive" => ModelKind.Additive,
        "additive-pairs" => ModelKind.AdditivePairs,
        _ => throw new ArgumentException("model kind must be one of " + string.Join(", ", Names) + ", got '" + name + "'."),
    };
}
