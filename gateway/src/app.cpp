#include "app.hpp"

#include <rapidjson/document.h>

#include "json_parse.hpp"
#include "log.hpp"
#include "uuid.hpp"

namespace vellum::gateway {

App::App(net::io_context& io, Config cfg)
    : ioc(io), config(std::move(cfg)),
      pool(std::make_shared<PgPool>(io, config.database_url, config.pg_pool_size, pg_breaker)),
      hub(io, *pool, metrics), batcher(io, *pool, hub, metrics) {}

void App::start() {
    pool->start();
    listener = std::make_shared<PgListener>(
        ioc, config.database_url, std::vector<std::string>{"vellum_changes", "vellum_access"},
        [this](const std::string& channel, const std::string& payload) {
            // Anyone who may NOTIFY can write here: parsed like outside input.
            rapidjson::Document doc;
            if (parse_json(payload, doc) || !doc.IsObject())
                return log::warn("notification_malformed", {{"channel", channel}});
            // Ids in one spelling, as rooms keep them; anything else is no id.
            auto text = [&doc](const char* name) {
                auto it = doc.FindMember(name);
                if (it == doc.MemberEnd() || !it->value.IsString()) return std::string();
                return canonical_uuid(std::string_view(it->value.GetString(), it->value.GetStringLength())).value_or("");
            };
            if (channel == "vellum_access") return hub.access_changed(text("fileId"), text("userId"));
            // {"fileId": "...", "fromSeq": n, "toSeq": m}, written by the extension.
            auto to = doc.FindMember("toSeq");
            if (text("fileId").empty() || to == doc.MemberEnd() || !to->value.IsInt64())
                return log::warn("notification_malformed", {{"channel", channel}});
            hub.notified(text("fileId"), to->value.GetInt64());
        },
        [this](bool reconnected) {
            // Notifications sent while we were not listening are lost: catch up.
            if (reconnected) hub.catch_up_all();
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

void App::add_connection(uint64_t id, std::weak_ptr<Connection> connection) {
    std::lock_guard<std::mutex> lock(connections_mutex_);
    connections_[id] = std::move(connection);
}

void App::remove_connection(uint64_t id) {
    std::lock_guard<std::mutex> lock(connections_mutex_);
    connections_.erase(id);
}

void App::close_all_connections(uint16_t code, const std::string& reason) {
    std::vector<std::weak_ptr<Connection>> all;
    {
        std::lock_guard<std::mutex> lock(connections_mutex_);
        for (const auto& [id, c] : connections_) all.push_back(c);
    }
    for (const auto& weak : all)
        if (auto c = weak.lock()) c->close(code, reason);
}

void App::begin_shutdown() {
    draining = true;
}

}  // namespace vellum::gateway
