using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zim.Server.Storage.Sqlite;

/// <summary>
/// The operating system's own SQLite VFS with one change: the WAL frames of a commit go down in a few large
/// writes, not two per frame. SQLite writes each frame as its 24-byte header and then its page, two system
/// calls per page, and random UserIds dirty about a page per user; on these machines the calls cost more
/// than the bytes (decision 0005). Here frames appended to a WAL file (each header right behind the previous
/// write, its page right behind the header) are held in a buffer of the file's and written in one call when
/// the page of a commit frame arrives, when the buffer is full, or before any other call on that file (a
/// read, a sync, a write elsewhere), which first finds everything held written as it came. Headers SQLite
/// rewrites in place (after reading the frame back) are written at once. No other file is changed.
/// Registered as the process's default VFS, so every connection uses it.
/// A commit's frames are all written before SQLite publishes it, since the commit frame is its last (checked
/// against wal.c); <see cref="EnsureWritten"/> makes it so regardless after each of the writer's commits,
/// before the WAL is synced for the answers. Frames still held when the transaction ends without a commit
/// (SQLite gives up its write lock, or the file is closed) are dropped, never written after the fact.
/// WAL files are handled in WalFrameVfs.WalFiles.cs; for database files it watches that lock and paces what
/// checkpoints write (WalFrameVfs.DatabaseFiles.cs).
/// </summary>
[SkipLocalsInit]
internal static unsafe partial class WalFrameVfs
{
    private const int SqliteOk = 0;
    private const int OpenWal = 0x00080000; // SQLITE_OPEN_WAL
    private const int FrameHeaderSize = 24;   // WAL_FRAME_HDRSIZE

    // Frames held per WAL file: 29 of 4 KiB pages. SQLite's unix VFS writes at most 128 KiB in one call (it
    // keeps 17 bits of the length, as no write of SQLite's own is longer), so a buffer must stay below that.
    private const int BufferSize = 120 * 1024;
    private const int FileControlJournalPointer = 28; // SQLITE_FCNTL_JOURNAL_POINTER: the WAL file in WAL mode

    private static readonly Lock Gate = new();
    private static SqliteVfs* real;
    private static SqliteVfs* ours;
    private static SqliteIoMethods* walMethods;
    private static SqliteIoMethods* walMethodsOf; // the real methods walMethods forwards to
    private static long combined;
    private static long alone;
    private static long heldAfterCommit;
    private static long frameWrites;
    private static long framesDropped;
    private static readonly Lock HoldingGate = new();
    private static readonly List<nint> holding = []; // WAL files that hold frames now

    /// <summary>Frames held whole (header and page) and written with others so far (for tests).</summary>
    public static long FramesCombined => Interlocked.Read(ref combined);

    /// <summary>Writes of held frames so far: a commit's frames take one for every 29 pages (for tests).</summary>
    public static long FrameWrites => Interlocked.Read(ref frameWrites);

    /// <summary>Frame headers written on their own so far: rewritten in place, or not behind the previous write.</summary>
    public static long HeadersWrittenAlone => Interlocked.Read(ref alone);

    /// <summary>Frames dropped unwritten so far: held when their transaction ended without a commit (for tests).</summary>
    public static long FramesDropped => Interlocked.Read(ref framesDropped);

    /// <summary>Commits after which <see cref="EnsureWritten"/> found frames still held: never, unless SQLite changed.</summary>
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
            vfs->SzOsFile = ExtraOffset + Math.Max(sizeof(WalFile), sizeof(DatabaseFile));
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
    /// Writes what the connection's WAL file still holds, if anything (nothing after a commit, as SQLite
    /// writes frames today). The writer calls it after each commit, before the WAL is synced for the answers.
    /// </summary>
    public static void EnsureWritten(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        var wal = WalOf(connection);
        if (wal is not null && Extra(wal)->Length != 0)
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
            WrapDatabase(name, file, flags);
            return rc;
        }
        var methods = MethodsFor(file->Methods);
        if (methods is null)
        {
            return rc; // a file of a kind not seen before: left exactly as the real VFS opened it
        }
        var extra = Extra(file);
        extra->Real = file->Methods;
        extra->Name = name; // SQLite keeps the name unchanged until the file is closed
        extra->Buffer = null;
        extra->Length = 0;
        extra->AwaitingPage = 0;
        extra->LastWriteEnd = -1;
        file->Methods = methods;
        return rc;
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

    [LibraryImport("e_sqlite3")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial SqliteVfs* sqlite3_vfs_find(byte* name);

    [LibraryImport("e_sqlite3")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_vfs_register(SqliteVfs* vfs, int makeDefault);

    [LibraryImport("e_sqlite3")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_file_control(nint db, byte* name, int op, void* argument);
}
