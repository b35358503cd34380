// Reading a file's state: vellum.document, vellum.rebuild (replay of the
// operations log), vellum.compact_operations (retention) and
// vellum.restore_version.
#include "document_reader.hpp"
#include "file_ingest.hpp"
#include "jsonb_codec.hpp"
#include "pg_bridge.hpp"
#include "pg_values.hpp"
#include "settings.hpp"
#include "spi_statement.hpp"

#include "../core/restore.hpp"

extern "C" {
#include "catalog/pg_type.h"
#include "utils/errcodes.h"
}

namespace {

using vellum::core::Json;
using vellum::pg::SqlError;

pg_uuid_t required_uuid(FunctionCallInfo fcinfo, int index, const char* name) {
    if (PG_ARGISNULL(index)) throw SqlError(ERRCODE_NULL_VALUE_NOT_ALLOWED, std::string(name) + " must not be null");
    return *PG_GETARG_UUID_P(index);
}

// The state after seq base_seq, which retention folded the older ops into.
struct Baseline {
    int64 seq = 0;
    vellum::core::Document doc;
};

// Objects as file_baselines.objects and file_versions.registers keep them:
// {"<objectId>": {"registers", "tombstone"}}; what names where they came from.
void preload_objects(const Json& objects, const char* what, vellum::core::Document& doc) {
    for (const auto& [id, stored] : objects.members()) {
        vellum::core::ObjectState state;
        std::string why;
        const Json* registers = stored.find("registers");
        auto map = registers ? vellum::core::registers_from_json(*registers, &why) : std::nullopt;
        if (!map) throw SqlError(ERRCODE_DATA_CORRUPTED, std::string("the ") + what + " of object \"" + id + "\" is malformed", why);
        state.registers = std::move(*map);
        if (const Json* tombstone = stored.find("tombstone"); tombstone && !tombstone->is_null())
            state.tombstone = vellum::core::register_from_json(*tombstone, &why);
        doc.preload(id, std::move(state));
    }
}

Baseline load_baseline(const pg_uuid_t& file_id, bool fresh_snapshot) {
    static vellum::pg::SpiStatement select_baseline(
        "SELECT seq, objects FROM vellum.file_baselines WHERE file_id = $1", {UUIDOID});
    Datum args[1] = {UUIDPGetDatum(&file_id)};
    Baseline baseline;
    if (select_baseline.run(args, " ", !fresh_snapshot) == 0) return baseline;
    baseline.seq = vellum::pg::spi_int64(0, 1);
    preload_objects(vellum::pg::spi_json(0, 2), "retention baseline", baseline.doc);
    return baseline;
}

// Where a replay up to upto_seq starts: the newest version at or before
// upto_seq that kept its registers (0.4.0 on), when it is newer than the
// retention baseline; the baseline otherwise. Versions before the baseline
// are of no use: the ops after them may be gone.
Baseline load_nearest_state(const pg_uuid_t& file_id, int64 upto_seq) {
    // Between installing a newer library and ALTER EXTENSION UPDATE, the
    // schema is older than the code: versions have no registers yet.
    static vellum::pg::SpiStatement has_registers(
        "SELECT 1 FROM pg_attribute WHERE attrelid = 'vellum.file_versions'::regclass "
        "AND attname = 'registers' AND NOT attisdropped", {});
    if (has_registers.run(nullptr, "", true) == 0) return load_baseline(file_id, false);
    static vellum::pg::SpiStatement select_checkpoint(
        "SELECT v.seq, v.registers FROM vellum.file_versions v "
        "WHERE v.file_id = $1 AND v.registers IS NOT NULL AND v.seq <= $2 "
        "AND v.seq > coalesce((SELECT b.seq FROM vellum.file_baselines b WHERE b.file_id = $1), 0) "
        "ORDER BY v.seq DESC LIMIT 1",
        {UUIDOID, INT8OID});
    Datum args[2] = {UUIDPGetDatum(&file_id), Int64GetDatum(upto_seq)};
    if (select_checkpoint.run(args, "  ", true) == 0) return load_baseline(file_id, false);
    Baseline checkpoint;
    checkpoint.seq = vellum::pg::spi_int64(0, 1);
    preload_objects(vellum::pg::spi_json(0, 2), "version checkpoint", checkpoint.doc);
    return checkpoint;
}

Json baseline_json(const vellum::core::Document& doc) {
    Json::Object members;
    for (const auto& [id, state] : doc.objects()) {
        if (!state) continue;
        Json stored = Json::object();
        stored.set("registers", vellum::core::to_json(state->registers));
        stored.set("tombstone", state->tombstone ? vellum::core::to_json(*state->tombstone) : Json());
        members.emplace_back(id, std::move(stored));
    }
    return Json::object(std::move(members));
}

// Replays the operations log of a file up to upto_seq from its baseline
// (fresh_snapshot: see load_all_objects), or, for reading (from_version),
// from the nearest version that kept its registers.
Baseline replay(const pg_uuid_t& file_id, int64 upto_seq, bool fresh_snapshot, bool from_version = false) {
    Baseline state = from_version ? load_nearest_state(file_id, upto_seq) : load_baseline(file_id, fresh_snapshot);
    if (upto_seq < state.seq)
        throw SqlError(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
                       "operations up to seq " + std::to_string(state.seq) + " of file " +
                           vellum::pg::uuid_text(file_id) + " were removed by retention",
                       "The state can be rebuilt from seq " + std::to_string(state.seq) + " on.",
                       "vellum.cleanup() folds operations older than its retention window into a baseline.");
    static vellum::pg::SpiStatement select_ops(
        "SELECT operation_type, object_id, property_path, new_value, \"timestamp\", client_id, seq "
        "FROM vellum.operations WHERE file_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq",
        {UUIDOID, INT8OID, INT8OID});
    Datum args[3] = {UUIDPGetDatum(&file_id), Int64GetDatum(state.seq), Int64GetDatum(upto_seq)};
    uint64 n = select_ops.run(args, "   ", !fresh_snapshot);
    if (static_cast<int64>(n) != upto_seq - state.seq)
        throw SqlError(ERRCODE_DATA_CORRUPTED,
                       "the operations log of file " + vellum::pg::uuid_text(file_id) + " has gaps",
                       "Expected " + std::to_string(upto_seq - state.seq) + " ops after seq " +
                           std::to_string(state.seq) + ", found " + std::to_string(n) + ".");
    const vellum::core::Limits limits = vellum::pg::current_limits();
    for (uint64 row = 0; row < n; ++row) {
        vellum::core::Op op;
        op.type = *vellum::core::op_type_from_name(vellum::pg::spi_text(row, 1));
        op.object_id = vellum::pg::spi_text(row, 2);
        if (!vellum::pg::spi_is_null(row, 3)) op.property_path = vellum::pg::spi_text(row, 3);
        op.new_value = vellum::pg::spi_json(row, 4);
        op.timestamp = vellum::pg::spi_int64(row, 5);
        op.client_id = vellum::pg::spi_text(row, 6);
        auto outcome = state.doc.apply(op, std::nullopt, limits);
        if (outcome.status != vellum::core::OpStatus::Applied)
            throw SqlError(ERRCODE_DATA_CORRUPTED,
                           "replaying seq " + std::to_string(vellum::pg::spi_int64(row, 7)) + " of file " +
                               vellum::pg::uuid_text(file_id) + " did not apply",
                           outcome.reason.empty() ? std::string("It was superseded.") : outcome.reason);
    }
    state.seq = upto_seq;
    return state;
}

}  // namespace

VELLUM_FUNCTION(vellum_document) {
    pg_uuid_t file_id = required_uuid(fcinfo, 0, "file_id");
    MemoryContext caller = CurrentMemoryContext;
    vellum::pg::SpiConnection spi;
    int64 seq = vellum::pg::file_last_seq(file_id);
    Jsonb* out = vellum::pg::document_jsonb(file_id, seq, caller);
    spi.finish();
    PG_RETURN_JSONB_P(out);
}

VELLUM_FUNCTION(vellum_document_text) {
    pg_uuid_t file_id = required_uuid(fcinfo, 0, "file_id");
    vellum::pg::SpiConnection spi;
    int64 seq = vellum::pg::file_last_seq(file_id);
    std::string out = vellum::pg::document_text(file_id, seq);
    spi.finish();
    PG_RETURN_DATUM(vellum::pg::text_datum(out));
}

VELLUM_FUNCTION(vellum_rebuild) {
    pg_uuid_t file_id = required_uuid(fcinfo, 0, "file_id");
    vellum::pg::SpiConnection spi;
    int64 last_seq = vellum::pg::file_last_seq(file_id);
    int64 upto = PG_ARGISNULL(1) ? last_seq : PG_GETARG_INT64(1);
    if (upto < 0 || upto > last_seq)
        throw SqlError(ERRCODE_INVALID_PARAMETER_VALUE, "upto_seq " + std::to_string(upto) + " is out of range",
                       last_seq == 0 ? "File " + vellum::pg::uuid_text(file_id) + " has no ops yet, so upto_seq must be 0."
                                     : "File " + vellum::pg::uuid_text(file_id) + " has ops from seq 1 to " +
                                           std::to_string(last_seq) + ".");
    Baseline state = replay(file_id, upto, false, true);
    Json out = vellum::pg::document_json(file_id, upto, state.doc);
    spi.finish();
    PG_RETURN_JSONB_P(vellum::pg::json_to_jsonb(out));
}

VELLUM_FUNCTION(vellum_compact_operations) {
    pg_uuid_t file_id = required_uuid(fcinfo, 0, "file_id");
    if (PG_ARGISNULL(1)) throw SqlError(ERRCODE_NULL_VALUE_NOT_ALLOWED, "upto_seq must not be null");
    int64 upto = PG_GETARG_INT64(1);
    // A seq is 0 or more; a negative one is a mistake, not "nothing to fold".
    if (upto < 0)
        throw SqlError(ERRCODE_INVALID_PARAMETER_VALUE, "upto_seq " + std::to_string(upto) + " is out of range",
                       "A seq is 0 or more.");
    vellum::pg::SpiConnection spi;
    vellum::pg::LockedFile file = vellum::pg::lock_file_for_edit(file_id, std::nullopt);
    if (upto > file.last_seq)
        throw SqlError(ERRCODE_INVALID_PARAMETER_VALUE, "upto_seq " + std::to_string(upto) + " is past the file's last seq " +
                                                             std::to_string(file.last_seq));
    Baseline current = load_baseline(file_id, true);
    if (upto <= current.seq) {
        spi.finish();
        PG_RETURN_INT64(0);
    }
    Baseline state = replay(file_id, upto, true);
    Json objects = baseline_json(state.doc);
    static vellum::pg::SpiStatement upsert_baseline(
        "INSERT INTO vellum.file_baselines (file_id, seq, objects) VALUES ($1, $2, $3) "
        "ON CONFLICT (file_id) DO UPDATE SET seq = excluded.seq, objects = excluded.objects, created_at = now()",
        {UUIDOID, INT8OID, JSONBOID});
    Datum args[3] = {UUIDPGetDatum(&file_id), Int64GetDatum(upto), PointerGetDatum(vellum::pg::json_to_jsonb(objects))};
    upsert_baseline.run(args, "   ", false);
    static vellum::pg::SpiStatement delete_ops("DELETE FROM vellum.operations WHERE file_id = $1 AND seq <= $2",
                                               {UUIDOID, INT8OID});
    uint64 deleted = delete_ops.run(args, "  ", false);
    spi.finish();
    PG_RETURN_INT64(static_cast<int64>(deleted));
}

VELLUM_FUNCTION(vellum_restore_version) {
    pg_uuid_t file_id = required_uuid(fcinfo, 0, "file_id");
    pg_uuid_t version_id = required_uuid(fcinfo, 1, "version_id");
    std::optional<pg_uuid_t> user_id;
    if (!PG_ARGISNULL(2)) user_id = *PG_GETARG_UUID_P(2);

    vellum::pg::SpiConnection spi;
    vellum::pg::LockedFile file = vellum::pg::lock_file_for_edit(file_id, user_id);
    static vellum::pg::SpiStatement select_version(
        "SELECT canvas_data, version_number FROM vellum.file_versions WHERE id = $1 AND file_id = $2",
        {UUIDOID, UUIDOID});
    Datum args[2] = {UUIDPGetDatum(&version_id), UUIDPGetDatum(&file_id)};
    if (select_version.run(args, "  ", false) == 0)
        throw SqlError(ERRCODE_NO_DATA_FOUND, "version " + vellum::pg::uuid_text(version_id) + " of file " +
                                                  vellum::pg::uuid_text(file_id) + " does not exist");
    Json canvas = vellum::pg::spi_json(0, 1);
    int64 version_number = DatumGetInt32(vellum::pg::spi_datum(0, 2));
    const Json* objects = canvas.find("objects");
    if (!objects || !objects->is_array())
        throw SqlError(ERRCODE_DATA_CORRUPTED, "version " + vellum::pg::uuid_text(version_id) + " has no objects array");

    // Versions are plain rows that SQL or a restored dump may have written:
    // check them like ops before anything goes live.
    std::string invalid;
    int invalid_count = 0;
    for (const auto& object : objects->items()) {
        if (auto why = vellum::core::validate_object(object)) {
            if (++invalid_count <= 5) invalid += (invalid.empty() ? "" : "; ") + *why;
        }
    }
    if (invalid_count)
        throw SqlError(ERRCODE_DATA_EXCEPTION,
                       "version " + vellum::pg::uuid_text(version_id) + " holds " + std::to_string(invalid_count) +
                           " invalid object" + (invalid_count == 1 ? "" : "s") + "; nothing was restored",
                       invalid);

    vellum::core::Document doc = vellum::pg::load_all_objects(file_id, true);
    int64 t = std::max<int64>(vellum::pg::now_unix_ms(), vellum::core::latest_clock(doc) + 1);
    std::vector<vellum::core::Op> restore = vellum::core::restore_ops(doc, objects->items(), t, "vellum-restore");
    std::vector<vellum::core::ParsedOp> ops;
    ops.reserve(restore.size());
    for (auto& op : restore) {
        vellum::core::ParsedOp parsed;
        parsed.op = std::move(op);
        ops.push_back(std::move(parsed));
    }
    int64 first_seq = file.last_seq + 1;
    vellum::pg::BatchOutcome outcome =
        vellum::pg::ingest(file, ops, std::vector<std::optional<pg_uuid_t>>(ops.size(), user_id), false);
    vellum::pg::insert_log(file, outcome.log);
    spi.finish();

    Json summary = Json::object();
    summary.set("versionId", Json::string(vellum::pg::uuid_text(version_id)));
    summary.set("versionNumber", Json::number(version_number));
    summary.set("applied", Json::number(static_cast<int64_t>(outcome.log.size())));
    summary.set("fromSeq", outcome.log.empty() ? Json() : Json::number(first_seq));
    summary.set("toSeq", Json::number(file.last_seq));
    Json::Array rejected;
    for (const auto& r : outcome.results)
        if (r.status == vellum::core::OpStatus::Rejected) rejected.push_back(Json::string(r.reason));
    if (!rejected.empty()) summary.set("rejected", Json::array(std::move(rejected)));
    PG_RETURN_JSONB_P(vellum::pg::json_to_jsonb(summary));
}
