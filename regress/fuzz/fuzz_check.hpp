// What every libFuzzer target uses to state a property: when it does not
// hold, say which and on what, then abort, so that libFuzzer saves the input
// as a crash (a finding) and the run fails.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace vellum::fuzz {

[[noreturn]] inline void property_failed(const char* file, int line, const char* what, const std::string& detail) {
    std::fprintf(stderr, "\n%s:%d: property does not hold: %s\n  %s\n", file, line, what, detail.c_str());
    std::abort();
}

// Whether text is well-formed UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF). Written here again, apart from the
// code under test, so that the fuzzers check it with their own oracle.
inline bool well_formed_utf8(std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t n;
        unsigned cp;
        if (c >= 0xC2 && c <= 0xDF) n = 1, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF) n = 2, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4) n = 3, cp = c & 0x07;
        else return false;
        if (text.size() - i <= n) return false;  // cut short
        for (size_t k = 1; k <= n; ++k) {
            unsigned char d = static_cast<unsigned char>(text[i + k]);
            if ((d & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (d & 0x3F);
        }
        static const unsigned least[] = {0, 0x80, 0x800, 0x10000};
        if (cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += n + 1;
    }
    return true;
}

}  // namespace vellum::fuzz

#define FUZZ_CHECK(condition, detail)                                                       \
    do {                                                                                    \
        if (!(condition)) ::vellum::fuzz::property_failed(__FILE__, __LINE__, #condition, (detail)); \
    } while (0)
