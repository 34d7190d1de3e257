namespace Churn.Experiments.Data;

/// <summary>
/// Reads a whole CSV file with a header into a <see cref="ColumnTable"/> (CsvHelper, invariant culture).
/// A column is numeric when every non-missing cell parses as a finite double (see <see cref="CsvNumber"/>),
/// otherwise text; a column with no non-missing cell is numeric (all NaN). A column where most cells are
/// numbers but some are not is an error naming the first bad cell (a typo must not turn it into a category). Columns listed in
/// <see cref="CsvReadOptions.NumericColumns"/> must be numeric (a non-number is an error naming file,
/// row, line, column and value); columns in <see cref="CsvReadOptions.TextColumns"/> stay text.
/// One pass over the file, linear in its size. For files too large for memory use <see cref="CsvRowReader"/>.
/// </summary>
public static class CsvTableReader
{
    public static ColumnTable Read(string path, CsvReadOptions? options = null)
    {
        options ??= CsvReadOptions.Default;
        using var reader = CsvRowReader.Open(path, options);
        var header = reader.Header;
        foreach (var name in options.NumericColumns.Concat(options.TextColumns))
            if (!header.Contains(name, StringComparer.Ordinal))
                throw new ChurnDataException(ColumnTable.MissingColumnMessage(header, name), path, column: name);

        var width = header.Count;
        var cells = new List<string?>[width];
        for (var j = 0; j < width; j++) cells[j] = new List<string?>();
        var lines = new List<int>();
        while (reader.Read())
        {
            var fields = reader.Fields;
            for (var j = 0; j < width; j++)
                cells[j].Add(reader.IsMissingCell(fields[j]) ? null : fields[j]);
            lines.Add(reader.Line);
        }
        if (lines.Count == 0)
            throw new ChurnDataException("file has a header but no data rows.", path, line: 1);

        var format = reader.NumberFormat;
        var separator = format.DecimalSeparator;
        var forcedNumeric = new HashSet<string>(options.NumericColumns, StringComparer.Ordinal);
        var forcedText = new HashSet<string>(options.TextColumns, StringComparer.Ordinal);
        var lineArray = lines.ToArray();
        var columns = new TableColumn[width];
        for (var j = 0; j < width; j++)
        {
            var name = header[j];
            var values = cells[j];
            if (forcedText.Contains(name))
            {
                columns[j] = new TextColumn(name, values.ToArray());
                continue;
            }
            var numbers = new double[values.Count];
            var numeric = true;
            for (var i = 0; i < numbers.Length; i++)
            {
                var cell = values[i];
                if (cell is null) { numbers[i] = double.NaN; continue; }
                if (CsvNumber.TryParse(cell, separator, out numbers[i])) continue;
                var otherFormat = CsvNumber.IsNumberInAnyFormat(cell);
                if (forcedNumeric.Contains(name))
                    throw new ChurnDataException(otherFormat ? CsvNumber.NotANumberMessage(cell, format)
                            : "column was declared numeric but this cell is not a number (" + Example(separator) + ").",
                        path, i + 1, lineArray[i], name, cell);
                numeric = false;
                // A column of numbers must never silently become text: a number in the other decimal
                // format, or a stray word among numbers, is an error that says where.
                if (otherFormat && MostlyNumbers(values))
                    throw new ChurnDataException(CsvNumber.NotANumberMessage(cell, format),
                        path, i + 1, lineArray[i], name, cell);
                if (MostlyNumbers(values))
                    throw new ChurnDataException(string.Format(System.Globalization.CultureInfo.InvariantCulture,
                            "column holds numbers in {0} of {1} non-blank cells but this cell is not a number; fix the cell, " +
                            "declare the token missing (train --na), or leave the column out (--exclude).",
                            values.Count(v => v is not null && CsvNumber.IsNumberInAnyFormat(v)), values.Count(v => v is not null)),
                        path, i + 1, lineArray[i], name, cell);
                break;
            }
            columns[j] = numeric ? new NumericColumn(name, numbers) : new TextColumn(name, values.ToArray());
            cells[j] = null!; // release early: wide files hold every cell as a string until here
        }
        return new ColumnTable(columns, path, lineArray) { NumberFormat = format };
    }

    private static string Example(char separator) => separator == ',' ? "decimal comma, e.g. 1234,5" : "invariant culture, e.g. 1234.5";

    /// <summary>More than half the non-blank cells are numbers, with either decimal separator.</summary>
    private static bool MostlyNumbers(List<string?> values)
    {
        int numbers = 0, present = 0;
        foreach (var v in values)
        {
            if (v is null) continue;
            present++;
            if (CsvNumber.IsNumberInAnyFormat(v)) numbers++;
        }
        return numbers * 2 > present;
    }
}
