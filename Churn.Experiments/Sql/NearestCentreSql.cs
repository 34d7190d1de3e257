namespace Churn.Experiments.Sql;

/// <summary>
/// The nearest KMeans centre of a row as SQL, with KMeansModel.Predict's arithmetic: standardise the
/// inputs, squared distance to each centre summed feature by feature, lowest centre index on ties.
/// </summary>
internal static class NearestCentreSql
{
    /// <summary>
    /// Adds three layers to <paramref name="q"/>: standardised inputs, one squared distance per centre
    /// ("alias_d0".."alias_d{k-1}"), and <paramref name="alias"/>, the index of the nearest centre.
    /// </summary>
    public static void Add(ScoringSql.Layers q, IReadOnlyList<string> inputs, IReadOnlyList<double> means,
        IReadOnlyList<double> scales, IReadOnlyList<double[]> centers, string alias)
    {
        var scaled = new List<(string, string)>();
        for (var f = 0; f < inputs.Count; f++)
            scaled.Add(("(" + inputs[f] + " - " + SqlDialect.Number(means[f]) + ") / " + SqlDialect.Number(scales[f]), Name(alias, "s", f)));
        q.Add(scaled);

        var distances = new List<(string, string)>();
        for (var k = 0; k < centers.Count; k++)
        {
            var sum = new StringBuilder();
            for (var f = 0; f < inputs.Count; f++)
            {
                var difference = "(" + q.Ref(Name(alias, "s", f)) + " - " + SqlDialect.Number(centers[k][f]) + ")";
                if (f > 0) sum.Append(" + ");
                sum.Append(difference).Append(" * ").Append(difference);
            }
            distances.Add((sum.ToString(), Name(alias, "d", k)));
        }
        q.Add(distances);
        q.Add([(Nearest(q, alias, centers.Count), alias)]);
    }

    /// <summary>Name of standardised input <paramref name="f"/> added by <see cref="Add"/>.</summary>
    public static string Scaled(string alias, int f) => Name(alias, "s", f);

    /// <summary>Name of the squared distance to centre <paramref name="k"/> added by <see cref="Add"/>.</summary>
    public static string Distance(string alias, int k) => Name(alias, "d", k);

    /// <summary>First centre whose distance is not above any later one: the first minimum, as LloydStep.Nearest picks.</summary>
    private static string Nearest(ScoringSql.Layers q, string alias, int k)
    {
        if (k == 1) return "0";
        var sql = new StringBuilder("CASE");
        for (var j = 0; j < k - 1; j++)
        {
            sql.Append(" WHEN ");
            sql.Append(string.Join(" AND ", Enumerable.Range(j + 1, k - j - 1).Select(l => q.Ref(Name(alias, "d", j)) + " <= " + q.Ref(Name(alias, "d", l)))));
            sql.Append(" THEN ").Append(j.ToString(CultureInfo.InvariantCulture));
        }
        return sql.Append(" ELSE ").Append((k - 1).ToString(CultureInfo.InvariantCulture)).Append(" END").ToString();
    }

    private static string Name(string alias, string part, int index) => alias + "_" + part + index.ToString(CultureInfo.InvariantCulture);
}
