using System.Text.Json.Nodes;

namespace Churn.Experiments.Serving;

/// <summary>
/// An example request body built from the model's fields: each field's default, else its minimum
/// (numbers) or first category, else 0 / ""; optional fields without a default are left out. Used by the OpenAPI document and the docs page.
/// </summary>
internal static class ExampleCustomer
{
    public static JsonObject Build(IReadOnlyList<InputField> fields)
    {
        var example = new JsonObject();
        foreach (var field in fields)
        {
            // An optional field without a default is best left out: the model decides.
            if (!field.Required && field.DefaultNumber is null && field.DefaultCategory is null)
                continue;
            example[field.Name] = field.Kind == InputKind.Number
                ? JsonValue.Create(field.DefaultNumber ?? field.Minimum ?? 0.0)
                : JsonValue.Create(field.DefaultCategory ?? field.Categories?.FirstOrDefault() ?? "");
        }
        return example;
    }
}
