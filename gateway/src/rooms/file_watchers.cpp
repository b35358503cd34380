#include "rooms/file_watchers.hpp"

#include <set>

#include "support/json_text.hpp"
#include "support/log.hpp"

namespace vellum::gateway {

std::string files_changed_message(const std::string& file_id) {
    if (file_id.empty()) return "{\"type\": \"files_changed\", \"payload\": {}}";
    return "{\"type\": \"files_changed\", \"payload\": {\"fileId\": " + json_quote(file_id) + "}}";
}

void FileWatchers::add(uint64_t socket_id, std::weak_ptr<Connection> connection, std::string user_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    watchers_[socket_id] = {std::move(connection), std::move(user_id)};
}

void FileWatchers::remove(uint64_t socket_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    watchers_.erase(socket_id);
}

size_t FileWatchers::size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return watchers_.size();
}

void FileWatchers::send(const std::string& message, const std::function<bool(const Watcher&)>& to) {
    auto shared = std::make_shared<const std::string>(message);
    std::vector<std::weak_ptr<Connection>> targets;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (const auto& [id, w] : watchers_)
            if (to(w)) targets.push_back(w.connection);
    }
    for (const auto& weak : targets)
        if (auto c = weak.lock()) c->send(shared);
}

void FileWatchers::file_changed(const std::string& file_id) {
    std::set<std::string> users;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (const auto& [id, w] : watchers_) users.insert(w.user_id);
    }
    if (users.empty() || file_id.empty()) return;
    std::string list;  // a uuid[] literal of canonical ids: nothing to quote
    for (const auto& u : users) list += (list.empty() ? "{" : ",") + u;
    list += "}";
    // A file deleted for good has no access left to check: nobody is told,
    // and a trash view shows it until its next reload.
    pool_.query("SELECT u::text FROM unnest($2::uuid[]) u WHERE vellum.file_access($1::uuid, u) IS NOT NULL",
                {file_id, list}, [this, file_id](PgResult r) {
                    if (!r.ok) return log::warn("file_watch_check_failed", {{"error", r.message}});
                    std::set<std::string> allowed;
                    for (int i = 0; i < r.rows; ++i)
                        if (auto u = r.at(i, 0)) allowed.insert(*u);
                    send(files_changed_message(file_id), [&allowed](const Watcher& w) { return allowed.count(w.user_id) > 0; });
                });
}

void FileWatchers::access_changed(const std::string& file_id, const std::string& user_id) {
    if (!user_id.empty())
        return send(files_changed_message(file_id), [&user_id](const Watcher& w) { return w.user_id == user_id; });
    // Whose lists changed is not in the notification: everyone reloads, and
    // nobody is told which file it was.
    send(files_changed_message(""), [](const Watcher&) { return true; });
}

}  // namespace vellum::gateway
