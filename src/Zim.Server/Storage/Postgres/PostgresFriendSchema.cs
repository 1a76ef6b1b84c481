namespace Zim.Server.Storage.Postgres;

/// <summary>The friend tables of the Postgres store, created at start with the others (see PostgresFriendStore).</summary>
internal static class PostgresFriendSchema
{
    /// <summary>The tables and the trigger, created at start with the others (under the same advisory lock).</summary>
    public const string Tables = """
        CREATE TABLE IF NOT EXISTS friends (
            app_id     bigint NOT NULL,
            owner_id   text   COLLATE "C" NOT NULL,
            friend_id  text   COLLATE "C" NOT NULL,
            alias      text   NOT NULL,
            attributes text   NOT NULL,
            wording    text   NOT NULL,
            created_at bigint NOT NULL,
            PRIMARY KEY (app_id, owner_id, friend_id)
        );
        CREATE INDEX IF NOT EXISTS friends_newest ON friends (app_id, owner_id, created_at DESC, friend_id);
        CREATE INDEX IF NOT EXISTS friends_friend ON friends (app_id, friend_id);
        CREATE TABLE IF NOT EXISTS friend_applications (
            app_id     bigint  NOT NULL,
            from_id    text    COLLATE "C" NOT NULL,
            to_id      text    COLLATE "C" NOT NULL,
            wording    text    NOT NULL,
            alias      text    NOT NULL,
            attributes text    NOT NULL,
            state      integer NOT NULL,
            created_at bigint  NOT NULL,
            updated_at bigint  NOT NULL,
            expires_at bigint  NOT NULL,
            PRIMARY KEY (app_id, from_id, to_id)
        );
        CREATE INDEX IF NOT EXISTS friend_applications_to ON friend_applications (app_id, to_id);
        CREATE OR REPLACE FUNCTION users_leave_friends() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            DELETE FROM friends f USING gone g WHERE f.app_id = g.app_id AND f.owner_id = g.user_id;
            DELETE FROM friends f USING gone g WHERE f.app_id = g.app_id AND f.friend_id = g.user_id;
            DELETE FROM friend_applications a USING gone g WHERE a.app_id = g.app_id AND a.from_id = g.user_id;
            DELETE FROM friend_applications a USING gone g WHERE a.app_id = g.app_id AND a.to_id = g.user_id;
            RETURN NULL;
        END
        $fn$;
        DROP TRIGGER IF EXISTS users_leave_friends ON users;
        CREATE TRIGGER users_leave_friends AFTER DELETE ON users REFERENCING OLD TABLE AS gone
            FOR EACH STATEMENT EXECUTE FUNCTION users_leave_friends();
        """;
}
