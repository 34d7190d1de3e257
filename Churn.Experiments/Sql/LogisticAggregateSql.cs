using System.Globalization;
using Churn.Algorithms.Linear;
using Churn.Algorithms.Preprocessing;

namespace Churn.Experiments.Sql;

/// <summary>
/// The aggregate queries of a logistic fit over encoded layers that carry the 0/1 label as "y_0": the
/// loss, gradient and Hessian sums at a theta (p(p+3)/2 + 1 SUMs with the intercept), and the training
/// metrics of the fitted model (accuracy, log-loss, Brier, and the AUC from mid-ranks).
/// </summary>
internal static class LogisticAggregateSql
{
    public static LogisticSums Sums(SqlTable table, ScoringSql.Layers encoded, IReadOnlyList<string> columns,
        IReadOnlyList<double> means, IReadOnlyList<double> scales, double[] theta)
    {
        var d = columns.Count;
        var q = encoded.Copy();
        q.Add(Enumerable.Range(0, d).Select(j => ("(" + columns[j] + " - " + SqlDialect.Number(means[j]) + ") / " + SqlDialect.Number(scales[j]), U(j))).ToList());
        var u = Enumerable.Range(0, d).Select(j => q.Ref(U(j))).ToList();
        ScoringSql.AddLogOdds(q, u, theta[d], theta, new double[d], Enumerable.Repeat(1.0, d).ToArray(), "z_0");
        ScoringSql.AddProbability(q, "z_0", "p_0");
        AddLoss(q);
        string R(string alias) => q.Ref(alias);
        var sums = new List<(string, string)> { ("SUM(" + R("loss_0") + ")", "f") };
        for (var j = 0; j < d; j++) sums.Add(("SUM(" + R("resid_0") + " * " + u[j] + ")", "g" + Index(j)));
        sums.Add(("SUM(" + R("resid_0") + ")", "g" + Index(d)));
        for (var j = 0; j <= d; j++)
            for (var k = j; k <= d; k++)
            {
                var term = R("weight_0") + (j < d ? " * " + u[j] : "") + (k < d ? " * " + u[k] : "");
                sums.Add(("SUM(" + term + ")", "h" + Index(j) + "_" + Index(k)));
            }
        var row = table.Query(q.Final(sums))[0];
        var p = d + 1;
        var gradient = new double[p];
        var hessian = new double[p * p];
        for (var j = 0; j < p; j++) gradient[j] = SqlEngine.Number(row[1 + j]);
        var at = 1 + p;
        for (var j = 0; j < p; j++)
            for (var k = j; k < p; k++)
                hessian[j * p + k] = hessian[k * p + j] = SqlEngine.Number(row[at++]);
        return new LogisticSums(SqlEngine.Number(row[0]), gradient, hessian);
    }

    /// <summary>train_auc, train_accuracy, train_log_loss and train_brier of the fitted model, as ChurnTrainer records them.</summary>
    public static Dictionary<string, double> Metrics(SqlTable table, ScoringSql.Layers encoded, IReadOnlyList<string> columns,
        StandardScalerModel scaler, LogisticRegressionModel classifier, double threshold, long rows, long positives)
    {
        var q = encoded.Copy();
        ScoringSql.AddLogOdds(q, columns, classifier.Intercept, classifier.Coefficients.ToArray(), scaler.Means, scaler.Scales, "z_0");
        ScoringSql.AddProbability(q, "z_0", "p_0");
        AddLoss(q);
        string R(string alias) => q.Ref(alias);
        var threshold0 = SqlDialect.Number(threshold);
        var summary = table.Query(q.Copy().Final(
        [
            ("SUM(CASE WHEN (" + R("p_0") + " >= " + threshold0 + ") = (" + R("y_0") + " = 1) THEN 1 ELSE 0 END)", "correct"),
            ("SUM(" + R("loss_0") + ")", "loss"),
            ("SUM(" + R("resid_0") + " * " + R("resid_0") + ")", "brier"),
        ]))[0];
        // Mann-Whitney: AUC = (sum of the positives' mid-ranks - n1 (n1 + 1) / 2) / (n1 n0); tied scores share their mean rank.
        q.Add([("RANK() OVER (ORDER BY " + R("p_0") + ")", "rank_0"), ("COUNT(*) OVER (PARTITION BY " + R("p_0") + ")", "ties_0")]);
        var rankSum = SqlEngine.Number(table.Query(q.Final([("SUM(" + R("y_0") + " * (" + R("rank_0") + " + (" + R("ties_0") + " - 1) / " + SqlDialect.Number(2) + "))", "ranks")]))[0][0]);
        double n1 = positives, n0 = rows - positives;
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["train_auc"] = (rankSum - n1 * (n1 + 1) / 2) / (n1 * n0),
            ["train_accuracy"] = SqlEngine.Number(summary[0]) / rows,
            ["train_log_loss"] = SqlEngine.Number(summary[1]) / rows,
            ["train_brier"] = SqlEngine.Number(summary[2]) / rows,
        };
    }

    /// <summary>
    /// Per row: the loss log(1 + e^z) - y z = max(z, 0) - y z + log(1 + e^-|z|) ("loss_0"), the residual
    /// p - y ("resid_0") and the Newton weight p (1 - p) ("weight_0").
    /// </summary>
    private static void AddLoss(ScoringSql.Layers q)
    {
        string R(string alias) => q.Ref(alias);
        q.Add(
        [
            ("GREATEST(" + R("z_0") + ", " + SqlDialect.Number(0) + ") - " + R("y_0") + " * " + R("z_0") + " + LN(" + SqlDialect.Number(1) + " + " + R("p_0_e") + ")", "loss_0"),
            (R("p_0") + " - " + R("y_0"), "resid_0"),
            (R("p_0") + " * (" + SqlDialect.Number(1) + " - " + R("p_0") + ")", "weight_0"),
        ]);
    }

    private static string U(int j) => "u_" + Index(j);

    private static string Index(int j) => j.ToString(CultureInfo.InvariantCulture);
}
