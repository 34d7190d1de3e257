using System.Text.Json;

namespace Churn.Experiments.Commands;

/// <summary>`--json`: exactly one JSON object on stdout, in the product's <see cref="JsonStyle"/>.</summary>
public static class JsonOutput
{
    public static void Write(TextWriter writer, object value) =>
        writer.WriteLine(JsonSerializer.Serialize(value, JsonStyle.Indented));
}
