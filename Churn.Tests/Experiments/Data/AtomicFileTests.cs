using System.Runtime.InteropServices;
using Churn.Experiments.Data;
using Churn.Tests.Experiments.Commands;

namespace Churn.Tests.Experiments.Data;

public sealed class AtomicFileTests
{
    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

    internal static string Fifo(TempFolder temp, string name)
    {
        var path = temp.File(name);
        Assert.Equal(0, mkfifo(path, Convert.ToUInt32("644", 8)));
        return path;
    }

    [Fact]
    public void Commit_ExistingTarget_ReplacedWholeAndNoTemporaryLeft()
    {
        using var temp = new TempFolder();
        var target = temp.Write("out.csv", "old\n");

        using (var file = AtomicFile.Create(target))
        {
            using (var writer = file.Writer()) writer.Write("new\n");
            Assert.Equal("old\n", File.ReadAllText(target)); // untouched until the commit
            file.Commit();
        }

        Assert.Equal("new\n", File.ReadAllText(target));
        Assert.Equal(["out.csv"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Dispose_WithoutCommit_LeavesTargetAndFolderAsTheyWere()
    {
        using var temp = new TempFolder();
        var target = temp.Write("out.csv", "old\n");

        using (var file = AtomicFile.Create(target))
            file.Stream.Write("half"u8);

        Assert.Equal("old\n", File.ReadAllText(target));
        Assert.Equal(["out.csv"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Create_UsersOwnDotTmpFile_NeverTouched()
    {
        using var temp = new TempFolder();
        var mine = temp.Write("out.csv.tmp", "mine\n");

        AtomicFile.WriteAllText(temp.File("out.csv"), "scores\n");

        Assert.Equal("mine\n", File.ReadAllText(mine));
        Assert.Equal("scores\n", File.ReadAllText(temp.File("out.csv")));
    }

    [Fact]
    public void Create_MissingFolders_Created()
    {
        using var temp = new TempFolder();

        AtomicFile.WriteAllText(temp.File("a/b/out.json"), "{}\n");

        Assert.Equal("{}\n", File.ReadAllText(temp.File("a/b/out.json")));
    }

    [Fact]
    public void Create_SymbolicLinkToFile_WritesTheFileAndKeepsTheLink()
    {
        using var temp = new TempFolder();
        var real = temp.Write("model-v3.json", "old\n");
        var link = temp.File("latest.json");
        File.CreateSymbolicLink(link, real);

        AtomicFile.WriteAllText(link, "new\n");

        Assert.Equal("new\n", File.ReadAllText(real));
        Assert.NotNull(new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void Create_Fifo_RefusedAndLeftAFifo()
    {
        using var temp = new TempFolder();
        var fifo = Fifo(temp, "pipe");

        var e = Assert.Throws<IOException>(() => AtomicFile.Create(fifo));

        Assert.Contains("named pipe", e.Message);
        Assert.Equal(AtomicFile.FileKind.Fifo, AtomicFile.Kind(fifo));
    }

    [Fact]
    public void CheckTarget_CharacterDevice_Refused()
    {
        var e = Assert.Throws<IOException>(() => AtomicFile.CheckTarget("/dev/full"));

        Assert.Equal("--out '/dev/full' exists and is a character device, not a regular file; it is left alone. Give a path to a regular file.", e.Message);
    }

    [Fact]
    public void CheckTarget_FolderOrUnderAFile_Refused()
    {
        using var temp = new TempFolder();
        var file = temp.Write("data.csv", "x\n");

        Assert.Contains("is a folder", Assert.Throws<IOException>(() => AtomicFile.CheckTarget(temp.Path)).Message);
        Assert.Contains("which is a file, not a folder", Assert.Throws<IOException>(() => AtomicFile.CheckTarget(Path.Combine(file, "m.json"))).Message);
    }

    [Fact]
    public void CheckTarget_SameFileAsAnInputThroughALink_Refused()
    {
        using var temp = new TempFolder();
        var data = temp.Write("data.csv", "x\n");
        var link = temp.File("link.csv");
        File.CreateSymbolicLink(link, data);

        var e = Assert.Throws<IOException>(() => AtomicFile.CheckTarget(link, "--out", ("--data", data)));

        Assert.Contains("same file as --data", e.Message);
    }

    [Fact]
    public void Create_FolderThatTakesNoNewFiles_ClearMessageWithoutTemporaryName()
    {
        var e = Assert.Throws<IOException>(() => AtomicFile.Create("/proc/version"));

        Assert.Equal("--out '/proc/version' cannot be written: '/proc' does not accept new files.", e.Message);
    }
}
