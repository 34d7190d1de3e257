namespace Churn.Algorithms.Linear;

/// <summary>
/// One glmnet-style path fit on rows in memory (see <see cref="ElasticNetLogistic"/>): the path driver's
/// state plus the rows and the IRLS quantities q, v = w q (1 - q) and r = w (y - q). Weights sum to 1.
/// </summary>
internal sealed partial class ElasticNetSolver : ElasticNetPathDriver
{
    private readonly double[] x;
    private readonly double[] y;
    private readonly double[] w;

    private readonly double[] eta;
    private readonly double[] q;
    private readonly double[] v;
    private readonly double[] r;
    private readonly WeightedGram gram;
    private readonly RowChunks chunks;

    public ElasticNetSolver(double[] columnMajor, int rows, int columns, double[] labels, double[] weights, ElasticNetOptions options)
        : base(rows, UsableColumns(columnMajor, rows, columns), options)
    {
        x = columnMajor;
        y = labels;
        w = weights;
        eta = new double[n];
        q = new double[n];
        v = new double[n];
        r = new double[n];
        gram = new WeightedGram(x, n, options.MaxDegreeOfParallelism);
        chunks = new RowChunks(n, options.MaxDegreeOfParallelism);
    }

    /// <summary>Columns that are not constant (the others stay 0).</summary>
    private static bool[] UsableColumns(double[] x, int n, int p)
    {
        var usable = new bool[p];
        for (var j = 0; j < p; j++)
        {
            var column = x.AsSpan(j * n, n);
            var first = column[0];
            foreach (var value in column)
                if (value != first) { usable[j] = true; break; }
        }
        return usable;
    }

    public ElasticNetPath Run()
    {
        var q0 = 0.0;
        for (var i = 0; i < n; i++) q0 += w[i] * y[i];
        return FitPath(q0);
    }

    protected override void StartAt(double q0)
    {
        for (var i = 0; i < n; i++)
        {
            eta[i] = b0;
            q[i] = q0;
            v[i] = q0 * (1 - q0) * w[i];
            r[i] = w[i] * (y[i] - q0);
        }
        vSum = q0 * (1 - q0);
    }

    /// <summary>Fractional labels add their own entropy (glmnet's null deviance for y in (0, 1)).</summary>
    protected override double AddLabelEntropy(double nullDeviance)
    {
        for (var i = 0; i < n; i++)
        {
            if (y[i] > 0 && y[i] < 1) nullDeviance += w[i] * (y[i] * Math.Log(y[i]) + (1 - y[i]) * Math.Log(1 - y[i]));
        }
        return nullDeviance;
    }

    /// <summary>eta = b0 + X b, then glmnet's IRLS quantities q, v = w q (1 - q), r = w (y - q) and their sum vSum, chunk by chunk.</summary>
    protected override void Refit()
    {
        var fmax = ClampLogOdds;
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
    protected override void UpdateGradients(int[] columns) =>
        chunks.ForEachColumn(columns.Length, t => ga[columns[t]] = Math.Abs(ColumnDot(r, columns[t])));

    /// <summary>a.x_k summed chunk by chunk on the calling thread (the same bits as the parallel <see cref="RowDot"/>).</summary>
    private double ColumnDot(double[] a, int k) =>
        chunks.SumInline((start, length) => ResidualKernels.Dot(a.AsSpan(start, length), x.AsSpan(k * n + start, length)));

    protected override double ClampedDeviance()
    {
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var pi = Math.Min(Math.Max(ProbabilityFloor, q[i]), 1 - ProbabilityFloor);
            sum -= w[i] * (y[i] * Math.Log(pi) + (1 - y[i]) * Math.Log(1 - pi));
        }
        return sum;
    }

    protected override double LogLikelihood()
    {
        var sum = 0.0;
        for (var i = 0; i < n; i++) sum -= LogisticLoss.Loss(y[i], eta[i]);
        return sum;
    }
}
