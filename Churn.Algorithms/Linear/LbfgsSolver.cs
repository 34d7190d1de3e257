namespace Churn.Algorithms.Linear;

/// <summary>
/// Limited-memory BFGS for <see cref="LogisticObjective"/>, written out (MathNet's minimisers throw on
/// non-convergence). The direction is -H_k g from the two-loop recursion over the last
/// <see cref="Memory"/> pairs (s, y), with H_0 = gamma M^-1: M is the Hessian at the start, and again every
/// <see cref="LbfgsPreconditioner.RefreshEvery"/> iterations at the current point, estimated on a sample of rows (<see cref="LbfgsPreconditioner"/>) and gamma = s.y / y.M^-1 y from the newest pair, so the
/// iterations do not depend on how the columns are scaled; the first step is -M^-1 g with t = 1. (Without
/// a usable M: H_0 = (s.y / y.y) I, the first step scaled to length 1 / ||g||_2 times ||d||, as in L-BFGS-B.) The step satisfies
/// the strong Wolfe conditions (c1 = 1e-4, c2 = 0.9; bracketing and zoom with safeguarded cubic
/// interpolation, Nocedal and Wright algorithms 3.5 and 3.6), or, where F is flat to rounding, the
/// approximate Wolfe conditions of Hager and Zhang (F rises by at most 1e-10 |F| and
/// c2 g.d &lt;= g(t).d &lt;= (2 c1 - 1) g.d), which lets the solver reach gradients far below what
/// differences of F resolve.
/// Pairs with s.y &lt;= 2.2e-16 y.y are skipped. Stops when max |g| &lt;= tolerance (converged), after
/// maxIterations accepted steps, or when the line search fails twice in a row (once after a memory reset).
/// </summary>
public static class LbfgsSolver
{
    /// <summary>Number of (s, y) pairs kept.</summary>
    public const int Memory = 10;

    private const double C1 = 1e-4;
    private const double C2 = 0.9;
    private const int MaxEvaluations = 40;
    private const string Name = "L-BFGS";


    public static SolverResult Minimize(LogisticObjective objective, ReadOnlySpan<double> start, int maxIterations,
        double tolerance)
    {
        var p = SolverResult.CheckArguments(objective, start, maxIterations);
        var sample = LbfgsPreconditioner.SampleOf(objective);
        return new Run(objective, sample, start, p, LbfgsPreconditioner.At(objective, sample, start)).Solve(maxIterations, tolerance);
    }

    /// <summary>The state of one minimisation; all buffers allocated once.</summary>
    private sealed class Run
    {
        private readonly LogisticObjective _objective;
        private readonly LogisticObjective _sample;
        private readonly int _refreshEvery;
        private readonly int _p;
        private readonly double[][] _s;
        private readonly double[][] _y;
        private readonly double[] _rho = new double[Memory];
        private readonly double[] _alpha = new double[Memory];
        private double[] _theta;
        private double[] _g;
        private double[] _trialTheta;
        private double[] _trialG;
        private readonly double[] _direction;
        private LbfgsPreconditioner? _m;
        private readonly double[] _my;
        private double _f;
        private double _trialF;
        private int _count;
        private int _newest = -1;

        public Run(LogisticObjective objective, LogisticObjective sample, ReadOnlySpan<double> start, int p, LbfgsPreconditioner? preconditioner)
        {
            _objective = objective;
            _sample = sample;
            _refreshEvery = LbfgsPreconditioner.RefreshEvery(objective.RowCount, sample.RowCount, p);
            _m = preconditioner;
            _my = new double[p];
            _p = p;
            _s = new double[Memory][];
            _y = new double[Memory][];
            for (var m = 0; m < Memory; m++)
            {
                _s[m] = new double[p];
                _y[m] = new double[p];
            }
            _theta = start.ToArray();
            _g = new double[p];
            _trialTheta = new double[p];
            _trialG = new double[p];
            _direction = new double[p];
        }

        public SolverResult Solve(int maxIterations, double tolerance)
        {
            _f = _objective.Evaluate(_theta, _g, Span<double>.Empty, LogisticObjective.Mode.Gradient);
            var iterations = 0;
            while (true)
            {
                var gmax = Vectors.MaxAbs(_g);
                if (!double.IsFinite(_f) || !double.IsFinite(gmax))
                    return Result(gmax, iterations, false, StopReasons.NonFinite(Name, iterations));
                if (gmax <= tolerance)
                    return Result(gmax, iterations, true, StopReasons.Converged(Name, iterations, gmax, tolerance));
                if (iterations >= maxIterations)
                    return Result(gmax, iterations, false, StopReasons.MaxIterations(Name, iterations, gmax, tolerance));

                if (_m is not null && iterations > 0 && iterations % _refreshEvery == 0)
                    _m = LbfgsPreconditioner.At(_objective, _sample, _theta) ?? _m;
                if (!TryStep())
                {
                    // Retry once from steepest descent with a fresh memory before giving up.
                    if (_count == 0 || !ResetAndTryStep())
                        return Result(gmax, iterations, false, StopReasons.LineSearchFailed(Name, iterations, gmax, tolerance));
                }
                Remember();
                (_theta, _trialTheta) = (_trialTheta, _theta);
                (_g, _trialG) = (_trialG, _g);
                _f = _trialF;
                iterations++;
            }
        }

        private SolverResult Result(double gmax, int iterations, bool converged, string reason) =>
            new(_theta, _f, gmax, iterations, converged, reason);

        private bool ResetAndTryStep()
        {
            _count = 0;
            _newest = -1;
            return TryStep();
        }

        private bool TryStep()
        {
            var d = _direction;
            TwoLoop(d);
            var slope = Vectors.Dot(_g, d);
            if (!(slope < 0))
            {
                _count = 0;
                _newest = -1;
                for (var k = 0; k < _p; k++) d[k] = -_g[k];
                _m?.Apply(d);
                slope = Vectors.Dot(_g, d);
            }
            var t0 = _count == 0 && _m is null ? Math.Min(1.0, 1.0 / Math.Sqrt(Vectors.Dot(d, d))) : 1.0;
            return LineSearch(t0, slope);
        }

        /// <summary>d = -H_k g by the two-loop recursion.</summary>
        private void TwoLoop(double[] d)
        {
            for (var k = 0; k < _p; k++) d[k] = -_g[k];
            if (_count == 0)
            {
                _m?.Apply(d);
                return;
            }
            var idx = _newest;
            for (var m = 0; m < _count; m++)
            {
                var a = _rho[idx] * Vectors.Dot(_s[idx], d);
                _alpha[idx] = a;
                var y = _y[idx];
                for (var k = 0; k < _p; k++) d[k] -= a * y[k];
                idx = (idx - 1 + Memory) % Memory;
            }
            var yn = _y[_newest];
            double gamma;
            if (_m is null)
                gamma = Vectors.Dot(_s[_newest], yn) / Vectors.Dot(yn, yn);
            else
            {
                yn.AsSpan().CopyTo(_my);
                _m.Apply(_my);
                _m.Apply(d);
                gamma = Vectors.Dot(_s[_newest], yn) / Vectors.Dot(yn, _my);
            }
            for (var k = 0; k < _p; k++) d[k] *= gamma;
            idx = (_newest - _count + 1 + Memory) % Memory;
            for (var m = 0; m < _count; m++)
            {
                var beta = _rho[idx] * Vectors.Dot(_y[idx], d);
                var s = _s[idx];
                var coef = _alpha[idx] - beta;
                for (var k = 0; k < _p; k++) d[k] += coef * s[k];
                idx = (idx + 1) % Memory;
            }
        }

        private void Remember()
        {
            var next = (_newest + 1) % Memory;
            var s = _s[next];
            var y = _y[next];
            for (var k = 0; k < _p; k++)
            {
                s[k] = _trialTheta[k] - _theta[k];
                y[k] = _trialG[k] - _g[k];
            }
            var sy = Vectors.Dot(s, y);
            var yy = Vectors.Dot(y, y);
            if (!(sy > 2.2e-16 * yy) || !double.IsFinite(sy)) return;
            _rho[next] = 1.0 / sy;
            _newest = next;
            _count = Math.Min(_count + 1, Memory);
        }

        /// <summary>phi(t) = F(theta + t d) into the trial buffers; returns (phi, phi').</summary>
        private (double Value, double Slope) Phi(double t)
        {
            for (var k = 0; k < _p; k++) _trialTheta[k] = _theta[k] + t * _direction[k];
            _trialF = _objective.Evaluate(_trialTheta, _trialG, Span<double>.Empty, LogisticObjective.Mode.Gradient);
            return (_trialF, Vectors.Dot(_trialG, _direction));
        }

        private bool ApproximateWolfe(double f, double slope, double slope0) =>
            f <= _f + NewtonSolver.FlatRelative * Math.Abs(_f) && slope >= C2 * slope0 && slope <= (2 * C1 - 1) * slope0;

        private bool StrongWolfe(double t, double f, double slope, double slope0) =>
            f <= _f + C1 * t * slope0 && Math.Abs(slope) <= -C2 * slope0;

        /// <summary>Nocedal and Wright 3.5; on success the trial buffers hold the accepted point.</summary>
        private bool LineSearch(double t0, double slope0)
        {
            double tPrev = 0, fPrev = _f, dPrev = slope0;
            var t = t0;
            for (var i = 0; i < MaxEvaluations; i++)
            {
                var (f, d) = Phi(t);
                if (double.IsFinite(f) && (StrongWolfe(t, f, d, slope0) || ApproximateWolfe(f, d, slope0)))
                    return true;
                if (!double.IsFinite(f) || f > _f + C1 * t * slope0 || (i > 0 && f >= fPrev))
                    return Zoom(tPrev, fPrev, dPrev, t, f, d, slope0);
                if (d >= 0)
                    return Zoom(t, f, d, tPrev, fPrev, dPrev, slope0);
                (tPrev, fPrev, dPrev) = (t, f, d);
                t *= 2;
            }
            return false;
        }

        /// <summary>Nocedal and Wright 3.6: lo always satisfies sufficient decrease and has the lower F.</summary>
        private bool Zoom(double lo, double fLo, double dLo, double hi, double fHi, double dHi, double slope0)
        {
            for (var j = 0; j < MaxEvaluations; j++)
            {
                var t = Interpolate(lo, fLo, dLo, hi, fHi, dHi);
                var (f, d) = Phi(t);
                if (double.IsFinite(f) && ApproximateWolfe(f, d, slope0))
                    return true;
                if (!double.IsFinite(f) || f > _f + C1 * t * slope0 || f >= fLo)
                {
                    (hi, fHi, dHi) = (t, f, d);
                }
                else
                {
                    if (Math.Abs(d) <= -C2 * slope0) return true;
                    if (d * (hi - lo) >= 0) (hi, fHi, dHi) = (lo, fLo, dLo);
                    (lo, fLo, dLo) = (t, f, d);
                }
                if (Math.Abs(hi - lo) <= 1e-16 * Math.Max(1.0, Math.Abs(lo))) break;
            }
            // No Wolfe point found; lo still gives sufficient decrease, so take it if it moved at all.
            if (lo > 0 && fLo < _f)
            {
                Phi(lo);
                return true;
            }
            return false;
        }

        /// <summary>Minimiser of the cubic through both ends, kept within the middle 80% of the bracket.</summary>
        private static double Interpolate(double a, double fa, double da, double b, double fb, double db)
        {
            var low = Math.Min(a, b);
            var high = Math.Max(a, b);
            var width = high - low;
            var t = double.NaN;
            if (double.IsFinite(fb) && double.IsFinite(fa))
            {
                var d1 = da + db - 3 * (fa - fb) / (a - b);
                var disc = d1 * d1 - da * db;
                if (disc >= 0)
                {
                    var d2 = Math.Sign(b - a) * Math.Sqrt(disc);
                    t = b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
                }
            }
            if (!double.IsFinite(t)) t = 0.5 * (low + high);
            return Math.Clamp(t, low + 0.1 * width, high - 0.1 * width);
        }
    }
}
