#include "rooms/client_handler.hpp"

#include "auth/auth.hpp"
#include "support/json_text.hpp"
#include "support/log.hpp"

namespace vellum::gateway {

ClientHandler::ClientHandler(App& app, std::weak_ptr<Connection> connection, SignedInUser user, std::string subscribe_to)
    : app_(app), connection_(std::move(connection)), user_(std::move(user)),
      client_id_(new_session_token().substr(0, 16)), subscribe_to_(std::move(subscribe_to)), member_id_(app.next_member_id++),
      state_(std::make_shared<State>()),
      limiter_(app.config.rate_limit_per_second, app.config.rate_limit_burst, RateLimiter::Clock::now()) {}

ClientHandler::~ClientHandler() { on_close(); }

void ClientHandler::on_open() {
    app_.metrics.connection_opened();
    session_ended_ = app_.sockets.add(member_id_, connection_, user_.session, user_.session_expires);
    if (!subscribe_to_.empty()) {
        ClientMessage early;
        early.type = MessageType::Subscribe;
        early.file_id = subscribe_to_;
        early.request_id = "subscribe-early";
        subscribe(early);
    }
}

void ClientHandler::on_close() {
    std::string file;
    {
        std::lock_guard<std::mutex> lock(state_->mutex);
        if (state_->closed) return;
        state_->closed = true;
        file = state_->file_id;
        state_->file_id.clear();
    }
    if (!file.empty()) app_.hub.leave(file, member_id_);
    app_.file_watchers.remove(member_id_);
    app_.sockets.remove(member_id_);
    app_.metrics.connection_closed();
}

void ClientHandler::reply(std::string message) {
    if (auto c = connection_.lock()) c->send(std::make_shared<const std::string>(std::move(message)));
}

void ClientHandler::reject(const std::string& code, const std::string& message, const std::string& request_id) {
    app_.metrics.message_rejected(code);
    reply(error_message(code, message, request_id));
}

void ClientHandler::on_message(std::string text) {
    // Signed out or expired: the socket is being closed, and nothing it still
    // sends is applied.
    if ((session_ended_ && *session_ended_) || std::chrono::steady_clock::now() >= user_.session_expires)
        return reject("unauthorized", "the session has ended; sign in again", "");
    if (!limiter_.allow(RateLimiter::Clock::now()))
        return reject("rate_limited", "too many messages: at most " +
                                          std::to_string(static_cast<int>(app_.config.rate_limit_per_second)) +
                                          " per second; this one was dropped", "");
    ProtocolLimits limits;
    limits.max_message_bytes = app_.config.max_message_bytes;
    limits.max_ops_per_message = app_.config.max_ops_per_message;
    ParseResult parsed = parse_client_message(text, limits);
    if (auto* error = std::get_if<ProtocolError>(&parsed)) return reject(error->code, error->message, "");
    ClientMessage& msg = std::get<ClientMessage>(parsed);
    switch (msg.type) {
    case MessageType::Subscribe: return subscribe(msg);
    case MessageType::Unsubscribe: return unsubscribe();
    case MessageType::Operation: return operation(msg);
    case MessageType::Presence: return presence(msg);
    case MessageType::Catchup: return catch_up(msg);
    case MessageType::Ping: return reply(pong_message(msg.request_id));
    case MessageType::WatchFiles:
        app_.file_watchers.add(member_id_, connection_, user_.id);
        return reply(watching_files_message(msg.request_id));
    }
}

void ClientHandler::on_binary_message() {
    if (!limiter_.allow(RateLimiter::Clock::now())) return;
    reject("invalid_message", "binary frames are not part of the protocol; send JSON messages in text frames", "");
}

void ClientHandler::subscribe(const ClientMessage& msg) {
    unsubscribe();
    auto started = std::chrono::steady_clock::now();
    std::weak_ptr<State> weak_state = state_;
    App& app = app_;
    auto connection = connection_;
    SignedInUser user = user_;
    std::string client_id = client_id_;
    uint64_t member_id = member_id_;
    std::string file_id = msg.file_id;
    std::string request_id = msg.request_id;
    // Access and document in one round trip; a file in the trash is refused.
    app_.pool->query(
        // document_text writes the JSON straight from the registers (no jsonb
        // built and printed); its seq is last_seq, read in the same snapshot.
        "SELECT a.access, d.doc, a.last_seq, a.trashed, d.clock "
        "FROM (SELECT f.id, f.last_seq, vellum.file_access(f.id, $2::uuid) AS access, "
        "             f.deleted_at IS NOT NULL AS trashed "
        "      FROM vellum.files f WHERE f.id = $1::uuid) a "
        "LEFT JOIN LATERAL (SELECT vellum.document_text(a.id) AS doc, "
        // The newest stamp in the file (one probe of idx_operations_file_timestamp):
        // the document carries values only, and a client whose clock is behind
        // must still stamp its next edit newer than what it was shown.
        "         coalesce((SELECT max(o.\"timestamp\") FROM vellum.operations o WHERE o.file_id = a.id), 0) AS clock "
        "  WHERE a.access IS NOT NULL AND NOT a.trashed) d ON true",
        {file_id, user.id},
        [&app, weak_state, connection, user, client_id, member_id, file_id, request_id, started](PgResult r) {
            auto send = [&connection](std::string m) {
                if (auto c = connection.lock()) c->send(std::make_shared<const std::string>(std::move(m)));
            };
            if (!r.ok) return send(database_error_message(r, request_id));
            // One answer for "no such file" and "not yours", so that file ids
            // cannot be probed.
            if (r.rows == 0 || !r.at(0, 0))
                return send(error_message("not_found", "file " + file_id + " does not exist or you have no access to it",
                                          request_id));
            if (*r.at(0, 3) == "t") return send(error_message("conflict", "file " + file_id + " is in the trash", request_id));
            auto state = weak_state.lock();
            if (!state) return;
            std::string access = *r.at(0, 0);
            const std::string& document = *r.at(0, 1);
            int64_t seq = std::stoll(*r.at(0, 2));
            const std::string& clock = *r.at(0, 4);
            {
                std::lock_guard<std::mutex> lock(state->mutex);
                if (state->closed || !state->file_id.empty()) return;
                state->file_id = file_id;
                state->access = access;
            }
            Member member;
            member.id = member_id;
            member.connection = connection;
            member.user_id = user.id;
            member.user_name = user.name;
            member.client_id = client_id;
            member.access = access;
            member.on_access = [weak_state, file_id](const std::string& new_access) {
                auto s = weak_state.lock();
                if (!s) return;
                std::lock_guard<std::mutex> lock(s->mutex);
                if (s->file_id != file_id) return;
                if (new_access.empty()) s->file_id.clear();
                s->access = new_access;
            };
            bool new_room = false;
            std::string presence = app.hub.join(file_id, member, seq, new_room);
            send("{\"type\": \"sync\"" + (request_id.empty() ? std::string() : ", \"requestId\": " + json_quote(request_id)) +
                 ", \"payload\": {\"file\": " + document + ", \"seq\": " + std::to_string(seq) +
                 ", \"clock\": " + clock + ", \"access\": " + json_quote(access) + ", \"clientId\": " + json_quote(client_id) +
                 ", \"yourColor\": " + json_quote(member.color) + ", \"presence\": " + presence + "}}");
            app.metrics.observe_sync_latency(
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
            if (new_room) app.hub.catch_up_new_room(file_id);
        });
}

void ClientHandler::unsubscribe() {
    std::string file;
    {
        std::lock_guard<std::mutex> lock(state_->mutex);
        file.swap(state_->file_id);
        state_->access.clear();
    }
    if (!file.empty()) app_.hub.leave(file, member_id_);
}

void ClientHandler::operation(ClientMessage& msg) {
    std::string file, access;
    {
        std::lock_guard<std::mutex> lock(state_->mutex);
        file = state_->file_id;
        access = state_->access;
    }
    if (file.empty()) return reject("not_subscribed", "subscribe to a file before sending ops", msg.request_id);
    if (access != "edit" && access != "admin")
        return reject("forbidden", "you may view this file but not edit it", msg.request_id);
    if (app_.closing_clients)
        return reject("unavailable", "the gateway is shutting down; reconnect and resend", msg.request_id);
    OpSubmission submission;
    submission.connection = connection_;
    submission.member_id = member_id_;
    submission.user_id = user_.id;
    submission.ops_json = std::move(msg.operations_json);
    submission.op_ids = std::move(msg.op_ids);
    submission.idempotency_keys = std::move(msg.idempotency_keys);
    submission.request_id = msg.request_id;
    submission.received = std::chrono::steady_clock::now();
    app_.batcher.submit(file, std::move(submission));
}

void ClientHandler::presence(ClientMessage& msg) {
    std::string file;
    {
        std::lock_guard<std::mutex> lock(state_->mutex);
        file = state_->file_id;
    }
    if (file.empty()) return reject("not_subscribed", "subscribe to a file before sending presence", msg.request_id);
    app_.hub.update_presence(file, member_id_, std::move(msg.presence_json));
}

void ClientHandler::catch_up(const ClientMessage& msg) {
    std::string file;
    {
        std::lock_guard<std::mutex> lock(state_->mutex);
        file = state_->file_id;
    }
    if (file.empty()) return reject("not_subscribed", "subscribe to a file before catching up", msg.request_id);
    auto connection = connection_;
    std::weak_ptr<State> weak_state = state_;
    App& app = app_;
    uint64_t member_id = member_id_;
    std::string request_id = msg.request_id;
    int64_t after = msg.after_seq;
    // Access is checked again in the same statement: rights may have changed
    // since the subscription, and a catch-up must never read past a revoke.
    app_.pool->query(
        kGatedChangesSinceSql, {file, std::to_string(after), user_.id},
        [&app, connection, weak_state, member_id, file, request_id, after](PgResult r) {
            auto send = [&connection](std::string m) {
                if (auto c = connection.lock()) c->send(std::make_shared<const std::string>(std::move(m)));
            };
            if (!r.ok && r.sqlstate == "55000")
                return send("{\"type\": \"resync\", \"payload\": {\"reason\": \"history was compacted\"}}");
            if (!r.ok) return send(database_error_message(r, request_id));
            if (r.rows == 0 || !r.at(0, 0) || *r.at(0, 1) == "t") {
                if (auto state = weak_state.lock()) {
                    std::lock_guard<std::mutex> lock(state->mutex);
                    if (state->file_id == file) state->file_id.clear(), state->access.clear();
                }
                app.hub.leave(file, member_id);
                return send(unsubscribed_message(file, r.rows == 1 && r.at(0, 1) && *r.at(0, 1) == "t"
                                                           ? "the file was moved to the trash"
                                                           : "your access to this file was revoked"));
            }
            send("{\"type\": \"operation\"" + (request_id.empty() ? std::string() : ", \"requestId\": " + json_quote(request_id)) +
                 ", \"payload\": {\"fromSeq\": " + std::to_string(after + 1) + ", \"toSeq\": " + *r.at(0, 3) +
                 ", \"operations\": " + *r.at(0, 2) + "}}");
        });
}

}  // namespace vellum::gateway
