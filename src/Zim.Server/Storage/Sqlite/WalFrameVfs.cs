using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zim.Server.Storage.Sqlite;

/// <summary>
/// The operating system's own SQLite VFS with one change: a WAL frame appended to the file goes down in one
/// write, not two. SQLite writes each frame as its 24-byte header and then its page, two system calls per
/// page, and random UserIds dirty about a page per user; on these machines the calls cost more than the
/// bytes (decision 0005). Here a frame header written right behind the previous write on the same WAL file
/// (SQLite appending frames) is held back until the next call on that file: when that is the frame's page,
/// right behind the header, both go down in one write; any other call first writes the header as it came.
/// Headers SQLite rewrites in place (after reading the frame back) are written at once. No other file and
/// no other call is changed. Registered as the process's default VFS, so every connection uses it.
/// That every frame is written whole before a commit returns rests on SQLite's order of calls (checked
/// against wal.c: a held header is always followed by its page); <see cref="EnsureWritten"/> makes it so
/// regardless after each of the writer's commits, before the WAL is synced for the answers.
/// Its second change, for database files, paces what checkpoints write (WalFrameVfs.CheckpointPacing.cs).
/// </summary>
[SkipLocalsInit]
internal static unsafe partial class WalFrameVfs
{
    private const int SqliteOk = 0;
    private const int OpenWal = 0x00080000; // SQLITE_OPEN_WAL
    private const int FrameHeaderSize = 24;   // WAL_FRAME_HDRSIZE
    private const int MaxCombined = 16384 + FrameHeaderSize; // pages up to 16 KiB are combined on the stack
    private const int FileControlJournalPointer = 28; // SQLITE_FCNTL_JOURNAL_POINTER: the WAL file in WAL mode

    private static readonly Lock Gate = new();
    private static SqliteVfs* real;
    private static SqliteVfs* ours;
    private static SqliteIoMethods* walMethods;
    private static SqliteIoMethods* walMethodsOf; // the real methods walMethods forwards to
    private static long combined;
    private static long alone;
    private static long heldAfterCommit;

    /// <summary>Frames written with one call so far (for tests).</summary>
    public static long FramesCombined => Interlocked.Read(ref combined);

    /// <summary>Frame headers written on their own so far: rewritten in place, or not behind the previous write.</summary>
    public static long HeadersWrittenAlone => Interlocked.Read(ref alone);

    /// <summary>Headers <see cref="EnsureWritten"/> found still held after a commit: never, unless SQLite changed.</summary>
    public static long HeldAfterCommit => Interlocked.Read(ref heldAfterCommit);

    /// <summary>
    /// Makes this VFS the default; the first call does it, later calls do nothing. Where it cannot (another
    /// SQLite library than the bundled one, a VFS it does not know), SQLite's own VFS stays, unchanged.
    /// </summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (ours is not null || real is not null)
            {
                return;
            }
            SQLitePCL.Batteries_V2.Init();
            if (SQLitePCL.raw.GetNativeLibraryName() != "e_sqlite3")
            {
                return; // the functions imported below would be another copy's
            }
            real = sqlite3_vfs_find(null);
            if (real is null || real->IVersion < 3)
            {
                return; // not a VFS this one knows how to wrap: SQLite's own stays
            }
            unixVfs = real->ZName is not null && Marshal.PtrToStringUTF8((nint)real->ZName) == "unix";
            var vfs = (SqliteVfs*)NativeMemory.AllocZeroed((nuint)sizeof(SqliteVfs));
            *vfs = *real;
            vfs->IVersion = 3; // the fields this struct has
            vfs->SzOsFile = ExtraOffset + sizeof(WalFile);
            vfs->PNext = null;
            vfs->ZName = (byte*)Marshal.StringToCoTaskMemUTF8("zim-wal-frames");
            vfs->XOpen = &Open;
            if (sqlite3_vfs_register(vfs, 1) == SqliteOk)
            {
                ours = vfs;
            }
        }
    }

    /// <summary>
    /// Writes a frame header the connection's WAL file still holds, if any (none after a commit, as SQLite
    /// writes frames today). The writer calls it after each commit, before the WAL is synced for the answers.
    /// </summary>
    public static void EnsureWritten(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        var wal = WalOf(connection);
        if (wal is not null && Extra(wal)->Pending != 0)
        {
            Interlocked.Increment(ref heldAfterCommit);
            var rc = Flush(wal);
            if (rc != SqliteOk)
            {
                throw new IOException($"Writing the WAL failed (SQLite code {rc}).");
            }
        }
    }

    /// <summary>True when the connection's WAL file is written through this VFS.</summary>
    public static bool UsedBy(Microsoft.Data.Sqlite.SqliteConnection connection) => WalOf(connection) is not null;

    private static SqliteFile* WalOf(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        if (ours is null)
        {
            return null;
        }
        SqliteFile* file = null;
        fixed (byte* main = "main"u8) // UTF-8 literals end with a zero byte
        {
            if (sqlite3_file_control(connection.Handle!.DangerousGetHandle(), main, FileControlJournalPointer, &file) != SqliteOk)
            {
                return null;
            }
        }
        return file is not null && walMethods is not null && file->Methods == walMethods ? file : null;
    }

    // Where this VFS keeps its own fields, after the real VFS's file object.
    private static int ExtraOffset => (real->SzOsFile + 7) & ~7;

    private static WalFile* Extra(SqliteFile* file) => (WalFile*)((byte*)file + ExtraOffset);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Open(SqliteVfs* vfs, byte* name, SqliteFile* file, int flags, int* outFlags)
    {
        var rc = real->XOpen(real, name, file, flags, outFlags);
        if (rc != SqliteOk || file->Methods is null)
        {
            return rc;
        }
        if ((flags & OpenWal) == 0)
        {
            PaceDatabaseWrites(name, file, flags);
            return rc;
        }
        var methods = MethodsFor(file->Methods);
        if (methods is null)
        {
            return rc; // a file of a kind not seen before: left exactly as the real VFS opened it
        }
        var extra = Extra(file);
        extra->Real = file->Methods;
        extra->Pending = 0;
        extra->LastWriteEnd = -1;
        file->Methods = methods;
        return rc;
    }

    // Every WAL file of the real VFS shares one methods table; ours forwards to it.
    private static SqliteIoMethods* MethodsFor(SqliteIoMethods* realMethods) =>
        TableFor(realMethods, ref walMethods, ref walMethodsOf, &ReplaceWalMethods);

    private static void ReplaceWalMethods(SqliteIoMethods* table)
    {
        table->XClose = &Close;
        table->XRead = &Read;
        table->XWrite = &Write;
        table->XTruncate = &Truncate;
        table->XSync = &Sync;
        table->XFileSize = &FileSize;
        table->XFileControl = &FileControl;
    }

    // One table per kind of file: made once, from the first real table seen, as a copy of it with some
    // methods replaced; a file with another real table (a kind not seen before) gets null and is left alone.
    private static SqliteIoMethods* TableFor(
        SqliteIoMethods* realMethods, ref SqliteIoMethods* table, ref SqliteIoMethods* tableOf, delegate*<SqliteIoMethods*, void> replace)
    {
        lock (Gate)
        {
            if (table is null && realMethods->IVersion == 3)
            {
                var copy = (SqliteIoMethods*)NativeMemory.AllocZeroed((nuint)sizeof(SqliteIoMethods));
                *copy = *realMethods;
                replace(copy);
                tableOf = realMethods;
                table = copy;
            }
            return tableOf == realMethods ? table : null;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Write(SqliteFile* file, byte* data, int amount, long offset)
    {
        var extra = Extra(file);
        if (extra->Pending != 0)
        {
            if (offset == extra->PendingOffset + FrameHeaderSize && amount <= MaxCombined - FrameHeaderSize)
            {
                var frame = stackalloc byte[FrameHeaderSize + amount];
                new ReadOnlySpan<byte>(extra->Header, FrameHeaderSize).CopyTo(new Span<byte>(frame, FrameHeaderSize));
                new ReadOnlySpan<byte>(data, amount).CopyTo(new Span<byte>(frame + FrameHeaderSize, amount));
                extra->Pending = 0;
                Interlocked.Increment(ref combined);
                return Wrote(extra, extra->Real->XWrite(file, frame, FrameHeaderSize + amount, extra->PendingOffset), offset + amount);
            }
            var flushed = Flush(file);
            if (flushed != SqliteOk)
            {
                return flushed;
            }
        }
        if (amount == FrameHeaderSize)
        {
            if (offset == extra->LastWriteEnd)
            {
                new ReadOnlySpan<byte>(data, FrameHeaderSize).CopyTo(new Span<byte>(extra->Header, FrameHeaderSize));
                extra->PendingOffset = offset;
                extra->Pending = 1;
                return SqliteOk;
            }
            Interlocked.Increment(ref alone);
        }
        return Wrote(extra, extra->Real->XWrite(file, data, amount, offset), offset + amount);
    }

    // Appending goes on only from the end of a write that succeeded.
    private static int Wrote(WalFile* extra, int rc, long end)
    {
        extra->LastWriteEnd = rc == SqliteOk ? end : -1;
        return rc;
    }

    // A header held back goes down as it came before any other call sees the file; and whatever comes after
    // a call other than a write is not an append. Should that write fail, the call that caused it reports the
    // failure (today only a write can find a header held: SQLite writes the page right behind it).
    private static int Flush(SqliteFile* file)
    {
        var extra = Extra(file);
        extra->LastWriteEnd = -1;
        if (extra->Pending == 0)
        {
            return SqliteOk;
        }
        extra->Pending = 0;
        Interlocked.Increment(ref alone);
        return extra->Real->XWrite(file, extra->Header, FrameHeaderSize, extra->PendingOffset);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Close(SqliteFile* file)
    {
        var realMethods = Extra(file)->Real;
        var flushed = Flush(file);
        file->Methods = realMethods;
        var rc = realMethods->XClose(file);
        return rc != SqliteOk ? rc : flushed;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Read(SqliteFile* file, byte* data, int amount, long offset)
    {
        var rc = Flush(file);
        return rc != SqliteOk ? rc : Extra(file)->Real->XRead(file, data, amount, offset);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Truncate(SqliteFile* file, long size)
    {
        var rc = Flush(file);
        return rc != SqliteOk ? rc : Extra(file)->Real->XTruncate(file, size);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Sync(SqliteFile* file, int flags)
    {
        var rc = Flush(file);
        return rc != SqliteOk ? rc : Extra(file)->Real->XSync(file, flags);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int FileSize(SqliteFile* file, long* size)
    {
        var rc = Flush(file);
        return rc != SqliteOk ? rc : Extra(file)->Real->XFileSize(file, size);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int FileControl(SqliteFile* file, int op, void* argument)
    {
        var rc = Flush(file);
        return rc != SqliteOk ? rc : Extra(file)->Real->XFileControl(file, op, argument);
    }

    [LibraryImport("e_sqlite3")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial SqliteVfs* sqlite3_vfs_find(byte* name);

    [LibraryImport("e_sqlite3")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_vfs_register(SqliteVfs* vfs, int makeDefault);

    [LibraryImport("e_sqlite3")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_file_control(nint db, byte* name, int op, void* argument);

    // This VFS's fields in each WAL file object.
    [StructLayout(LayoutKind.Sequential)]
    private struct WalFile
    {
        public SqliteIoMethods* Real;
        public long PendingOffset;
        public long LastWriteEnd;
        public int Pending;
        public fixed byte Header[FrameHeaderSize];
    }
}
