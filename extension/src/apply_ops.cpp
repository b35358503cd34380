// vellum.apply_ops and the trigger that sends INSERTs into vellum.operations
// through the same ingestion path.
#include "file_ingest.hpp"
#include "jsonb_codec.hpp"
#include "pg_bridge.hpp"
#include "settings.hpp"
#include "spi_statement.hpp"

extern "C" {
#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "utils/errcodes.h"
#include "utils/jsonb.h"
#include "utils/uuid.h"
#include "utils/fmgrprotos.h"
}

namespace {

using vellum::core::Json;
using vellum::pg::SqlError;

pg_uuid_t uuid_argument(FunctionCallInfo fcinfo, int index, const char* name) {
    if (PG_ARGISNULL(index)) throw SqlError(ERRCODE_NULL_VALUE_NOT_ALLOWED, std::string(name) + " must not be null");
    return *PG_GETARG_UUID_P(index);
}

std::optional<pg_uuid_t> optional_uuid_argument(FunctionCallInfo fcinfo, int index) {
    if (PG_ARGISNULL(index)) return std::nullopt;
    return *PG_GETARG_UUID_P(index);
}

}  // namespace

VELLUM_FUNCTION(vellum_apply_ops) {
    pg_uuid_t file_id = uuid_argument(fcinfo, 0, "file_id");
    if (PG_ARGISNULL(1)) throw SqlError(ERRCODE_NULL_VALUE_NOT_ALLOWED, "ops must not be null");
    std::optional<pg_uuid_t> user_id = optional_uuid_argument(fcinfo, 2);
    Json ops_json = vellum::pg::datum_to_json(PG_GETARG_DATUM(1));
    if (!ops_json.is_array())
        throw SqlError(ERRCODE_INVALID_PARAMETER_VALUE, "ops must be a JSON array of ops",
                       std::string("It is a JSON ") + vellum::core::kind_name(ops_json.kind()) + ".",
                       "Wrap a single op in [ ].");
    if (ops_json.items().size() > static_cast<size_t>(vellum::pg::max_batch_ops()))
        throw SqlError(ERRCODE_PROGRAM_LIMIT_EXCEEDED,
                       "too many ops in one call: " + std::to_string(ops_json.items().size()),
                       "vellum.max_batch_ops allows " + std::to_string(vellum::pg::max_batch_ops()) + ".",
                       "Split the ops into several calls.");

    const vellum::core::Limits limits = vellum::pg::current_limits();
    std::vector<vellum::core::ParsedOp> ops;
    ops.reserve(ops_json.items().size());
    for (const auto& item : ops_json.items()) ops.push_back(vellum::core::parse_op(item, limits));

    vellum::pg::SpiConnection spi;
    vellum::pg::LockedFile file = vellum::pg::lock_file_for_edit(file_id, user_id);
    vellum::pg::BatchOutcome outcome = vellum::pg::ingest(file, ops, std::vector<std::optional<pg_uuid_t>>(ops.size(), user_id), true);
    vellum::pg::insert_log(file, outcome.log);
    spi.finish();
    PG_RETURN_JSONB_P(vellum::pg::json_to_jsonb(vellum::pg::results_to_json(outcome.results)));
}

// Several users' ops for one file in one transaction: one commit and one
// NOTIFY however many people edit the file. A batch whose user may not edit
// has all its ops rejected; the other batches go on.
VELLUM_FUNCTION(vellum_apply_ops_batch) {
    pg_uuid_t file_id = uuid_argument(fcinfo, 0, "file_id");
    if (PG_ARGISNULL(1)) throw SqlError(ERRCODE_NULL_VALUE_NOT_ALLOWED, "batches must not be null");
    Json batches = vellum::pg::datum_to_json(PG_GETARG_DATUM(1));
    const char* shape = "batches must be a JSON array of {\"userId\": uuid or null, \"ops\": [op, ...]}";
    if (!batches.is_array()) throw SqlError(ERRCODE_INVALID_PARAMETER_VALUE, shape);

    const vellum::core::Limits limits = vellum::pg::current_limits();
    std::vector<vellum::core::ParsedOp> ops;
    std::vector<std::optional<pg_uuid_t>> users;
    std::vector<size_t> sizes;
    std::vector<std::optional<pg_uuid_t>> batch_users;
    for (const auto& batch : batches.items()) {
        const Json* user = batch.find("userId");
        const Json* batch_ops = batch.find("ops");
        if (!batch.is_object() || !batch_ops || !batch_ops->is_array() || (user && !user->is_null() && !user->is_string()))
            throw SqlError(ERRCODE_INVALID_PARAMETER_VALUE, shape);
        std::optional<pg_uuid_t> user_id;
        if (user && user->is_string()) {
            Datum parsed = 0;
            std::string text = user->text();
            vellum::pg::pg_guard([&] { parsed = DirectFunctionCall1(uuid_in, CStringGetDatum(text.c_str())); });
            user_id = *DatumGetUUIDP(parsed);
        }
        batch_users.push_back(user_id);
        sizes.push_back(batch_ops->items().size());
        for (const auto& item : batch_ops->items()) {
            ops.push_back(vellum::core::parse_op(item, limits));
            users.push_back(user_id);
        }
    }
    if (ops.size() > static_cast<size_t>(vellum::pg::max_batch_ops()))
        throw SqlError(ERRCODE_PROGRAM_LIMIT_EXCEEDED, "too many ops in one call: " + std::to_string(ops.size()),
                       "vellum.max_batch_ops allows " + std::to_string(vellum::pg::max_batch_ops()) + ".");

    vellum::pg::SpiConnection spi;
    vellum::pg::LockedFile file = vellum::pg::lock_file_for_edit(file_id, std::nullopt);
    // A user who may not edit: their ops are rejected, not applied.
    size_t index = 0;
    for (size_t b = 0; b < sizes.size(); ++b) {
        std::optional<std::string> denial;
        if (batch_users[b]) denial = vellum::pg::edit_denial(file_id, *batch_users[b]);
        for (size_t k = 0; k < sizes[b]; ++k, ++index) {
            if (denial && ops[index].op) {
                ops[index].op.reset();
                ops[index].error = *denial;
            }
        }
    }
    vellum::pg::BatchOutcome outcome = vellum::pg::ingest(file, ops, users, true);
    vellum::pg::insert_log(file, outcome.log);
    spi.finish();

    Json::Array per_batch;
    index = 0;
    for (size_t size : sizes) {
        std::vector<vellum::pg::OpResult> slice(outcome.results.begin() + static_cast<long>(index),
                                                outcome.results.begin() + static_cast<long>(index + size));
        per_batch.push_back(vellum::pg::results_to_json(slice));
        index += size;
    }
    PG_RETURN_JSONB_P(vellum::pg::json_to_jsonb(Json::array(std::move(per_batch))));
}

namespace {

// The columns of vellum.operations the trigger reads and fills.
struct OperationColumns {
    int user_id, operation_type, object_id, property_path, old_value, new_value, timestamp, client_id,
        idempotency_key, seq, file_id;

    explicit OperationColumns(TupleDesc desc) {
        auto number = [&](const char* name) {
            int n = SPI_fnumber(desc, name);
            if (n <= 0) throw SqlError(ERRCODE_INTERNAL_ERROR, std::string("vellum.operations has no column ") + name);
            return n;
        };
        user_id = number("user_id");
        operation_type = number("operation_type");
        object_id = number("object_id");
        property_path = number("property_path");
        old_value = number("old_value");
        new_value = number("new_value");
        timestamp = number("timestamp");
        client_id = number("client_id");
        idempotency_key = number("idempotency_key");
        seq = number("seq");
        file_id = number("file_id");
    }
};

struct Row {
    HeapTuple tuple;
    TupleDesc desc;

    bool is_null(int column) const {
        bool isnull = true;
        heap_getattr(tuple, column, desc, &isnull);
        return isnull;
    }
    Datum datum(int column) const {
        bool isnull = true;
        return heap_getattr(tuple, column, desc, &isnull);
    }
    std::optional<std::string> string_value(int column) const {
        if (is_null(column)) return std::nullopt;
        text* t = nullptr;
        Datum d = datum(column);
        vellum::pg::pg_guard([&] { t = DatumGetTextPP(d); });
        return std::string(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
    }
};

// The op an INSERT describes, in the form apply_ops takes.
Json op_from_row(const Row& row, const OperationColumns& c) {
    Json op = Json::object();
    auto set_text = [&](const char* key, int column) {
        if (auto value = row.string_value(column)) op.set(key, Json::string(*value));
    };
    set_text("operationType", c.operation_type);
    set_text("objectId", c.object_id);
    set_text("propertyPath", c.property_path);
    set_text("clientId", c.client_id);
    set_text("idempotencyKey", c.idempotency_key);
    if (!row.is_null(c.new_value)) op.set("newValue", vellum::pg::datum_to_json(row.datum(c.new_value)));
    if (!row.is_null(c.timestamp)) op.set("timestamp", Json::number(static_cast<int64_t>(DatumGetInt64(row.datum(c.timestamp)))));
    return op;
}

void notice(const std::string& message) {
    vellum::pg::pg_guard([&] { ereport(NOTICE, (errmsg("%s", message.c_str()))); });
}

}  // namespace

VELLUM_FUNCTION(vellum_operations_before_insert) {
    if (!CALLED_AS_TRIGGER(fcinfo)) throw SqlError(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED, "not called as a trigger");
    TriggerData* trigger = reinterpret_cast<TriggerData*>(fcinfo->context);
    if (!TRIGGER_FIRED_BEFORE(trigger->tg_event) || !TRIGGER_FIRED_FOR_ROW(trigger->tg_event) ||
        !TRIGGER_FIRED_BY_INSERT(trigger->tg_event))
        throw SqlError(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED, "must be a BEFORE INSERT FOR EACH ROW trigger");
    HeapTuple tuple = trigger->tg_trigtuple;
    if (vellum::pg::is_inserting_log()) return PointerGetDatum(tuple);

    TupleDesc desc = trigger->tg_relation->rd_att;
    OperationColumns columns(desc);
    Row row{tuple, desc};
    if (row.is_null(columns.file_id)) throw SqlError(ERRCODE_NOT_NULL_VIOLATION, "file_id must not be null");
    pg_uuid_t file_id = *DatumGetUUIDP(row.datum(columns.file_id));

    vellum::pg::SpiConnection spi;
    if (!row.is_null(columns.seq)) {
        // A row that already has its seq is history being restored (pg_dump
        // data), not an edit: it must lie within what the file has applied.
        int64 seq = DatumGetInt64(row.datum(columns.seq));
        int64 last_seq = vellum::pg::file_last_seq(file_id);
        if (seq < 1 || seq > last_seq)
            throw SqlError(ERRCODE_INVALID_PARAMETER_VALUE,
                           "seq " + std::to_string(seq) + " is not an applied seq of the file",
                           "The file's last seq is " + std::to_string(last_seq) + ".",
                           "Leave seq null: vellum gives every applied op its seq.");
        spi.finish();
        return PointerGetDatum(tuple);
    }

    std::optional<pg_uuid_t> user_id;
    if (!row.is_null(columns.user_id)) user_id = *DatumGetUUIDP(row.datum(columns.user_id));
    std::vector<vellum::core::ParsedOp> ops;
    ops.push_back(vellum::core::parse_op(op_from_row(row, columns), vellum::pg::current_limits()));
    if (!ops[0].op) throw SqlError(ERRCODE_INVALID_PARAMETER_VALUE, "op rejected: " + ops[0].error);

    vellum::pg::LockedFile file = vellum::pg::lock_file_for_edit(file_id, user_id);
    vellum::pg::BatchOutcome outcome = vellum::pg::ingest(file, ops, {user_id}, true);
    spi.finish();

    const vellum::pg::OpResult& result = outcome.results[0];
    switch (result.status) {
    case vellum::core::OpStatus::Rejected:
        throw SqlError(ERRCODE_INVALID_PARAMETER_VALUE, "op rejected: " + result.reason);
    case vellum::core::OpStatus::Duplicate:
        notice("op skipped: idempotency key \"" + ops[0].op->idempotency_key + "\" was already applied as seq " +
               std::to_string(result.seq));
        return PointerGetDatum(nullptr);
    case vellum::core::OpStatus::Superseded:
        notice("op skipped: every property it sets already holds a newer value");
        return PointerGetDatum(nullptr);
    case vellum::core::OpStatus::Applied: break;
    }

    // Fill in what the server decided: seq, the old value, the op as applied.
    const vellum::core::Op& op = *ops[0].op;
    const vellum::pg::LogEntry& entry = outcome.log[0];
    Datum old_value = entry.old_value.is_null() ? Datum(0) : PointerGetDatum(vellum::pg::json_to_jsonb(entry.old_value));
    const vellum::core::Json& logged = entry.logged_value();
    Datum new_value = logged.is_null() ? Datum(0) : PointerGetDatum(vellum::pg::json_to_jsonb(logged));
    Datum key = op.idempotency_key.empty() ? Datum(0) : vellum::pg::text_datum(op.idempotency_key);
    int cols[4] = {columns.seq, columns.old_value, columns.new_value, columns.idempotency_key};
    Datum values[4] = {Int64GetDatum(entry.seq), old_value, new_value, key};
    bool nulls[4] = {false, entry.old_value.is_null(), logged.is_null(), op.idempotency_key.empty()};
    HeapTuple modified = nullptr;
    vellum::pg::pg_guard([&] { modified = heap_modify_tuple_by_cols(tuple, desc, 4, cols, values, nulls); });
    return PointerGetDatum(modified);
}
