#include "redis/presence_bus.hpp"

#include <rapidjson/document.h>

#include "auth/auth.hpp"
#include "support/json_parse.hpp"
#include "support/json_text.hpp"
#include "rooms/protocol.hpp"
#include "support/uuid.hpp"
#include "support/log.hpp"

namespace vellum::gateway {

namespace {
constexpr const char* kPresencePrefix = "vellum:presence:";
}  // namespace

PresenceBus::PresenceBus(net::io_context& ioc, RedisAddress address, CircuitBreaker& breaker, Hub& hub,
                         std::chrono::seconds peer_timeout)
    : ioc_(ioc), address_(std::move(address)), breaker_(breaker), hub_(hub),
      gateway_id_(new_session_token().substr(0, 12)), retry_timer_(ioc), heartbeat_timer_(ioc),
      peer_timeout_(peer_timeout) {}

void PresenceBus::start() {
    open();
    heartbeat();
}

void PresenceBus::stop() {
    stopped_ = true;
    retry_timer_.cancel();
    heartbeat_timer_.cancel();
    if (publisher_) publisher_->close();
    if (subscriber_) subscriber_->close();
}

void PresenceBus::open() {
    if (stopped_) return;
    publisher_ = std::make_shared<RedisConnection>(ioc_, address_);
    subscriber_ = std::make_shared<RedisConnection>(ioc_, address_);
    std::weak_ptr<PresenceBus> weak = shared_from_this();
    auto on_lost = [weak] {
        if (auto self = weak.lock()) {
            log::warn("redis_connection_lost");
            self->breaker_.record_failure(CircuitBreaker::Clock::now());
            self->retry_later();
        }
    };
    publisher_->on_disconnect(on_lost);
    subscriber_->on_disconnect(on_lost);
    // The two connections answer on their own strands, so possibly at once on
    // two threads: what they share is decided under a lock, and only one of
    // the two answers (the first failure, or the second success) acts on it.
    struct Connecting {
        std::mutex mutex;
        int pending = 2;
        bool failed = false;
    };
    auto connecting = std::make_shared<Connecting>();
    auto connected = [weak, connecting](bool ok, const std::string& error) {
        auto self = weak.lock();
        if (!self) return;
        bool first_failure = false;
        bool both_up = false;
        {
            std::lock_guard<std::mutex> lock(connecting->mutex);
            if (!ok && !connecting->failed) first_failure = connecting->failed = true;
            if (ok && --connecting->pending == 0 && !connecting->failed) both_up = true;
        }
        if (first_failure) {
            log::warn("redis_connect_failed", {{"error", error}});
            self->breaker_.record_failure(CircuitBreaker::Clock::now());
            self->retry_later();
        }
        if (both_up) {
            self->backoff_.reset();
            self->breaker_.record_probe_success(CircuitBreaker::Clock::now());
            self->breaker_.record_success(CircuitBreaker::Clock::now());
            self->breaker_.record_success(CircuitBreaker::Clock::now());
            log::info("redis_connected");
            self->subscriber_->psubscribe(std::string(kPresencePrefix) + "*",
                                          [weak](const std::string& channel, const std::string& message) {
                                              if (auto s = weak.lock()) s->on_message(channel, message);
                                          });
        }
    };
    publisher_->connect(connected);
    subscriber_->connect(connected);
}

void PresenceBus::retry_later() {
    if (stopped_) return;
    if (publisher_) publisher_->close();
    if (subscriber_) subscriber_->close();
    retry_timer_.expires_after(backoff_.next());
    std::weak_ptr<PresenceBus> weak = shared_from_this();
    retry_timer_.async_wait([weak](beast::error_code ec) {
        if (ec) return;
        if (auto self = weak.lock()) self->open();
    });
}

void PresenceBus::publish(const std::string& file_id, const std::string& entries_json, const std::string& removed_json,
                          bool snapshot) {
    if (!publisher_ || !publisher_->connected() || !breaker_.allow(CircuitBreaker::Clock::now())) return;
    std::string message = "{\"gateway\": " + json_quote(gateway_id_) + ", \"snapshot\": " + (snapshot ? "true" : "false") +
                          ", \"presence\": " + entries_json + ", \"removed\": " + removed_json + "}";
    publisher_->command({"PUBLISH", kPresencePrefix + file_id, message});
}

void PresenceBus::heartbeat() {
    if (stopped_) return;
    // Our clients' presence in every file, so that new gateways learn it and
    // peers know we are alive; and peers that went quiet are forgotten.
    for (const auto& [file, entries] : hub_.local_presence()) publish(file, entries, "[]", true);
    std::vector<std::string> dead;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto now = std::chrono::steady_clock::now();
        for (auto it = peers_.begin(); it != peers_.end();) {
            if (now - it->second > peer_timeout_) {
                dead.push_back(it->first);
                it = peers_.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (const auto& gateway : dead) {
        log::info("presence_peer_gone", {{"gateway", gateway}});
        hub_.remote_gateway_gone(gateway);
    }
    heartbeat_timer_.expires_after(std::chrono::milliseconds(peer_timeout_.count() * 1000 / 3));
    std::weak_ptr<PresenceBus> weak = shared_from_this();
    heartbeat_timer_.async_wait([weak](beast::error_code ec) {
        if (ec) return;
        if (auto self = weak.lock()) self->heartbeat();
    });
}

void PresenceBus::on_message(const std::string& channel, const std::string& message) {
    std::string prefix = kPresencePrefix;
    if (channel.compare(0, prefix.size(), prefix) != 0) return;
    // Whatever is on Redis is outside input: another process may have written it.
    auto file_id = canonical_uuid(std::string_view(channel).substr(prefix.size()));
    rapidjson::Document doc;
    if (!file_id || parse_json(message, doc) || !doc.IsObject()) return log::warn("presence_message_malformed");
    auto gateway = doc.FindMember("gateway");
    auto presence = doc.FindMember("presence");
    auto removed = doc.FindMember("removed");
    auto snapshot = doc.FindMember("snapshot");
    if (gateway == doc.MemberEnd() || !gateway->value.IsString() || presence == doc.MemberEnd() ||
        !presence->value.IsArray() || removed == doc.MemberEnd() || !removed->value.IsArray())
        return;
    std::string from = gateway->value.GetString();
    if (from == gateway_id_) return;  // our own message
    {
        std::lock_guard<std::mutex> lock(mutex_);
        peers_[from] = std::chrono::steady_clock::now();
    }
    ProtocolLimits limits;
    std::vector<std::pair<std::string, std::string>> entries;
    for (const auto& entry : presence->value.GetArray()) {
        auto checked = remote_presence_entry(entry, limits);
        if (!checked) {
            log::warn("presence_entry_malformed", {{"gateway", from}});
            continue;
        }
        auto client = entry.FindMember("clientId");
        entries.emplace_back(std::string(client->value.GetString(), client->value.GetStringLength()), std::move(*checked));
    }
    std::vector<std::string> gone;
    for (const auto& c : removed->value.GetArray())
        if (c.IsString()) gone.emplace_back(c.GetString(), c.GetStringLength());
    bool is_snapshot = snapshot != doc.MemberEnd() && snapshot->value.IsBool() && snapshot->value.GetBool();
    hub_.remote_presence(*file_id, from, entries, gone, is_snapshot);
}

}  // namespace vellum::gateway
