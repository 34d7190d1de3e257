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
/// covariance-form passes and stopping rules: one <see cref="ElasticNetPathDriver"/>) when the rows are not
/// in memory: each outer iteration asks <c>sums(b0, b)</c> for the <see cref="IrlsSums"/> at the current
/// coefficients (e.g. one aggregate query in a SQL engine) and the coordinate passes run on that p x p Gram.
/// Both forms minimise the same objective, so they agree to the convergence tolerance.
/// </summary>
public static class ElasticNetGramPath
{
    /// <summary>The probability clamp of the IRLS sums: |z| beyond this gives q = 0 or 1.</summary>
    public static double ClampLogOdds => ElasticNetPathDriver.ClampLogOdds;

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
        return new Solver(rows, usable, sums, options).FitPath(positiveShare);
    }

    private sealed class Solver : ElasticNetPathDriver
    {
        private readonly Func<double, double[], IrlsSums> sums;
        private IrlsSums current = null!;

        public Solver(int rows, bool[] usable, Func<double, double[], IrlsSums> sums, ElasticNetOptions options)
            : base(rows, usable, options) => this.sums = sums;

        protected override void StartAt(double q0) => Refit();

        /// <summary>One call of the sums.</summary>
        protected override void Refit()
        {
            current = sums(b0, b);
            vSum = current.VSum;
        }

        protected override void UpdateGradients(int[] columns)
        {
            foreach (var k in columns) ga[k] = Math.Abs(current.Xr[k]);
        }

        /// <summary>The strong set's part of the p x p Gram, x.r and x.v, then the driver's passes in that space.</summary>
        protected override bool CoordinatePasses(int[] set, double l1, double l2)
        {
            var s = set.Length;
            if (gramValues.Length < s * s) gramValues = new double[s * s];
            if (xz.Length < s) { xz = new double[s]; g = new double[s]; }
            for (var a = 0; a < s; a++)
            {
                var k = set[a];
                xv[k] = current.Gram[k * p + k];
                g[a] = current.Xr[k];
                xz[a] = current.Xv[k];
                for (var c = 0; c < s; c++) gramValues[a * s + c] = current.Gram[k * p + set[c]];
            }
            return GramSpacePasses(set, current.RSum, l1, l2);
        }

        protected override double ClampedDeviance() => current.Deviance;

        protected override double LogLikelihood() => current.LogLikelihood;
    }
}
