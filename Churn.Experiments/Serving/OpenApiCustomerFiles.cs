using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Churn.Experiments.Serving;

/// <summary>POST /score and POST /campaign in the OpenAPI document (see <see cref="RequestHandler"/>'s customer-file endpoints).</summary>
internal static partial class ApiDescription
{
    private static void AddCustomerFilePaths(OpenApiDocument document, HostOptions options)
    {
        OpenApiSchema Text() => new() { Type = JsonSchemaType.String };
        OpenApiRequestBody CsvBody(string description) => new()
        {
            Required = true,
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["text/csv"] = new OpenApiMediaType { Schema = Text() },
                ["multipart/form-data"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "file" },
                        Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                        AdditionalProperties = Text(),
                    },
                },
            },
        };
        OpenApiResponses Responses(OpenApiResponse ok)
        {
            var responses = new OpenApiResponses { ["200"] = ok };
            foreach (var (code, description) in new[]
                     {
                         ("400", "Empty or malformed file, missing columns (named, with the file's columns the model does not know), a bad cell or parameter"),
                         ("405", "Method other than POST"),
                         ("413", $"File larger than {options.MaxUploadBytes} bytes"),
                         ("415", "Content-Type is not text/csv or multipart/form-data"),
                         ("408", ApiDescription.RequestTimeoutText(options)),
                         ("503", ApiDescription.BusyText),
                     })
                responses[code] = Response(description, Ref(document, "Error"));
            return responses;
        }
        OpenApiParameter Query(string name, JsonSchemaType type, string description, JsonNode? fallback) => new()
        {
            Name = name,
            In = ParameterLocation.Query,
            Required = false,
            Description = description,
            Schema = new OpenApiSchema { Type = type, Default = fallback },
        };
        OpenApiPathItem PostFile(string summary, string operationId, string body, OpenApiResponse ok, List<IOpenApiParameter>? parameters = null) => new()
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Post] = new OpenApiOperation
                {
                    Summary = summary,
                    OperationId = operationId,
                    Parameters = parameters,
                    RequestBody = CsvBody(body),
                    Responses = Responses(ok),
                },
            },
        };

        document.Paths["/score"] = PostFile("Score every row of a customer file; answers the rows as CSV (what `churn predict` writes). Nothing is kept.", "scoreFile",
            "Customer CSV with a header: the model's inputs, or raw rows for a recipe model",
            new OpenApiResponse
            {
                Description = "id columns (or row), churn_probability, churn_prediction, segment[, in_training_population]",
                Content = new Dictionary<string, IOpenApiMediaType> { ["text/csv"] = new OpenApiMediaType { Schema = Text() } },
            });
        document.Paths["/campaign"] = PostFile(
            "Plan a retention campaign from a customer file: best number to contact, expected saved and profit, cut-off, segments (what `churn campaign --json` prints). Nothing is kept.",
            "planCampaign", "Customer CSV; with multipart/form-data the parameters may be form fields instead",
            new OpenApiResponse
            {
                Description = "The campaign summary (best_k, expected_profit, expected_saved, cutoff_probability, rows, inputs, segments, risk_distribution, profit_curve, calibration, warnings), or the contact list with format=csv",
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/json"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalPropertiesAllowed = true } },
                    ["text/csv"] = new OpenApiMediaType { Schema = Text() },
                },
            },
            [
                Query("offer_cost", JsonSchemaType.Number, "Cost of one offer (>= 0)", JsonValue.Create(10)),
                Query("value", JsonSchemaType.Number, "Value of keeping one would-be churner (> 0)", JsonValue.Create(100)),
                Query("success", JsonSchemaType.Number, "Share of contacted churners the offer keeps, in (0, 1]", JsonValue.Create(0.3)),
                Query("budget", JsonSchemaType.Integer, "Contact at most this many customers (>= 1; default no limit)", null),
                Query("format", JsonSchemaType.String, "json (the summary) or csv (the ranked contact list)", JsonValue.Create("json")),
            ]);
    }
}
