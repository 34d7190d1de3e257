using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Churn.Experiments.Serving;

/// <summary>
/// The OpenAPI 3.0 document served at <c>GET /openapi.json</c>, built with Microsoft.OpenApi: every
/// endpoint with its request and response schemas. The customer schema comes from the model's
/// <see cref="InputSchema"/>, so field names, types, bounds, categories and the required list are the
/// ones the host enforces.
/// </summary>
internal static partial class ApiDescription
{
    public static byte[] Serialize(InputSchema schema, HostOptions options)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Build(schema, options).SerializeAsV3(new OpenApiJsonWriter(text));
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static OpenApiDocument Build(InputSchema schema, HostOptions options)
    {
        var example = schema.Example();
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "Churn Lab prediction API",
                Version = "1.0.0",
                Description = "Churn probability, decision, segment and the factors behind it for one customer or a batch. "
                    + "Every error is JSON {\"error\":{\"code\",\"message\",\"field\"?,\"index\"?}}; bad input never gives 500.",
            },
            Paths = [],
            Components = new OpenApiComponents { Schemas = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal) },
        };
        var schemas = document.Components.Schemas;
        schemas["Customer"] = schema.ToOpenApi();
        schemas["BatchRequest"] = new OpenApiSchema
        {
            OneOf =
            [
                new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "customers" },
                    AdditionalPropertiesAllowed = false,
                    Properties = new Dictionary<string, IOpenApiSchema> { ["customers"] = CustomerArray(document, options) },
                },
                CustomerArray(document, options),
            ],
        };
        schemas["Contribution"] = Object(
            ("feature", Str("Model feature name")),
            ("label", Str("Feature in plain words")),
            ("value", new OpenApiSchema { Type = JsonSchemaType.Number | JsonSchemaType.Null, Description = "The customer's value of a numeric feature or the segment number; null for a category (the text names it)" }),
            ("effect", Num("Signed contribution to the log-odds of churn, relative to the average customer")),
            ("direction", Enum(JsonSchemaType.String, "raises", "lowers")),
            ("text", Str("The effect in plain words")));
        schemas["OutOfRange"] = Object(
            ("feature", Str("Numeric input outside the training range")),
            ("value", Num("The customer's value")),
            ("minimum", Num("Smallest value seen in training")),
            ("maximum", Num("Largest value seen in training")));
        schemas["UnseenCategory"] = Object(
            ("feature", Str("Text input whose value was blank or not seen in training")),
            ("value", NullableStr()),
            ("scored_as", Str("The reference category it was scored as")));
        schemas["Prediction"] = Object(
            ("churn_probability", new OpenApiSchema { Type = JsonSchemaType.Number, Minimum = "0", Maximum = "1", Description = "Probability that the customer churns" }),
            ("churn_prediction", new OpenApiSchema { Type = JsonSchemaType.Integer, Enum = [JsonValue.Create(0), JsonValue.Create(1)], Description = "1 when churn_probability >= threshold" }),
            ("threshold", Num("Decision threshold on the probability")),
            ("segment", new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Description = "Customer segment (cluster) number" }),
            ("segment_name", new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "Business name of the segment" }),
            ("contributions", new OpenApiSchema { Type = JsonSchemaType.Array, Items = Ref(document, "Contribution"), Description = "Factors, largest effect first" }),
            ("outside_training_range", new OpenApiSchema { Type = JsonSchemaType.Array, Items = Ref(document, "OutOfRange"), Description = "Inputs outside the range seen in training: the probability is an extrapolation there" }),
            ("unseen_categories", new OpenApiSchema { Type = JsonSchemaType.Array, Items = Ref(document, "UnseenCategory"), Description = "Text inputs not seen in training, scored as the reference category" }));
        schemas["BatchPrediction"] = Object(
            ("count", new OpenApiSchema { Type = JsonSchemaType.Integer }),
            ("results", new OpenApiSchema { Type = JsonSchemaType.Array, Items = Ref(document, "Prediction") }));
        schemas["Inputs"] = Object(("fields", new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Items = Object(
                ("name", Str("JSON property name")), ("label", Str("Plain-words label")),
                ("kind", Enum(JsonSchemaType.String, "number", "category")),
                ("unit", NullableStr()), ("description", NullableStr()),
                ("default", new OpenApiSchema { Type = JsonSchemaType.Number | JsonSchemaType.String | JsonSchemaType.Null }),
                ("categories", new OpenApiSchema { Type = JsonSchemaType.Array | JsonSchemaType.Null, Items = new OpenApiSchema { Type = JsonSchemaType.String } }),
                ("other_categories_scored", new OpenApiSchema { Type = JsonSchemaType.Boolean }),
                ("required", new OpenApiSchema { Type = JsonSchemaType.Boolean }),
                ("minimum", new OpenApiSchema { Type = JsonSchemaType.Number | JsonSchemaType.Null }),
                ("maximum", new OpenApiSchema { Type = JsonSchemaType.Number | JsonSchemaType.Null })),
        }));
        schemas["Health"] = Object(
            ("status", Enum(JsonSchemaType.String, "ok")),
            ("model", new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalPropertiesAllowed = true }),
            ("uptime_seconds", Num("Seconds since the host started")),
            ("requests_served", new OpenApiSchema { Type = JsonSchemaType.Integer }));
        schemas["Error"] = Object(("error", new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "code", "message" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["code"] = Enum(JsonSchemaType.String, ErrorCodes.All),
                ["message"] = Str("What is wrong, in words"),
                ["field"] = Str("The input field at fault, when there is one"),
                ["index"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "Position of the customer in a batch" },
            },
        }));

        var paths = document.Paths;
        paths["/predict"] = Post(document, "Predict churn for one customer", "predict", "Customer", example.DeepClone(), "Prediction", "The prediction",
            ("400", "Bad input: malformed JSON, empty body, a missing/unknown/repeated field, a wrong type, invalid text or a value out of range; 'field' names it"),
            ("413", $"Body larger than {options.MaxSingleBodyBytes} bytes"),
            ("408", RequestTimeoutText(options)),
            ("500", "A bug in the server (logged); the host keeps serving"),
            ("503", BusyText));
        paths["/predict/batch"] = Post(document, $"Predict churn for up to {options.MaxBatchSize} customers; results come back in request order", "predictBatch",
            "BatchRequest", new JsonObject { ["customers"] = new JsonArray(example.DeepClone()) }, "BatchPrediction", "One prediction per customer, in order",
            ("400", "Bad input; 'index' is the customer's position and 'field' the field"),
            ("413", $"More than {options.MaxBatchSize} customers or a body larger than {options.MaxBatchBodyBytes} bytes"),
            ("408", RequestTimeoutText(options)),
            ("503", BusyText));
        paths["/model"] = Get(document, "The model card: what the model is, how it was trained, how well it did, its input ranges and any warning about its label", "getModel",
            new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalPropertiesAllowed = true });
        paths["/inputs"] = Get(document, "The model's input fields (the page builds its form from them)", "getInputs", Ref(document, "Inputs"));
        paths["/health"] = Get(document, "Liveness: status, model, uptime", "getHealth", Ref(document, "Health"));
        paths["/openapi.json"] = Get(document, "This document", "getOpenApi", new OpenApiSchema { Type = JsonSchemaType.Object });
        paths["/"] = Page("The prediction page for business users", "getPage");
        paths["/docs"] = Page("Readable API documentation rendered from /openapi.json", "getDocs");
        AddCustomerFilePaths(document, options);
        return document;
    }

    /// <summary>The 408 every POST can get: the request did not arrive whole in time.</summary>
    internal static string RequestTimeoutText(HostOptions options) => string.Create(CultureInfo.InvariantCulture,
        $"The request did not arrive whole within {options.RequestTimeout.TotalSeconds:0.###} s of its first byte (plus 1 s per {options.MinBodyBytesPerSecond / 1024} KiB of body received); the connection is closed");

    /// <summary>The 503s every POST can get, each with its error code; the reply says when to retry.</summary>
    internal const string BusyText =
        "The host cannot take the request now: too_many_connections (every connection busy), server_busy (the buffered request bodies at their limit; "
        + "Retry-After says when to retry) or shutting_down; the connection is closed";

    private static OpenApiPathItem Post(OpenApiDocument document, string summary, string operationId, string requestSchema, JsonNode example,
        string responseSchema, string responseDescription, params (string Code, string Description)[] errors)
    {
        var responses = new OpenApiResponses { ["200"] = Response(responseDescription, Ref(document, responseSchema)) };
        foreach (var (code, description) in errors)
            responses[code] = Response(description, Ref(document, "Error"));
        responses["405"] = Response("Method other than POST (see the Allow header)", Ref(document, "Error"));
        responses["415"] = Response("Content-Type is not application/json", Ref(document, "Error"));
        return new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Post] = new OpenApiOperation
                {
                    Summary = summary,
                    OperationId = operationId,
                    RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, IOpenApiMediaType> { ["application/json"] = new OpenApiMediaType { Schema = Ref(document, requestSchema), Example = example } },
                    },
                    Responses = responses,
                },
            },
        };
    }

    private static OpenApiPathItem Get(OpenApiDocument document, string summary, string operationId, IOpenApiSchema schema) => new()
    {
        Operations = new Dictionary<HttpMethod, OpenApiOperation>
        {
            [HttpMethod.Get] = new OpenApiOperation
            {
                Summary = summary,
                OperationId = operationId,
                Responses = new OpenApiResponses
                {
                    ["200"] = Response("OK", schema),
                    ["405"] = Response("Method other than GET or HEAD", Ref(document, "Error")),
                },
            },
        },
    };

    private static OpenApiPathItem Page(string summary, string operationId) => new()
    {
        Operations = new Dictionary<HttpMethod, OpenApiOperation>
        {
            [HttpMethod.Get] = new OpenApiOperation
            {
                Summary = summary,
                OperationId = operationId,
                Responses = new OpenApiResponses
                {
                    ["200"] = new OpenApiResponse
                    {
                        Description = "HTML page",
                        Content = new Dictionary<string, IOpenApiMediaType> { ["text/html"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
                    },
                },
            },
        },
    };

    private static OpenApiResponse Response(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, IOpenApiMediaType> { ["application/json"] = new OpenApiMediaType { Schema = schema } },
    };

    private static OpenApiSchema CustomerArray(OpenApiDocument document, HostOptions options) =>
        new() { Type = JsonSchemaType.Array, MaxItems = options.MaxBatchSize, Items = Ref(document, "Customer") };

    private static OpenApiSchemaReference Ref(OpenApiDocument document, string name) => new(name, document);

    private static OpenApiSchema Str(string description) => new() { Type = JsonSchemaType.String, Description = description };

    private static OpenApiSchema NullableStr() => new() { Type = JsonSchemaType.String | JsonSchemaType.Null };

    private static OpenApiSchema Num(string description) => new() { Type = JsonSchemaType.Number, Description = description };

    private static OpenApiSchema Enum(JsonSchemaType type, params IEnumerable<string> values) =>
        new() { Type = type, Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))] };

    /// <summary>An object whose listed properties are all required.</summary>
    private static OpenApiSchema Object(params (string Name, IOpenApiSchema Schema)[] properties) => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string>(properties.Select(p => p.Name), StringComparer.Ordinal),
        Properties = properties.ToDictionary(p => p.Name, p => p.Schema, StringComparer.Ordinal),
    };
}
