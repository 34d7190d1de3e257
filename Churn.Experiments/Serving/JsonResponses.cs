using Churn.Experiments.Modeling;
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
        if (result.SegmentName is { } segmentName)
            writer.WriteString(SegmentName, segmentName);
        else
            writer.WriteNull(SegmentName);
        writer.WriteStartArray(Contributions);
        foreach (var c in result.Contributions)
        {
            writer.WriteStartObject();
            writer.WriteString(Feature, c.Feature);
            writer.WriteString(Label, c.Label);
            if (c.Number is { } number) writer.WriteNumber(Value, number);
            else writer.WriteNull(Value);
            writer.WriteNumber(Effect, c.Effect);
            writer.WriteString(Direction, c.Direction);
            writer.WriteString(Text, c.Text);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        // Inputs outside what the model saw in training: the probability is an extrapolation there.
        writer.WriteStartArray(OutsideTrainingRange);
        foreach (var o in result.OutOfRange)
        {
            writer.WriteStartObject();
            writer.WriteString(Feature, o.Feature);
            writer.WriteNumber(Value, o.Value);
            writer.WriteNumber(Minimum, o.Minimum);
            writer.WriteNumber(Maximum, o.Maximum);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        // Text inputs blank or unseen in training, scored as the reference category (the one policy).
        writer.WriteStartArray(UnseenCategories);
        foreach (var u in result.UnseenCategories)
        {
            writer.WriteStartObject();
            writer.WriteString(Feature, u.Feature);
            if (u.Value is { } text) writer.WriteString(Value, text);
            else writer.WriteNull(Value);
            writer.WriteString(ScoredAs, u.ScoredAs);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
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
