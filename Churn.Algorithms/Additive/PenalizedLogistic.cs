using Churn.Algorithms.Linear;

namespace Churn.Algorithms.Additive;

/// <summary>
/// A fitted penalised logistic regression. <see cref="Covariance"/> is the Bayesian posterior
/// covariance (X^T W X + P)^-1 at the optimum, intercept first (Wood 2017, section 6.10: the basis of
/// mgcv's pointwise intervals); <see cref="EffectiveDf"/> the diagonal of (X^T W X + P)^-1 X^T W X,
/// whose sum over a term's columns is the term's effective degrees of freedom.
/// </summary>
public sealed record PenalizedFit(
    double Intercept,
    IReadOnlyList<double> Coefficients,
    Matrix<double>? Covariance,
    IReadOnlyList<double> EffectiveDf,
    bool Converged,
    int Iterations,
    double LogLikelihood);

/// <summary>
/// Penalised logistic regression by Newton's method (IRLS) with a general quadratic penalty:
/// maximises sum_i [y_i eta_i - log(1 + e^eta_i)] - 1/2 b^T P b with eta = offset + b_0 + X b (offset
/// optional, fixed: a model fitted before, which the new columns improve on); the intercept
/// b_0 is not penalised. Each step solves (X^T W X + P) d = gradient by Cholesky and halves the step
/// until the objective rises. The Gram matrix is built from vectorised column dot products, each
/// entry by one thread in one fixed order, so the fit is the same for any thread count.
/// </summary>
public static class PenalizedLogistic
{
    /// <remarks>x: Design (rows x p), column-major as MathNet stores it.</remarks>
    /// <remarks>penalty: p x p, symmetric positive semi-definite.</remarks>
    /// <remarks>start: Optional warm start: intercept then p coefficients.</remarks>
    public static PenalizedFit Fit(Matrix<double> x, Vector<double> y, Matrix<double> penalty, IReadOnlyList<double>? start = null,
        bool covariance = false, int maxIterations = 100, double tolerance = 1e-8, IReadOnlyList<double>? offset = null)
    {
        Guard.NotEmpty(x, nameof(x));
        Guard.RowsMatch(x, nameof(x), y, nameof(y));
        Guard.BinaryLabels(y, nameof(y));
        var n = x.RowCount;
        var p = x.ColumnCount;
        if (penalty.RowCount != p || penalty.ColumnCount != p)
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "penalty is {0} x {1}; the design has {2} columns.", penalty.RowCount, penalty.ColumnCount, p), nameof(penalty));
        var columns = x.AsColumnMajorArray() ?? x.ToColumnMajorArray();
        var fixedPart = offset?.ToArray();
        if (fixedPart is not null) Guard.SameLength(fixedPart.Length, nameof(offset), n, "rows");
        var labels = y.ToArray();
        var q = p + 1;
        var penaltyArray = penalty.ToRowMajorArray();
        var theta = new double[q];
        if (start is not null)
        {
            Guard.SameLength(start.Count, nameof(start), q, "coefficients + intercept");
            for (var j = 0; j < q; j++) theta[j] = start[j];
        }
        else
        {
            var mean = Math.Clamp(labels.Average(), 1e-6, 1 - 1e-6);
            theta[0] = Math.Log(mean / (1 - mean));
        }

        var eta = new double[n];
        var weight = new double[n];
        var gradient = new double[q];
        var hessian = new double[q * q];
        var objective = Objective(columns, n, p, labels, penaltyArray, theta, eta, fixedPart);
        var converged = false;
        var iterations = 0;
        for (; iterations < maxIterations && !converged; iterations++)
        {
            Derivatives(columns, n, p, labels, penaltyArray, theta, eta, weight, gradient, hessian, fixedPart);
            var step = (double[])gradient.Clone();
            var factor = (double[])hessian.Clone();
            if (!Cholesky.TryFactor(factor, q)) break;
            Cholesky.Solve(factor, q, step);
            var candidate = new double[q];
            var scale = 1.0;
            var improved = false;
            for (var halving = 0; halving < 30; halving++, scale /= 2)
            {
                for (var j = 0; j < q; j++) candidate[j] = theta[j] + scale * step[j];
                var value = Objective(columns, n, p, labels, penaltyArray, candidate, eta, fixedPart);
                if (value >= objective - 1e-12 * Math.Abs(objective))
                {
                    improved = true;
                    // Converged when the step is below tolerance or no longer changes the objective (a very
                    // stiff penalty can leave steps in the null space of the data that move nothing).
                    converged = step.Max(Math.Abs) * scale < tolerance
                                || Math.Abs(value - objective) <= 1e-13 * (1 + Math.Abs(objective));
                    objective = value;
                    break;
                }
            }
            if (!improved)
            {
                converged = true; // no ascent direction left at machine precision
                break;
            }
            (theta, candidate) = (candidate, theta);
        }

        // Derivatives at the final point: covariance and effective degrees of freedom.
        Derivatives(columns, n, p, labels, penaltyArray, theta, eta, weight, gradient, hessian, fixedPart);
        var logLikelihood = LogLikelihood(labels, eta);
        Matrix<double>? cov = null;
        var edf = new double[p];
        var factorFinal = (double[])hessian.Clone();
        if (Cholesky.TryFactor(factorFinal, q))
        {
            var inverse = Matrix<double>.Build.Dense(q, q);
            var e = new double[q];
            for (var c = 0; c < q; c++)
            {
                Array.Clear(e);
                e[c] = 1;
                Cholesky.Solve(factorFinal, q, e);
                for (var r = 0; r < q; r++) inverse[r, c] = e[r];
            }
            // edf_j = [H^-1 (H - P)]_jj = 1 - [H^-1 P]_jj (the intercept is unpenalised).
            for (var j = 0; j < p; j++)
            {
                var hp = 0.0;
                for (var k = 0; k < p; k++) hp += inverse[j + 1, k + 1] * penaltyArray[k * p + j];
                edf[j] = 1 - hp;
            }
            if (covariance) cov = inverse;
        }
        return new PenalizedFit(theta[0], theta.Skip(1).ToArray(), cov, edf, converged, iterations, logLikelihood);
    }

    /// <summary>Linear predictor offset + b_0 + X b of every row.</summary>
    private static void LinearPredictor(double[] columns, int n, int p, ReadOnlySpan<double> theta, Span<double> eta, double[]? offset)
    {
        if (offset is null) eta.Fill(theta[0]);
        else for (var i = 0; i < n; i++) eta[i] = offset[i] + theta[0];
        for (var j = 0; j < p; j++)
        {
            var b = theta[j + 1];
            if (b == 0) continue;
            ColumnKernels.AddScaled(eta, b, columns.AsSpan(j * n, n));
        }
    }

    private static double Objective(double[] columns, int n, int p, double[] y, double[] penalty, double[] theta, double[] eta, double[]? offset)
    {
        LinearPredictor(columns, n, p, theta, eta, offset);
        var value = LogLikelihood(y, eta);
        var quadratic = 0.0;
        for (var a = 0; a < p; a++)
        {
            var row = 0.0;
            for (var b = 0; b < p; b++) row += penalty[a * p + b] * theta[b + 1];
            quadratic += theta[a + 1] * row;
        }
        return value - 0.5 * quadratic;
    }

    private static double LogLikelihood(double[] y, double[] eta)
    {
        var sum = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            var e = eta[i];
            // log(1 + e^eta) without overflow.
            var softplus = e > 0 ? e + Math.Log(1 + Math.Exp(-e)) : Math.Log(1 + Math.Exp(e));
            sum += y[i] * e - softplus;
        }
        return sum;
    }

    private static void Derivatives(double[] columns, int n, int p, double[] y, double[] penalty, double[] theta,
        double[] eta, double[] weight, double[] gradient, double[] hessian, double[]? offset)
    {
        LinearPredictor(columns, n, p, theta, eta, offset);
        var residual = new double[n];
        var root = new double[n];
        for (var i = 0; i < n; i++)
        {
            var probability = eta[i] >= 0 ? 1 / (1 + Math.Exp(-eta[i])) : Math.Exp(eta[i]) / (1 + Math.Exp(eta[i]));
            residual[i] = y[i] - probability;
            weight[i] = probability * (1 - probability);
            root[i] = Math.Sqrt(weight[i]);
        }
        var q = p + 1;
        // sqrt(w)-weighted columns, the intercept's first, so X^T W X entries are plain dot products.
        var weighted = new double[q * n];
        root.CopyTo(weighted, 0);
        for (var j = 0; j < p; j++)
            ColumnKernels.Multiply(columns.AsSpan(j * n, n), root, weighted.AsSpan((j + 1) * n, n));
        gradient[0] = ColumnKernels.Sum(residual);
        for (var j = 0; j < p; j++) gradient[j + 1] = ColumnKernels.Dot(columns.AsSpan(j * n, n), residual);
        Parallel.For(0, q, a =>
        {
            var left = weighted.AsSpan(a * n, n);
            for (var b = a; b < q; b++)
            {
                var value = ColumnKernels.Dot(left, weighted.AsSpan(b * n, n));
                hessian[a * q + b] = value;
                hessian[b * q + a] = value;
            }
        });
        for (var a = 0; a < p; a++)
        {
            var row = 0.0;
            for (var b = 0; b < p; b++)
            {
                var pab = penalty[a * p + b];
                row += pab * theta[b + 1];
                hessian[(a + 1) * q + b + 1] += pab;
            }
            gradient[a + 1] -= row;
        }
    }
}
