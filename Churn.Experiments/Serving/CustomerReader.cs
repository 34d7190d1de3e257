using System.Text.Json;

namespace Churn.Experiments.Serving;

/// <summary>
/// Turns a request body into validated customers for <see cref="IChurnPredictor.Predict"/>, checking it
/// against the model's <see cref="InputField"/>s: every required field present and not null, no unknown
/// or repeated field, numbers as finite JSON numbers inside [Minimum, Maximum], categories as JSON strings
/// from the allowed list. Anything else throws <see cref="ApiException"/> (400, or 413 for too many
/// customers) naming the field and, in a batch, the customer's index. Stateless after construction, so
/// one instance serves all requests.
/// </summary>
internal sealed class CustomerReader
{
    private static readonly byte[] CustomersProperty = "customers"u8.ToArray();

    /// <summary>Deepest nesting of objects and arrays a body may have (a batch of customers needs 3).</summary>
    private const int MaxDepth = 16;

    private readonly InputSchema _schema;
    private readonly IReadOnlyList<InputField> _fields;
    private readonly byte[][] _utf8Names;

    public CustomerReader(InputSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
        _fields = schema.Fields;
        _utf8Names = [.. _fields.Select(f => Encoding.UTF8.GetBytes(f.Name))];
    }

    public IReadOnlyList<InputField> Fields => _fields;

    /// <summary>Reads a body holding one customer as a JSON object.</summary>
    public Dictionary<string, InputValue> ReadSingle(ReadOnlySpan<byte> body)
    {
        body = WithoutByteOrderMark(body);
        var reader = Open(body);
        string? field = null;
        try
        {
            Expect(ref reader, "The body must be a JSON object with one customer's fields.");
            var customer = ReadCustomer(ref reader, ref field);
            EnsureEnd(ref reader);
            return customer;
        }
        catch (Exception ex) when (Reported(ex, ref reader, body, field, null) is { } reported)
        {
            throw reported;
        }
    }

    /// <summary>Reads <c>{"customers":[...]}</c> or a bare array of customers, at most <paramref name="maxCustomers"/>.</summary>
    public List<Dictionary<string, InputValue>> ReadBatch(ReadOnlySpan<byte> body, int maxCustomers)
    {
        body = WithoutByteOrderMark(body);
        var reader = Open(body);
        string? field = null;
        int? index = null;
        var customers = new List<Dictionary<string, InputValue>>();
        try
        {
            if (!reader.Read())
                throw new ApiException(400, ErrorCodes.EmptyBody, "The request body is empty.");
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                var seenCustomers = false;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (!NameIs(ref reader, CustomersProperty))
                        throw new ApiException(400, ErrorCodes.UnknownField,
                            $"Unknown field '{NameOf(ref reader)}'; a batch is {{\"customers\": [...]}} or a bare JSON array.", NameOf(ref reader));
                    if (seenCustomers)
                        throw new ApiException(400, ErrorCodes.DuplicateField, "Field 'customers' appears more than once.", "customers");
                    seenCustomers = true;
                    field = "customers";
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        var got = Describe(reader.TokenType);
                        throw new ApiException(400, ErrorCodes.InvalidType, $"'customers' must be a JSON array of customer objects, not {got}.", "customers");
                    }
                    field = null;
                    ReadArray(ref reader, customers, maxCustomers, ref field, ref index);
                }
                if (!seenCustomers)
                    throw new ApiException(400, ErrorCodes.MissingField, "Missing field 'customers' (a JSON array of customer objects).", "customers");
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                ReadArray(ref reader, customers, maxCustomers, ref field, ref index);
            }
            else
            {
                throw new ApiException(400, ErrorCodes.InvalidType,
                    $"The body must be {{\"customers\": [...]}} or a JSON array of customers, not {Describe(reader.TokenType)}.");
            }
            EnsureEnd(ref reader);
            return customers;
        }
        catch (Exception ex) when (Reported(ex, ref reader, body, field, index) is { } reported)
        {
            throw reported;
        }
    }

    private void ReadArray(ref Utf8JsonReader reader, List<Dictionary<string, InputValue>> customers, int maxCustomers,
        ref string? field, ref int? index)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var i = customers.Count;
            index = i;
            if (i >= maxCustomers)
                throw new ApiException(413, ErrorCodes.TooManyCustomers,
                    string.Create(CultureInfo.InvariantCulture, $"A batch holds at most {maxCustomers} customers; send the rest in another request."));
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new ApiException(400, ErrorCodes.InvalidType,
                    $"customers[{i}] must be a JSON object, not {Describe(reader.TokenType)}.", null, i);
            try
            {
                customers.Add(ReadCustomer(ref reader, ref field));
            }
            catch (ApiException ex)
            {
                throw ex.AtIndex(i);
            }
            field = null;
        }
        index = null;
    }

    /// <summary>
    /// What a failed read is reported as: broken JSON (from the reader, or later in a body whose content
    /// was refused: broken JSON is reported before what the JSON says), else null for the refusal itself.
    /// </summary>
    private static ApiException? Reported(Exception failure, ref Utf8JsonReader reader, ReadOnlySpan<byte> body, string? field, int? index) => failure switch
    {
        JsonException json => Malformed(json, ref reader, body, field, index),
        ApiException when !IsWellFormedRest(ref reader, body, out var syntax) => syntax,
        _ => null,
    };

    /// <summary>Reads what is left of the document; false (with the error to report) when it is not well-formed JSON.</summary>
    private static bool IsWellFormedRest(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, out ApiException? syntax)
    {
        syntax = null;
        try
        {
            while (reader.Read())
            {
            }
            return true;
        }
        catch (JsonException ex)
        {
            syntax = Malformed(ex, ref reader, body, null, null);
            return false;
        }
    }

    private static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> body) =>
        // 0xEF 0xBB 0xBF ("\xEF\xBB\xBF"u8 would be the UTF-8 of three Latin-1 chars, 6 bytes).
        body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? body[3..] : body;

    private static Utf8JsonReader Open(ReadOnlySpan<byte> body) => new(body, new JsonReaderOptions { MaxDepth = MaxDepth });

    private static void Expect(ref Utf8JsonReader reader, string message)
    {
        if (!reader.Read())
            throw new ApiException(400, ErrorCodes.EmptyBody, "The request body is empty.");
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new ApiException(400, ErrorCodes.InvalidType, $"{message} Got {Describe(reader.TokenType)}.");
    }

    private static void EnsureEnd(ref Utf8JsonReader reader)
    {
        // With AllowMultipleValues off, any non-whitespace after the root value makes Read throw.
        if (reader.Read())
            throw new ApiException(400, ErrorCodes.MalformedJson, "Unexpected content after the JSON value.");
    }

    /// <summary>Reads one customer object; the reader is on its StartObject and ends on its EndObject.</summary>
    private Dictionary<string, InputValue> ReadCustomer(ref Utf8JsonReader reader, ref string? currentField)
    {
        var values = new Dictionary<string, InputValue>(_fields.Count, StringComparer.Ordinal);
        Span<bool> seen = stackalloc bool[_fields.Count];
        List<string>? unknown = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var k = Find(ref reader);
            if (k < 0)
            {
                var name = NameOf(ref reader);
                currentField = name;
                (unknown ??= []).Add(name);
                reader.Read();
                reader.Skip();
                currentField = null;
                continue;
            }
            var field = _fields[k];
            currentField = field.Name;
            if (seen[k])
                throw new ApiException(400, ErrorCodes.DuplicateField, $"Field '{field.Name}' appears more than once.", field.Name);
            seen[k] = true;
            reader.Read();
            if (ReadValue(ref reader, field) is { } value)
                values[field.Name] = value;
            currentField = null;
        }
        currentField = null;
        if (unknown is not null)
        {
            var names = string.Join(", ", unknown.Select(n => $"'{n}'"));
            throw new ApiException(400, ErrorCodes.UnknownField,
                $"Unknown field{(unknown.Count > 1 ? "s" : "")} {names}; the model takes: {_schema.ExpectedList}.", unknown[0]);
        }
        for (var k = 0; k < _fields.Count; k++)
        {
            if (_fields[k].Required && !values.ContainsKey(_fields[k].Name))
                throw new ApiException(400, ErrorCodes.MissingField, InputSchema.MissingMessage(_fields[k]), _fields[k].Name);
        }
        return values;
    }

    private int Find(ref Utf8JsonReader reader)
    {
        for (var k = 0; k < _utf8Names.Length; k++)
            if (NameIs(ref reader, _utf8Names[k]))
                return k;
        return -1;
    }

    private static bool NameIs(ref Utf8JsonReader reader, byte[] name)
    {
        try
        {
            return reader.ValueTextEquals(name);
        }
        catch (InvalidOperationException)
        {
            return false; // a name with a lone surrogate escape matches nothing
        }
    }

    /// <summary>The value of <paramref name="field"/>, or null when an optional field is null.</summary>
    private static InputValue? ReadValue(ref Utf8JsonReader reader, InputField field)
    {
        var name = field.Name;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                if (field.Required)
                    throw new ApiException(400, ErrorCodes.InvalidType, $"Field '{name}' is required and cannot be null.", name);
                return null;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                var got = Describe(reader.TokenType);
                reader.Skip();
                throw new ApiException(400, ErrorCodes.InvalidType, $"Field '{name}' must be {Expected(field)}, not {got}.", name);
            case JsonTokenType.True or JsonTokenType.False:
                throw new ApiException(400, ErrorCodes.InvalidType, $"Field '{name}' must be {Expected(field)}, not {Describe(reader.TokenType)}.", name);
        }

        if (field.Kind == InputKind.Number)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                var text = NameOf(ref reader);
                var hint = IsNonFiniteWord(text)
                    ? " NaN and Infinity are not numbers JSON can carry; send a finite value."
                    : " Send the value without quotes.";
                throw new ApiException(400, ErrorCodes.InvalidType,
                    $"Field '{name}' must be a JSON number, not the string \"{Truncate(text)}\".{hint}", name);
            }
            var raw = Encoding.UTF8.GetString(reader.ValueSpan);
            if (!reader.TryGetDouble(out var number) || !double.IsFinite(number))
                throw new ApiException(400, ErrorCodes.InvalidValue, $"Field '{name}'={Truncate(raw)} is outside the range of a double.", name);
            return InputSchema.Number(field, raw, number);
        }

        if (reader.TokenType != JsonTokenType.String)
            throw new ApiException(400, ErrorCodes.InvalidType,
                $"Field '{name}' must be {Expected(field)}, not {Describe(reader.TokenType)} {Truncate(Encoding.UTF8.GetString(reader.ValueSpan))}.", name);
        return InputSchema.Category(field, TextOf(ref reader, name));
    }

    /// <summary>
    /// A property name as text. A name that is not valid Unicode (invalid UTF-8, a lone surrogate) is
    /// shown with U+FFFD for its invalid bytes, or as its escaped source text, so the error can still name it.
    /// </summary>
    private static string NameOf(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return Encoding.UTF8.GetString(reader.ValueSpan);
        }
    }

    /// <summary>A string value of <paramref name="field"/>; invalid UTF-8 or a lone surrogate is a 400 naming the field.</summary>
    private static string TextOf(ref Utf8JsonReader reader, string field)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new ApiException(400, ErrorCodes.InvalidValue,
                $"Field '{field}' is not valid text: it holds invalid UTF-8 bytes or a lone UTF-16 surrogate (\\uD800-\\uDFFF without its pair).", field);
        }
    }

    private static ApiException Malformed(JsonException ex, ref Utf8JsonReader reader, ReadOnlySpan<byte> body, string? field, int? index)
    {
        var where = string.Create(CultureInfo.InvariantCulture,
            $"line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}");
        var what = field is null ? "" : $" in the value of '{field}'";
        var prefix = index is { } i ? $"customers[{i}]: " : "";
        if (IsTooDeep(ref reader, body))
            return new ApiException(400, ErrorCodes.MalformedJson, string.Create(CultureInfo.InvariantCulture,
                $"{prefix}The JSON{what} nests objects and arrays deeper than the limit of {MaxDepth} levels (at {where}); a customer is a flat object of fields."),
                field, index);
        var hint = field is null ? "" : " (NaN, Infinity, comments and trailing commas are not JSON)";
        return new ApiException(400, ErrorCodes.MalformedJson, $"{prefix}Malformed JSON{what} at {where}{hint}.", field, index);
    }

    /// <summary>True when the reader stopped inside <see cref="MaxDepth"/> open objects and arrays, before one more.</summary>
    private static bool IsTooDeep(ref Utf8JsonReader reader, ReadOnlySpan<byte> body)
    {
        // CurrentDepth counts a StartObject/StartArray token at the depth outside it.
        var open = reader.CurrentDepth + (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray ? 1 : 0);
        if (open < MaxDepth || reader.BytesConsumed > body.Length)
            return false;
        var rest = body[(int)reader.BytesConsumed..].TrimStart(" \t\r\n"u8);
        if (!rest.IsEmpty && rest[0] is (byte)',' or (byte)':')
            rest = rest[1..].TrimStart(" \t\r\n"u8);
        return !rest.IsEmpty && rest[0] is (byte)'[' or (byte)'{';
    }

    private static bool IsNonFiniteWord(string text)
    {
        var t = text.Trim().TrimStart('+', '-');
        return t.Equals("NaN", StringComparison.OrdinalIgnoreCase)
            || t.Equals("Infinity", StringComparison.OrdinalIgnoreCase)
            || t.Equals("Inf", StringComparison.OrdinalIgnoreCase);
    }

    private static string Expected(InputField field) => InputSchema.Expected(field);

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
