namespace Churn.Experiments.Sql;

/// <summary>
/// The aggregate queries of a logistic fit over encoded layers that carry the 0/1 label as "y_0": the
/// loss, gradient and Hessian sums at a theta (p(p+3)/2 + 1 SUMs with the intercept), and the training
/// metrics of the fitted model (accuracy, log-loss, Brier, and the AUC from mid-ranks).
/// </summary>
internal static class LogisticAggregateSql
{
    /// <summary>A table's encoded layers (label as "y_0") and its model columns, in FeaturePipeline order (then segment indicators).</summary>
    public delegate (ScoringSql.Layers Layers, IReadOnlyList<string> Columns) Encoding(SqlTable table);

    /// <summary>
    /// Loss, gradient and Hessian sums at theta over every shard (added). With <paramref name="classWeights"/>
    /// each row's terms are multiplied by its class's weight (scikit-learn's sample weights).
    /// </summary>
    public static LogisticSums Sums(SqlSource source, Encoding encoding, IReadOnlyList<double> means, IReadOnlyList<double> scales, double[] theta,
        (double Positive, double Negative)? classWeights = null)
    {
        var d = means.Count;
        var row = source.Sum(table =>
        {
            var (q, columns) = encoding(table);
            q.Add(Enumerable.Range(0, d).Select(j => ("(" + columns[j] + " - " + SqlDialect.Number(means[j]) + ") / " + SqlDialect.Number(scales[j]), U(j))).ToList());
            var u = Enumerable.Range(0, d).Select(j => q.Ref(U(j))).ToList();
            ScoringSql.AddLogOdds(q, u, theta[d], theta, new double[d], Enumerable.Repeat(1.0, d).ToArray(), "z_0");
            ScoringSql.AddProbability(q, "z_0", "p_0");
            AddLoss(q);
            string R(string alias) => q.Ref(alias);
            var w = classWeights is { } cw
                ? "(CASE WHEN " + R("y_0") + " = 1 THEN " + SqlDialect.Number(cw.Positive) + " ELSE " + SqlDialect.Number(cw.Negative) + " END) * "
                : "";
            var sums = new List<(string, string)> { ("SUM(" + w + R("loss_0") + ")", "f") };
            for (var j = 0; j < d; j++) sums.Add(("SUM(" + w + R("resid_0") + " * " + u[j] + ")", "g" + Index(j)));
            sums.Add(("SUM(" + w + R("resid_0") + ")", "g" + Index(d)));
            for (var j = 0; j <= d; j++)
                for (var k = j; k <= d; k++)
                {
                    var term = w + R("weight_0") + (j < d ? " * " + u[j] : "") + (k < d ? " * " + u[k] : "");
                    sums.Add(("SUM(" + term + ")", "h" + Index(j) + "_" + Index(k)));
                }
            return q.Final(sums);
        });
        var p = d + 1;
        var gradient = new double[p];
        var hessian = new double[p * p];
        for (var j = 0; j < p; j++) gradient[j] = row[1 + j];
        var at = 1 + p;
        for (var j = 0; j < p; j++)
            for (var k = j; k < p; k++)
                hessian[j * p + k] = hessian[k * p + j] = row[at++];
        return new LogisticSums(row[0], gradient, hessian);
    }

    /// <summary>train_auc, train_accuracy, train_log_loss and train_brier of the fitted model, as ChurnTrainer records them.</summary>
    public static Dictionary<string, double> Metrics(SqlSource source, Encoding encoding, StandardScalerModel scaler, LogisticRegressionModel classifier,
        double threshold, long rows, long positives)
    {
        var threshold0 = SqlDialect.Number(threshold);
        var summary = source.Sum(table =>
        {
            var q = Scored(encoding, table, scaler, classifier);
            string R(string alias) => q.Ref(alias);
            return q.Final(
            [
                ("SUM(CASE WHEN (" + R("p_0") + " >= " + threshold0 + ") = (" + R("y_0") + " = 1) THEN 1 ELSE 0 END)", "correct"),
                ("SUM(" + R("loss_0") + ")", "loss"),
                ("SUM(" + R("resid_0") + " * " + R("resid_0") + ")", "brier"),
            ]);
        });
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["train_auc"] = Auc(source, encoding, scaler, classifier, rows, positives),
            ["train_accuracy"] = summary[0] / rows,
            ["train_log_loss"] = summary[1] / rows,
            ["train_brier"] = summary[2] / rows,
        };
    }

    /// <summary>
    /// The AUC of the model's probabilities with tied scores sharing their mean rank (Mann-Whitney). One
    /// shard: the sum of the positives' mid-ranks in the engine. Several: each shard's (probability,
    /// rows, positives) groups, merged and counted in C#.
    /// </summary>
    public static double Auc(SqlSource source, Encoding encoding, StandardScalerModel scaler, LogisticRegressionModel classifier, long rows, long positives)
    {
        double n1 = positives, n0 = rows - positives;
        if (source.Shards.Count == 1)
        {
            var q = Scored(encoding, source.Shards[0], scaler, classifier);
            string R(string alias) => q.Ref(alias);
            q.Add([("RANK() OVER (ORDER BY " + R("p_0") + ")", "rank_0"), ("COUNT(*) OVER (PARTITION BY " + R("p_0") + ")", "ties_0")]);
            var rankSum = SqlEngine.Number(source.Shards[0].Query(
                q.Final([("SUM(" + R("y_0") + " * (" + R("rank_0") + " + (" + R("ties_0") + " - 1) / " + SqlDialect.Number(2) + "))", "ranks")]))[0][0]);
            return (rankSum - n1 * (n1 + 1) / 2) / (n1 * n0);
        }
        var groups = new SortedDictionary<double, (double Rows, double Positives)>();
        foreach (var shard in source.Each(table =>
        {
            var q = Scored(encoding, table, scaler, classifier);
            return q.Final([(q.Ref("p_0"), "p"), ("COUNT(*)", "n"), ("SUM(" + q.Ref("y_0") + ")", "y")]).TrimEnd() + " GROUP BY " + q.Ref("p_0");
        }))
            foreach (var row in shard)
            {
                var p = SqlEngine.Number(row[0]);
                groups.TryGetValue(p, out var g);
                groups[p] = (g.Rows + SqlEngine.Number(row[1]), g.Positives + SqlEngine.Number(row[2]));
            }
        double below = 0, pairs = 0;
        foreach (var (n, y) in groups.Values)
        {
            pairs += y * (below + (n - y) / 2);
            below += n - y;
        }
        return pairs / (n1 * n0);
    }

    private static ScoringSql.Layers Scored(Encoding encoding, SqlTable table, StandardScalerModel scaler, LogisticRegressionModel classifier)
    {
        var (q, columns) = encoding(table);
        ScoringSql.AddLogOdds(q, columns, classifier.Intercept, classifier.Coefficients.ToArray(), scaler.Means, scaler.Scales, "z_0");
        ScoringSql.AddProbability(q, "z_0", "p_0");
        AddLoss(q);
        return q;
    }

    /// <summary>
    /// Per row: the loss log(1 + e^z) - y z = max(z, 0) - y z + log(1 + e^-|z|) ("loss_0"), the residual
    /// p - y ("resid_0") and the Newton weight p (1 - p) ("weight_0").
    /// </summary>
    internal static void AddLoss(ScoringSql.Layers q)
    {
        string R(string alias) => q.Ref(alias);
        q.Add(
        [
            ("GREATEST(" + R("z_0") + ", " + SqlDialect.Number(0) + ") - " + R("y_0") + " * " + R("z_0") + " + LN(" + SqlDialect.Number(1) + " + " + R("p_0_e") + ")", "loss_0"),
            (R("p_0") + " - " + R("y_0"), "resid_0"),
            (R("p_0") + " * (" + SqlDialect.Number(1) + " - " + R("p_0") + ")", "weight_0"),
        ]);
    }

    internal static string U(int j) => "u_" + Index(j);

    private static string Index(int j) => j.ToString(CultureInfo.InvariantCulture);
}
