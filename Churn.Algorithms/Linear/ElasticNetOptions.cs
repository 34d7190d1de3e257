namespace Churn.Algorithms.Linear;

/// <summary>How coordinate passes keep the gradient up to date (all give the same path; they differ in speed). A strong set wider than the Gram column limit always runs on the rows.</summary>
public enum CoordinateForm
{
    /// <summary>The strong set's Gram when its columns no longer stay in cache; otherwise active-set passes on the rows until they have cost as much as the active set's Gram, then in Gram space.</summary>
    Auto,

    /// <summary>glmnet's covariance form: the strong set's s x s weighted Gram once per outer iteration, passes in that space.</summary>
    Gram,

    /// <summary>glmnet's naive form throughout: every update rewrites the n working residuals.</summary>
    Rows,
}

/// <summary>
/// Hyper-parameters of <see cref="ElasticNetLogistic"/>, with R glmnet 4.1's defaults and names
/// (glmnet's argument in brackets).
/// </summary>
public sealed record ElasticNetOptions
{
    /// <summary>L1 share of the penalty in [0, 1]: 1 the lasso, 0 ridge [alpha].</summary>
    public double Alpha { get; init; } = 1.0;

    /// <summary>Length of the automatic lambda path [nlambda].</summary>
    public int LambdaCount { get; init; } = 100;

    /// <summary>Smallest lambda of the automatic path as a fraction of lambda_max; null = 1e-4 when rows exceed columns, else 1e-2 [lambda.min.ratio].</summary>
    public double? LambdaMinRatio { get; init; }

    /// <summary>Lambdas to fit instead of the automatic path (sorted decreasing; no early stop) [lambda].</summary>
    public IReadOnlyList<double>? Lambdas { get; init; }

    /// <summary>Coordinate descent stops when every weighted squared change is below Tolerance x null deviance [thresh].</summary>
    public double Tolerance { get; init; } = 1e-7;

    /// <summary>Cap on coordinate passes over the whole path [maxit].</summary>
    public int MaxPasses { get; init; } = 100_000;

    /// <summary>The automatic path stops when the deviance ratio grows by less than this [fdev].</summary>
    public double DevianceChangeStop { get; init; } = 1e-5;

    /// <summary>The automatic path stops when the deviance ratio exceeds this [devmax].</summary>
    public double DevianceRatioStop { get; init; } = 0.999;

    public CoordinateForm Form { get; init; } = CoordinateForm.Auto;

    /// <summary>Threads for the row-chunked kernels and the Gram; -1 = all cores. The result does not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    public void Validate()
    {
        if (!(Alpha >= 0 && Alpha <= 1))
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha,
                "Alpha=" + Guard.Describe(Alpha) + " must be in [0, 1] (1 is the lasso, 0 ridge).");
        Guard.AtLeast(LambdaCount, 1, nameof(LambdaCount));
        if (LambdaMinRatio is { } ratio && !(ratio > 0 && ratio < 1))
            throw new ArgumentOutOfRangeException(nameof(LambdaMinRatio), ratio,
                "LambdaMinRatio=" + Guard.Describe(ratio) + " must be in (0, 1).");
        if (Lambdas is not null)
        {
            if (Lambdas.Count == 0) throw new ArgumentException("Lambdas is empty; give at least one or leave it null for the automatic path.", nameof(Lambdas));
            foreach (var l in Lambdas)
                if (!(l >= 0) || !double.IsFinite(l))
                    throw new ArgumentOutOfRangeException(nameof(Lambdas), l, "lambda=" + Guard.Describe(l) + " must be finite and >= 0.");
        }
        Guard.Positive(Tolerance, nameof(Tolerance));
        Guard.AtLeast(MaxPasses, 1, nameof(MaxPasses));
        Guard.NonNegative(DevianceChangeStop, nameof(DevianceChangeStop));
        if (!(DevianceRatioStop > 0 && DevianceRatioStop <= 1))
            throw new ArgumentOutOfRangeException(nameof(DevianceRatioStop), DevianceRatioStop,
                string.Format(CultureInfo.InvariantCulture, "DevianceRatioStop={0} must be in (0, 1].", Guard.Describe(DevianceRatioStop)));
        Guard.DegreeOfParallelism(MaxDegreeOfParallelism, nameof(MaxDegreeOfParallelism));
        if (!Enum.IsDefined(Form)) throw new ArgumentOutOfRangeException(nameof(Form), Form, "Unknown CoordinateForm.");
    }
}
