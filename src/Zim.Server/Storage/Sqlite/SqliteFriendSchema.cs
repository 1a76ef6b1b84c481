namespace Zim.Server.Storage.Sqlite;

/// <summary>The friend tables of the Sqlite store, created at start with the others (see SqliteFriendStore).</summary>
internal static class SqliteFriendSchema
{
    /// <summary>
    /// The tables, created at start with the others. A user leaving by whatever path (deleted, its app reset or
    /// removed) takes its friend rows, both ways, and its applications with it, in the same transaction.
    /// </summary>
    public const string Tables = """
        CREATE TABLE IF NOT EXISTS friends (
            app_id     INTEGER NOT NULL,
            owner_id   TEXT    NOT NULL,
            friend_id  TEXT    NOT NULL,
            alias      TEXT    NOT NULL,
            attributes TEXT    NOT NULL,
            wording    TEXT    NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (app_id, owner_id, friend_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS friends_newest ON friends (app_id, owner_id, created_at DESC, friend_id);
        CREATE INDEX IF NOT EXISTS friends_friend ON friends (app_id, friend_id);
        CREATE TABLE IF NOT EXISTS friend_applications (
            app_id     INTEGER NOT NULL,
            from_id    TEXT    NOT NULL,
            to_id      TEXT    NOT NULL,
            wording    TEXT    NOT NULL,
            alias      TEXT    NOT NULL,
            attributes TEXT    NOT NULL,
            state      INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY (app_id, from_id, to_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS friend_applications_to ON friend_applications (app_id, to_id);
        CREATE TRIGGER IF NOT EXISTS users_leave_friends AFTER DELETE ON users
        BEGIN
            DELETE FROM friends WHERE app_id = old.app_id AND owner_id = old.user_id;
            DELETE FROM friends WHERE app_id = old.app_id AND friend_id = old.user_id;
            DELETE FROM friend_applications WHERE app_id = old.app_id AND from_id = old.user_id;
            DELETE FROM friend_applications WHERE app_id = old.app_id AND to_id = old.user_id;
        END;
        """;
}
