// Uploaded images are judged by their bytes.
#include <gtest/gtest.h>

#include <string>

#include "rest/image_type.hpp"

namespace vellum::gateway {
namespace {

TEST(ImageType, SignaturesAndSvg) {
    using namespace std::string_literals;
    EXPECT_EQ(sniff_image_type("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"s), "image/png");
    EXPECT_EQ(sniff_image_type("\xFF\xD8\xFF\xE0\0\x10JFIF"s), "image/jpeg");
    EXPECT_EQ(sniff_image_type("RIFF\x10\0\0\0WEBPVP8 "s), "image/webp");
    EXPECT_EQ(sniff_image_type("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), "image/svg+xml");
    EXPECT_EQ(sniff_image_type("\xEF\xBB\xBF <?xml version=\"1.0\"?>\n<!-- made by hand -->\n"
                               "<!DOCTYPE svg>\n<svg width=\"1\"></svg>"),
              "image/svg+xml");
}

TEST(ImageType, EverythingElseIsRefused) {
    using namespace std::string_literals;
    EXPECT_FALSE(sniff_image_type(""));
    EXPECT_FALSE(sniff_image_type("<html><svg></svg></html>"));
    EXPECT_FALSE(sniff_image_type("<svgfoo>"));
    EXPECT_FALSE(sniff_image_type("<!-- never closed <svg>"));
    EXPECT_FALSE(sniff_image_type("<svg>\xFF</svg>"));        // not UTF-8
    EXPECT_FALSE(sniff_image_type("<svg>\0</svg>"s));         // NUL
    EXPECT_FALSE(sniff_image_type("GIF89a"));
    EXPECT_FALSE(sniff_image_type("RIFF\x10\0\0\0WAVE"s));
    EXPECT_FALSE(sniff_image_type("\x89PNG"));                // cut short
}

TEST(ImageType, MediaTypeOfAHeader) {
    EXPECT_EQ(media_type("image/PNG"), "image/png");
    EXPECT_EQ(media_type(" image/svg+xml ; charset=utf-8"), "image/svg+xml");
    EXPECT_EQ(media_type(""), "");
}

}  // namespace
}  // namespace vellum::gateway
