using System.Reflection;
using System.Text.Json;

namespace Churn.Experiments.Serving;

/// <summary>
/// The bodies that never change while a model is served, serialised once at start-up: the business
/// page and the docs page (embedded resources), <c>/inputs</c>, <c>/openapi.json</c> and the model card.
/// </summary>
internal sealed class StaticContent
{
    public StaticContent(IChurnPredictor predictor, InputSchema schema, HostOptions options)
    {
        Page = WithParts(Resource("index.html"), "plan-a-campaign: campaign-planner.html", "shape-plots: shape-plots.html");
        Docs = Resource("docs.html");
        Inputs = schema.FormJson();
        OpenApi = ApiDescription.Serialize(schema, options);
        var card = predictor.ModelCard;
        ModelCard = card is null ? "{}"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(card, card.GetType(), Data.JsonStyle.Compact);
    }

    public byte[] Page { get; }
    public byte[] Docs { get; }
    public byte[] Inputs { get; }
    public byte[] OpenApi { get; }
    public byte[] ModelCard { get; }

    /// <summary>
    /// The page with its parts (resources of their own: "Plan a campaign", the shape plots), each at its marker
    /// <c>&lt;!-- NAME: FILE is inserted here --&gt;</c>.
    /// </summary>
    private static byte[] WithParts(byte[] page, params string[] parts)
    {
        var text = System.Text.Encoding.UTF8.GetString(page);
        foreach (var part in parts)
        {
            var marker = "<!-- " + part + " is inserted here -->";
            if (!text.Contains(marker, StringComparison.Ordinal))
                throw new InvalidOperationException("index.html lacks the marker where a part goes: " + marker);
            var file = part[(part.IndexOf(": ", StringComparison.Ordinal) + 2)..];
            text = text.Replace(marker, System.Text.Encoding.UTF8.GetString(Resource(file)), StringComparison.Ordinal);
        }
        return System.Text.Encoding.UTF8.GetBytes(text);
    }

    public static byte[] Resource(string name)
    {
        var fullName = "Churn.Experiments.Serving.Resources." + name;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(fullName)
            ?? throw new InvalidOperationException($"Embedded resource '{fullName}' is missing from the build.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
