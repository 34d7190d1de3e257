namespace Churn.Algorithms.Linear;

/// <summary>Which hand-written optimiser minimises the logistic objective.</summary>
public enum LogisticSolver
{
    /// <summary>Newton / IRLS: Hessian X^T S X (+ I/C) solved by Cholesky, backtracking line search.</summary>
    Newton,

    /// <summary>L-BFGS with memory 10 (two-loop recursion) and a strong-Wolfe line search.</summary>
    Lbfgs,
}

/// <summary>Penalty on the coefficients (never on the intercept).</summary>
public enum Penalty
{
    /// <summary>||w||^2 / (2C), scikit-learn's default.</summary>
    L2,

    /// <summary>Plain maximum likelihood (scikit-learn 1.2's penalty='none').</summary>
    None,

    /// <summary>lambda |w|_1 (the lasso); fitted along a path by <see cref="ElasticNetLogistic"/>, not by <see cref="LogisticRegression"/>.</summary>
    L1,

    /// <summary>lambda [alpha |w|_1 + (1 - alpha)/2 |w|_2^2] (glmnet); fitted by <see cref="ElasticNetLogistic"/>.</summary>
    ElasticNet,
}

/// <summary>Per-class weights multiplied into the sample weights.</summary>
public enum ClassWeighting
{
    /// <summary>Every class weight is 1.</summary>
    None,

    /// <summary>n_samples / (2 * count of the class), as scikit-learn's compute_class_weight('balanced').</summary>
    Balanced,
}

/// <summary>
/// Hyper-parameters of <see cref="LogisticRegression"/>, with scikit-learn 1.2 defaults.
/// The objective minimised is
/// <c>F(w, b) = sum_i s_i * [log(1 + exp(z_i)) - y_i z_i] + ||w||^2 / (2C)</c>, <c>z_i = x_i.w + b</c>,
/// where <c>s_i</c> = sample weight x class weight and the intercept b is not penalised
/// (<see cref="Penalty.None"/> drops the last term). This is scikit-learn 1.2.1's lbfgs objective
/// exactly, including its scale, so <see cref="Tolerance"/> means what sklearn 1.2's <c>tol</c> means
/// for lbfgs: fitting stops when max_k |dF/dtheta_k| &lt;= Tolerance. (scikit-learn &gt;= 1.3 divides
/// F by sum_i s_i, so its tol corresponds to Tolerance = tol * sum_i s_i here.)
/// </summary>
public sealed record LogisticRegressionOptions
{
    public Penalty Penalty { get; init; } = Penalty.L2;

    /// <summary>Inverse regularisation strength; multiplies nothing when <see cref="Penalty"/> is None.</summary>
    public double C { get; init; } = 1.0;

    public bool FitIntercept { get; init; } = true;

    public LogisticSolver Solver { get; init; } = LogisticSolver.Newton;

    public int MaxIterations { get; init; } = 100;

    /// <summary>Stop when the largest absolute entry of the gradient of F is at most this.</summary>
    public double Tolerance { get; init; } = 1e-4;

    public ClassWeighting ClassWeight { get; init; } = ClassWeighting.None;

    /// <summary>|Pearson r| of a column pair, or R^2 of a column on all others, at or above which it is reported.</summary>
    public double CollinearityThreshold { get; init; } = 0.999;

    /// <summary>Threads for the row loops; -1 = all cores. The result does not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    public void Validate()
    {
        Guard.Positive(C, nameof(C));
        Guard.AtLeast(MaxIterations, 1, nameof(MaxIterations));
        Guard.Positive(Tolerance, nameof(Tolerance));
        if (!(CollinearityThreshold > 0 && CollinearityThreshold <= 1))
            throw new ArgumentOutOfRangeException(nameof(CollinearityThreshold), CollinearityThreshold,
                string.Format(CultureInfo.InvariantCulture, "{0}={1} must be > 0 and <= 1.",
                    nameof(CollinearityThreshold), Guard.Describe(CollinearityThreshold)));
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism,
                string.Format(CultureInfo.InvariantCulture, "{0}={1} must be -1 (all cores) or >= 1.",
                    nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism));
        if (Penalty is not (Penalty.L2 or Penalty.None))
            throw new ArgumentOutOfRangeException(nameof(Penalty), Penalty,
                "Penalty=" + Penalty + " is fitted by ElasticNetLogistic; LogisticRegression takes L2 or None.");
        if (!Enum.IsDefined(Solver))
            throw new ArgumentOutOfRangeException(nameof(Solver), Solver, "Unknown Solver value.");
        if (!Enum.IsDefined(ClassWeight))
            throw new ArgumentOutOfRangeException(nameof(ClassWeight), ClassWeight, "Unknown ClassWeight value.");
    }
}
