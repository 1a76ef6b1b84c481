using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Zim.Protocol.Wire;

namespace Zim.Cli.Import;

/// <summary>What an import is: the same header means the same batches, so a journal can be resumed.</summary>
internal sealed record JournalHeader(int Version, uint AppId, string Endpoint, long InputBytes, string InputSha256, int BatchSize, int UserNameMaxBytes);

/// <summary>A batch the server answered: how many it registered, and every user it did not.</summary>
internal sealed record JournalBatch(long Batch, int Registered, IReadOnlyList<UserError> Errors);

[JsonSerializable(typeof(JournalHeader))]
[JsonSerializable(typeof(JournalBatch))]
internal sealed partial class JournalJson : JsonSerializerContext;

/// <summary>
/// The journal of an import, beside its input: a header line, then one JSON line per answered batch, each
/// flushed to disk before the batch counts as done. A line torn by a crash is dropped on the next open.
/// </summary>
internal sealed class ImportJournal : IAsyncDisposable
{
    private readonly FileStream stream;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<long, JournalBatch> earlier;

    private ImportJournal(FileStream stream, Dictionary<long, JournalBatch> earlier)
    {
        this.stream = stream;
        this.earlier = earlier;
    }

    public static string PathFor(string input) => input + ".zim-journal";

    /// <summary>Batches done by earlier runs of this import.</summary>
    public IReadOnlyCollection<JournalBatch> Earlier => earlier.Values;

    public bool WasDone(long batch) => earlier.ContainsKey(batch);

    public static async Task<(ImportJournal? Journal, string? Error)> OpenAsync(string path, JournalHeader header, CancellationToken cancellationToken)
    {
        var earlier = new Dictionary<long, JournalBatch>();
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            var content = new byte[stream.Length];
            await stream.ReadExactlyAsync(content, cancellationToken);
            var complete = content.AsSpan(0, content.AsSpan().LastIndexOf((byte)'\n') + 1);
            if (complete.Length == 0)
            {
                stream.SetLength(0);
                await AppendAsync(stream, JsonSerializer.SerializeToUtf8Bytes(header, JournalJson.Default.JournalHeader), cancellationToken);
                return (new ImportJournal(stream, earlier), null);
            }
            var lines = Encoding.UTF8.GetString(complete).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (Read(lines[0], JournalJson.Default.JournalHeader) != header)
            {
                await stream.DisposeAsync();
                return (null, $"{path} records an import of other data (the input changed, or the app, endpoint, batch size or name limit did). " +
                    "Pass --restart to start over: users already registered will then be reported as already registered.");
            }
            foreach (var line in lines.Skip(1))
            {
                if (Read(line, JournalJson.Default.JournalBatch) is { } batch)
                {
                    earlier[batch.Batch] = batch;
                }
            }
            stream.SetLength(complete.Length);
            stream.Position = complete.Length;
            return (new ImportJournal(stream, earlier), null);
        }
        catch (JsonException)
        {
            await stream.DisposeAsync();
            return (null, $"{path} is not a journal zim can read; pass --restart to start over.");
        }
    }

    /// <summary>Appends a batch durably. Not cancellable: a batch the server answered is recorded whole, even on Ctrl+C.</summary>
    public async ValueTask RecordAsync(JournalBatch batch)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(batch, JournalJson.Default.JournalBatch);
        await gate.WaitAsync(CancellationToken.None);
        try
        {
            await AppendAsync(stream, line, CancellationToken.None);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A fingerprint of the input, so that a journal is never applied to other data.</summary>
    public static async Task<(long Bytes, string Sha256)> FingerprintAsync(string input, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(input);
        var hash = await SHA256.HashDataAsync(file, cancellationToken);
        return (file.Length, Convert.ToHexStringLower(hash));
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        gate.Dispose();
    }

    private static async Task AppendAsync(FileStream stream, byte[] json, CancellationToken cancellationToken)
    {
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        await stream.WriteAsync(line, cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    private static T? Read<T>(string line, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => JsonSerializer.Deserialize(line, type);
}
