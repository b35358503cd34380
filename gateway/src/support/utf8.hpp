// UTF-8 checks for text that came from outside: what the gateway parses,
// stores or relays must be valid UTF-8 (browsers fail a WebSocket that
// receives an invalid text frame, and PostgreSQL refuses it).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vellum::gateway {

// Whether text is well-formed UTF-8 (RFC 3629): no overlong forms, no
// surrogates (U+D800..U+DFFF, which a lone "\udc00" escape would decode to),
// nothing above U+10FFFF. Returns the offset of the first bad byte through
// bad_offset when given.
bool is_valid_utf8(std::string_view text, size_t* bad_offset = nullptr);

// The text with every ill-formed sequence replaced by U+FFFD, for echoing
// outside input (a path, a header) in a message safely.
std::string utf8_sanitized(std::string_view text);

// Characters (code points) in valid UTF-8 text.
size_t utf8_length(std::string_view text);

// Whether valid UTF-8 text holds a control character: C0 (U+0000..U+001F),
// DEL or C1 (U+0080..U+009F). Names, emails and search text are one line of
// visible text; a newline or an escape sequence in them is an attack on
// whatever shows them (logs, terminals, mail headers).
bool has_control_characters(std::string_view text);

}  // namespace vellum::gateway
