namespace Churn.Algorithms.Linear;

/// <summary>
/// One elastic-net fit per lambda, largest lambda first (glmnet's path object): intercepts,
/// coefficients with exact zeros, deviance ratios (glmnet's %Dev / 100) and how the fit went.
/// Coefficients are on the scale of the columns given to the trainer.
/// </summary>
public sealed class ElasticNetPath
{
    private readonly double[][] coefficients;

    internal ElasticNetPath(double alpha, double[] lambdas, double[] intercepts, double[][] coefficients,
        double[] devianceRatios, double[] logLikelihoods, double nullDeviance, int passes, bool converged, string stopReason)
    {
        Alpha = alpha;
        Lambdas = lambdas;
        Intercepts = intercepts;
        this.coefficients = coefficients;
        DevianceRatios = devianceRatios;
        LogLikelihoods = logLikelihoods;
        NullDeviance = nullDeviance;
        Passes = passes;
        Converged = converged;
        StopReason = stopReason;
    }

    public double Alpha { get; }

    /// <summary>Decreasing; the first is lambda_max (all coefficients zero) on an automatic path.</summary>
    public IReadOnlyList<double> Lambdas { get; }

    public IReadOnlyList<double> Intercepts { get; }

    /// <summary>1 - deviance / null deviance at each lambda (glmnet's dev.ratio).</summary>
    public IReadOnlyList<double> DevianceRatios { get; }

    /// <summary>Unweighted log-likelihood sum_i [y_i log p_i + (1 - y_i) log(1 - p_i)] at each lambda.</summary>
    public IReadOnlyList<double> LogLikelihoods { get; }

    /// <summary>2 x the weighted null deviance per unit weight (glmnet's nulldev divided by the weight total).</summary>
    public double NullDeviance { get; }

    /// <summary>Coordinate passes over the whole path (glmnet's npasses).</summary>
    public int Passes { get; }

    /// <summary>False when the pass cap stopped the path early (every lambda kept is converged).</summary>
    public bool Converged { get; }

    public string StopReason { get; }

    public int Count => Lambdas.Count;

    public int FeatureCount => coefficients.Length == 0 ? 0 : coefficients[0].Length;

    /// <summary>Coefficients at lambda index k (a copy).</summary>
    public double[] Coefficients(int k) => (double[])coefficients[k].Clone();

    /// <summary>Number of non-zero coefficients at lambda index k (glmnet's df).</summary>
    public int NonZeroCount(int k) => coefficients[k].Count(c => c != 0);

    /// <summary>The fit at lambda index k as a logistic model (no Wald statistics: the fit is penalised and selected).</summary>
    public LogisticRegressionModel ModelAt(int k) => new(Coefficients(k), Intercepts[k], true, Passes,
        StopReason, LogLikelihoods[k], double.NaN, [], null, [], []);

    /// <summary>Linear predictor of every row of <paramref name="x"/> at lambda index k.</summary>
    public Vector<double> DecisionFunction(Matrix<double> x, int k)
    {
        Guard.FeatureCount(x.ColumnCount, FeatureCount, nameof(x));
        var z = x * Vector<double>.Build.DenseOfArray(coefficients[k]);
        return z.Add(Intercepts[k]);
    }
}
