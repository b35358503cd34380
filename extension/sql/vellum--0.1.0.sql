\echo Use "CREATE EXTENSION vellum" to load this file. \quit

-- Vellum's collaboration engine. The tables follow the seeds' data model;
-- timestamps are timestamptz, and vellum adds per-object LWW state
-- (objects), a per-file sequence (files.last_seq, operations.seq) and
-- retention baselines (file_baselines).

CREATE TABLE vellum.users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email varchar(255) NOT NULL UNIQUE,
    name varchar(255) NOT NULL,
    avatar_url varchar(500),
    -- NULL: the account cannot sign in with a password (e.g. SQL-only users).
    password_hash varchar(255),
    role varchar(50) NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE vellum.teams (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name varchar(255) NOT NULL,
    owner_id uuid REFERENCES vellum.users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE vellum.team_members (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    team_id uuid NOT NULL REFERENCES vellum.teams (id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES vellum.users (id) ON DELETE CASCADE,
    role varchar(50) NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
    joined_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (team_id, user_id)
);
CREATE INDEX idx_team_members_user ON vellum.team_members (user_id);

CREATE TABLE vellum.projects (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name varchar(255) NOT NULL,
    team_id uuid REFERENCES vellum.teams (id) ON DELETE CASCADE,
    owner_id uuid REFERENCES vellum.users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_projects_team ON vellum.projects (team_id);

CREATE TABLE vellum.files (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name varchar(255) NOT NULL,
    project_id uuid REFERENCES vellum.projects (id) ON DELETE SET NULL,
    owner_id uuid REFERENCES vellum.users (id) ON DELETE SET NULL,
    team_id uuid REFERENCES vellum.teams (id) ON DELETE SET NULL,
    thumbnail_url varchar(500),
    -- The latest snapshot (vellum.snapshot); the live state is vellum.objects.
    canvas_data jsonb NOT NULL DEFAULT '{"objects": [], "pages": []}',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    -- The seq of the file's latest applied op.
    last_seq bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0)
);
CREATE INDEX idx_files_owner ON vellum.files (owner_id);
CREATE INDEX idx_files_project ON vellum.files (project_id);
CREATE INDEX idx_files_team ON vellum.files (team_id);
CREATE INDEX idx_files_updated ON vellum.files (updated_at DESC);
CREATE INDEX idx_files_deleted ON vellum.files (id) WHERE deleted_at IS NULL;
CREATE INDEX idx_files_deleted_at ON vellum.files (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE vellum.file_versions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    file_id uuid NOT NULL REFERENCES vellum.files (id) ON DELETE CASCADE,
    version_number integer NOT NULL,
    name varchar(255),
    canvas_data jsonb NOT NULL,
    created_by uuid REFERENCES vellum.users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    is_auto_save boolean NOT NULL DEFAULT true,
    -- The file's seq the snapshot was taken at.
    seq bigint NOT NULL DEFAULT 0,
    UNIQUE (file_id, version_number)
);
CREATE INDEX idx_file_versions_created ON vellum.file_versions (created_at);
CREATE INDEX idx_file_versions_autosave ON vellum.file_versions (file_id, created_at) WHERE is_auto_save;

CREATE TABLE vellum.comments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    file_id uuid NOT NULL REFERENCES vellum.files (id) ON DELETE CASCADE,
    user_id uuid REFERENCES vellum.users (id) ON DELETE SET NULL,
    object_id varchar(100),
    position_x double precision,
    position_y double precision,
    content text NOT NULL CHECK (length(content) BETWEEN 1 AND 10000),
    parent_id uuid REFERENCES vellum.comments (id) ON DELETE CASCADE,
    resolved boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_comments_file ON vellum.comments (file_id);
CREATE INDEX idx_comments_parent ON vellum.comments (parent_id);

CREATE TABLE vellum.file_permissions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    file_id uuid NOT NULL REFERENCES vellum.files (id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES vellum.users (id) ON DELETE CASCADE,
    permission varchar(50) NOT NULL DEFAULT 'view' CHECK (permission IN ('view', 'edit', 'admin')),
    granted_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (file_id, user_id)
);
CREATE INDEX idx_file_permissions_user ON vellum.file_permissions (user_id);

-- Invitations to a team (role viewer, member or admin) or to a file
-- (permission view, edit or admin), addressed to an email. Adding someone is
-- an invitation they accept, whether or not the email has an account yet, so
-- that inviting tells the inviter nothing about who has an account.
CREATE TABLE vellum.invitations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email varchar(255) NOT NULL CHECK (email = lower(email)),
    team_id uuid REFERENCES vellum.teams (id) ON DELETE CASCADE,
    file_id uuid REFERENCES vellum.files (id) ON DELETE CASCADE,
    role varchar(50) NOT NULL,
    invited_by uuid REFERENCES vellum.users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((team_id IS NULL) <> (file_id IS NULL)),
    CHECK (team_id IS NULL OR role IN ('viewer', 'member', 'admin')),
    CHECK (file_id IS NULL OR role IN ('view', 'edit', 'admin'))
);
CREATE UNIQUE INDEX idx_invitations_team_email ON vellum.invitations (team_id, email) WHERE team_id IS NOT NULL;
CREATE UNIQUE INDEX idx_invitations_file_email ON vellum.invitations (file_id, email) WHERE file_id IS NOT NULL;
CREATE INDEX idx_invitations_email ON vellum.invitations (email);

-- Images placed on canvases, kept here so that pg_dump carries them. Stored
-- once per content (the SHA-256 of the bytes is the key, and is checked),
-- and linked to each file they were uploaded to: reading one needs access to
-- a file it belongs to.
CREATE TABLE vellum.images (
    sha256 char(64) PRIMARY KEY,
    content_type varchar(50) NOT NULL
        CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp', 'image/svg+xml')),
    bytes bytea NOT NULL,
    byte_size integer GENERATED ALWAYS AS (length(bytes)) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT images_sha256_matches_bytes CHECK (sha256 = encode(sha256(bytes), 'hex'))
);

CREATE TABLE vellum.file_images (
    file_id uuid NOT NULL REFERENCES vellum.files (id) ON DELETE CASCADE,
    sha256 char(64) NOT NULL REFERENCES vellum.images (sha256) ON DELETE CASCADE,
    uploaded_by uuid REFERENCES vellum.users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (file_id, sha256)
);
CREATE INDEX idx_file_images_sha256 ON vellum.file_images (sha256);

-- The operations log: every applied op, in the file's order (seq).
CREATE TABLE vellum.operations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    file_id uuid NOT NULL REFERENCES vellum.files (id) ON DELETE CASCADE,
    user_id uuid REFERENCES vellum.users (id) ON DELETE SET NULL,
    operation_type varchar(100) NOT NULL CHECK (operation_type IN ('create', 'update', 'delete', 'move')),
    object_id varchar(100) NOT NULL,
    property_path varchar(255),
    old_value jsonb,
    new_value jsonb,
    "timestamp" bigint NOT NULL,
    client_id varchar(100),
    created_at timestamptz NOT NULL DEFAULT now(),
    idempotency_key varchar(255),
    seq bigint NOT NULL,
    UNIQUE (file_id, seq)
);
-- Exactly-once: a key is applied once per file, whichever connection sends it.
CREATE UNIQUE INDEX idx_operations_idempotency ON vellum.operations (file_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX idx_operations_created ON vellum.operations (created_at);
CREATE INDEX idx_operations_file_timestamp ON vellum.operations (file_id, "timestamp");
CREATE INDEX idx_operations_timestamp ON vellum.operations ("timestamp");

-- One row per object the file ever had: its LWW registers and tombstone.
CREATE TABLE vellum.objects (
    file_id uuid NOT NULL REFERENCES vellum.files (id) ON DELETE CASCADE,
    object_id varchar(100) NOT NULL,
    registers jsonb NOT NULL,
    tombstone jsonb,
    deleted boolean GENERATED ALWAYS AS (coalesce((tombstone ->> 'v')::boolean, false)) STORED,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (file_id, object_id)
);

-- The state of a file at seq, into which retention folded the older ops, so
-- that rebuild and catch-up keep working (from seq on) after cleanup.
CREATE TABLE vellum.file_baselines (
    file_id uuid PRIMARY KEY REFERENCES vellum.files (id) ON DELETE CASCADE,
    seq bigint NOT NULL,
    objects jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Sign-in sessions of the gateway. Only the SHA-256 of each token is kept.
-- Not part of backups: after a restore, people sign in again.
CREATE TABLE vellum.sessions (
    token_hash bytea PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES vellum.users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
CREATE INDEX idx_sessions_user ON vellum.sessions (user_id);
CREATE INDEX idx_sessions_expires ON vellum.sessions (expires_at);

-- pg_dump skips an extension's tables unless they are configuration tables.
SELECT pg_catalog.pg_extension_config_dump('vellum.users', '');
SELECT pg_catalog.pg_extension_config_dump('vellum.teams', '');
SELECT pg_catalog.pg_extension_config_dump('vellum.team_members', '');
SELECT pg_catalog.pg_extension_config_dump('vellum.projects', '');
SELECT pg_catalog.pg_extension_config_dump('vellum.files', '');
SELECT pg_catalog.pg_extension_config_dump('vellum.file_versions', '');
SELECT pg_catalog.pg_extension_config_dump('vellum.comments', '');
SELECT pg_catalog.pg_extension_config_dump('vellum.file_permissions', '');
SELECT pg_catalog.pg_extension_config_dump('vellum.invitations', '');
SELECT pg_catalog.pg_extension_config_dump('vellum.images', '');
SELECT pg_catalog.pg_extension_config_dump('vellum.file_images', '');
SELECT pg_catalog.pg_extension_config_dump('vellum.operations', '');
SELECT pg_catalog.pg_extension_config_dump('vellum.objects', '');
SELECT pg_catalog.pg_extension_config_dump('vellum.file_baselines', '');

-- Access ------------------------------------------------------------------

CREATE FUNCTION vellum.file_access(file_id uuid, user_id uuid) RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE max(grants.rank) WHEN 3 THEN 'admin' WHEN 2 THEN 'edit' WHEN 1 THEN 'view' END
    FROM (
        SELECT 3 AS rank FROM vellum.files f WHERE f.id = $1 AND f.owner_id = $2
        UNION ALL
        SELECT 3 FROM vellum.users u WHERE u.id = $2 AND u.role = 'admin'
            AND EXISTS (SELECT 1 FROM vellum.files f WHERE f.id = $1)
        UNION ALL
        SELECT CASE p.permission WHEN 'admin' THEN 3 WHEN 'edit' THEN 2 ELSE 1 END
        FROM vellum.file_permissions p WHERE p.file_id = $1 AND p.user_id = $2
        UNION ALL
        SELECT CASE m.role WHEN 'viewer' THEN 1 WHEN 'member' THEN 2 ELSE 3 END
        FROM vellum.files f
        LEFT JOIN vellum.projects pr ON pr.id = f.project_id
        JOIN vellum.team_members m ON m.team_id IN (f.team_id, pr.team_id)
        WHERE f.id = $1 AND m.user_id = $2
    ) AS grants
$$;
COMMENT ON FUNCTION vellum.file_access(uuid, uuid) IS
    'The access a user has to a file: admin (owner, site admin, admin grant, team owner or admin), edit (edit grant, team member), view (view grant, team viewer) or NULL. The teams are the file''s own and its project''s.';

-- Merge -------------------------------------------------------------------

CREATE FUNCTION vellum.lww_merge(a jsonb, b jsonb) RETURNS jsonb
AS 'MODULE_PATHNAME', 'vellum_lww_merge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION vellum.lww_merge(jsonb, jsonb) IS
    'Merges two register maps {"prop": {"v", "t", "c"}}: per property the greater (t, c) wins, then the greater value. Commutative, associative, idempotent.';

CREATE FUNCTION vellum.lww_values(registers jsonb) RETURNS jsonb
AS 'MODULE_PATHNAME', 'vellum_lww_values'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION vellum.lww_values(jsonb) IS
    'The plain {"prop": value} view of a register map; properties holding null are unset and left out.';

-- Ingestion ---------------------------------------------------------------

CREATE FUNCTION vellum.apply_ops(file_id uuid, ops jsonb, user_id uuid DEFAULT NULL) RETURNS jsonb
AS 'MODULE_PATHNAME', 'vellum_apply_ops'
LANGUAGE C VOLATILE;
COMMENT ON FUNCTION vellum.apply_ops(uuid, jsonb, uuid) IS
    'Applies an array of ops to a file in one transaction; returns [{"id", "status": applied|superseded|duplicate|rejected, "seq", "reason"}]. With user_id, the user must be able to edit the file.';

CREATE FUNCTION vellum.apply_ops_batch(file_id uuid, batches jsonb) RETURNS jsonb
AS 'MODULE_PATHNAME', 'vellum_apply_ops_batch'
LANGUAGE C VOLATILE;
COMMENT ON FUNCTION vellum.apply_ops_batch(uuid, jsonb) IS
    'Several users'' ops for one file in one transaction: batches is [{"userId", "ops"}], the result one apply_ops result array per batch. A batch whose user may not edit has its ops rejected. The gateway uses it to commit (and NOTIFY) once per file per turn.';

CREATE FUNCTION vellum.operations_before_insert() RETURNS trigger
AS 'MODULE_PATHNAME', 'vellum_operations_before_insert'
LANGUAGE C;
COMMENT ON FUNCTION vellum.operations_before_insert() IS
    'Sends an INSERT into vellum.operations through apply_ops''s path: applied rows get their seq, duplicates and superseded ops are skipped, rejected ops raise an error.';

CREATE TRIGGER operations_apply BEFORE INSERT ON vellum.operations
    FOR EACH ROW EXECUTE FUNCTION vellum.operations_before_insert();

-- Reading -----------------------------------------------------------------

CREATE FUNCTION vellum.document(file_id uuid) RETURNS jsonb
AS 'MODULE_PATHNAME', 'vellum_document'
LANGUAGE C STABLE STRICT;
COMMENT ON FUNCTION vellum.document(uuid) IS
    'The live document: {"fileId", "seq", "objects": [{"id", "type", ...}]}, values only, sorted by id.';

CREATE FUNCTION vellum.changes_since(file_id uuid, after_seq bigint)
RETURNS TABLE (seq bigint, operation_type text, object_id text, property_path text, new_value jsonb,
               old_value jsonb, "timestamp" bigint, client_id text, user_id uuid, idempotency_key text,
               created_at timestamptz)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
    last bigint;
    base bigint;
BEGIN
    IF $1 IS NULL THEN
        RAISE EXCEPTION 'file_id must not be null' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    SELECT f.last_seq INTO last FROM vellum.files f WHERE f.id = $1;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'file % does not exist', $1 USING ERRCODE = 'no_data_found';
    END IF;
    IF $2 IS NULL THEN
        RAISE EXCEPTION 'after_seq must not be null' USING ERRCODE = 'null_value_not_allowed',
            HINT = 'Pass 0 for every op the file has.';
    END IF;
    SELECT b.seq INTO base FROM vellum.file_baselines b WHERE b.file_id = $1;
    IF $2 < 0 OR $2 > last THEN
        RAISE EXCEPTION 'after_seq % is out of range', $2 USING ERRCODE = 'invalid_parameter_value',
            DETAIL = CASE WHEN last = 0 THEN format('File %s has no ops yet, so after_seq must be 0.', $1)
                          ELSE format('File %s has ops from seq %s to %s.', $1, coalesce(base, 0) + 1, last) END;
    END IF;
    IF base IS NOT NULL AND $2 < base THEN
        RAISE EXCEPTION 'operations up to seq % of file % were removed by retention', base, $1
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Reload the whole document with vellum.document() and continue from its seq.';
    END IF;
    RETURN QUERY
        SELECT o.seq, o.operation_type::text, o.object_id::text, o.property_path::text, o.new_value, o.old_value,
               o."timestamp", o.client_id::text, o.user_id, o.idempotency_key::text, o.created_at
        FROM vellum.operations o
        WHERE o.file_id = $1 AND o.seq > $2
        ORDER BY o.seq;
END
$$;
COMMENT ON FUNCTION vellum.changes_since(uuid, bigint) IS
    'The applied ops of a file after a seq, in order, for clients catching up.';

CREATE FUNCTION vellum.rebuild(file_id uuid, upto_seq bigint DEFAULT NULL) RETURNS jsonb
AS 'MODULE_PATHNAME', 'vellum_rebuild'
LANGUAGE C STABLE;
COMMENT ON FUNCTION vellum.rebuild(uuid, bigint) IS
    'The document replayed from the operations log up to upto_seq (all of it when NULL); equals vellum.document() for NULL.';

-- Versions ----------------------------------------------------------------

CREATE FUNCTION vellum.snapshot(file_id uuid, name text DEFAULT NULL, created_by uuid DEFAULT NULL)
RETURNS vellum.file_versions
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    doc jsonb;
    next_number integer;
    version vellum.file_versions;
BEGIN
    IF $1 IS NULL THEN
        RAISE EXCEPTION 'file_id must not be null' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF $2 IS NOT NULL AND (length(btrim($2)) = 0 OR length($2) > 255) THEN
        RAISE EXCEPTION 'a version name must have 1 to 255 characters' USING ERRCODE = 'invalid_parameter_value',
            DETAIL = CASE WHEN length(btrim($2)) = 0 THEN 'The name given is blank.'
                          ELSE format('The name given has %s characters.', length($2)) END;
    END IF;
    -- The file's row lock orders snapshots after in-flight ingestion and
    -- after each other, so version numbers never collide.
    PERFORM 1 FROM vellum.files f WHERE f.id = $1 FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'file % does not exist', $1 USING ERRCODE = 'no_data_found';
    END IF;
    doc := vellum.document($1);
    SELECT coalesce(max(v.version_number), 0) + 1 INTO next_number
    FROM vellum.file_versions v WHERE v.file_id = $1;
    INSERT INTO vellum.file_versions (file_id, version_number, name, canvas_data, created_by, is_auto_save, seq)
    VALUES ($1, next_number, $2, doc, $3, $2 IS NULL, (doc ->> 'seq')::bigint)
    RETURNING * INTO version;
    UPDATE vellum.files f SET canvas_data = doc WHERE f.id = $1;
    RETURN version;
END
$$;
COMMENT ON FUNCTION vellum.snapshot(uuid, text, uuid) IS
    'Saves the live document as the next version (named when a name is given, an auto-save otherwise) and refreshes files.canvas_data.';

CREATE FUNCTION vellum.restore_version(file_id uuid, version_id uuid, user_id uuid DEFAULT NULL) RETURNS jsonb
AS 'MODULE_PATHNAME', 'vellum_restore_version'
LANGUAGE C VOLATILE;
COMMENT ON FUNCTION vellum.restore_version(uuid, uuid, uuid) IS
    'Brings the live objects back to a version by applying ops (so listeners see it and it can be undone); returns {"versionId", "versionNumber", "applied", "fromSeq", "toSeq"}.';

-- Access changes ----------------------------------------------------------

-- Tells listeners (the gateways) that someone's access may have changed, so
-- that a user whose access is revoked is told and unsubscribed at once, even
-- when the change was made in SQL. Payloads name the file, the user or the
-- team concerned; {"all": true} when a project moved between teams.
CREATE FUNCTION vellum.notify_access_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    r record := coalesce(NEW, OLD);
    payload jsonb;
BEGIN
    -- IF, not CASE: a record's fields are looked up only on the branch taken.
    IF TG_TABLE_NAME = 'file_permissions' THEN
        payload := jsonb_build_object('fileId', r.file_id, 'userId', r.user_id);
    ELSIF TG_TABLE_NAME = 'team_members' THEN
        payload := jsonb_build_object('userId', r.user_id);
    ELSIF TG_TABLE_NAME = 'files' THEN
        payload := jsonb_build_object('fileId', r.id);
    ELSIF TG_TABLE_NAME = 'users' THEN
        payload := jsonb_build_object('userId', r.id);
    ELSE
        payload := jsonb_build_object('all', true);
    END IF;
    PERFORM pg_notify('vellum_access', payload::text);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION vellum.notify_access_change() IS
    'NOTIFY vellum_access when a grant, a team membership, a file''s owner, team, project or trash state, a project''s team or a user''s role changes.';

CREATE TRIGGER file_permissions_access AFTER INSERT OR UPDATE OR DELETE ON vellum.file_permissions
    FOR EACH ROW EXECUTE FUNCTION vellum.notify_access_change();
CREATE TRIGGER team_members_access AFTER INSERT OR UPDATE OR DELETE ON vellum.team_members
    FOR EACH ROW EXECUTE FUNCTION vellum.notify_access_change();
CREATE TRIGGER files_access AFTER UPDATE OF owner_id, team_id, project_id, deleted_at OR DELETE ON vellum.files
    FOR EACH ROW EXECUTE FUNCTION vellum.notify_access_change();
CREATE TRIGGER projects_access AFTER UPDATE OF team_id OR DELETE ON vellum.projects
    FOR EACH ROW EXECUTE FUNCTION vellum.notify_access_change();
CREATE TRIGGER users_access AFTER UPDATE OF role ON vellum.users
    FOR EACH ROW EXECUTE FUNCTION vellum.notify_access_change();

-- Tells listeners that a sign-in session ended (signed out, deleted in SQL,
-- purged, or its user deleted), so that gateways close its WebSockets at
-- once. The payload names the session by the SHA-256 the table keeps, never
-- by the token.
CREATE FUNCTION vellum.notify_session_ended() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('vellum_sessions',
                      jsonb_build_object('userId', OLD.user_id, 'session', encode(OLD.token_hash, 'hex'))::text);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION vellum.notify_session_ended() IS
    'NOTIFY vellum_sessions {"userId", "session"} when a sign-in session is deleted, so that gateways close its WebSockets.';

CREATE TRIGGER sessions_ended AFTER DELETE ON vellum.sessions
    FOR EACH ROW EXECUTE FUNCTION vellum.notify_session_ended();

-- Retention ---------------------------------------------------------------

CREATE FUNCTION vellum.compact_operations(file_id uuid, upto_seq bigint) RETURNS bigint
AS 'MODULE_PATHNAME', 'vellum_compact_operations'
LANGUAGE C VOLATILE;
COMMENT ON FUNCTION vellum.compact_operations(uuid, bigint) IS
    'Folds a file''s ops up to upto_seq into its baseline and deletes them; rebuild and catch-up then start at that seq. Returns the number of ops deleted.';

CREATE FUNCTION vellum.cleanup(auto_save_days integer DEFAULT 90, keep_auto_saves integer DEFAULT 10,
                               operation_days integer DEFAULT 30, trash_days integer DEFAULT 30)
RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    files_purged bigint;
    sessions_expired bigint;
    images_purged bigint;
    auto_saves_deleted bigint;
    operations_deleted bigint := 0;
    files_compacted integer := 0;
    oldest_kept jsonb := '{}';
    r record;
BEGIN
    IF auto_save_days < 0 OR keep_auto_saves < 0 OR operation_days < 0 OR trash_days < 0 THEN
        RAISE EXCEPTION 'retention periods and counts must be 0 or more' USING ERRCODE = 'invalid_parameter_value';
    END IF;

    DELETE FROM vellum.files f WHERE f.deleted_at < now() - make_interval(days => trash_days);
    GET DIAGNOSTICS files_purged = ROW_COUNT;

    DELETE FROM vellum.sessions s WHERE s.expires_at < now();
    GET DIAGNOSTICS sessions_expired = ROW_COUNT;

    -- Images no file links to any more (their files were purged).
    DELETE FROM vellum.images i WHERE NOT EXISTS (SELECT 1 FROM vellum.file_images fi WHERE fi.sha256 = i.sha256);
    GET DIAGNOSTICS images_purged = ROW_COUNT;

    -- Auto-saves past the window go, but each file keeps its newest ones;
    -- named versions stay.
    WITH ranked AS (
        SELECT v.id, v.created_at,
               row_number() OVER (PARTITION BY v.file_id ORDER BY v.version_number DESC) AS newest_first
        FROM vellum.file_versions v WHERE v.is_auto_save
    )
    DELETE FROM vellum.file_versions v USING ranked
    WHERE v.id = ranked.id AND ranked.newest_first > keep_auto_saves
      AND ranked.created_at < now() - make_interval(days => auto_save_days);
    GET DIAGNOSTICS auto_saves_deleted = ROW_COUNT;

    -- Old ops are folded into each file's baseline before they are deleted,
    -- so rebuild keeps working; catch-up from before the baseline is refused
    -- with a clear error (see changes_since).
    FOR r IN
        SELECT o.file_id, max(o.seq) AS upto
        FROM vellum.operations o JOIN vellum.files f ON f.id = o.file_id AND f.deleted_at IS NULL
        WHERE o.created_at < now() - make_interval(days => operation_days)
        GROUP BY o.file_id
    LOOP
        operations_deleted := operations_deleted + vellum.compact_operations(r.file_id, r.upto);
        files_compacted := files_compacted + 1;
        oldest_kept := oldest_kept || jsonb_build_object(r.file_id::text, r.upto + 1);
    END LOOP;

    RETURN jsonb_build_object(
        'filesPurged', files_purged,
        'autoSavesDeleted', auto_saves_deleted,
        'operationsDeleted', operations_deleted,
        'filesCompacted', files_compacted,
        'catchUpStartsAt', oldest_kept,
        'sessionsExpired', sessions_expired,
        'imagesPurged', images_purged);
END
$$;
COMMENT ON FUNCTION vellum.cleanup(integer, integer, integer, integer) IS
    'Retention: purges files in the trash for trash_days, expired sign-in sessions and images no file uses, deletes auto-saves older than auto_save_days (keeping keep_auto_saves per file), folds ops older than operation_days into baselines. Returns counts.';
