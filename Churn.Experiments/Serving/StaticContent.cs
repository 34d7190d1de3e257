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
        Page = WithCampaignPlanner(Resource("index.html"));
        Docs = Resource("docs.html");
        Inputs = schema.FormJson();
        OpenApi = ApiDescription.Serialize(schema, options);
        var card = predictor.ModelCard;
        ModelCard = card is null ? "{}"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(card, card.GetType());
    }

    public byte[] Page { get; }
    public byte[] Docs { get; }
    public byte[] Inputs { get; }
    public byte[] OpenApi { get; }
    public byte[] ModelCard { get; }

    /// <summary>The page with its second part, "Plan a campaign" (a resource of its own), at the page's marker.</summary>
    private static byte[] WithCampaignPlanner(byte[] page)
    {
        const string marker = "<!-- plan-a-campaign: campaign-planner.html is inserted here -->";
        var text = System.Text.Encoding.UTF8.GetString(page);
        if (!text.Contains(marker, StringComparison.Ordinal))
            throw new InvalidOperationException("index.html lacks the marker where the campaign planner goes: " + marker);
        return System.Text.Encoding.UTF8.GetBytes(text.Replace(marker, System.Text.Encoding.UTF8.GetString(Resource("campaign-planner.html")), StringComparison.Ordinal));
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
