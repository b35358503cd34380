// The protocol of one signed-in client: subscribe, ops, presence, catch-up.
// It runs on the client's WebSocket strand; database answers come back on
// other strands, so the state they touch lives in a shared, locked State.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "app.hpp"
#include "net/connection.hpp"
#include "rooms/protocol.hpp"
#include "support/rate_limiter.hpp"

namespace vellum::gateway {

struct SignedInUser {
    std::string id;
    std::string email;
    std::string name;
    std::string session;  // hex SHA-256 of the session token (vellum.sessions.token_hash)
    std::chrono::steady_clock::time_point session_expires;
};

class ClientHandler : public ConnectionHandler {
public:
    // subscribe_to: a file (canonical id) to subscribe to on open, as a
    // subscribe message with request id "subscribe-early" would; empty: none.
    ClientHandler(App& app, std::weak_ptr<Connection> connection, SignedInUser user, std::string subscribe_to = {});
    ~ClientHandler() override;

    void on_open() override;
    void on_message(std::string text) override;
    void on_binary_message() override;
    void on_close() override;

private:
    struct State {
        std::mutex mutex;
        std::string file_id;   // the subscribed file, or empty
        std::string access;    // admin, edit or view
        bool closed = false;
    };

    void subscribe(const ClientMessage& msg);
    void unsubscribe();
    void operation(ClientMessage& msg);
    void presence(ClientMessage& msg);
    void catch_up(const ClientMessage& msg);
    void reply(std::string message);
    void reject(const std::string& code, const std::string& message, const std::string& request_id);

    App& app_;
    std::weak_ptr<Connection> connection_;
    SignedInUser user_;
    std::string client_id_;
    std::string subscribe_to_;
    uint64_t member_id_;
    std::shared_ptr<State> state_;
    RateLimiter limiter_;
    SessionSockets::EndedFlag session_ended_;
};

}  // namespace vellum::gateway
