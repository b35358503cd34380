// Every open WebSocket and the sign-in session it was opened with, so that a
// session that ends (logout, a DELETE in SQL, expiry) closes its sockets at
// once, and shutdown can close them all.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "net/connection.hpp"
#include "net/net.hpp"

namespace vellum::gateway {

class SessionSockets {
public:
    using Clock = std::chrono::steady_clock;
    // True once the socket's session has ended: nothing it sends is applied.
    using EndedFlag = std::shared_ptr<const std::atomic<bool>>;

    explicit SessionSockets(net::io_context& ioc);  // runs the expiry timers

    // Registers an open socket of `session` (the hex SHA-256 of its token, as
    // vellum.sessions and its notifications name it) that expires at `expires`.
    EndedFlag add(uint64_t id, std::weak_ptr<Connection> connection, const std::string& session, Clock::time_point expires);
    void remove(uint64_t id);
    // Ends a session: its sockets are flagged and closed (kCloseSessionEnded,
    // reason). Returns how many were open.
    size_t end_session(const std::string& session, const std::string& reason);
    // The distinct sessions of the open sockets.
    std::vector<std::string> sessions() const;
    size_t size() const;
    void close_all(uint16_t code, const std::string& reason);

private:
    struct Entry {
        std::weak_ptr<Connection> connection;
        std::string session;
        std::shared_ptr<std::atomic<bool>> ended;
        std::unique_ptr<net::steady_timer> expiry;
    };

    void expire(uint64_t id);

    net::io_context& ioc_;
    mutable std::mutex mutex_;
    std::map<uint64_t, Entry> sockets_;
    std::multimap<std::string, uint64_t> by_session_;
    // A socket that authenticated just before its session ended registers a
    // moment later (after the handshake): it must still be closed.
    std::map<std::string, Clock::time_point> recently_ended_;
};

}  // namespace vellum::gateway
