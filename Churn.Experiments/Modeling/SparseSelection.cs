namespace Churn.Experiments.Modeling;

/// <summary>
/// How a sparse model got its coefficients: the elastic-net path on the (standardised) training
/// columns, the path cross-validation that chose lambda (absent for a fixed --lambda) and the chosen fit.
/// </summary>
public sealed record SparseSelection(ElasticNetPath Path, ElasticNetCrossValidation? CrossValidation, int Index, string Rule)
{
    /// <summary>glmnet's convergence threshold for product fits: far below the default 1e-7, so coefficients are exact to ~1e-6.</summary>
    public const double Tolerance = 1e-12;

    public double Lambda => Path.Lambdas[Index];

    public LogisticRegressionModel Model => Path.ModelAt(Index);

    /// <summary>Fits the path (and, unless lambda is fixed, its stratified CV with the training seed) on standardised columns.</summary>
    public static SparseSelection Fit(Matrix<double> x, Vector<double> y, ChurnTrainingOptions options)
    {
        var enet = new ElasticNetOptions { Alpha = options.L1Ratio, Tolerance = Tolerance };
        if (options.Lambda.Rule == LambdaRule.Fixed)
        {
            return AtFixedLambda(new ElasticNetLogistic(enet with { Lambdas = [options.Lambda.Value] }).Fit(x, y), options.Lambda);
        }
        var positives = (int)y.Sum();
        var minority = Math.Min(positives, y.Count - positives);
        var folds = Math.Min(options.PathFolds, minority);
        if (folds < 3)
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "choosing lambda by cross-validation needs at least 3 rows of each class, but the smaller class has {0}; give --lambda VALUE.", minority));
        var cv = ElasticNetCrossValidation.Run(x, y, enet, folds, options.Seed, options.PathMeasure);
        var index = options.Lambda.Rule == LambdaRule.Minimum ? cv.IndexMin : cv.IndexOneStandardError;
        return new SparseSelection(cv.Path, cv, index, options.Lambda.ToString());
    }

    /// <summary>The one-lambda path of a fixed --lambda (in memory or in a SQL engine) as the selection.</summary>
    public static SparseSelection AtFixedLambda(ElasticNetPath path, LambdaSelection lambda)
    {
        // A single lambda starts cold (no warm start from larger lambdas) and can exhaust the pass cap;
        // the path then holds no fit at all.
        if (path.Count == 0)
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "the elastic-net fit at --lambda {0} did not converge ({1}); give a larger --lambda, or --lambda min or 1se to fit along a warm-started path.",
                lambda, path.StopReason));
        return new SparseSelection(path, null, 0, "fixed");
    }

    /// <summary>The lambda indices where a column's coefficient first becomes non-zero, with those columns.</summary>
    public IReadOnlyList<(int Index, IReadOnlyList<int> Columns)> Entering()
    {
        var seen = new bool[Path.FeatureCount];
        var result = new List<(int, IReadOnlyList<int>)>();
        for (var k = 0; k < Path.Count; k++)
        {
            var coefficients = Path.Coefficients(k);
            var entering = new List<int>();
            for (var j = 0; j < coefficients.Length; j++)
                if (coefficients[j] != 0 && !seen[j]) { seen[j] = true; entering.Add(j); }
            if (entering.Count > 0) result.Add((k, entering));
        }
        return result;
    }
}
