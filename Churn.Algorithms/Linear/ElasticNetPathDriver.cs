namespace Churn.Algorithms.Linear;

/// <summary>
/// glmnet's logistic path, written once for <see cref="ElasticNetSolver"/> (rows in memory) and
/// <see cref="ElasticNetGramPath"/> (IRLS sums supplied per outer iteration): the lambda sequence, strong
/// rule, active set, IRLS outer loop, stopping rules, and the coordinate passes in the space of the strong
/// set's Gram. A subclass says how the quadratic approximation at (b0, b) is formed, how the gradients
/// |x_k.r| and the deviance are obtained, and how one outer iteration runs its passes. Weights sum to 1.
/// </summary>
internal abstract class ElasticNetPathDriver
{
    // glmnet's internal parameters (glmnet.control() defaults).
    internal const double ProbabilityFloor = 1e-5;   // pmin
    private const double Big = 9.9e35;               // "infinite" first lambda
    private const double MinimumRatioFloor = 1e-6;   // eps
    private const int MinimumLambdas = 5;            // mnlam

    /// <summary>The probability clamp of the IRLS quantities: |z| beyond this gives q = 0 or 1.</summary>
    internal static double ClampLogOdds => Math.Log(1 / ProbabilityFloor - 1);

    protected readonly int n;
    protected readonly int p;
    protected readonly ElasticNetOptions options;
    protected readonly double alpha;
    protected readonly bool[] usable;
    protected readonly double[] b;
    protected double b0;
    /// <summary>sum_i v_i of the current quadratic approximation.</summary>
    protected double vSum;
    protected readonly bool[] strong;
    protected readonly bool[] active;
    protected readonly List<int> activeOrder = [];
    protected readonly double[] ga;
    protected readonly double[] xv;
    protected int passes;
    protected double shr;

    /// <summary>The Gram space of the passes (stride = the set's size): G, g = x.r and xz = x.v.</summary>
    protected double[] gramValues = [];
    protected double[] g = [];
    protected double[] xz = [];

    protected ElasticNetPathDriver(int rows, bool[] usable, ElasticNetOptions options)
    {
        n = rows;
        p = usable.Length;
        this.usable = usable;
        this.options = options;
        alpha = options.Alpha;
        b = new double[p];
        strong = new bool[p];
        active = new bool[p];
        ga = new double[p];
        xv = new double[p];
    }

    /// <summary>The IRLS quantities (and vSum) at the null model b0 = logit q0, b = 0.</summary>
    protected abstract void StartAt(double q0);

    /// <summary>The null deviance -(b0 q0 + log(1 - q0)) plus whatever the labels add to it.</summary>
    protected virtual double AddLabelEntropy(double nullDeviance) => nullDeviance;

    /// <summary>The IRLS quantities (and vSum) at the current (b0, b).</summary>
    protected abstract void Refit();

    /// <summary>ga_k = |x_k.r| for the given columns at the current quadratic approximation.</summary>
    protected abstract void UpdateGradients(int[] columns);

    /// <summary>The passes of one outer iteration over the strong set; false when the pass cap was reached.</summary>
    protected abstract bool CoordinatePasses(int[] set, double l1, double l2);

    /// <summary>glmnet's dev2 at the current fit: weighted deviance with probabilities clamped to [1e-5, 1 - 1e-5].</summary>
    protected abstract double ClampedDeviance();

    /// <summary>The unweighted log-likelihood at the current fit.</summary>
    protected abstract double LogLikelihood();

    /// <param name="q0">sum_i w_i y_i.</param>
    internal ElasticNetPath FitPath(double q0)
    {
        var vMin = (1 + ProbabilityFloor) * ProbabilityFloor * (1 - ProbabilityFloor);
        if (q0 <= ProbabilityFloor || q0 >= 1 - ProbabilityFloor)
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "the positive class holds {0:G3} of the weight; the elastic-net path needs both classes above 1e-5.", q0), "y");
        b0 = Math.Log(q0 / (1 - q0));
        StartAt(q0);
        var nullDeviance = AddLabelEntropy(-(b0 * q0 + Math.Log(1 - q0)));
        shr = options.Tolerance * nullDeviance;
        UpdateGradients(Enumerable.Range(0, p).Where(j => usable[j]).ToArray());

        var user = options.Lambdas is not null;
        var given = user ? options.Lambdas!.OrderByDescending(l => l).ToArray() : [];
        var count = user ? given.Length : options.LambdaCount;
        var minRatio = options.LambdaMinRatio ?? ElasticNetLogistic.DefaultLambdaMinRatio(n, p);
        var factor = count > 1 ? Math.Pow(Math.Max(MinimumRatioFloor, minRatio), 1.0 / (count - 1)) : 1.0;

        var lambdas = new List<double>();
        var intercepts = new List<double>();
        var coefficients = new List<double[]>();
        var ratios = new List<double>();
        var logLikelihoods = new List<double>();
        var converged = true;
        var stopReason = user ? "Fitted every given lambda." : "Fitted the whole lambda path.";
        var lambda = 0.0;
        for (var k = 0; k < count; k++)
        {
            var previous = lambda;
            if (user) lambda = given[k];
            else if (k >= 2) lambda *= factor;
            else if (k == 0) lambda = Big;
            else
            {
                var max = 0.0;
                for (var j = 0; j < p; j++) if (usable[j]) max = Math.Max(max, ga[j]);
                previous = max / Math.Max(alpha, 1e-3);
                lambda = factor * previous;
            }
            var l1 = lambda * alpha;
            var l2 = lambda * (1 - alpha);
            var strongBound = alpha * (2 * lambda - previous);
            for (var j = 0; j < p; j++)
                if (!strong[j] && usable[j] && ga[j] > strongBound) strong[j] = true;

            var outcome = SolveAt(l1, l2, vMin);
            if (outcome == Outcome.PassLimit)
            {
                converged = false;
                stopReason = string.Format(CultureInfo.InvariantCulture,
                    "Stopped at lambda #{0}: {1} coordinate passes (MaxPasses) without convergence; the path holds the {2} lambdas before it.",
                    k + 1, options.MaxPasses, lambdas.Count);
                break;
            }
            lambdas.Add(lambda);
            intercepts.Add(b0);
            coefficients.Add((double[])b.Clone());
            var deviance = ClampedDeviance();
            ratios.Add((nullDeviance - deviance) / nullDeviance);
            logLikelihoods.Add(LogLikelihood());
            if (outcome == Outcome.Saturated)
            {
                stopReason = "Stopped early: the fitted probabilities are all within 1e-5 of 0 or 1 (separation).";
                break;
            }
            if (user || k + 1 < Math.Min(MinimumLambdas, count)) continue;
            if (ratios[^1] > options.DevianceRatioStop)
            {
                stopReason = "Stopped early: the deviance ratio exceeds " + options.DevianceRatioStop.ToString("R", CultureInfo.InvariantCulture) + " (devmax).";
                break;
            }
            if (ratios[^1] - ratios[^2] < options.DevianceChangeStop)
            {
                stopReason = "Stopped early: the deviance ratio grew by less than " + options.DevianceChangeStop.ToString("R", CultureInfo.InvariantCulture) + " (fdev).";
                break;
            }
        }
        if (!user && lambdas.Count > 2) lambdas[0] = Math.Exp(2 * Math.Log(lambdas[1]) - Math.Log(lambdas[2]));
        else if (!user && lambdas.Count > 0) lambdas[0] = lambdas.Count > 1 ? lambdas[1] / factor : lambda;
        return new ElasticNetPath(alpha, lambdas.ToArray(), intercepts.ToArray(), coefficients.ToArray(), ratios.ToArray(),
            logLikelihoods.ToArray(), 2 * nullDeviance, passes, converged, stopReason);
    }

    private enum Outcome { Converged, Saturated, PassLimit }

    /// <summary>IRLS at one lambda until the coefficients settle and no column outside the strong set violates the KKT conditions.</summary>
    private Outcome SolveAt(double l1, double l2, double vMin)
    {
        var before = new double[p];
        while (true)
        {
            var bs0 = b0;
            foreach (var k in activeOrder) before[k] = b[k];
            if (!CoordinatePasses(StrongSet(), l1, l2)) return Outcome.PassLimit;
            Refit();
            if (vSum <= vMin) return Outcome.Saturated;
            if (vSum * (b0 - bs0) * (b0 - bs0) >= shr) continue;
            var settled = true;
            foreach (var k in activeOrder)
                if (xv[k] * (b[k] - before[k]) * (b[k] - before[k]) >= shr) { settled = false; break; }
            if (!settled) continue;
            var outside = Enumerable.Range(0, p).Where(k => !strong[k] && usable[k]).ToArray();
            UpdateGradients(outside);
            var violated = false;
            foreach (var k in outside)
                if (ga[k] > l1) { strong[k] = true; violated = true; }
            if (!violated) return Outcome.Converged;
        }
    }

    private int[] StrongSet()
    {
        var set = new List<int>();
        for (var k = 0; k < p; k++) if (strong[k]) set.Add(k);
        return set.ToArray();
    }

    /// <summary>glmnet's soft-threshold update of one coordinate given u = x_k.r + xv_k b_k.</summary>
    protected static double Update(double u, double xvk, double l1, double l2)
    {
        var au = Math.Abs(u) - l1;
        return au <= 0 ? 0.0 : Math.CopySign(au, u) / (xvk + l2);
    }

    protected void Activate(int k)
    {
        if (active[k]) return;
        active[k] = true;
        activeOrder.Add(k);
    }

    /// <summary>
    /// All the passes of the step in the space of the strong set's Gram (glmnet's covariance form), once
    /// gramValues, g, xz and xv hold it: a pass over the set, then passes over the active set until they
    /// settle, again until a set pass settles.
    /// </summary>
    protected bool GramSpacePasses(int[] set, double g0, double l1, double l2)
    {
        var s = set.Length;
        var position = new Dictionary<int, int>(s);
        for (var t = 0; t < s; t++) position[set[t]] = t;
        var activePositions = activeOrder.Select(k => position[k]).ToList();

        while (true)
        {
            if (!GramPass(set, null, activePositions, ref g0, l1, l2, out var dlx)) return false;
            if (dlx < shr) return true;
            while (true)
            {
                if (!GramPass(set, activePositions, activePositions, ref g0, l1, l2, out dlx)) return false;
                if (dlx < shr) break;
            }
        }
    }

    /// <summary>
    /// One pass in the space of the Gram of <paramref name="set"/> (gramValues, stride s) over the positions
    /// <paramref name="only"/> (all when null) and the intercept: g = x.r and g0 = sum r kept through G and xz.
    /// A column that becomes non-zero is activated and its position added to <paramref name="activePositions"/>.
    /// </summary>
    protected bool GramPass(int[] set, List<int>? only, List<int>? activePositions, ref double g0, double l1, double l2, out double dlx)
    {
        passes++;
        dlx = 0;
        var s = set.Length;
        var m = only?.Count ?? s;
        for (var u = 0; u < m; u++)
        {
            var t = only?[u] ?? u;
            var k = set[t];
            var old = b[k];
            var updated = Update(g[t] + xv[k] * old, xv[k], l1, l2);
            var d = updated - old;
            if (d == 0) continue;
            b[k] = updated;
            dlx = Math.Max(dlx, xv[k] * d * d);
            var row = gramValues.AsSpan(t * s, s);
            for (var l = 0; l < s; l++) g[l] -= row[l] * d;
            g0 -= xz[t] * d;
            if (active[k]) continue;
            Activate(k);
            activePositions?.Add(t);
        }
        var d0 = g0 / vSum;
        if (d0 != 0)
        {
            b0 += d0;
            dlx = Math.Max(dlx, vSum * d0 * d0);
            for (var l = 0; l < s; l++) g[l] -= xz[l] * d0;
            g0 -= vSum * d0;
        }
        return passes <= options.MaxPasses;
    }
}
