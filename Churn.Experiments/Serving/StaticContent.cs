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
        Page = Resource("index.html");
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
