// A file's thumbnail: a small PNG an editor renders after edits settle (edit
// access), one per file, replaced each time; the file browser shows it to
// anyone who may view the file. files.thumbnail_url names its hash, so the
// browser refetches only when it changed.
#include "rest/image_type.hpp"
#include "rest/rest_handlers.hpp"

namespace vellum::gateway::rest {

namespace {
constexpr size_t kMaxThumbnailBytes = 256 * 1024;
}

// PUT /api/files/:fileId/thumbnail, PNG bytes as the body: {"thumbnailUrl"}.
void put_thumbnail(App& app, const Request& request, const CallPtr& call) {
    const std::string& body = request.body();
    auto header = request[http::field::content_type];
    std::string declared = media_type(std::string_view(header.data(), header.size()));
    if (body.empty()) return call->bad_request("the request body must be the thumbnail's PNG bytes");
    if (body.size() > kMaxThumbnailBytes)
        return call->fail(http::status::payload_too_large, "too_large",
                          "a thumbnail may have at most " + std::to_string(kMaxThumbnailBytes) + " bytes; this one has " +
                              std::to_string(body.size()));
    auto actual = sniff_image_type(body);
    if (!actual || *actual != "image/png" || declared != "image/png")
        return call->fail(http::status::unsupported_media_type, "unsupported_media_type",
                          "a thumbnail must be a PNG sent as image/png (Content-Type says \"" + declared +
                              "\", the bytes are " + actual.value_or("not an image") + ")");
    // The address changes only with the content, so the NOTIFY that an update
    // of files.thumbnail_url sends (file lists refresh) goes out only then.
    static const std::string sql =
        "WITH a AS (" + sql::file_gate("edit", sql::Trash::MustNotBe) + "), "
        "b AS (SELECT decode($3, 'hex') AS bytes), "
        "h AS (SELECT encode(sha256(b.bytes), 'hex') AS sha256 FROM b), "
        "u AS (SELECT '/api/files/' || a.id || '/thumbnail?v=' || left(h.sha256, 16) AS url FROM a, h), "
        "t AS (INSERT INTO vellum.file_thumbnails (file_id, sha256, bytes) "
        "      SELECT a.id, h.sha256, b.bytes FROM a, b, h WHERE a.outcome = 'ok' "
        "      ON CONFLICT (file_id) DO UPDATE SET sha256 = excluded.sha256, bytes = excluded.bytes, updated_at = now() "
        "      WHERE vellum.file_thumbnails.sha256 <> excluded.sha256), "
        "f AS (UPDATE vellum.files f SET thumbnail_url = u.url FROM a, u "
        "      WHERE a.outcome = 'ok' AND f.id = a.id AND f.thumbnail_url IS DISTINCT FROM u.url) "
        "SELECT a.outcome, json_build_object('thumbnailUrl', u.url)::text FROM a, u";
    run(app, call, sql, {call->params[0], call->user.id, hex_encode(body)}, http::status::ok,
        {{"not_found", http::status::not_found, file_not_found(call->params[0])},
         {"forbidden", http::status::forbidden, "setting the thumbnail needs edit access to the file"},
         {"trashed", http::status::conflict, "file " + call->params[0] + " is in the trash; restore it first"}});
}

// GET /api/files/:fileId/thumbnail: the PNG, for anyone who may view the
// file (also in the trash); 404 when it has none.
void get_thumbnail(App& app, const Request&, const CallPtr& call) {
    static const std::string sql =
        "WITH a AS (" + sql::file_gate("view", sql::Trash::Any) + ") "
        "SELECT a.outcome, encode(t.bytes, 'hex') "
        "FROM a LEFT JOIN vellum.file_thumbnails t ON t.file_id = a.id AND a.outcome = 'ok'";
    app.pool->query(
        sql, {call->params[0], call->user.id},
        [call](PgResult r) {
            if (!r.ok) return call->database_error(r);
            std::string outcome = r.rows == 0 ? "not_found" : r.at(0, 0).value_or("not_found");
            if (outcome != "ok") return call->fail(http::status::not_found, "not_found", file_not_found(call->params[0]));
            if (!r.at(0, 1))
                return call->fail(http::status::not_found, "not_found", "file " + call->params[0] + " has no thumbnail yet");
            send_image(call, "image/png", *r.at(0, 1));
        },
        true);
}

}  // namespace vellum::gateway::rest
