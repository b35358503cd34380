// The file browsers open on this gateway: sockets that sent watch_files and
// are told `files_changed` when a file their user can see is created,
// renamed, moved, trashed, restored, deleted or gets a new thumbnail (NOTIFY
// vellum_files), or when their user's access changes (NOTIFY vellum_access).
// The message names the file and nothing else: the browser reloads what it
// shows through the REST API, which checks access again.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "net/connection.hpp"
#include "pg/pg_pool.hpp"

namespace vellum::gateway {

class FileWatchers {
public:
    explicit FileWatchers(PgPool& pool) : pool_(pool) {}

    void add(uint64_t socket_id, std::weak_ptr<Connection> connection, std::string user_id);
    void remove(uint64_t socket_id);

    // A file's row changed: its watchers who may see it are told, after one
    // query that checks every watching user's access at once.
    void file_changed(const std::string& file_id);
    // Someone's access changed: a user's (user_id), or, when user_id is
    // empty, anyone's (a file's owner, team or project, a team's projects):
    // those watchers are told, without a file when it is not theirs to know.
    void access_changed(const std::string& file_id, const std::string& user_id);

    size_t size() const;

private:
    struct Watcher {
        std::weak_ptr<Connection> connection;
        std::string user_id;
    };
    void send(const std::string& message, const std::function<bool(const Watcher&)>& to);

    PgPool& pool_;
    mutable std::mutex mutex_;
    std::map<uint64_t, Watcher> watchers_;
};

// {"type": "files_changed", "payload": {"fileId"?}}.
std::string files_changed_message(const std::string& file_id);

}  // namespace vellum::gateway
