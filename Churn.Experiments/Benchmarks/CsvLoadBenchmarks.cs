using BenchmarkDotNet.Attributes;

namespace Churn.Experiments.Benchmarks;

/// <summary>
/// The CSV loader (whole seed table, 99,999 rows; streaming reader over the 1,000-row raw file with
/// 226 columns) and featurisation (a fitted model's design matrix for the seed table).
/// </summary>
[MemoryDiagnoser]
public class CsvLoadBenchmarks
{
    private const string RawHead = "data/raw/telecom_churn_data_head1000.csv";
    private ChurnModel _model = null!;
    private ColumnTable _table = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = PredictionBenchmarks.TrainSeedModel();
        _table = CsvTableReader.Read(BenchData.SeedTable);
    }

    [Benchmark]
    public int ReadSeedTable() => CsvTableReader.Read(BenchData.SeedTable).RowCount;

    [Benchmark]
    public double StreamRawRows()
    {
        using var reader = CsvRowReader.Open(RawHead);
        var column = reader.IndexOf("arpu_6");
        var sum = 0.0;
        while (reader.Read())
            if (!reader.IsMissing(column)) sum += reader.GetDouble(column);
        return sum;
    }

    [Benchmark]
    public int Featurise() => _model.ModelMatrix(_table, out _).RowCount;
}

/// <summary>
/// The column loader on the two large files of the end-to-end benchmark (<see cref="LargeFiles"/>,
/// written on first use): the tiled 1M-row US file (83 MB) and the 1M-row raw file (787 MB, 226 columns).
/// </summary>
[MemoryDiagnoser]
public class LargeCsvLoadBenchmarks
{
    private string _us = null!;
    private string _raw = null!;

    [GlobalSetup]
    public void Setup()
    {
        _us = LargeFiles.EnsureTiledUs();
        _raw = LargeFiles.EnsureRaw1M();
    }

    [Benchmark]
    public int LoadTiledUs() => CsvTableReader.Read(_us).RowCount;

    [Benchmark]
    public int LoadRaw1M() => CsvTableReader.Read(_raw).RowCount;
}
