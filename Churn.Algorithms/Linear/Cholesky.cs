namespace Churn.Algorithms.Linear;

/// <summary>
/// In-place Cholesky factorisation A = L L^T of a small dense symmetric row-major matrix and the
/// matching solve. Written out because the Newton step runs on p x p spans every iteration and must
/// not allocate.
/// </summary>
internal static class Cholesky
{
    /// <summary>
    /// Overwrites the lower triangle of <paramref name="a"/> (row-major n x n) with L.
    /// Returns false when a pivot is not positive and finite (matrix not numerically positive definite).
    /// </summary>
    public static bool TryFactor(Span<double> a, int n)
    {
        for (var j = 0; j < n; j++)
        {
            var diag = a[j * n + j];
            for (var k = 0; k < j; k++) diag -= a[j * n + k] * a[j * n + k];
            if (!(diag > 0) || !double.IsFinite(diag)) return false;
            var ljj = Math.Sqrt(diag);
            a[j * n + j] = ljj;
            for (var i = j + 1; i < n; i++)
            {
                var sum = a[i * n + j];
                for (var k = 0; k < j; k++) sum -= a[i * n + k] * a[j * n + k];
                a[i * n + j] = sum / ljj;
            }
        }
        return true;
    }

    /// <summary>Solves L L^T x = b in place (b becomes x) with the factor from <see cref="TryFactor"/>.</summary>
    public static void Solve(ReadOnlySpan<double> l, int n, Span<double> b)
    {
        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++) sum -= l[i * n + k] * b[k];
            b[i] = sum / l[i * n + i];
        }
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = b[i];
            for (var k = i + 1; k < n; k++) sum -= l[k * n + i] * b[k];
            b[i] = sum / l[i * n + i];
        }
    }

    /// <summary>
    /// diagonal[a] = (A^-1)_aa from A's factor (<see cref="TryFactor"/>): one solve per unit vector, single-threaded
    /// (MathNet's solve starts parallel tasks even for a 20 x 20 matrix, which costs more than the fit on a busy machine).
    /// </summary>
    public static void InverseDiagonal(ReadOnlySpan<double> l, int n, Span<double> diagonal)
    {
        var unit = n <= 256 ? stackalloc double[n] : new double[n];
        for (var a = 0; a < n; a++)
        {
            unit.Clear();
            unit[a] = 1.0;
            Solve(l, n, unit);
            diagonal[a] = unit[a];
        }
    }
}
