namespace Churn.Algorithms.Linear;

/// <summary>
/// A fitted binary logistic regression: P(y = 1 | x) = sigmoid(x.w + b). Immutable; the
/// <see cref="Coefficients"/> property returns a copy. Besides the parameters it records how the fit went
/// (<see cref="Converged"/>, <see cref="Iterations"/>, <see cref="StopReason"/>, <see cref="GradientMaxNorm"/>),
/// the unweighted log-likelihood sum_i [y_i log p_i + (1 - y_i) log(1 - p_i)] on the training rows,
/// diagnostics (<see cref="Warnings"/>, <see cref="CollinearPairs"/>, <see cref="LinearDependencies"/>) and,
/// for unpenalised fits with an invertible Hessian, Wald <see cref="Statistics"/>.
/// </summary>
public sealed class LogisticRegressionModel
{
    private readonly double[] _coefficients;

    internal LogisticRegressionModel(double[] coefficients, double intercept, bool converged, int iterations,
        string stopReason, double logLikelihood, double gradientMaxNorm, IReadOnlyList<string> warnings,
        CoefficientStatistics? statistics, IReadOnlyList<CollinearPair> collinearPairs,
        IReadOnlyList<LinearDependency> linearDependencies, IReadOnlyList<int>? constantColumns = null,
        IReadOnlyList<string>? fitWarnings = null)
    {
        ConstantColumns = constantColumns ?? [];
        FitWarnings = fitWarnings ?? warnings;
        _coefficients = coefficients;
        Intercept = intercept;
        Converged = converged;
        Iterations = iterations;
        StopReason = stopReason;
        LogLikelihood = logLikelihood;
        GradientMaxNorm = gradientMaxNorm;
        Warnings = warnings;
        Statistics = statistics;
        CollinearPairs = collinearPairs;
        LinearDependencies = linearDependencies;
        OddsRatios = Array.AsReadOnly(coefficients.Select(Math.Exp).ToArray());
    }

    /// <summary>w, one per feature (a copy).</summary>
    public Vector<double> Coefficients => Vector<double>.Build.DenseOfArray((double[])_coefficients.Clone());

    /// <summary>w without a copy, for scoring loops that read it per row.</summary>
    public ReadOnlySpan<double> CoefficientSpan => _coefficients;

    /// <summary>b (0 when fitted without intercept).</summary>
    public double Intercept { get; }

    public int FeatureCount => _coefficients.Length;
    public bool Converged { get; }
    public int Iterations { get; }
    public string StopReason { get; }

    /// <summary>Unweighted, unpenalised log-likelihood at the solution (statsmodels' llf).</summary>
    public double LogLikelihood { get; }

    /// <summary>max |gradient| of the minimised objective at the solution (see <see cref="LogisticRegressionOptions"/>).</summary>
    public double GradientMaxNorm { get; }

    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// <see cref="Warnings"/> without the collinearity diagnostics (which name columns by index): convergence,
    /// separation, statistics. A caller that knows the column names words <see cref="ConstantColumns"/>,
    /// <see cref="CollinearPairs"/> and <see cref="LinearDependencies"/> itself.
    /// </summary>
    public IReadOnlyList<string> FitWarnings { get; }

    /// <summary>Columns with zero variance in the training rows.</summary>
    public IReadOnlyList<int> ConstantColumns { get; }

    /// <summary>Null for penalised fits, or when the Hessian is singular / ill-conditioned (see Warnings).</summary>
    public CoefficientStatistics? Statistics { get; }

    public IReadOnlyList<CollinearPair> CollinearPairs { get; }
    public IReadOnlyList<LinearDependency> LinearDependencies { get; }

    /// <summary>exp(w_j): the factor on the odds per unit increase of feature j.</summary>
    public IReadOnlyList<double> OddsRatios { get; }

    /// <summary>A model from known parameters (e.g. read from a model file); fit diagnostics are empty.</summary>
    public static LogisticRegressionModel FromParameters(Vector<double> coefficients, double intercept)
    {
        Guard.NotEmpty(coefficients, nameof(coefficients));
        Guard.AllFinite(coefficients, nameof(coefficients));
        if (!double.IsFinite(intercept))
            throw new ArgumentException($"intercept is {Guard.Describe(intercept)}; it must be finite.", nameof(intercept));
        return new LogisticRegressionModel(coefficients.ToArray(), intercept, true, 0, "Loaded from parameters.",
            double.NaN, double.NaN, [], null, [], []);
    }

    /// <summary>z = x.w + b.</summary>
    public double DecisionFunction(Vector<double> row)
    {
        Guard.NotNull(row, nameof(row));
        Guard.FeatureCount(row.Count, FeatureCount, nameof(row));
        var z = Intercept;
        for (var j = 0; j < _coefficients.Length; j++) z += _coefficients[j] * row[j];
        return z;
    }

    /// <summary>sigmoid(x.w + b).</summary>
    public double PredictProbability(Vector<double> row) => LogisticLoss.Sigmoid(DecisionFunction(row));

    /// <summary>P(y = 1) for every row of <paramref name="x"/>.</summary>
    public Vector<double> PredictProbabilities(Matrix<double> x)
    {
        Guard.NotNull(x, nameof(x));
        Guard.FeatureCount(x.ColumnCount, FeatureCount, nameof(x));
        var n = x.RowCount;
        var result = new double[n];
        if (x.AsColumnMajorArray() is { } columns)
        {
            // x * w a column at a time, summed in feature order from 0 as the row-by-row product sums it
            // (same bits), without the matrix product's per-row temporaries; blocks of rows on all cores.
            new RowChunks(n, -1).ForEach((start, length) => ScoreRows(columns, n, start, _coefficients, Intercept, result.AsSpan(start, length)));
            return Vector<double>.Build.DenseOfArray(result);
        }
        var z = x * Vector<double>.Build.DenseOfArray(_coefficients);
        for (var i = 0; i < result.Length; i++) result[i] = LogisticLoss.Sigmoid(z[i] + Intercept);
        return Vector<double>.Build.DenseOfArray(result);
    }

    /// <summary>Probabilities of the rows from <paramref name="start"/> of column-major <paramref name="columns"/> into <paramref name="block"/> (zeros on entry).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per block: no tier-0 code
    private static void ScoreRows(double[] columns, int n, int start, double[] coefficients, double intercept, Span<double> block)
    {
        for (var j = 0; j < coefficients.Length; j++)
        {
            var w = coefficients[j];
            var column = columns.AsSpan(j * n + start, block.Length);
            for (var i = 0; i < block.Length; i++) block[i] += column[i] * w;
        }
        for (var i = 0; i < block.Length; i++) block[i] = LogisticLoss.Sigmoid(block[i] + intercept);
    }

    /// <summary>w_j x_j per feature: the additive contributions to the log-odds (the intercept is not included).</summary>
    public Vector<double> Contributions(Vector<double> row)
    {
        Guard.NotNull(row, nameof(row));
        Guard.FeatureCount(row.Count, FeatureCount, nameof(row));
        return Vector<double>.Build.Dense(FeatureCount, j => _coefficients[j] * row[j]);
    }
}
