// Ingesting ops into one file: the path every edit takes, whether it comes
// from apply_ops, from an INSERT into vellum.operations, or from a restore.
// All of it runs inside an SPI connection the caller holds.
#pragma once

extern "C" {
#include "postgres.h"
#include "utils/uuid.h"
}

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../core/document.hpp"
#include "../core/operation.hpp"

namespace vellum::pg {

// A file locked for ingestion until the transaction ends: concurrent writers
// of the same file queue here, which gives the file one order of seq.
struct LockedFile {
    pg_uuid_t id;
    int64 last_seq = 0;
};

// Locks the file and, when user_id is given, checks that the user may edit
// it (the rules of vellum.file_access). Throws a SqlError naming the file or
// the user otherwise.
LockedFile lock_file_for_edit(const pg_uuid_t& file_id, const std::optional<pg_uuid_t>& user_id);

// vellum.file_access: admin, edit, view or nothing, read with the calling
// statement's snapshot.
std::optional<std::string> file_access(const pg_uuid_t& file_id, const pg_uuid_t& user_id);

// A file's row as locking it found it.
struct FileRow {
    int64 last_seq = 0;
    bool trashed = false;
};

// Locks the files, in the order of their ids, in one statement; one row per
// id given (nothing: no such file).
std::vector<std::optional<FileRow>> lock_files(const std::vector<pg_uuid_t>& ids);

// lock_file_for_edit's checks on a file lock_files locked (row: what it found).
LockedFile locked_for_edit(const pg_uuid_t& file_id, const std::optional<FileRow>& row,
                           const std::optional<pg_uuid_t>& user_id);

// edit_denial for many (file, user) pairs in one statement, in their order.
std::vector<std::optional<std::string>> edit_denials(const std::vector<std::pair<pg_uuid_t, pg_uuid_t>>& pairs);

// Why user_id may not edit the file, or nothing when it may.
std::optional<std::string> edit_denial(const pg_uuid_t& file_id, const pg_uuid_t& user_id);

struct OpResult {
    core::Json id;
    core::OpStatus status = core::OpStatus::Rejected;
    std::string reason;
    int64 seq = 0;  // 0: none
    core::Json effective_value;  // see core::OpOutcome; null: as sent
    // An applied create of an object the file already had (deleted, or hidden
    // under a deleted frame): a replica that loaded the file meanwhile lacks
    // the object's other values and must load it again. The log shows the
    // same as a create whose old_value is not null.
    bool object_existed = false;
};

// An applied op as the operations log keeps it.
struct LogEntry {
    const core::Op* op;
    int64 seq;
    core::Json old_value;
    std::optional<pg_uuid_t> user_id;  // who sent it
    core::Json effective_value;        // what is logged as new_value when not null (see core::OpOutcome)

    // The new_value the log keeps: the properties that won, or the op's own.
    const core::Json& logged_value() const { return effective_value.is_null() ? op->new_value : effective_value; }
};

struct BatchOutcome {
    std::vector<OpResult> results;
    std::vector<LogEntry> log;
};

// Applies the ops in order: drops duplicates, merges the rest into the
// objects' registers, writes the changed object rows, gives applied ops the
// next seq numbers and records the change for NOTIFY. It does not write the
// operations log (see insert_log); the ops must outlive the outcome.
// users[i] is who sent ops[i] (nothing: a SQL user without a user id).
// Object rows and files' last_seq that ingest leaves to the caller to write
// (write_deferred), for many files in one statement.
struct DeferredWrites {
    std::vector<std::optional<std::string>> files, ids;  // per object row
    std::vector<core::Json> registers, tombstones;       // null tombstone: none
    std::vector<std::optional<std::string>> seq_files;   // per file that applied ops
    std::vector<int64> seqs;
};

// What ingest reads before applying: the seq of each idempotency key of the
// ops the file has already seen, and the objects the ops name (nothing: no
// such object yet).
struct Preloaded {
    std::map<std::string, int64> seen;
    std::vector<std::pair<std::string, std::optional<core::ObjectState>>> objects;
};
// Reads that for many files (each with its ops) in one statement, after
// their locks.
std::vector<Preloaded> preload_files(const std::vector<std::pair<pg_uuid_t, const std::vector<core::ParsedOp>*>>& files);

// With deferred, the object rows and the file's last_seq are not written but
// added there; with preloaded, what preload_files read for the file is used.
BatchOutcome ingest(LockedFile& file, const std::vector<core::ParsedOp>& ops,
                    const std::vector<std::optional<pg_uuid_t>>& users, bool clock_guard,
                    DeferredWrites* deferred = nullptr, const Preloaded* preloaded = nullptr);
void write_deferred(const DeferredWrites& writes);

// Whether the operations trigger fires for insert_log's own rows, which are
// already applied.
bool is_inserting_log();

// Appends the applied ops to vellum.operations.
void insert_log(const LockedFile& file, const std::vector<LogEntry>& log);

// Several files' applied ops, in one statement.
struct FileLog {
    pg_uuid_t file_id;
    const std::vector<LogEntry>* log;
};
void insert_logs(const std::vector<FileLog>& logs);

// [{"id", "status", "seq", "reason"}] as apply_ops returns it.
core::Json results_to_json(const std::vector<OpResult>& results);

// Every object of the file (deleted ones too), as stored. After locking the
// file, read with a fresh snapshot, which sees what the lock waited for;
// otherwise with the calling statement's.
core::Document load_all_objects(const pg_uuid_t& file_id, bool fresh_snapshot);

// {"fileId", "seq", "objects": [...]} from a fully loaded document.
core::Json document_json(const pg_uuid_t& file_id, int64 seq, core::Document& doc);

// The file's last_seq, or a SqlError when the file does not exist.
int64 file_last_seq(const pg_uuid_t& file_id);

}  // namespace vellum::pg
