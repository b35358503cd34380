#include "file_ingest.hpp"

#include <map>
#include <set>

#include "change_notifier.hpp"
#include "jsonb_codec.hpp"
#include "pg_bridge.hpp"
#include "pg_values.hpp"
#include "settings.hpp"
#include "spi_statement.hpp"

extern "C" {
#include "catalog/pg_type.h"
#include "utils/errcodes.h"
}

namespace vellum::pg {

// files.updated_at ("last edited") to within ten seconds: moved forward only
// when it is older than that. Unchanged, it lets the update of last_seq be a
// HOT update: updated_at is indexed (lists sort by it), and a changed indexed
// column makes every update of a busy file's row write an entry into each of
// the table's seven indexes.
#define VELLUM_TOUCH_UPDATED_AT \
    "updated_at = CASE WHEN updated_at < now() - interval '10 seconds' THEN now() ELSE updated_at END"

namespace {

using core::Json;

// Whether vellum.operations' trigger is being fired by our own insert_log,
// whose rows are already applied.
bool inserting_log = false;

std::string file_label(const pg_uuid_t& id) { return "file " + uuid_text(id); }

core::ObjectState object_from_row(uint64 row, int registers_column, int tombstone_column, const std::string& object_id) {
    core::ObjectState state;
    std::string why;
    auto registers = core::registers_from_json(spi_json(row, registers_column), &why);
    if (!registers)
        throw SqlError(ERRCODE_DATA_CORRUPTED, "object \"" + object_id + "\" has malformed registers", why,
                       "registers are written by vellum.apply_ops; do not edit vellum.objects by hand");
    state.registers = std::move(*registers);
    if (!spi_is_null(row, tombstone_column)) {
        auto tombstone = core::register_from_json(spi_json(row, tombstone_column), &why);
        if (!tombstone)
            throw SqlError(ERRCODE_DATA_CORRUPTED, "object \"" + object_id + "\" has a malformed tombstone", why);
        state.tombstone = std::move(*tombstone);
    }
    return state;
}

// Loads the named objects of a file into doc and returns the seq of every
// idempotency key of the batch that the file has already seen: one statement
// for both.
std::map<std::string, int64> preload(const pg_uuid_t& file_id, const std::vector<core::ParsedOp>& ops,
                                     const std::vector<std::optional<std::string>>& ids, core::Document& doc) {
    std::vector<std::optional<std::string>> keys;
    for (const auto& parsed : ops)
        if (parsed.op && !parsed.op->idempotency_key.empty()) keys.emplace_back(parsed.op->idempotency_key);
    std::map<std::string, int64> seen;
    if (keys.empty() && ids.empty()) return seen;
    // Plan::Generic here and for the other statements over unnest($n): the
    // planner counts unnest of a parameter as 10 rows and of a known array as
    // its length, so a custom plan always looks cheaper than the generic one
    // and PostgreSQL would plan the statement again on every call (16% of a
    // one-op apply_ops in a profile). The generic plans probe the keys'
    // indexes whatever the number of keys.
    static SpiStatement select_keys_and_objects(
        // Joins on both key columns, not "= ANY": a generic plan made while
        // the table was small would scan the whole file for every batch.
        "SELECT o.idempotency_key::text, o.seq, NULL::jsonb, NULL::jsonb FROM unnest($2::text[]) AS k(key) "
        "JOIN vellum.operations o ON o.file_id = $1 AND o.idempotency_key = k.key "
        "UNION ALL "
        "SELECT o.object_id::text, NULL, o.registers, o.tombstone FROM unnest($3::text[]) AS k(id) "
        "JOIN vellum.objects o ON o.file_id = $1 AND o.object_id = k.id",
        {UUIDOID, TEXTARRAYOID, TEXTARRAYOID}, SpiStatement::Plan::Generic);
    Datum args[3] = {UUIDPGetDatum(&file_id), text_array_datum(keys), text_array_datum(ids)};
    // After waiting for the file lock: a fresh snapshot sees what the
    // previous holder committed.
    uint64 n = select_keys_and_objects.run(args, "   ", false);
    std::set<std::string> found;
    for (uint64 row = 0; row < n; ++row) {
        std::string id = spi_text(row, 1);
        if (!spi_is_null(row, 2)) {  // a key's seq
            seen[id] = spi_int64(row, 2);
            continue;
        }
        doc.preload(id, object_from_row(row, 3, 4, id));
        found.insert(id);
    }
    for (const auto& id : ids)
        if (!found.count(*id)) doc.preload(*id, std::nullopt);
    return seen;
}

std::optional<core::ObjectState> load_object(const pg_uuid_t& file_id, const std::string& object_id) {
    static SpiStatement select_object(
        "SELECT registers, tombstone FROM vellum.objects WHERE file_id = $1 AND object_id = $2",
        {UUIDOID, TEXTOID});
    Datum args[2] = {UUIDPGetDatum(&file_id), text_datum(object_id)};
    if (select_object.run(args, "  ", false) == 0) return std::nullopt;
    return object_from_row(0, 1, 2, object_id);
}

void advance_seq(const LockedFile& file) {
    static SpiStatement update_file("UPDATE vellum.files SET last_seq = $2, " VELLUM_TOUCH_UPDATED_AT " WHERE id = $1",
                                    {UUIDOID, INT8OID});
    Datum args[2] = {UUIDPGetDatum(&file.id), Int64GetDatum(file.last_seq)};
    update_file.run(args, "  ", false);
}

// Writes the changed object rows and, with advance, the file's last_seq: in
// one statement when there are both, as every applied op changes a row.
void write_objects(const LockedFile& file, core::Document& doc, bool advance) {
    if (doc.changed().empty()) {
        if (advance) advance_seq(file);
        return;
    }
    std::vector<std::optional<std::string>> ids;
    std::vector<Json> registers;
    std::vector<Json> tombstones;
    registers.reserve(doc.changed().size());
    tombstones.reserve(doc.changed().size());
    std::vector<const Json*> tombstone_ptrs;
    for (const auto& id : doc.changed()) {
        const core::ObjectState* state = doc.find(id);
        ids.emplace_back(id);
        registers.push_back(core::to_json(state->registers));
        tombstones.push_back(state->tombstone ? core::to_json(*state->tombstone) : Json());
    }
    std::vector<const Json*> register_ptrs;
    for (size_t i = 0; i < ids.size(); ++i) {
        register_ptrs.push_back(&registers[i]);
        tombstone_ptrs.push_back(tombstones[i].is_null() ? nullptr : &tombstones[i]);
    }
#define VELLUM_UPSERT_OBJECTS                                                                        \
    "INSERT INTO vellum.objects AS o (file_id, object_id, registers, tombstone) "                    \
    "SELECT $1, u.id, u.registers, u.tombstone FROM unnest($2::text[], $3::jsonb[], $4::jsonb[]) "   \
    "AS u(id, registers, tombstone) "                                                                \
    "ON CONFLICT (file_id, object_id) DO UPDATE "                                                    \
    "SET registers = excluded.registers, tombstone = excluded.tombstone, updated_at = now()"
    static SpiStatement upsert(VELLUM_UPSERT_OBJECTS, {UUIDOID, TEXTARRAYOID, JSONBARRAYOID, JSONBARRAYOID},
                               SpiStatement::Plan::Generic);
    static SpiStatement upsert_and_advance(
        "WITH f AS (UPDATE vellum.files SET last_seq = $5, " VELLUM_TOUCH_UPDATED_AT " WHERE id = $1) " VELLUM_UPSERT_OBJECTS,
        {UUIDOID, TEXTARRAYOID, JSONBARRAYOID, JSONBARRAYOID, INT8OID}, SpiStatement::Plan::Generic);
#undef VELLUM_UPSERT_OBJECTS
    Datum args[5] = {UUIDPGetDatum(&file.id), text_array_datum(ids), jsonb_array_datum(register_ptrs),
                     jsonb_array_datum(tombstone_ptrs), Int64GetDatum(file.last_seq)};
    if (advance) upsert_and_advance.run(args, "     ", false);
    else upsert.run(args, "    ", false);
}

// Resets inserting_log however insert_log leaves.
struct InsertingLog {
    InsertingLog() { inserting_log = true; }
    ~InsertingLog() { inserting_log = false; }
};

}  // namespace

bool is_inserting_log() { return inserting_log; }

namespace {
struct Denial {
    std::string message;
    std::string detail;
};

// The rules of access (see vellum.file_access's comment) for the file FILE
// and the user USER (SQL expressions): admin, edit, view or null.
#define VELLUM_ACCESS_OF(FILE, USER)                                                              \
    "(SELECT CASE max(grants.rank) WHEN 3 THEN 'admin' WHEN 2 THEN 'edit' WHEN 1 THEN 'view' END " \
    " FROM (SELECT 3 AS rank FROM vellum.files f WHERE f.id = " FILE " AND f.owner_id = " USER    \
    "       UNION ALL "                                                                            \
    "       SELECT 3 FROM vellum.users u WHERE u.id = " USER " AND u.role = 'admin' "              \
    "           AND EXISTS (SELECT 1 FROM vellum.files f WHERE f.id = " FILE ") "                  \
    "       UNION ALL "                                                                            \
    "       SELECT CASE p.permission WHEN 'admin' THEN 3 WHEN 'edit' THEN 2 ELSE 1 END "           \
    "       FROM vellum.file_permissions p WHERE p.file_id = " FILE " AND p.user_id = " USER        \
    "       UNION ALL "                                                                            \
    "       SELECT CASE m.role WHEN 'viewer' THEN 1 WHEN 'member' THEN 2 ELSE 3 END "              \
    "       FROM vellum.files f "                                                                  \
    "       LEFT JOIN vellum.projects pr ON pr.id = f.project_id "                                 \
    "       JOIN vellum.team_members m ON m.team_id IN (f.team_id, pr.team_id) "                   \
    "       WHERE f.id = " FILE " AND m.user_id = " USER ") AS grants)"

// Planned once per backend: (access or null, whether the user exists).
uint64 run_access_query(const pg_uuid_t& file_id, const pg_uuid_t& user_id, bool read_only) {
    static SpiStatement access_of(
        "SELECT " VELLUM_ACCESS_OF("$1", "$2") ", EXISTS (SELECT 1 FROM vellum.users u WHERE u.id = $2)",
        {UUIDOID, UUIDOID});
    Datum args[2] = {UUIDPGetDatum(&file_id), UUIDPGetDatum(&user_id)};
    return access_of.run(args, "  ", read_only);
}

// Why the user may not edit, from a row of an access query at (row, column).
std::optional<Denial> denial_of(uint64 row, int column, const pg_uuid_t& file_id, const pg_uuid_t& user_id) {
    std::string user = "user " + uuid_text(user_id);
    if (!DatumGetBool(spi_datum(row, column + 1))) return Denial{user + " does not exist", ""};
    std::string access = spi_is_null(row, column) ? "" : spi_text(row, column);
    if (access == "edit" || access == "admin") return std::nullopt;
    return Denial{user + " may not edit " + file_label(file_id),
                  access.empty() ? "The user has no access to the file." : "The user's access is " + access + "."};
}

std::optional<Denial> check_edit(const pg_uuid_t& file_id, const pg_uuid_t& user_id) {
    run_access_query(file_id, user_id, false);
    return denial_of(0, 1, file_id, user_id);
}
}  // namespace

std::vector<std::optional<std::string>> edit_denials(const std::vector<std::pair<pg_uuid_t, pg_uuid_t>>& pairs) {
    std::vector<std::optional<std::string>> out(pairs.size());
    if (pairs.empty()) return out;
    static SpiStatement access_of(
        "SELECT k.i, " VELLUM_ACCESS_OF("k.file", "k.usr") ", EXISTS (SELECT 1 FROM vellum.users u WHERE u.id = k.usr) "
        "FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS k(file, usr, i)",
        {UUIDARRAYOID, UUIDARRAYOID}, SpiStatement::Plan::Generic);
    std::vector<std::optional<std::string>> files, users;
    for (const auto& [file, user] : pairs) {
        files.emplace_back(uuid_text(file));
        users.emplace_back(uuid_text(user));
    }
    Datum args[2] = {uuid_array_datum(files), uuid_array_datum(users)};
    uint64 n = access_of.run(args, "  ", false);
    for (uint64 row = 0; row < n; ++row) {
        size_t i = static_cast<size_t>(spi_int64(row, 1)) - 1;
        if (i >= pairs.size()) continue;
        if (auto denial = denial_of(row, 2, pairs[i].first, pairs[i].second)) out[i] = denial->message;
    }
    return out;
}

#undef VELLUM_ACCESS_OF

std::optional<std::string> file_access(const pg_uuid_t& file_id, const pg_uuid_t& user_id) {
    run_access_query(file_id, user_id, true);
    if (spi_is_null(0, 1)) return std::nullopt;
    return spi_text(0, 1);
}

std::optional<std::string> edit_denial(const pg_uuid_t& file_id, const pg_uuid_t& user_id) {
    auto denial = check_edit(file_id, user_id);
    if (!denial) return std::nullopt;
    return denial->message;
}

LockedFile locked_for_edit(const pg_uuid_t& file_id, const std::optional<FileRow>& row,
                           const std::optional<pg_uuid_t>& user_id) {
    if (!row) throw SqlError(ERRCODE_NO_DATA_FOUND, file_label(file_id) + " does not exist");
    if (row->trashed)
        throw SqlError(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE, file_label(file_id) + " is in the trash",
                       "", "restore it from the trash (set deleted_at to null) before editing it");
    if (user_id) {
        if (auto denial = check_edit(file_id, *user_id))
            throw SqlError(ERRCODE_INSUFFICIENT_PRIVILEGE, denial->message, denial->detail,
                           denial->detail.empty() ? ""
                                                  : "The file's owner, an admin of the file or of its team can grant edit access.");
    }
    return LockedFile{file_id, row->last_seq};
}

LockedFile lock_file_for_edit(const pg_uuid_t& file_id, const std::optional<pg_uuid_t>& user_id) {
    static SpiStatement lock("SELECT f.last_seq, f.deleted_at IS NOT NULL FROM vellum.files f WHERE f.id = $1 "
                             "FOR NO KEY UPDATE OF f",
                             {UUIDOID});
    Datum args[1] = {UUIDPGetDatum(&file_id)};
    std::optional<FileRow> row;
    if (lock.run(args, " ", false) > 0) row = FileRow{spi_int64(0, 1), DatumGetBool(spi_datum(0, 2))};
    return locked_for_edit(file_id, row, user_id);
}

std::vector<std::optional<FileRow>> lock_files(const std::vector<pg_uuid_t>& ids) {
    // LockRows above the sort: the rows are locked in id order.
    static SpiStatement lock("SELECT f.id::text, f.last_seq, f.deleted_at IS NOT NULL FROM vellum.files f "
                             "WHERE f.id = ANY ($1::uuid[]) ORDER BY f.id FOR NO KEY UPDATE OF f",
                             {UUIDARRAYOID});
    std::vector<std::optional<std::string>> texts;
    texts.reserve(ids.size());
    for (const auto& id : ids) texts.emplace_back(uuid_text(id));
    Datum args[1] = {uuid_array_datum(texts)};
    uint64 n = lock.run(args, " ", false);
    std::map<std::string, FileRow> found;
    for (uint64 row = 0; row < n; ++row) found[spi_text(row, 1)] = FileRow{spi_int64(row, 2), DatumGetBool(spi_datum(row, 3))};
    std::vector<std::optional<FileRow>> out;
    out.reserve(ids.size());
    for (const auto& text : texts) {
        auto it = found.find(*text);
        out.push_back(it == found.end() ? std::nullopt : std::optional<FileRow>(it->second));
    }
    return out;
}

void write_deferred(const DeferredWrites& w) {
    if (w.ids.empty() && w.seq_files.empty()) return;
    std::vector<const Json*> registers, tombstones;
    for (size_t i = 0; i < w.ids.size(); ++i) {
        registers.push_back(&w.registers[i]);
        tombstones.push_back(w.tombstones[i].is_null() ? nullptr : &w.tombstones[i]);
    }
    static SpiStatement upsert_and_advance(
        "WITH f AS (UPDATE vellum.files x SET last_seq = s.seq, " VELLUM_TOUCH_UPDATED_AT " "
        "           FROM unnest($5::uuid[], $6::int8[]) AS s(id, seq) WHERE x.id = s.id) "
        "INSERT INTO vellum.objects AS o (file_id, object_id, registers, tombstone) "
        "SELECT u.* FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::jsonb[]) AS u(file_id, id, registers, tombstone) "
        "ON CONFLICT (file_id, object_id) DO UPDATE "
        "SET registers = excluded.registers, tombstone = excluded.tombstone, updated_at = now()",
        {UUIDARRAYOID, TEXTARRAYOID, JSONBARRAYOID, JSONBARRAYOID, UUIDARRAYOID, INT8ARRAYOID}, SpiStatement::Plan::Generic);
    Datum args[6] = {uuid_array_datum(w.files), text_array_datum(w.ids), jsonb_array_datum(registers),
                     jsonb_array_datum(tombstones), uuid_array_datum(w.seq_files), int64_array_datum(w.seqs)};
    upsert_and_advance.run(args, "      ", false);
}

static std::vector<std::optional<std::string>> wanted_objects(const std::vector<core::ParsedOp>& ops) {
    std::set<std::string> wanted;
    for (const auto& parsed : ops) {
        if (!parsed.op) continue;
        wanted.insert(parsed.op->object_id);
        if (const Json* parent = parsed.op->new_value.find("parentId"); parent && parent->is_string())
            wanted.insert(parent->text());
    }
    return {wanted.begin(), wanted.end()};
}

std::vector<Preloaded> preload_files(const std::vector<std::pair<pg_uuid_t, const std::vector<core::ParsedOp>*>>& files) {
    std::vector<Preloaded> out(files.size());
    std::vector<std::optional<std::string>> key_files, keys, object_files, objects;
    std::vector<int64> key_index, object_index;
    std::vector<std::vector<std::optional<std::string>>> wanted(files.size());
    for (size_t f = 0; f < files.size(); ++f) {
        const std::string file = uuid_text(files[f].first);
        for (const auto& parsed : *files[f].second)
            if (parsed.op && !parsed.op->idempotency_key.empty()) {
                key_files.emplace_back(file);
                keys.emplace_back(parsed.op->idempotency_key);
                key_index.push_back(static_cast<int64>(f));
            }
        wanted[f] = wanted_objects(*files[f].second);
        for (const auto& id : wanted[f]) {
            object_files.emplace_back(file);
            objects.push_back(id);
            object_index.push_back(static_cast<int64>(f));
        }
    }
    if (keys.empty() && objects.empty()) return out;
    // As preload's statement, for many files: each row names its file's index.
    static SpiStatement select_keys_and_objects(
        "SELECT k.i, o.idempotency_key::text, o.seq, NULL::jsonb, NULL::jsonb "
        "FROM unnest($1::uuid[], $2::text[], $3::int8[]) AS k(file, key, i) "
        "JOIN vellum.operations o ON o.file_id = k.file AND o.idempotency_key = k.key "
        "UNION ALL "
        "SELECT k.i, o.object_id::text, NULL, o.registers, o.tombstone "
        "FROM unnest($4::uuid[], $5::text[], $6::int8[]) AS k(file, id, i) "
        "JOIN vellum.objects o ON o.file_id = k.file AND o.object_id = k.id",
        {UUIDARRAYOID, TEXTARRAYOID, INT8ARRAYOID, UUIDARRAYOID, TEXTARRAYOID, INT8ARRAYOID}, SpiStatement::Plan::Generic);
    Datum args[6] = {uuid_array_datum(key_files),    text_array_datum(keys),    int64_array_datum(key_index),
                     uuid_array_datum(object_files), text_array_datum(objects), int64_array_datum(object_index)};
    uint64 n = select_keys_and_objects.run(args, "      ", false);
    std::vector<std::set<std::string>> found(files.size());
    for (uint64 row = 0; row < n; ++row) {
        size_t f = static_cast<size_t>(spi_int64(row, 1));
        if (f >= files.size()) continue;
        std::string id = spi_text(row, 2);
        if (!spi_is_null(row, 3)) {  // a key's seq
            out[f].seen[id] = spi_int64(row, 3);
            continue;
        }
        out[f].objects.emplace_back(id, object_from_row(row, 4, 5, id));
        found[f].insert(id);
    }
    for (size_t f = 0; f < files.size(); ++f)
        for (const auto& id : wanted[f])
            if (!found[f].count(*id)) out[f].objects.emplace_back(*id, std::nullopt);
    return out;
}

BatchOutcome ingest(LockedFile& file, const std::vector<core::ParsedOp>& ops,
                    const std::vector<std::optional<pg_uuid_t>>& users, bool clock_guard, DeferredWrites* deferred,
                    const Preloaded* preloaded) {
    const core::Limits limits = current_limits();
    const pg_uuid_t file_id = file.id;
    core::Document doc([&file_id](const std::string& id) { return load_object(file_id, id); });
    std::map<std::string, int64> seen;
    if (preloaded) {
        seen = preloaded->seen;
        for (const auto& [id, state] : preloaded->objects) doc.preload(id, state);
    } else {
        seen = preload(file_id, ops, wanted_objects(ops), doc);
    }

    const int64 now_ms = now_unix_ms();
    const int64 first_seq = file.last_seq + 1;
    BatchOutcome out;
    out.results.reserve(ops.size());
    for (size_t i = 0; i < ops.size(); ++i) {
        const core::ParsedOp& parsed = ops[i];
        OpResult result;
        result.id = parsed.id;
        if (!parsed.op) {
            result.status = core::OpStatus::Rejected;
            result.reason = parsed.error;
            out.results.push_back(std::move(result));
            continue;
        }
        const core::Op& op = *parsed.op;
        if (!op.idempotency_key.empty()) {
            auto it = seen.find(op.idempotency_key);
            if (it != seen.end()) {
                result.status = core::OpStatus::Duplicate;
                result.seq = it->second;
                out.results.push_back(std::move(result));
                continue;
            }
        }
        core::OpOutcome outcome = doc.apply(op, clock_guard ? std::optional<int64_t>(now_ms) : std::nullopt, limits);
        result.status = outcome.status;
        result.reason = outcome.reason;
        if (outcome.status == core::OpStatus::Applied) {
            result.seq = ++file.last_seq;
            if (!op.idempotency_key.empty()) seen[op.idempotency_key] = result.seq;
            result.effective_value = outcome.effective_value;
            result.object_existed = op.type == core::OpType::Create && !outcome.old_value.is_null();
            out.log.push_back({&op, result.seq, std::move(outcome.old_value), users[i], std::move(outcome.effective_value)});
        }
        out.results.push_back(std::move(result));
    }

    const bool advanced = file.last_seq >= first_seq;
    if (deferred) {
        const std::string file_text = uuid_text(file_id);
        for (const auto& id : doc.changed()) {
            const core::ObjectState* state = doc.find(id);
            deferred->files.emplace_back(file_text);
            deferred->ids.emplace_back(id);
            deferred->registers.push_back(core::to_json(state->registers));
            deferred->tombstones.push_back(state->tombstone ? core::to_json(*state->tombstone) : Json());
        }
        if (advanced) {
            deferred->seq_files.emplace_back(file_text);
            deferred->seqs.push_back(file.last_seq);
        }
    } else {
        write_objects(file, doc, advanced);
    }
    if (advanced) record_change(file_id, first_seq, file.last_seq);
    return out;
}

void insert_log(const LockedFile& file, const std::vector<LogEntry>& log) { insert_logs({{file.id, &log}}); }

void insert_logs(const std::vector<FileLog>& logs) {
    std::vector<std::optional<std::string>> files, types, object_ids, paths, client_ids, keys, users;
    std::vector<const Json*> old_values, new_values;
    std::vector<int64> timestamps, seqs;
    for (const auto& [file_id, log] : logs) {
        const std::string file = uuid_text(file_id);
        for (const auto& entry : *log) {
            const core::Op& op = *entry.op;
            files.emplace_back(file);
            types.emplace_back(core::op_type_name(op.type));
            object_ids.emplace_back(op.object_id);
            paths.push_back(op.property_path);
            client_ids.emplace_back(op.client_id);
            keys.push_back(op.idempotency_key.empty() ? std::nullopt : std::optional<std::string>(op.idempotency_key));
            old_values.push_back(entry.old_value.is_null() ? nullptr : &entry.old_value);
            const core::Json& logged = entry.logged_value();
            new_values.push_back(logged.is_null() ? nullptr : &logged);
            timestamps.push_back(op.timestamp);
            seqs.push_back(entry.seq);
            users.push_back(entry.user_id ? std::optional<std::string>(uuid_text(*entry.user_id)) : std::nullopt);
        }
    }
    if (files.empty()) return;
    static SpiStatement insert(
        "INSERT INTO vellum.operations (file_id, user_id, operation_type, object_id, property_path, old_value, "
        "new_value, \"timestamp\", client_id, idempotency_key, seq, id) "
        "SELECT u.* FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[], "
        "$8::int8[], $9::text[], $10::text[], $11::int8[], $12::uuid[]) AS u",
        {UUIDARRAYOID, UUIDARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, JSONBARRAYOID, JSONBARRAYOID,
         INT8ARRAYOID, TEXTARRAYOID, TEXTARRAYOID, INT8ARRAYOID, UUIDARRAYOID},
        SpiStatement::Plan::Generic);
    Datum args[12] = {uuid_array_datum(files),
                      uuid_array_datum(users),
                      text_array_datum(types),
                      text_array_datum(object_ids),
                      text_array_datum(paths),
                      jsonb_array_datum(old_values),
                      jsonb_array_datum(new_values),
                      int64_array_datum(timestamps),
                      text_array_datum(client_ids),
                      text_array_datum(keys),
                      int64_array_datum(seqs),
                      uuid_array_datum(time_ordered_uuids(files.size()))};
    InsertingLog marker;
    insert.run(args, "            ", false);
}

Json results_to_json(const std::vector<OpResult>& results) {
    Json::Array items;
    items.reserve(results.size());
    for (const auto& r : results) {
        Json item = Json::object();
        item.set("id", r.id);
        item.set("status", Json::string(core::op_status_name(r.status)));
        item.set("seq", r.seq ? Json::number(r.seq) : Json());
        if (r.status == core::OpStatus::Rejected) item.set("reason", Json::string(r.reason));
        // Some properties lost to newer values: the ones that took effect, as logged and relayed.
        if (!r.effective_value.is_null()) item.set("newValue", r.effective_value);
        if (r.object_existed) item.set("objectExisted", Json::boolean(true));
        items.push_back(std::move(item));
    }
    return Json::array(std::move(items));
}

core::Document load_all_objects(const pg_uuid_t& file_id, bool fresh_snapshot) {
    static SpiStatement select_all("SELECT object_id, registers, tombstone FROM vellum.objects WHERE file_id = $1",
                                   {UUIDOID});
    Datum args[1] = {UUIDPGetDatum(&file_id)};
    uint64 n = select_all.run(args, " ", !fresh_snapshot);
    core::Document doc;
    for (uint64 row = 0; row < n; ++row) {
        std::string id = spi_text(row, 1);
        doc.preload(id, object_from_row(row, 2, 3, id));
    }
    return doc;
}

Json document_json(const pg_uuid_t& file_id, int64 seq, core::Document& doc) {
    Json out = Json::object();
    out.set("fileId", Json::string(uuid_text(file_id)));
    out.set("seq", Json::number(seq));
    out.set("objects", Json::array(doc.live_objects()));
    return out;
}

int64 file_last_seq(const pg_uuid_t& file_id) {
    static SpiStatement select_seq("SELECT last_seq FROM vellum.files WHERE id = $1", {UUIDOID});
    Datum args[1] = {UUIDPGetDatum(&file_id)};
    if (select_seq.run(args, " ", true) == 0)
        throw SqlError(ERRCODE_NO_DATA_FOUND, file_label(file_id) + " does not exist");
    return spi_int64(0, 1);
}

#undef VELLUM_TOUCH_UPDATED_AT

}  // namespace vellum::pg
