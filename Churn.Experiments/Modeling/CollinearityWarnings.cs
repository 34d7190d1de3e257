namespace Churn.Experiments.Modeling;

/// <summary>
/// Words the classifier's collinearity diagnostics with the model's column names, grouped into a few
/// lines, and says what was done about them (the algorithm only knows column numbers).
/// </summary>
public static class CollinearityWarnings
{
    /// <summary>Dependencies at or above this variance inflation are exact up to rounding.</summary>
    private const double ExactVif = 1e6;

    public static IReadOnlyList<string> Describe(LogisticRegressionModel fit, IReadOnlyList<string> columns, Penalty penalty, double c)
    {
        var lines = new List<string>();
        string Names(IEnumerable<int> indices) => Compact(indices.Select(j => columns[j]).ToList());
        var kept = penalty == Penalty.L2
            ? string.Format(CultureInfo.InvariantCulture, "kept: the L2 penalty (C={0}) keeps the fit stable and the predictions are unaffected, "
                + "but their separate coefficients are not interpretable (read each group as one effect)", c.ToString("G", CultureInfo.InvariantCulture))
            : "kept: without a penalty their coefficients and standard errors are unstable; drop one column of each group or fit with a penalty";
        if (fit.ConstantColumns.Count > 0)
            lines.Add(string.Format(CultureInfo.InvariantCulture,
                "{0} model column(s) constant in the training rows (they duplicate the intercept and get no weight): {1}.",
                fit.ConstantColumns.Count, Names(fit.ConstantColumns)));
        if (fit.CollinearPairs.Count > 0)
            lines.Add(string.Format(CultureInfo.InvariantCulture, "{0} pair(s) of nearly collinear model columns (|r| >= 0.999), {1}: {2}.",
                fit.CollinearPairs.Count, kept, string.Join("; ", fit.CollinearPairs.Select(p =>
                    string.Format(CultureInfo.InvariantCulture, "'{0}' ~ '{1}' (r = {2:F4})", columns[p.First], columns[p.Second], p.Correlation)))));
        var dependencies = fit.LinearDependencies;
        if (dependencies.Count > 0)
        {
            var exact = dependencies.Where(d => d.VarianceInflation >= ExactVif).Select(d => d.Column).ToList();
            var strong = dependencies.Where(d => d.VarianceInflation < ExactVif).Select(d => d.Column).ToList();
            lines.Add(string.Format(CultureInfo.InvariantCulture,
                "{0} of {1} model columns are nearly linear combinations of the others (R^2 >= 0.999), {2}.",
                dependencies.Count, columns.Count, kept));
            if (exact.Count > 0)
                lines.Add(string.Format(CultureInfo.InvariantCulture, "  exact up to rounding (VIF >= 1e6), {0}: {1}.", exact.Count, Names(exact)));
            if (strong.Count > 0)
                lines.Add(string.Format(CultureInfo.InvariantCulture, "  strong (VIF below 1e6), {0}: {1}.", strong.Count, Names(strong)));
        }
        return lines;
    }

    /// <summary>
    /// Column names with a shared stem and a numeric suffix folded together, in first-seen order:
    /// arpu_6, arpu_7, arpu_8, aon -> "arpu_{6,7,8}, aon".
    /// </summary>
    public static string Compact(IReadOnlyList<string> names)
    {
        var groups = new List<(string Stem, List<string> Suffixes)>();
        foreach (var name in names)
        {
            var cut = name.LastIndexOf('_');
            var suffix = cut > 0 ? name[(cut + 1)..] : "";
            if (suffix.Length == 0 || !suffix.All(char.IsAsciiDigit))
            {
                groups.Add((name, []));
                continue;
            }
            var stem = name[..(cut + 1)];
            var group = groups.FindIndex(g => g.Stem == stem && g.Suffixes.Count > 0);
            if (group >= 0) groups[group].Suffixes.Add(suffix);
            else groups.Add((stem, [suffix]));
        }
        return string.Join(", ", groups.Select(g => g.Suffixes.Count switch
        {
            0 => g.Stem,
            1 => g.Stem + g.Suffixes[0],
            _ => g.Stem + "{" + string.Join(",", g.Suffixes) + "}",
        }));
    }
}
