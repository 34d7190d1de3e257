using Churn.Algorithms.Metrics;
using Churn.Algorithms.Validation;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Algorithms.Linear;

/// <summary>
/// cv.glmnet for the binomial family: the path on all rows fixes the lambdas; every fold refits that
/// lambda sequence on its training rows and scores its test rows. Per lambda: mean binomial deviance
/// over folds (type.measure = "deviance", probabilities clamped to [1e-5, 1 - 1e-5], each fold weighted
/// by its rows), its standard error sqrt(var / (K - 1)), and the mean fold AUC. lambda.min is the
/// largest lambda with the lowest mean deviance, lambda.1se the largest whose mean deviance is within
/// one standard error of that minimum.
/// </summary>
public sealed record ElasticNetCrossValidation(
    ElasticNetPath Path,
    IReadOnlyList<double> MeanDeviance,
    IReadOnlyList<double> DevianceStandardError,
    IReadOnlyList<double> MeanAuc,
    int IndexMin,
    int IndexOneStandardError,
    int FoldCount)
{
    public double LambdaMin => Path.Lambdas[IndexMin];

    public double LambdaOneStandardError => Path.Lambdas[IndexOneStandardError];

    /// <summary>Stratified K-fold (<see cref="StratifiedKFold"/>, the given seed) over the path of <paramref name="options"/>.</summary>
    public static ElasticNetCrossValidation Run(Matrix<double> x, Vector<double> y, ElasticNetOptions options, int folds, int seed)
    {
        var trainer = new ElasticNetLogistic(options);
        var path = trainer.Fit(x, y);
        var split = StratifiedKFold.Split(y, folds, seed);
        var foldOptions = options with { Lambdas = path.Lambdas.ToArray() };
        var deviance = new double[split.Count][];
        var auc = new double[split.Count][];
        // Folds are independent and land at their own index, so the result does not depend on scheduling.
        Parallel.For(0, split.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, f =>
        {
            var train = split[f].Train;
            var test = split[f].Test;
            var fit = new ElasticNetLogistic(foldOptions).Fit(Rows(x, train), Labels(y, train));
            var xt = Rows(x, test);
            var yt = Labels(y, test);
            deviance[f] = new double[path.Count];
            auc[f] = new double[path.Count];
            for (var k = 0; k < path.Count; k++)
            {
                if (k >= fit.Count) { deviance[f][k] = double.NaN; auc[f][k] = double.NaN; continue; }
                var z = fit.DecisionFunction(xt, k);
                var sum = 0.0;
                for (var i = 0; i < z.Count; i++)
                {
                    var pi = Math.Min(Math.Max(1e-5, LogisticLoss.Sigmoid(z[i])), 1 - 1e-5);
                    sum += -2 * (yt[i] * Math.Log(pi) + (1 - yt[i]) * Math.Log(1 - pi));
                }
                deviance[f][k] = sum / z.Count;
                auc[f][k] = yt.Sum() is var pos && pos > 0 && pos < yt.Count ? RocAuc.Compute(yt, z) : double.NaN;
            }
        });
        var mean = new double[path.Count];
        var se = new double[path.Count];
        var meanAuc = new double[path.Count];
        for (var k = 0; k < path.Count; k++)
        {
            double weight = 0, total = 0, aucTotal = 0;
            var aucFolds = 0;
            for (var f = 0; f < split.Count; f++)
            {
                if (double.IsNaN(deviance[f][k])) continue;
                weight += split[f].Test.Length;
                total += split[f].Test.Length * deviance[f][k];
                if (!double.IsNaN(auc[f][k])) { aucTotal += auc[f][k]; aucFolds++; }
            }
            mean[k] = total / weight;
            var spread = 0.0;
            for (var f = 0; f < split.Count; f++)
                if (!double.IsNaN(deviance[f][k])) spread += split[f].Test.Length * (deviance[f][k] - mean[k]) * (deviance[f][k] - mean[k]);
            se[k] = Math.Sqrt(spread / weight / (split.Count - 1));
            meanAuc[k] = aucFolds > 0 ? aucTotal / aucFolds : double.NaN;
        }
        var best = mean.Where(double.IsFinite).Min();
        var indexMin = Array.FindIndex(mean, m => m <= best);
        var indexOneSe = Array.FindIndex(mean, m => m <= best + se[indexMin]);
        return new ElasticNetCrossValidation(path, mean, se, meanAuc, indexMin, indexOneSe, split.Count);
    }

    private static Matrix<double> Rows(Matrix<double> x, int[] rows)
    {
        var result = Matrix<double>.Build.Dense(rows.Length, x.ColumnCount);
        var source = x.AsColumnMajorArray() ?? x.ToColumnMajorArray();
        var target = result.AsColumnMajorArray();
        var n = x.RowCount;
        for (var j = 0; j < x.ColumnCount; j++)
            for (var i = 0; i < rows.Length; i++)
                target[j * rows.Length + i] = source[j * n + rows[i]];
        return result;
    }

    private static Vector<double> Labels(Vector<double> y, int[] rows) => Vector<double>.Build.Dense(rows.Length, i => y[rows[i]]);
}
