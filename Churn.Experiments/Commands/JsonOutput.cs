using System.Text.Json;

namespace Churn.Experiments.Commands;

/// <summary>The one JSON style of the CLI (snake_case, invariant numbers, NaN allowed as a literal).</summary>
public static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = JsonStyle.Options;

    public static void Write(TextWriter writer, object value) =>
        writer.WriteLine(JsonSerializer.Serialize(value, Options));
}
