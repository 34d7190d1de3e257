namespace Churn.Experiments.Sql;

/// <summary>
/// Stratified cross-validation folds that every engine computes alike, from a hash of a row key: the
/// integer `--id` column when given, else the row's 1-based position in the table (running on across
/// shards in the order given). h = ((key mod 2^31 + 2^31 + seed) mod 2^31) x 2654435761 mod 2^31 (Knuth's
/// multiplicative hash in 64-bit integers, exact in every engine); within each class the rows are ranked
/// by (h, key) and row r of a class goes to fold (rank - 1) mod K, so each fold holds every class's rows
/// evenly. With several shards each shard ranks its own rows (a global rank does not decompose), so each
/// shard is stratified on its own. <see cref="Assign"/> is the same computation in C#.
/// </summary>
public static class SqlFolds
{
    private const long Modulus = 2_147_483_648;
    private const long Multiplier = 2_654_435_761;

    public static long Hash(long key, int seed) => (key % Modulus + Modulus + seed) % Modulus * Multiplier % Modulus;

    /// <summary>The fold of every row, from its key and 0/1 label, as the engines compute it on one table.</summary>
    public static int[] Assign(IReadOnlyList<long> keys, IReadOnlyList<int> labels, int folds, int seed)
    {
        var fold = new int[keys.Count];
        foreach (var group in Enumerable.Range(0, keys.Count).GroupBy(i => labels[i]))
        {
            var rank = 0;
            foreach (var i in group.OrderBy(i => Hash(keys[i], seed)).ThenBy(i => keys[i])) fold[i] = rank++ % folds;
        }
        return fold;
    }

    /// <summary>
    /// A subquery over <paramref name="table"/> (positions starting after <paramref name="offset"/> rows)
    /// with every column and two more: churn_key, the row key, and churn_fold, its fold (0..K-1).
    /// Two layers, because a window function cannot order by another.
    /// </summary>
    internal static string Folded(SqlTable table, string? idColumn, long offset, string label, int folds, int seed)
    {
        var d = table.Dialect;
        var key = idColumn is null
            ? table.RowNumber + " + " + Integer(offset)
            : "CAST(" + d.Identifier(idColumn) + " AS " + d.IntegerType + ")";
        var m = Integer(Modulus);
        var hash = d.Modulo(d.Modulo(d.Modulo("churn_key", m) + " + " + Integer(Modulus + seed), m) + " * " + Integer(Multiplier), m);
        return "(SELECT churn_keyed.*, " + d.Modulo("ROW_NUMBER() OVER (PARTITION BY " + label + " ORDER BY " + hash + ", churn_key) - 1", Integer(folds))
            + " AS churn_fold FROM (SELECT src.*, " + key + " AS churn_key FROM " + table.From + ") AS churn_keyed)";
    }

    /// <summary>
    /// The rows of every shard in fold <paramref name="fold"/> (<paramref name="heldOut"/>) or in every
    /// other fold, with the table's own columns only.
    /// </summary>
    internal static SqlSource Select(SqlSource source, IReadOnlyList<string> columns, string? idColumn, IReadOnlyList<long> rowCounts,
        string label, int folds, int seed, int fold, bool heldOut)
    {
        var d = source.Dialect;
        var list = string.Join(", ", columns.Select(c => "churn_folded." + d.Identifier(c)));
        return source.Select((table, s) =>
        {
            var offset = rowCounts.Take(s).Sum();
            return table.View("(SELECT " + list + " FROM " + Folded(table, idColumn, offset, label, folds, seed)
                + " AS churn_folded WHERE churn_fold " + (heldOut ? "=" : "<>") + " " + Integer(fold) + ") AS src");
        });
    }

    private static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);
}
