namespace Churn.Algorithms.Linear;

/// <summary>
/// The data of one logistic fit and the objective over it:
/// <c>F(theta) = sum_i s_i * [log(1 + e^{z_i}) - y_i z_i] + (lambda/2) * sum_j w_j^2</c>,
/// <c>z_i = x_i.w + b</c>, theta = [w_0..w_{d-1}, b] (b present only with an intercept, never penalised),
/// lambda = 1/C for the L2 penalty and 0 without.
/// The design matrix is held column-major (feature-major) so the row loops run 8 rows at a time in vector
/// lanes (<see cref="IEightLanes{TSelf}"/>: the same bits on any CPU): one pass per chunk (<see cref="LogisticRows"/>) computes z = x.w + b, e = exp(-|z|) once and from it the loss,
/// s (p - y) and s p (1 - p), block by block; gradient entries are then dot products of those with the columns and the Hessian is summed in register tiles (<see cref="HessianTiles"/>). exp and log1p are <see cref="LogisticMath"/>'s (within 1 ulp).
/// Rows are processed in fixed chunks of <see cref="ChunkRows"/>; each chunk sums its rows in a fixed lane
/// order and the chunk sums are added in chunk order, so the result is bit-identical for any thread count.
/// Working buffers are allocated once here, so an evaluation allocates nothing on the single-thread path.
/// </summary>
public sealed class LogisticObjective : ISecondOrderObjective
{
    /// <summary>Rows per chunk of the parallel reduction (fixed: the reduction order must not depend on threads).</summary>
    public const int ChunkRows = 8192;

    /// <summary>Chunks each worker must have before the rows are split across workers.</summary>
    private const int MinChunksPerWorker = 2;

    internal enum Mode { Value, Gradient, Hessian }

    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[]? _s;
    private readonly int _chunks;
    private readonly int _stride;
    private readonly double[] _partial;
    private readonly double[] _theta;
    private readonly ParallelOptions _parallel;
    private readonly LogisticRows.Scratch[] _scratch;
    private readonly int _threads;
    private double[]? _secondWeighted;
    private double[]? _secondZ;
    private double[]? _losses;

    /// <summary>
    /// Copies a row-major design matrix (row i is <c>x[i*features .. (i+1)*features)</c>) into the
    /// column-major layout the kernels use. <paramref name="weights"/> null means every s_i = 1.
    /// </summary>
    public LogisticObjective(double[] x, int rows, int features, double[] y, double[]? weights,
        bool fitIntercept, double penaltyStrength, int maxDegreeOfParallelism = -1)
        : this(rows, features, Transpose(x, rows, features), y, weights, fitIntercept, penaltyStrength,
            maxDegreeOfParallelism)
    {
    }

    private LogisticObjective(int rows, int features, double[] columnMajor, double[] y, double[]? weights,
        bool fitIntercept, double penaltyStrength, int maxDegreeOfParallelism)
    {
        Guard.NotNull(y, nameof(y));
        Guard.SameLength(y.Length, nameof(y), rows, nameof(rows));
        if (weights is not null)
            Guard.SameLength(weights.Length, nameof(weights), rows, nameof(rows));
        if (!(penaltyStrength >= 0) || double.IsInfinity(penaltyStrength))
            throw new ArgumentOutOfRangeException(nameof(penaltyStrength), penaltyStrength, "penaltyStrength must be finite and >= 0.");
        _x = columnMajor;
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
        var threads = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        _threads = threads;
        // A second worker pays for its hand-off only with at least two chunks each (one full, one short chunk
        // on two workers is slower than one worker on a loaded machine); the sums do not depend on it.
        var workers = Math.Max(1, Math.Min(threads, _chunks / MinChunksPerWorker));
        _scratch = new LogisticRows.Scratch[workers];
        for (var w = 0; w < workers; w++) _scratch[w] = new LogisticRows.Scratch(Math.Min(rows, ChunkRows), features);
    }

    /// <summary>
    /// Wraps a MathNet matrix: its dense column-major storage is used without copying (so the matrix must
    /// not change while the objective is in use); other storage is copied.
    /// </summary>
    public static LogisticObjective FromMatrix(Matrix<double> x, Vector<double> y, Vector<double>? weights,
        bool fitIntercept, double penaltyStrength, int maxDegreeOfParallelism = -1)
    {
        Guard.NotNull(x, nameof(x));
        Guard.NotNull(y, nameof(y));
        return FromColumnMajor(x.AsColumnMajorArray() ?? x.ToColumnMajorArray(), x.RowCount, x.ColumnCount,
            y.ToArray(), weights?.ToArray(), fitIntercept, penaltyStrength, maxDegreeOfParallelism);
    }

    /// <summary>Wraps (does not copy) a column-major design matrix: column j is <c>x[j*rows .. (j+1)*rows)</c>.</summary>
    internal static LogisticObjective FromColumnMajor(double[] x, int rows, int features, double[] y, double[]? weights,
        bool fitIntercept, double penaltyStrength, int maxDegreeOfParallelism = -1)
    {
        CheckShape(x, rows, features);
        return new LogisticObjective(rows, features, x, y, weights, fitIntercept, penaltyStrength,
            maxDegreeOfParallelism);
    }

    private static void CheckShape(double[] x, int rows, int features)
    {
        Guard.NotNull(x, nameof(x));
        Guard.AtLeast(rows, 1, nameof(rows));
        Guard.AtLeast(features, 0, nameof(features));
        Guard.SameLength(x.Length, nameof(x), rows * features, "rows * features");
    }

    private static double[] Transpose(double[] x, int rows, int features)
    {
        CheckShape(x, rows, features);
        var columns = new double[x.Length];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < features; j++)
                columns[j * rows + i] = x[i * features + j];
        return columns;
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
        return -Evaluate(theta, Span<double>.Empty, Span<double>.Empty, Mode.Value, penalise: false, weighted: false);
    }

    /// <summary>
    /// The objective over every (RowCount / rows)-th row (rows spread evenly over the data, at most
    /// <paramref name="rows"/>), the same weights and intercept, without the penalty: a cheap sample of F's curvature.
    /// </summary>
    internal LogisticObjective EvenlySpacedRows(int rows)
    {
        var m = Math.Min(rows, RowCount);
        var x = new double[m * FeatureCount];
        var y = new double[m];
        var s = _s is null ? null : new double[m];
        var picked = new int[m];
        // Row r * RowCount / m, stepped exactly (quotient and remainder) instead of a 64-bit division per row.
        int whole = RowCount / m, extra = RowCount % m, i = 0, remainder = 0;
        for (var r = 0; r < m; r++)
        {
            picked[r] = i;
            y[r] = _y[i];
            if (s is not null) s[r] = _s![i];
            i += whole;
            remainder += extra;
            if (remainder >= m)
            {
                i++;
                remainder -= m;
            }
        }
        // Column by column: reading row by row across columns (a stride of RowCount) missed the cache at every cell.
        for (var j = 0; j < FeatureCount; j++)
        {
            var column = _x.AsSpan(j * RowCount, RowCount);
            var sampled = x.AsSpan(j * m, m);
            for (var r = 0; r < m; r++) sampled[r] = column[picked[r]];
        }
        return new LogisticObjective(m, FeatureCount, x, y, s, FitIntercept, 0.0, _parallel.MaxDegreeOfParallelism);
    }

    /// <summary>(lambda/2) sum_j w_j^2, the penalty part of F.</summary>
    internal double PenaltyValue(ReadOnlySpan<double> theta)
    {
        var squares = 0.0;
        for (var j = 0; j < FeatureCount; j++) squares += theta[j] * theta[j];
        return PenaltyStrength > 0 ? 0.5 * PenaltyStrength * squares : 0.0;
    }

    double ISecondOrderObjective.Evaluate(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian) =>
        Evaluate(theta, gradient, hessian, Mode.Hessian);

    /// <summary>
    /// F(theta) and, by <paramref name="mode"/>, its gradient and Hessian. Everything a call depends on is
    /// passed in: <paramref name="penalise"/> false leaves out the L2 term and <paramref name="weighted"/>
    /// false takes every s_i = 1 (statsmodels' log-likelihood). The objective keeps only its data and reusable
    /// buffers, so one instance must not be evaluated from two threads at once.
    /// </summary>
    internal double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian, Mode mode,
        bool penalise = true, bool weighted = true)
    {
        var p = ParameterCount;
        if (theta.Length != p)
            throw new ArgumentException($"theta has {theta.Length} entries but the objective has {p} parameters.", nameof(theta));
        if (mode >= Mode.Gradient && gradient.Length != p)
            throw new ArgumentException($"gradient has {gradient.Length} entries but needs {p}.", nameof(gradient));
        if (mode == Mode.Hessian && hessian.Length != p * p)
            throw new ArgumentException($"hessian has {hessian.Length} entries but needs {p * p}.", nameof(hessian));

        theta.CopyTo(_theta);
        var pass = new Pass(_theta, mode, weighted ? _s : null);
        if (_scratch.Length == 1)
        {
            for (var c = 0; c < _chunks; c++) ProcessChunk(c, _scratch[0], pass);
        }
        else
        {
            // Each worker owns one scratch set and takes chunks in turn; which worker runs a chunk does not
            // matter because every chunk writes only its own partial sums.
            var next = -1;
            Parallel.For(0, _scratch.Length, _parallel, worker =>
            {
                var scratch = _scratch[worker];
                int chunk;
                while ((chunk = Interlocked.Increment(ref next)) < _chunks) ProcessChunk(chunk, scratch, pass);
            });
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

    /// <summary>What one evaluation computes: the parameters, the mode and the row weights (null: all 1).</summary>
    private readonly record struct Pass(double[] Theta, Mode Mode, double[]? Weights);

    /// <summary>
    /// True when the rows are summed by one worker while more threads are allowed (a second core would idle) and the
    /// pass has the tile path to split (more parameters than the small Gram's, at least four columns for
    /// <see cref="HessianTiles.EvenSplit"/>).
    /// </summary>
    private bool LoneWorkerSplits =>
        _scratch.Length == 1 && _threads > 1 && ParameterCount > ColumnKernels.SmallGramLimit && FeatureCount >= 4;

    /// <summary>
    /// True when a lone worker's chunk of <paramref name="rows"/> rows sums its Hessian triangle on two threads
    /// (<see cref="HessianTiles.EvenSplit"/>): with too few chunks to split the rows (fewer than 16,384, and
    /// every L-BFGS curvature sample) the second core would idle through the largest part of the pass.
    /// </summary>
    internal bool SplitsHessian(int rows) =>
        LoneWorkerSplits && RowChunks.WorthParallel((long)rows * ParameterCount * ParameterCount / 2);

    /// <summary>
    /// True when a lone worker's chunk of <paramref name="rows"/> rows computes its margins and terms in two halves of
    /// rows at once and its gradient in two halves of columns (<see cref="SplitRows{T}"/>): the whole pass on both cores.
    /// </summary>
    internal bool SplitsRows(int rows) =>
        LoneWorkerSplits && RowChunks.WorthParallel((long)rows * (2 * ParameterCount + 40));

    private void ProcessChunk(int chunk, LogisticRows.Scratch scratch, Pass pass)
    {
        var part = _partial.AsSpan(chunk * _stride, _stride);
        part.Clear();
        var p = ParameterCount;
        var start = chunk * ChunkRows;
        var length = Math.Min(RowCount, start + ChunkRows) - start;
        var rows = new LogisticRows.Chunk(_x, RowCount, FeatureCount, FitIntercept, _y, pass.Weights, start, length);
        if (pass.Mode >= Mode.Gradient && SplitsRows(length))
        {
            if (Vector512.IsHardwareAccelerated) SplitRows<OneVector512>(rows, chunk, scratch, pass);
            else SplitRows<TwoVector256>(rows, chunk, scratch, pass);
            return;
        }
        var split = pass.Mode == Mode.Hessian && SplitsHessian(length);
        // 8 lanes in one AVX-512 register (about 1.5x faster here) or in two AVX2 registers: the same
        // arithmetic in the same order either way, so the result does not depend on the CPU.
        if (Vector512.IsHardwareAccelerated)
        {
            part[0] = LogisticRows.Add<OneVector512>(rows, pass.Theta, pass.Mode, scratch, part.Slice(1, p), part.Slice(1 + p, p * p), split);
            if (split) SplitHessian<OneVector512>(chunk, start, length, scratch);
        }
        else
        {
            part[0] = LogisticRows.Add<TwoVector256>(rows, pass.Theta, pass.Mode, scratch, part.Slice(1, p), part.Slice(1 + p, p * p), split);
            if (split) SplitHessian<TwoVector256>(chunk, start, length, scratch);
        }
    }

    /// <summary>
    /// <see cref="LogisticRows.Add{T}"/> for one chunk on two threads with the same bits: the rows' margins and terms
    /// in two halves of whole blocks (each group's loss lanes kept and added in row order afterwards), then each
    /// gradient entry over the blocks in order (two halves of the columns at once), then the Hessian triangle in
    /// two halves (<see cref="SplitHessian{T}"/>).
    /// </summary>
    private void SplitRows<T>(LogisticRows.Chunk rows, int chunk, LogisticRows.Scratch scratch, Pass pass) where T : struct, IEightLanes<T>
    {
        var d = FeatureCount;
        var p = ParameterCount;
        var length = rows.Length;
        var block = Collinearity.RowBlock(p);
        var blocks = (length + block - 1) / block;
        var middle = Math.Min(length, (blocks + 1) / 2 * block);
        _secondZ ??= new double[scratch.Z.Length];
        _losses ??= new double[ChunkRows + 8];
        var (secondZ, losses) = (_secondZ, _losses);
        Parallel.Invoke(_parallel,
            () => LogisticRows.RowTerms<T>(rows, pass.Theta, pass.Mode, scratch, scratch.Z, 0, middle, losses),
            () => LogisticRows.RowTerms<T>(rows, pass.Theta, pass.Mode, scratch, secondZ, middle, length, losses));
        var loss = T.Zero;
        ref var rl = ref losses[0];
        for (var g = 0; g < length; g += IEightLanes<T>.Count) loss += T.Load(ref rl, (nuint)g);
        var at = chunk * _stride;
        _partial[at] = loss.Sum();

        // Entry j of the gradient: per block, the dot product of r and column j, blocks in order (as Add).
        var r = scratch.R;
        void Gradient(int from, int to)
        {
            for (var j = from; j < to; j++)
            {
                var sum = 0.0;
                for (var first = 0; first < length; first += block)
                {
                    var m = Math.Min(block, length - first);
                    sum += j < d
                        ? ColumnKernels.Dot(r.AsSpan(first, m), _x.AsSpan(j * RowCount + rows.Start + first, m))
                        : ColumnKernels.Sum(r.AsSpan(first, m));
                }
                _partial[at + 1 + j] = sum;
            }
        }
        var half = p / 2;
        Parallel.Invoke(_parallel, () => Gradient(0, half), () => Gradient(half, p));
        if (pass.Mode == Mode.Hessian) SplitHessian<T>(chunk, rows.Start, length, scratch);
    }

    /// <summary>The chunk's Hessian triangle from its h in scratch, the first rows of the triangle beside the others.</summary>
    private void SplitHessian<T>(int chunk, int start, int length, LogisticRows.Scratch scratch) where T : struct, IEightLanes<T>
    {
        var d = FeatureCount;
        var p = ParameterCount;
        var hessianAt = chunk * _stride + 1 + p;
        var split = HessianTiles.EvenSplit(d);
        _secondWeighted ??= new double[scratch.Weighted.Length];
        var second = _secondWeighted;
        void Rows(double[] weighted, int from, int to) =>
            HessianTiles.AddUpper<T>(scratch.H.AsSpan(0, length), _x, RowCount, start, d, FitIntercept,
                _partial.AsSpan(hessianAt, p * p), weighted, from, to);
        Parallel.Invoke(_parallel, () => Rows(scratch.Weighted, 0, split), () => Rows(second, split, d));
    }
}
