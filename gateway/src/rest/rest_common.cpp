#include "rest/rest_common.hpp"

#include <cctype>
#include <cmath>

#include "auth/auth.hpp"
#include "support/json_parse.hpp"
#include "support/json_text.hpp"
#include "support/log.hpp"
#include "support/utf8.hpp"

namespace vellum::gateway::rest {

namespace {

std::string quoted(const char* field) { return std::string("\"") + field + "\""; }

std::string code_for(http::status status) {
    switch (status) {
        case http::status::bad_request: return "invalid_request";
        case http::status::forbidden: return "forbidden";
        case http::status::not_found: return "not_found";
        case http::status::conflict: return "conflict";
        case http::status::payload_too_large: return "too_large";
        case http::status::service_unavailable: return "unavailable";
        default: return "internal";
    }
}

bool blank(const std::string& text) {
    for (unsigned char c : text)
        if (!std::isspace(c)) return false;
    return true;
}

}  // namespace

void Call::reply(http::status status, std::string body) {
    respond(json_response(*meta, status, std::move(body)));
}

void Call::fail(http::status status, const std::string& code, const std::string& message) {
    respond(error_response(*meta, status, code, message));
}

void Call::database_error(const PgResult& r) {
    http::status status = status_for(r);
    // Deadlocks and serialization failures: two requests raced; trying again works.
    if (r.sqlstate == "40P01" || r.sqlstate == "40001") status = http::status::conflict;
    std::string code = code_for(status);
    std::string message = r.message;
    if (status == http::status::internal_server_error) {
        log::error("rest_database_error", {{"sqlstate", r.sqlstate}, {"error", r.message}});
        message = "the request failed inside the gateway; it was logged";
    }
    fail(status, code, message);
}

void run(App& app, const CallPtr& call, std::string sql, PgParams params, http::status success,
         std::vector<Denial> denials, bool idempotent) {
    app.pool->query(
        std::move(sql), std::move(params),
        [call, success, denials = std::move(denials)](PgResult r) {
            if (!r.ok) return call->database_error(r);
            std::string outcome = r.rows == 0 ? "not_found" : r.at(0, 0).value_or("not_found");
            if (outcome == "ok") {
                if (r.columns < 2 || !r.at(0, 1)) {
                    log::error("rest_empty_answer", {});
                    return call->fail(http::status::internal_server_error, "internal", "the database gave no answer");
                }
                return call->reply(success, *r.at(0, 1));
            }
            for (const auto& d : denials)
                if (d.outcome == outcome) return call->fail(d.status, code_for(d.status), d.message);
            log::error("rest_unknown_outcome", {{"outcome", outcome}});
            call->fail(http::status::internal_server_error, "internal", "the request failed inside the gateway; it was logged");
        },
        idempotent);
}

std::string url_decode(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
            out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

std::map<std::string, std::string> parse_query(const std::string& query) {
    std::map<std::string, std::string> out;
    size_t start = 0;
    while (start <= query.size()) {
        size_t end = query.find('&', start);
        if (end == std::string::npos) end = query.size();
        std::string pair = query.substr(start, end - start);
        if (!pair.empty()) {
            size_t eq = pair.find('=');
            std::string key = url_decode(pair.substr(0, eq));
            std::string value = eq == std::string::npos ? "" : url_decode(pair.substr(eq + 1));
            out.emplace(std::move(key), std::move(value));  // the first one counts
        }
        start = end + 1;
    }
    return out;
}

std::optional<std::string> query_uuid(const Call& call, const char* name, std::string& error) {
    auto it = call.query.find(name);
    if (it == call.query.end() || it->second.empty()) return std::nullopt;
    auto id = canonical_uuid(it->second);
    if (!id && error.empty()) error = "the query parameter " + quoted(name) + " must be a uuid";
    return id;
}

PageQuery query_page(const Call& call, int default_limit, int max_limit, std::string& error) {
    PageQuery page;
    page.limit = default_limit;
    const std::string range = "an integer from 1 to " + std::to_string(max_limit);
    if (auto it = call.query.find("limit"); it != call.query.end()) {
        const std::string& v = it->second;
        bool digits = !v.empty() && v.size() <= 4 && v.find_first_not_of("0123456789") == std::string::npos;
        int n = digits ? std::stoi(v) : 0;
        if (n < 1 || n > max_limit) {
            if (error.empty()) error = "the query parameter \"limit\" must be " + range;
        } else {
            page.limit = n;
        }
    }
    auto it = call.query.find("cursor");
    if (it == call.query.end() || it->second.empty()) return page;
    const std::string& v = it->second;
    size_t tilde = v.find('~');
    std::string key = tilde == std::string::npos ? "" : v.substr(0, tilde);
    size_t digits_from = !key.empty() && key[0] == '-' ? 1 : 0;
    bool key_ok = key.size() > digits_from && key.size() - digits_from <= 18 &&
                  key.find_first_not_of("0123456789", digits_from) == std::string::npos;
    auto id = tilde == std::string::npos ? std::nullopt : canonical_uuid(v.substr(tilde + 1));
    if (!key_ok || !id) {
        if (error.empty()) error = "the query parameter \"cursor\" is not a cursor this list gave (pass a page's nextCursor)";
        return page;
    }
    page.after_key = key;
    page.after_id = id;
    return page;
}

std::optional<std::string> query_text(const Call& call, const char* name, size_t max, std::string& error) {
    auto it = call.query.find(name);
    if (it == call.query.end() || it->second.empty()) return std::nullopt;
    const std::string& v = it->second;
    if (!is_valid_utf8(v) || has_control_characters(v) || utf8_length(v) > max) {
        if (error.empty())
            error = "the query parameter " + quoted(name) + " must be text of at most " + std::to_string(max) +
                    " characters (valid UTF-8, no control characters)";
        return std::nullopt;
    }
    return v;
}

Fields::Fields(const Request& request) {
    if (auto error = parse_json_body(request.body(), doc_)) error_ = *error;
}

const rapidjson::Value* Fields::find(const char* field) const {
    if (!doc_.IsObject()) return nullptr;
    auto it = doc_.FindMember(field);
    if (it == doc_.MemberEnd() || it->value.IsNull()) return nullptr;
    return &it->value;
}

bool Fields::has(const char* field) const { return ok() && find(field) != nullptr; }

bool Fields::given(const char* field) const { return ok() && doc_.IsObject() && doc_.HasMember(field); }

void Fields::fail(const std::string& message) {
    if (error_.empty()) error_ = message;
}

std::optional<std::string> Fields::string(const char* field, bool required) {
    if (!ok()) return std::nullopt;
    const rapidjson::Value* v = find(field);
    if (!v) {
        if (required) fail(quoted(field) + " is required and must be a string");
        return std::nullopt;
    }
    if (!v->IsString()) {
        fail(quoted(field) + " must be a string");
        return std::nullopt;
    }
    // parse_json refused NUL characters and invalid UTF-8 already: libpq
    // passes parameters as C strings, and PostgreSQL text has no NUL.
    return std::string(v->GetString(), v->GetStringLength());
}

std::optional<std::string> Fields::text(const char* field, size_t max, bool required) {
    auto s = string(field, required);
    if (!s) return std::nullopt;
    size_t n = utf8_length(*s);
    if (n == 0 || n > max) {
        fail(quoted(field) + " must have 1 to " + std::to_string(max) + " characters (it has " + std::to_string(n) + ")");
        return std::nullopt;
    }
    return s;
}

std::string Fields::name(const char* field, size_t max) {
    auto s = text(field, max, true);
    if (!s) return "";
    if (blank(*s)) {
        fail(quoted(field) + " must not be blank");
        return "";
    }
    if (has_control_characters(*s)) {
        fail(quoted(field) + " must not contain control characters");
        return "";
    }
    return *s;
}

std::optional<std::string> Fields::uuid(const char* field, bool required) {
    if (!ok()) return std::nullopt;
    const rapidjson::Value* v = find(field);
    if (!v) {
        if (required) fail(quoted(field) + " is required and must be a uuid");
        return std::nullopt;
    }
    auto id = v->IsString() ? canonical_uuid(std::string_view(v->GetString(), v->GetStringLength())) : std::nullopt;
    if (!id) fail(quoted(field) + " must be a uuid");
    return id;
}

std::optional<std::string> Fields::number(const char* field, bool required) {
    if (!ok()) return std::nullopt;
    const rapidjson::Value* v = find(field);
    if (!v) {
        if (required) fail(quoted(field) + " is required and must be a number");
        return std::nullopt;
    }
    if (!v->IsNumber() || !std::isfinite(v->GetDouble())) {
        fail(quoted(field) + " must be a finite number");
        return std::nullopt;
    }
    return json_text(*v);
}

std::optional<bool> Fields::boolean(const char* field, bool required) {
    if (!ok()) return std::nullopt;
    const rapidjson::Value* v = find(field);
    if (!v) {
        if (required) fail(quoted(field) + " is required and must be true or false");
        return std::nullopt;
    }
    if (!v->IsBool()) {
        fail(quoted(field) + " must be true or false");
        return std::nullopt;
    }
    return v->GetBool();
}

std::string Fields::one_of(const char* field, const std::vector<std::string>& allowed) {
    std::string list;
    for (size_t i = 0; i < allowed.size(); ++i) list += (i ? (i + 1 == allowed.size() ? " or " : ", ") : "") + allowed[i];
    if (!ok()) return "";
    const rapidjson::Value* v = find(field);
    if (!v || !v->IsString()) {
        fail(quoted(field) + " is required and must be " + list);
        return "";
    }
    std::string s(v->GetString(), v->GetStringLength());
    for (const auto& a : allowed)
        if (s == a) return s;
    fail(quoted(field) + " must be " + list);
    return "";
}

std::string Fields::email(const char* field) {
    auto s = text(field, 255, true);
    if (!s) return "";
    if (check_email(*s)) {
        fail(quoted(field) + " must be an email address");
        return "";
    }
    return *s;
}

std::string file_not_found(const std::string& file_id) {
    return "file " + file_id + " does not exist or you have no access to it";
}

std::string team_not_found(const std::string& team_id) {
    return "team " + team_id + " does not exist or you are not a member of it";
}

namespace sql {

std::string file_json(const std::string& f, const std::string& access) {
    return "json_build_object('id', " + f + ".id, 'name', " + f + ".name, 'projectId', " + f + ".project_id, 'teamId', " +
           f + ".team_id, 'ownerId', " + f + ".owner_id, 'thumbnailUrl', " + f + ".thumbnail_url, 'lastSeq', " + f +
           ".last_seq, 'createdAt', " + f + ".created_at, 'updatedAt', " + f + ".updated_at, 'deletedAt', " + f +
           ".deleted_at, 'access', " + access + ")";
}

std::string team_json(const std::string& t, const std::string& role) {
    return "json_build_object('id', " + t + ".id, 'name', " + t + ".name, 'ownerId', " + t + ".owner_id, 'role', " + role +
           ", 'createdAt', " + t + ".created_at, 'updatedAt', " + t + ".updated_at)";
}

std::string paged(const std::string& rows, const std::string& list, int key_param, int id_param, int limit_param) {
    return "SELECT 'ok', " + page_of(rows, list, key_param, id_param, limit_param);
}

std::string oldest_first(const std::string& timestamp) {
    return "(-extract(epoch FROM " + timestamp + ") * 1000000)::bigint";
}

std::string page_of(const std::string& rows, const std::string& list, int key_param, int id_param, int limit_param) {
    const std::string key = "$" + std::to_string(key_param) + "::bigint";
    const std::string id = "$" + std::to_string(id_param) + "::uuid";
    const std::string limit = "$" + std::to_string(limit_param) + "::integer";
    // One row more than the page shows tells whether another page follows.
    return "(WITH listed AS (" + rows + "), "
           "page AS (SELECT * FROM listed r WHERE " + key + " IS NULL OR r.k < " + key + " OR (r.k = " + key +
           " AND r.id > " + id + ") ORDER BY r.k DESC, r.id LIMIT " + limit + " + 1), "
           "shown AS (SELECT * FROM page ORDER BY k DESC, id LIMIT " + limit + ") "
           "SELECT (jsonb_build_object('" + list + "', coalesce((SELECT jsonb_agg(s.item::jsonb ORDER BY s.k DESC, s.id) "
           "FROM shown s), '[]')) || CASE WHEN (SELECT count(*) FROM page) > " + limit +
           " THEN jsonb_build_object('nextCursor', (SELECT s.k || '~' || s.id FROM shown s ORDER BY s.k, s.id DESC LIMIT 1)) "
           "ELSE '{}' END)::text)";
}

std::string team_admin_gate() {
    return "SELECT me.role, CASE WHEN me.role IS NULL THEN 'not_found' WHEN me.role NOT IN ('owner', 'admin') "
           "THEN 'forbidden' ELSE 'ok' END AS outcome "
           "FROM (SELECT (SELECT m.role FROM vellum.team_members m "
           "              WHERE m.team_id = $1::uuid AND m.user_id = $2::uuid) AS role) me";
}

std::string file_gate(const std::string& need, Trash trash) {
    std::string enough = need == "admin"  ? "x.access = 'admin'"
                         : need == "edit" ? "x.access IN ('edit', 'admin')"
                                          : "true";
    std::string trash_check = trash == Trash::MustNotBe ? "WHEN f.deleted_at IS NOT NULL THEN 'trashed' "
                              : trash == Trash::MustBe  ? "WHEN f.deleted_at IS NULL THEN 'not_trashed' "
                                                        : "";
    return "SELECT f.id, x.access, CASE WHEN x.access IS NULL THEN 'not_found' WHEN NOT (" + enough +
           ") THEN 'forbidden' " + trash_check +
           "ELSE 'ok' END AS outcome "
           "FROM vellum.files f CROSS JOIN LATERAL (SELECT vellum.file_access(f.id, $2::uuid) AS access) x "
           "WHERE f.id = $1::uuid";
}

}  // namespace sql

std::string hex_encode(std::string_view bytes) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 0xF];
    }
    return out;
}

std::optional<std::string> hex_decode(std::string_view text) {
    auto value = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    if (text.size() % 2) return std::nullopt;
    std::string out;
    out.reserve(text.size() / 2);
    for (size_t i = 0; i < text.size(); i += 2) {
        int hi = value(text[i]), lo = value(text[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
    }
    return out;
}

void send_image(const CallPtr& call, const std::string& content_type, const std::string& hex_bytes) {
    auto bytes = hex_decode(hex_bytes);
    if (!bytes) return call->fail(http::status::internal_server_error, "internal", "the stored image is unreadable");
    Response res{http::status::ok, call->meta->version()};
    res.set(http::field::server, "vellum-gateway");
    res.set(http::field::content_type, content_type);
    // Nothing in an image may run or load anything, even opened on its own.
    res.set("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'");
    res.set("X-Content-Type-Options", "nosniff");
    res.set(http::field::content_disposition, "inline");
    // The address names the content: it never changes.
    res.set(http::field::cache_control, "private, max-age=31536000, immutable");
    res.keep_alive(call->meta->keep_alive());
    res.body() = std::move(*bytes);
    res.prepare_payload();
    call->respond(std::move(res));
}

}  // namespace vellum::gateway::rest
