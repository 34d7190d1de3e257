namespace Churn.Experiments.Serving;

/// <summary>
/// What the HTTP host needs from a fitted churn model: its input fields (which drive request
/// validation, the business page and the OpenAPI document), a card describing it, and a
/// prediction for one customer. Implementations must be safe to call from many threads at
/// once (the host serves requests concurrently) and should be immutable.
/// </summary>
public interface IChurnPredictor {
    IReadOnlyList<InputField> Inputs { get; }          // the model's input fields, in form order
    object ModelCard { get; }                            // serialised as-is (System.Text.Json) for GET /model
    ChurnPrediction Predict(IReadOnlyDictionary<string, InputValue> input); // the one prediction record; throws InputException(field, message) for a value the model cannot take
}

/// <summary>
/// One input of the model. <see cref="Name"/> is the JSON property name; <see cref="Label"/>,
/// <see cref="Unit"/> and <see cref="Description"/> are plain words for people. Number fields use
/// <see cref="DefaultNumber"/>, <see cref="Minimum"/> and <see cref="Maximum"/> (inclusive; the host
/// rejects values outside them); category fields use <see cref="DefaultCategory"/> and
/// <see cref="Categories"/> (the host rejects other values when the list is given, unless
/// <see cref="OtherCategoriesScored"/>: then another value passes to the predictor, which scores and flags it).
/// A field with <see cref="Required"/> = false may be omitted from a request (the predictor then decides).
/// </summary>
public sealed record InputField(string Name, string Label, InputKind Kind, string? Unit, string? Description, double? DefaultNumber, string? DefaultCategory, IReadOnlyList<string>? Categories, bool Required, double? Minimum, double? Maximum)
{
    /// <summary>True when a category outside <see cref="Categories"/> is accepted (the model's unseen-category policy) rather than refused.</summary>
    public bool OtherCategoriesScored { get; init; }
}

public enum InputKind { Number, Category }

/// <summary>A validated request value: <see cref="Number"/> for number fields (always finite), <see cref="Text"/> for category fields.</summary>
public readonly record struct InputValue(double? Number, string? Text);   // exactly one set

/// <summary>Thrown by a predictor for a value it cannot take; the host answers 400 naming <see cref="Field"/>.</summary>
public sealed class InputException(string field, string message) : Exception(message) { public string Field { get; } = field; }
