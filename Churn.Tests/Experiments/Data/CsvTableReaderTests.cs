using Churn.Experiments.Data;

namespace Churn.Tests.Experiments.Data;

public sealed class CsvTableReaderTests
{
    [Theory]
    [InlineData('7')]
    [InlineData('-')]
    [InlineData('+')]
    [InlineData('.')]
    public void Options_DelimiterPartOfANumber_Refused(char delimiter)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CsvReadOptions { Delimiter = delimiter }.Validate());
        Assert.Contains("cannot be a digit, a sign or a decimal point", e.Message);
    }

    [Fact]
    public void Read_MixedColumns_InfersNumericAndText()
    {
        using var csv = new TempCsv("id,amount,plan,note\n1,2.5,Yes,\n2, -3e2 ,No,x\n3,,Yes,  \n");
        var table = CsvTableReader.Read(csv.FilePath);

        Assert.Equal(3, table.RowCount);
        Assert.Equal(["id", "amount", "plan", "note"], table.ColumnNames);
        Assert.Equal([1.0, 2.0, 3.0], table.Numeric("id").Values);
        var amount = table.Numeric("amount").Values;
        Assert.Equal(2.5, amount[0]);
        Assert.Equal(-300.0, amount[1]);
        Assert.True(double.IsNaN(amount[2]));
        Assert.Equal(new string?[] { "Yes", "No", "Yes" }, table.Text("plan").Values.AsEnumerable());
        Assert.Equal(new string?[] { null, "x", null }, table.Text("note").Values.AsEnumerable());
        Assert.Equal(csv.FilePath, table.SourcePath);
    }

    [Fact]
    public void Read_QuotedFieldWithCommaAndLineBreak_KeepsValueAndLineNumbers()
    {
        using var csv = new TempCsv("a,b\n1,\"x, \"\"y\"\"\nz\"\n2,w\n");
        var table = CsvTableReader.Read(csv.FilePath);

        Assert.Equal("x, \"y\"\nz", table.Text("b")[0]);
        Assert.Equal(2, table.LineOf(0));
        Assert.Equal(4, table.LineOf(1));
    }

    [Fact]
    public void Read_AllBlankColumn_IsNumericAllMissing()
    {
        using var csv = new TempCsv("a,b\n1,\n2, \n");
        var column = CsvTableReader.Read(csv.FilePath).Numeric("b");
        Assert.Equal(2, column.MissingCount);
    }

    [Fact]
    public void Read_MissingTokens_AreMissing()
    {
        using var csv = new TempCsv("a\n1\nNA\n3\n");
        var table = CsvTableReader.Read(csv.FilePath, new CsvReadOptions { MissingTokens = ["NA"] });
        Assert.Equal(1, table.Numeric("a").MissingCount);
    }

    [Fact]
    public void Read_ThousandsSeparatorOrComma_IsAnErrorNotText()
    {
        // A number with a comma must never silently become a text column (issue 13, item 10).
        using var csv = new TempCsv("a,b\n\"1,5\",1.5\n");
        var ex = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(csv.FilePath));
        Assert.Equal("a", ex.Column);
        Assert.Contains("--decimal ,", ex.Message);
        // Read with a decimal comma, column b's decimal point is the error instead.
        var other = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(csv.FilePath, new CsvReadOptions { DecimalSeparator = ',' }));
        Assert.Equal("b", other.Column);
    }

    [Fact]
    public void Read_TextColumnsOption_KeepsDigitsAsText()
    {
        using var csv = new TempCsv("zip,n\n01234,1\n");
        var table = CsvTableReader.Read(csv.FilePath, new CsvReadOptions { TextColumns = ["zip"] });
        Assert.Equal("01234", table.Text("zip")[0]);
    }

    [Fact]
    public void Read_MissingFile_ThrowsNamingFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "churn-test-does-not-exist-" + Guid.NewGuid().ToString("N") + ".csv");
        var ex = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(path));
        Assert.Equal(path, ex.File);
        Assert.Contains(path, ex.Message);
        Assert.Contains("file not found", ex.Message);
    }

    [Fact]
    public void Read_EmptyFile_ThrowsNoHeader()
    {
        using var csv = new TempCsv("");
        var ex = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(csv.FilePath));
        Assert.Equal(csv.FilePath, ex.File);
        Assert.Contains("empty", ex.Message);
        Assert.Contains(csv.FilePath, ex.Message);
    }

    [Fact]
    public void Read_HeaderOnly_ThrowsNoRows()
    {
        using var csv = new TempCsv("a,b\n");
        var ex = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(csv.FilePath));
        Assert.Contains("no data rows", ex.Message);
        Assert.Contains(csv.FilePath, ex.Message);
    }

    [Fact]
    public void Read_RaggedRow_ThrowsNamingRowLineAndCounts()
    {
        using var csv = new TempCsv("a,b,c\n1,2,3\n4,5\n");
        var ex = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(csv.FilePath));
        Assert.Equal(2, ex.Row);
        Assert.Equal(3, ex.Line);
        Assert.Contains("row 2", ex.Message);
        Assert.Contains("line 3", ex.Message);
        Assert.Contains("2 fields", ex.Message);
        Assert.Contains("3 columns", ex.Message);
        Assert.Contains(csv.FilePath, ex.Message);
    }

    [Fact]
    public void Read_TooManyFields_Throws()
    {
        using var csv = new TempCsv("a,b\n1,2,3\n");
        var ex = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(csv.FilePath));
        Assert.Equal(1, ex.Row);
        Assert.Contains("3 fields", ex.Message);
    }

    [Fact]
    public void Read_DuplicateHeader_ThrowsNamingColumn()
    {
        using var csv = new TempCsv("a,b,a\n1,2,3\n");
        var ex = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(csv.FilePath));
        Assert.Equal("a", ex.Column);
        Assert.Contains("duplicate", ex.Message);
        Assert.Contains("columns 1 and 3", ex.Message);
    }

    [Fact]
    public void Read_BlankHeaderName_ThrowsNamingPosition()
    {
        using var csv = new TempCsv("a,,c\n1,2,3\n");
        var ex = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(csv.FilePath));
        Assert.Contains("column 2", ex.Message);
        Assert.Contains("blank", ex.Message);
        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void Read_UnterminatedQuote_ThrowsWithRow()
    {
        using var csv = new TempCsv("a,b\n1,2\n3,\"oops\n5,6\n");
        var ex = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(csv.FilePath));
        Assert.Equal(csv.FilePath, ex.File);
        Assert.Equal(2, ex.Row);
        Assert.Contains("malformed CSV: a quoted field that is never closed", ex.Message);
        Assert.Contains("row 2", ex.Message);
        Assert.Contains(csv.FilePath, ex.Message);
    }

    [Fact]
    public void Read_StrayQuote_ThrowsWithRow()
    {
        using var csv = new TempCsv("a,b\n1,2\n3,ab\"c\n");
        var ex = Assert.Throws<ChurnDataException>(() => CsvTableReader.Read(csv.FilePath));
        Assert.Equal(2, ex.Row);
        Assert.Equal(3, ex.Line);
        Assert.Contains("malformed CSV: a quote inside an unquoted field", ex.Message);
        Assert.DoesNotContain("record 3", ex.Message);
    }

    [Fact]
    public void Read_DeclaredNumericWithText_ThrowsNamingFileRowColumnValue()
    {
        using var csv = new TempCsv("a,b\n1,2\n3,4\n5,abc\n");
        var ex = Assert.Throws<ChurnDataException>(() =>
            CsvTableReader.Read(csv.FilePath, new CsvReadOptions { NumericColumns = ["b"] }));
        Assert.Equal(csv.FilePath, ex.File);
        Assert.Equal(3, ex.Row);
        Assert.Equal(4, ex.Line);
        Assert.Equal("b", ex.Column);
        Assert.Equal("abc", ex.Value);
        Assert.Contains(csv.FilePath, ex.Message);
        Assert.Contains("row 3", ex.Message);
        Assert.Contains("column 'b'", ex.Message);
        Assert.Contains("value 'abc'", ex.Message);
    }

    [Fact]
    public void Read_DeclaredNumericColumnAbsent_ThrowsWithCloseNames()
    {
        using var csv = new TempCsv("amount,b\n1,2\n");
        var ex = Assert.Throws<ChurnDataException>(() =>
            CsvTableReader.Read(csv.FilePath, new CsvReadOptions { NumericColumns = ["Amount"] }));
        Assert.Equal("Amount", ex.Column);
        Assert.Contains("'amount'", ex.Message);
    }

    [Fact]
    public void Read_ColumnDeclaredNumericAndText_ThrowsArgumentOutOfRange()
    {
        using var csv = new TempCsv("a\n1\n");
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            CsvTableReader.Read(csv.FilePath, new CsvReadOptions { NumericColumns = ["a"], TextColumns = ["a"] }));
        Assert.Contains("'a'", ex.Message);
    }

    [Fact]
    public void Read_Telecom1000_Has1000RowsAnd226Columns()
    {
        var table = CsvTableReader.Read(TestFiles.Telecom1000);
        Assert.Equal(1000, table.RowCount);
        Assert.Equal(226, table.ColumnCount);
        Assert.Equal(7000842753.0, table.Numeric("mobile_number")[0]);
        Assert.Equal(197.385, table.Numeric("arpu_6")[0]);
        Assert.IsType<TextColumn>(table.Column("last_date_of_month_6"));
        Assert.IsType<TextColumn>(table.Column("date_of_last_rech_data_6"));
        Assert.Equal(12, table.Columns.Count(c => c is TextColumn)); // 3 date kinds x 4 months
    }

    [Fact]
    public void Read_BigMl_TypesAndShape()
    {
        var table = CsvTableReader.Read(TestFiles.BigMl);
        Assert.Equal(2666, table.RowCount);
        Assert.Equal(20, table.ColumnCount);
        Assert.IsType<TextColumn>(table.Column("State"));
        Assert.IsType<TextColumn>(table.Column("Churn"));
        Assert.IsType<NumericColumn>(table.Column("Total day minutes"));
        Assert.Equal(388, table.Text("Churn").Values.Count(v => v == "True"));
    }

    [Fact]
    public void RowReader_StreamsRowsWithReusedBuffer()
    {
        using var csv = new TempCsv("a,b\n1,x\n,y\n3,z\n");
        using var reader = CsvRowReader.Open(csv.FilePath);
        Assert.Equal(["a", "b"], reader.Header);
        var a = reader.IndexOf("a");
        var sums = 0.0;
        var missing = 0;
        string[]? first = null;
        while (reader.Read())
        {
            first ??= reader.Fields;
            Assert.Same(first, reader.Fields);
            var v = reader.GetDouble(a);
            if (double.IsNaN(v)) missing++;
            else sums += v;
        }
        Assert.Equal(4.0, sums);
        Assert.Equal(1, missing);
        Assert.Equal(3, reader.Row);
        Assert.Equal(4, reader.Line);
    }

    [Fact]
    public void RowReader_GetDoubleOnText_ThrowsNamingFileRowColumnValue()
    {
        using var csv = new TempCsv("a,b\n1,2\nxyz,3\n");
        using var reader = CsvRowReader.Open(csv.FilePath);
        reader.Read();
        reader.Read();
        var ex = Assert.Throws<ChurnDataException>(() => reader.GetDouble(0));
        Assert.Equal((csv.FilePath, 2, 3, "a", "xyz"), (ex.File, ex.Row, ex.Line, ex.Column, ex.Value));
    }

    [Fact]
    public void RowReader_UnknownColumn_ThrowsWithCloseNames()
    {
        using var csv = new TempCsv("total_og_mou_6,total_ic_mou_6\n1,2\n");
        using var reader = CsvRowReader.Open(csv.FilePath);
        var ex = Assert.Throws<ChurnDataException>(() => reader.IndexOf("total_og_mou6"));
        Assert.Contains("Did you mean: 'total_og_mou_6'", ex.Message);
    }
}
