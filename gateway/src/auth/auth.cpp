#include "auth/auth.hpp"

#include <crypt.h>
#include <sys/random.h>

#include <cstring>
#include <stdexcept>

#include "support/utf8.hpp"

namespace vellum::gateway {

std::optional<std::string> hash_password(const std::string& password) {
    char setting[CRYPT_GENSALT_OUTPUT_SIZE];
    if (!crypt_gensalt_rn("$2b$", 10, nullptr, 0, setting, sizeof setting)) return std::nullopt;
    crypt_data data;
    std::memset(&data, 0, sizeof data);
    const char* hashed = crypt_rn(password.c_str(), setting, &data, sizeof data);
    if (!hashed || hashed[0] == '*') return std::nullopt;
    return std::string(hashed);
}

bool verify_password(const std::string& password, const std::string& hash) {
    crypt_data data;
    std::memset(&data, 0, sizeof data);
    const char* hashed = crypt_rn(password.c_str(), hash.c_str(), &data, sizeof data);
    if (!hashed || hashed[0] == '*') return false;
    size_t n = std::strlen(hashed);
    if (n != hash.size()) return false;
    unsigned char diff = 0;  // constant time
    for (size_t i = 0; i < n; ++i) diff |= static_cast<unsigned char>(hashed[i] ^ hash[i]);
    return diff == 0;
}

const std::string& decoy_password_hash() {
    static const std::string hash = hash_password("decoy password for unknown accounts").value_or("");
    return hash;
}

std::string new_session_token() {
    unsigned char bytes[32];
    size_t got = 0;
    while (got < sizeof bytes) {
        ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
        if (n < 0) throw std::runtime_error("getrandom failed");
        got += static_cast<size_t>(n);
    }
    static const char hex[] = "0123456789abcdef";
    std::string token;
    for (unsigned char b : bytes) {
        token += hex[b >> 4];
        token += hex[b & 0xF];
    }
    return token;
}

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
    size_t pos = 0;
    while (pos < header.size()) {
        size_t end = header.find(';', pos);
        if (end == std::string_view::npos) end = header.size();
        std::string_view part = header.substr(pos, end - pos);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        size_t eq = part.find('=');
        if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
        pos = end + 1;
    }
    return std::nullopt;
}

std::string session_cookie(const std::string& token, int max_age_seconds) {
    return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
           std::to_string(max_age_seconds);
}

std::optional<std::string> check_email(const std::string& email) {
    auto at = email.find('@');
    if (email.size() > 255 || at == std::string::npos || at == 0 || email.find('.', at) == std::string::npos ||
        email.back() == '.' || email.find(' ') != std::string::npos || has_control_characters(email))
        return std::string("\"email\" must be an email address of at most 255 characters");
    return std::nullopt;
}

std::optional<std::string> check_password(const std::string& password) {
    if (password.size() < 8 || password.size() > 72)
        return std::string("\"password\" must have 8 to 72 characters");
    return std::nullopt;
}

// Characters, not bytes: 64 emoji (256 bytes) are a fine name. The name
// comes from parse_json, so it is valid UTF-8.
std::optional<std::string> check_name(const std::string& name) {
    size_t n = utf8_length(name);
    if (n == 0 || n > 255) return "\"name\" must have 1 to 255 characters (it has " + std::to_string(n) + ")";
    if (name.find_first_not_of(" \t\r\n\f\v") == std::string::npos) return std::string("\"name\" must not be blank");
    if (has_control_characters(name)) return std::string("\"name\" must not contain control characters");
    return std::nullopt;
}

}  // namespace vellum::gateway
