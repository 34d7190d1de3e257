using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Churn.Experiments.Data;

/// <summary>
/// The one JSON style of the product: `--json` output, model files, reports' metrics.json and every answer
/// of the host. snake_case names, invariant numbers, NaN and Infinity as literals where a statistic is
/// undefined, and readable text: only what JSON itself requires is escaped (quote, backslash, control
/// characters), so "8.38E+08", "it's" and "&lt;=" stay as written. That is safe for the page because the
/// page inserts every value as text (textContent), never as HTML, and the host serves JSON as
/// application/json; no JSON is ever inlined into HTML.
/// </summary>
public static class JsonStyle
{
    public static JavaScriptEncoder Encoder { get; } = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>For files and the console: indented.</summary>
    public static JsonSerializerOptions Indented { get; } = Freeze(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = Encoder,
    });

    /// <summary>For HTTP bodies: the same style on one line.</summary>
    public static JsonSerializerOptions Compact { get; } = Freeze(new JsonSerializerOptions(Indented) { WriteIndented = false });

    /// <summary>For a <see cref="Utf8JsonWriter"/> writing the host's answers.</summary>
    public static JsonWriterOptions Writer { get; } = new() { Encoder = Encoder, SkipValidation = true };

    private static JsonSerializerOptions Freeze(JsonSerializerOptions options)
    {
        options.TypeInfoResolver ??= new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver();
        options.MakeReadOnly();
        return options;
    }
}
