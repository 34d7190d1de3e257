namespace Churn.Experiments.Serving;

/// <summary>
/// A multipart/form-data body (RFC 7578) split into its text fields and one uploaded file, read from
/// memory without temporary files. Only what a browser form sends is supported: one part per field,
/// Content-Disposition naming it, the file as the part that has a filename.
/// </summary>
internal sealed class MultipartForm
{
    private MultipartForm(Dictionary<string, string> fields, byte[]? file)
    {
        Fields = fields;
        File = file;
    }

    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>The uploaded file's bytes (null when no part has a filename).</summary>
    public byte[]? File { get; }

    /// <summary>The boundary parameter of a multipart/form-data content type (null when absent).</summary>
    public static string? BoundaryOf(string contentType)
    {
        foreach (var part in contentType.Split(';').Skip(1))
        {
            var pair = part.Split('=', 2);
            if (pair.Length == 2 && pair[0].Trim().Equals("boundary", StringComparison.OrdinalIgnoreCase))
                return pair[1].Trim().Trim('"');
        }
        return null;
    }

    /// <summary>Parses <paramref name="body"/>; throws <see cref="FormatException"/> saying what is malformed.</summary>
    public static MultipartForm Parse(ReadOnlySpan<byte> body, string boundary)
    {
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        byte[]? file = null;
        var start = body.IndexOf(delimiter);
        if (start < 0) throw new FormatException("the body does not contain the boundary named in Content-Type.");
        var rest = body[(start + delimiter.Length)..];
        while (true)
        {
            if (rest.StartsWith("--"u8)) break; // closing delimiter
            if (!rest.StartsWith("\r\n"u8)) throw new FormatException("a boundary line is not followed by a line break.");
            rest = rest[2..];
            var next = rest.IndexOf(delimiter);
            if (next < 0) throw new FormatException("the closing boundary is missing.");
            var part = rest[..next];
            if (part.EndsWith("\r\n"u8)) part = part[..^2];
            var split = part.IndexOf("\r\n\r\n"u8);
            if (split < 0) throw new FormatException("a part has no blank line after its headers.");
            var headers = Encoding.UTF8.GetString(part[..split]);
            var content = part[(split + 4)..];
            var (name, filename) = Disposition(headers);
            if (filename is not null)
            {
                if (file is not null) throw new FormatException("more than one file was uploaded; send one customer file.");
                file = content.ToArray();
            }
            else if (name is not null)
            {
                if (!fields.TryAdd(name, Encoding.UTF8.GetString(content)))
                    throw new FormatException("field '" + name + "' is given twice.");
            }
            rest = rest[(next + delimiter.Length)..];
        }
        return new MultipartForm(fields, file);
    }

    private static (string? Name, string? FileName) Disposition(string headers)
    {
        foreach (var line in headers.Split("\r\n"))
        {
            if (!line.StartsWith("Content-Disposition:", StringComparison.OrdinalIgnoreCase)) continue;
            string? name = null, filename = null;
            foreach (var item in line["Content-Disposition:".Length..].Split(';'))
            {
                var pair = item.Split('=', 2);
                if (pair.Length != 2) continue;
                var value = pair[1].Trim().Trim('"');
                switch (pair[0].Trim().ToLowerInvariant())
                {
                    case "name": name = value; break;
                    case "filename": filename = value; break;
                }
            }
            return (name, filename);
        }
        return (null, null);
    }
}
