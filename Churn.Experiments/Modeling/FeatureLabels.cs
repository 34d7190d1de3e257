namespace Churn.Experiments.Modeling;

/// <summary>Plain-words labels and units for the column names our data sets use; other names pass through.</summary>
public static class FeatureLabels
{
    private static readonly Dictionary<string, (string Label, string? Unit)> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["aon"] = ("tenure (age on network)", "days"),
        ["total_mou"] = ("call minutes (all months)", "minutes"),
        // A sum of 2G/3G volumes (MB), pack counts and costs: no single unit, so none is shown.
        ["total_data_usage"] = ("mobile data use (2G/3G volumes, pack counts and costs summed, all months)", null),
        ["segment"] = ("usage segment", null),
        ["Account length"] = ("account length", "days"),
        ["International plan"] = ("international plan", null),
        ["Voice mail plan"] = ("voice mail plan", null),
        ["Number vmail messages"] = ("voice mail messages", "count"),
        ["Total day minutes"] = ("daytime minutes", "minutes"),
        ["Total day calls"] = ("daytime calls", "calls"),
        ["Total day charge"] = ("daytime charge", "USD"),
        ["Total eve minutes"] = ("evening minutes", "minutes"),
        ["Total eve calls"] = ("evening calls", "calls"),
        ["Total eve charge"] = ("evening charge", "USD"),
        ["Total night minutes"] = ("night minutes", "minutes"),
        ["Total night calls"] = ("night calls", "calls"),
        ["Total night charge"] = ("night charge", "USD"),
        ["Total intl minutes"] = ("international minutes", "minutes"),
        ["Total intl calls"] = ("international calls", "calls"),
        ["Total intl charge"] = ("international charge", "USD"),
        ["Customer service calls"] = ("customer service calls", "calls"),
    };

    /// <summary>Plain-words label of a column, e.g. "aon" -> "tenure (age on network)".</summary>
    public static string Describe(string name)
    {
        if (Known.TryGetValue(name, out var known)) return known.Label;
        // Indian prepaid columns: "arpu_8" -> "arpu (August)"; month suffixes 6..9 = June..September.
        var underscore = name.LastIndexOf('_');
        if (underscore > 0 && name.Length - underscore == 2 && name[^1] is >= '6' and <= '9')
        {
            var month = name[^1] switch { '6' => "June", '7' => "July", '8' => "August", _ => "September" };
            return name[..underscore].Replace('_', ' ') + " (" + month + ")";
        }
        return name.Replace('_', ' ');
    }

    public static string? UnitOf(string name) => Known.TryGetValue(name, out var known) ? known.Unit : null;
}
