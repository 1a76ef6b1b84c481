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
/// For database files it watches that lock and paces what checkpoints write (WalFrameVfs.DatabaseFiles.cs).
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
        if (extra->Length != 0)
        {
            var end = extra->BufferOffset + extra->Length;
            if (offset == end && extra->AwaitingPage != 0 && amount <= BufferSize - extra->Length)
            {
                // The page of the frame whose header is held: the frame is whole.
                Append(extra, data, amount);
                extra->AwaitingPage = 0;
                Interlocked.Increment(ref combined);
                return extra->CommitFrame != 0 || BufferSize - extra->Length < FrameHeaderSize + amount
                    ? WriteHeld(file)
                    : SqliteOk;
            }
            if (offset == end && extra->AwaitingPage == 0 && amount == FrameHeaderSize)
            {
                HoldHeader(extra, data);
                return SqliteOk;
            }
            var written = WriteHeld(file);
            if (written != SqliteOk)
            {
                return written;
            }
        }
        if (amount == FrameHeaderSize)
        {
            if (offset == extra->LastWriteEnd && databaseMethods is not null && EnsureBuffer(extra))
            {
                extra->BufferOffset = offset;
                HoldHeader(extra, data);
                lock (HoldingGate)
                {
                    holding.Add((nint)file);
                }
                return SqliteOk;
            }
            Interlocked.Increment(ref alone);
        }
        var rc = extra->Real->XWrite(file, data, amount, offset);
        extra->LastWriteEnd = rc == SqliteOk ? offset + amount : -1;
        return rc;
    }

    private static void HoldHeader(WalFile* extra, byte* header)
    {
        // Bytes 4-7 of a frame header: the database's size in pages after a commit, zero in other frames.
        extra->CommitFrame = header[4] | header[5] | header[6] | header[7];
        Append(extra, header, FrameHeaderSize);
        extra->AwaitingPage = 1;
        extra->Frames++;
    }

    private static void Append(WalFile* extra, byte* data, int amount)
    {
        new ReadOnlySpan<byte>(data, amount).CopyTo(new Span<byte>(extra->Buffer + extra->Length, amount));
        extra->Length += amount;
    }

    // The buffer is made on the first frame a connection appends (readers never do) and kept until it
    // closes. Without memory for it, frames are written as they come.
    private static bool EnsureBuffer(WalFile* extra)
    {
        if (extra->Buffer is null)
        {
            try
            {
                extra->Buffer = (byte*)NativeMemory.Alloc(BufferSize);
            }
            catch (OutOfMemoryException)
            {
                return false;
            }
        }
        return true;
    }

    // Everything held goes down in one write; appending goes on from its end if it succeeded. Should it
    // fail, the call that caused it reports the failure, and what was held is dropped, as SQLite's own
    // write would have failed.
    private static int WriteHeld(SqliteFile* file)
    {
        var extra = Extra(file);
        if (extra->Length == 0)
        {
            return SqliteOk;
        }
        if (extra->AwaitingPage != 0)
        {
            Interlocked.Increment(ref alone);
        }
        var end = extra->BufferOffset + extra->Length;
        var rc = extra->Real->XWrite(file, extra->Buffer, extra->Length, extra->BufferOffset);
        Release(file);
        extra->LastWriteEnd = rc == SqliteOk ? end : -1;
        Interlocked.Increment(ref frameWrites);
        return rc;
    }

    // The file holds nothing any more.
    private static void Release(SqliteFile* file)
    {
        var extra = Extra(file);
        extra->Length = 0;
        extra->Frames = 0;
        extra->AwaitingPage = 0;
        lock (HoldingGate)
        {
            holding.Remove((nint)file);
        }
    }

    // Drops, unwritten, what the database's WAL file holds (on any connection of this process: only the one
    // that had SQLite's write lock can hold frames). Called as that lock is given up.
    private static void DropHeldFramesOf(byte* databaseName)
    {
        lock (HoldingGate)
        {
            for (var i = holding.Count - 1; i >= 0; i--)
            {
                var extra = Extra((SqliteFile*)holding[i]);
                if (IsWalOf(extra->Name, databaseName))
                {
                    Interlocked.Add(ref framesDropped, extra->Frames);
                    extra->Length = 0;
                    extra->Frames = 0;
                    extra->AwaitingPage = 0;
                    extra->LastWriteEnd = -1;
                    holding.RemoveAt(i);
                }
            }
        }
    }

    // SQLite names a WAL file after its database, with "-wal" appended.
    private static bool IsWalOf(byte* walName, byte* databaseName)
    {
        var database = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(databaseName);
        var wal = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(walName);
        return wal.Length == database.Length + 4 && wal.StartsWith(database) && wal[database.Length..].SequenceEqual("-wal"u8);
    }

    // Before any other call sees the file, whatever is held goes down as it came; and whatever comes after a
    // call other than a write is not an append.
    private static int Flush(SqliteFile* file)
    {
        var rc = WriteHeld(file);
        Extra(file)->LastWriteEnd = -1;
        return rc;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Close(SqliteFile* file)
    {
        // Frames still held belong to a transaction that never committed (a commit's frames are written
        // with its commit frame): they are dropped, not written after the transaction's end.
        var extra = Extra(file);
        var realMethods = extra->Real;
        if (extra->Length != 0)
        {
            Interlocked.Add(ref framesDropped, extra->Frames);
            Release(file);
        }
        NativeMemory.Free(extra->Buffer);
        extra->Buffer = null;
        file->Methods = realMethods;
        return realMethods->XClose(file);
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
        public byte* Buffer;
        public long BufferOffset;
        public long LastWriteEnd;
        public byte* Name;
        public int Length;
        public int Frames;
        public int AwaitingPage;
        public int CommitFrame;
    }
}
