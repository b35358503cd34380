// The rooms: which clients have which file open, what each room has already
// broadcast (by seq), and the presence of its members. PostgreSQL is the
// truth: a room only remembers the last seq it sent and fetches anything it
// has not seen (changes_since), so a missed notification or a gateway restart
// costs a fetch, never an op.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "net/connection.hpp"
#include "support/metrics.hpp"
#include "net/net.hpp"
#include "pg/pg_pool.hpp"

namespace vellum::gateway {

struct Member {
    uint64_t id = 0;
    std::weak_ptr<Connection> connection;
    std::string user_id;
    std::string user_name;
    std::string client_id;
    std::string color;
    std::string presence_json = "{\"cursor\": null, \"selection\": [], \"viewport\": null}";
    std::string access;  // admin, edit or view
    // Told the member's new access ("" when revoked); runs on any thread.
    std::function<void(const std::string& access)> on_access;
    // While rights may have changed (an access check in flight), nothing is
    // sent to the member: broadcasts skip it and it is caught up afterwards
    // through a statement that checks its access again.
    int rechecks = 0;
    int64_t held_after = -1;  // >= 0: it has every op up to this seq, and missed later ones
};

class Hub {
public:
    Hub(net::io_context& ioc, PgPool& pool, Metrics& metrics);

    // Adds a member to a file's room and gives it a colour. doc_seq is the seq
    // of the document the member was sent; returns the presence of the others
    // as a JSON array; created says the room is new (see catch_up_new_room).
    std::string join(const std::string& file_id, Member& member, int64_t doc_seq, bool& created);
    // A new room heard no notification before it existed: commits made after
    // its first member's document was read and announced before the room was
    // there were dropped, and nothing would fetch them until the file's next
    // commit. Called once that member has been sent its document: one fetch
    // of what came after it.
    void catch_up_new_room(const std::string& file_id);
    void leave(const std::string& file_id, uint64_t member_id);
    void update_presence(const std::string& file_id, uint64_t member_id, std::string presence_json);

    // Ops this gateway committed, in seq order, each with the member that
    // sent it: sent at once to the room's members when they are the next
    // seqs the room expects, or else with the fetch that fills the gap. A
    // sender is sent only the others' ops of the range (nothing when there
    // are none): it has its own, and their seqs, in its ack.
    struct AppliedOp {
        int64_t seq;
        uint64_t member;
        std::string json;
    };
    void applied(const std::string& file_id, std::vector<AppliedOp> ops, std::chrono::steady_clock::time_point received);
    // A commit somewhere (NOTIFY vellum_changes): fetch what the room lacks,
    // unless this gateway's own commit for the file is on its way back (its
    // result, not a fetch, will carry the ops; end_own_commit catches up).
    void notified(const std::string& file_id, int64_t to_seq);
    // keys: the idempotency key of each op in the commit, and its sender. A
    // fetch that comes back before the commit's results (it may hold those
    // ops already) leaves each of them out for its sender, as they would be.
    void begin_own_commit(const std::string& file_id, const std::vector<std::pair<std::string, uint64_t>>& keys);
    void end_own_commit(const std::string& file_id);
    // After the LISTEN connection came back: every room fetches what it lacks.
    void catch_up_all();
    // NOTIFY vellum_access: re-checks the access of the members concerned
    // (of file_id, or user_id, or everyone when both are empty); a member
    // who lost access is told and unsubscribed, one whose access changed is told.
    void access_changed(const std::string& file_id, const std::string& user_id);
    // A comment of the file changed (NOTIFY vellum_comments): every member
    // whose access is not being checked is told which and how.
    void comment_changed(const std::string& file_id, const std::string& comment_id, const std::string& action);

    // Presence of other gateways' clients (PresenceBus): entries are
    // (clientId, entry JSON). A snapshot replaces everything that gateway had
    // in the file.
    void remote_presence(const std::string& file_id, const std::string& gateway,
                         const std::vector<std::pair<std::string, std::string>>& entries,
                         const std::vector<std::string>& removed, bool snapshot);
    void remote_gateway_gone(const std::string& gateway);
    // This gateway's clients' presence per open file (a JSON array each).
    std::map<std::string, std::string> local_presence() const;
    // Where flush_presence sends this gateway's changes (file, entries, removed).
    void set_presence_publisher(std::function<void(const std::string&, const std::string&, const std::string&)> publisher);

    // Members of each open file, for /metrics.
    std::map<std::string, size_t> collaborators() const;
    size_t rooms() const;

    void start_presence_flush();
    void stop();

private:
    struct Room {
        std::map<uint64_t, Member> members;
        int64_t last_seq_sent = 0;
        int64_t notified_seq = 0;  // the highest seq NOTIFY announced
        int own_in_flight = 0;     // this gateway's commits for the file not back yet
        bool fetching = false;
        bool fetch_again = false;
        std::unordered_map<std::string, uint64_t> in_flight_keys;  // idempotency key -> sender, of own commits on their way
        std::map<int64_t, uint64_t> own_seqs;  // seq -> member, of our commits not sent yet
        std::set<uint64_t> presence_dirty;
        std::vector<std::string> presence_removed;
        struct Remote {
            std::string gateway;
            std::string entry;
        };
        std::map<std::string, Remote> remote;  // clientId -> another gateway's client
    };

    void fetch(const std::string& file_id);
    // Sends ops (seq, JSON) from_seq..to_seq to the room's receivers, each
    // sender without its own (own: seq -> member).
    static void send_range(Room& room, int64_t from_seq, int64_t to_seq,
                           const std::vector<std::pair<int64_t, std::string>>& ops, const std::map<int64_t, uint64_t>& own,
                           std::vector<std::pair<std::weak_ptr<Connection>, std::shared_ptr<const std::string>>>& sends);
    // The members of a room that may be sent ops from_seq on; the others
    // (whose access is being checked) remember what they missed.
    static std::vector<std::pair<uint64_t, std::weak_ptr<Connection>>> receivers(Room& room, int64_t from_seq);
    // Sends a member what it missed while its access was checked, checking
    // access again in the same statement.
    void resume(const std::string& file_id, uint64_t member_id);
    // Removes a member who lost access and tells it.
    void revoke(const std::string& file_id, const Member& member, const std::string& reason);
    void flush_presence();
    static void send_to(const std::vector<std::weak_ptr<Connection>>& targets, const std::shared_ptr<const std::string>& message);

    net::io_context& ioc_;
    PgPool& pool_;
    Metrics& metrics_;
    mutable std::mutex mutex_;
    std::map<std::string, Room> rooms_;
    net::steady_timer presence_timer_;
    std::function<void(const std::string&, const std::string&, const std::string&)> presence_publisher_;
    bool stopped_ = false;
};

// One member's presence entry as clients see it.
std::string presence_entry(const Member& member);

// The SQL that returns the ops of a file after a seq as an "operations"
// JSON array in the shape broadcasts use.
extern const char* const kChangesSinceSql;
// The same for a user ($3), re-checking their access in the same statement:
// (access, trashed, operations, to_seq); the last two only with access.
extern const char* const kGatedChangesSinceSql;

}  // namespace vellum::gateway
