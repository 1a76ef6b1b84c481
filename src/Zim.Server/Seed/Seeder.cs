using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Zim.Protocol.Rosters;
using Zim.Protocol.Validation;
using Zim.Protocol.Wire;
using Zim.Server.Api;
using Zim.Server.Apps;
using Zim.Server.Storage;

namespace Zim.Server.Seed;

/// <summary>
/// Registers the users of the seed file at start-up, before the first request is served. The file is
/// streamed in batches through the store's own registration, so users already stored stay as they are: a
/// restart with the same file, or several instances started together on one database, change nothing more.
/// Invalid records are counted and skipped; a file or app that cannot be used stops the start.
/// </summary>
internal sealed partial class Seeder(
    IOptions<SeedOptions> options, IOptions<ApiOptions> api, AppRegistry apps, IUserStore store, ILogger<Seeder> logger)
{
    // More than a call's 100: each store writes a batch in one statement or transaction, and at start-up no
    // request waits behind it. Memory holds one batch, whatever the size of the file.
    private const int BatchSize = 1000;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var seed = options.Value;
        if (string.IsNullOrWhiteSpace(seed.Path))
        {
            return;
        }
        var path = Path.GetFullPath(seed.Path);
        var appId = AppOf(apps, seed.AppId);
        if (!File.Exists(path))
        {
            throw SeedOptions.Refusal($"Seed:Path names {path}, where there is no file.");
        }
        if (RosterFile.FormatOf(path, declared: null) is not { } format)
        {
            throw SeedOptions.Refusal($"Seed:Path {path}: cannot tell the format from the extension; name the file .csv or .jsonl.");
        }
        var roster = new RosterFile(path, format);
        var started = Stopwatch.GetTimestamp();
        SeedTally tally;
        try
        {
            if (await roster.CheckAsync(cancellationToken) is { } problem)
            {
                throw SeedOptions.Refusal($"Seed:Path {problem}");
            }
            tally = await ImportAsync(appId, roster.ReadAsync(cancellationToken), "line", cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw SeedOptions.Refusal($"Seed:Path {path} cannot be read: {e.Message}");
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        LogSeeded(logger, tally.Invalid == 0 ? LogLevel.Information : LogLevel.Warning,
            appId, path, tally.Registered, tally.AlreadyThere, tally.Invalid, tally.InvalidReasons, seconds);
    }

    /// <summary>
    /// Registers <paramref name="users"/> as a seed file's are (each checked, repeats and users already stored
    /// counted, never changed), for the admin API; the reasons name each user by its place, from 1.
    /// </summary>
    public Task<SeedTally> RegisterAsync(uint appId, IReadOnlyList<RegisterUserInfo> users, CancellationToken cancellationToken) =>
        ImportAsync(appId, users.Select((user, i) => new RosterRow(i + 1, user, null)).ToAsyncEnumerable(), "user", cancellationToken);

    private async Task<SeedTally> ImportAsync(uint appId, IAsyncEnumerable<RosterRow> rows, string place, CancellationToken cancellationToken)
    {
        var tally = new SeedTally();
        var nameMaxBytes = api.Value.UserNameMaxBytes;
        var batch = new List<RegisterUserInfo>(BatchSize);
        // The stores expect distinct UserIds in one batch; a repeat in a later batch is found by the store itself.
        var inBatch = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in rows)
        {
            if (row.User is not { } user)
            {
                tally.Skipped(row.Problem!);
            }
            else if (UserRules.CheckRegistration(user, nameMaxBytes) is { } violation)
            {
                tally.Skipped($"{place} {row.Line}: {violation.Message}");
            }
            else if (!inBatch.Add(user.UserId))
            {
                tally.Repeated();
            }
            else
            {
                batch.Add(user);
                if (batch.Count == BatchSize)
                {
                    await RegisterAsync(appId, batch, inBatch, tally, cancellationToken);
                }
            }
        }
        await RegisterAsync(appId, batch, inBatch, tally, cancellationToken);
        return tally;
    }

    private async Task RegisterAsync(uint appId, List<RegisterUserInfo> batch, HashSet<string> inBatch, SeedTally tally, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }
        tally.Stored(await store.RegisterAsync(appId, batch, bots: false, cancellationToken));
        batch.Clear();
        inBatch.Clear();
    }

    /// <summary>The configured app, or else the only app served.</summary>
    public static uint AppOf(AppRegistry apps, uint? configured)
    {
        var served = string.Join(", ", apps.All.Select(a => a.AppId).Order());
        if (configured is { } appId)
        {
            return apps.Find(appId) is not null
                ? appId
                : throw SeedOptions.Refusal($"Seed:AppId {appId} is not an app this server serves (it serves {served}).");
        }
        return apps.Count == 1
            ? apps.All.Single().AppId
            : throw SeedOptions.Refusal($"Seed:AppId is required: this server serves {apps.Count} apps ({served}); name the one that receives the users.");
    }

    [LoggerMessage(Message = "Seeded app {AppId} from {SeedPath}: {Registered} registered, {AlreadyThere} already there, {Invalid} invalid{InvalidReasons}, in {Seconds} s")]
    private static partial void LogSeeded(ILogger logger, LogLevel level, uint appId, string seedPath,
        long registered, long alreadyThere, long invalid, string invalidReasons, string seconds);
}
