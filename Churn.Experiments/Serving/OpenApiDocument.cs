using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Churn.Experiments.Serving;

/// <summary>
/// The OpenAPI 3.0.3 document served at <c>GET /openapi.json</c>: every endpoint with its request and
/// response schemas. The customer schema is built from the model's <see cref="InputField"/>s, so field
/// names, types, bounds, categories and the required list are the ones the host enforces.
/// </summary>
internal static class OpenApiDocument
{
    public static byte[] Serialize(IReadOnlyList<InputField> fields, HostOptions options) =>
        Encoding.UTF8.GetBytes(Build(fields, options).ToJsonString(Data.JsonStyle.Indented));

    public static JsonObject Build(IReadOnlyList<InputField> fields, HostOptions options)
    {
        var example = ExampleCustomer.Build(fields);
        return new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = "Churn Lab prediction API",
                ["version"] = "1.0.0",
                ["description"] = "Churn probability, decision, segment and the factors behind it for one customer or a batch. "
                    + "Every error is JSON {\"error\":{\"code\",\"message\",\"field\"?,\"index\"?}}; bad input never gives 500.",
            },
            ["paths"] = new JsonObject
            {
                ["/predict"] = new JsonObject
                {
                    ["post"] = new JsonObject
                    {
                        ["summary"] = "Predict churn for one customer",
                        ["operationId"] = "predict",
                        ["requestBody"] = new JsonObject
                        {
                            ["required"] = true,
                            ["content"] = Json(Ref("Customer"), example.DeepClone()),
                        },
                        ["responses"] = new JsonObject
                        {
                            ["200"] = Response("The prediction", Ref("Prediction")),
                            ["400"] = ErrorResponse("Bad input: malformed JSON, empty body, a missing/unknown/repeated field, a wrong type or a value out of range; 'field' names it"),
                            ["405"] = ErrorResponse("Method other than POST (see the Allow header)"),
                            ["413"] = ErrorResponse($"Body larger than {options.MaxSingleBodyBytes} bytes"),
                            ["415"] = ErrorResponse("Content-Type is not application/json"),
                            ["500"] = ErrorResponse("A bug in the server (logged); the host keeps serving"),
                        },
                    },
                },
                ["/predict/batch"] = new JsonObject
                {
                    ["post"] = new JsonObject
                    {
                        ["summary"] = $"Predict churn for up to {options.MaxBatchSize} customers; results come back in request order",
                        ["operationId"] = "predictBatch",
                        ["requestBody"] = new JsonObject
                        {
                            ["required"] = true,
                            ["content"] = Json(Ref("BatchRequest"), new JsonObject { ["customers"] = new JsonArray(example.DeepClone()) }),
                        },
                        ["responses"] = new JsonObject
                        {
                            ["200"] = Response("One prediction per customer, in order", Ref("BatchPrediction")),
                            ["400"] = ErrorResponse("Bad input; 'index' is the customer's position and 'field' the field"),
                            ["405"] = ErrorResponse("Method other than POST"),
                            ["413"] = ErrorResponse($"More than {options.MaxBatchSize} customers or a body larger than {options.MaxBatchBodyBytes} bytes"),
                            ["415"] = ErrorResponse("Content-Type is not application/json"),
                        },
                    },
                },
                ["/model"] = Get("The model card: what the model is, how it was trained and how well it did", "getModel",
                    new JsonObject { ["type"] = "object", ["additionalProperties"] = true }),
                ["/inputs"] = Get("The model's input fields (used by the page to build its form)", "getInputs", Ref("Inputs")),
                ["/health"] = Get("Liveness: status, model, uptime", "getHealth", Ref("Health")),
                ["/openapi.json"] = Get("This document", "getOpenApi", new JsonObject { ["type"] = "object" }),
                ["/"] = Page("The prediction page for business users", "getPage"),
                ["/docs"] = Page("Readable API documentation rendered from /openapi.json", "getDocs"),
            },
            ["components"] = new JsonObject
            {
                ["schemas"] = new JsonObject
                {
                    ["Customer"] = CustomerSchema(fields),
                    ["BatchRequest"] = new JsonObject
                    {
                        ["oneOf"] = new JsonArray(
                            new JsonObject
                            {
                                ["type"] = "object",
                                ["required"] = new JsonArray("customers"),
                                ["additionalProperties"] = false,
                                ["properties"] = new JsonObject { ["customers"] = CustomerArray(options) },
                            },
                            CustomerArray(options)),
                    },
                    ["Contribution"] = Object(
                        ("feature", Str("Model feature name")),
                        ("label", Str("Feature in plain words")),
                        ("value", Nullable(Num("The customer's value of a numeric feature or the segment number; null for a category (the text names it)"))),
                        ("effect", Num("Signed contribution to the log-odds of churn")),
                        ("direction", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("raises", "lowers") }),
                        ("text", Str("The effect in plain words"))),
                    ["Prediction"] = Object(
                        ("churn_probability", new JsonObject { ["type"] = "number", ["minimum"] = 0, ["maximum"] = 1, ["description"] = "Probability that the customer churns" }),
                        ("churn_prediction", new JsonObject { ["type"] = "integer", ["enum"] = new JsonArray(0, 1), ["description"] = "1 when churn_probability >= threshold" }),
                        ("threshold", Num("Decision threshold on the probability")),
                        ("segment", new JsonObject { ["type"] = "integer", ["nullable"] = true, ["description"] = "Customer segment (cluster) number" }),
                        ("segment_name", new JsonObject { ["type"] = "string", ["nullable"] = true, ["description"] = "Business name of the segment" }),
                        ("contributions", new JsonObject { ["type"] = "array", ["items"] = Ref("Contribution"), ["description"] = "Factors, largest effect first" })),
                    ["BatchPrediction"] = Object(
                        ("count", new JsonObject { ["type"] = "integer" }),
                        ("results", new JsonObject { ["type"] = "array", ["items"] = Ref("Prediction") })),
                    ["Inputs"] = Object(("fields", new JsonObject
                    {
                        ["type"] = "array",
                        ["items"] = Object(
                            ("name", Str("JSON property name")), ("label", Str("Plain-words label")),
                            ("kind", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("number", "category") }),
                            ("unit", NullableStr()), ("description", NullableStr()),
                            ("default", new JsonObject { ["nullable"] = true }),
                            ("categories", new JsonObject { ["type"] = "array", ["nullable"] = true, ["items"] = new JsonObject { ["type"] = "string" } }),
                            ("required", new JsonObject { ["type"] = "boolean" }),
                            ("minimum", new JsonObject { ["type"] = "number", ["nullable"] = true }),
                            ("maximum", new JsonObject { ["type"] = "number", ["nullable"] = true })),
                    })),
                    ["Health"] = Object(
                        ("status", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("ok") }),
                        ("model", new JsonObject { ["type"] = "object", ["additionalProperties"] = true }),
                        ("uptime_seconds", Num("Seconds since the host started")),
                        ("requests_served", new JsonObject { ["type"] = "integer" })),
                    ["Error"] = Object(("error", new JsonObject
                    {
                        ["type"] = "object",
                        ["required"] = new JsonArray("code", "message"),
                        ["properties"] = new JsonObject
                        {
                            ["code"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. ErrorCodes.All.Select(c => (JsonNode?)JsonValue.Create(c))]) },
                            ["message"] = Str("What is wrong, in words"),
                            ["field"] = Str("The input field at fault, when there is one"),
                            ["index"] = new JsonObject { ["type"] = "integer", ["description"] = "Position of the customer in a batch" },
                        },
                    })),
                },
            },
        };
    }

    private static JsonObject CustomerSchema(IReadOnlyList<InputField> fields)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var f in fields)
        {
            var description = f.Label + (f.Unit is { Length: > 0 } ? $" ({f.Unit})" : "")
                + (f.Description is { Length: > 0 } ? ". " + f.Description : "");
            var p = new JsonObject
            {
                ["type"] = f.Kind == InputKind.Number ? "number" : "string",
                ["description"] = description,
            };
            if (f.Kind == InputKind.Number)
            {
                if (f.Minimum is { } min) p["minimum"] = min;
                if (f.Maximum is { } max) p["maximum"] = max;
                if (f.DefaultNumber is { } d) p["example"] = d;
            }
            else
            {
                if (f.Categories is { } categories)
                    p["enum"] = new JsonArray([.. categories.Select(c => (JsonNode?)JsonValue.Create(c))]);
                if (f.DefaultCategory is { } d) p["example"] = d;
            }
            if (!f.Required)
                p["nullable"] = true;
            properties[f.Name] = p;
            if (f.Required)
                required.Add(f.Name);
        }
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["description"] = "One customer. Unknown fields are rejected; optional fields may be omitted or null.",
            ["additionalProperties"] = false,
            ["properties"] = properties,
        };
        if (required.Count > 0)
            schema["required"] = required;
        return schema;
    }

    private static JsonObject CustomerArray(HostOptions options) => new()
    {
        ["type"] = "array",
        ["maxItems"] = options.MaxBatchSize,
        ["items"] = Ref("Customer"),
    };

    private static JsonObject Get(string summary, string operationId, JsonObject schema) => new()
    {
        ["get"] = new JsonObject
        {
            ["summary"] = summary,
            ["operationId"] = operationId,
            ["responses"] = new JsonObject
            {
                ["200"] = Response("OK", schema),
                ["405"] = ErrorResponse("Method other than GET"),
            },
        },
    };

    private static JsonObject Page(string summary, string operationId) => new()
    {
        ["get"] = new JsonObject
        {
            ["summary"] = summary,
            ["operationId"] = operationId,
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "HTML page",
                    ["content"] = new JsonObject { ["text/html"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } } },
                },
            },
        },
    };

    private static JsonObject Json(JsonObject schema, JsonNode? example = null)
    {
        var media = new JsonObject { ["schema"] = schema };
        if (example is not null)
            media["example"] = example;
        return new JsonObject { ["application/json"] = media };
    }

    private static JsonObject Response(string description, JsonObject schema) =>
        new() { ["description"] = description, ["content"] = Json(schema) };

    private static JsonObject ErrorResponse(string description) => Response(description, Ref("Error"));

    private static JsonObject Ref(string name) => new() { ["$ref"] = "#/components/schemas/" + name };

    private static JsonObject Str(string description) => new() { ["type"] = "string", ["description"] = description };

    private static JsonObject NullableStr() => new() { ["type"] = "string", ["nullable"] = true };

    private static JsonObject Num(string description) => new() { ["type"] = "number", ["description"] = description };

    private static JsonObject Nullable(JsonObject schema)
    {
        schema["nullable"] = true; // OpenAPI 3.0 spelling
        return schema;
    }

    private static JsonObject Object(params (string Name, JsonObject Schema)[] properties)
    {
        var props = new JsonObject();
        var required = new JsonArray();
        foreach (var (name, schema) in properties)
        {
            props[name] = schema;
            required.Add(name);
        }
        return new JsonObject { ["type"] = "object", ["required"] = required, ["properties"] = props };
    }
}
