using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zim.Server.Storage.Sqlite;

/// <summary>
/// What this VFS does with database files. First, it ends what a WAL file holds when its write transaction
/// ends: frames still held when a connection gives up SQLite's WAL write lock belong to a transaction that
/// did not commit (a commit's frames are written when its commit frame is), and written later they could
/// land on frames another connection committed meanwhile; so they are dropped, as SQLite's own rollback
/// drops them in its index.
/// Second, checkpoint pacing: in WAL mode only checkpoints write the database file, and SQLite syncs it
/// once at the end of each, so a checkpoint of 30 MB reaches the disk as one burst and the WAL syncs that
/// answers wait for queue behind it. Every 1 MiB written to a database file, this asks Linux to start
/// writing it out and waits for what it started the time before (sync_file_range), as PostgreSQL does with
/// checkpoint_flush_after: the disk never has more than about 2 MiB of the database file ahead of a WAL
/// sync. Advisory only: what is durable is still decided by SQLite's own sync. Linux and SQLite's unix VFS
/// only; the file's descriptor is the one SQLite opened (its unixFile keeps it after three pointers), used
/// only when /proc names the same file for it.
/// </summary>
internal static unsafe partial class WalFrameVfs
{
    private const int OpenMainDb = 0x00000100; // SQLITE_OPEN_MAIN_DB
    private const int ShmUnlock = 1;           // SQLITE_SHM_UNLOCK
    private const int ShmExclusive = 8;        // SQLITE_SHM_EXCLUSIVE
    private const int WalWriteLock = 0;        // WAL_WRITE_LOCK, wal.c's first lock slot
    private const long PaceBytes = 1024 * 1024;
    private const uint WaitBeforeAndWrite = 1 | 2; // SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE
    private static SqliteIoMethods* databaseMethods;
    private static SqliteIoMethods* databaseMethodsOf;
    private static long paced;
    private static bool unixVfs; // SQLite's unix VFS, whose file object keeps its descriptor after three pointers

    /// <summary>Times a database file's writes were handed to the disk early so far (for tests).</summary>
    public static long CheckpointWritesPaced => Interlocked.Read(ref paced);

    private static void WrapDatabase(byte* name, SqliteFile* file, int flags)
    {
        if ((flags & OpenMainDb) == 0 || name is null)
        {
            return;
        }
        var methods = DatabaseMethodsFor(file->Methods);
        if (methods is null)
        {
            return;
        }
        var extra = (DatabaseFile*)Extra(file);
        extra->Real = file->Methods;
        extra->Name = name; // SQLite keeps the name unchanged until the file is closed
        extra->Descriptor = PacingDescriptor(name, file);
        extra->Unpaced = 0;
        file->Methods = methods;
    }

    // SQLite's own descriptor for the file, or -1 where pacing does not apply.
    private static int PacingDescriptor(byte* name, SqliteFile* file)
    {
        if (!OperatingSystem.IsLinux() || !unixVfs)
        {
            return -1;
        }
        try
        {
            var descriptor = *(int*)((byte*)file + 3 * sizeof(nint));
            var path = Marshal.PtrToStringUTF8((nint)name);
            return descriptor >= 0 && path is not null
                && new FileInfo($"/proc/self/fd/{descriptor}").LinkTarget == Path.GetFullPath(path)
                ? descriptor
                : -1; // not the layout expected: no pacing, nothing else changes
        }
        catch (Exception)
        {
            return -1; // pacing is an optimisation: any doubt leaves it out
        }
    }

    private static SqliteIoMethods* DatabaseMethodsFor(SqliteIoMethods* realMethods) =>
        TableFor(realMethods, ref databaseMethods, ref databaseMethodsOf, &ReplaceDatabaseMethods);

    private static void ReplaceDatabaseMethods(SqliteIoMethods* table)
    {
        table->XWrite = &DatabaseWrite;
        table->XShmLock = &DatabaseShmLock;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int DatabaseWrite(SqliteFile* file, byte* data, int amount, long offset)
    {
        var extra = (DatabaseFile*)Extra(file);
        var rc = extra->Real->XWrite(file, data, amount, offset);
        if (rc == SqliteOk && extra->Descriptor >= 0 && (extra->Unpaced += amount) >= PaceBytes)
        {
            extra->Unpaced = 0;
            sync_file_range(extra->Descriptor, 0, 0, WaitBeforeAndWrite);
            Interlocked.Increment(ref paced);
        }
        return rc;
    }

    // The write lock is given up at the end of every write transaction, committed or not; anything its
    // WAL file still holds then was never committed, and is dropped before another writer can take the lock.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int DatabaseShmLock(SqliteFile* file, int offset, int count, int flags)
    {
        var extra = (DatabaseFile*)Extra(file);
        if (offset == WalWriteLock && (flags & (ShmUnlock | ShmExclusive)) == (ShmUnlock | ShmExclusive))
        {
            DropHeldFramesOf(extra->Name);
        }
        return extra->Real->XShmLock(file, offset, count, flags);
    }

    [LibraryImport("libc")]
    private static partial int sync_file_range(int descriptor, long offset, long count, uint flags);

    // This VFS's fields in each database file object (in the space WalFile has in a WAL file object).
    [StructLayout(LayoutKind.Sequential)]
    private struct DatabaseFile
    {
        public SqliteIoMethods* Real;
        public byte* Name;
        public long Unpaced;
        public int Descriptor;
    }
}
