using Perche.Core.Audio;
using Perche.Core.Formats.Wav;
using Perche.Delivery.Processing;
using Perche.Delivery.Profiles;
using Perche.Delivery.Tests.Support;

namespace Perche.Delivery.Tests;

/// <summary>A full or read-only output disk, for real (a small tmpfs): a clear error, no partial file under a final name.</summary>
public sealed class DiskFullTests
{
    private static readonly ProfileCatalog Catalog = ProfileCatalog.Load("/nonexistent");

    [SkippableFact]
    public void A_master_that_does_not_fit_fails_with_disk_full_and_leaves_nothing()
    {
        using var dir = new Signals.TempFolder();
        var source = dir.File("prog.wav");
        Signals.Write(source, Signals.AtLoudnessAndPeak(ChannelLayout.Stereo, 6, -18, -3), ChannelLayout.Stereo);
        var hash = Signals.Hash(source);
        using var disk = TmpfsMount.Create(1024); // the 24-bit master needs 1.7 MB

        var ex = Assert.Throws<DiskFullException>(() => DeliveryEngine.Deliver(source, Catalog.Get("ebu-r128"), new DeliveryOptions { OutputFolder = disk.Path, Encode = false, Reports = true }));

        Assert.StartsWith($"{disk.Path}: the disk is full (no space left on device) (", ex.Message, StringComparison.Ordinal);
        Assert.Contains("nothing is left half-written", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(ex.InnerException);
        Assert.True(Directory.GetFileSystemEntries(disk.Path).Length == 0, string.Join(", ", Directory.GetFileSystemEntries(disk.Path).Select(p => $"{Path.GetFileName(p)} {new FileInfo(p).Length}"))); // not even the staging file
        Assert.Equal(hash, Signals.Hash(source));
    }

    [SkippableFact]
    public void When_the_fold_down_does_not_fit_the_finished_master_stays_whole_and_nothing_else_is_left()
    {
        using var dir = new Signals.TempFolder();
        var source = dir.File("mix51.wav");
        var data = Signals.AtLoudnessAndPeak(ChannelLayout.Surround51, 2, -18, -3);
        Signals.Write(source, data, ChannelLayout.Surround51);
        using var disk = TmpfsMount.Create(2048); // the 5.1 master (1.73 MB) fits, its Lo/Ro working file does not

        Assert.Throws<DiskFullException>(() => DeliveryEngine.Deliver(source, Catalog.Get("fr-cst-rt-040"), new DeliveryOptions { OutputFolder = disk.Path, Encode = false, Reports = false }));

        var master = Assert.Single(Directory.GetFileSystemEntries(disk.Path));
        Assert.EndsWith("_51_48k_24b.wav", master, StringComparison.Ordinal);
        var info = WavReader.ReadInfo(master);
        Assert.Equal(data.Length / 6, info.FrameCount);
        Assert.Equal(data.Length / 6, Signals.Read(master).Length / 6);
    }

    [SkippableFact]
    public void A_read_only_output_disk_is_reported_as_not_writable_before_any_work()
    {
        using var dir = new Signals.TempFolder();
        var source = dir.File("prog.wav");
        Signals.Write(source, Signals.Programme(ChannelLayout.Stereo, 1), ChannelLayout.Stereo);
        using var disk = TmpfsMount.Create(1024, readOnly: true);

        var ex = Assert.Throws<IOException>(() => DeliveryEngine.Deliver(source, Catalog.Get("ebu-r128"), new DeliveryOptions { OutputFolder = disk.Path, Encode = false, Reports = false }));

        Assert.StartsWith($"output folder {disk.Path} is not writable: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Read-only file system", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(disk.Path));
    }
}
