#include "redis/redis_connection.hpp"

#include <cstdlib>

namespace vellum::gateway {

std::optional<RedisAddress> parse_redis_url(const std::string& url) {
    const std::string scheme = "redis://";
    if (url.compare(0, scheme.size(), scheme) != 0) return std::nullopt;
    std::string rest = url.substr(scheme.size());
    if (auto slash = rest.find('/'); slash != std::string::npos) rest = rest.substr(0, slash);
    if (rest.find('@') != std::string::npos) return std::nullopt;  // credentials are not supported
    RedisAddress address;
    auto colon = rest.rfind(':');
    address.host = colon == std::string::npos ? rest : rest.substr(0, colon);
    if (colon != std::string::npos) {
        char* end = nullptr;
        long port = std::strtol(rest.c_str() + colon + 1, &end, 10);
        if (*end != '\0' || port <= 0 || port > 65535) return std::nullopt;
        address.port = static_cast<int>(port);
    }
    if (address.host.empty()) return std::nullopt;
    return address;
}

RedisConnection::RedisConnection(net::io_context& ioc, RedisAddress address)
    : strand_(net::make_strand(ioc)), address_(std::move(address)) {}

RedisConnection::~RedisConnection() {
    if (socket_) socket_->release();
    if (ctx_) {
        ctx_->data = nullptr;
        ctx_->ev.data = nullptr;
        redisAsyncFree(ctx_);
    }
}

void RedisConnection::connect(std::function<void(bool, const std::string&)> done) {
    net::post(strand_, [self = shared_from_this(), done = std::move(done)]() mutable {
        self->connect_done_ = std::move(done);
        self->ctx_ = redisAsyncConnect(self->address_.host.c_str(), self->address_.port);
        if (!self->ctx_ || self->ctx_->err) {
            std::string error = self->ctx_ ? self->ctx_->errstr : "out of memory";
            if (self->ctx_) redisAsyncFree(self->ctx_);
            self->ctx_ = nullptr;
            auto cb = std::move(self->connect_done_);
            return cb(false, error);
        }
        self->ctx_->data = self.get();
        self->ctx_->ev.data = self.get();
        self->ctx_->ev.addRead = &RedisConnection::add_read;
        self->ctx_->ev.delRead = &RedisConnection::del_read;
        self->ctx_->ev.addWrite = &RedisConnection::add_write;
        self->ctx_->ev.delWrite = &RedisConnection::del_write;
        self->ctx_->ev.cleanup = &RedisConnection::cleanup;
        self->socket_ = std::make_unique<net::posix::stream_descriptor>(self->strand_, self->ctx_->c.fd);
        redisAsyncSetConnectCallback(self->ctx_, &RedisConnection::on_connect);
        redisAsyncSetDisconnectCallback(self->ctx_, &RedisConnection::on_disconnect_cb);
        // hiredis waits for writability to learn that the connect finished.
        add_write(self.get());
    });
}

void RedisConnection::on_connect(const redisAsyncContext* ctx, int status) {
    auto* self = static_cast<RedisConnection*>(ctx->data);
    if (!self) return;
    auto cb = std::move(self->connect_done_);
    if (status == REDIS_OK) {
        self->connected_ = true;
        if (cb) cb(true, "");
    } else {
        std::string error = ctx->errstr ? ctx->errstr : "connect failed";
        self->ctx_ = nullptr;  // hiredis frees a context whose connect failed
        if (cb) cb(false, error);
    }
}

void RedisConnection::on_disconnect_cb(const redisAsyncContext* ctx, int) {
    auto* self = static_cast<RedisConnection*>(ctx->data);
    if (!self) return;
    self->ctx_ = nullptr;  // hiredis frees it after this callback
    self->lost();
}

void RedisConnection::lost() {
    bool was_connected = connected_;
    connected_ = false;
    if (connect_done_) {
        auto cb = std::move(connect_done_);
        cb(false, "connection lost");
    }
    if (was_connected && disconnected_) {
        auto cb = std::move(disconnected_);
        cb();
    }
}

void RedisConnection::add_read(void* p) {
    auto* self = static_cast<RedisConnection*>(p);
    if (!self) return;
    self->want_read_ = true;
    self->arm_read();
}

void RedisConnection::del_read(void* p) {
    if (auto* self = static_cast<RedisConnection*>(p)) self->want_read_ = false;
}

void RedisConnection::add_write(void* p) {
    auto* self = static_cast<RedisConnection*>(p);
    if (!self) return;
    self->want_write_ = true;
    self->arm_write();
}

void RedisConnection::del_write(void* p) {
    if (auto* self = static_cast<RedisConnection*>(p)) self->want_write_ = false;
}

void RedisConnection::cleanup(void* p) {
    auto* self = static_cast<RedisConnection*>(p);
    if (!self) return;
    self->want_read_ = self->want_write_ = false;
    if (self->socket_) {
        self->socket_->cancel();
        self->socket_->release();  // hiredis closes the descriptor
        self->socket_.reset();
    }
}

void RedisConnection::arm_read() {
    if (read_pending_ || !want_read_ || !socket_) return;
    read_pending_ = true;
    socket_->async_wait(net::posix::stream_descriptor::wait_read, [self = shared_from_this()](beast::error_code ec) {
        self->read_pending_ = false;
        if (ec || !self->ctx_) return;
        if (self->want_read_) redisAsyncHandleRead(self->ctx_);
        if (self->ctx_) self->arm_read();
    });
}

void RedisConnection::arm_write() {
    if (write_pending_ || !want_write_ || !socket_) return;
    write_pending_ = true;
    socket_->async_wait(net::posix::stream_descriptor::wait_write, [self = shared_from_this()](beast::error_code ec) {
        self->write_pending_ = false;
        if (ec || !self->ctx_) return;
        if (self->want_write_) redisAsyncHandleWrite(self->ctx_);
        if (self->ctx_) self->arm_write();
    });
}

void RedisConnection::on_reply(redisAsyncContext*, void* reply, void* privdata) {
    auto* done = static_cast<Reply*>(privdata);
    if (!done) return;
    (*done)(static_cast<redisReply*>(reply));
    delete done;
}

void RedisConnection::command(std::vector<std::string> argv, Reply done) {
    net::post(strand_, [self = shared_from_this(), argv = std::move(argv), done = std::move(done)]() mutable {
        if (!self->ctx_ || !self->connected_) {
            if (done) done(nullptr);
            return;
        }
        std::vector<const char*> args;
        std::vector<size_t> lengths;
        for (const auto& a : argv) {
            args.push_back(a.data());
            lengths.push_back(a.size());
        }
        auto* callback = done ? new Reply(std::move(done)) : nullptr;
        if (redisAsyncCommandArgv(self->ctx_, callback ? &RedisConnection::on_reply : nullptr, callback,
                                  static_cast<int>(args.size()), args.data(), lengths.data()) != REDIS_OK) {
            if (callback) {
                (*callback)(nullptr);
                delete callback;
            }
        }
    });
}

void RedisConnection::on_subscription(redisAsyncContext* ctx, void* r, void*) {
    auto* self = static_cast<RedisConnection*>(ctx->data);
    auto* reply = static_cast<redisReply*>(r);
    if (!self || !reply || reply->type != REDIS_REPLY_ARRAY || reply->elements != 4) return;
    // ["pmessage", pattern, channel, message]
    if (std::string(reply->element[0]->str, reply->element[0]->len) != "pmessage") return;
    if (self->on_message_)
        self->on_message_(std::string(reply->element[2]->str, reply->element[2]->len),
                          std::string(reply->element[3]->str, reply->element[3]->len));
}

void RedisConnection::psubscribe(const std::string& pattern, Message on_message) {
    net::post(strand_, [self = shared_from_this(), pattern, on_message = std::move(on_message)]() mutable {
        self->on_message_ = std::move(on_message);
        if (!self->ctx_) return;
        const char* args[2] = {"PSUBSCRIBE", pattern.c_str()};
        size_t lengths[2] = {10, pattern.size()};
        redisAsyncCommandArgv(self->ctx_, &RedisConnection::on_subscription, nullptr, 2, args, lengths);
    });
}

void RedisConnection::close() {
    net::post(strand_, [self = shared_from_this()] {
        if (!self->ctx_) return;
        if (self->connected_) {
            redisAsyncDisconnect(self->ctx_);  // on_disconnect_cb forgets the context
            return;
        }
        // Still connecting: hiredis would free the context without a
        // disconnect callback, so free it here and forget it at once.
        self->connect_done_ = nullptr;
        self->ctx_->data = nullptr;
        cleanup(self.get());
        self->ctx_->ev.data = nullptr;
        redisAsyncFree(self->ctx_);
        self->ctx_ = nullptr;
    });
}

}  // namespace vellum::gateway
