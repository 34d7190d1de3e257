using Churn.Experiments.Data;

namespace Churn.Tests.Experiments.Data;

public sealed class ParsedRowStreamTests
{
    [Fact]
    public void Blocks_ManyRows_InFileOrderWithOnlyChosenColumns()
    {
        var text = "id,x,skip,plan\n" + string.Concat(Enumerable.Range(1, 10_000).Select(i => $"c{i},{i}.5,zz,{(i % 3 == 0 ? "" : "p" + (i % 2))}\n"));
        using var csv = new TempCsv(text);
        using var reader = CsvRowReader.Open(csv.FilePath);
        using var stream = new ParsedRowStream(reader, [1], [3], [0]);

        var seen = 0;
        foreach (var block in stream.Blocks())
            for (var r = 0; r < block.Count; r++)
            {
                seen++;
                Assert.Equal(seen, block.Rows[r]);
                Assert.Equal(seen + 0.5, block.Numbers[r]);
                Assert.Equal(seen % 3 == 0 ? null : "p" + (seen % 2), block.Texts[r]);
                Assert.Equal("c" + seen, block.Kept(r, 0).ToString());
            }
        Assert.Equal(10_000, seen);
    }

    [Fact]
    public void Blocks_BadCell_ThrownAfterEveryEarlierRow()
    {
        var rows = Enumerable.Range(1, 5000).Select(i => i == 4321 ? "oops" : i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var csv = new TempCsv("x\n" + string.Join("\n", rows) + "\n");
        using var reader = CsvRowReader.Open(csv.FilePath);
        using var stream = new ParsedRowStream(reader, [0], [], []);

        var seen = 0;
        var ex = Assert.Throws<ChurnDataException>(() =>
        {
            foreach (var block in stream.Blocks()) seen += block.Count;
        });
        Assert.Equal(4320, seen);
        Assert.Equal((4321, 4322, "x", "oops"), (ex.Row, ex.Line, ex.Column, ex.Value));
    }

    [Fact]
    public void Dispose_ConsumerStopsEarly_ProducerEnds()
    {
        using var csv = new TempCsv("x\n" + string.Join("\n", Enumerable.Range(1, 50_000)) + "\n");
        using var reader = CsvRowReader.Open(csv.FilePath);
        var stream = new ParsedRowStream(reader, [0], [], []);
        foreach (var block in stream.Blocks())
        {
            Assert.True(block.Count > 0);
            break;
        }
        stream.Dispose(); // must return: the producer is blocked on a full queue
    }
}
