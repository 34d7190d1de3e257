namespace Churn.Experiments.Sql;

/// <summary>
/// What training reads: one table, or shards of one table (`--source` given several times, e.g. two
/// PostgreSQL servers each holding part of the customers). Every aggregate runs on each shard and C#
/// merges the partial results (MADlib's merge step): counts and sums add, minima and maxima combine,
/// means and variances pool; the few statistics that do not decompose (medians, AUC ranks) have an exact
/// merge of their own. Row positions run on across the shards in the order they were given, so the
/// shards of a table split in order are, row for row, that table.
/// </summary>
public sealed class SqlSource : IDisposable
{
    private readonly bool ownsShards;

    private SqlSource(IReadOnlyList<SqlTable> shards, bool ownsShards)
    {
        if (shards.Count == 0) throw new ArgumentException("a source needs at least one table.");
        if (shards.Any(s => s.Dialect != shards[0].Dialect))
            throw new ArgumentException("shards of one table must be on the same kind of engine (all duckdb: or all postgres:), got "
                + string.Join(", ", shards.Select(s => s.Dialect.Name).Distinct()) + ".");
        Shards = shards;
        this.ownsShards = ownsShards;
    }

    public IReadOnlyList<SqlTable> Shards { get; }

    public SqlDialect Dialect => Shards[0].Dialect;

    /// <summary>The source (and table) for messages: the shard's own name when there is one.</summary>
    public string Name => Shards.Count == 1 ? Shards[0].Name : Shards.Count.ToString(CultureInfo.InvariantCulture) + " shards (" + string.Join("; ", Shards.Select(s => s.Name)) + ")";

    /// <summary>What the model's provenance records: every engine, without passwords.</summary>
    public string Description => string.Join(" + ", Shards.Select(s => s.Engine.Description));

    /// <summary>sha256 of the data files (comma-separated for shards), or "" when an engine holds the data.</summary>
    public string Sha256 => Shards.All(s => s.File is not null) ? string.Join(",", Shards.Select(s => Provenance.Sha256(s.File!))) : "";

    /// <summary>Tables the caller keeps owning (tests, one-table callers).</summary>
    public static SqlSource Of(params SqlTable[] shards) => new(shards, ownsShards: false);

    /// <summary>Opens every shard; if one cannot be opened, the ones already open are closed again.</summary>
    public static SqlSource Open(IReadOnlyList<string> sources, string? table = null, string? query = null)
    {
        var opened = new List<SqlTable>();
        try
        {
            foreach (var source in sources) opened.Add(SqlTable.Open(source, table, query));
            var result = new SqlSource(opened, ownsShards: true);
            result.Columns();
            return result;
        }
        catch
        {
            foreach (var shard in opened) shard.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The columns of the first shard; every other shard must have the same names, each a number where the first has a
    /// number (of any width) and otherwise the same type: a BOOLEAN on one shard and text on another would read as
    /// categories 'true'/'false' beside 'Yes'/'No'.
    /// </summary>
    public IReadOnlyList<(string Name, Type Type)> Columns()
    {
        var first = Shards[0].Columns();
        foreach (var shard in Shards.Skip(1))
        {
            var other = shard.Columns();
            if (!other.Select(c => c.Name).SequenceEqual(first.Select(c => c.Name)))
                throw new ChurnDataException(shard.Name + ": its columns (" + string.Join(", ", other.Select(c => c.Name))
                    + ") are not those of " + Shards[0].Name + " (" + string.Join(", ", first.Select(c => c.Name)) + "); shards must hold the same table.");
            for (var j = 0; j < first.Count; j++)
                if (SqlFeatureColumns.IsNumeric(first[j].Type) != SqlFeatureColumns.IsNumeric(other[j].Type)
                    || (!SqlFeatureColumns.IsNumeric(first[j].Type) && first[j].Type != other[j].Type))
                    throw new ChurnDataException(shard.Name + ", column '" + first[j].Name + "': type " + other[j].Type.Name + " where "
                        + Shards[0].Name + " has " + first[j].Type.Name + "; shards must hold the same table.");
        }
        return first;
    }

    /// <summary>Runs a query (written for one shard's FROM) on every shard: the rows of each, in shard order.</summary>
    public IReadOnlyList<IReadOnlyList<object?[]>> Each(Func<SqlTable, string> sql, string? column = null) =>
        Shards.Select(s => s.Query(sql(s), column)).ToList();

    /// <summary>A one-row aggregate of SUMs and COUNTs on every shard, added column by column.</summary>
    public double[] Sum(Func<SqlTable, string> sql, string? column = null)
    {
        double[]? total = null;
        foreach (var rows in Each(sql, column))
        {
            var row = rows[0];
            total ??= new double[row.Length];
            for (var j = 0; j < row.Length; j++) total[j] += SqlEngine.Number(row[j]);
        }
        return total!;
    }

    /// <summary>Rows and positives over every shard, for a 0/1 label expression.</summary>
    public (long Rows, long Positives) LabelCounts(string label)
    {
        var counts = Sum(t => "SELECT COUNT(*), SUM(" + label + ") FROM " + t.From);
        return ((long)counts[0], (long)counts[1]);
    }

    /// <summary>Rows of every shard (one COUNT per shard): where each shard's row positions start.</summary>
    public long[] RowCounts() => Each(s => "SELECT COUNT(*) FROM " + s.From).Select(r => (long)SqlEngine.Number(r[0][0])).ToArray();

    /// <summary>The same shards seen through <paramref name="view"/> (e.g. one cross-validation fold); disposing it leaves the engines open.</summary>
    internal SqlSource Select(Func<SqlTable, int, SqlTable> view) => new(Shards.Select(view).ToList(), ownsShards: false);

    public void Dispose()
    {
        if (!ownsShards) return;
        foreach (var shard in Shards) shard.Dispose();
    }
}
