using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Linear;

/// <summary>Small seeded logistic problems for property tests (System.Random with a fixed seed, tests only).</summary>
internal static class RandomProblems
{
    public static (Matrix<double> X, Vector<double> Y) Create(int seed, int rows, int features, double signal = 1.0)
    {
        var random = new Random(seed);
        var x = Matrix<double>.Build.Dense(rows, features, (_, _) => Normal(random));
        var w = Enumerable.Range(0, features).Select(_ => signal * Normal(random)).ToArray();
        var y = Vector<double>.Build.Dense(rows, i =>
        {
            var z = 0.3;
            for (var j = 0; j < features; j++) z += x[i, j] * w[j];
            return random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1.0 : 0.0;
        });
        return (x, y);
    }

    public static double[] Vector(int seed, int length, double scale = 1.0)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => scale * Normal(random)).ToArray();
    }

    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
