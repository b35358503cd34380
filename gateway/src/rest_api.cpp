#include "rest_api.hpp"

namespace vellum::gateway {

void RestApi::handle(const Request& request, const std::string& path, const SignedInUser&, Respond respond) {
    respond(error_response(request, http::status::not_found, "not_found",
                           "no such endpoint: " + std::string(request.method_string()) + " " + path));
}

}  // namespace vellum::gateway
