using MathNet.Numerics.LinearAlgebra;

namespace Churn.Algorithms.Linear;

/// <summary>
/// The data of one logistic fit and the objective over it:
/// <c>F(theta) = sum_i s_i * [log(1 + e^{z_i}) - y_i z_i] + (lambda/2) * sum_j w_j^2</c>,
/// <c>z_i = x_i.w + b</c>, theta = [w_0..w_{d-1}, b] (b present only with an intercept, never penalised),
/// lambda = 1/C for the L2 penalty and 0 without.
/// Rows are processed in fixed chunks of <see cref="ChunkRows"/>; each chunk sums its rows in order
/// and the chunk sums are added in chunk order, so the result is bit-identical for any thread count.
/// Working buffers are allocated once here, so an evaluation allocates nothing on the single-thread path.
/// </summary>
public sealed class LogisticObjective
{
    /// <summary>Rows per chunk of the parallel reduction (fixed: the reduction order must not depend on threads).</summary>
    public const int ChunkRows = 8192;

    internal enum Mode { Value, Gradient, Hessian }

    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[]? _s;
    private readonly int _chunks;
    private readonly int _stride;
    private readonly double[] _partial;
    private readonly double[] _theta;
    private readonly ParallelOptions _parallel;
    private readonly Action<int> _body;
    private Mode _mode;
    private bool _unweighted;

    /// <summary>
    /// Wraps (does not copy) a row-major design matrix: row i is <c>x[i*features .. (i+1)*features)</c>.
    /// <paramref name="weights"/> null means every s_i = 1.
    /// </summary>
    public LogisticObjective(double[] x, int rows, int features, double[] y, double[]? weights,
        bool fitIntercept, double penaltyStrength, int maxDegreeOfParallelism = -1)
    {
        Guard.NotNull(x, nameof(x));
        Guard.NotNull(y, nameof(y));
        Guard.AtLeast(rows, 1, nameof(rows));
        Guard.AtLeast(features, 0, nameof(features));
        Guard.SameLength(x.Length, nameof(x), rows * features, "rows * features");
        Guard.SameLength(y.Length, nameof(y), rows, nameof(rows));
        if (weights is not null)
            Guard.SameLength(weights.Length, nameof(weights), rows, nameof(rows));
        if (!(penaltyStrength >= 0) || double.IsInfinity(penaltyStrength))
            throw new ArgumentOutOfRangeException(nameof(penaltyStrength), penaltyStrength, "penaltyStrength must be finite and >= 0.");
        _x = x;
        _y = y;
        _s = weights;
        RowCount = rows;
        FeatureCount = features;
        FitIntercept = fitIntercept;
        PenaltyStrength = penaltyStrength;
        ParameterCount = features + (fitIntercept ? 1 : 0);
        _chunks = (rows + ChunkRows - 1) / ChunkRows;
        _stride = 1 + ParameterCount + ParameterCount * ParameterCount;
        _partial = new double[_chunks * _stride];
        _theta = new double[ParameterCount];
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        _body = ProcessChunk;
    }

    /// <summary>Copies a MathNet matrix into row-major storage and wraps it.</summary>
    public static LogisticObjective FromMatrix(Matrix<double> x, Vector<double> y, Vector<double>? weights,
        bool fitIntercept, double penaltyStrength, int maxDegreeOfParallelism = -1)
    {
        Guard.NotNull(x, nameof(x));
        Guard.NotNull(y, nameof(y));
        return new LogisticObjective(x.ToRowMajorArray(), x.RowCount, x.ColumnCount, y.ToArray(), weights?.ToArray(),
            fitIntercept, penaltyStrength, maxDegreeOfParallelism);
    }

    public int RowCount { get; }
    public int FeatureCount { get; }
    public bool FitIntercept { get; }

    /// <summary>lambda in F: 1/C for L2, 0 without penalty.</summary>
    public double PenaltyStrength { get; }

    /// <summary>Length of theta: features plus one for the intercept.</summary>
    public int ParameterCount { get; }

    /// <summary>sum_i [y_i log p_i + (1 - y_i) log(1 - p_i)] ignoring weights and penalty (statsmodels' llf).</summary>
    public double LogLikelihood(ReadOnlySpan<double> theta)
    {
        _unweighted = true;
        try
        {
            return -Evaluate(theta, Span<double>.Empty, Span<double>.Empty, Mode.Value, penalise: false);
        }
        finally
        {
            _unweighted = false;
        }
    }

    internal double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian, Mode mode,
        bool penalise = true)
    {
        var p = ParameterCount;
        if (theta.Length != p)
            throw new ArgumentException($"theta has {theta.Length} entries but the objective has {p} parameters.", nameof(theta));
        if (mode >= Mode.Gradient && gradient.Length != p)
            throw new ArgumentException($"gradient has {gradient.Length} entries but needs {p}.", nameof(gradient));
        if (mode == Mode.Hessian && hessian.Length != p * p)
            throw new ArgumentException($"hessian has {hessian.Length} entries but needs {p * p}.", nameof(hessian));

        theta.CopyTo(_theta);
        _mode = mode;
        if (_chunks == 1 || _parallel.MaxDegreeOfParallelism == 1)
        {
            for (var c = 0; c < _chunks; c++) ProcessChunk(c);
        }
        else
        {
            Parallel.For(0, _chunks, _parallel, _body);
        }

        // Fixed-order reduction over chunks.
        var value = 0.0;
        if (mode >= Mode.Gradient) gradient.Clear();
        if (mode == Mode.Hessian) hessian.Clear();
        for (var c = 0; c < _chunks; c++)
        {
            var off = c * _stride;
            value += _partial[off];
            if (mode >= Mode.Gradient)
                for (var k = 0; k < p; k++) gradient[k] += _partial[off + 1 + k];
            if (mode == Mode.Hessian)
            {
                var h = off + 1 + p;
                for (var j = 0; j < p; j++)
                    for (var k = j; k < p; k++)
                        hessian[j * p + k] += _partial[h + j * p + k];
            }
        }

        if (mode == Mode.Hessian)
            for (var j = 0; j < p; j++)
                for (var k = j + 1; k < p; k++)
                    hessian[k * p + j] = hessian[j * p + k];

        if (penalise && PenaltyStrength > 0)
        {
            var lambda = PenaltyStrength;
            var squares = 0.0;
            for (var j = 0; j < FeatureCount; j++)
            {
                var w = theta[j];
                squares += w * w;
                if (mode >= Mode.Gradient) gradient[j] += lambda * w;
                if (mode == Mode.Hessian) hessian[j * p + j] += lambda;
            }
            value += 0.5 * lambda * squares;
        }
        return value;
    }

    private void ProcessChunk(int chunk)
    {
        var d = FeatureCount;
        var p = ParameterCount;
        var off = chunk * _stride;
        var part = _partial.AsSpan(off, _stride);
        part.Clear();
        var grad = part.Slice(1, p);
        var hess = part.Slice(1 + p, p * p);
        var w = _theta.AsSpan(0, d);
        var b = FitIntercept ? _theta[d] : 0.0;
        var mode = _mode;
        var weights = _unweighted ? null : _s;
        var start = chunk * ChunkRows;
        var end = Math.Min(RowCount, start + ChunkRows);
        var value = 0.0;
        var x = _x;
        var y = _y;

        for (var i = start; i < end; i++)
        {
            var s = weights is null ? 1.0 : weights[i];
            if (s == 0.0) continue;
            var row = x.AsSpan(i * d, d);
            var z = b;
            for (var j = 0; j < row.Length; j++) z += row[j] * w[j];
            var yi = y[i];
            var e = Math.Exp(-Math.Abs(z));
            value += s * (Math.Max(z, 0.0) + LogisticLoss.Log1P(e) - yi * z);
            if (mode == Mode.Value) continue;

            var onePlus = 1.0 + e;
            var prob = z >= 0 ? 1.0 / onePlus : e / onePlus;
            var r = s * (prob - yi);
            for (var j = 0; j < row.Length; j++) grad[j] += r * row[j];
            if (FitIntercept) grad[d] += r;
            if (mode != Mode.Hessian) continue;

            var h = s * e / (onePlus * onePlus);
            for (var j = 0; j < d; j++)
            {
                var hj = h * row[j];
                var hrow = hess.Slice(j * p, p);
                for (var k = j; k < d; k++) hrow[k] += hj * row[k];
                if (FitIntercept) hrow[d] += hj;
            }
            if (FitIntercept) hess[d * p + d] += h;
        }
        part[0] = value;
    }
}
