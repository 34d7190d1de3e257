using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Churn.Experiments.Campaign;

/// <summary>The one JSON form of a <see cref="CampaignPlan"/>, written by `campaign --json` and `POST /campaign` alike.</summary>
public static class CampaignJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(CampaignPlan plan) => JsonSerializer.Serialize(plan, Options);

    public static byte[] SerializeToUtf8Bytes(CampaignPlan plan) => JsonSerializer.SerializeToUtf8Bytes(plan, Options);
}
