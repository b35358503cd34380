// One hiredis asynchronous connection driven by the Asio event loop (hiredis
// 0.14 has no Asio adapter: this is it). Commands and their replies run on
// the connection's strand; a disconnect is reported once.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <hiredis/async.h>

#include "net/net.hpp"

namespace vellum::gateway {

struct RedisAddress {
    std::string host = "127.0.0.1";
    int port = 6379;
};

// redis://host:port (the only form the gateway needs); nothing when malformed.
std::optional<RedisAddress> parse_redis_url(const std::string& url);

class RedisConnection : public std::enable_shared_from_this<RedisConnection> {
public:
    using Reply = std::function<void(redisReply* reply)>;  // null reply: the command failed
    using Message = std::function<void(const std::string& channel, const std::string& message)>;

    RedisConnection(net::io_context& ioc, RedisAddress address);
    ~RedisConnection();

    void connect(std::function<void(bool ok, const std::string& error)> done);
    void command(std::vector<std::string> argv, Reply done = {});
    // PSUBSCRIBE pattern; every message on a matching channel goes to on_message.
    void psubscribe(const std::string& pattern, Message on_message);
    void on_disconnect(std::function<void()> callback) { disconnected_ = std::move(callback); }
    void close();
    bool connected() const { return connected_; }

private:
    static void add_read(void* self);
    static void del_read(void* self);
    static void add_write(void* self);
    static void del_write(void* self);
    static void cleanup(void* self);
    static void on_connect(const redisAsyncContext* ctx, int status);
    static void on_disconnect_cb(const redisAsyncContext* ctx, int status);
    static void on_reply(redisAsyncContext* ctx, void* reply, void* privdata);
    static void on_subscription(redisAsyncContext* ctx, void* reply, void* privdata);

    void arm_read();
    void arm_write();
    void lost();

    net::strand<net::io_context::executor_type> strand_;
    RedisAddress address_;
    redisAsyncContext* ctx_ = nullptr;
    std::unique_ptr<net::posix::stream_descriptor> socket_;
    bool want_read_ = false, want_write_ = false, read_pending_ = false, write_pending_ = false;
    bool connected_ = false;
    std::function<void(bool, const std::string&)> connect_done_;
    std::function<void()> disconnected_;
    Message on_message_;
};

}  // namespace vellum::gateway
