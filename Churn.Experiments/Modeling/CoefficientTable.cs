using System.Text.Json.Serialization;

namespace Churn.Experiments.Modeling;

/// <summary>How a model column is measured, which decides what its odds ratio compares.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CoefficientScale>))]
public enum CoefficientScale
{
    /// <summary>The intercept: log-odds of the average customer (every standardised column at 0).</summary>
    [JsonStringEnumMemberName("intercept")]
    Intercept,

    /// <summary>A numeric column: the coefficient and odds ratio are per standard deviation.</summary>
    [JsonStringEnumMemberName("per_sd")]
    PerStandardDeviation,

    /// <summary>A 0/1 column (one-hot category, segment, 0/1 number): the odds ratio is 1 against 0, the category against its reference.</summary>
    [JsonStringEnumMemberName("indicator")]
    Indicator,
}

/// <summary>
/// One row of the coefficient table. <see cref="Coefficient"/>, its standard error, z, p and 95% interval
/// are on the standardised scale (per SD of the model column, as fitted). <see cref="OddsRatio"/> is
/// exp(coefficient), per SD. What a reader wants depends on the column: <see cref="Scale"/> says which,
/// <see cref="PerUnit"/> is the coefficient per one original unit (for the intercept: the intercept
/// on the raw columns), and <see cref="OddsRatioPerUnit"/> = exp(PerUnit) is, for an indicator, the odds
/// ratio of the category against its reference (<see cref="Contrast"/>, e.g. "Yes vs No").
/// </summary>
public sealed record CoefficientRow(
    string Name,
    double Coefficient,
    double? StandardError,
    double? Z,
    double? PValue,
    double? Lower95,
    double? Upper95,
    double OddsRatio,
    double ColumnMean,
    double ColumnScale)
{
    /// <summary>Coefficient per one original unit of the column (coefficient / SD); the raw-unit intercept for the intercept.</summary>
    public double PerUnit { get; init; } = ColumnScale == 0 ? 0 : Coefficient / ColumnScale;

    public CoefficientScale Scale { get; init; } = CoefficientScale.PerStandardDeviation;

    /// <summary>For an indicator, what its odds ratio compares ("Yes vs No", "segment 2 vs 0"); null otherwise.</summary>
    public string? Contrast { get; init; }

    /// <summary>exp(<see cref="PerUnit"/>): per original unit; for an indicator, the category against its reference. Null for the intercept.</summary>
    public double? OddsRatioPerUnit => Scale == CoefficientScale.Intercept ? null : Math.Exp(PerUnit);
}

/// <summary>Labels every coefficient with its scale and contrast, from the model's features, segments and scaler.</summary>
public static class CoefficientTable
{
    /// <summary>The rows (intercept first, then one per model column) with scale, contrast and per-unit values filled in.</summary>
    internal static IReadOnlyList<CoefficientRow> Describe(IReadOnlyList<CoefficientRow> rows, ChurnModel model)
    {
        var result = new CoefficientRow[rows.Count];
        // Raw-unit intercept: b - sum_j w_j mean_j / sd_j, the log-odds when every original column is 0.
        var intercept = rows[0].Coefficient;
        for (var j = 1; j < rows.Count; j++) intercept -= rows[j].PerUnit * rows[j].ColumnMean;
        result[0] = rows[0] with { Scale = CoefficientScale.Intercept, PerUnit = intercept, Contrast = null };
        for (var j = 1; j < rows.Count; j++)
        {
            var contrast = Contrast(model, j - 1, rows[j]);
            result[j] = rows[j] with
            {
                Scale = contrast is null ? CoefficientScale.PerStandardDeviation : CoefficientScale.Indicator,
                Contrast = contrast,
            };
        }
        return result;
    }

    private static string? Contrast(ChurnModel model, int column, CoefficientRow row)
    {
        var source = model.ColumnSources[column];
        var name = model.ColumnNames[column];
        if (model.Features.Categorical.FirstOrDefault(c => c.Name == source) is { } categorical)
            return name[(source.Length + 1)..] + " vs " + categorical.Reference;
        if (source == "segment" && model.Segments is not null)
            return "segment " + name["segment=".Length..] + " vs 0";
        var numeric = model.Features.Numeric.FirstOrDefault(n => n.Name == source);
        return numeric is { Minimum: 0, Maximum: 1 } && IsZeroOne(row) ? "1 vs 0" : null;
    }

    /// <summary>
    /// A numeric column in [0, 1] whose population SD is sqrt(m (1 - m)) holds only 0 and 1 (for x in [0, 1],
    /// x^2 &lt;= x with equality only at 0 and 1), so the scaler's mean and SD identify a 0/1 flag exactly.
    /// </summary>
    private static bool IsZeroOne(CoefficientRow row)
    {
        var m = row.ColumnMean;
        if (!(m > 0 && m < 1)) return false;
        return Math.Abs(row.ColumnScale - Math.Sqrt(m * (1 - m))) <= 1e-9 * row.ColumnScale;
    }

    /// <summary>How a row's odds ratio reads in a table: "per SD (39.8)" or "Yes vs No".</summary>
    public static string OddsRatioMeaning(CoefficientRow row) => row.Scale switch
    {
        CoefficientScale.Intercept => "odds of the average customer",
        CoefficientScale.Indicator => row.Contrast ?? "1 vs 0",
        _ => "per SD (" + row.ColumnScale.ToString("G4", CultureInfo.InvariantCulture) + ")",
    };

    /// <summary>The 95% interval of <see cref="ReadableOddsRatio"/> (null without standard errors).</summary>
    public static (double Lower, double Upper)? ReadableOddsRatioInterval(CoefficientRow row)
    {
        if (row.Lower95 is not { } lower || row.Upper95 is not { } upper) return null;
        var perUnit = row.Scale == CoefficientScale.Indicator && row.ColumnScale != 0 ? 1 / row.ColumnScale : 1;
        return (Math.Exp(lower * perUnit), Math.Exp(upper * perUnit));
    }

    /// <summary>The odds ratio a reader should see: per SD for a numeric column, category vs reference for an indicator, exp(intercept) for the intercept.</summary>
    public static double ReadableOddsRatio(CoefficientRow row) =>
        row.Scale == CoefficientScale.Indicator ? row.OddsRatioPerUnit!.Value : row.OddsRatio;
}
