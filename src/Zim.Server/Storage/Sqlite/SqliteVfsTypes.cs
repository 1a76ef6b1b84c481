using System.Runtime.InteropServices;

namespace Zim.Server.Storage.Sqlite;

// SQLite's VFS objects as sqlite3.h lays them out (sqlite3_vfs version 3, sqlite3_io_methods version 3),
// for WalFrameVfs. Only the fields it reads or replaces are named for use; the others are copied as they are.

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SqliteVfs
{
    public int IVersion;
    public int SzOsFile;
    public int MxPathname;
    public SqliteVfs* PNext;
    public byte* ZName;
    public void* PAppData;
    public delegate* unmanaged[Cdecl]<SqliteVfs*, byte*, SqliteFile*, int, int*, int> XOpen;
    public void* XDelete;
    public void* XAccess;
    public void* XFullPathname;
    public void* XDlOpen;
    public void* XDlError;
    public void* XDlSym;
    public void* XDlClose;
    public void* XRandomness;
    public void* XSleep;
    public void* XCurrentTime;
    public void* XGetLastError;
    public void* XCurrentTimeInt64;
    public void* XSetSystemCall;
    public void* XGetSystemCall;
    public void* XNextSystemCall;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SqliteFile
{
    public SqliteIoMethods* Methods;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SqliteIoMethods
{
    public int IVersion;
    public delegate* unmanaged[Cdecl]<SqliteFile*, int> XClose;
    public delegate* unmanaged[Cdecl]<SqliteFile*, byte*, int, long, int> XRead;
    public delegate* unmanaged[Cdecl]<SqliteFile*, byte*, int, long, int> XWrite;
    public delegate* unmanaged[Cdecl]<SqliteFile*, long, int> XTruncate;
    public delegate* unmanaged[Cdecl]<SqliteFile*, int, int> XSync;
    public delegate* unmanaged[Cdecl]<SqliteFile*, long*, int> XFileSize;
    public void* XLock;
    public void* XUnlock;
    public void* XCheckReservedLock;
    public delegate* unmanaged[Cdecl]<SqliteFile*, int, void*, int> XFileControl;
    public void* XSectorSize;
    public void* XDeviceCharacteristics;
    public void* XShmMap;
    public delegate* unmanaged[Cdecl]<SqliteFile*, int, int, int, int> XShmLock;
    public void* XShmBarrier;
    public void* XShmUnmap;
    public void* XFetch;
    public void* XUnfetch;
}
