using System.Runtime.InteropServices;
using System.Web;
using Churn.Experiments.Campaign;

namespace Churn.Experiments.Serving;

/// <summary>
/// POST /score and POST /campaign: a whole customer file (text/csv body with query parameters, or a
/// multipart form with the file and the same fields) scored by the served model. The file is read from
/// the request buffer only (no temporary file; the buffer is dropped after the answer), capped at
/// <see cref="HostOptions.MaxUploadBytes"/> (413), and its columns are checked against the model (400
/// naming the missing ones and the file's columns the model does not know).
/// /score answers the scored rows as CSV (the `predict` format); /campaign the campaign summary as JSON
/// (the `campaign --json` document), or with format=csv the ranked contact list (the `campaign --out` file).
/// </summary>
internal sealed partial class RequestHandler
{
    private const string CsvType = "text/csv; charset=utf-8";

    private static readonly string[] CampaignParameters = ["offer_cost", "value", "success", "budget", "format"];

    private static readonly Route CustomerFileRoute = new("POST", BodySize.Upload, (_, _) => throw new InvalidOperationException("answered with the head"))
    {
        AnswerWithHead = (h, head, body) => h.CustomerFile(head, body),
    };

    private Reply CustomerFile(HttpRequestHead head, ReadOnlyMemory<byte> body)
    {
        var path = head.Path;
        var model = (_state.Predictor as ChurnModelPredictor)?.Model
            ?? throw new ApiException(404, ErrorCodes.NotFound, $"{path} needs a churn model file; this host serves another predictor.");
        var (csv, parameters) = ReadCustomerFile(head, body, path == "/campaign" ? CampaignParameters : []);
        try
        {
            using var reader = CsvRowReader.FromBytes(csv, "uploaded file", model.ReadOptions());
            if (path == "/score")
            {
                var scored = new MemoryStream();
                BatchScorer.Write(model, reader, scored, null, rank: false);
                return new Reply(200, scored.ToArray(), CsvType);
            }
            var assumptions = Assumptions(parameters);
            var plan = CampaignPlanner.Plan(model, reader, assumptions);
            if (parameters.GetValueOrDefault("format") is "csv")
            {
                var list = new StringWriter(CultureInfo.InvariantCulture);
                ContactList.Write(plan, list);
                return new Reply(200, Encoding.UTF8.GetBytes(list.ToString()), CsvType);
            }
            return new Reply(200, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(plan, Data.JsonStyle.Indented), JsonType); // the campaign --json document
        }
        catch (ChurnDataException ex)
        {
            throw new ApiException(400, ex.Problem.Contains("missing", StringComparison.Ordinal) || ex.Problem.StartsWith("no such column", StringComparison.Ordinal)
                ? ErrorCodes.MissingField : ErrorCodes.InvalidValue, ex.Message, ex.Column);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            var cut = ex.Message.IndexOf(" (Parameter", StringComparison.Ordinal);
            throw new ApiException(400, ErrorCodes.InvalidValue, cut < 0 ? ex.Message : ex.Message[..cut], ex.ParamName);
        }
    }

    /// <summary>The uploaded CSV and the parameters (query string, and form fields for multipart).</summary>
    private static (ArraySegment<byte> Csv, Dictionary<string, string> Parameters) ReadCustomerFile(HttpRequestHead head, ReadOnlyMemory<byte> body, string[] known)
    {
        var contentType = head.ContentType ?? "";
        var media = contentType.Split(';')[0].Trim().ToLowerInvariant();
        var multipart = media == "multipart/form-data";
        if (!multipart && media is not ("text/csv" or "application/csv" or "text/plain"))
            throw new ApiException(415, ErrorCodes.UnsupportedMediaType,
                $"Content-Type '{Truncate(contentType)}' is not supported; send the customer file as text/csv (parameters in the query string) or multipart/form-data.");
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
            throw new ApiException(400, ErrorCodes.EmptyBody, "The request body is empty; send a customer CSV file with a header row.");
        var q = head.Target.IndexOf('?');
        var parameters = q >= 0 ? QueryParameters(head.Target[(q + 1)..], known) : new Dictionary<string, string>(StringComparer.Ordinal);
        ArraySegment<byte> csv;
        if (multipart)
        {
            var boundary = MultipartForm.BoundaryOf(contentType)
                ?? throw new ApiException(400, ErrorCodes.InvalidValue, "multipart/form-data without a boundary parameter.");
            MultipartForm form;
            try
            {
                form = MultipartForm.Parse(body.Span, boundary);
            }
            catch (FormatException ex)
            {
                throw new ApiException(400, ErrorCodes.InvalidValue, "Malformed multipart body: " + ex.Message);
            }
            foreach (var (key, value) in form.Fields)
            {
                if (!parameters.TryAdd(key, value))
                    throw new ApiException(400, ErrorCodes.DuplicateField,
                        $"Parameter '{Truncate(key)}' is given twice, in the query string and in the form; give it once.", key);
            }
            csv = form.File ?? throw new ApiException(400, ErrorCodes.MissingField, "The form has no file part; attach the customer CSV as a file field.", "file");
        }
        else
        {
            // Read in place from the request's buffer (valid until the answer is computed): a 32 MiB upload is not copied.
            csv = MemoryMarshal.TryGetArray(body, out var inPlace) ? inPlace : new ArraySegment<byte>(body.ToArray());
        }
        foreach (var key in parameters.Keys)
            if (!known.Contains(key))
                throw new ApiException(400, ErrorCodes.UnknownField,
                    $"Unknown parameter '{Truncate(key)}'; " + (known.Length == 0 ? "this endpoint takes none." : "known: " + string.Join(", ", known) + "."), key);
        return (csv, parameters);
    }

    /// <summary>
    /// The query string's parameters, percent-decoded. A name without '=' (when it is one of
    /// <paramref name="known"/>) or given twice is refused naming it: HttpUtility would file the first
    /// under no name at all ("Unknown parameter ''") and join the second's values with a comma.
    /// </summary>
    private static Dictionary<string, string> QueryParameters(string query, string[] known)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var fragment = query.IndexOf('#');
        foreach (var pair in (fragment < 0 ? query : query[..fragment]).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = HttpUtility.UrlDecode(equals < 0 ? pair : pair[..equals]);
            if (equals < 0 && known.Contains(name))
                throw new ApiException(400, ErrorCodes.InvalidValue, $"Parameter '{Truncate(name)}' has no value; write {Truncate(name)}=VALUE.", name);
            if (!parameters.TryAdd(name, equals < 0 ? "" : HttpUtility.UrlDecode(pair[(equals + 1)..])))
                throw new ApiException(400, ErrorCodes.DuplicateField, $"Parameter '{Truncate(name)}' is given twice; give it once.", name);
        }
        return parameters;
    }

    private static CampaignAssumptions Assumptions(IReadOnlyDictionary<string, string> parameters)
    {
        double Number(string name, double fallback)
        {
            if (!parameters.TryGetValue(name, out var text) || text.Trim().Length == 0) return fallback;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                throw new ApiException(400, ErrorCodes.InvalidType, $"{name} must be a number (with a '.' decimal point), got '{Truncate(text)}'.", name);
            return double.IsFinite(value)
                ? value
                : throw new ApiException(400, ErrorCodes.InvalidValue, $"{name}={Truncate(text)} is out of the range of a number.", name);
        }
        int? budget = null;
        if (parameters.TryGetValue("budget", out var b) && b.Trim().Length > 0)
        {
            if (int.TryParse(b, NumberStyles.Integer, CultureInfo.InvariantCulture, out var k))
                budget = k;
            else if (System.Numerics.BigInteger.TryParse(b, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                throw new ApiException(400, ErrorCodes.InvalidValue, string.Create(CultureInfo.InvariantCulture,
                    $"budget={Truncate(b.Trim())} is out of range; it must be a whole number from 1 to {int.MaxValue} (the most customers to contact)."), "budget");
            else
                throw new ApiException(400, ErrorCodes.InvalidType, $"budget must be a whole number, got '{Truncate(b)}'.", "budget");
        }
        if (parameters.TryGetValue("format", out var format) && format is not ("json" or "csv"))
            throw new ApiException(400, ErrorCodes.InvalidValue, $"format must be json or csv, got '{Truncate(format)}'.", "format");
        var assumptions = new CampaignAssumptions
        {
            OfferCost = Number("offer_cost", 10.0),
            CustomerValue = Number("value", 100.0),
            SuccessRate = Number("success", 0.3),
            Budget = budget,
        };
        assumptions.Validate(n => n.Replace('-', '_'));
        return assumptions;
    }
}
