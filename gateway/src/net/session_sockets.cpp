#include "net/session_sockets.hpp"

#include "support/log.hpp"

namespace vellum::gateway {

namespace {

// Longer than the WebSocket handshake may take (30 s).
constexpr auto kRememberEnded = std::chrono::seconds(60);

}  // namespace

SessionSockets::SessionSockets(net::io_context& ioc) : ioc_(ioc) {}

SessionSockets::EndedFlag SessionSockets::add(uint64_t id, std::weak_ptr<Connection> connection,
                                              const std::string& session, Clock::time_point expires) {
    auto ended = std::make_shared<std::atomic<bool>>(false);
    bool ended_already = false;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto gone = recently_ended_.find(session);
        ended_already = gone != recently_ended_.end() && Clock::now() - gone->second < kRememberEnded;
        Entry entry{connection, session, ended, std::make_unique<net::steady_timer>(ioc_, expires)};
        entry.expiry->async_wait([this, id](beast::error_code ec) {
            if (!ec) expire(id);
        });
        sockets_[id] = std::move(entry);
        by_session_.emplace(session, id);
    }
    if (ended_already) {
        ended->store(true);
        if (auto c = connection.lock()) c->close(kCloseSessionEnded, "signed out");
    }
    return ended;
}

void SessionSockets::remove(uint64_t id) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = sockets_.find(id);
    if (it == sockets_.end()) return;
    auto [b, e] = by_session_.equal_range(it->second.session);
    for (auto s = b; s != e; ++s)
        if (s->second == id) {
            by_session_.erase(s);
            break;
        }
    sockets_.erase(it);  // cancels its expiry timer
}

size_t SessionSockets::end_session(const std::string& session, const std::string& reason) {
    std::vector<std::weak_ptr<Connection>> to_close;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto now = Clock::now();
        if (recently_ended_.size() > 1024)
            for (auto it = recently_ended_.begin(); it != recently_ended_.end();)
                it = now - it->second >= kRememberEnded ? recently_ended_.erase(it) : std::next(it);
        recently_ended_[session] = now;
        auto [b, e] = by_session_.equal_range(session);
        for (auto s = b; s != e; ++s) {
            Entry& entry = sockets_.at(s->second);
            entry.ended->store(true);
            to_close.push_back(entry.connection);
        }
    }
    for (const auto& weak : to_close)
        if (auto c = weak.lock()) c->close(kCloseSessionEnded, reason);
    if (!to_close.empty()) log::info("session_ended", {{"sockets", static_cast<int64_t>(to_close.size())}});
    return to_close.size();
}

void SessionSockets::expire(uint64_t id) {
    std::weak_ptr<Connection> connection;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = sockets_.find(id);
        if (it == sockets_.end()) return;
        it->second.ended->store(true);
        connection = it->second.connection;
    }
    if (auto c = connection.lock()) c->close(kCloseSessionEnded, "session expired");
}

std::vector<std::string> SessionSockets::sessions() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::string> out;
    for (auto it = by_session_.begin(); it != by_session_.end(); it = by_session_.upper_bound(it->first))
        out.push_back(it->first);
    return out;
}

size_t SessionSockets::size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return sockets_.size();
}

void SessionSockets::close_all(uint16_t code, const std::string& reason) {
    std::vector<std::weak_ptr<Connection>> all;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (const auto& [id, entry] : sockets_) all.push_back(entry.connection);
    }
    for (const auto& weak : all)
        if (auto c = weak.lock()) c->close(code, reason);
}

}  // namespace vellum::gateway
