using System.Globalization;

namespace Churn.Algorithms.Linear;

/// <summary>
/// The IRLS sums at one (b0, b) over rows whose weights w_i sum to 1, with q_i the fitted probability
/// (exactly 0 or 1 beyond |z| = log(1e5 - 1), as glmnet's pmin clamp): VSum = sum v_i, v_i = w_i q_i (1 - q_i);
/// RSum = sum r_i, r_i = w_i (y_i - q_i); Xv_j = sum v_i x_ij; Xr_j = sum r_i x_ij; Gram (p x p row-major)
/// = sum v_i x_ij x_ik; Deviance = -sum w_i [y_i log c_i + (1 - y_i) log(1 - c_i)], c_i = q_i clamped to
/// [1e-5, 1 - 1e-5]; LogLikelihood = the unweighted sum_i [y_i z_i - log(1 + e^z_i)].
/// </summary>
public sealed record IrlsSums(double VSum, double RSum, double[] Xv, double[] Xr, double[] Gram, double Deviance, double LogLikelihood);

/// <summary>
/// <see cref="ElasticNetLogistic"/>'s path (same lambdas, strong rule, active set, IRLS outer loop,
/// covariance-form passes and stopping rules) when the rows are not in memory: each outer iteration asks
/// <c>sums(b0, b)</c> for the <see cref="IrlsSums"/> at the current coefficients (e.g. one aggregate query
/// in a SQL engine) and the coordinate passes run on that p x p Gram. Both forms minimise the same
/// objective, so they agree to the convergence tolerance.
/// </summary>
public static class ElasticNetGramPath
{
    private const double ProbabilityFloor = 1e-5;
    private const double Big = 9.9e35;
    private const double MinimumRatioFloor = 1e-6;
    private const int MinimumLambdas = 5;

    /// <summary>The probability clamp of the IRLS sums: |z| beyond this gives q = 0 or 1.</summary>
    public static double ClampLogOdds => Math.Log(1 / ProbabilityFloor - 1);

    /// <param name="rows">Row count (for glmnet's default lambda.min.ratio).</param>
    /// <param name="positiveShare">sum_i w_i y_i.</param>
    /// <param name="usable">Columns that are not constant (the others stay 0).</param>
    /// <param name="sums">The IRLS sums at (b0, b); called once per outer iteration.</param>
    /// <param name="options">glmnet's hyper-parameters (Form and MaxDegreeOfParallelism do not apply).</param>
    public static ElasticNetPath Fit(int rows, double positiveShare, bool[] usable, Func<double, double[], IrlsSums> sums, ElasticNetOptions options)
    {
        Guard.NotNull(options, nameof(options));
        Guard.NotNull(sums, nameof(sums));
        options.Validate();
        return new Solver(rows, positiveShare, usable, sums, options).Run();
    }

    private sealed class Solver(int n, double q0, bool[] usable, Func<double, double[], IrlsSums> sums, ElasticNetOptions options)
    {
        private readonly int p = usable.Length;
        private readonly double alpha = options.Alpha;
        private readonly double[] b = new double[usable.Length];
        private double b0;
        private IrlsSums current = null!;
        private readonly bool[] strong = new bool[usable.Length];
        private readonly bool[] active = new bool[usable.Length];
        private readonly List<int> activeOrder = [];
        private readonly double[] ga = new double[usable.Length];
        private readonly double[] xv = new double[usable.Length];
        private int passes;
        private double shr;

        public ElasticNetPath Run()
        {
            var vMin = (1 + ProbabilityFloor) * ProbabilityFloor * (1 - ProbabilityFloor);
            if (q0 <= ProbabilityFloor || q0 >= 1 - ProbabilityFloor)
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "the positive class holds {0:G3} of the weight; the elastic-net path needs both classes above 1e-5.", q0), "y");
            b0 = Math.Log(q0 / (1 - q0));
            current = sums(b0, b);
            var nullDeviance = -(b0 * q0 + Math.Log(1 - q0));
            shr = options.Tolerance * nullDeviance;
            for (var j = 0; j < p; j++)
                if (usable[j]) ga[j] = Math.Abs(current.Xr[j]);

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
                ratios.Add((nullDeviance - current.Deviance) / nullDeviance);
                logLikelihoods.Add(current.LogLikelihood);
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

        /// <summary>IRLS at one lambda; each outer iteration costs one call of the sums.</summary>
        private Outcome SolveAt(double l1, double l2, double vMin)
        {
            var before = new double[p];
            while (true)
            {
                var bs0 = b0;
                foreach (var k in activeOrder) before[k] = b[k];
                var set = Enumerable.Range(0, p).Where(k => strong[k]).ToArray();
                if (!GramPasses(set, l1, l2)) return Outcome.PassLimit;
                current = sums(b0, b);
                if (current.VSum <= vMin) return Outcome.Saturated;
                if (current.VSum * (b0 - bs0) * (b0 - bs0) >= shr) continue;
                var settled = true;
                foreach (var k in activeOrder)
                    if (xv[k] * (b[k] - before[k]) * (b[k] - before[k]) >= shr) { settled = false; break; }
                if (!settled) continue;
                var violated = false;
                for (var k = 0; k < p; k++)
                {
                    if (strong[k] || !usable[k]) continue;
                    ga[k] = Math.Abs(current.Xr[k]);
                    if (ga[k] > l1) { strong[k] = true; violated = true; }
                }
                if (!violated) return Outcome.Converged;
            }
        }

        /// <summary>Coordinate passes on the quadratic approximation at the current sums, in Gram space (glmnet's covariance form).</summary>
        private bool GramPasses(int[] set, double l1, double l2)
        {
            var s = set.Length;
            var g = new double[s];
            var xz = new double[s];
            var position = new int[p];
            for (var a = 0; a < s; a++)
            {
                var k = set[a];
                position[k] = a;
                xv[k] = current.Gram[k * p + k];
                g[a] = current.Xr[k];
                xz[a] = current.Xv[k];
            }
            var g0 = current.RSum;
            var vSum = current.VSum;
            var activePositions = activeOrder.Select(k => position[k]).ToList();

            bool Pass(IReadOnlyList<int>? only, out double dlx)
            {
                passes++;
                dlx = 0;
                var m = only?.Count ?? s;
                for (var t = 0; t < m; t++)
                {
                    var a = only?[t] ?? t;
                    var k = set[a];
                    var old = b[k];
                    var updated = ElasticNetSolver.Update(g[a] + xv[k] * old, xv[k], l1, l2);
                    var d = updated - old;
                    if (d == 0) continue;
                    b[k] = updated;
                    dlx = Math.Max(dlx, xv[k] * d * d);
                    var row = current.Gram.AsSpan(k * p, p);
                    for (var l = 0; l < s; l++) g[l] -= row[set[l]] * d;
                    g0 -= xz[a] * d;
                    if (!active[k])
                    {
                        active[k] = true;
                        activeOrder.Add(k);
                        activePositions.Add(a);
                    }
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

            while (true)
            {
                if (!Pass(null, out var dlx)) return false;
                if (dlx < shr) return true;
                while (true)
                {
                    if (!Pass(activePositions, out dlx)) return false;
                    if (dlx < shr) break;
                }
            }
        }
    }
}
