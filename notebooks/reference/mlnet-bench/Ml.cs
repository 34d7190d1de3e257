using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace MlnetBench;

/// <summary>The ML.NET calls that are timed, and the double-precision checks of their answers (untimed).</summary>
public static class Ml
{
    /// <summary>
    /// KMeansTrainer, k = 4, defaults otherwise: InitializationAlgorithm KMeansYinyang (k-means|| init,
    /// Yinyang-accelerated Lloyd), OptimizationTolerance 1e-7, MaximumNumberOfIterations 1000,
    /// NumberOfThreads null (= all processors; the docs say determinism is then not guaranteed).
    /// Returns the fitted centres.
    /// </summary>
    public static float[][] KMeans(IDataView data, int seed)
    {
        var ml = new MLContext(seed);
        var model = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options { NumberOfClusters = 4 }).Fit(data);
        VBuffer<float>[] centres = [];
        model.Model.GetClusterCentroids(ref centres, out _);
        return centres.Select(c => c.DenseValues().ToArray()).ToArray();
    }

    /// <summary>Sum over rows of the squared distance to the nearest centre, in double, standardised units
    /// (the inertia our KMeans and sklearn report; ML.NET assigns a row to its nearest centroid too).</summary>
    public static double Inertia(double[][] x, float[][] centres) => x.Sum(row => centres.Min(c =>
    {
        var d = 0.0;
        for (var j = 0; j < row.Length; j++) d += (row[j] - c[j]) * (row[j] - c[j]);
        return d;
    }));

    /// <summary>
    /// LbfgsLogisticRegression with L2Regularization = 1 and L1Regularization = 0. ML.NET minimises
    /// (sum_i loss_i + L2/2 ||w||^2) / n with the bias unpenalised, which is sklearn's
    /// sum_i loss_i + ||w||^2 / (2C) divided by n: L2 = 1/C = 1 is the same minimiser.
    /// Returns the weights and bias.
    /// </summary>
    public static (double[] Weights, double Bias) Logistic(IDataView data, float tolerance)
    {
        var ml = new MLContext(42);
        var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            L2Regularization = 1f, L1Regularization = 0f, OptimizationTolerance = tolerance, MaximumNumberOfIterations = 1000,
        }).Fit(data);
        var linear = model.Model.SubModel;
        return (linear.Weights.Select(v => (double)v).ToArray(), linear.Bias);
    }

    /// <summary>sum_i y_i z_i - log(1 + e^z_i), z = x w + b, in double (as bench_sklearn.py).</summary>
    public static double LogLikelihood(double[][] x, double[] y, double[] w, double b)
    {
        var total = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var z = b;
            for (var j = 0; j < w.Length; j++) z += x[i][j] * w[j];
            total += y[i] * z - (Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))));
        }
        return total;
    }

    /// <summary>Mann-Whitney AUC with average ranks for ties (what roc_auc_score computes).</summary>
    public static double ExactAuc(float[] scores, bool[] labels)
    {
        var order = Enumerable.Range(0, scores.Length).ToArray();
        Array.Sort(scores.ToArray(), order);
        double rankSum = 0, positives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end < order.Length && scores[order[end]] == scores[order[start]]) end++;
            var averageRank = (start + 1 + end) / 2.0; // ranks start+1..end
            for (var k = start; k < end; k++)
                if (labels[order[k]]) { rankSum += averageRank; positives++; }
            start = end;
        }
        var negatives = scores.Length - positives;
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }
}
