using System.Runtime.CompilerServices;
using System.Globalization;

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
/// columns are text, then every cell goes straight into a double or a category code
/// (<see cref="ColumnBuilder"/>). Memory is the final columns plus one column and a constant. A column
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
        var builders = new ColumnBuilder[width];
        for (var j = 0; j < width; j++)
            builders[j] = new ColumnBuilder(header[j], forcedText.Contains(header[j]) || (textInSample[j] && !forcedNumeric.Contains(header[j])), separator);
        var lines = Collect(reader, builders);
        if (lines.Count == 0)
            throw new ChurnDataException("file has a header but no data rows.", path, line: 1);
        var lineArray = lines.ToArray();

        // Decide every column in order, so the first broken column (in file order) is the one named.
        for (var j = 0; j < width; j++)
        {
            var builder = builders[j];
            if (forcedText.Contains(builder.Name) || builder.FirstNonNumber is not { } bad) continue;
            var otherFormat = CsvNumber.IsNumberInAnyFormat(bad.Value);
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

        var late = Enumerable.Range(0, width).Where(j => builders[j].NeedsTextPass).ToArray();
        if (late.Length > 0) ReadAgainAsText(path, options, builders, late);

        var columns = new TableColumn[width];
        for (var j = 0; j < width; j++)
        {
            var builder = builders[j];
            columns[j] = builder.FirstNonNumber is null && !forcedText.Contains(builder.Name) ? builder.ToNumeric() : builder.ToText();
            builders[j] = null!; // release as we go: the peak is the table plus one column
        }
        return new ColumnTable(columns, path, lineArray) { NumberFormat = format };
    }

    private static string Example(char separator) => separator == ',' ? "decimal comma, e.g. 1234,5" : "invariant culture, e.g. 1234.5";

    /// <summary>Reads every row into the builders; returns each row's file line.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot per cell: skip tier-0 code, which a busy machine may run for seconds
    private static ChunkedList<int> Collect(CsvRowReader reader, ColumnBuilder[] builders)
    {
        var lines = new ChunkedList<int>();
        var row = 0;
        while (reader.Read())
        {
            var line = reader.Line;
            for (var j = 0; j < builders.Length; j++)
            {
                var cell = reader.Field(j);
                builders[j].Add(cell, reader.IsMissingCell(cell), row, line);
            }
            lines.Add(line);
            row++;
        }
        return lines;
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
        var again = columns.Select(j => new ColumnBuilder(builders[j].Name, text: true, builders[j].DecimalSeparator)).ToArray();
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
