using Churn.Algorithms.Metrics;
using Churn.Algorithms.Validation;

namespace Churn.Algorithms.Linear;

/// <summary>What the path cross-validation minimises (cv.glmnet's type.measure).</summary>
public enum PathMeasure
{
    /// <summary>Binomial deviance (cv.glmnet's default).</summary>
    Deviance,

    /// <summary>1 - AUC per fold, i.e. the largest AUC wins (type.measure = "auc").</summary>
    Auc,
}

/// <summary>
/// cv.glmnet for the binomial family: the path on all rows fixes the lambdas; every fold refits that
/// lambda sequence on its training rows and scores its test rows. Per lambda: mean binomial deviance
/// over folds (type.measure = "deviance", probabilities clamped to [1e-5, 1 - 1e-5], each fold weighted
/// by its rows), its standard error sqrt(var / (K - 1)), and the same for the fold AUC. With the chosen
/// <see cref="PathMeasure"/>, lambda.min is the largest lambda with the best mean (lowest deviance or
/// highest AUC), lambda.1se the largest whose mean is within one standard error of that best.
/// </summary>
public sealed record ElasticNetCrossValidation(
    ElasticNetPath Path,
    IReadOnlyList<double> MeanDeviance,
    IReadOnlyList<double> DevianceStandardError,
    IReadOnlyList<double> MeanAuc,
    IReadOnlyList<double> AucStandardError,
    PathMeasure Measure,
    int IndexMin,
    int IndexOneStandardError,
    int FoldCount)
{
    public double LambdaMin => Path.Lambdas[IndexMin];

    public double LambdaOneStandardError => Path.Lambdas[IndexOneStandardError];

    /// <summary>Stratified K-fold (<see cref="StratifiedKFold"/>, the given seed) over the path of <paramref name="options"/>.</summary>
    public static ElasticNetCrossValidation Run(Matrix<double> x, Vector<double> y, ElasticNetOptions options, int folds, int seed,
        PathMeasure measure = PathMeasure.Deviance) =>
        Run(x, y, options, StratifiedKFold.Split(y, folds, seed), measure);

    /// <summary>The same over the given folds (e.g. those a SQL engine hashed).</summary>
    public static ElasticNetCrossValidation Run(Matrix<double> x, Vector<double> y, ElasticNetOptions options, IReadOnlyList<TrainTestIndices> split,
        PathMeasure measure = PathMeasure.Deviance)
    {
        var trainer = new ElasticNetLogistic(options);
        var path = trainer.Fit(x, y);
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
        return FromFolds(path, deviance, auc, split.Select(f => (double)f.Test.Length).ToArray(), measure);
    }

    /// <summary>
    /// cv.glmnet's summary and choice from each fold's held-out mean deviance and AUC per lambda of
    /// <paramref name="path"/> (NaN past a fold's path), weighted by the fold's held-out row count.
    /// </summary>
    public static ElasticNetCrossValidation FromFolds(ElasticNetPath path, double[][] deviance, double[][] auc, double[] sizes, PathMeasure measure)
    {
        Guard.NotNull(path, nameof(path));
        var (mean, se) = Summarise(deviance, sizes, path.Count);
        var (meanAuc, aucSe) = Summarise(auc, sizes, path.Count);
        // Lower is better: deviance, or 1 - AUC.
        var loss = measure == PathMeasure.Deviance ? mean : meanAuc.Select(a => 1 - a).ToArray();
        var lossSe = measure == PathMeasure.Deviance ? se : aucSe;
        var best = loss.Where(double.IsFinite).Min();
        var indexMin = Array.FindIndex(loss, m => m <= best);
        var indexOneSe = Array.FindIndex(loss, m => m <= best + lossSe[indexMin]);
        return new ElasticNetCrossValidation(path, mean, se, meanAuc, aucSe, measure, indexMin, indexOneSe, sizes.Length);
    }

    /// <summary>cv.glmnet's cvm and cvsd: fold-size-weighted mean over folds and sqrt(weighted variance / (K - 1)); NaN folds skipped.</summary>
    private static (double[] Mean, double[] StandardError) Summarise(double[][] perFold, double[] sizes, int count)
    {
        var mean = new double[count];
        var se = new double[count];
        for (var k = 0; k < count; k++)
        {
            double weight = 0, total = 0;
            var folds = 0;
            for (var f = 0; f < perFold.Length; f++)
            {
                if (double.IsNaN(perFold[f][k])) continue;
                weight += sizes[f];
                total += sizes[f] * perFold[f][k];
                folds++;
            }
            mean[k] = weight > 0 ? total / weight : double.NaN;
            var spread = 0.0;
            for (var f = 0; f < perFold.Length; f++)
                if (!double.IsNaN(perFold[f][k])) spread += sizes[f] * (perFold[f][k] - mean[k]) * (perFold[f][k] - mean[k]);
            se[k] = folds > 1 ? Math.Sqrt(spread / weight / (folds - 1)) : double.NaN;
        }
        return (mean, se);
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
