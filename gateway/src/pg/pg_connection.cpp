#include "pg/pg_connection.hpp"

#include "support/log.hpp"

namespace vellum::gateway {

PgConnection::PgConnection(net::io_context& ioc, std::string conninfo)
    : ioc_(ioc), strand_(net::make_strand(ioc)), conninfo_(std::move(conninfo)) {}

PgConnection::~PgConnection() {
    if (socket_) socket_->release();  // libpq owns the socket and closes it
    if (conn_) PQfinish(conn_);
}

void PgConnection::connect(std::function<void(bool, const std::string&)> done) {
    net::post(strand_, [self = shared_from_this(), done = std::move(done)]() mutable {
        self->connect_done_ = std::move(done);
        self->conn_ = PQconnectStart(self->conninfo_.c_str());
        if (!self->conn_ || PQstatus(self->conn_) == CONNECTION_BAD) {
            std::string error = self->conn_ ? PQerrorMessage(self->conn_) : "out of memory";
            if (self->conn_) PQfinish(self->conn_);
            self->conn_ = nullptr;
            auto cb = std::move(self->connect_done_);
            cb(false, error);
            return;
        }
        PQsetnonblocking(self->conn_, 1);
        self->poll_connect();
    });
}

void PgConnection::poll_connect() {
    // libpq may move to another socket while it tries hosts or SSL: follow it.
    int fd = PQsocket(conn_);
    if (!socket_ || socket_->native_handle() != fd) {
        if (socket_) socket_->release();
        socket_ = std::make_unique<net::posix::stream_descriptor>(strand_, fd);
    }
    auto self = shared_from_this();
    switch (PQconnectPoll(conn_)) {
    case PGRES_POLLING_READING:
        socket_->async_wait(net::posix::stream_descriptor::wait_read, [self](beast::error_code) { self->poll_connect(); });
        return;
    case PGRES_POLLING_WRITING:
        socket_->async_wait(net::posix::stream_descriptor::wait_write, [self](beast::error_code) { self->poll_connect(); });
        return;
    case PGRES_POLLING_OK: {
        if (socket_->native_handle() != PQsocket(conn_)) {
            socket_->release();
            socket_ = std::make_unique<net::posix::stream_descriptor>(strand_, PQsocket(conn_));
        }
        ready_ = true;
        auto cb = std::move(connect_done_);
        cb(true, "");
        wait_readable();
        send_next();
        return;
    }
    default: {
        std::string error = PQerrorMessage(conn_);
        socket_->release();
        socket_.reset();
        PQfinish(conn_);
        conn_ = nullptr;
        auto cb = std::move(connect_done_);
        cb(false, error);
        return;
    }
    }
}

void PgConnection::query(std::string sql, PgParams params, PgCallback user_done) {
    ++pending_;
    PgCallback done = [weak = weak_from_this(), user_done = std::move(user_done)](PgResult r) {
        if (auto self = weak.lock()) --self->pending_;
        user_done(std::move(r));
    };
    net::post(strand_, [self = shared_from_this(), sql = std::move(sql), params = std::move(params),
                        done = std::move(done)]() mutable {
        if (!self->ready_) {
            PgResult r;
            r.message = "the database connection is not ready";
            done(std::move(r));
            return;
        }
        self->queue_.push_back({std::move(sql), std::move(params), std::move(done)});
        if (!self->busy_) self->send_next();
    });
}

void PgConnection::send_next() {
    while (ready_ && !busy_ && !queue_.empty()) {
        Query& q = queue_.front();
        std::vector<const char*> values;
        values.reserve(q.params.size());
        for (const auto& p : q.params) values.push_back(p ? p->c_str() : nullptr);
        if (!PQsendQueryParams(conn_, q.sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                               nullptr, 0)) {
            PgResult r;
            r.message = PQerrorMessage(conn_);
            auto done = std::move(q.done);
            queue_.pop_front();
            done(std::move(r));
            continue;
        }
        busy_ = true;
        current_ = PgResult{};
        current_.ok = true;
        flush();
    }
}

void PgConnection::flush() {
    int r = PQflush(conn_);
    if (r == 1) {
        socket_->async_wait(net::posix::stream_descriptor::wait_write,
                            [self = shared_from_this()](beast::error_code ec) {
                                if (!ec && self->conn_) self->flush();
                            });
    } else if (r < 0) {
        fail_all(PQerrorMessage(conn_));
    }
}

void PgConnection::wait_readable() {
    if (reading_ || !socket_) return;
    reading_ = true;
    socket_->async_wait(net::posix::stream_descriptor::wait_read, [self = shared_from_this()](beast::error_code ec) {
        self->reading_ = false;
        if (ec || !self->conn_) return;
        self->on_readable();
    });
}

void PgConnection::on_readable() {
    if (!PQconsumeInput(conn_)) {
        fail_all(PQerrorMessage(conn_));
        return;
    }
    drain_notifications();
    while (busy_ && !PQisBusy(conn_)) {
        PGresult* res = PQgetResult(conn_);
        if (!res) {
            busy_ = false;
            auto done = std::move(queue_.front().done);
            queue_.pop_front();
            PgResult result = std::move(current_);
            done(std::move(result));
            send_next();
            break;
        }
        ExecStatusType status = PQresultStatus(res);
        if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
            if (current_.ok) {
                current_.rows = PQntuples(res);
                current_.columns = PQnfields(res);
                current_.cells.clear();
                current_.cells.reserve(static_cast<size_t>(current_.rows) * current_.columns);
                for (int row = 0; row < current_.rows; ++row)
                    for (int col = 0; col < current_.columns; ++col)
                        current_.cells.push_back(PQgetisnull(res, row, col)
                                                     ? std::nullopt
                                                     : std::optional<std::string>(std::string(
                                                           PQgetvalue(res, row, col), PQgetlength(res, row, col))));
            }
        } else {
            auto field = [res](int code) {
                const char* v = PQresultErrorField(res, code);
                return std::string(v ? v : "");
            };
            current_.ok = false;
            current_.sqlstate = field(PG_DIAG_SQLSTATE);
            current_.message = field(PG_DIAG_MESSAGE_PRIMARY);
            if (current_.message.empty()) current_.message = PQresultErrorMessage(res);
            current_.detail = field(PG_DIAG_MESSAGE_DETAIL);
            current_.hint = field(PG_DIAG_MESSAGE_HINT);
        }
        PQclear(res);
    }
    if (conn_) wait_readable();
}

void PgConnection::drain_notifications() {
    while (PGnotify* n = PQnotifies(conn_)) {
        std::string channel = n->relname ? n->relname : "";
        std::string payload = n->extra ? n->extra : "";
        PQfreemem(n);
        if (notify_) notify_(channel, payload);
    }
}

void PgConnection::fail_all(const std::string& error) {
    bool was_ready = ready_;
    ready_ = false;
    busy_ = false;
    if (socket_) {
        socket_->cancel();
        socket_->release();
        socket_.reset();
    }
    if (conn_) {
        PQfinish(conn_);
        conn_ = nullptr;
    }
    std::deque<Query> failed;
    failed.swap(queue_);
    for (auto& q : failed) {
        PgResult r;
        r.message = "the database connection was lost: " + error;
        q.done(std::move(r));
    }
    if (was_ready && broken_) {
        auto cb = std::move(broken_);
        cb();
    }
}

void PgConnection::close() {
    net::post(strand_, [self = shared_from_this()] {
        if (self->conn_) self->fail_all("closed");
    });
}

}  // namespace vellum::gateway
