using Churn.Algorithms.Metrics;
using Churn.Algorithms.Preprocessing;
using Churn.Algorithms.Validation;

namespace Churn.Algorithms.Additive;

/// <summary>A point of a cross-validation curve: the tuned value and the mean held-out log-loss.</summary>
public sealed record CvPoint(double Value, double LogLoss);

/// <summary>What <see cref="AdditiveTrainer"/> produced: the basis, scaler, fit, the chosen settings and their CV curves.</summary>
public sealed record AdditiveFit(
    AdditiveBasis Basis,
    StandardScalerModel Scaler,
    PenalizedFit Fit,
    double Smoothing,
    IReadOnlyList<CvPoint> SmoothingCurve,
    IReadOnlyList<(string Pair, double Gain)> PairRanking,
    IReadOnlyList<CvPoint> InteractionCurve,
    IReadOnlyList<TermShape> Shapes)
{
    /// <summary>The smoothing of each term (index = term): its REML balance times <see cref="Smoothing"/>.</summary>
    public IReadOnlyList<double> TermSmoothing { get; init; } = [];

    /// <summary>What the fit could not do as asked, in words (e.g. numeric features kept linear for want of rows).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// Fits an additive logistic model with selected pairwise interactions:
/// <list type="number">
/// <item>one term per source feature: text -> its indicators; a numeric column with at most
/// <see cref="AdditiveOptions.MaxStepLevels"/> distinct values -> a step per value; otherwise a cubic
/// P-spline with knots at training quantiles (constant columns get no term);</item>
/// <item>expanded columns are standardised and a penalised logistic regression (Newton) is fitted;
/// each term's smoothing is balanced by REML (<see cref="FellnerSchall"/>) and all are scaled by the
/// multiplier with the lowest held-out log-loss over a stratified
/// K-fold split (warm starts down the grid). The basis and scaler stay those of all training rows
/// inside this inner CV: they use no labels, so nothing leaks, and every fold shares one design;</item>
/// <item>pairs are ranked by FAST (<see cref="PairScreening"/>) on the additive model's residuals; the
/// best N enter as tensor-product terms. With auto, each of the best <see cref="AdditiveOptions.MaxInteractions"/>
/// is tried by the same inner CV on top of the main effects (<see cref="PairLosses"/>) and kept when it
/// lowers the held-out log-loss by more than <see cref="MinimumGain"/> per row and by more than one
/// standard error of its fold gains (glmnet's 1-SE caution: small data must show the gain in most folds).</item>
/// </list>
/// Deterministic: the folds are seeded, and every sum has a fixed order.
/// </summary>
public sealed class AdditiveTrainer(AdditiveOptions options)
{
    public AdditiveOptions Options { get; } = options;

    public AdditiveFit Fit(Matrix<double> inputs, Vector<double> y, IReadOnlyList<AdditiveInput> features)
    {
        Options.Validate();
        Guard.NotEmpty(inputs, nameof(inputs));
        Guard.AllFinite(inputs, nameof(inputs));
        Guard.RowsMatch(inputs, nameof(inputs), y, nameof(y));
        Guard.BothClasses(y, nameof(y), "an additive model");
        var knots = KnotsFor(features, inputs);
        var main = features.Select(f => MainTerm(f, inputs, knots)).OfType<AdditiveTerm>().ToList();
        if (main.Count == 0) throw new ArgumentException("No feature varies in the training rows; nothing to fit.");
        var basis = new AdditiveBasis(inputs.ColumnCount, main);
        var folds = StratifiedKFold.Split(y, Math.Min(Options.Folds, MinorityCount(y)), Options.Seed);

        var design = basis.Expand(inputs);
        var scaler = StandardScaler.Fit(design);
        var x = scaler.Transform(design);
        // Per-term balance by REML (Fellner-Schall), overall strength by CV over a multiplier of it.
        var balance = FellnerSchall.Estimate(basis, x, y, scaler.Scales, Options.Ridge, 10);
        double[] Scaled(double m, int count) => balance.Take(count).Select(l => l * m).ToArray();
        var curve = new List<CvPoint>();
        var losses = CrossValidate(x, y, folds, Options.SmoothingGrid.Select(m => basis.Penalty(Scaled(m, basis.Terms.Count), Options.Ridge, scaler.Scales)).ToList());
        for (var k = 0; k < losses.Length; k++) curve.Add(new CvPoint(Options.SmoothingGrid[k], losses[k]));
        var smoothing = Options.SmoothingGrid[ArgMin(losses)];
        var mainFit = PenalizedLogistic.Fit(x, y, basis.Penalty(Scaled(smoothing, basis.Terms.Count), Options.Ridge, scaler.Scales), maxIterations: Options.MaxIterations);

        var ranking = new List<(string, double)>();
        IReadOnlyList<double> pairSmoothing = [];
        var interactionCurve = new List<CvPoint>();
        if (Options.Interactions != 0 && main.Count >= 2)
        {
            var probabilities = Probabilities(x, mainFit);
            var scores = PairScreening.Rank(main, inputs, y, probabilities);
            var wanted = Options.Interactions > 0 ? Options.Interactions : Options.MaxInteractions;
            var pairs = scores.Take(wanted)
                .Select(s => new PairTerm(Marginal(main[s.First], inputs), Marginal(main[s.Second], inputs))).ToList();
            foreach (var (s, pair) in scores.Zip(pairs)) ranking.Add((pair.Name, s.Gain));
            if (Options.Interactions < 0 && pairs.Count > 0)
            {
                var (losses0, pairLambdas, helps) = PairLosses(x, y, folds, basis.Penalty(Scaled(smoothing, basis.Terms.Count), Options.Ridge, scaler.Scales),
                    mainFit, pairs, inputs, smoothing);
                interactionCurve.Add(new CvPoint(0, losses0[0]));
                for (var k = 0; k < pairs.Count; k++) interactionCurve.Add(new CvPoint(k + 1, losses0[k + 1]));
                var kept = Enumerable.Range(0, pairs.Count).Where(k => helps[k]).ToArray();
                pairs = kept.Select(k => pairs[k]).ToList();
                pairSmoothing = kept.Select(k => pairLambdas[k]).ToList();
            }
            else
                pairSmoothing = pairs.Select(pair => PairLambda(pair, inputs, y, mainFit, x) * smoothing).ToList();
            var keep = pairs.Count;
            if (keep > 0)
            {
                basis = basis.With(pairs.Take(keep));
                design = basis.Expand(inputs);
                scaler = StandardScaler.Fit(design);
                x = scaler.Transform(design);
            }
        }
        var termSmoothing = Scaled(smoothing, main.Count).Concat(pairSmoothing).ToArray();
        var penalty = basis.Penalty(termSmoothing, Options.Ridge, scaler.Scales);
        var fit = PenalizedLogistic.Fit(x, y, penalty, covariance: true, maxIterations: Options.MaxIterations);
        var shapes = TermShapes.Compute(basis, scaler, fit.Coefficients, fit.Covariance, fit.EffectiveDf, inputs);
        return new AdditiveFit(basis, scaler, fit, smoothing, curve, ranking, interactionCurve, shapes)
        {
            TermSmoothing = termSmoothing,
            Warnings = LinearFallbackWarning(main, inputs.RowCount, knots) is { } warning ? [warning] : [],
        };
    }

    /// <summary>
    /// The documented fallback of <see cref="KnotsFor"/> said out loud: when the rows cannot support a basis per
    /// feature, every numeric feature with more than two values is a <see cref="LinearTerm"/>, so those terms
    /// (and, without pairs, the whole model) are exactly the linear model's. Null when no term fell back.
    /// </summary>
    private string? LinearFallbackWarning(IReadOnlyList<AdditiveTerm> main, int rows, int knots)
    {
        var linear = main.OfType<LinearTerm>().Count();
        if (linear == 0) return null;
        var numeric = main.Count(t => t is LinearTerm or StepTerm or SplineTerm);
        return string.Format(CultureInfo.InvariantCulture,
            "additive: {0} of {1} numeric features stay linear terms, exactly as in the linear model: {2} rows allow {3} base knots per spline " +
            "(a spline needs at least 3, and all splines together at most a quarter of the rows in columns), so no shape is fitted for them; " +
            "with so few rows per feature the additive model falls back to the linear one rather than overfit.",
            linear, numeric, rows, Math.Max(0, knots));
    }

    /// <summary>The one-feature term for a source feature, or null when its column is constant on these rows.</summary>
    public AdditiveTerm? MainTerm(AdditiveInput feature, Matrix<double> inputs, int knots)
    {
        if (feature.Indicators)
        {
            var varying = Enumerable.Range(0, feature.Columns.Count)
                .Where(k => inputs.Column(feature.Columns[k]).Distinct().Count() > 1).ToArray();
            return varying.Length == 0 ? null
                : new IndicatorTerm(feature.Name, varying.Select(k => feature.Columns[k]).ToArray(), varying.Select(k => feature.ColumnNames[k]).ToArray());
        }
        if (feature.Columns.Count != 1)
            throw new ArgumentException("numeric feature '" + feature.Name + "' must have exactly one input column.");
        var values = inputs.Column(feature.Columns[0]).ToArray();
        var levels = values.Distinct().Order().ToArray();
        if (levels.Length < 2) return null;
        // Without rows for a basis per feature (knots < 3), counts and codes stay linear too; 0/1 flags are steps either way.
        if (knots < 3 && levels.Length > 2) return new LinearTerm(feature.Name, feature.Columns[0]);
        if (levels.Length <= Options.MaxStepLevels) return new StepTerm(feature.Name, feature.Columns[0], levels);
        return new SplineTerm(feature.Name, feature.Columns[0], BSplineBasis.Fit(values, knots, Options.Degree, quantile: true));
    }

    /// <summary>
    /// Base knots per spline: <see cref="AdditiveOptions.Knots"/>, fewer when the spline columns would
    /// exceed a quarter of the rows (a basis per feature needs rows to support it), and below 3 (fewer
    /// than 4 columns) none: the features stay linear, as in the linear model. 300 rows and 150 numeric
    /// features get linear terms; 2,666 rows and 10 features get the full basis.
    /// </summary>
    private int KnotsFor(IReadOnlyList<AdditiveInput> features, Matrix<double> inputs)
    {
        var smooth = features.Count(f => !f.Indicators && f.Columns.Count == 1
                                         && inputs.Column(f.Columns[0]).Distinct().Take(Options.MaxStepLevels + 1).Count() > Options.MaxStepLevels);
        if (smooth == 0) return Options.Knots;
        var columnsEach = inputs.RowCount / 4 / smooth; // a spline with k base knots has k + 1 columns
        return Math.Min(Options.Knots, columnsEach - 1);
    }

    /// <summary>A pair's marginal: splines get the coarser <see cref="AdditiveOptions.PairKnots"/> basis; steps and indicators stay.</summary>
    private AdditiveTerm Marginal(AdditiveTerm term, Matrix<double> inputs) =>
        term is SplineTerm spline
            ? new SplineTerm(term.Name, spline.Inputs[0], BSplineBasis.Fit(inputs.Column(spline.Inputs[0]).ToArray(), Options.PairKnots, Options.Degree, quantile: true))
            : term;

    /// <summary>A pair is kept by auto when it lowers the held-out log-loss by more than this per row (noise level of a 2,000-row fold).</summary>
    public const double MinimumGain = 1e-4;

    /// <summary>
    /// Held-out log-loss of the main-effects model (index 0) and of it plus each pair alone (index k + 1),
    /// over the folds. The main effects are refitted on each fold's training rows and then held fixed as
    /// an offset while the pair's own columns are fitted: one small fit per pair and fold, so every
    /// screened pair is tried, in the way EBM fits pairs on the residuals of the main terms.
    /// </summary>
    private (double[] Losses, double[] Smoothing, bool[] Helps) PairLosses(Matrix<double> x, Vector<double> y, IReadOnlyList<TrainTestIndices> folds,
        Matrix<double> mainPenalty, PenalizedFit mainFit, IReadOnlyList<PairTerm> pairs, Matrix<double> inputs, double multiplier)
    {
        var loss = new double[pairs.Count + 1];
        var foldGain = new double[pairs.Count, folds.Count];
        var foldIndex = 0;
        var fullEta = LinearPredictor(x, mainFit).ToArray();
        var smoothing = new double[pairs.Count];
        var designs = new List<(Matrix<double> X, Matrix<double> Penalty)>();
        for (var k = 0; k < pairs.Count; k++)
        {
            var (design, single, scales) = PairDesign(pairs[k], inputs);
            smoothing[k] = FellnerSchall.Estimate(single, design, y, scales, Options.Ridge, 10, offset: fullEta)[0] * multiplier;
            designs.Add((design, single.Penalty(smoothing[k], Options.Ridge, scales)));
        }
        double[] start = [mainFit.Intercept, .. mainFit.Coefficients];
        foreach (var fold in folds)
        {
            var trainY = Vector<double>.Build.Dense(fold.Train.Length, i => y[fold.Train[i]]);
            var testY = Vector<double>.Build.Dense(fold.Test.Length, i => y[fold.Test[i]]);
            var main = PenalizedLogistic.Fit(Rows(x, fold.Train, x.ColumnCount), trainY, mainPenalty, start, maxIterations: Options.MaxIterations);
            var trainEta = LinearPredictor(Rows(x, fold.Train, x.ColumnCount), main);
            var testEta = LinearPredictor(Rows(x, fold.Test, x.ColumnCount), main);
            var baseline = LogLoss.Compute(testY, testEta.Map(Sigmoid));
            loss[0] += baseline * fold.Test.Length;
            for (var k = 0; k < designs.Count; k++)
            {
                var design = designs[k].X;
                var pairFit = PenalizedLogistic.Fit(Rows(design, fold.Train, design.ColumnCount), trainY, designs[k].Penalty,
                    maxIterations: Options.MaxIterations, offset: trainEta.ToArray());
                var eta = testEta + LinearPredictor(Rows(design, fold.Test, design.ColumnCount), pairFit);
                var withPair = LogLoss.Compute(testY, eta.Map(Sigmoid));
                loss[k + 1] += withPair * fold.Test.Length;
                foldGain[k, foldIndex] = baseline - withPair;
            }
            foldIndex++;
        }
        for (var k = 0; k < loss.Length; k++) loss[k] /= y.Count;
        var helps = new bool[pairs.Count];
        for (var k = 0; k < pairs.Count; k++)
        {
            var gains = Enumerable.Range(0, folds.Count).Select(f => foldGain[k, f]).ToArray();
            var mean = gains.Average();
            var standardError = MathNet.Numerics.Statistics.Statistics.StandardDeviation(gains) / Math.Sqrt(gains.Length);
            helps[k] = mean > MinimumGain && mean > standardError;
        }
        return (loss, smoothing, helps);
    }

    /// <summary>REML smoothing of one pair fitted on top of the main effects (for a fixed --interactions N).</summary>
    private double PairLambda(PairTerm pair, Matrix<double> inputs, Vector<double> y, PenalizedFit mainFit, Matrix<double> x)
    {
        var (design, single, scales) = PairDesign(pair, inputs);
        return FellnerSchall.Estimate(single, design, y, scales, Options.Ridge, 10, offset: LinearPredictor(x, mainFit).ToArray())[0];
    }

    private static (Matrix<double> X, AdditiveBasis Single, IReadOnlyList<double> Scales) PairDesign(PairTerm pair, Matrix<double> inputs)
    {
        var single = new AdditiveBasis(inputs.ColumnCount, [pair]);
        var raw = single.Expand(inputs);
        var pairScaler = StandardScaler.Fit(raw);
        return (pairScaler.Transform(raw), single, pairScaler.Scales);
    }

    private static Vector<double> LinearPredictor(Matrix<double> x, PenalizedFit fit) =>
        x * Vector<double>.Build.DenseOfEnumerable(fit.Coefficients) + fit.Intercept;

    private static double Sigmoid(double e) => e >= 0 ? 1 / (1 + Math.Exp(-e)) : Math.Exp(e) / (1 + Math.Exp(e));

    /// <summary>Mean held-out log-loss for each penalty, fitted in the order given (warm starts).</summary>
    private double[] CrossValidate(Matrix<double> x, Vector<double> y, IReadOnlyList<TrainTestIndices> folds, IReadOnlyList<Matrix<double>> penalties) =>
        CrossValidatePrefixes(x, y, folds, penalties, penalties.Select(p => p.RowCount).ToList());

    /// <summary>As <see cref="CrossValidate"/>, candidate k using the first widths[k] columns (warm start padded with zeros).</summary>
    private double[] CrossValidatePrefixes(Matrix<double> x, Vector<double> y, IReadOnlyList<TrainTestIndices> folds,
        IReadOnlyList<Matrix<double>> penalties, IReadOnlyList<int> widths)
    {
        var loss = new double[penalties.Count];
        var widest = widths.Max();
        foreach (var fold in folds)
        {
            var trainY = Vector<double>.Build.Dense(fold.Train.Length, i => y[fold.Train[i]]);
            var testY = Vector<double>.Build.Dense(fold.Test.Length, i => y[fold.Test[i]]);
            var trainAll = Rows(x, fold.Train, widest);
            var testAll = Rows(x, fold.Test, widest);
            double[]? start = null;
            for (var k = 0; k < penalties.Count; k++)
            {
                var w = widths[k];
                var train = w == widest ? trainAll : trainAll.SubMatrix(0, trainAll.RowCount, 0, w);
                var test = w == widest ? testAll : testAll.SubMatrix(0, testAll.RowCount, 0, w);
                if (start is not null && start.Length != w + 1) start = [.. start, .. new double[w + 1 - start.Length]];
                var fit = PenalizedLogistic.Fit(train, trainY, penalties[k], start, maxIterations: Options.MaxIterations);
                start = [fit.Intercept, .. fit.Coefficients];
                loss[k] += LogLoss.Compute(testY, Probabilities(test, fit)) * fold.Test.Length;
            }
        }
        for (var k = 0; k < loss.Length; k++) loss[k] /= y.Count;
        return loss;
    }

    private static Matrix<double> Rows(Matrix<double> x, int[] rows, int width)
    {
        var source = x.AsColumnMajorArray();
        var n = x.RowCount;
        var result = new double[rows.Length * width];
        for (var j = 0; j < width; j++)
            for (var i = 0; i < rows.Length; i++) result[j * rows.Length + i] = source[j * n + rows[i]];
        return Matrix<double>.Build.Dense(rows.Length, width, result);
    }

    private static Vector<double> Probabilities(Matrix<double> x, PenalizedFit fit)
    {
        var eta = x * Vector<double>.Build.DenseOfEnumerable(fit.Coefficients) + fit.Intercept;
        return eta.Map(e => e >= 0 ? 1 / (1 + Math.Exp(-e)) : Math.Exp(e) / (1 + Math.Exp(e)));
    }

    private static int ArgMin(double[] values)
    {
        var best = 0;
        for (var k = 1; k < values.Length; k++)
            if (values[k] < values[best] - 1e-12) best = k;
        return best;
    }

    private static int MinorityCount(Vector<double> y)
    {
        var positives = (int)y.Sum();
        var minority = Math.Min(positives, y.Count - positives);
        if (minority < 2)
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "choosing the smoothing by cross-validation needs at least 2 rows of each class; the smaller class has {0}.", minority));
        return minority;
    }
}

/// <summary>The logistic model of an <see cref="AdditiveFit"/> on its standardised expanded columns.</summary>
public static class AdditiveFitExtensions
{
    /// <summary>No Wald statistics: the fit is penalised and its terms selected; bands come from <see cref="AdditiveFit.Shapes"/>.</summary>
    public static Linear.LogisticRegressionModel ToLogisticModel(this AdditiveFit fit) => new(
        fit.Fit.Coefficients.ToArray(), fit.Fit.Intercept, fit.Fit.Converged, fit.Fit.Iterations,
        fit.Fit.Converged ? "converged" : "iteration limit", fit.Fit.LogLikelihood, double.NaN,
        fit.Fit.Converged ? [] : ["The penalised Newton fit did not converge; raise --max-iter."], null, [], []);
}
