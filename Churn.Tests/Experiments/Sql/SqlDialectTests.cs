using System.Globalization;
using Churn.Experiments.Sql;

namespace Churn.Tests.Experiments.Sql;

public sealed class SqlDialectTests
{
    [Theory]
    [InlineData(0.1, "0.1E0")]
    [InlineData(-2.0, "(-2E0)")]
    [InlineData(1.5e-300, "1.5E-300")]
    [InlineData(123456789.12345679, "123456789.12345679E0")]
    public void Number_Value_ShortestRoundTripWithExponent(double value, string expected)
    {
        var text = SqlDialect.Number(value);
        Assert.Equal(expected, text);
        Assert.Equal(value, double.Parse(text.Trim('(', ')'), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Number_RandomDoubles_ParseBackToTheSameBits()
    {
        var random = new Random(7);
        for (var i = 0; i < 10_000; i++)
        {
            var value = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (!double.IsFinite(value)) continue;
            Assert.Equal(value, double.Parse(SqlDialect.Number(value).Trim('(', ')'), CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Number_NaN_Throws() => Assert.Throws<ArgumentException>(() => SqlDialect.Number(double.NaN));

    [Theory]
    [InlineData("duckdb", "a \"b\"", "\"a \"\"b\"\"\"")]
    [InlineData("spark", "a `b`", "`a ``b```")]
    [InlineData("bigquery", "a `b`", "`a \\`b\\``")]
    public void Identifier_QuoteInName_Escaped(string dialect, string name, string expected) =>
        Assert.Equal(expected, SqlDialect.Parse(dialect).Identifier(name));

    [Theory]
    [InlineData("postgres", "it's", "'it''s'")]
    [InlineData("trino", "it's", "'it''s'")]
    [InlineData("bigquery", "it's \\", "'it\\'s \\\\'")]
    [InlineData("spark", "it's", "'it\\'s'")]
    public void String_QuoteInValue_Escaped(string dialect, string value, string expected) =>
        Assert.Equal(expected, SqlDialect.Parse(dialect).String(value));

    [Theory]
    [InlineData("duckdb", "d\nx\ty", "('d' || CHR(10) || 'x' || CHR(9) || 'y')")]
    [InlineData("postgres", "a\r\n", "('a' || CHR(13) || '' || CHR(10) || '')")]
    [InlineData("spark", "d\nx\u0001", "'d\\nx\\u0001'")]
    [InlineData("bigquery", "d\tx", "'d\\tx'")]
    public void String_ControlCharacter_NeverWrittenRaw(string dialect, string value, string expected)
    {
        var literal = SqlDialect.Parse(dialect).String(value);
        Assert.Equal(expected, literal);
        Assert.DoesNotContain(literal, char.IsControl);
    }

    [Fact]
    public void FileLiteral_PlainPath_IsTheStringLiteral_ControlCharacterRefused()
    {
        Assert.Equal("'/tmp/it''s.csv'", SqlDialect.DuckDb.FileLiteral("/tmp/it's.csv"));
        var e = Assert.Throws<ArgumentException>(() => DuckDbEngine.ReadFunction("/tmp/two\nlines.csv"));
        Assert.Contains("file '/tmp/two lines.csv'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void String_NulInValue_RefusedNamingIt()
    {
        var e = Assert.Throws<ArgumentException>(() => SqlDialect.Postgres.String("gold\0plan"));
        Assert.Contains("'gold plan' holds a NUL character", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Identifier_LineBreakInName_RefusedNamingIt()
    {
        var e = Assert.Throws<ArgumentException>(() => SqlDialect.DuckDb.Identifier("plan\ntype"));
        Assert.Contains("column 'plan type'", e.Message, StringComparison.Ordinal);
        Assert.Equal("\"a\tb\"", SqlDialect.DuckDb.Identifier("a\tb"));
    }

    [Theory]
    [InlineData("select * from t", "select * from t")]
    [InlineData("select * from t;  \n", "select * from t")]                                  // a last ';' is dropped
    [InlineData("select 'a;b', \"c;d\" from t where x = 'it''s; fine'", null)]
    [InlineData("select E'a\\';b' from t", null)]                                            // E'...' escapes with a backslash
    [InlineData("select $$;$$, $tag$ ; $tag$ from t -- a comment; here\n", null)]
    [InlineData("select /* a /* nested ; */ comment; */ 1", null)]
    public void OneStatement_SemicolonsInsideQuotesAndComments_Kept(string query, string? expected) =>
        Assert.Equal(expected ?? query.TrimEnd(), SqlDialect.Postgres.OneStatement(query));

    [Theory]
    [InlineData("select * from t) AS src; drop table t; select * from (select 1", 24)]
    [InlineData("select 1; select 2", 9)]
    [InlineData("select 'a'';' ; delete from t", 15)]
    [InlineData("select $x$ a $x$; drop table t", 17)]
    public void OneStatement_SecondStatement_RefusedNamingWhere(string query, int at)
    {
        var e = Assert.Throws<ArgumentException>(() => SqlDialect.Postgres.OneStatement(query));
        Assert.Contains("one SELECT statement", e.Message);
        Assert.Contains("character " + at.ToString(CultureInfo.InvariantCulture), e.Message);
    }

    [Fact]
    public void Parse_UnknownDialect_NamesTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => SqlDialect.Parse("oracle"));
        Assert.Contains("duckdb, postgres, spark, trino, bigquery", e.Message, StringComparison.Ordinal);
    }
}
