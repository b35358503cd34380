#include "app.hpp"

#include <set>

#include <rapidjson/document.h>

#include "support/json_parse.hpp"
#include "support/log.hpp"
#include "support/uuid.hpp"

namespace vellum::gateway {

App::App(net::io_context& io, Config cfg)
    : ioc(io), config(std::move(cfg)),
      pool(std::make_shared<PgPool>(io, config.database_url, config.pg_pool_size, pg_breaker)),
      hub(io, *pool, metrics), file_watchers(*pool), batcher(io, *pool, hub, metrics, std::chrono::milliseconds(config.commit_window_ms)),
      password_workers(config.password_threads, config.password_queue),
      login_throttle(config.login_failures_per_address, config.login_failures_per_account), sockets(io) {}

void App::start() {
    pool->start();
    listener = std::make_shared<PgListener>(
        ioc, config.database_url, std::vector<std::string>{"vellum_changes", "vellum_access", "vellum_sessions", "vellum_files", "vellum_comments"},
        [this](const std::string& channel, const std::string& payload) {
            // Anyone who may NOTIFY can write here: parsed like outside input.
            rapidjson::Document doc;
            if (parse_json(payload, doc) || !doc.IsObject())
                return log::warn("notification_malformed", {{"channel", channel}});
            // Ids in one spelling, as rooms and sockets keep them; anything
            // else is no id.
            auto id = [&doc](const char* name, auto canonical) {
                auto it = doc.FindMember(name);
                if (it == doc.MemberEnd() || !it->value.IsString()) return std::string();
                return canonical(std::string_view(it->value.GetString(), it->value.GetStringLength())).value_or("");
            };
            auto text = [&id](const char* name) { return id(name, canonical_uuid); };
            if (channel == "vellum_access") {
                file_watchers.access_changed(text("fileId"), text("userId"));
                return hub.access_changed(text("fileId"), text("userId"));
            }
            // {"fileId"}: a file was created, renamed, moved, trashed, restored, deleted or got a thumbnail.
            if (channel == "vellum_files") {
                if (text("fileId").empty()) return log::warn("notification_malformed", {{"channel", channel}});
                return file_watchers.file_changed(text("fileId"));
            }
            // {"fileId", "commentId", "action"}: a comment was created, updated or deleted.
            if (channel == "vellum_comments") {
                auto action = doc.FindMember("action");
                std::string what = action != doc.MemberEnd() && action->value.IsString() ? action->value.GetString() : "";
                if (text("fileId").empty() || text("commentId").empty() ||
                    (what != "created" && what != "updated" && what != "deleted"))
                    return log::warn("notification_malformed", {{"channel", channel}});
                return hub.comment_changed(text("fileId"), text("commentId"), what);
            }
            // {"userId": "...", "session": "<hex SHA-256 of the token>"}: a sign-in session was deleted.
            if (channel == "vellum_sessions") {
                std::string session = id("session", canonical_sha256);
                if (session.empty()) return log::warn("notification_malformed", {{"channel", channel}});
                sockets.end_session(session, "signed out");
                return;
            }
            // {"fileId": "...", "fromSeq": n, "toSeq": m}, written by the extension.
            auto to = doc.FindMember("toSeq");
            if (text("fileId").empty() || to == doc.MemberEnd() || !to->value.IsInt64())
                return log::warn("notification_malformed", {{"channel", channel}});
            hub.notified(text("fileId"), to->value.GetInt64());
        },
        [this](bool) {
            // Notifications sent while we were not listening are lost: catch
            // up. The first LISTEN too: the gateway takes subscriptions from
            // its start, and a commit announced before the listener was up
            // would leave those rooms stale until the file's next commit.
            hub.catch_up_all();
            recheck_sessions(1);
        });
    listener->start();
    if (!config.redis_url.empty()) {
        // main checked the URL.
        presence_bus = std::make_shared<PresenceBus>(ioc, *parse_redis_url(config.redis_url), redis_breaker, hub,
                                                     std::chrono::seconds(config.presence_timeout_seconds));
        std::weak_ptr<PresenceBus> bus = presence_bus;
        hub.set_presence_publisher([bus](const std::string& file, const std::string& entries, const std::string& removed) {
            if (auto b = bus.lock()) b->publish(file, entries, removed, false);
        });
        presence_bus->start();
    }
    hub.start_presence_flush();
}

void App::recheck_sessions(int attempt) {
    std::vector<std::string> open = sockets.sessions();
    if (open.empty()) return;
    std::string list;  // a text[] literal of hex strings (from encode(), nothing to quote)
    for (const auto& s : open) list += (list.empty() ? "{" : ",") + s;
    list += "}";
    pool->query(
        "SELECT h FROM unnest($1::text[]) h "
        "WHERE EXISTS (SELECT 1 FROM vellum.sessions s WHERE s.token_hash = decode(h, 'hex') AND s.expires_at > now())",
        {list},
        [this, open, attempt](PgResult r) {
            if (!r.ok) {
                // Right after a PostgreSQL restart the pool may still be reconnecting.
                if (attempt >= 30) return log::warn("session_recheck_failed", {{"error", r.message}});
                auto timer = std::make_shared<net::steady_timer>(ioc, std::chrono::seconds(1));
                timer->async_wait([this, timer, attempt](beast::error_code ec) {
                    if (!ec) recheck_sessions(attempt + 1);
                });
                return;
            }
            std::set<std::string> alive;
            for (int i = 0; i < r.rows; ++i) alive.insert(*r.at(i, 0));
            int64_t closed = 0;
            for (const auto& s : open)
                if (!alive.count(s)) closed += static_cast<int64_t>(sockets.end_session(s, "signed out"));
            log::info("sessions_rechecked", {{"sessions", static_cast<int64_t>(open.size())}, {"closed", closed}});
        },
        true);
}

void App::begin_shutdown() {
    draining = true;
}

}  // namespace vellum::gateway
