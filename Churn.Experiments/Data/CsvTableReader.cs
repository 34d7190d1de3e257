using System.Runtime.CompilerServices;

namespace Churn.Experiments.Data;

/// <summary>
/// Reads a whole CSV file with a header into a <see cref="ColumnTable"/> (invariant culture).
/// A column is numeric when every non-missing cell parses as a finite double (see <see cref="CsvNumber"/>),
/// otherwise text; a column with no non-missing cell is numeric (all NaN). A column where most cells are
/// numbers but some are not is an error naming the first bad cell (a typo must not turn it into a category). Columns listed in
/// <see cref="CsvReadOptions.NumericColumns"/> must be numeric (a non-number is an error naming file,
/// row, line, column and value); columns in <see cref="CsvReadOptions.TextColumns"/> stay text.
/// <para>
/// One pass, no string per cell: the first <see cref="SampleRows"/> rows are looked at to guess which
/// columns are text, a count of the line ends sizes every column once (<see cref="CsvFileLayout"/>), then
/// every cell goes straight into a double or a category code (<see cref="ColumnBuilder"/>), on two cores
/// when the file can be cut at a line end. Memory is the final columns plus a column per core and a constant. A column
/// the sample took for numbers that turns out to be text is read again, alone, in a second pass.
/// For files too large for memory use <see cref="CsvRowReader"/>.
/// </para>
/// </summary>
public static class CsvTableReader
{
    /// <summary>Rows sampled to guess the text columns before the full pass.</summary>
    public const int SampleRows = 1000;

    public static ColumnTable Read(string path, CsvReadOptions? options = null)
    {
        options ??= CsvReadOptions.Default;
        using var reader = CsvRowReader.Open(path, options);
        var header = reader.Header;
        foreach (var name in options.NumericColumns.Concat(options.TextColumns))
            if (!header.Contains(name, StringComparer.Ordinal))
                throw new ChurnDataException(ColumnTable.MissingColumnMessage(header, name), path, column: name);

        var width = header.Count;
        var forcedNumeric = new HashSet<string>(options.NumericColumns, StringComparer.Ordinal);
        var forcedText = new HashSet<string>(options.TextColumns, StringComparer.Ordinal);
        var format = reader.NumberFormat;
        var separator = format.DecimalSeparator;
        var textInSample = SampleTextColumns(path, options, width, separator);
        var layout = CsvFileLayout.Inspect(path);
        ColumnBuilder[] NewBuilders() => Enumerable.Range(0, width)
            .Select(j => new ColumnBuilder(header[j], forcedText.Contains(header[j]) || (textInSample[j] && !forcedNumeric.Contains(header[j])), separator, layout.RowsAtMost))
            .ToArray();
        var builders = NewBuilders();
        var lineArray = new int[Math.Max(layout.RowsAtMost, 1)];
        int rows;
        if (layout.Split is not { } split || !TryReadInTwo(path, reader, builders, lineArray, split, layout.LineEndsBeforeSplit, out rows))
        {
            // One core: small files, files with quotes or bare CRs, and any file a part of which did not read cleanly
            // (read again from the start, so every error is found and worded exactly as in a single pass).
            if (layout.Split is not null) builders = NewBuilders();
            rows = Collect(reader, builders, ref lineArray);
        }
        if (rows == 0)
            throw new ChurnDataException("file has a header but no data rows.", path, line: 1);
        if (lineArray.Length != rows) Array.Resize(ref lineArray, rows);

        // A column the sample took for numbers whose first non-number is too large for a double may hold nothing
        // else besides numbers, which only its text pass can tell: then that pass comes before the decisions, so the
        // column is judged in its place among the others (else after them, only to collect its text).
        var late = Enumerable.Range(0, width).Where(j => builders[j].NeedsTextPass).ToArray();
        var lateFirst = late.Any(j => !forcedNumeric.Contains(builders[j].Name) && CsvNumber.IsOutOfRange(builders[j].FirstNonNumber!.Value.Value, separator));
        if (lateFirst) ReadAgainAsText(path, options, builders, late);

        // Decide every column in order, so the first broken column (in file order) is the one named.
        for (var j = 0; j < width; j++)
        {
            var builder = builders[j];
            if (forcedText.Contains(builder.Name) || builder.FirstNonNumber is not { } bad) continue;
            var otherFormat = CsvNumber.IsNumberInAnyFormat(bad.Value);
            // A number too large for a double is not text: say so where the column must be numbers, or where
            // such numbers are all the column holds besides numbers (a column of only "1e400" too).
            if ((forcedNumeric.Contains(builder.Name) || builder.Numbers * 2 > builder.Present) && CsvNumber.IsOutOfRange(bad.Value, separator)
                || builder.NonNumbersAreOutOfRange())
                throw OutOfRange(path, builder, bad);
            if (forcedNumeric.Contains(builder.Name))
                throw new ChurnDataException(otherFormat ? CsvNumber.NotANumberMessage(bad.Value, format)
                        : "column was declared numeric but this cell is not a number (" + Example(separator) + ").",
                    path, bad.Row + 1, bad.Line, builder.Name, bad.Value);
            // A column of numbers must never silently become text: a number in the other decimal
            // format, or a stray word among numbers, is an error that says where.
            var mostlyNumbers = builder.Numbers * 2 > builder.Present;
            if (otherFormat && mostlyNumbers)
                throw new ChurnDataException(CsvNumber.NotANumberMessage(bad.Value, format),
                    path, bad.Row + 1, bad.Line, builder.Name, bad.Value);
            if (mostlyNumbers)
                throw new ChurnDataException(string.Format(CultureInfo.InvariantCulture,
                        "column holds numbers in {0} of {1} non-blank cells but this cell is not a number; fix the cell, " +
                        "declare the token missing (train --na), or leave the column out (--exclude).",
                        builder.Numbers, builder.Present),
                    path, bad.Row + 1, bad.Line, builder.Name, bad.Value);
        }

        // Here no late column's first non-number is too large for a double, so none is refused for it.
        if (!lateFirst && late.Length > 0) ReadAgainAsText(path, options, builders, late);

        var columns = new TableColumn[width];
        // A column per task (a text column's strings are most of the work); each builder is released once converted.
        Parallel.For(0, width, j =>
        {
            var builder = builders[j];
            columns[j] = builder.FirstNonNumber is null && !forcedText.Contains(builder.Name) ? builder.ToNumeric() : builder.ToText();
            builders[j] = null!;
        });
        return new ColumnTable(columns, path, lineArray) { NumberFormat = format };
    }

    private static ChurnDataException OutOfRange(string path, ColumnBuilder builder, (int Row, int Line, string Value) cell) =>
        new(CsvNumber.OutOfRangeMessage, path, cell.Row + 1, cell.Line, builder.Name, cell.Value);

    private static string Example(char separator) => separator == ',' ? "decimal comma, e.g. 1234,5" : "invariant culture, e.g. 1234.5";

    /// <summary>Reads every row into the builders and each row's file line into <paramref name="lines"/>; returns the rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot per cell: skip tier-0 code, which a busy machine may run for seconds
    private static int Collect(CsvRowReader reader, ColumnBuilder[] builders, ref int[] lines)
    {
        var row = 0;
        while (reader.Read())
        {
            var line = reader.Line;
            for (var j = 0; j < builders.Length; j++)
            {
                var cell = reader.Field(j);
                builders[j].Add(cell, reader.IsMissingCell(cell), row, line);
            }
            if (row == lines.Length) Array.Resize(ref lines, lines.Length * 2);
            lines[row++] = line;
        }
        return row;
    }

    /// <summary>
    /// Reads the rows before <paramref name="split"/> (a line end) and those after it on two cores into the
    /// same arrays, straight from the bytes (<see cref="PlainCsvPart"/>), then joins them as one pass would have read them (<see cref="ColumnBuilder.Append"/>).
    /// False, with nothing decided, when a part holds a row that is not plain (a ragged row): the caller
    /// then reads the file in one pass, which words that error.
    /// </summary>
    private static bool TryReadInTwo(string path, CsvRowReader reader, ColumnBuilder[] builders, int[] lines, long split, int lineEndsBeforeSplit, out int rows)
    {
        var firstRows = Math.Max(lineEndsBeforeSplit - 1, 0); // the first part's rows at most: its lines but the header
        var second = builders.Select(b => new ColumnBuilder(b, firstRows)).ToArray();
        using var handle = File.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);
        int Part(long start, long end, ColumnBuilder[] into, int offset, int linesBefore) =>
            PlainCsvPart.Read(handle, start, end, reader, into, lines, offset, linesBefore);
        var after = Task.Run(() => Part(split, length, second, firstRows, lineEndsBeforeSplit));
        var before = Part(0, split, builders, 0, 0);
        var afterRows = after.GetAwaiter().GetResult();
        rows = 0;
        if (before < 0 || afterRows < 0) return false;
        if (before != firstRows) Array.Copy(lines, firstRows, lines, before, afterRows);
        for (var j = 0; j < builders.Length; j++) builders[j].Append(second[j]);
        rows = before + afterRows;
        return true;
    }

    /// <summary>Columns holding a non-missing non-number in the first <see cref="SampleRows"/> rows.</summary>
    private static bool[] SampleTextColumns(string path, CsvReadOptions options, int width, char separator)
    {
        var text = new bool[width];
        using var sample = CsvRowReader.Open(path, options);
        for (var row = 0; row < SampleRows && sample.Read(); row++)
            for (var j = 0; j < width; j++)
            {
                if (text[j]) continue;
                var cell = sample.Field(j);
                if (!sample.IsMissingCell(cell) && !CsvNumber.TryParse(cell, separator, out _)) text[j] = true;
            }
        return text;
    }

    private static void ReadAgainAsText(string path, CsvReadOptions options, ColumnBuilder[] builders, int[] columns)
    {
        var again = columns.Select(j => new ColumnBuilder(builders[j].Name, text: true, builders[j].DecimalSeparator, builders[j].Count)).ToArray();
        using var reader = CsvRowReader.Open(path, options);
        var row = 0;
        while (reader.Read())
        {
            for (var k = 0; k < columns.Length; k++)
            {
                var cell = reader.Field(columns[k]);
                again[k].Add(cell, reader.IsMissingCell(cell), row, reader.Line);
            }
            row++;
        }
        for (var k = 0; k < columns.Length; k++) builders[columns[k]] = again[k];
    }
}
