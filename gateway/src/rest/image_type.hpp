// What an uploaded image is, judged by its bytes (never by the name or the
// header alone): PNG, JPEG and WebP by their signatures, SVG by being UTF-8
// text whose root element is <svg>.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vellum::gateway {

// The media type the bytes are (image/png, image/jpeg, image/webp,
// image/svg+xml), or nothing when they are none of those.
std::optional<std::string> sniff_image_type(std::string_view bytes);

// A Content-Type header's media type, lower case, without parameters.
std::string media_type(std::string_view content_type);

}  // namespace vellum::gateway
