using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zim.Server.Storage.Sqlite;

// WAL files: the frames SQLite appends are held and written a commit (or 29 frames) at a time; see the
// class's summary in WalFrameVfs.cs.
internal static unsafe partial class WalFrameVfs
{
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
                var file = (SqliteFile*)holding[i];
                if (IsWalOf(Extra(file)->Name, databaseName))
                {
                    Drop(file); // removes it from holding (Lock is reentrant), at index i
                }
            }
        }
    }

    // What is held goes unwritten; nothing after it is an append.
    private static void Drop(SqliteFile* file)
    {
        Interlocked.Add(ref framesDropped, Extra(file)->Frames);
        Release(file);
        Extra(file)->LastWriteEnd = -1;
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
            Drop(file);
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
