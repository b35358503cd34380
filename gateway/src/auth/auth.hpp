// Passwords and sign-in tokens. Passwords are hashed with bcrypt (libxcrypt's
// "$2b$", cost 10); tokens are 32 random bytes, and only their SHA-256 is
// stored (in vellum.sessions), so a database dump holds no usable token.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vellum::gateway {

constexpr const char* kSessionCookie = "vellum_session";

std::optional<std::string> hash_password(const std::string& password);
bool verify_password(const std::string& password, const std::string& hash);
// A hash to verify against when the account does not exist, so that a wrong
// email takes as long as a wrong password.
const std::string& decoy_password_hash();

std::string new_session_token();
// The value of a cookie in a Cookie header, or nothing.
std::optional<std::string> cookie_value(std::string_view header, std::string_view name);
std::string session_cookie(const std::string& token, int max_age_seconds);

// Checks of the registration form; the error names the field.
std::optional<std::string> check_email(const std::string& email);
std::optional<std::string> check_password(const std::string& password);
std::optional<std::string> check_name(const std::string& name);

}  // namespace vellum::gateway
