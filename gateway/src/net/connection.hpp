// What the protocol logic sees of one client's WebSocket, and what the
// transport sees of the protocol logic: the seam that lets the transport be
// driven by beast::test::stream in unit tests.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace vellum::gateway {

class Connection {
public:
    virtual ~Connection() = default;
    // Queues a message; thread-safe. A client whose queue is full is closed.
    virtual void send(std::shared_ptr<const std::string> message) = 0;
    // Closes with a WebSocket close code and a reason the client can show.
    virtual void close(uint16_t code, std::string reason) = 0;
};

class ConnectionHandler {
public:
    virtual ~ConnectionHandler() = default;
    virtual void on_open() {}
    virtual void on_message(std::string text) = 0;
    // The protocol is JSON in text frames: a binary frame is answered, never read.
    virtual void on_binary_message() {}
    virtual void on_close() = 0;
};

// Close codes (RFC 6455 and the 4000 private range).
constexpr uint16_t kCloseNormal = 1000;
constexpr uint16_t kCloseGoingAway = 1001;
constexpr uint16_t kClosePolicy = 1008;
constexpr uint16_t kCloseTooBig = 1009;
constexpr uint16_t kCloseTryAgain = 1013;
constexpr uint16_t kCloseSessionEnded = 4001;  // signed out or the session expired: sign in again
constexpr uint16_t kCloseSlowConsumer = 4008;  // the send queue overflowed

}  // namespace vellum::gateway
