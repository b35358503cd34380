// One libpq connection driven asynchronously on the Asio event loop: queries
// are queued and run one at a time (parameterized, text format), LISTEN
// notifications are delivered as they arrive. The connection never blocks the
// loop: connect, send and receive all wait on the socket.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <deque>

#include <libpq-fe.h>

#include "net/net.hpp"

namespace vellum::gateway {

struct PgResult {
    bool ok = false;
    // On failure: the SQLSTATE ("" when the connection itself failed), the
    // server's message, detail and hint.
    std::string sqlstate;
    std::string message;
    std::string detail;
    std::string hint;
    int rows = 0;
    int columns = 0;
    std::vector<std::optional<std::string>> cells;  // row-major

    const std::optional<std::string>& at(int row, int column) const { return cells[row * columns + column]; }
    // A connection failure, as opposed to an error the server reported.
    bool connection_failed() const { return !ok && sqlstate.empty(); }
};

using PgParams = std::vector<std::optional<std::string>>;
using PgCallback = std::function<void(PgResult)>;
using NotifyCallback = std::function<void(const std::string& channel, const std::string& payload)>;

class PgConnection : public std::enable_shared_from_this<PgConnection> {
public:
    PgConnection(net::io_context& ioc, std::string conninfo);
    ~PgConnection();

    // Connects; done(true) once ready, done(false) when the attempt failed.
    void connect(std::function<void(bool ok, const std::string& error)> done);
    // Queues a query; done runs on this connection's strand.
    void query(std::string sql, PgParams params, PgCallback done);
    // Called for every notification this connection receives.
    void on_notify(NotifyCallback callback) { notify_ = std::move(callback); }
    // Called once when an established connection breaks.
    void on_broken(std::function<void()> callback) { broken_ = std::move(callback); }

    bool ready() const { return ready_; }
    // Queries queued or running; safe to read from any thread.
    int pending() const { return pending_.load(); }
    void close();

private:
    struct Query {
        std::string sql;
        PgParams params;
        PgCallback done;
    };

    void poll_connect();
    void send_next();
    void flush();
    void wait_readable();
    void on_readable();
    void drain_notifications();
    void fail_all(const std::string& error);

    net::io_context& ioc_;
    net::strand<net::io_context::executor_type> strand_;
    std::string conninfo_;
    PGconn* conn_ = nullptr;
    std::unique_ptr<net::posix::stream_descriptor> socket_;
    std::function<void(bool, const std::string&)> connect_done_;
    std::deque<Query> queue_;
    bool busy_ = false;
    bool ready_ = false;
    bool reading_ = false;
    std::atomic<int> pending_{0};
    PgResult current_;
    NotifyCallback notify_;
    std::function<void()> broken_;
};

}  // namespace vellum::gateway
