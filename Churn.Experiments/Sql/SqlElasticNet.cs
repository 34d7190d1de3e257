namespace Churn.Experiments.Sql;

/// <summary>
/// The sparse kind through an engine: per IRLS outer iteration one aggregate query per shard gives the
/// weighted Gram X'VX, X'v, X'r, their totals and the deviance over the standardised model columns at
/// the current coefficients (summed over shards); glmnet's coordinate descent runs in memory on that p x p
/// Gram (<see cref="ElasticNetGramPath"/>). Lambda is fixed or chosen as <see cref="SparseSelection"/>
/// chooses it, by path cross-validation over the engine's hash folds (<see cref="SqlFolds"/>): the path on
/// all rows fixes the lambdas, each fold refits them on its training rows and one query scores the held-out
/// deviance of every lambda. The held-out AUC per lambda (one ranking query each) is computed only for
/// --cv-measure auc; otherwise it is left NaN.
/// </summary>
internal static class SqlElasticNet
{
    /// <summary>What the path CV needs to build fold views: the table's columns, the row key, the label SQL.</summary>
    public sealed record Folding(IReadOnlyList<string> Columns, string? IdColumn, string LabelExpression);

    public static SparseSelection Select(SqlSource source, LogisticAggregateSql.Encoding encoding, double[] means, double[] scales, double[] variances,
        long rows, long positives, ChurnTrainingOptions options, Folding folding, IProgress<string>? progress)
    {
        var enet = new ElasticNetOptions { Alpha = options.L1Ratio, Tolerance = SparseSelection.Tolerance };
        var usable = variances.Select(v => v > 0).ToArray();
        if (options.Lambda.Rule == LambdaRule.Fixed)
            return SparseSelection.AtFixedLambda(
                Path(source, encoding, means, scales, usable, rows, positives, enet with { Lambdas = [options.Lambda.Value] }, progress), options.Lambda);
        var minority = Math.Min(positives, rows - positives);
        var folds = (int)Math.Min(options.PathFolds, minority);
        if (folds < 3)
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "choosing lambda by cross-validation needs at least 3 rows of each class, but the smaller class has {0}; give --lambda VALUE.", minority));
        var path = Path(source, encoding, means, scales, usable, rows, positives, enet, progress);
        var foldOptions = enet with { Lambdas = path.Lambdas.ToArray() };
        var rowCounts = source.RowCounts();
        var deviance = new double[folds][];
        var auc = new double[folds][];
        var sizes = new double[folds];
        for (var f = 0; f < folds; f++)
        {
            progress?.Report(string.Format(CultureInfo.InvariantCulture, "lambda path cross-validation fold {0}/{1}", f + 1, folds));
            using var train = SqlFolds.Select(source, folding.Columns, folding.IdColumn, rowCounts, folding.LabelExpression, folds, options.Seed, f, heldOut: false);
            using var test = SqlFolds.Select(source, folding.Columns, folding.IdColumn, rowCounts, folding.LabelExpression, folds, options.Seed, f, heldOut: true);
            var trainCounts = train.LabelCounts(folding.LabelExpression);
            var fit = Path(train, encoding, means, scales, usable, trainCounts.Rows, trainCounts.Positives, foldOptions, null);
            var testCounts = test.LabelCounts(folding.LabelExpression);
            sizes[f] = testCounts.Rows;
            deviance[f] = HeldOutDeviance(test, encoding, means, scales, fit, path.Count, testCounts.Rows);
            auc[f] = new double[path.Count];
            Array.Fill(auc[f], double.NaN);
            if (options.PathMeasure == PathMeasure.Auc && testCounts.Positives > 0 && testCounts.Positives < testCounts.Rows)
            {
                var scaler = Algorithms.Preprocessing.StandardScalerModel.FromParameters(means, scales);
                for (var k = 0; k < fit.Count; k++)
                    auc[f][k] = LogisticAggregateSql.Auc(test, encoding, scaler, fit.ModelAt(k), testCounts.Rows, testCounts.Positives);
            }
        }
        var cv = ElasticNetCrossValidation.FromFolds(path, deviance, auc, sizes, options.PathMeasure);
        var index = options.Lambda.Rule == LambdaRule.Minimum ? cv.IndexMin : cv.IndexOneStandardError;
        return new SparseSelection(path, cv, index, options.Lambda.ToString());
    }

    private static ElasticNetPath Path(SqlSource source, LogisticAggregateSql.Encoding encoding, double[] means, double[] scales, bool[] usable,
        long rows, long positives, ElasticNetOptions options, IProgress<string>? progress) =>
        ElasticNetGramPath.Fit(checked((int)rows), (double)positives / rows, usable, (b0, b) =>
        {
            progress?.Report("coordinate descent: weighted Gram sums");
            return Sums(source, encoding, means, scales, b0, b, rows);
        }, options);

    /// <summary>The <see cref="IrlsSums"/> at (b0, b) with every row weighing 1 / rows, in one query per shard.</summary>
    public static IrlsSums Sums(SqlSource source, LogisticAggregateSql.Encoding encoding, IReadOnlyList<double> means, IReadOnlyList<double> scales,
        double b0, double[] b, long rows)
    {
        var d = means.Count;
        var clamp = SqlDialect.Number(ElasticNetGramPath.ClampLogOdds);
        var row = source.Sum(table =>
        {
            var (q, u) = Standardised(encoding, table, means, scales);
            ScoringSql.AddLogOdds(q, u, b0, b, new double[d], Enumerable.Repeat(1.0, d).ToArray(), "z_0");
            ScoringSql.AddProbability(q, "z_0", "p_0");
            string R(string alias) => q.Ref(alias);
            LogisticAggregateSql.AddLoss(q);
            q.Add([("CASE WHEN " + R("z_0") + " < -" + clamp + " THEN " + SqlDialect.Number(0) + " WHEN " + R("z_0") + " > " + clamp + " THEN "
                + SqlDialect.Number(1) + " ELSE " + R("p_0") + " END", "irls_q")]);
            q.Add([(R("irls_q") + " * (" + SqlDialect.Number(1) + " - " + R("irls_q") + ")", "irls_v"), (R("y_0") + " - " + R("irls_q"), "irls_r"),
                (Clamped(R("irls_q")), "irls_c")]);
            var sums = new List<(string, string)>
            {
                ("SUM(" + R("irls_v") + ")", "v"),
                ("SUM(" + R("irls_r") + ")", "r"),
                ("SUM(" + R("y_0") + " * LN(" + R("irls_c") + ") + (" + SqlDialect.Number(1) + " - " + R("y_0") + ") * LN(" + SqlDialect.Number(1) + " - " + R("irls_c") + "))", "dev"),
                ("SUM(" + R("loss_0") + ")", "loss"),
            };
            for (var j = 0; j < d; j++) sums.Add(("SUM(" + R("irls_v") + " * " + u[j] + ")", "xv" + Index(j)));
            for (var j = 0; j < d; j++) sums.Add(("SUM(" + R("irls_r") + " * " + u[j] + ")", "xr" + Index(j)));
            for (var j = 0; j < d; j++)
                for (var k = j; k < d; k++) sums.Add(("SUM(" + R("irls_v") + " * " + u[j] + " * " + u[k] + ")", "g" + Index(j) + "_" + Index(k)));
            return q.Final(sums);
        });
        double n = rows;
        var xv = new double[d];
        var xr = new double[d];
        var gram = new double[d * d];
        for (var j = 0; j < d; j++) { xv[j] = row[4 + j] / n; xr[j] = row[4 + d + j] / n; }
        var at = 4 + 2 * d;
        for (var j = 0; j < d; j++)
            for (var k = j; k < d; k++) gram[j * d + k] = gram[k * d + j] = row[at++] / n;
        return new IrlsSums(row[0] / n, row[1] / n, xv, xr, gram, -row[2] / n, -row[3]);
    }

    /// <summary>
    /// cv.glmnet's held-out binomial deviance per lambda of <paramref name="fit"/> (mean over the rows;
    /// NaN past the fit's path), probabilities clamped to [1e-5, 1 - 1e-5]. The log-odds are held in
    /// [-12, 12] first (outside it the clamp decides alone), so EXP never overflows.
    /// </summary>
    private static double[] HeldOutDeviance(SqlSource test, LogisticAggregateSql.Encoding encoding, double[] means, double[] scales, ElasticNetPath fit,
        int count, long rows)
    {
        var result = new double[count];
        Array.Fill(result, double.NaN);
        if (fit.Count == 0) return result;
        var row = test.Sum(table =>
        {
            var (q, u) = Standardised(encoding, table, means, scales);
            string R(string alias) => q.Ref(alias);
            var z = new List<(string, string)>();
            for (var k = 0; k < fit.Count; k++)
            {
                // Cast: with every coefficient 0 (the path's start) the sum is the literal alone, which PostgreSQL types as
                // NUMERIC, so EXP and LN would run in decimal arithmetic and SUM could exceed what a .NET decimal holds.
                var e = new StringBuilder(table.Dialect.CastDouble(SqlDialect.Number(fit.Intercepts[k])));
                var coefficients = fit.Coefficients(k);
                for (var j = 0; j < coefficients.Length; j++)
                    if (coefficients[j] != 0) e.Append(" + ").Append(SqlDialect.Number(coefficients[j])).Append(" * ").Append(u[j]);
                z.Add(("LEAST(GREATEST(" + e + ", " + SqlDialect.Number(-12) + "), " + SqlDialect.Number(12) + ")", "cv_z" + Index(k)));
            }
            q.Add(z);
            var one = SqlDialect.Number(1);
            q.Add(Enumerable.Range(0, fit.Count).Select(k => (Clamped(one + " / (" + one + " + EXP(-" + R("cv_z" + Index(k)) + "))"), "cv_c" + Index(k))).ToList());
            return q.Final(Enumerable.Range(0, fit.Count).Select(k => ("SUM(CASE WHEN " + R("y_0") + " = 1 THEN LN(" + R("cv_c" + Index(k)) + ") ELSE LN("
                + one + " - " + R("cv_c" + Index(k)) + ") END)", "d" + Index(k))).ToList());
        });
        for (var k = 0; k < fit.Count; k++) result[k] = -2 * row[k] / rows;
        return result;
    }

    private static (ScoringSql.Layers Layers, IReadOnlyList<string> Columns) Standardised(LogisticAggregateSql.Encoding encoding, SqlTable table,
        IReadOnlyList<double> means, IReadOnlyList<double> scales)
    {
        var (q, columns) = encoding(table);
        var d = means.Count;
        q.Add(Enumerable.Range(0, d).Select(j => ("(" + columns[j] + " - " + SqlDialect.Number(means[j]) + ") / " + SqlDialect.Number(scales[j]), LogisticAggregateSql.U(j))).ToList());
        return (q, Enumerable.Range(0, d).Select(j => q.Ref(LogisticAggregateSql.U(j))).ToList());
    }

    private static string Clamped(string p) =>
        "LEAST(GREATEST(" + p + ", " + SqlDialect.Number(1e-5) + "), " + SqlDialect.Number(1 - 1e-5) + ")";

    private static string Index(int j) => j.ToString(CultureInfo.InvariantCulture);
}
