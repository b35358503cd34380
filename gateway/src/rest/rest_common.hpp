// What the REST resources share: one call in flight (who asks, the ids in its
// path, its query string, where the answer goes), checks of JSON bodies that
// name the field at fault, and the way every resource asks the database.
//
// Each endpoint is one parameterized statement that both decides and acts:
// it answers one row (outcome, body), where the outcome is "ok" or the name
// of a denial ("not_found", "forbidden", "trashed", ...) decided in SQL with
// vellum.file_access or team membership, and the body is the JSON answer,
// also built in SQL. The statement changes nothing unless its outcome is ok.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "app.hpp"
#include "rooms/client_handler.hpp"
#include "rest/http_api.hpp"
#include "support/utf8.hpp"
#include "support/uuid.hpp"

namespace vellum::gateway::rest {

struct Call {
    // The request's version and keep-alive, which the answer needs; the body
    // is read before the first database round trip and not kept.
    std::shared_ptr<const Request> meta;
    SignedInUser user;
    // The path's variable segments (all of them uuids), in order.
    std::vector<std::string> params;
    // The decoded query string.
    std::map<std::string, std::string> query;
    Respond respond;

    void reply(http::status status, std::string body);
    void fail(http::status status, const std::string& code, const std::string& message);
    void bad_request(const std::string& message) { fail(http::status::bad_request, "invalid_request", message); }
    // A statement that failed: the status follows its SQLSTATE.
    void database_error(const PgResult& result);
};
using CallPtr = std::shared_ptr<Call>;
using Handler = void (*)(App& app, const Request& request, const CallPtr& call);

// A denial the statement may answer instead of "ok".
struct Denial {
    std::string outcome;
    http::status status;
    std::string message;
};

// Runs a statement answering (outcome, body) and answers the call: `success`
// with the body for "ok", the matching denial otherwise; no row at all is
// "not_found". Read-only statements pass idempotent, so that a lost
// connection is retried.
void run(App& app, const CallPtr& call, std::string sql, PgParams params, http::status success,
         std::vector<Denial> denials, bool idempotent = false);

// Percent-decoding of a query string component ('+' is a space).
std::string url_decode(const std::string& text);
std::map<std::string, std::string> parse_query(const std::string& query);
// A uuid from the query string, or nothing; sets error (naming the
// parameter) when it is there but not a uuid.
std::optional<std::string> query_uuid(const Call& call, const char* name, std::string& error);

// One page of a list: `limit` (1 to max_limit, default_limit when absent)
// and `cursor` (absent for the first page; else the nextCursor of the page
// before, "<sort key>~<id>"). Sets error (naming the parameter) when either
// is malformed.
struct PageQuery {
    int limit = 0;
    std::optional<std::string> after_key;  // the sort key (an integer), as text
    std::optional<std::string> after_id;   // a canonical uuid
};
PageQuery query_page(const Call& call, int default_limit, int max_limit, std::string& error);
// Free text from the query string (a search): at most max characters of
// valid UTF-8 without control characters, or nothing when absent or empty.
std::optional<std::string> query_text(const Call& call, const char* name, size_t max, std::string& error);

// The fields of a JSON object body. Each accessor checks one field; the first
// failure is kept (naming the field) and later accessors do nothing, so a
// handler reads every field and then asks ok().
class Fields {
public:
    explicit Fields(const Request& request);

    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }

    // Whether the field is there and not null.
    bool has(const char* field) const;
    // Whether the field is there at all, null included (null can mean "none").
    bool given(const char* field) const;
    // A string of 1 to max characters that is not blank.
    std::string name(const char* field, size_t max = 255);
    // A string of 1 to max characters, required or (when absent or null) nothing.
    std::optional<std::string> text(const char* field, size_t max, bool required);
    std::optional<std::string> uuid(const char* field, bool required);
    // A finite number, as JSON text (so no precision is lost on the way).
    std::optional<std::string> number(const char* field, bool required);
    std::optional<bool> boolean(const char* field, bool required);
    // A string that is one of the allowed values.
    std::string one_of(const char* field, const std::vector<std::string>& allowed);
    // An email address, as registration accepts it.
    std::string email(const char* field);
    // Fails with a message of the caller's (e.g. fields that go together).
    void fail(const std::string& message);

private:
    const rapidjson::Value* find(const char* field) const;
    std::optional<std::string> string(const char* field, bool required);

    rapidjson::Document doc_;
    std::string error_;
};

// SQL text (constants of the code, never input) shared by the resources.
namespace sql {

// json_build_object of a vellum.files row aliased `f`, with the access given
// by the SQL expression `access`.
std::string file_json(const std::string& f, const std::string& access);
// json_build_object of a vellum.teams row aliased `t`, with the user's role
// given by the SQL expression `role`.
std::string team_json(const std::string& t, const std::string& role);

// A statement answering ('ok', {"<list>": [...], "nextCursor"?}) for one
// page of `rows`, a SELECT of (k bigint, id uuid, item json) that lists
// everything visible: ordered by k descending, then id, it keeps the rows
// after the cursor ($key_param, $id_param: null for the first page) and at
// most $limit_param of them, and adds nextCursor when more follow.
std::string paged(const std::string& rows, const std::string& list, int key_param, int id_param, int limit_param);
// The same page as a scalar subquery, the JSON text alone: for lists behind
// a gate (WITH a AS (gate) SELECT a.outcome, CASE WHEN ... THEN page END).
// `rows` may read the statement's CTEs.
std::string page_of(const std::string& rows, const std::string& list, int key_param, int id_param, int limit_param);
// A sort key for page_of that lists the oldest first: minus the time in µs.
std::string oldest_first(const std::string& timestamp);

enum class Trash { Any, MustNotBe, MustBe };
// A CTE body deciding what the user $2 may do with the file $1: one row
// (id, access, outcome) when the file exists; outcome is not_found when the
// user cannot see it, forbidden when the access is below `need` (view, edit
// or admin), trashed / not_trashed when the file's trash state does not
// allow the action, ok otherwise.
std::string file_gate(const std::string& need, Trash trash);
// A query deciding whether the user $2 manages the team $1: one row (role,
// outcome); outcome is not_found when the user is not a member, forbidden
// when a member or viewer, ok for an owner or admin.
std::string team_admin_gate();

}  // namespace sql

// Bytes as lowercase hex (how bytea travels in our text-mode queries), and back.
std::string hex_encode(std::string_view bytes);
std::optional<std::string> hex_decode(std::string_view text);
// Answers 200 with an image's bytes (hex, as the query returned them) of a
// checked content type, served so that nothing in it can run or load
// anything, and cached for good: its address names its content.
void send_image(const CallPtr& call, const std::string& content_type, const std::string& hex_bytes);

// The message of a file that is not there or not visible: the same either way.
std::string file_not_found(const std::string& file_id);
// The message of a team that is not there or that the user is not in.
std::string team_not_found(const std::string& team_id);

}  // namespace vellum::gateway::rest
