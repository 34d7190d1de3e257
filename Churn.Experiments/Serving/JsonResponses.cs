using System.Text.Json;

namespace Churn.Experiments.Serving;

/// <summary>
/// Writes the API's JSON bodies with a <see cref="Utf8JsonWriter"/> and pre-encoded property names,
/// so answering a prediction allocates little beyond the result itself. Property names are snake_case.
/// </summary>
internal static class JsonResponses
{
    private static readonly JsonEncodedText ChurnProbability = JsonEncodedText.Encode("churn_probability");
    private static readonly JsonEncodedText ChurnPrediction = JsonEncodedText.Encode("churn_prediction");
    private static readonly JsonEncodedText Threshold = JsonEncodedText.Encode("threshold");
    private static readonly JsonEncodedText Segment = JsonEncodedText.Encode("segment");
    private static readonly JsonEncodedText SegmentName = JsonEncodedText.Encode("segment_name");
    private static readonly JsonEncodedText Contributions = JsonEncodedText.Encode("contributions");
    private static readonly JsonEncodedText Feature = JsonEncodedText.Encode("feature");
    private static readonly JsonEncodedText Label = JsonEncodedText.Encode("label");
    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText Effect = JsonEncodedText.Encode("effect");
    private static readonly JsonEncodedText Direction = JsonEncodedText.Encode("direction");
    private static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText Count = JsonEncodedText.Encode("count");
    private static readonly JsonEncodedText Results = JsonEncodedText.Encode("results");
    private static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText Field = JsonEncodedText.Encode("field");
    private static readonly JsonEncodedText Index = JsonEncodedText.Encode("index");
    private static readonly JsonEncodedText OutsideTrainingRange = JsonEncodedText.Encode("outside_training_range");
    private static readonly JsonEncodedText Minimum = JsonEncodedText.Encode("minimum");
    private static readonly JsonEncodedText Maximum = JsonEncodedText.Encode("maximum");
    private static readonly JsonEncodedText UnseenCategories = JsonEncodedText.Encode("unseen_categories");
    private static readonly JsonEncodedText ScoredAs = JsonEncodedText.Encode("scored_as");

    public static void WritePrediction(Utf8JsonWriter writer, ChurnPrediction result)
    {
        writer.WriteStartObject();
        writer.WriteNumber(ChurnProbability, result.Probability);
        writer.WriteNumber(ChurnPrediction, result.Prediction);
        writer.WriteNumber(Threshold, result.Threshold);
        if (result.Segment is { } segment)
            writer.WriteNumber(Segment, segment);
        else
            writer.WriteNull(Segment);
        WriteStringOrNull(writer, SegmentName, result.SegmentName);
        WriteObjects(writer, Contributions, result.Contributions, static (w, c) =>
        {
            w.WriteString(Feature, c.Feature);
            w.WriteString(Label, c.Label);
            if (c.Number is { } number) w.WriteNumber(Value, number);
            else w.WriteNull(Value);
            w.WriteNumber(Effect, c.Effect);
            w.WriteString(Direction, c.Direction);
            w.WriteString(Text, c.Text);
        });
        // Inputs outside what the model saw in training: the probability is an extrapolation there.
        WriteObjects(writer, OutsideTrainingRange, result.OutOfRange, static (w, o) =>
        {
            w.WriteString(Feature, o.Feature);
            w.WriteNumber(Value, o.Value);
            w.WriteNumber(Minimum, o.Minimum);
            w.WriteNumber(Maximum, o.Maximum);
        });
        // Text inputs blank or unseen in training, scored as the reference category (the one policy).
        WriteObjects(writer, UnseenCategories, result.UnseenCategories, static (w, u) =>
        {
            w.WriteString(Feature, u.Feature);
            WriteStringOrNull(w, Value, u.Value);
            w.WriteString(ScoredAs, u.ScoredAs);
        });
        writer.WriteEndObject();
    }

    /// <summary>An array of objects under <paramref name="name"/>, each object's fields written by <paramref name="fields"/>.</summary>
    private static void WriteObjects<T>(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> fields)
    {
        writer.WriteStartArray(name);
        for (var i = 0; i < items.Count; i++)
        {
            writer.WriteStartObject();
            fields(writer, items[i]);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is null) writer.WriteNull(name);
        else writer.WriteString(name, value);
    }

    public static void WriteBatch(Utf8JsonWriter writer, IReadOnlyList<ChurnPrediction> results)
    {
        writer.WriteStartObject();
        writer.WriteNumber(Count, results.Count);
        writer.WriteStartArray(Results);
        foreach (var result in results)
            WritePrediction(writer, result);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteError(Utf8JsonWriter writer, string code, string message, string? field = null, int? index = null)
    {
        writer.WriteStartObject();
        writer.WriteStartObject(Error);
        writer.WriteString(Code, code);
        writer.WriteString(Message, message);
        if (field is not null)
            writer.WriteString(Field, field);
        if (index is { } i)
            writer.WriteNumber(Index, i);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
