using System.Reflection;
using System.Text.Json;

namespace Churn.Experiments.Modeling;

/// <summary>
/// What <see cref="ModelFile"/> says about JSON it cannot take, in the file's own terms: a key given twice
/// (JSON parsers would silently keep the last one) and a value of the wrong kind, named by its path and
/// line with the kind expected there, never by a .NET type name.
/// </summary>
internal static class ModelJsonCheck
{
    /// <summary>Refuses an object that names a key twice, anywhere in the document.</summary>
    public static void RejectDuplicateKeys(JsonElement element, string path = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var at = path.Length == 0 ? property.Name : path + "." + property.Name;
                    if (!seen.Add(property.Name))
                        throw new ModelFileException("key '" + at + "' appears twice; a model file gives each value once " +
                                                     "(was it edited or merged by hand?). Remove one, or retrain.");
                    RejectDuplicateKeys(property.Value, at);
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    RejectDuplicateKeys(item, path + "[" + (i++).ToString(CultureInfo.InvariantCulture) + "]");
                break;
        }
    }

    /// <summary>The message for JSON the model types cannot take.</summary>
    public static string Describe(JsonException e, Type root)
    {
        var line = e.LineNumber is { } l ? " at line " + (l + 1).ToString(CultureInfo.InvariantCulture) : "";
        var path = e.Path is { } p ? p.TrimStart('$').TrimStart('.') : "";
        if (path.Length > 0)
            return "'" + path + "'" + line + " is not " + (ExpectedKind(root, path) ?? "what a model file holds there") + ".";
        // Syntax errors: the reader's text, without its 0-based position (the line is given above).
        var message = e.Message;
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (position >= 0) message = message[..position];
        return "corrupt JSON" + line + ": " + message.Trim();
    }

    /// <summary>"a number", "text", "a list" ... for the member at <paramref name="path"/> ("features.numeric[0].median").</summary>
    private static string? ExpectedKind(Type type, string path)
    {
        foreach (var segment in path.Split('.'))
        {
            var bracket = segment.IndexOf('[');
            var name = bracket >= 0 ? segment[..bracket] : segment;
            if (name.Length > 0 && DictionaryValue(type) is { } value) type = value; // metrics.train_auc
            else if (name.Length > 0)
            {
                var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .FirstOrDefault(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name) == name);
                if (property is null) return null;
                type = property.PropertyType;
            }
            for (var b = bracket; b >= 0; b = segment.IndexOf('[', b + 1))
                type = ElementType(type) ?? type;
        }
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return "text";
        if (type == typeof(bool)) return "true or false";
        if (type.IsPrimitive || type == typeof(decimal)) return "a number";
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type));
        if (ElementType(type) is not null) return "a list";
        return "an object";
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray) return type.GetElementType();
        if (type == typeof(string)) return null;
        if (DictionaryValue(type) is not null) return null;
        var enumerable = type.GetInterfaces().Concat([type]).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    private static Type? DictionaryValue(Type type) =>
        type.GetInterfaces().Concat([type])
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))?.GetGenericArguments()[1];
}
