using System.Text;
using Churn.Experiments.Data;

namespace Churn.Tests.Experiments.Data;

/// <summary>
/// CSV held in memory (an HTTP upload, <see cref="CsvRowReader.FromBytes(byte[], string, CsvReadOptions?)"/>) is read and refused exactly as the
/// same bytes in a file (<see cref="CsvRowReader.Open"/>), and only from those bytes: the name given for messages
/// is never opened.
/// </summary>
public sealed class CsvRowReaderBytesTests
{
    public static TheoryData<string> MalformedFiles => new()
    {
        "State,Account length\nK\"S,1\n",      // a quote inside an unquoted field
        "State,Account length\n\"KS,1\n",      // never closed
        "State,Account length\n\"\n",          // a lone quote
        "State,Account length\n\"KS\"x,1\n",   // text after the closing quote
        "State,Acc\"ount length\nKS,1\n",      // in the header
        "a,b\n1,2\n3,4\n5,x\"y\n7,8\n",        // after good rows
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void FromBytes_Malformed_DescribedFromTheBytesAsTheSameFileIs(string content)
    {
        using var file = new TempCsv(content);
        var onDisk = ReadAll(() => CsvRowReader.Open(file.FilePath));
        // The name is a display name: no file of that name is read (there is none here: it used to throw FileNotFoundException).
        var name = "uploaded file " + Guid.NewGuid().ToString("N");
        var inMemory = ReadAll(() => CsvRowReader.FromBytes(Encoding.UTF8.GetBytes(content), name));

        Assert.StartsWith("malformed CSV: ", onDisk.Problem);
        Assert.Equal(onDisk.Problem, inMemory.Problem);
        Assert.Equal(onDisk.Row, inMemory.Row);
        Assert.Equal(onDisk.Line, inMemory.Line);
        Assert.Equal(name, inMemory.File);
        Assert.Equal(onDisk.Message.Replace(file.FilePath, name, StringComparison.Ordinal), inMemory.Message);
    }

    [Fact]
    public void FromBytes_NameOfAnotherMalformedFile_DescribesTheBytesNotThatFile()
    {
        const string content = "a,b\n1,2\n3,x\"y\n";
        using var other = new TempCsv("a,b\n\"1,2\n3,4\n5,6\n"); // malformed elsewhere and otherwise
        using var same = new TempCsv(content);

        var inMemory = ReadAll(() => CsvRowReader.FromBytes(Encoding.UTF8.GetBytes(content), other.FilePath));

        Assert.Equal(ReadAll(() => CsvRowReader.Open(same.FilePath)).Problem, inMemory.Problem);
        Assert.Equal(2, inMemory.Row);
        Assert.Equal(3, inMemory.Line);
        Assert.Contains("a quote inside an unquoted field", inMemory.Problem);
    }

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void FromBytes_PartOfAnArray_ReadsOnlyThatPart_AndDescribesItAlike(string content)
    {
        // An upload is read in place from the request buffer: bytes on either side are not the file's.
        var bytes = Encoding.UTF8.GetBytes(content);
        var before = Encoding.UTF8.GetBytes("x\"y,\n\"");
        var buffer = before.Concat(bytes).Concat(Encoding.UTF8.GetBytes("\"\n,,z\"")).ToArray();
        var part = new ArraySegment<byte>(buffer, before.Length, bytes.Length);
        Assert.Equal(bytes, part.ToArray());
        var whole = ReadAll(() => CsvRowReader.FromBytes(bytes, "upload"));
        var inPlace = ReadAll(() => CsvRowReader.FromBytes(part, "upload"));
        Assert.Equal(whole.Message, inPlace.Message);
    }

    [Fact]
    public void FromBytes_PartOfAnArray_SameRowsAsACopy()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\n1,x\n2,y\n");
        var buffer = new byte[] { (byte)'z', (byte)'\n' }.Concat(bytes).Concat("9,9\n"u8.ToArray()).ToArray();
        using var reader = CsvRowReader.FromBytes(new ArraySegment<byte>(buffer, 2, bytes.Length), "upload");
        Assert.Equal(["a", "b"], reader.Header);
        var rows = new List<string>();
        while (reader.Read()) rows.Add(reader.Field(0).ToString() + reader.Field(1).ToString());
        Assert.Equal(["1x", "2y"], rows);
    }

    private static ChurnDataException ReadAll(Func<CsvRowReader> open) =>
        Assert.Throws<ChurnDataException>(() =>
        {
            using var reader = open();
            while (reader.Read()) { }
        });
}
