// Images placed on a canvas: uploaded to a file (edit access), stored by the
// extension once per SHA-256, read back by anyone who may view the file. An
// SVG is served so that nothing in it can ever run: a sandboxing
// Content-Security-Policy, nosniff, and the type the bytes were checked to be.
#include <string_view>

#include "rest/image_type.hpp"
#include "rest/rest_handlers.hpp"

namespace vellum::gateway::rest {


// POST /api/files/:fileId/images, the image's bytes as the body and its type
// as Content-Type: {"image": {sha256, contentType, size, url}}.
void upload_image(App& app, const Request& request, const CallPtr& call) {
    const std::string& body = request.body();
    auto header = request[http::field::content_type];
    std::string declared = media_type(std::string_view(header.data(), header.size()));
    if (body.empty()) return call->bad_request("the request body must be the image's bytes (PNG, JPEG, WebP or SVG)");
    auto actual = sniff_image_type(body);
    if (!actual)
        return call->fail(http::status::unsupported_media_type, "unsupported_media_type",
                          "the body is not a PNG, JPEG, WebP or SVG image");
    if (declared != *actual)
        return call->fail(http::status::unsupported_media_type, "unsupported_media_type",
                          "Content-Type says \"" + declared + "\" but the bytes are " + *actual);
    static const std::string sql =
        "WITH a AS (" + sql::file_gate("edit", sql::Trash::MustNotBe) + "), "
        "b AS (SELECT decode($3, 'hex') AS bytes), "
        "h AS (SELECT encode(sha256(b.bytes), 'hex') AS sha256 FROM b), "
        "img AS (INSERT INTO vellum.images (sha256, content_type, bytes) "
        "        SELECT h.sha256, $4, b.bytes FROM a, b, h WHERE a.outcome = 'ok' "
        "        ON CONFLICT (sha256) DO NOTHING), "
        "link AS (INSERT INTO vellum.file_images (file_id, sha256, uploaded_by) "
        "         SELECT a.id, h.sha256, $2::uuid FROM a, h WHERE a.outcome = 'ok' "
        "         ON CONFLICT (file_id, sha256) DO NOTHING) "
        "SELECT a.outcome, json_build_object('image', json_build_object('sha256', h.sha256, 'contentType', $4::text, "
        "    'size', length(b.bytes), 'url', '/api/files/' || a.id || '/images/' || h.sha256))::text "
        "FROM a, b, h";
    run(app, call, sql, {call->params[0], call->user.id, hex_encode(body), *actual}, http::status::created,
        {{"not_found", http::status::not_found, file_not_found(call->params[0])},
         {"forbidden", http::status::forbidden, "adding images needs edit access to the file"},
         {"trashed", http::status::conflict, "file " + call->params[0] + " is in the trash; restore it first"}});
}

// GET /api/files/:fileId/images/:sha256: the bytes, for anyone who may view
// the file; the same 404 for a missing image and an image of another file.
void get_image(App& app, const Request&, const CallPtr& call) {
    static const std::string sql =
        "WITH a AS (" + sql::file_gate("view", sql::Trash::Any) + ") "
        "SELECT a.outcome, i.content_type, encode(i.bytes, 'hex') "
        "FROM a LEFT JOIN vellum.file_images fi ON fi.file_id = a.id AND fi.sha256 = $3 AND a.outcome = 'ok' "
        "LEFT JOIN vellum.images i ON i.sha256 = fi.sha256";
    app.pool->query(
        sql, {call->params[0], call->user.id, call->params[1]},
        [call](PgResult r) {
            if (!r.ok) return call->database_error(r);
            std::string outcome = r.rows == 0 ? "not_found" : r.at(0, 0).value_or("not_found");
            if (outcome != "ok" || !r.at(0, 1) || !r.at(0, 2))
                return call->fail(http::status::not_found, "not_found",
                                  "image " + call->params[1] + " is not in file " + call->params[0] +
                                      " or you have no access to it");
            send_image(call, *r.at(0, 1), *r.at(0, 2));
        },
        true);
}

}  // namespace vellum::gateway::rest
