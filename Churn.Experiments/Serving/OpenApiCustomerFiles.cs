using System.Text.Json.Nodes;

namespace Churn.Experiments.Serving;

/// <summary>POST /score and POST /campaign in the OpenAPI document (see <see cref="RequestHandler"/>'s customer-file endpoints).</summary>
internal static partial class OpenApiDocument
{
    private static void AddCustomerFilePaths(JsonObject paths, HostOptions options)
    {
        JsonObject CsvBody(string description) => new()
        {
            ["required"] = true,
            ["description"] = description,
            ["content"] = new JsonObject
            {
                ["text/csv"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } },
                ["multipart/form-data"] = new JsonObject
                {
                    ["schema"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["required"] = new JsonArray("file"),
                        ["properties"] = new JsonObject { ["file"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } },
                        ["additionalProperties"] = new JsonObject { ["type"] = "string" },
                    },
                },
            },
        };
        JsonObject Query(string name, string type, string description, string? fallback) => new()
        {
            ["name"] = name,
            ["in"] = "query",
            ["required"] = false,
            ["description"] = description,
            ["schema"] = fallback is null ? new JsonObject { ["type"] = type } : new JsonObject { ["type"] = type, ["default"] = JsonNode.Parse(fallback) },
        };
        JsonObject Errors(JsonObject responses)
        {
            responses["400"] = ErrorResponse("Empty or malformed file, missing columns (named, with the file's columns the model does not know), a bad cell or parameter");
            responses["405"] = ErrorResponse("Method other than POST");
            responses["413"] = ErrorResponse($"File larger than {options.MaxUploadBytes} bytes");
            responses["415"] = ErrorResponse("Content-Type is not text/csv or multipart/form-data");
            return responses;
        }
        JsonObject CsvResponse(string description) => new()
        {
            ["description"] = description,
            ["content"] = new JsonObject { ["text/csv"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } } },
        };
        paths["/score"] = new JsonObject
        {
            ["post"] = new JsonObject
            {
                ["summary"] = "Score every row of a customer file; answers the rows as CSV (what `churn predict` writes). Nothing is kept.",
                ["operationId"] = "scoreFile",
                ["requestBody"] = CsvBody("Customer CSV with a header: the model's inputs, or raw rows for a recipe model"),
                ["responses"] = Errors(new JsonObject { ["200"] = CsvResponse("id columns (or row), churn_probability, churn_prediction, segment[, in_training_population]") }),
            },
        };
        paths["/campaign"] = new JsonObject
        {
            ["post"] = new JsonObject
            {
                ["summary"] = "Plan a retention campaign from a customer file: best number to contact, expected saved and profit, cut-off, segments (what `churn campaign --json` prints). Nothing is kept.",
                ["operationId"] = "planCampaign",
                ["parameters"] = new JsonArray(
                    Query("offer_cost", "number", "Cost of one offer (>= 0)", "10"),
                    Query("value", "number", "Value of keeping one would-be churner (> 0)", "100"),
                    Query("success", "number", "Share of contacted churners the offer keeps, in (0, 1]", "0.3"),
                    Query("budget", "integer", "Contact at most this many customers (>= 1; default no limit)", null),
                    Query("format", "string", "json (the summary) or csv (the ranked contact list)", "\"json\"")),
                ["requestBody"] = CsvBody("Customer CSV; with multipart/form-data the parameters may be form fields instead"),
                ["responses"] = Errors(new JsonObject
                {
                    ["200"] = new JsonObject
                    {
                        ["description"] = "The campaign summary (best_k, expected_profit, expected_saved, cutoff_probability, rows, inputs, segments, risk_distribution, profit_curve, calibration, warnings), or the contact list with format=csv",
                        ["content"] = new JsonObject
                        {
                            ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = true } },
                            ["text/csv"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } },
                        },
                    },
                }),
            },
        };
    }
}
