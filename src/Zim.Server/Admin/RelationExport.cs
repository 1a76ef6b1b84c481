using System.Text.Json;
using Zim.Protocol.Rosters;
using Zim.Protocol.Wire;
using Zim.Server.Apps;
using Zim.Server.Storage;

namespace Zim.Server.Admin;

/// <summary>
/// <c>GET /admin/api/apps/{appId}/relations/export</c>: every friend row, friend application and block of the app as JSON
/// Lines (<see cref="RelationLine"/>), the format <c>Seed__RelationsPath</c> reads, streamed as the store is read.
/// </summary>
internal static class RelationExport
{
    public static void Map(RouteGroupBuilder relations) =>
        relations.MapGet("/export", (uint appId, AppRegistry registry, IRelationStore store, CancellationToken ct) =>
            AdminResults.Answer(AdminRefusal.IfNotServed(registry, appId) is { } refusal
                    ? refusal
                    : new AdminOutcome<IAsyncEnumerable<RelationLine>>(store.ExportAsync(appId, ct), null),
                lines => TypedResults.Stream(body => WriteAsync(lines, body, ct), "application/jsonl; charset=utf-8", $"relations-{appId}.jsonl")))
            .WithSummary("Export every friend row (one per direction), friend application and block, streamed as JSON Lines: what Seed__RelationsPath reads")
            .Produces(StatusCodes.Status200OK, contentType: "application/jsonl");

    private static Task WriteAsync(IAsyncEnumerable<RelationLine> lines, Stream body, CancellationToken cancellationToken) =>
        LineWriter.WriteAsync(lines, body, null, line => JsonSerializer.Serialize(line, ZimJson.Context.RelationLine), cancellationToken);
}
