using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Zim.Server.Api;
using Zim.Server.Apps;
using Zim.Server.Storage;

namespace Zim.Server.Seed;

/// <summary>
/// Stores the relations of <c>Seed__RelationsPath</c> at start-up, after the seed's users and before the first request:
/// each line checked as the actions check their entries, stored when both its users are registered, left alone when the
/// relation is stored already (a restart with the same file changes nothing). The per-user limits of the actions do not
/// apply: the file is the operator's. Invalid lines are counted and skipped; a file that cannot be read stops the start.
/// </summary>
internal sealed partial class RelationSeeder(
    IOptions<SeedOptions> options, IOptions<ApiOptions> api, AppRegistry apps, IRelationStore store, TimeProvider clock, ILogger<RelationSeeder> logger)
{
    private const int BatchSize = 1000;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var seed = options.Value;
        if (string.IsNullOrWhiteSpace(seed.RelationsPath))
        {
            return;
        }
        var path = Path.GetFullPath(seed.RelationsPath);
        var appId = Seeder.AppOf(apps, seed.AppId);
        if (!File.Exists(path))
        {
            throw SeedOptions.Refusal($"Seed:RelationsPath names {path}, where there is no file.");
        }
        var started = Stopwatch.GetTimestamp();
        SeedTally tally;
        try
        {
            using var reader = RelationFile.Open(path);
            // The app's own limits (attribute bytes, application validity) where it sets them.
            var limits = ActionLimits.Of(api.Value, apps.Find(appId)!.Limits);
            tally = await SeedAsync(appId, RelationFile.ReadAsync(reader, limits, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken), cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw SeedOptions.Refusal($"Seed:RelationsPath {path} cannot be read: {e.Message}");
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        LogSeeded(logger, tally.Invalid == 0 ? LogLevel.Information : LogLevel.Warning,
            appId, path, tally.Registered, tally.AlreadyThere, tally.Invalid, tally.InvalidReasons, seconds);
    }

    private async Task<SeedTally> SeedAsync(uint appId, IAsyncEnumerable<(SeedRelation? Relation, string? Problem)> lines, CancellationToken cancellationToken)
    {
        var tally = new SeedTally();
        var batch = new List<SeedRelation>(BatchSize);
        await foreach (var (relation, problem) in lines)
        {
            if (relation is null)
            {
                tally.Skipped(problem!);
                continue;
            }
            batch.Add(relation);
            if (batch.Count == BatchSize)
            {
                await StoreAsync(appId, batch, tally, cancellationToken);
            }
        }
        await StoreAsync(appId, batch, tally, cancellationToken);
        return tally;
    }

    private async Task StoreAsync(uint appId, List<SeedRelation> batch, SeedTally tally, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }
        var outcomes = await store.SeedAsync(appId, batch, cancellationToken);
        for (var i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i] == SeedOutcome.UnknownUser)
            {
                var relation = batch[i];
                tally.Skipped($"{relation.Kind} {relation.A} → {relation.B}: a user of it is not registered");
            }
        }
        tally.Stored([.. outcomes.Where(o => o != SeedOutcome.UnknownUser).Select(o => o == SeedOutcome.Stored)]);
        batch.Clear();
    }

    [LoggerMessage(Message = "Seeded the relations of app {AppId} from {SeedPath}: {Stored} stored, {AlreadyThere} already there, {Invalid} invalid{InvalidReasons}, in {Seconds} s")]
    private static partial void LogSeeded(ILogger logger, LogLevel level, uint appId, string seedPath,
        long stored, long alreadyThere, long invalid, string invalidReasons, string seconds);
}
