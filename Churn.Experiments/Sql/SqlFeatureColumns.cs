using System.Numerics;

namespace Churn.Experiments.Sql;

/// <summary>The label and feature columns chosen from a SQL table, and the SQL for the 0/1 label.</summary>
internal sealed record SqlFeatureColumns(IReadOnlyList<string> Numeric, IReadOnlyList<string> Text, string LabelExpression, IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// Every column but the label and the excluded ones (or exactly <paramref name="features"/>): numbers
    /// as numeric features, text and booleans as categories. The label is 1 where it equals
    /// <paramref name="positive"/> (numeric labels as numbers, text trimmed and case-insensitive, as LabelledCsv).
    /// </summary>
    public static SqlFeatureColumns Choose(SqlTable table, IReadOnlyList<(string Name, Type Type)> columns, string label, string positive,
        IReadOnlyList<string> exclude, IReadOnlyList<string>? features)
    {
        var byName = columns.ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
        string Missing(string name) => table.Name + ": no column '" + name + "'; its columns are: " + string.Join(", ", columns.Select(c => c.Name)) + ".";
        if (!byName.TryGetValue(label, out var labelType)) throw new ChurnDataException(Missing(label));
        foreach (var name in exclude.Concat(features ?? []))
            if (!byName.ContainsKey(name)) throw new ChurnDataException(Missing(name));
        if (features is not null && features.Contains(label)) throw new ChurnDataException(table.Name + ", column '" + label + "': the label column cannot also be a feature.");

        var d = table.Dialect;
        var labelSql = d.Identifier(label);
        string labelExpression;
        if (IsNumeric(labelType))
        {
            if (!double.TryParse(positive, NumberStyles.Float, CultureInfo.InvariantCulture, out var target))
                throw new ChurnDataException(table.Name + ", column '" + label + "': the label is numeric but the positive value '" + positive + "' is not a number.");
            labelExpression = "CASE WHEN " + labelSql + " IS NULL THEN NULL WHEN " + d.CastDouble(labelSql) + " = " + SqlDialect.Number(target) + " THEN 1 ELSE 0 END";
        }
        else
            labelExpression = "CASE WHEN " + labelSql + " IS NULL THEN NULL WHEN LOWER(TRIM(" + d.CastText(labelSql) + ")) = " + d.String(positive.Trim().ToLowerInvariant()) + " THEN 1 ELSE 0 END";

        var numeric = new List<string>();
        var text = new List<string>();
        var warnings = new List<string>();
        foreach (var (name, type) in columns)
        {
            if (name == label || exclude.Contains(name) || (features is not null && !features.Contains(name))) continue;
            if (IsNumeric(type)) numeric.Add(name);
            else if (type == typeof(string) || type == typeof(bool)) text.Add(name);
            else if (features is not null)
                throw new ChurnDataException(table.Name + ", column '" + name + "': type " + type.Name + " is neither a number nor text, so it cannot be a feature.");
            else warnings.Add(table.Name + ", column '" + name + "': type " + type.Name + " is neither a number nor text; left out.");
        }
        if (features is not null)
        {
            numeric = features.Where(numeric.Contains).ToList();
            text = features.Where(text.Contains).ToList();
        }
        if (numeric.Count + text.Count == 0) throw new ChurnDataException(table.Name + ": no feature column left after excluding the label and the excluded columns.");
        return new SqlFeatureColumns(numeric, text, labelExpression, warnings);
    }

    public static bool IsNumeric(Type type) =>
        type == typeof(double) || type == typeof(float) || type == typeof(decimal) || type == typeof(long) || type == typeof(int)
        || type == typeof(short) || type == typeof(sbyte) || type == typeof(byte) || type == typeof(ulong) || type == typeof(uint)
        || type == typeof(ushort) || type == typeof(BigInteger) || type == typeof(Int128) || type == typeof(UInt128);
}
