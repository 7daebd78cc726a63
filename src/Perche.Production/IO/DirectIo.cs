using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Perche.Production.IO;

/// <summary>
/// Unbuffered file I/O (Linux O_DIRECT, switched on an open handle with fcntl). Writes go from our buffer to the
/// drive without a second copy in the page cache and without a write-back storm at the end; reads come from the
/// drive, never from memory, which is what verifying a copy must mean. Buffers, offsets and lengths must be
/// multiples of <see cref="Alignment"/>. Where O_DIRECT is unknown or refused (other systems, some file systems)
/// <see cref="TryEnable"/> says so and the caller keeps buffered I/O.
/// </summary>
internal static partial class DirectIo
{
    /// <summary>Alignment that satisfies every common logical block size (512 and 4096 bytes).</summary>
    public const int Alignment = 4096;

    private const int FGetFl = 3;
    private const int FSetFl = 4;

    /// <summary>Switches <paramref name="handle"/> to O_DIRECT; false when this system or file system cannot.</summary>
    public static bool TryEnable(SafeFileHandle handle)
    {
        var flag = DirectFlag();
        if (flag == 0)
        {
            return false;
        }

        try
        {
            var flags = Fcntl(handle, FGetFl, 0);
            return flags >= 0 && Fcntl(handle, FSetFl, flags | flag) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary><paramref name="n"/> rounded up to the alignment.</summary>
    public static long RoundUp(long n) => (n + Alignment - 1) / Alignment * Alignment;

    // O_DIRECT differs between Linux architectures (asm-generic 0x4000; arm and arm64 0x10000).
    private static int DirectFlag() => !OperatingSystem.IsLinux() ? 0 : RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.X86 or Architecture.RiscV64 or Architecture.LoongArch64 => 0x4000,
        Architecture.Arm64 or Architecture.Arm => 0x10000,
        _ => 0,
    };

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(SafeFileHandle fd, int cmd, int arg);
}

/// <summary>A byte buffer whose start is aligned for <see cref="DirectIo"/>: a pinned array (never moved by the GC).</summary>
internal sealed class AlignedBuffer
{
    private readonly byte[] array;
    private readonly int start;

    public AlignedBuffer(int length)
    {
        this.Length = (int)DirectIo.RoundUp(length);
        this.array = GC.AllocateUninitializedArray<byte>(this.Length + DirectIo.Alignment, pinned: true);
        var address = Marshal.UnsafeAddrOfPinnedArrayElement(this.array, 0).ToInt64();
        this.start = (int)((DirectIo.Alignment - (address % DirectIo.Alignment)) % DirectIo.Alignment);
    }

    /// <summary>Usable bytes (a multiple of the alignment).</summary>
    public int Length { get; }

    public Memory<byte> Memory => this.array.AsMemory(this.start, this.Length);

    public Span<byte> Span => this.array.AsSpan(this.start, this.Length);
}
