using System.Globalization;

namespace Churn.Algorithms.Linear;

/// <summary>
/// The state of one glmnet-style path fit (see <see cref="ElasticNetLogistic"/>): coefficients, the
/// strong and active sets, and the IRLS quantities q, v = w q (1 - q) and r = w (y - q). Weights sum to 1.
/// </summary>
internal sealed partial class ElasticNetSolver
{
    // glmnet's internal parameters (glmnet.control() defaults).
    private const double ProbabilityFloor = 1e-5;   // pmin
    private const double Big = 9.9e35;               // "infinite" first lambda
    private const double MinimumRatioFloor = 1e-6;   // eps
    private const int MinimumLambdas = 5;            // mnlam

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
    private readonly RowChunks chunks;
    private int passes;
    private double shr;

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
        chunks = new RowChunks(n, options.MaxDegreeOfParallelism);
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
            if (!CoordinatePasses(StrongSet(), l1, l2)) return Outcome.PassLimit;
            UpdateQuadraticApproximation(fmax);
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

    /// <summary>eta = b0 + X b, then glmnet's IRLS quantities q, v = w q (1 - q), r = w (y - q) and their sum vSum, chunk by chunk.</summary>
    private void UpdateQuadraticApproximation(double fmax)
    {
        var nonZero = activeOrder.Where(k => b[k] != 0).ToArray();
        vSum = chunks.Sum((start, length) =>
        {
            var e = eta.AsSpan(start, length);
            e.Fill(b0);
            foreach (var k in nonZero) ColumnKernels.AddScaled(e, b[k], x.AsSpan(k * n + start, length));
            var sum = 0.0;
            for (var i = start; i < start + length; i++)
            {
                var f = eta[i];
                q[i] = f < -fmax ? 0.0 : f > fmax ? 1.0 : 1.0 / (1.0 + Math.Exp(-f));
                v[i] = w[i] * q[i] * (1 - q[i]);
                sum += v[i];
                r[i] = w[i] * (y[i] - q[i]);
            }
            return sum;
        });
    }

    /// <summary>ga_k = |x_k.r| for the given columns (the strong rule's and the KKT check's gradient).</summary>
    private void UpdateGradients(int[] columns) =>
        chunks.ForEachColumn(columns.Length, t => ga[columns[t]] = Math.Abs(ColumnDot(r, columns[t])));

    /// <summary>a.x_k summed chunk by chunk on the calling thread (the same bits as the parallel <see cref="RowDot"/>).</summary>
    private double ColumnDot(double[] a, int k) =>
        chunks.SumInline((start, length) => ResidualKernels.Dot(a.AsSpan(start, length), x.AsSpan(k * n + start, length)));

    /// <summary>a.x_k with the chunks on parallel threads.</summary>
    private double RowDot(double[] a, int k) =>
        chunks.Sum((start, length) => ResidualKernels.Dot(a.AsSpan(start, length), x.AsSpan(k * n + start, length)));

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
