using MathNet.Numerics;

namespace Churn.Algorithms.Linear;

/// <summary>
/// One row of a statsmodels-Logit-style coefficient table. FeatureIndex -1 is the intercept.
/// Z = Estimate / StandardError; PValue = 2 (1 - Phi(|Z|)) = erfc(|Z| / sqrt 2);
/// Lower95/Upper95 = Estimate -/+ 1.959963984540054 StandardError; OddsRatio = exp(Estimate).
/// </summary>
public sealed record CoefficientStatistic(int FeatureIndex, double Estimate, double StandardError, double Z,
    double PValue, double Lower95, double Upper95, double OddsRatio);

/// <summary>
/// Wald statistics of an unpenalised logistic fit, as statsmodels' Logit reports them: the covariance
/// is the inverse of the observed information X^T diag(s_i p_i (1 - p_i)) X at the optimum (intercept
/// column included). Without sample or class weights (s_i = 1) this is exactly Logit's
/// <c>inv(-hessian)</c>. With weights it is the inverse of the weighted Hessian, i.e. the weights are
/// treated as frequency weights (statsmodels GLM(freq_weights=s)); it is not a robust (sandwich)
/// covariance. Terms[0] is the intercept when one is fitted, then one term per feature.
/// Computed only when the Hessian is numerically invertible: its correlation-scaled form (unit
/// diagonal) must be positive definite with condition number below <see cref="MaxConditionNumber"/>.
/// </summary>
public sealed class CoefficientStatistics
{
    /// <summary>Above this condition number of the scaled Hessian the inverse is not trusted.</summary>
    public const double MaxConditionNumber = 1e12;

    /// <summary>Standard normal quantile at 0.975 (scipy.stats.norm.ppf(0.975)).</summary>
    public const double Z975 = 1.959963984540054;

    private CoefficientStatistics(IReadOnlyList<CoefficientStatistic> terms, double conditionNumber)
    {
        Terms = terms;
        ConditionNumber = conditionNumber;
    }

    public IReadOnlyList<CoefficientStatistic> Terms { get; }

    /// <summary>Condition number (2-norm) of the Hessian scaled to unit diagonal.</summary>
    public double ConditionNumber { get; }

    /// <summary>Two-sided normal p-value 2 (1 - Phi(|z|)), accurate in the far tail (no 1 - x cancellation).</summary>
    public static double TwoSidedPValue(double z) =>
        double.IsNaN(z) ? double.NaN : SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2.0));

    /// <summary>
    /// Builds the table from theta = [w, b] and the p x p row-major Hessian of the unpenalised objective
    /// at theta. Returns null, with the reason in <paramref name="problem"/>, when the Hessian is singular or
    /// too ill-conditioned for its inverse to mean anything.
    /// </summary>
    internal static CoefficientStatistics? TryCompute(ReadOnlySpan<double> theta, ReadOnlySpan<double> hessian,
        int features, bool fitIntercept, out string? problem)
    {
        var p = theta.Length;
        var h = Matrix<double>.Build.Dense(p, p);
        for (var i = 0; i < p; i++)
            for (var j = 0; j < p; j++) h[i, j] = hessian[i * p + j];
        var scale = new double[p];
        for (var k = 0; k < p; k++)
        {
            var diag = h[k, k];
            if (!(diag > 0) || !double.IsFinite(diag))
            {
                problem = Format("Coefficient statistics unavailable: the Hessian has diagonal entry {0} = {1} for {2}; " +
                                 "the information about that parameter is zero (constant column or separation).",
                    k, diag, Describe(k, features, fitIntercept));
                return null;
            }
            scale[k] = 1.0 / Math.Sqrt(diag);
        }
        var scaled = Matrix<double>.Build.Dense(p, p, (i, j) => h[i, j] * scale[i] * scale[j]);
        var eigen = scaled.Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).ToArray();
        var min = eigen.Min();
        var max = eigen.Max();
        var condition = min > 0 ? max / min : double.PositiveInfinity;
        if (!(condition < MaxConditionNumber))
        {
            problem = Format("Coefficient statistics unavailable: the Hessian is singular or ill-conditioned " +
                             "(condition number of the scaled Hessian {0} >= {1}); remove collinear columns.",
                condition, MaxConditionNumber);
            return null;
        }

        var inverse = scaled.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(p));
        var terms = new List<CoefficientStatistic>(p);
        // statsmodels order: constant first, then the features.
        if (fitIntercept) terms.Add(Term(-1, theta[features], inverse[features, features] * scale[features] * scale[features]));
        for (var j = 0; j < features; j++)
            terms.Add(Term(j, theta[j], inverse[j, j] * scale[j] * scale[j]));
        problem = null;
        return new CoefficientStatistics(terms, condition);
    }

    private static CoefficientStatistic Term(int featureIndex, double estimate, double variance)
    {
        var se = Math.Sqrt(variance);
        var z = estimate / se;
        return new CoefficientStatistic(featureIndex, estimate, se, z, TwoSidedPValue(z),
            estimate - Z975 * se, estimate + Z975 * se, Math.Exp(estimate));
    }

    private static string Describe(int k, int features, bool fitIntercept) =>
        fitIntercept && k == features ? "the intercept" : Format("feature {0}", k);

    private static string Format(string format, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, format, args);
}
