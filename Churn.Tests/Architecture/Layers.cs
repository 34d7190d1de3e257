namespace Churn.Tests.Architecture;

/// <summary>
/// The layers of the product and who may use whom (README, Layout). Churn.Experiments from the bottom:
/// Core (Data, Modeling, Campaign and the root's Provenance: no console, no HTTP, no plots), then Reports,
/// Serving and Sql, then Experiments and Benchmarks, then Commands and Program.cs on top, which nothing uses.
/// </summary>
internal static class Layers
{
    private static readonly Dictionary<string, string[]> MayUse = new(StringComparer.Ordinal)
    {
        ["Algorithms"] = [],
        ["Core"] = ["Algorithms"],
        ["Reports"] = ["Algorithms", "Core"],
        ["Serving"] = ["Algorithms", "Core"],
        ["Sql"] = ["Algorithms", "Core"],
        ["Experiments"] = ["Algorithms", "Core", "Reports"],
        ["Benchmarks"] = ["Algorithms", "Core", "Reports", "Sql"], // bench sql trains through DuckDB
        ["Commands"] = ["Algorithms", "Core", "Reports", "Serving", "Sql", "Experiments", "Benchmarks"],
        ["Program"] = ["Commands", "Core"],
    };

    /// <summary>Outside libraries a layer may not touch: no I/O in the algorithms, no console, HTTP or plots in the core.</summary>
    private static readonly Dictionary<string, string[]> Forbidden = new(StringComparer.Ordinal)
    {
        ["Algorithms"] = ["System.Console", "System.IO.File", "System.IO.FileStream", "System.IO.Directory", "System.IO.StreamReader",
                          "System.IO.StreamWriter", "System.IO.FileInfo", "System.IO.DirectoryInfo", "System.Net.", "ScottPlot."],
        ["Core"] = ["System.Console", "System.Net.", "ScottPlot."],
    };

    /// <summary>The layer of a type by its full name, or null for a type outside the product (BCL, packages, compiler helpers).</summary>
    public static string? Of(string fullName)
    {
        var ns = fullName.Contains('.') ? fullName[..fullName.LastIndexOf('.')] : "";
        if (fullName is "Program" || fullName.StartsWith("Program+", StringComparison.Ordinal)) return "Program";
        if (ns.StartsWith("Churn.Algorithms", StringComparison.Ordinal)) return "Algorithms";
        return ns switch
        {
            "Churn.Experiments" or "Churn.Experiments.Data" or "Churn.Experiments.Modeling" or "Churn.Experiments.Campaign" => "Core",
            "Churn.Experiments.Experiments.Reports" => "Reports",
            "Churn.Experiments.Serving" => "Serving",
            "Churn.Experiments.Sql" => "Sql",
            "Churn.Experiments.Experiments" => "Experiments",
            "Churn.Experiments.Benchmarks" => "Benchmarks",
            "Churn.Experiments.Commands" => "Commands",
            _ when ns.StartsWith("Churn.Experiments", StringComparison.Ordinal) => "Unknown",
            _ => null,
        };
    }

    /// <summary>One line per reference that breaks the layering ("Serving: A.B -> Commands: C.D").</summary>
    public static IReadOnlyList<string> Violations(IEnumerable<(string From, string To)> references)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (from, to) in references)
        {
            var layer = Of(from);
            if (layer is null) continue;
            if (layer == "Unknown")
            {
                found.Add(from + " is in no layer: put it in one of the folders README's Layout names");
                continue;
            }
            var target = Of(to);
            if (target is null)
            {
                if (Forbidden.TryGetValue(layer, out var banned) && banned.Any(b => to == b || to.StartsWith(b, StringComparison.Ordinal)))
                    found.Add(layer + ": " + from + " -> " + to + " (not allowed in " + layer + ")");
                continue;
            }
            if (target != layer && !MayUse[layer].Contains(target))
                found.Add(layer + ": " + from + " -> " + target + ": " + to);
        }
        return found.ToList();
    }
}
