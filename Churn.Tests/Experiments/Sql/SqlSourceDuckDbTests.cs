using System.Globalization;
using Churn.Algorithms.Clustering;
using Churn.Algorithms.Linear;
using Churn.Algorithms.Metrics;
using Churn.Experiments.Data;
using Churn.Experiments.Modeling;
using Churn.Experiments.Sql;
using Churn.Tests.Experiments.Commands;
using Churn.Tests.Experiments.Data;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Experiments.Sql;

/// <summary>
/// Shards, --cv, --balanced and --segments through DuckDB: two shards give the one-table fit; engine folds
/// are the C# hash folds and their AUCs are the in-memory fits' on the same folds; class weights and segments
/// give the in-memory coefficients; NULLs and numbers stored as text exit 2 naming source, table and column.
/// </summary>
public sealed class SqlSourceDuckDbTests
{
    private static readonly string[] BigMlExcluded = ["State", "Area code"];

    [Fact]
    public void ReadFunction_WithTheDetectedTypes_ReadsWhatTheDetectingReadReads()
    {
        // Every query after the open gives the types it detected once (no second detection pass per query): the
        // same columns, types and cells, names with quotes, spaces and letters outside ASCII, CRLF and a quoted comma included.
        using var folder = new TempFolder();
        var path = folder.File("odd.csv");
        File.WriteAllText(path, "id,\"it's \"\"q\"\"\",Gr\u00fc\u00dfe m\u00b2,plan,y\r\n1,2.5,3,\"Gold, plus\",1\r\n2,,4.25,Basic,0\r\n3,7,-1e3,,1\r\n");
        using var engine = DuckDbEngine.InMemory();
        var detected = engine.DetectedColumns(path);
        Assert.Equal(["id", "it's \"q\"", "Gr\u00fc\u00dfe m\u00b2", "plan", "y"], detected.Select(c => c.Name));

        var given = DuckDbEngine.ReadFunction(path, detected);

        Assert.Contains("auto_detect = false", given);
        Assert.Equal(detected, engine.Query("DESCRIBE SELECT * FROM " + given).Select(row => ((string)row[0]!, (string)row[1]!)));
        var cells = (string from) => engine.Query("SELECT * FROM " + from).Select(row => string.Join("|", row.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
        Assert.Equal(cells(DuckDbEngine.ReadFunction(path)), cells(given));
    }

    /// <summary>The CSV's header and the data lines whose 0-based index passes <paramref name="keep"/>.</summary>
    internal static string Subset(TempFolder folder, string name, string csv, Func<int, bool> keep)
    {
        var lines = File.ReadAllLines(csv);
        var path = folder.File(name);
        File.WriteAllLines(path, lines.Take(1).Concat(lines.Skip(1).Where((_, i) => keep(i))));
        return path;
    }

    /// <summary>
    /// The subset as a Parquet file written by DuckDB: a CSV shard is parsed again by every query, and a
    /// median over shards costs up to 64 count queries, so shards are tested on Parquet (read in place).
    /// </summary>
    internal static string ParquetSubset(TempFolder folder, string name, string csv, Func<int, bool> keep)
    {
        var subset = Subset(folder, name + ".csv", csv, keep);
        var parquet = folder.File(name + ".parquet");
        using var engine = DuckDbEngine.InMemory();
        engine.Execute("COPY (SELECT * FROM " + DuckDbEngine.ReadFunction(subset) + ") TO " + SqlDialect.DuckDb.String(parquet) + " (FORMAT parquet)");
        return parquet;
    }

    /// <summary>churn-bigml-80 with <paramref name="cell"/> as the 'Total day minutes' of its fifth data row, in "bad.csv".</summary>
    internal static string BigMlWithCell(TempFolder folder, string cell)
    {
        var lines = File.ReadAllLines(TestFiles.BigMl);
        var column = Array.IndexOf(lines[0].Split(','), "Total day minutes");
        var cells = lines[5].Split(',');
        cells[column] = cell;
        lines[5] = string.Join(",", cells);
        var csv = folder.File("bad.csv");
        File.WriteAllLines(csv, lines);
        return csv;
    }

    private static void AssertSameCoefficients(ChurnModel a, ChurnModel b, double tolerance)
    {
        Assert.Equal(a.ColumnNames, b.ColumnNames);
        for (var j = 0; j < a.Coefficients.Count; j++)
            Assert.True(Math.Abs(a.Coefficients[j].Coefficient - b.Coefficients[j].Coefficient) <= tolerance,
                $"{a.Coefficients[j].Name}: {a.Coefficients[j].Coefficient:R} vs {b.Coefficients[j].Coefficient:R}");
    }

    [Fact]
    public void Train_TwoShardsOfBigMl_EqualsTheOneTableFit()
    {
        using var folder = new TempFolder();
        var first = ParquetSubset(folder, "a", TestFiles.BigMl, i => i < 1333);
        var second = ParquetSubset(folder, "b", TestFiles.BigMl, i => i >= 1333);
        var request = new SqlTrainingRequest("Churn", "True", BigMlExcluded, null);
        var options = new ChurnTrainingOptions { Penalty = Penalty.None };
        using var whole = SqlTable.Open("duckdb:" + ParquetSubset(folder, "all", TestFiles.BigMl, _ => true));
        var one = SqlChurnTrainer.Train(whole, request, options, "test").Model;
        using var shards = SqlSource.Open(["duckdb:" + first, "duckdb:" + second]);
        var two = SqlChurnTrainer.Train(shards, request, options, "test").Model;

        AssertSameCoefficients(one, two, 1e-9);
        Assert.Equal(one.Features.Numeric.Select(n => n.Median), two.Features.Numeric.Select(n => n.Median));
        Assert.Equal(one.Features.Numeric.Select(n => n.Minimum), two.Features.Numeric.Select(n => n.Minimum));
        Assert.Equal(one.Training.Rows, two.Training.Rows);
        foreach (var key in new[] { "train_auc", "train_accuracy", "train_log_loss", "log_likelihood" })
            Assert.True(Math.Abs(one.Metrics[key] - two.Metrics[key]) <= 1e-9 * Math.Max(1, Math.Abs(one.Metrics[key])), $"{key}: {one.Metrics[key]:R} vs {two.Metrics[key]:R}");
        Assert.Contains("2 shards", two.Training.Solver, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100_000)] // every row fits the sample: k-means++ and Lloyd in memory on the rows in table order
    [InlineData(2_000)] // sampled start, Lloyd as GROUP BYs merged over the shards
    public void Segment_TwoShardsOfTheSeedTable_SameInertiaAsOneTable(int sampleRows)
    {
        using var folder = new TempFolder();
        var first = ParquetSubset(folder, "a", TestFiles.Seed, i => i < 40_000);
        var second = ParquetSubset(folder, "b", TestFiles.Seed, i => i >= 40_000);
        string[] features = ["aon", "total_mou", "total_data_usage"];
        var options = new KMeansOptions { NumberOfClusters = 4, Seed = 42, NInit = 2 };
        using var whole = SqlTable.Open("duckdb:" + TestFiles.Seed);
        var one = SqlKMeans.Fit(whole, features, options, sampleRows: sampleRows);
        using var shards = SqlSource.Open(["duckdb:" + first, "duckdb:" + second]);
        var two = SqlKMeans.Fit(shards, features, options, sampleRows: sampleRows);
        Assert.Equal(one.Sizes, two.Sizes);
        Assert.Equal(one.Iterations, two.Iterations);
        Assert.True(Math.Abs(one.Inertia - two.Inertia) <= 1e-9 * one.Inertia, $"{one.Inertia:R} vs {two.Inertia:R}");
    }

    [Fact]
    public void Folds_EngineSql_EqualTheCSharpHashFolds_AndAreStratified()
    {
        using var table = SqlTable.Open("duckdb:" + TestFiles.BigMl);
        var label = "CAST(\"Churn\" AS VARCHAR)";
        var rows = table.Query("SELECT churn_key, churn_fold, " + label + " FROM " + SqlFolds.Folded(table, null, 0, label, 5, 42) + " AS f ORDER BY churn_key");
        var labels = File.ReadLines(TestFiles.BigMl).Skip(1).Select(l => l.EndsWith(",True", StringComparison.Ordinal) ? 1 : 0).ToArray();
        Assert.Equal(labels.Length, rows.Count);
        Assert.Equal(Enumerable.Range(1, labels.Length).Select(i => (long)i), rows.Select(r => (long)SqlEngine.Number(r[0])));
        Assert.Equal(labels, rows.Select(r => (string)r[2]! == "True" ? 1 : 0));
        var expected = SqlFolds.Assign(Enumerable.Range(1, labels.Length).Select(i => (long)i).ToArray(), labels, 5, 42);
        Assert.Equal(expected, rows.Select(r => (int)SqlEngine.Number(r[1])));
        for (var c = 0; c <= 1; c++)
        {
            var perFold = Enumerable.Range(0, 5).Select(f => Enumerable.Range(0, labels.Length).Count(i => labels[i] == c && expected[i] == f)).ToList();
            Assert.True(perFold.Max() - perFold.Min() <= 1, "class " + c + ": " + string.Join(", ", perFold));
        }
        // Another seed moves rows between folds.
        Assert.NotEqual(expected, SqlFolds.Assign(Enumerable.Range(1, labels.Length).Select(i => (long)i).ToArray(), labels, 5, 7));
    }

    [Fact]
    public void Train_CrossValidationThroughDuckDb_EqualsInMemoryFitsOnTheSameFolds()
    {
        const int k = 3;
        var options = new ChurnTrainingOptions { CrossValidationFolds = k };
        using var table = SqlTable.Open("duckdb:" + TestFiles.BigMl);
        var engine = SqlChurnTrainer.Train(table, new SqlTrainingRequest("Churn", "True", BigMlExcluded, null), options, "test");
        Assert.NotNull(engine.CrossValidation);

        var labels = File.ReadLines(TestFiles.BigMl).Skip(1).Select(l => l.EndsWith(",True", StringComparison.Ordinal) ? 1 : 0).ToArray();
        var folds = SqlFolds.Assign(Enumerable.Range(1, labels.Length).Select(i => (long)i).ToArray(), labels, k, options.Seed);
        using var folder = new TempFolder();
        for (var f = 0; f < k; f++)
        {
            var fold = f;
            var train = TrainingDataLoader.Load(Subset(folder, "train" + f + ".csv", TestFiles.BigMl, i => folds[i] != fold), "Churn", "True", BigMlExcluded, null);
            var test = TrainingDataLoader.Load(Subset(folder, "test" + f + ".csv", TestFiles.BigMl, i => folds[i] == fold), "Churn", "True", BigMlExcluded, null);
            var model = ChurnTrainer.Train(train, new ChurnTrainingOptions(), "test").Model;
            var auc = RocAuc.Compute(test.Labels, model.PredictProbabilities(test.Table, out _));
            Assert.True(Math.Abs(auc - engine.CrossValidation!.FoldAucs[f]) <= 1e-9, $"fold {f}: in memory {auc:R}, DuckDB {engine.CrossValidation!.FoldAucs[f]:R}");
        }
        Assert.Equal(engine.CrossValidation!.Mean, engine.Model.Metrics["cv_auc_mean"]);
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 4)]
    public void Train_BalancedOrSegmentsThroughDuckDb_EqualsInMemoryFit(bool balanced, int segments)
    {
        var options = new ChurnTrainingOptions
        {
            ClassWeight = balanced ? ClassWeighting.Balanced : ClassWeighting.None,
            Segments = segments,
            SegmentFeatures = segments > 0 ? ["Total day minutes", "Total eve minutes", "Customer service calls"] : [],
        };
        var memory = ChurnTrainer.Train(TrainingDataLoader.Load(TestFiles.BigMl, "Churn", "True", BigMlExcluded, null), options, "test").Model;
        using var table = SqlTable.Open("duckdb:" + TestFiles.BigMl);
        var engine = SqlChurnTrainer.Train(table, new SqlTrainingRequest("Churn", "True", BigMlExcluded, null), options, "test").Model;
        AssertSameCoefficients(memory, engine, 1e-9);
        Assert.True(Math.Abs(memory.Metrics["train_auc"] - engine.Metrics["train_auc"]) <= 1e-9);
        if (segments > 0) Assert.Equal(memory.Segments!.Names, engine.Segments!.Names);
    }

    [Fact]
    public void Shards_BooleanOnOneTextOnTheOther_RefusedNamingTheColumn()
    {
        // A review: BOOLEAN and VARCHAR both passed as "not a number", so one column's categories were 'true'/'false'
        // on one shard and 'Yes'/'No' on the other. Numbers of different widths still mix (BIGINT beside DOUBLE).
        using var folder = new TempFolder();
        using (var engine = DuckDbEngine.InMemory())
        {
            engine.Execute("COPY (SELECT 1::BIGINT AS x, true AS plan, 1 AS y UNION ALL SELECT 2, false, 0) TO "
                + SqlDialect.DuckDb.String(folder.File("a.parquet")) + " (FORMAT parquet)");
            engine.Execute("COPY (SELECT 3.5::DOUBLE AS x, 'Yes' AS plan, 1 AS y UNION ALL SELECT 4.5, 'No', 0) TO "
                + SqlDialect.DuckDb.String(folder.File("b.parquet")) + " (FORMAT parquet)");
            engine.Execute("COPY (SELECT 3.5::DOUBLE AS x, false AS plan, 1 AS y UNION ALL SELECT 4.5, true, 0) TO "
                + SqlDialect.DuckDb.String(folder.File("c.parquet")) + " (FORMAT parquet)");
        }
        var e = Assert.Throws<ChurnDataException>(() => SqlSource.Open(["duckdb:" + folder.File("a.parquet"), "duckdb:" + folder.File("b.parquet")]));
        Assert.Contains("column 'plan'", e.Message, StringComparison.Ordinal);
        Assert.Contains("shards must hold the same table", e.Message, StringComparison.Ordinal);

        using var widths = SqlSource.Open(["duckdb:" + folder.File("a.parquet"), "duckdb:" + folder.File("c.parquet")]);
        Assert.Equal(["x", "plan", "y"], widths.Columns().Select(c => c.Name));
    }

    [Theory]
    [InlineData("a,b,y\n1,2,1\n")]              // one row: its columns are all constant too, which must not be the reason given
    [InlineData("a,b,y\n1,2,0\n3,5,0\n4,1,0\n")] // the positive value never occurs
    public void Train_LabelWithOneValue_Exit2SayingSoBeforeTheColumns(string content)
    {
        using var folder = new TempFolder();
        var csv = folder.File("one.csv");
        File.WriteAllText(csv, content);
        var run = CliRun.Of("train", "--source", "duckdb:" + csv, "--label", "y", "--positive", "1", "--out", folder.File("m.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("every row has the label value", run.Error, StringComparison.Ordinal);
        Assert.Contains("training needs both classes", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("no feature column", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("m.json")));
    }

    [Theory]
    [InlineData("", "NULL")]
    [InlineData("abc", "'abc' is not a number")]
    public void Train_NullOrTextInANumericFeature_Exit2NamingSourceAndColumn(string cell, string expected)
    {
        using var folder = new TempFolder();
        var csv = BigMlWithCell(folder, cell);
        var run = CliRun.Of("train", "--source", "duckdb:" + csv, "--label", "Churn", "--positive", "True", "--exclude", "State,Area code", "--out", folder.File("m.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("source duckdb:" + csv + ", table bad.csv, column 'Total day minutes'", run.Error, StringComparison.Ordinal);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("m.json")));
    }

    [Theory]
    [InlineData("NaN", "NaN")]
    [InlineData("inf", "Infinity")]
    [InlineData("-Infinity", "-Infinity")]
    public void TrainAndSegment_NaNOrInfinityInANumericColumn_Exit2NamingSourceColumnAndValue(string cell, string expected)
    {
        // A review: DuckDB reads these cells as DOUBLEs. A NaN, ordered above every number, left the column out as
        // "constant (single value ...)" and the fit ran without it; an infinity ended in "cannot write Infinity as a SQL number".
        using var folder = new TempFolder();
        var csv = BigMlWithCell(folder, cell);
        var train = CliRun.Of("train", "--source", "duckdb:" + csv, "--label", "Churn", "--positive", "True", "--exclude", "State,Area code", "--out", folder.File("m.json"));
        var segment = CliRun.Of("segment", "--source", "duckdb:" + csv, "--features", "Total eve minutes,Total day minutes", "--k", "2");
        foreach (var run in new[] { train, segment })
        {
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("source duckdb:" + csv + ", table bad.csv, column 'Total day minutes': 1 of 2666 values are not finite (e.g. " + expected + ")",
                run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        }
        Assert.False(File.Exists(folder.File("m.json")));
    }

    [Fact]
    public void TrainAndSegment_HeaderNamesDifferingOnlyInCase_Exit2NamingTheColumns()
    {
        // A review: DuckDB's names ignore case, so it read 'CALLS' as 'CALLS_1'; the model then named a feature the file
        // does not have, and predict on the same file exited 2 with "no such column 'CALLS_1'".
        using var folder = new TempFolder();
        var lines = File.ReadAllLines(TestFiles.BigMl);
        var csv = folder.Write("case.csv", string.Join("\n", lines.Select((l, i) => (i == 0 ? "CUSTOMER SERVICE CALLS" : ((i * 7) % 5).ToString(System.Globalization.CultureInfo.InvariantCulture)) + "," + l)) + "\n");
        var train = CliRun.Of("train", "--source", "duckdb:" + csv, "--label", "Churn", "--positive", "True", "--exclude", "State,Area code", "--out", folder.File("m.json"));
        var segment = CliRun.Of("segment", "--source", "duckdb:" + csv, "--features", "Total day minutes,Customer service calls", "--k", "2");
        foreach (var run in new[] { train, segment })
        {
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("file '" + csv + "', column 'Customer service calls': column 20 (1-based) is named 'Customer service calls' but DuckDB reads it as "
                + "'Customer service calls_1' (DuckDB's names ignore case, and column 1 is 'CUSTOMER SERVICE CALLS')", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        }
        Assert.False(File.Exists(folder.File("m.json")));
        Assert.Equal(0, CliRun.Of("train", "--data", csv, "--label", "Churn", "--positive", "True", "--exclude", "State,Area code", "--out", folder.File("m.json")).ExitCode);
    }

    [Theory]
    [InlineData("train", "--decimal", ",")]
    [InlineData("train", "--na", "?")]
    [InlineData("segment", "--decimal", ".")]
    public void TrainAndSegment_FileParsingOptionsWithSource_Exit2InsteadOfBeingIgnored(string verb, string option, string value)
    {
        // A review: --source ignored --na and --decimal without a word, so `train --source duckdb:F --na ?` refused the '?'
        // cells it had been told were missing, and `--decimal ,` on a decimal-point file fitted as if it were not given.
        using var folder = new TempFolder();
        var args = verb == "train"
            ? new[] { "train", "--source", "duckdb:" + TestFiles.BigMl, "--label", "Churn", "--positive", "True", "--out", folder.File("m.json"), option, value }
            : ["segment", "--source", "duckdb:" + TestFiles.BigMl, "--features", "Total day minutes", "--k", "2", option, value];
        var run = CliRun.Of(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(option + " ", run.Error, StringComparison.Ordinal);
        Assert.Contains("Drop " + option, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("m.json")));
    }

    [Fact]
    public void Train_DuckDbDatabaseFile_Exit2SayingWhatTheFileIs()
    {
        // A review: a .duckdb database file was parsed as a CSV and refused as "UTF-32 text without a byte-order mark".
        using var folder = new TempFolder();
        var database = folder.File("customers.duckdb");
        using (var engine = DuckDbEngine.InMemory())
        {
            engine.Execute("ATTACH " + SqlDialect.DuckDb.String(database) + " AS db");
            engine.Execute("CREATE TABLE db.customers AS SELECT * FROM " + DuckDbEngine.ReadFunction(TestFiles.BigMl));
            engine.Execute("DETACH db");
        }
        var before = File.ReadAllBytes(database);
        var run = CliRun.Of("train", "--source", "duckdb:" + database, "--label", "Churn", "--positive", "True", "--out", folder.File("m.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("file '" + database + "': this is a DuckDB database file", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("UTF-32", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("m.json")));
        Assert.Equal(before, File.ReadAllBytes(database));
    }

    [Fact]
    public void Train_CsvWithIdentifierAndConstantColumns_LeftOutAsFromTheFile()
    {
        // A review: --data left out a row number and a constant column, --source duckdb: fitted both (cust_no 0.17 per SD).
        using var folder = new TempFolder();
        var lines = File.ReadAllLines(TestFiles.BigMl);
        var csv = folder.Write("ids.csv", string.Join("\n", lines.Select((l, i) => i == 0 ? "cust_no,k," + l : (1000 + i) + ",7," + l)) + "\n");
        var options = new ChurnTrainingOptions();
        var memory = ChurnTrainer.Train(TrainingDataLoader.Load(csv, "Churn", "True", BigMlExcluded, null), options, "test");
        using var table = SqlTable.Open("duckdb:" + csv);
        var engine = SqlChurnTrainer.Train(table, new SqlTrainingRequest("Churn", "True", BigMlExcluded, null), options, "test");
        AssertSameCoefficients(memory.Model, engine.Model, 1e-9);
        Assert.DoesNotContain("cust_no", engine.Model.ColumnNames);
        Assert.DoesNotContain("k", engine.Model.ColumnNames);
        Assert.Contains(engine.Warnings, w => w.Contains("column 'cust_no' excluded: identifier-like (integer, a different value in every row)"));
        Assert.Contains(engine.Warnings, w => w.Contains("column 'k' excluded: constant (single value 7)"));
        Assert.Equal(memory.Model.Training.IdColumns, engine.Model.Training.IdColumns);
    }

    [Fact]
    public void Train_TwoShards_TextIdentifierLeftOutAsFromOneFile()
    {
        // A review: over shards the rule compared the largest shard's distinct count with half of ALL rows, so a text
        // id with one blank cell, left out by --data, was fitted as a 40-level category through two shards.
        using var folder = new TempFolder();
        var lines = File.ReadAllLines(TestFiles.BigMl).Take(41).Select((l, i) => (i == 0 ? "cid" : i == 7 ? "" : "c" + i) + "," + l).ToArray();
        var whole = folder.Write("whole.csv", string.Join("\n", lines) + "\n");
        var odd = folder.Write("odd.csv", string.Join("\n", lines.Where((_, i) => i == 0 || i % 2 == 1)) + "\n");
        var even = folder.Write("even.csv", string.Join("\n", lines.Where((_, i) => i % 2 == 0)) + "\n");
        var memory = CliRun.Of("train", "--data", whole, "--label", "Churn", "--positive", "True", "--exclude", "State,Area code", "--out", folder.File("m.json"));
        Assert.Contains("Column 'cid' excluded: identifier-like", memory.Error);
        var shards = CliRun.Of("train", "--source", "duckdb:" + odd, "--source", "duckdb:" + even, "--label", "Churn", "--positive", "True",
            "--exclude", "State,Area code", "--out", folder.File("s.json"));
        Assert.True(shards.ExitCode == 0, shards.Error);
        Assert.Contains("column 'cid' excluded: identifier-like", shards.Error);
        Assert.Contains("in every shard", shards.Error);
        Assert.DoesNotContain("cid=", File.ReadAllText(folder.File("s.json")));
    }

    [Fact]
    public void Train_SemicolonFileWithDecimalCommas_ReadAsByTheCsvReader()
    {
        // DuckDB's own sniffing took "0,512" for text: the numeric columns left as categories and the fit ran on the rest.
        using var folder = new TempFolder();
        var lines = File.ReadAllLines(TestFiles.BigMl).Select(l => l.Replace(',', ';'));
        var csv = folder.Write("semi.csv", string.Join("\n", lines.Select((l, i) => i == 0 ? l : System.Text.RegularExpressions.Regex.Replace(l, @"(\d)\.(\d)", "$1,$2"))) + "\n");
        var options = new ChurnTrainingOptions();
        var memory = ChurnTrainer.Train(TrainingDataLoader.Load(csv, "Churn", "True", BigMlExcluded, null), options, "test").Model;
        var original = ChurnTrainer.Train(TrainingDataLoader.Load(TestFiles.BigMl, "Churn", "True", BigMlExcluded, null), options, "test").Model;
        using var table = SqlTable.Open("duckdb:" + csv);
        var engine = SqlChurnTrainer.Train(table, new SqlTrainingRequest("Churn", "True", BigMlExcluded, null), options, "test").Model;
        AssertSameCoefficients(original, memory, 1e-12);
        AssertSameCoefficients(memory, engine, 1e-9);
    }

    [Fact]
    public void Train_SourceGivenTwice_FitsTheShardsAsOneTable()
    {
        using var folder = new TempFolder();
        var first = ParquetSubset(folder, "a", TestFiles.BigMl, i => i % 2 == 0);
        var second = ParquetSubset(folder, "b", TestFiles.BigMl, i => i % 2 == 1);
        var run = CliRun.Of("train", "--source", "duckdb:" + first, "--source", "duckdb:" + second, "--label", "Churn", "--positive", "True",
            "--exclude", "State,Area code", "--out", folder.File("m.json"), "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(2666, run.Json().GetProperty("rows").GetInt32());
        var memory = CliRun.Of("train", "--data", TestFiles.BigMl, "--label", "Churn", "--positive", "True",
            "--exclude", "State,Area code", "--out", folder.File("n.json"), "--json");
        Assert.Equal(memory.Json().GetProperty("train_auc").GetDouble(), run.Json().GetProperty("train_auc").GetDouble(), 9);
    }
}
