using System.Globalization;

namespace Churn.Algorithms.Linear;

/// <summary>
/// The state of one glmnet-style path fit (see <see cref="ElasticNetLogistic"/>): coefficients, the
/// strong and active sets, and the IRLS quantities q, v = w q (1 - q) and r = w (y - q). Weights sum to 1.
/// </summary>
internal sealed class ElasticNetSolver
{
    // glmnet's internal parameters (glmnet.control() defaults).
    private const double ProbabilityFloor = 1e-5;   // pmin
    private const double Big = 9.9e35;               // "infinite" first lambda
    private const double MinimumRatioFloor = 1e-6;   // eps
    private const int MinimumLambdas = 5;            // mnlam
    /// <summary>Above this many strong columns the s x s Gram is never formed (memory); passes then run over the rows.</summary>
    private const int GramColumnLimit = 2048;

    private readonly double[] x;
    private readonly int n;
    private readonly int p;
    private readonly double[] y;
    private readonly double[] w;
    private readonly ElasticNetOptions options;
    private readonly double alpha;

    private readonly double[] b;
    private double b0;
    private readonly double[] eta;
    private readonly double[] q;
    private readonly double[] v;
    private readonly double[] r;
    private double vSum;
    private readonly bool[] usable;
    private readonly bool[] strong;
    private readonly bool[] active;
    private readonly List<int> activeOrder = [];
    private readonly double[] ga;
    private readonly double[] xv;
    private readonly WeightedGram gram;
    private double[] g = [];
    private double[] gramValues = [];
    private double[] xz = [];
    private int passes;
    private double shr;
    /// <summary>Coordinate passes the last outer iteration needed: the estimate that picks Gram or row passes.</summary>
    private double passesPerStep = 4;

    public ElasticNetSolver(double[] columnMajor, int rows, int columns, double[] labels, double[] weights, ElasticNetOptions options)
    {
        x = columnMajor;
        n = rows;
        p = columns;
        y = labels;
        w = weights;
        this.options = options;
        alpha = options.Alpha;
        b = new double[p];
        eta = new double[n];
        q = new double[n];
        v = new double[n];
        r = new double[n];
        usable = new bool[p];
        strong = new bool[p];
        active = new bool[p];
        ga = new double[p];
        xv = new double[p];
        gram = new WeightedGram(x, n, options.MaxDegreeOfParallelism);
        for (var j = 0; j < p; j++)
        {
            var column = Column(j);
            var first = column[0];
            foreach (var value in column)
                if (value != first) { usable[j] = true; break; }
        }
    }

    private ReadOnlySpan<double> Column(int j) => x.AsSpan(j * n, n);

    public ElasticNetPath Run()
    {
        var fmax = Math.Log(1 / ProbabilityFloor - 1);
        var vMin = (1 + ProbabilityFloor) * ProbabilityFloor * (1 - ProbabilityFloor);
        var q0 = 0.0;
        for (var i = 0; i < n; i++) q0 += w[i] * y[i];
        if (q0 <= ProbabilityFloor || q0 >= 1 - ProbabilityFloor)
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "the positive class holds {0:G3} of the weight; the elastic-net path needs both classes above 1e-5.", q0), "y");
        b0 = Math.Log(q0 / (1 - q0));
        for (var i = 0; i < n; i++)
        {
            eta[i] = b0;
            q[i] = q0;
            v[i] = q0 * (1 - q0) * w[i];
            r[i] = w[i] * (y[i] - q0);
        }
        vSum = q0 * (1 - q0);
        var nullDeviance = -(b0 * q0 + Math.Log(1 - q0));
        for (var i = 0; i < n; i++)
        {
            if (y[i] > 0 && y[i] < 1) nullDeviance += w[i] * (y[i] * Math.Log(y[i]) + (1 - y[i]) * Math.Log(1 - y[i]));
        }
        shr = options.Tolerance * nullDeviance;
        for (var j = 0; j < p; j++)
            if (usable[j]) ga[j] = Math.Abs(ColumnKernels.Dot(r, Column(j)));

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

            var outcome = SolveAt(l1, l2, fmax, vMin);
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
    private Outcome SolveAt(double l1, double l2, double fmax, double vMin)
    {
        var before = new double[p];
        while (true)
        {
            var bs0 = b0;
            foreach (var k in activeOrder) before[k] = b[k];
            var set = StrongSet();
            var start = passes;
            var ok = UseGram(set.Length) ? GramPasses(set, l1, l2) : RowPasses(set, l1, l2);
            if (!ok) return Outcome.PassLimit;
            passesPerStep = passes - start;

            Array.Fill(eta, b0);
            foreach (var k in activeOrder)
                if (b[k] != 0) ColumnKernels.AddScaled(eta, b[k], Column(k));
            vSum = 0;
            for (var i = 0; i < n; i++)
            {
                var f = eta[i];
                q[i] = f < -fmax ? 0.0 : f > fmax ? 1.0 : 1.0 / (1.0 + Math.Exp(-f));
                v[i] = w[i] * q[i] * (1 - q[i]);
                vSum += v[i];
                r[i] = w[i] * (y[i] - q[i]);
            }
            if (vSum <= vMin) return Outcome.Saturated;
            if (vSum * (b0 - bs0) * (b0 - bs0) >= shr) continue;
            var settled = true;
            foreach (var k in activeOrder)
                if (xv[k] * (b[k] - before[k]) * (b[k] - before[k]) >= shr) { settled = false; break; }
            if (!settled) continue;
            var violated = false;
            for (var k = 0; k < p; k++)
            {
                if (strong[k] || !usable[k]) continue;
                ga[k] = Math.Abs(ColumnKernels.Dot(r, Column(k)));
                if (ga[k] > l1) { strong[k] = true; violated = true; }
            }
            if (!violated) return Outcome.Converged;
        }
    }

    /// <summary>
    /// Gram or row passes for the next outer iteration. The Gram costs n s^2 / 2 multiply-adds once (in a
    /// register-blocked kernel about twice as fast per operation as the streaming dot products), then s per
    /// update; row passes cost about 2 n per coordinate per pass. So the Gram pays when the expected passes
    /// (those of the last outer iteration) exceed about s / 8, and on tall data that is usually the case.
    /// </summary>
    private bool UseGram(int s) => options.Form switch
    {
        CoordinateForm.Gram => s <= GramColumnLimit,
        CoordinateForm.Rows => false,
        _ => s <= GramColumnLimit && passesPerStep * 8 >= s,
    };

    private int[] StrongSet()
    {
        var set = new List<int>();
        for (var k = 0; k < p; k++) if (strong[k]) set.Add(k);
        return set.ToArray();
    }

    /// <summary>glmnet's soft-threshold update of one coordinate given u = x_k.r + xv_k b_k.</summary>
    internal static double Update(double u, double xvk, double l1, double l2)
    {
        var au = Math.Abs(u) - l1;
        return au <= 0 ? 0.0 : Math.CopySign(au, u) / (xvk + l2);
    }

    private void Activate(int k)
    {
        if (active[k]) return;
        active[k] = true;
        activeOrder.Add(k);
    }

    /// <summary>
    /// Coordinate passes on the quadratic approximation in Gram space: g_a = x_a.r is kept up to date
    /// through G (s x s) and x_a.v instead of through the n residuals.
    /// </summary>
    private bool GramPasses(int[] set, double l1, double l2)
    {
        var s = set.Length;
        if (gramValues.Length < s * s) gramValues = new double[s * s];
        if (g.Length < s) { g = new double[s]; xz = new double[s]; }
        if (s > 0) gram.Compute(set, v, gramValues);
        for (var a = 0; a < s; a++)
        {
            var column = Column(set[a]);
            xv[set[a]] = gramValues[a * s + a];
            g[a] = ColumnKernels.Dot(r, column);
            xz[a] = ColumnKernels.Dot(v, column);
        }
        var g0 = ColumnKernels.Sum(r);
        var position = new Dictionary<int, int>(s);
        for (var a = 0; a < s; a++) position[set[a]] = a;
        var activePositions = new List<int>();
        foreach (var k in activeOrder) activePositions.Add(position[k]);

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
                var updated = Update(g[a] + xv[k] * old, xv[k], l1, l2);
                var d = updated - old;
                if (d == 0) continue;
                b[k] = updated;
                dlx = Math.Max(dlx, xv[k] * d * d);
                var row = gramValues.AsSpan(a * s, s);
                for (var l = 0; l < s; l++) g[l] -= row[l] * d;
                g0 -= xz[a] * d;
                if (!active[k])
                {
                    Activate(k);
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

    /// <summary>The same passes with the n residuals updated directly (glmnet's "naive" form), for very wide strong sets.</summary>
    private bool RowPasses(int[] set, double l1, double l2)
    {
        var work = new double[n];
        foreach (var k in set)
        {
            ColumnKernels.Multiply(v, Column(k), work);
            xv[k] = ColumnKernels.Dot(work, Column(k));
        }
        bool Pass(IReadOnlyList<int> columns, out double dlx)
        {
            passes++;
            dlx = 0;
            var count = columns.Count;
            for (var t = 0; t < count; t++)
            {
                var k = columns[t];
                var column = Column(k);
                var old = b[k];
                var updated = Update(ColumnKernels.Dot(r, column) + xv[k] * old, xv[k], l1, l2);
                var d = updated - old;
                if (d == 0) continue;
                b[k] = updated;
                dlx = Math.Max(dlx, xv[k] * d * d);
                ColumnKernels.SubtractScaledProduct(r, d, v, column);
                Activate(k);
            }
            var d0 = ColumnKernels.Sum(r) / vSum;
            if (d0 != 0)
            {
                b0 += d0;
                dlx = Math.Max(dlx, vSum * d0 * d0);
                for (var i = 0; i < n; i++) r[i] -= d0 * v[i];
            }
            return passes <= options.MaxPasses;
        }
        while (true)
        {
            if (!Pass(set, out var dlx)) return false;
            if (dlx < shr) return true;
            while (true)
            {
                if (!Pass(activeOrder, out dlx)) return false;
                if (dlx < shr) break;
            }
        }
    }

    /// <summary>glmnet's dev2: weighted deviance with probabilities clamped to [1e-5, 1 - 1e-5].</summary>
    private double ClampedDeviance()
    {
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var pi = Math.Min(Math.Max(ProbabilityFloor, q[i]), 1 - ProbabilityFloor);
            sum -= w[i] * (y[i] * Math.Log(pi) + (1 - y[i]) * Math.Log(1 - pi));
        }
        return sum;
    }

    private double LogLikelihood()
    {
        var sum = 0.0;
        for (var i = 0; i < n; i++) sum -= LogisticLoss.Loss(y[i], eta[i]);
        return sum;
    }
}
