namespace Churn.Experiments.Sql;

/// <summary>
/// What differs between the SQL engines we emit for: identifier quoting, string literals and type
/// names. Everything else the generated SQL uses (arithmetic, EXP, CASE, COALESCE, TRIM, CAST,
/// subqueries) is the same in all of them.
/// </summary>
public sealed class SqlDialect
{
    private SqlDialect(string name, char quote, bool backslashEscapes, string doubleType, string textType)
    {
        Name = name;
        this.quote = quote;
        // BigQuery escapes inside `...` with a backslash; Spark doubles the backtick, like "" elsewhere.
        identifierBackslash = name == "bigquery";
        this.backslashEscapes = backslashEscapes;
        DoubleType = doubleType;
        TextType = textType;
    }

    private readonly char quote;
    private readonly bool backslashEscapes;
    private readonly bool identifierBackslash;

    public static SqlDialect DuckDb { get; } = new("duckdb", '"', false, "DOUBLE", "VARCHAR");
    public static SqlDialect Postgres { get; } = new("postgres", '"', false, "DOUBLE PRECISION", "TEXT");
    public static SqlDialect Spark { get; } = new("spark", '`', true, "DOUBLE", "STRING");
    public static SqlDialect Trino { get; } = new("trino", '"', false, "DOUBLE", "VARCHAR");
    public static SqlDialect BigQuery { get; } = new("bigquery", '`', true, "FLOAT64", "STRING");

    public static IReadOnlyList<SqlDialect> All { get; } = [DuckDb, Postgres, Spark, Trino, BigQuery];

    public string Name { get; }

    /// <summary>The engine's IEEE double type.</summary>
    public string DoubleType { get; }

    public string TextType { get; }

    /// <summary>
    /// Appended to every nested SELECT: PostgreSQL pulls subqueries up and pastes each column's expression
    /// wherever it is used, so the layers would be recomputed exponentially often; OFFSET 0 keeps each layer
    /// computed once. The other engines keep the layers as written.
    /// </summary>
    public string SubqueryFence => Name == "postgres" ? "\nOFFSET 0" : "";

    /// <summary>
    /// A column giving the rows' physical order, where the engine has one and may otherwise return rows in
    /// another order (PostgreSQL's parallel scans): ctid. DuckDB keeps insertion order; Spark, Trino and
    /// BigQuery tables have no row order (use --id to join back).
    /// </summary>
    public string? RowOrderColumn => Name == "postgres" ? "ctid" : null;

    public static SqlDialect Parse(string name) =>
        All.FirstOrDefault(d => d.Name == name)
        ?? throw new ArgumentException("unknown SQL dialect '" + name + "'; known: " + string.Join(", ", All.Select(d => d.Name)) + ".");

    /// <summary>A quoted identifier: spaces, capitals and keywords in column names survive.</summary>
    public string Identifier(string name)
    {
        // The SELECT's layout indents every line, so a line break inside a quoted name would change the name.
        if (name.Any(c => c is '\0' or '\n' or '\r'))
            throw new ArgumentException("column '" + name.ReplaceLineEndings(" ").Replace('\0', ' ') + "': a name holding a line break or a NUL "
                + "cannot be written as a SQL identifier; rename the column.");
        var q = quote.ToString();
        var escaped = identifierBackslash
            ? name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(q, "\\" + q, StringComparison.Ordinal)
            : name.Replace(q, q + q, StringComparison.Ordinal);
        return q + escaped + q;
    }

    /// <summary>A dotted name (catalog.schema.table), each part quoted.</summary>
    public string QualifiedName(string dotted) => string.Join(".", dotted.Split('.').Select(Identifier));

    /// <summary>
    /// <paramref name="query"/> (a --query) when it is one statement, without a last ';': a ';' outside quotes,
    /// quoted names, dollar quotes and comments would end the SELECT this query is wrapped in and start another
    /// (e.g. "... ) AS src; DROP TABLE t; ..."), so it is refused, naming where it is.
    /// </summary>
    public string OneStatement(string query)
    {
        var end = query.Length;
        while (end > 0 && (char.IsWhiteSpace(query[end - 1]) || query[end - 1] == ';')) end--;
        var body = query[..end];
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == ';')
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "--query must be one SELECT statement; it holds ';' at character {0} ('{1}'). Give the filter as one query.",
                    i + 1, body.Substring(Math.Max(0, i - 20), Math.Min(body.Length, i + 21) - Math.Max(0, i - 20))));
            if (c == '\'' || c == '"')
            {
                // E'...' strings escape with a backslash; other quotes double themselves ('it''s', "a""b").
                var backslash = c == '\'' && i > 0 && (body[i - 1] is 'E' or 'e') && (i < 2 || !char.IsLetterOrDigit(body[i - 2]));
                for (i++; i < body.Length; i++)
                {
                    if (backslash && body[i] == '\\') { i++; continue; }
                    if (body[i] != c) continue;
                    if (i + 1 < body.Length && body[i + 1] == c) { i++; continue; }
                    break;
                }
            }
            else if (c == '-' && i + 1 < body.Length && body[i + 1] == '-')
            {
                while (i < body.Length && body[i] != '\n') i++;
            }
            else if (c == '/' && i + 1 < body.Length && body[i + 1] == '*')
            {
                var depth = 1; // PostgreSQL's block comments nest
                for (i += 2; i < body.Length && depth > 0; i++)
                {
                    if (body[i] == '/' && i + 1 < body.Length && body[i + 1] == '*') { depth++; i++; }
                    else if (body[i] == '*' && i + 1 < body.Length && body[i + 1] == '/') { depth--; i++; }
                }
                i--;
            }
            else if (c == '$' && DollarTag(body, i) is { } tag)
            {
                var close = body.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = close < 0 ? body.Length : close + tag.Length - 1;
            }
        }
        return body;
    }

    /// <summary>The dollar-quote tag ($$ or $name$) opening at <paramref name="at"/>, or null (a $1 parameter is none).</summary>
    private static string? DollarTag(string text, int at)
    {
        if (at > 0 && (char.IsLetterOrDigit(text[at - 1]) || text[at - 1] == '_')) return null;
        var k = at + 1;
        while (k < text.Length && (char.IsLetter(text[k]) || text[k] == '_' || (k > at + 1 && char.IsDigit(text[k])))) k++;
        return k < text.Length && text[k] == '$' ? text[at..(k + 1)] : null;
    }

    /// <summary>
    /// A string literal equal to <paramref name="value"/>. Control characters (a category may hold a line break) are never
    /// written raw: the SELECT's layout indents every line, which would change the value, and BigQuery refuses a raw
    /// line break in a quoted string. Backslash dialects escape them (\n, \t, \r, \uXXXX); the others concatenate CHR(code).
    /// </summary>
    public string String(string value)
    {
        var builder = new StringBuilder("'");
        var pieces = 1;
        if (value.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException("the value '" + value.Replace('\0', ' ') + "' holds a NUL character, which PostgreSQL's text cannot hold "
                + "and no engine here compares reliably; remove it from the data.");
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                if (backslashEscapes)
                    builder.Append(c switch { '\n' => "\\n", '\t' => "\\t", '\r' => "\\r", _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) });
                else
                {
                    builder.Append("' || CHR(").Append(((int)c).ToString(CultureInfo.InvariantCulture)).Append(") || '");
                    pieces++;
                }
                continue;
            }
            builder.Append(c switch
            {
                '\'' => backslashEscapes ? "\\'" : "''",
                '\\' when backslashEscapes => "\\\\",
                _ => c.ToString(),
            });
        }
        builder.Append('\'');
        return pieces == 1 ? builder.ToString() : "(" + builder + ")";
    }

    /// <summary>
    /// A file path as a plain string literal, for statements that take no expression (COPY ... TO, SET, a table
    /// function's file): a path holding a control character, which <see cref="String"/> would write as CHR()
    /// concatenation, is refused by name instead.
    /// </summary>
    public string FileLiteral(string path)
    {
        if (path.Any(char.IsControl))
            throw new ArgumentException("file '" + path.ReplaceLineEndings(" ") + "': a path holding a line break or another control character "
                + "cannot be given to the SQL engine; rename or move the file.");
        return String(path);
    }

    /// <summary>
    /// A double literal that the engine reads as the same double: the shortest round-trip digits with
    /// an exponent, because every one of these engines types a literal with an exponent as a double
    /// (PostgreSQL as numeric, converted exactly-rounded on use) while "0.1" would be a DECIMAL.
    /// Negative values are parenthesised so "x - -1" never becomes a "--" comment.
    /// </summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException("cannot write " + value.ToString(CultureInfo.InvariantCulture) + " as a SQL number.");
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (!text.Contains('E', StringComparison.Ordinal)) text += "E0";
        return value < 0 || (value == 0 && double.IsNegative(value)) ? "(" + text + ")" : text;
    }

    /// <summary>The median of an expression (interpolated between the two middle values for an even count).</summary>
    public string Median(string expression) => Name == "postgres"
        ? "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY " + expression + ")"
        : "MEDIAN(" + expression + ")";

    /// <summary>The engine's 64-bit integer type.</summary>
    public string IntegerType => Name == "bigquery" ? "INT64" : "BIGINT";

    /// <summary>The remainder of integer division (sign of the dividend, as C#'s %): BigQuery has only MOD().</summary>
    public string Modulo(string dividend, string divisor) =>
        Name == "bigquery" ? "MOD(" + dividend + ", " + divisor + ")" : "((" + dividend + ") % " + divisor + ")";

    /// <summary>
    /// True where a (trimmed) text is a decimal number, for the "numbers stored as text" check of training,
    /// which runs on DuckDB and PostgreSQL only.
    /// </summary>
    public string IsNumberText(string expression) => Name switch
    {
        "duckdb" => "(TRY_CAST(" + expression + " AS DOUBLE) IS NOT NULL)",
        "postgres" => "(" + expression + " ~ '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$')",
        _ => throw new NotSupportedException("training runs on duckdb and postgres, not " + Name + "."),
    };

    public string CastDouble(string expression) => "CAST(" + expression + " AS " + DoubleType + ")";

    public string CastText(string expression) => "CAST(" + expression + " AS " + TextType + ")";
}
