#include "rooms/hub.hpp"

#include <tuple>

#include <rapidjson/document.h>

#include "support/json_text.hpp"
#include "rooms/protocol.hpp"
#include "support/log.hpp"

namespace vellum::gateway {

namespace {
// One applied op in the shape broadcasts use, from a changes_since row c.
// A create logged with an old_value found the object already there (deleted,
// or hidden under a deleted frame): it carries "objectExisted": true, so that
// a replica that loaded the file meanwhile, and so lacks the object's other
// values, loads it again.
#define VELLUM_CHANGE_JSON                                                                                            \
    "(jsonb_build_object('seq', c.seq, 'operationType', c.operation_type, 'objectId', c.object_id, "                  \
    "'propertyPath', c.property_path, 'newValue', c.new_value, 'timestamp', c.\"timestamp\", 'clientId', c.client_id, " \
    "'userId', c.user_id, 'idempotencyKey', c.idempotency_key) || "                                                  \
    "CASE WHEN c.operation_type = 'create' AND c.old_value IS NOT NULL "                                             \
    "THEN '{\"objectExisted\": true}'::jsonb ELSE '{}'::jsonb END)"
}  // namespace

const char* const kChangesSinceSql =
    "SELECT coalesce(jsonb_agg(" VELLUM_CHANGE_JSON " ORDER BY c.seq), '[]'::jsonb)::text, coalesce(max(c.seq), $2::bigint) "
    "FROM vellum.changes_since($1::uuid, $2::bigint) c";

// The gate is a qual on the outer row only, so PostgreSQL checks it before
// it scans changes_since at all: a user without access reads nothing.
const char* const kGatedChangesSinceSql =
    "SELECT x.access, x.trashed, c.ops, c.to_seq "
    "FROM (SELECT f.id, vellum.file_access(f.id, $3::uuid) AS access, f.deleted_at IS NOT NULL AS trashed "
    "      FROM vellum.files f WHERE f.id = $1::uuid) x "
    "LEFT JOIN LATERAL (SELECT coalesce(jsonb_agg(" VELLUM_CHANGE_JSON " ORDER BY c.seq), '[]'::jsonb)::text AS ops, "
    "                          coalesce(max(c.seq), $2::bigint) AS to_seq "
    "                   FROM vellum.changes_since(x.id, $2::bigint) c "
    "                   WHERE x.access IS NOT NULL AND NOT x.trashed) c ON x.access IS NOT NULL AND NOT x.trashed";

namespace {

const char* const kColours[] = {"#e5484d", "#3e63dd", "#30a46c", "#f76b15", "#8e4ec6", "#12a594",
                                "#d6409f", "#ffc53d", "#0090ff", "#46a758", "#ab4aba", "#978365"};

}  // namespace

std::string presence_entry(const Member& m) {
    // presence_json is {"cursor", "selection", "viewport"} as the protocol
    // normalized it; the identity fields are added around it.
    std::string body = m.presence_json.substr(1, m.presence_json.size() - 2);
    return "{\"clientId\": " + json_quote(m.client_id) + ", \"userId\": " + json_quote(m.user_id) +
           ", \"userName\": " + json_quote(m.user_name) + ", \"color\": " + json_quote(m.color) + ", " + body + "}";
}

Hub::Hub(net::io_context& ioc, PgPool& pool, Metrics& metrics)
    : ioc_(ioc), pool_(pool), metrics_(metrics), presence_timer_(ioc) {}

void Hub::send_to(const std::vector<std::weak_ptr<Connection>>& targets, const std::shared_ptr<const std::string>& message) {
    for (const auto& weak : targets)
        if (auto c = weak.lock()) c->send(message);
}

void Hub::catch_up_new_room(const std::string& file_id) { fetch(file_id); }

std::string Hub::join(const std::string& file_id, Member& member, int64_t doc_seq, bool& created) {
    std::lock_guard<std::mutex> lock(mutex_);
    created = !rooms_.count(file_id);
    Room& room = rooms_[file_id];
    if (created) room.last_seq_sent = doc_seq;
    std::set<std::string> used;
    for (const auto& [id, m] : room.members) used.insert(m.color);
    member.color = kColours[room.members.size() % std::size(kColours)];
    for (const char* c : kColours)
        if (!used.count(c)) {
            member.color = c;
            break;
        }
    std::string others = "[";
    for (const auto& [id, m] : room.members) {
        if (others.size() > 1) others += ", ";
        others += presence_entry(m);
    }
    for (const auto& [client, remote] : room.remote) {
        if (others.size() > 1) others += ", ";
        others += remote.entry;
    }
    others += "]";
    room.members[member.id] = member;
    room.presence_dirty.insert(member.id);
    return others;
}

void Hub::leave(const std::string& file_id, uint64_t member_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = rooms_.find(file_id);
    if (it == rooms_.end()) return;
    Room& room = it->second;
    auto m = room.members.find(member_id);
    if (m == room.members.end()) return;
    room.presence_removed.push_back(m->second.client_id);
    room.presence_dirty.erase(member_id);
    room.members.erase(m);
    if (room.members.empty() && !room.fetching) {
        // Our last client left: others still hear that it is gone.
        if (presence_publisher_) {
            std::string removed = "[" + json_quote(room.presence_removed.back()) + "]";
            auto publisher = presence_publisher_;
            std::string file = file_id;
            net::post(ioc_, [publisher, file, removed] { publisher(file, "[]", removed); });
        }
        rooms_.erase(it);
    }
}

void Hub::update_presence(const std::string& file_id, uint64_t member_id, std::string presence_json) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = rooms_.find(file_id);
    if (it == rooms_.end()) return;
    auto m = it->second.members.find(member_id);
    if (m == it->second.members.end()) return;
    m->second.presence_json = std::move(presence_json);
    it->second.presence_dirty.insert(member_id);  // sent at the next flush: throttled per room
}

void Hub::send_range(Room& room, int64_t from_seq, int64_t to_seq, const std::vector<std::pair<int64_t, std::string>>& ops,
                     const std::map<int64_t, uint64_t>& own,
                     std::vector<std::pair<std::weak_ptr<Connection>, std::shared_ptr<const std::string>>>& sends) {
    // The range's ops, leaving out one member's (0 members: nobody's).
    auto message_without = [&](const uint64_t* member) -> std::shared_ptr<const std::string> {
        std::string list;
        for (const auto& [seq, json] : ops) {
            auto owner = own.find(seq);
            if (member && owner != own.end() && owner->second == *member) continue;
            if (!list.empty()) list += ", ";
            list += json;
        }
        if (list.empty()) return nullptr;
        return std::make_shared<const std::string>("{\"type\": \"operation\", \"payload\": {\"fromSeq\": " +
                                                   std::to_string(from_seq) + ", \"toSeq\": " + std::to_string(to_seq) +
                                                   ", \"operations\": [" + list + "]}}");
    };
    std::map<uint64_t, std::shared_ptr<const std::string>> senders;
    for (const auto& [seq, member] : own)
        if (seq >= from_seq && seq <= to_seq && !senders.count(member)) senders[member] = message_without(&member);
    auto everyone = message_without(nullptr);
    for (auto& [id, connection] : receivers(room, from_seq)) {
        auto it = senders.find(id);
        const auto& message = it == senders.end() ? everyone : it->second;
        if (message) sends.emplace_back(std::move(connection), message);
    }
}

void Hub::applied(const std::string& file_id, std::vector<AppliedOp> ops, std::chrono::steady_clock::time_point received) {
    if (ops.empty()) return;
    const int64_t from_seq = ops.front().seq, to_seq = ops.back().seq;
    std::vector<std::pair<std::weak_ptr<Connection>, std::shared_ptr<const std::string>>> sends;
    bool next_in_order = false;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = rooms_.find(file_id);
        if (it == rooms_.end()) return;
        Room& room = it->second;
        if (to_seq <= room.last_seq_sent) return;  // a fetch already sent them
        for (const auto& op : ops)
            if (op.seq > room.last_seq_sent) room.own_seqs[op.seq] = op.member;
        next_in_order = from_seq == room.last_seq_sent + 1 && !room.fetching;
        if (next_in_order) {
            std::vector<std::pair<int64_t, std::string>> list;
            list.reserve(ops.size());
            for (auto& op : ops) list.emplace_back(op.seq, std::move(op.json));
            send_range(room, from_seq, to_seq, list, room.own_seqs, sends);
            room.last_seq_sent = to_seq;
            room.own_seqs.erase(room.own_seqs.begin(), room.own_seqs.upper_bound(to_seq));
        }
    }
    if (!next_in_order) {
        // Other commits came in between: send everything in seq order (the
        // fetch leaves out each sender's own ops, remembered above).
        fetch(file_id);
        return;
    }
    for (const auto& [connection, message] : sends)
        if (auto c = connection.lock()) c->send(message);
    metrics_.observe_broadcast_latency(std::chrono::duration<double>(std::chrono::steady_clock::now() - received).count());
}

void Hub::notified(const std::string& file_id, int64_t to_seq) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = rooms_.find(file_id);
        if (it == rooms_.end()) return;
        Room& room = it->second;
        room.notified_seq = std::max(room.notified_seq, to_seq);
        if (to_seq <= room.last_seq_sent || room.own_in_flight > 0) return;
    }
    fetch(file_id);
}

void Hub::begin_own_commit(const std::string& file_id, const std::vector<std::pair<std::string, uint64_t>>& keys) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = rooms_.find(file_id);
    if (it == rooms_.end()) return;
    ++it->second.own_in_flight;
    for (const auto& [key, member] : keys) it->second.in_flight_keys[key] = member;
}

void Hub::end_own_commit(const std::string& file_id) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = rooms_.find(file_id);
        if (it == rooms_.end()) return;
        Room& room = it->second;
        if (room.own_in_flight > 0) --room.own_in_flight;
        // A file is in one commit at a time: its keys are all this one's.
        if (room.own_in_flight == 0) room.in_flight_keys.clear();
        if (room.own_in_flight > 0 || room.notified_seq <= room.last_seq_sent) return;
    }
    fetch(file_id);  // commits from elsewhere were announced meanwhile
}

void Hub::catch_up_all() {
    std::vector<std::string> files;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (const auto& [file, room] : rooms_) files.push_back(file);
    }
    for (const auto& f : files) fetch(f);
}

void Hub::fetch(const std::string& file_id) {
    int64_t after = 0;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = rooms_.find(file_id);
        if (it == rooms_.end()) return;
        if (it->second.fetching) {
            it->second.fetch_again = true;
            return;
        }
        it->second.fetching = true;
        after = it->second.last_seq_sent;
    }
    pool_.query(
        kChangesSinceSql, {file_id, std::to_string(after)},
        [this, file_id, after](PgResult r) {
            std::vector<std::weak_ptr<Connection>> targets;
            std::shared_ptr<const std::string> message;
            std::vector<std::pair<std::weak_ptr<Connection>, std::shared_ptr<const std::string>>> sends;
            bool again = false;
            bool failed = false;
            {
                std::lock_guard<std::mutex> lock(mutex_);
                auto it = rooms_.find(file_id);
                if (it == rooms_.end()) return;
                Room& room = it->second;
                room.fetching = false;
                again = room.fetch_again;
                room.fetch_again = false;
                if (r.ok && r.rows == 1 && r.at(0, 0) && r.at(0, 1)) {
                    int64_t to = std::stoll(*r.at(0, 1));
                    if (to > room.last_seq_sent && room.last_seq_sent == after) {
                        rapidjson::Document fetched;
                        fetched.Parse(r.at(0, 0)->c_str());
                        std::vector<std::pair<int64_t, std::string>> list;
                        // Whose ops these are: own_seqs, from commit results, and,
                        // for a commit of this gateway still on its way back,
                        // its ops found by their idempotency keys.
                        if (fetched.IsArray()) {
                            for (const auto& op : fetched.GetArray()) {
                                auto seq = op.FindMember("seq");
                                if (seq == op.MemberEnd() || !seq->value.IsInt64()) continue;
                                list.emplace_back(seq->value.GetInt64(), json_text(op));
                                auto key = op.FindMember("idempotencyKey");
                                if (room.in_flight_keys.empty() || key == op.MemberEnd() || !key->value.IsString()) continue;
                                auto sender = room.in_flight_keys.find(std::string(key->value.GetString(), key->value.GetStringLength()));
                                if (sender != room.in_flight_keys.end()) room.own_seqs[seq->value.GetInt64()] = sender->second;
                            }
                        }
                        send_range(room, after + 1, to, list, room.own_seqs, sends);
                        room.last_seq_sent = to;
                        room.own_seqs.erase(room.own_seqs.begin(), room.own_seqs.upper_bound(to));
                    }
                } else if (!r.ok && r.sqlstate == "55000") {
                    // Retention removed what the room lacks: clients reload.
                    message = std::make_shared<const std::string>(
                        "{\"type\": \"resync\", \"payload\": {\"reason\": \"history was compacted\"}}");
                    for (const auto& [id, m] : room.members) targets.push_back(m.connection);
                } else if (!r.ok) {
                    log::warn("room_fetch_failed", {{"file", file_id}, {"error", r.message}});
                    failed = true;
                }
                if (room.members.empty() && !again) {
                    rooms_.erase(it);
                    failed = false;
                }
            }
            if (message) send_to(targets, message);
            for (const auto& [connection, m] : sends)
                if (auto c = connection.lock()) c->send(m);
            if (again) {
                fetch(file_id);
            } else if (failed) {
                // The ops announced are in PostgreSQL but not with the room's
                // members, and no later NOTIFY need come to fetch them (the
                // catch-up after LISTEN came back may run before the pool has
                // a connection): a quiet file would stay stale. Try again.
                auto timer = std::make_shared<net::steady_timer>(ioc_, std::chrono::milliseconds(500));
                timer->async_wait([this, timer, file_id](beast::error_code ec) {
                    if (!ec && !stopped_) fetch(file_id);
                });
            }
        },
        true);
}

std::vector<std::pair<uint64_t, std::weak_ptr<Connection>>> Hub::receivers(Room& room, int64_t from_seq) {
    std::vector<std::pair<uint64_t, std::weak_ptr<Connection>>> out;
    for (auto& [id, m] : room.members) {
        if (m.rechecks > 0 || m.held_after >= 0) {
            if (m.held_after < 0) m.held_after = from_seq - 1;
            continue;
        }
        out.emplace_back(id, m.connection);
    }
    return out;
}

void Hub::revoke(const std::string& file_id, const Member& member, const std::string& reason) {
    leave(file_id, member.id);
    if (member.on_access) member.on_access("");
    if (auto connection = member.connection.lock())
        connection->send(std::make_shared<const std::string>(unsubscribed_message(file_id, reason)));
}

void Hub::comment_changed(const std::string& file_id, const std::string& comment_id, const std::string& action) {
    std::vector<std::weak_ptr<Connection>> targets;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto room = rooms_.find(file_id);
        if (room == rooms_.end()) return;
        for (const auto& [id, m] : room->second.members)
            if (m.rechecks == 0) targets.push_back(m.connection);
    }
    send_to(targets, std::make_shared<const std::string>(comment_message(file_id, comment_id, action)));
}

void Hub::access_changed(const std::string& file_id, const std::string& user_id) {
    struct Target {
        std::string file;
        Member member;
    };
    std::vector<Target> targets;
    {
        // Held from now on, before any later commit's ops can be sent: the
        // notifications arrive in commit order.
        std::lock_guard<std::mutex> lock(mutex_);
        for (auto& [file, room] : rooms_) {
            if (!file_id.empty() && file != file_id) continue;
            for (auto& [id, m] : room.members)
                if (user_id.empty() || m.user_id == user_id) {
                    ++m.rechecks;
                    targets.push_back({file, m});
                }
        }
    }
    for (auto& target : targets) {
        pool_.query(
            "SELECT vellum.file_access(f.id, $2::uuid), f.deleted_at IS NOT NULL FROM vellum.files f WHERE f.id = $1::uuid",
            {target.file, target.member.user_id},
            [this, target](PgResult r) {
                // A failed check keeps nothing from the member for ever: the
                // gated catch-up checks again.
                if (!r.ok) log::warn("access_check_failed", {{"error", r.message}});
                bool trashed = r.ok && r.rows == 1 && r.at(0, 1) && *r.at(0, 1) == "t";
                bool gone = r.ok && (r.rows == 0 || !r.at(0, 0) || trashed);
                if (gone)
                    return revoke(target.file, target.member,
                                  trashed ? "the file was moved to the trash" : "your access to this file was revoked");
                std::string access = r.ok ? *r.at(0, 0) : target.member.access;
                bool changed = false, resume_now = false;
                {
                    std::lock_guard<std::mutex> lock(mutex_);
                    auto room = rooms_.find(target.file);
                    if (room == rooms_.end()) return;
                    auto m = room->second.members.find(target.member.id);
                    if (m == room->second.members.end()) return;
                    changed = m->second.access != access;
                    m->second.access = access;
                    if (m->second.rechecks > 0) --m->second.rechecks;
                    resume_now = m->second.rechecks == 0 && m->second.held_after >= 0;
                    if (resume_now) ++m->second.rechecks;  // held until resume's answer
                }
                if (changed) {
                    if (target.member.on_access) target.member.on_access(access);
                    if (auto connection = target.member.connection.lock())
                        connection->send(std::make_shared<const std::string>(
                            "{\"type\": \"access\", \"payload\": {\"fileId\": " + json_quote(target.file) +
                            ", \"access\": " + json_quote(access) + "}}"));
                }
                if (resume_now) resume(target.file, target.member.id);
            });
    }
}

void Hub::resume(const std::string& file_id, uint64_t member_id) {
    int64_t after = 0;
    std::string user_id;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto room = rooms_.find(file_id);
        if (room == rooms_.end()) return;
        auto m = room->second.members.find(member_id);
        if (m == room->second.members.end()) return;
        after = m->second.held_after;
        user_id = m->second.user_id;
    }
    pool_.query(
        kGatedChangesSinceSql, {file_id, std::to_string(after), user_id},
        [this, file_id, member_id, after](PgResult r) {
            Member member;
            std::shared_ptr<const std::string> message;
            bool again = false, lost = false, failed = false;
            {
                std::lock_guard<std::mutex> lock(mutex_);
                auto room = rooms_.find(file_id);
                if (room == rooms_.end()) return;
                auto m = room->second.members.find(member_id);
                if (m == room->second.members.end()) return;
                member = m->second;
                if (r.ok && r.rows == 1 && r.at(0, 0) && *r.at(0, 1) != "t" && r.at(0, 3)) {
                    int64_t to = std::stoll(*r.at(0, 3));
                    if (to > after)
                        message = std::make_shared<const std::string>(
                            "{\"type\": \"operation\", \"payload\": {\"fromSeq\": " + std::to_string(after + 1) +
                            ", \"toSeq\": " + std::to_string(to) + ", \"operations\": " + *r.at(0, 2) + "}}");
                    if (m->second.rechecks > 0) --m->second.rechecks;
                    // Broadcasts it skipped meanwhile: fetch those too.
                    again = room->second.last_seq_sent > to;
                    m->second.held_after = again ? to : -1;
                    if (again) ++m->second.rechecks;
                    if (message) {
                        if (auto c = m->second.connection.lock()) c->send(message);
                    }
                } else if (r.ok) {
                    lost = true;
                } else if (r.sqlstate == "55000") {
                    if (m->second.rechecks > 0) --m->second.rechecks;
                    m->second.held_after = -1;
                    message = std::make_shared<const std::string>(
                        "{\"type\": \"resync\", \"payload\": {\"reason\": \"history was compacted\"}}");
                    if (auto c = m->second.connection.lock()) c->send(message);
                } else {
                    log::warn("member_catch_up_failed", {{"file", file_id}, {"error", r.message}});
                    failed = true;  // held until a check succeeds
                }
            }
            if (lost) return revoke(file_id, member, "your access to this file was revoked");
            if (again) return resume(file_id, member_id);
            if (failed) {
                auto timer = std::make_shared<net::steady_timer>(ioc_, std::chrono::seconds(1));
                timer->async_wait([this, timer, file_id, member_id](beast::error_code ec) {
                    if (!ec && !stopped_) resume(file_id, member_id);
                });
            }
        },
        true);
}

std::map<std::string, size_t> Hub::collaborators() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::map<std::string, size_t> out;
    for (const auto& [file, room] : rooms_) out[file] = room.members.size();
    return out;
}

size_t Hub::rooms() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return rooms_.size();
}

void Hub::start_presence_flush() {
    presence_timer_.expires_after(std::chrono::milliseconds(50));
    presence_timer_.async_wait([this](beast::error_code ec) {
        if (ec || stopped_) return;
        flush_presence();
        start_presence_flush();
    });
}

void Hub::stop() {
    stopped_ = true;
    presence_timer_.cancel();
}

void Hub::flush_presence() {
    std::vector<std::pair<std::vector<std::weak_ptr<Connection>>, std::shared_ptr<const std::string>>> sends;
    std::vector<std::tuple<std::string, std::string, std::string>> published;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (auto& [file, room] : rooms_) {
            if (room.presence_dirty.empty() && room.presence_removed.empty()) continue;
            std::string entries, removed;
            for (uint64_t id : room.presence_dirty) {
                auto m = room.members.find(id);
                if (m == room.members.end()) continue;
                if (!entries.empty()) entries += ", ";
                entries += presence_entry(m->second);
            }
            for (const auto& client : room.presence_removed) {
                if (!removed.empty()) removed += ", ";
                removed += json_quote(client);
            }
            room.presence_dirty.clear();
            room.presence_removed.clear();
            if (presence_publisher_) published.emplace_back(file, "[" + entries + "]", "[" + removed + "]");
            auto message = std::make_shared<const std::string>("{\"type\": \"presence\", \"payload\": {\"presence\": [" +
                                                               entries + "], \"removed\": [" + removed + "]}}");
            std::vector<std::weak_ptr<Connection>> targets;
            for (const auto& [id, m] : room.members) targets.push_back(m.connection);
            sends.emplace_back(std::move(targets), std::move(message));
        }
    }
    for (const auto& [targets, message] : sends) send_to(targets, message);
    for (const auto& [file, entries, removed] : published) presence_publisher_(file, entries, removed);
}

void Hub::set_presence_publisher(
    std::function<void(const std::string&, const std::string&, const std::string&)> publisher) {
    std::lock_guard<std::mutex> lock(mutex_);
    presence_publisher_ = std::move(publisher);
}

std::map<std::string, std::string> Hub::local_presence() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::map<std::string, std::string> out;
    for (const auto& [file, room] : rooms_) {
        if (room.members.empty()) continue;
        std::string entries = "[";
        for (const auto& [id, m] : room.members) {
            if (entries.size() > 1) entries += ", ";
            entries += presence_entry(m);
        }
        out[file] = entries + "]";
    }
    return out;
}

void Hub::remote_presence(const std::string& file_id, const std::string& gateway,
                          const std::vector<std::pair<std::string, std::string>>& entries,
                          const std::vector<std::string>& removed, bool snapshot) {
    std::vector<std::weak_ptr<Connection>> targets;
    std::string changed, gone;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = rooms_.find(file_id);
        if (it == rooms_.end()) return;  // nobody here has the file open
        Room& room = it->second;
        std::set<std::string> in_message;
        for (const auto& [client, entry] : entries) {
            in_message.insert(client);
            auto& remote = room.remote[client];
            if (remote.entry == entry) continue;  // snapshots repeat what we know
            remote = {gateway, entry};
            if (!changed.empty()) changed += ", ";
            changed += entry;
        }
        auto forget = [&](const std::string& client) {
            if (!room.remote.erase(client)) return;
            if (!gone.empty()) gone += ", ";
            gone += json_quote(client);
        };
        for (const auto& client : removed) forget(client);
        if (snapshot) {
            std::vector<std::string> stale;
            for (const auto& [client, remote] : room.remote)
                if (remote.gateway == gateway && !in_message.count(client)) stale.push_back(client);
            for (const auto& client : stale) forget(client);
        }
        if (changed.empty() && gone.empty()) return;
        for (const auto& [id, m] : room.members) targets.push_back(m.connection);
    }
    send_to(targets, std::make_shared<const std::string>("{\"type\": \"presence\", \"payload\": {\"presence\": [" +
                                                         changed + "], \"removed\": [" + gone + "]}}"));
}

void Hub::remote_gateway_gone(const std::string& gateway) {
    std::vector<std::pair<std::vector<std::weak_ptr<Connection>>, std::shared_ptr<const std::string>>> sends;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (auto& [file, room] : rooms_) {
            std::string gone;
            for (auto it = room.remote.begin(); it != room.remote.end();) {
                if (it->second.gateway != gateway) {
                    ++it;
                    continue;
                }
                if (!gone.empty()) gone += ", ";
                gone += json_quote(it->first);
                it = room.remote.erase(it);
            }
            if (gone.empty()) continue;
            std::vector<std::weak_ptr<Connection>> targets;
            for (const auto& [id, m] : room.members) targets.push_back(m.connection);
            sends.emplace_back(std::move(targets), std::make_shared<const std::string>(
                                                       "{\"type\": \"presence\", \"payload\": {\"presence\": [], \"removed\": [" +
                                                       gone + "]}}"));
        }
    }
    for (const auto& [targets, message] : sends) send_to(targets, message);
}

}  // namespace vellum::gateway
