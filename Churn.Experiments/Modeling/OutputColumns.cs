namespace Churn.Experiments.Modeling;

/// <summary>The id columns copied to a scored output beside the columns the output adds.</summary>
public static class OutputColumns
{
    /// <summary>
    /// Refuses an id column named like one of <paramref name="added"/>: the output's header would name two
    /// columns alike, which no CSV reader (churn's included) takes back.
    /// </summary>
    public static void RefuseIdClash(IReadOnlyList<string> ids, IReadOnlyList<string> added)
    {
        if (ids.FirstOrDefault(id => added.Contains(id, StringComparer.Ordinal)) is { } clash)
            throw new ArgumentException("id column '" + clash + "' has the name of an output column (" + string.Join(", ", added)
                + "), so the output's header would name two columns alike; leave it out of --id or rename it in the file.");
    }
}
