namespace Churn.Algorithms.Linear;

/// <summary>
/// Binary logistic regression trainer. Minimises, over w and b,
/// <c>F(w, b) = sum_i s_i [log(1 + e^{z_i}) - y_i z_i] + ||w||^2 / (2C)</c>, <c>z_i = x_i.w + b</c>,
/// the objective of scikit-learn 1.2.1's lbfgs solver exactly (same minimiser for every scikit-learn
/// version; intercept unpenalised; the penalty term is absent for <see cref="Penalty.None"/>).
/// s_i = sampleWeight_i x classWeight(y_i), with balanced class weights n / (2 n_class) counted on the labels.
/// Starts at theta = 0 and stops when max |dF/dtheta| &lt;= Tolerance. Never throws on non-convergence:
/// the model says Converged = false and why. Holds only its options, so fitting twice gives identical
/// models, and the result does not depend on the thread count.
/// </summary>
public sealed class LogisticRegression
{
    public LogisticRegression(LogisticRegressionOptions options)
    {
        Guard.NotNull(options, nameof(options));
        options.Validate();
        Options = options;
    }

    public LogisticRegressionOptions Options { get; }

    public LogisticRegressionModel Fit(Matrix<double> x, Vector<double> y, Vector<double>? sampleWeight = null)
    {
        Guard.BinaryFitInputs(x, y, sampleWeight, "Logistic regression");
        var o = Options;
        var n = x.RowCount;
        var d = x.ColumnCount;
        // Dense MathNet storage is already column-major: used as is, never copied or modified.
        var columns = x.AsColumnMajorArray() ?? x.ToColumnMajorArray();
        var labels = y.AsArray() ?? y.ToArray(); // read only, never modified
        var weights = CombinedWeights(labels, sampleWeight, o.ClassWeight);
        var lambda = o.Penalty == Penalty.L2 ? 1.0 / o.C : 0.0;
        var objective = LogisticObjective.FromColumnMajor(columns, n, d, labels, weights, o.FitIntercept, lambda,
            o.MaxDegreeOfParallelism);

        var start = new double[objective.ParameterCount];
        var result = o.Solver == LogisticSolver.Newton
            ? NewtonSolver.Minimize(objective, start, o.MaxIterations, o.Tolerance)
            : LbfgsSolver.Minimize(objective, start, o.MaxIterations, o.Tolerance);

        var theta = result.Theta;
        var warnings = new List<string>();
        var fitWarnings = new List<string>();
        if (!result.Converged) fitWarnings.Add(result.StopReason);
        warnings.AddRange(fitWarnings);

        var correlations = Collinearity.Compute(columns, n, d);
        var pairs = correlations.Pairs(o.CollinearityThreshold);
        var dependencies = correlations.Dependencies(o.CollinearityThreshold);
        foreach (var c in correlations.Constant)
            warnings.Add(Format("Column {0} is constant{1}.", c,
                o.FitIntercept ? "; it duplicates the intercept" : ""));
        warnings.AddRange(pairs.Select(Collinearity.Describe));
        warnings.AddRange(dependencies.Select(Collinearity.Describe));

        var collinearityCount = warnings.Count;
        // Only an unpenalised fit can diverge under separation (a penalty keeps the estimate finite), so only it
        // pays for the pass over the rows that looks for it.
        var separation = o.Penalty == Penalty.None ? Separation(columns, n, d, labels, weights, theta, o.FitIntercept) : null;
        if (separation is not null) warnings.Add(separation);

        CoefficientStatistics? statistics = null;
        if (o.Penalty == Penalty.None)
        {
            if (separation is not null)
            {
                warnings.Add("Coefficient statistics unavailable: the maximum-likelihood estimate does not exist under separation.");
            }
            else
            {
                var p = objective.ParameterCount;
                var hessian = new double[p * p];
                objective.Evaluate(theta, new double[p], hessian, LogisticObjective.Mode.Hessian);
                statistics = CoefficientStatistics.TryCompute(theta, hessian, d, o.FitIntercept, out var problem);
                if (problem is not null) warnings.Add(problem);
                if (statistics is not null && weights is not null)
                    warnings.Add("Standard errors treat the sample/class weights as frequency weights " +
                                 "(inverse of the weighted Hessian, as statsmodels GLM freq_weights); they are not robust errors.");
            }
        }

        // Unweighted, F = -llf + penalty, so the solver's last value gives llf without another pass over the rows.
        var logLikelihood = weights is null
            ? -(result.Value - objective.PenaltyValue(theta))
            : objective.LogLikelihood(theta);
        var coefficients = theta.AsSpan(0, d).ToArray();
        var intercept = o.FitIntercept ? theta[d] : 0.0;
        return new LogisticRegressionModel(coefficients, intercept, result.Converged, result.Iterations,
            result.StopReason, logLikelihood, result.GradientMaxNorm, warnings.AsReadOnly(),
            statistics, pairs, dependencies, correlations.Constant, fitWarnings.Concat(warnings.Skip(collinearityCount)).ToArray());
    }

    /// <summary>
    /// Fits from sums computed outside memory (e.g. SQL aggregates over a table): the same Newton solver from
    /// theta = 0, and for an unpenalised fit the same coefficient statistics from the Hessian at the optimum.
    /// The options' Penalty and C must be the ones the objective was built with; Newton is the only solver
    /// (each evaluation is a pass over the data, and Newton needs few). Row-level diagnostics
    /// (collinearity, separation) need the rows and are not computed.
    /// </summary>
    public LogisticRegressionModel FitSummed(SummedLogisticObjective objective, bool unweighted)
    {
        Guard.NotNull(objective, nameof(objective));
        var o = Options;
        var lambda = o.Penalty == Penalty.L2 ? 1.0 / o.C : 0.0;
        if (objective.PenaltyStrength != lambda)
            throw new ArgumentException($"the objective's penalty strength {objective.PenaltyStrength} is not the options' {lambda}.", nameof(objective));
        var result = NewtonSolver.Minimize(objective, new double[objective.ParameterCount], o.MaxIterations, o.Tolerance);
        var theta = result.Theta;
        var d = objective.FeatureCount;
        var warnings = new List<string>();
        if (!result.Converged) warnings.Add(result.StopReason);
        CoefficientStatistics? statistics = null;
        if (o.Penalty == Penalty.None)
        {
            var p = objective.ParameterCount;
            var hessian = new double[p * p];
            objective.Evaluate(theta, new double[p], hessian);
            statistics = CoefficientStatistics.TryCompute(theta, hessian, d, fitIntercept: true, out var problem);
            if (problem is not null) warnings.Add(problem);
        }
        var logLikelihood = unweighted ? -(result.Value - objective.PenaltyValue(theta)) : double.NaN;
        return new LogisticRegressionModel(theta.AsSpan(0, d).ToArray(), theta[d], result.Converged, result.Iterations,
            result.StopReason, logLikelihood, result.GradientMaxNorm, warnings.AsReadOnly(), statistics, [], []);
    }

    /// <summary>s_i = sampleWeight_i x classWeight(y_i); null when every s_i would be 1.</summary>
    internal static double[]? CombinedWeights(double[] labels, Vector<double>? sampleWeight, ClassWeighting classWeight)
    {
        if (sampleWeight is null && classWeight == ClassWeighting.None) return null;
        var s = sampleWeight?.ToArray() ?? Enumerable.Repeat(1.0, labels.Length).ToArray();
        if (classWeight == ClassWeighting.Balanced)
        {
            // sklearn compute_class_weight('balanced'): n_samples / (n_classes * bincount(y)), ignoring sample weights.
            var positives = labels.Count(v => v == 1.0);
            var negatives = labels.Length - positives;
            var w1 = labels.Length / (2.0 * positives);
            var w0 = labels.Length / (2.0 * negatives);
            for (var i = 0; i < s.Length; i++) s[i] *= labels[i] == 1.0 ? w1 : w0;
        }
        return s;
    }

    /// <summary>
    /// Complete separation: every row with positive weight lies strictly on its own side of the fitted
    /// hyperplane. Quasi-complete: some row's fitted probability of its own label is within 1e-10 of 1
    /// while others are not separated. Returns a warning or null.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static string? Separation(double[] x, int n, int d, double[] y, double[]? s, double[] theta, bool fitIntercept)
    {
        // Blocks of rows on all cores; the counts are integers, so their sum does not depend on the split.
        var chunks = new RowChunks(n, -1);
        var counts = new (int Misclassified, int Certain)[chunks.Count];
        chunks.ForEach((start, length) => counts[start / RowChunks.ChunkRows] = SeparationCounts(x, n, d, y, s, theta, fitIntercept, start, length));
        var misclassified = counts.Sum(c => c.Misclassified);
        var certain = counts.Sum(c => c.Certain);
        if (misclassified == 0)
            return "Complete separation: the fitted hyperplane classifies every training row correctly, so the " +
                   "unpenalised maximum-likelihood estimate does not exist and the coefficients grow without bound; fit with an L2 penalty (the default) instead.";
        if (certain > 0)
            return Format("Possible quasi-complete separation: {0} rows have a fitted probability of their own label " +
                          "above 1 - 1e-10; coefficients may be unbounded. Consider an L2 penalty (the default).", certain);
        return null;
    }

    /// <summary>Rows [start, start + length) with a wrong or zero margin, and with a margin above 23 (1 - p &lt; 1e-10).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static (int Misclassified, int Certain) SeparationCounts(double[] x, int n, int d, double[] y, double[]? s, double[] theta,
        bool fitIntercept, int start, int length)
    {
        var misclassified = 0;
        var certain = 0;
        var rented = System.Buffers.ArrayPool<double>.Shared.Rent(length);
        var block = rented.AsSpan(0, length);
        block.Fill(fitIntercept ? theta[d] : 0.0);
        for (var j = 0; j < d; j++) ColumnKernels.AddScaled(block, theta[j], x.AsSpan(j * n + start, length));
        for (var k = 0; k < length; k++)
        {
            var i = start + k;
            if (s is not null && s[i] == 0) continue;
            var signed = y[i] == 1.0 ? block[k] : -block[k];
            if (signed <= 0) misclassified++;
            else if (signed > 23.0) certain++;
        }
        System.Buffers.ArrayPool<double>.Shared.Return(rented);
        return (misclassified, certain);
    }

    private static string Format(string format, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, format, args);
}
