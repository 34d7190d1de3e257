using Churn.Experiments.Benchmarks;

namespace Churn.Tests.Experiments.Benchmarks;

public sealed class LoadBenchTests
{
    [Fact]
    public void Run_ThroughSymbolicLink_CountsTheFilesBytes()
    {
        var directory = Directory.CreateTempSubdirectory("churn-loadbench-");
        try
        {
            var file = Path.Combine(directory.FullName, "data.csv");
            File.WriteAllText(file, "a,b\n1,x\n2,y\n3,x\n");
            var link = Path.Combine(directory.FullName, "link.csv");
            File.CreateSymbolicLink(link, file);

            var result = LoadBench.Run(link, 1, _ => { });

            Assert.Equal(new FileInfo(file).Length, result.Bytes);
            Assert.Equal((3, 2, 1), (result.Rows, result.Columns, result.TextColumns));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
