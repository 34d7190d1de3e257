namespace Churn.Algorithms.Linear;

/// <summary>
/// Elastic-net logistic regression by coordinate descent, R glmnet's algorithm (Friedman, Hastie &amp;
/// Tibshirani 2010). At each lambda it minimises
/// <c>-(1/W) sum_i w_i [y_i z_i - log(1 + e^{z_i})] + lambda [alpha |b|_1 + (1 - alpha)/2 |b|_2^2]</c>,
/// <c>z_i = b_0 + x_i.b</c>, W = sum_i w_i, the intercept unpenalised, over the columns as given: standardise
/// them first (population SD, as glmnet's standardize = TRUE and <c>StandardScaler</c> do). The path runs
/// from lambda_max = max_j |x_j.(w (y - ybar))| / (W max(alpha, 1e-3)) down, log-spaced to
/// LambdaMinRatio x lambda_max, with warm starts, the sequential strong rule, an active set and
/// glmnet's quadratic (IRLS) outer loop, and glmnet's stopping rules (fdev, devmax, at least 5 lambdas).
/// The updates are glmnet's, in glmnet's order; strong-set passes run on the working residual and long
/// runs of active-set passes in the space of the active set's weighted Gram (glmnet's "covariance" form,
/// see <see cref="CoordinateForm"/>), chosen per outer iteration by what they cost. Fitted probabilities beyond 1e-5 of 0 or 1 are clamped as
/// glmnet's pmin does. Deterministic: the result does not depend on the thread count.
/// </summary>
public sealed class ElasticNetLogistic(ElasticNetOptions options)
{
    /// <summary>glmnet's default lambda.min.ratio: 1e-4 when there are at least as many rows as columns, else 1e-2.</summary>
    public static double DefaultLambdaMinRatio(int rows, int columns) => rows < columns ? 1e-2 : 1e-4;

    /// <summary>The options, checked when the trainer is made.</summary>
    public ElasticNetOptions Options { get; } = Validated(options);

    public ElasticNetPath Fit(Matrix<double> x, Vector<double> y, Vector<double>? sampleWeight = null)
    {
        Guard.BinaryFitInputs(x, y, sampleWeight, "Elastic-net logistic regression");
        var n = x.RowCount;
        var weights = new double[n];
        if (sampleWeight is null) Array.Fill(weights, 1.0 / n);
        else
        {
            var total = sampleWeight.Sum();
            if (!(total > 0)) throw new ArgumentException("sampleWeight sums to 0; at least one row needs a positive weight.", nameof(sampleWeight));
            for (var i = 0; i < n; i++) weights[i] = sampleWeight[i] / total;
        }
        var columns = x.AsColumnMajorArray() ?? x.ToColumnMajorArray();
        var labels = y.AsArray() ?? y.ToArray();
        return new ElasticNetSolver(columns, n, x.ColumnCount, labels, weights, Options).Run();
    }

    private static ElasticNetOptions Validated(ElasticNetOptions options)
    {
        Guard.NotNull(options, nameof(options));
        options.Validate();
        return options;
    }
}
