using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Churn.Experiments.Serving;

/// <summary>
/// The model's input contract, built once from its <see cref="InputField"/>s, and the one place that
/// states each field kind's rules. It drives the request validation (<see cref="CustomerReader"/> asks it
/// whether a value is acceptable), the OpenAPI customer schema (<see cref="ToOpenApi"/>) and the page's
/// form (<c>GET /inputs</c>, <see cref="FormJson"/>), so a new field kind or rule is added here only.
/// </summary>
internal sealed class InputSchema
{
    public InputSchema(IReadOnlyList<InputField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!names.Add(field.Name))
                throw new ArgumentException($"The model lists input field '{field.Name}' twice.", nameof(fields));
            if (field.Kind == InputKind.Category && field.Categories is { Count: 0 })
                throw new ArgumentException($"Category field '{field.Name}' has an empty category list.", nameof(fields));
        }
        Fields = [.. fields];
        ExpectedList = string.Join(", ", Fields.Select(f => f.Required ? f.Name : f.Name + " (optional)"));
    }

    public IReadOnlyList<InputField> Fields { get; }

    /// <summary>"aon, total_mou, plan (optional)": what a customer object holds, for error messages.</summary>
    public string ExpectedList { get; }

    /// <summary>What a value of <paramref name="field"/> must be, in words ("a JSON number").</summary>
    public static string Expected(InputField field) =>
        field.Kind == InputKind.Number ? "a JSON number" : "a JSON string (one of the categories)";

    /// <summary>A finite number for <paramref name="field"/>, checked against its bounds; <paramref name="raw"/> is its JSON text.</summary>
    public static InputValue Number(InputField field, string raw, double number)
    {
        if (field.Minimum is { } min && number < min)
            throw new ApiException(400, ErrorCodes.InvalidValue, $"Field '{field.Name}'={raw} is below the minimum {Format(min)}{UnitSuffix(field)}.", field.Name);
        if (field.Maximum is { } max && number > max)
            throw new ApiException(400, ErrorCodes.InvalidValue, $"Field '{field.Name}'={raw} is above the maximum {Format(max)}{UnitSuffix(field)}.", field.Name);
        return new InputValue(number, null);
    }

    /// <summary>
    /// A category of <paramref name="field"/>. A model's field (<see cref="InputField.OtherCategoriesScored"/>) takes
    /// the text as given: the model matches it exactly, as it does a file's cell in `predict`, POST /score and SQL,
    /// so "yes" for a model that saw "Yes" is the same unseen category (scored as the reference, flagged) everywhere.
    /// A closed list refuses other values, and there any case maps to the list's spelling.
    /// </summary>
    public static InputValue Category(InputField field, string value)
    {
        if (field.Categories is not { } categories || field.OtherCategoriesScored)
            return new InputValue(null, value);
        var match = categories.FirstOrDefault(c => string.Equals(c, value, StringComparison.Ordinal))
            ?? categories.FirstOrDefault(c => string.Equals(c, value, StringComparison.OrdinalIgnoreCase))
            ?? throw new ApiException(400, ErrorCodes.InvalidValue,
                $"Field '{field.Name}'=\"{Truncate(value)}\" is not one of {string.Join(", ", categories.Select(c => $"\"{c}\""))}.", field.Name);
        return new InputValue(null, match);
    }

    /// <summary>The message for a required field that is absent.</summary>
    public static string MissingMessage(InputField field) =>
        $"Missing required field '{field.Name}' ({field.Label}{UnitSuffix(field)}).";

    /// <summary>The OpenAPI schema of one customer: names, types, bounds, categories, examples and the required list.</summary>
    public OpenApiSchema ToOpenApi()
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "One customer. Unknown fields are rejected; optional fields may be omitted or null.",
            AdditionalPropertiesAllowed = false,
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal),
            Required = new HashSet<string>(StringComparer.Ordinal),
        };
        foreach (var f in Fields)
        {
            var type = f.Kind == InputKind.Number ? JsonSchemaType.Number : JsonSchemaType.String;
            var p = new OpenApiSchema
            {
                Type = f.Required ? type : type | JsonSchemaType.Null,
                Description = f.Label + (f.Unit is { Length: > 0 } ? $" ({f.Unit})" : "") + (f.Description is { Length: > 0 } ? ". " + f.Description : ""),
            };
            if (f.Kind == InputKind.Number)
            {
                p.Minimum = f.Minimum is { } min ? Format(min) : null;
                p.Maximum = f.Maximum is { } max ? Format(max) : null;
                p.Examples = f.DefaultNumber is { } d ? [JsonValue.Create(d)] : null;
            }
            else
            {
                // A closed list is an enum; an open one (other values scored and flagged) is only described.
                p.Enum = f.OtherCategoriesScored ? null : f.Categories?.Select(c => (JsonNode)JsonValue.Create(c)).ToList();
                if (f.OtherCategoriesScored && f.Categories is { } seen)
                    p.Description += " Seen in training: " + string.Join(", ", seen) + ".";
                p.Examples = f.DefaultCategory is { } d ? [JsonValue.Create(d)] : null;
            }
            schema.Properties[f.Name] = p;
            if (f.Required)
                schema.Required.Add(f.Name);
        }
        return schema;
    }

    /// <summary>
    /// An example request body: each field's default, else its minimum (numbers) or first category, else
    /// 0 / ""; optional fields without a default are left out (the model decides).
    /// </summary>
    public JsonObject Example()
    {
        var example = new JsonObject();
        foreach (var field in Fields)
        {
            if (!field.Required && field.DefaultNumber is null && field.DefaultCategory is null)
                continue;
            example[field.Name] = field.Kind == InputKind.Number
                ? JsonValue.Create(field.DefaultNumber ?? field.Minimum ?? 0.0)
                : JsonValue.Create(field.DefaultCategory ?? field.Categories?.FirstOrDefault() ?? "");
        }
        return example;
    }

    /// <summary>
    /// The body of <c>GET /inputs</c>, which the page builds its form from:
    /// <c>{"fields":[{"name","label","kind":"number"|"category","unit","description","default","categories","other_categories_scored","required","minimum","maximum"}]}</c>.
    /// </summary>
    public byte[] FormJson()
    {
        var list = new JsonArray();
        foreach (var f in Fields)
        {
            list.Add(new JsonObject
            {
                ["name"] = f.Name,
                ["label"] = f.Label,
                ["kind"] = f.Kind == InputKind.Number ? "number" : "category",
                ["unit"] = f.Unit,
                ["description"] = f.Description,
                ["default"] = f.Kind == InputKind.Number ? JsonValue.Create(f.DefaultNumber) : JsonValue.Create(f.DefaultCategory),
                ["other_categories_scored"] = f.OtherCategoriesScored,
                ["categories"] = f.Categories is null ? null : new JsonArray([.. f.Categories.Select(c => (JsonNode?)JsonValue.Create(c))]),
                ["required"] = f.Required,
                ["minimum"] = f.Minimum,
                ["maximum"] = f.Maximum,
            });
        }
        return Encoding.UTF8.GetBytes(new JsonObject { ["fields"] = list }.ToJsonString(Data.JsonStyle.Compact));
    }

    private static string UnitSuffix(InputField field) => field.Unit is { Length: > 0 } unit ? ", " + unit : "";

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
