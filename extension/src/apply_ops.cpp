// vellum.apply_ops and the trigger that sends INSERTs into vellum.operations
// through the same ingestion path.
#include "file_ingest.hpp"
#include "jsonb_codec.hpp"
#include "pg_bridge.hpp"
#include "pg_values.hpp"
#include "settings.hpp"
#include "spi_statement.hpp"

#include <algorithm>
#include <cstring>
#include <deque>
#include <map>
#include <set>

extern "C" {
#include "access/htup_details.h"
#include "access/xact.h"
#include "utils/resowner.h"
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

namespace {

// One file's share of a call: every batch's ops, in order, and who sent them.
struct FileBatches {
    std::vector<vellum::core::ParsedOp> ops;
    std::vector<std::optional<pg_uuid_t>> users;  // per op
    std::vector<size_t> sizes;                    // ops per batch
    std::vector<std::optional<pg_uuid_t>> batch_users;
};

const char* const kBatchesShape = "batches must be a JSON array of {\"userId\": uuid or null, \"ops\": [op, ...]}";

pg_uuid_t parse_uuid(const std::string& text) {
    Datum parsed = 0;
    vellum::pg::pg_guard([&] { parsed = DirectFunctionCall1(uuid_in, CStringGetDatum(text.c_str())); });
    return *DatumGetUUIDP(parsed);
}

FileBatches parse_batches(const Json& batches, const vellum::core::Limits& limits) {
    if (!batches.is_array()) throw SqlError(ERRCODE_INVALID_PARAMETER_VALUE, kBatchesShape);
    FileBatches out;
    for (const auto& batch : batches.items()) {
        const Json* user = batch.find("userId");
        const Json* batch_ops = batch.find("ops");
        if (!batch.is_object() || !batch_ops || !batch_ops->is_array() || (user && !user->is_null() && !user->is_string()))
            throw SqlError(ERRCODE_INVALID_PARAMETER_VALUE, kBatchesShape);
        std::optional<pg_uuid_t> user_id;
        if (user && user->is_string()) user_id = parse_uuid(user->text());
        out.batch_users.push_back(user_id);
        out.sizes.push_back(batch_ops->items().size());
        for (const auto& item : batch_ops->items()) {
            out.ops.push_back(vellum::core::parse_op(item, limits));
            out.users.push_back(user_id);
        }
    }
    return out;
}

void check_batch_size(size_t ops) {
    if (ops > static_cast<size_t>(vellum::pg::max_batch_ops()))
        throw SqlError(ERRCODE_PROGRAM_LIMIT_EXCEEDED, "too many ops in one call: " + std::to_string(ops),
                       "vellum.max_batch_ops allows " + std::to_string(vellum::pg::max_batch_ops()) + ".");
}

// Rejects the ops of batches whose user may not edit the locked file,
// applies the rest and logs them; one result array per batch. The caller
// holds the SPI connection. With deferred_log and deferred_writes, the applied
// ops (pointing into in, which must outlive them), the object rows and the
// file's last_seq are left there for the caller to write.
// Denials by user id (its 16 bytes): what apply_file_batches already knows.
using Denials = std::map<std::string, std::optional<std::string>>;

std::string user_key(const pg_uuid_t& user) { return std::string(reinterpret_cast<const char*>(user.data), UUID_LEN); }

// A user who may not edit: their ops are rejected, not applied. Asked once
// per user (unless known), however many of their batches the call carries.
void reject_denied(const pg_uuid_t& file_id, FileBatches& in, Denials& denials) {
    size_t index = 0;
    for (size_t b = 0; b < in.sizes.size(); ++b) {
        std::optional<std::string> denial;
        if (in.batch_users[b]) {
            std::string key = user_key(*in.batch_users[b]);
            auto it = denials.find(key);
            if (it == denials.end()) it = denials.emplace(key, vellum::pg::edit_denial(file_id, *in.batch_users[b])).first;
            denial = it->second;
        }
        for (size_t k = 0; k < in.sizes[b]; ++k, ++index) {
            if (denial && in.ops[index].op) {
                in.ops[index].op.reset();
                in.ops[index].error = *denial;
            }
        }
    }
}

Json apply_file_batches(vellum::pg::LockedFile file, FileBatches& in, std::vector<vellum::pg::LogEntry>* deferred_log = nullptr,
                        vellum::pg::DeferredWrites* deferred_writes = nullptr, Denials denials = {},
                        const vellum::pg::Preloaded* preloaded = nullptr) {
    reject_denied(file.id, in, denials);
    vellum::pg::BatchOutcome outcome = vellum::pg::ingest(file, in.ops, in.users, true, deferred_writes, preloaded);
    if (deferred_log) *deferred_log = std::move(outcome.log);
    else vellum::pg::insert_log(file, outcome.log);

    Json::Array per_batch;
    size_t index = 0;
    for (size_t size : in.sizes) {
        std::vector<vellum::pg::OpResult> slice(outcome.results.begin() + static_cast<long>(index),
                                                outcome.results.begin() + static_cast<long>(index + size));
        per_batch.push_back(vellum::pg::results_to_json(slice));
        index += size;
    }
    return Json::array(std::move(per_batch));
}

}  // namespace

// Several users' ops for one file in one transaction: one commit and one
// NOTIFY however many people edit the file. A batch whose user may not edit
// has all its ops rejected; the other batches go on.
VELLUM_FUNCTION(vellum_apply_ops_batch) {
    pg_uuid_t file_id = uuid_argument(fcinfo, 0, "file_id");
    if (PG_ARGISNULL(1)) throw SqlError(ERRCODE_NULL_VALUE_NOT_ALLOWED, "batches must not be null");
    FileBatches batches = parse_batches(vellum::pg::datum_to_json(PG_GETARG_DATUM(1)), vellum::pg::current_limits());
    check_batch_size(batches.ops.size());

    vellum::pg::SpiConnection spi;
    Json results = apply_file_batches(vellum::pg::lock_file_for_edit(file_id, std::nullopt), batches);
    spi.finish();
    PG_RETURN_JSONB_P(vellum::pg::json_to_jsonb(results));
}

namespace {

// A file's error, as apply_ops_files reports it in the file's result.
struct FileError {
    std::string sqlstate;
    std::string message;
    std::string detail;
};

FileError error_of(std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (const vellum::pg::PgError& e) {
        FileError out{unpack_sql_state(e.data->sqlerrcode), e.data->message ? e.data->message : "",
                      e.data->detail ? e.data->detail : ""};
        vellum::pg::pg_guard([&] { FreeErrorData(e.data); });
        return out;
    } catch (const SqlError& e) {
        return {unpack_sql_state(e.sqlstate()), e.what(), e.detail()};
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& e) {
        return {unpack_sql_state(ERRCODE_INTERNAL_ERROR), "internal error in the vellum extension", e.what()};
    }
}

struct FileCall {
    size_t position;  // in the call's array
    pg_uuid_t id;
    const Json* batches;
    std::optional<vellum::pg::FileRow> row;  // as locked; nothing: no such file
    Json result;
};

// A subtransaction, begun and ended as a PL/pgSQL exception block does.
class Subtransaction {
public:
    Subtransaction() : context_(CurrentMemoryContext), owner_(CurrentResourceOwner) {
        vellum::pg::pg_guard([&] {
            BeginInternalSubTransaction(nullptr);
            MemoryContextSwitchTo(context_);
        });
    }
    void end(bool keep) {
        vellum::pg::pg_guard([&] {
            if (keep) ReleaseCurrentSubTransaction();
            else RollbackAndReleaseCurrentSubTransaction();
            MemoryContextSwitchTo(context_);
            CurrentResourceOwner = owner_;
        });
    }

private:
    MemoryContext context_;
    ResourceOwner owner_;
};

void set_results(FileCall& call, Json results) {
    call.result = Json::object();
    call.result.set("fileId", Json::string(vellum::pg::uuid_text(call.id)));
    call.result.set("results", std::move(results));
}

void set_error(FileCall& call, const FileError& error) {
    call.result = Json::object();
    call.result.set("fileId", Json::string(vellum::pg::uuid_text(call.id)));
    Json e = Json::object();
    e.set("sqlstate", Json::string(error.sqlstate));
    e.set("message", Json::string(error.message));
    if (!error.detail.empty()) e.set("detail", Json::string(error.detail));
    call.result.set("error", std::move(e));
}

// Runs one file's batches in a subtransaction of its own: whatever fails in
// it (a trashed or unknown file, a bad batch, a PostgreSQL error) rolls back
// that file's writes only, and is reported in its result.
void apply_file_in_subtransaction(FileCall& call, const vellum::core::Limits& limits) {
    Subtransaction sub;
    std::exception_ptr failure;
    Json results;
    try {
        FileBatches batches = parse_batches(*call.batches, limits);
        results = apply_file_batches(vellum::pg::locked_for_edit(call.id, call.row, std::nullopt), batches);
    } catch (...) {
        failure = std::current_exception();
    }
    std::optional<FileError> error;
    if (failure) error = error_of(failure);
    sub.end(!error);
    if (error) set_error(call, *error);
    else set_results(call, std::move(results));
}

// Every file in one subtransaction, the common case: a file that fails in
// our own checks (bad batches, unknown or trashed) fails before it writes
// anything, and is reported as a subtransaction of its own would report it.
// Anything else that fails (a PostgreSQL error) rolls all of it back and
// returns false: the caller then runs each file in its own subtransaction.
bool apply_files_together(std::vector<FileCall>& calls, const vellum::core::Limits& limits) {
    Subtransaction sub;
    bool ok = true;
    // Five statements whatever the number of files: the locks (the caller's),
    // every batch user's access, what the ops read (keys seen, objects), and
    // at the end every object row with the files' last_seq, and every log
    // row (a deque: the log entries point into the batches, which must not
    // move).
    std::deque<FileBatches> kept;
    std::vector<std::pair<FileCall*, vellum::pg::LockedFile>> files;
    try {
        for (auto& call : calls) {
            try {
                FileBatches batches = parse_batches(*call.batches, limits);
                files.emplace_back(&call, vellum::pg::locked_for_edit(call.id, call.row, std::nullopt));
                kept.push_back(std::move(batches));
            } catch (const SqlError&) {
                set_error(call, error_of(std::current_exception()));  // before it wrote anything
            }
        }
        std::vector<std::pair<pg_uuid_t, pg_uuid_t>> pairs;
        std::vector<size_t> pair_file;
        for (size_t f = 0; f < files.size(); ++f) {
            std::set<std::string> asked;
            for (const auto& user : kept[f].batch_users)
                if (user && asked.insert(user_key(*user)).second) {
                    pairs.emplace_back(files[f].first->id, *user);
                    pair_file.push_back(f);
                }
        }
        std::vector<std::optional<std::string>> denied = vellum::pg::edit_denials(pairs);
        std::vector<Denials> known(files.size());
        for (size_t i = 0; i < pairs.size(); ++i) known[pair_file[i]][user_key(pairs[i].second)] = denied[i];

        // The denied ops rejected, then what the others need read in one statement.
        std::vector<std::pair<pg_uuid_t, const std::vector<vellum::core::ParsedOp>*>> to_read;
        for (size_t f = 0; f < files.size(); ++f) {
            reject_denied(files[f].first->id, kept[f], known[f]);
            to_read.emplace_back(files[f].first->id, &kept[f].ops);
        }
        std::vector<vellum::pg::Preloaded> preloaded = vellum::pg::preload_files(to_read);

        std::deque<std::vector<vellum::pg::LogEntry>> logs;
        std::vector<vellum::pg::FileLog> all_logs;
        vellum::pg::DeferredWrites writes;
        for (size_t f = 0; f < files.size(); ++f) {
            logs.emplace_back();
            set_results(*files[f].first, apply_file_batches(files[f].second, kept[f], &logs.back(), &writes,
                                                            std::move(known[f]), &preloaded[f]));
            all_logs.push_back({files[f].first->id, &logs.back()});
        }
        vellum::pg::write_deferred(writes);
        vellum::pg::insert_logs(all_logs);
    } catch (...) {
        ok = false;
    }
    sub.end(ok);
    return ok;
}

}  // namespace

// Many files' batches in one transaction, so that one commit (one fsync)
// carries them all: [{"fileId", "batches": [{"userId", "ops"}]}] in, one
// {"fileId", "results": [per batch]} or {"fileId", "error": {...}} per file
// out, in the order given. Files are locked in the order of their ids, so two
// callers with overlapping files never deadlock; each file keeps its own seq
// range and NOTIFY payload, and fails alone (apply_files_together).
VELLUM_FUNCTION(vellum_apply_ops_files) {
    if (PG_ARGISNULL(0)) throw SqlError(ERRCODE_NULL_VALUE_NOT_ALLOWED, "files must not be null");
    Json files = vellum::pg::datum_to_json(PG_GETARG_DATUM(0));
    const char* shape = "files must be a JSON array of {\"fileId\": uuid, \"batches\": [{\"userId\", \"ops\"}, ...]}";
    if (!files.is_array())
        throw SqlError(ERRCODE_INVALID_PARAMETER_VALUE, shape,
                       std::string("It is a JSON ") + vellum::core::kind_name(files.kind()) + ".");
    std::vector<FileCall> calls;
    size_t total_ops = 0;
    for (size_t i = 0; i < files.items().size(); ++i) {
        const Json& entry = files.items()[i];
        const Json* id = entry.find("fileId");
        const Json* batches = entry.find("batches");
        if (!entry.is_object() || !id || !id->is_string() || !batches || !batches->is_array())
            throw SqlError(ERRCODE_INVALID_PARAMETER_VALUE, shape, "Entry " + std::to_string(i) + " is not.");
        for (const auto& batch : batches->items())
            if (const Json* ops = batch.find("ops"); ops && ops->is_array()) total_ops += ops->items().size();
        calls.push_back({i, parse_uuid(id->text()), batches, std::nullopt, Json()});
    }
    check_batch_size(total_ops);
    std::sort(calls.begin(), calls.end(), [](const FileCall& a, const FileCall& b) {
        return std::memcmp(a.id.data, b.id.data, UUID_LEN) < 0;
    });
    for (size_t i = 1; i < calls.size(); ++i)
        if (std::memcmp(calls[i - 1].id.data, calls[i].id.data, UUID_LEN) == 0)
            throw SqlError(ERRCODE_INVALID_PARAMETER_VALUE, "file " + vellum::pg::uuid_text(calls[i].id) + " appears twice",
                           "", "Put all of a file's batches in one entry.");

    const vellum::core::Limits limits = vellum::pg::current_limits();
    vellum::pg::SpiConnection spi;
    // Every file locked first, in one statement and in id order (a failure
    // there, such as a lock timeout, fails the call); then each file alone.
    std::vector<pg_uuid_t> ids;
    for (const auto& call : calls) ids.push_back(call.id);
    std::vector<std::optional<vellum::pg::FileRow>> rows = vellum::pg::lock_files(ids);
    for (size_t i = 0; i < calls.size(); ++i) calls[i].row = rows[i];
    if (!apply_files_together(calls, limits))
        for (auto& call : calls) apply_file_in_subtransaction(call, limits);
    spi.finish();

    std::sort(calls.begin(), calls.end(), [](const FileCall& a, const FileCall& b) { return a.position < b.position; });
    Json::Array out;
    out.reserve(calls.size());
    for (auto& call : calls) out.push_back(std::move(call.result));
    PG_RETURN_JSONB_P(vellum::pg::json_to_jsonb(Json::array(std::move(out))));
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
