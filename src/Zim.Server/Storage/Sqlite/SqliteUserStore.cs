using System.Text.Json;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Zim.Protocol.Wire;

namespace Zim.Server.Storage.Sqlite;

/// <summary>Users in SQLite. The primary key (app_id, user_id) decides every race on a UserId.</summary>
internal sealed class SqliteUserStore(SqliteDatabase database, TimeProvider clock) : IUserStore
{
    private const string InsertUser = """
        INSERT INTO users (app_id, user_id, user_name, user_avatar, created_at, updated_at, is_bot)
        VALUES ($app, $id, $name, $avatar, $now, $now, $bot)
        ON CONFLICT (app_id, user_id) DO NOTHING
        """;

    private const string UpdateUser = """
        UPDATE users
        SET user_name   = coalesce($name, user_name),
            user_avatar = coalesce($avatar, user_avatar),
            extra       = coalesce($extra, extra),
            updated_at  = $now
        WHERE app_id = $app AND user_id = $id
        """;

    // The ids travel as one JSON array parameter, so the statement text stays the same for any count.
    private const string SelectUsers = """
        SELECT user_id, user_name, user_avatar, extra
        FROM users
        WHERE app_id = $app AND user_id IN (SELECT value FROM json_each($ids))
        """;

    // The hot loop of a bulk import: straight through SQLite's API, one prepared statement per request,
    // which saves about a tenth of the writer's time per row against a command's parameter objects and
    // reader (decision 0005). Errors become the same SqliteException the provider throws.
    public Task<bool[]> RegisterAsync(uint appId, IReadOnlyList<RegisterUserInfo> users, bool bots, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            var inserted = new bool[users.Count];
            var db = connection.Handle!;
            using (var statement = Prepare(db, InsertUser))
            {
                int Parameter(string name) => raw.sqlite3_bind_parameter_index(statement, name);
                var id = Parameter("$id");
                var name = Parameter("$name");
                var avatar = Parameter("$avatar");
                raw.sqlite3_bind_int64(statement, Parameter("$app"), appId);
                raw.sqlite3_bind_int64(statement, Parameter("$now"), clock.GetUtcNow().ToUnixTimeMilliseconds());
                raw.sqlite3_bind_int(statement, Parameter("$bot"), bots ? 1 : 0);
                for (var i = 0; i < users.Count; i++)
                {
                    raw.sqlite3_bind_text(statement, id, users[i].UserId);
                    raw.sqlite3_bind_text(statement, name, users[i].UserName ?? "");
                    raw.sqlite3_bind_text(statement, avatar, users[i].UserAvatar ?? "");
                    var rc = raw.sqlite3_step(statement);
                    if (rc != raw.SQLITE_DONE)
                    {
                        SqliteException.ThrowExceptionForRC(rc, db);
                    }
                    inserted[i] = raw.sqlite3_changes(db) == 1;
                    raw.sqlite3_reset(statement);
                }
            }
            return inserted;
        });

    public Task<bool[]> ModifyAsync(uint appId, IReadOnlyList<UserInfoChange> changes, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            var modified = new bool[changes.Count];
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = UpdateUser;
            var app = command.Parameters.Add("$app", SqliteType.Integer);
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var name = command.Parameters.Add("$name", SqliteType.Text);
            var avatar = command.Parameters.Add("$avatar", SqliteType.Text);
            var extra = command.Parameters.Add("$extra", SqliteType.Text);
            command.Parameters.AddWithValue("$now", clock.GetUtcNow().ToUnixTimeMilliseconds());
            app.Value = (long)appId;
            for (var i = 0; i < changes.Count; i++)
            {
                id.Value = changes[i].UserId;
                name.Value = (object?)changes[i].UserName ?? DBNull.Value;
                avatar.Value = (object?)changes[i].UserAvatar ?? DBNull.Value;
                extra.Value = (object?)changes[i].Extra ?? DBNull.Value;
                modified[i] = command.ExecuteNonQuery() == 1;
            }
            return modified;
        });

    // One statement for the whole request, stepped straight through SQLite's API as registration is:
    // the provider's reader checks each column's type and null before reading it, which cost as much as
    // the lookups themselves.
    public Task<IReadOnlyDictionary<string, UserProfile>> FindAsync(uint appId, IReadOnlyList<string> userIds, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyDictionary<string, UserProfile>>(connection =>
        {
            var found = new Dictionary<string, UserProfile>(userIds.Count, StringComparer.Ordinal);
            var db = connection.Handle!;
            using (var statement = Prepare(db, SelectUsers))
            {
                raw.sqlite3_bind_int64(statement, raw.sqlite3_bind_parameter_index(statement, "$app"), appId);
                raw.sqlite3_bind_text(statement, raw.sqlite3_bind_parameter_index(statement, "$ids"),
                    JsonSerializer.Serialize(userIds, StorageJson.Default.IReadOnlyListString));
                int rc;
                while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                {
                    var profile = new UserProfile(Text(statement, 0), Text(statement, 1), Text(statement, 2), Text(statement, 3));
                    found[profile.UserId] = profile;
                }
                if (rc != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(rc, db);
                }
            }
            return found;
        }, cancellationToken);

    // Errors become the same SqliteException the provider throws.
    private static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, sql, out var statement), db);
        return statement;
    }

    private static string Text(sqlite3_stmt statement, int column) => raw.sqlite3_column_text(statement, column).utf8_to_string() ?? "";
}
