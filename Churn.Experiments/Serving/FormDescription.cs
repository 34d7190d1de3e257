using System.Text;
using System.Text.Json.Nodes;

namespace Churn.Experiments.Serving;

/// <summary>
/// The body of <c>GET /inputs</c>: the model's input fields as JSON, which the business page reads to
/// build its form: <c>{"fields":[{"name","label","kind":"number"|"category","unit","description",
/// "default","categories","required","minimum","maximum"}]}</c>.
/// </summary>
internal static class FormDescription
{
    public static byte[] Serialize(IReadOnlyList<InputField> fields)
    {
        var list = new JsonArray();
        foreach (var f in fields)
        {
            list.Add(new JsonObject
            {
                ["name"] = f.Name,
                ["label"] = f.Label,
                ["kind"] = f.Kind == InputKind.Number ? "number" : "category",
                ["unit"] = f.Unit,
                ["description"] = f.Description,
                ["default"] = f.Kind == InputKind.Number ? JsonValue.Create(f.DefaultNumber) : JsonValue.Create(f.DefaultCategory),
                ["categories"] = f.Categories is null ? null : new JsonArray([.. f.Categories.Select(c => (JsonNode?)JsonValue.Create(c))]),
                ["required"] = f.Required,
                ["minimum"] = f.Minimum,
                ["maximum"] = f.Maximum,
            });
        }
        return Encoding.UTF8.GetBytes(new JsonObject { ["fields"] = list }.ToJsonString(Data.JsonStyle.Compact));
    }
}
