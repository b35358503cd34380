// Passwords (bcrypt), session tokens, the session cookie and the
// registration form's checks.
#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>

#include "auth/auth.hpp"

namespace vellum::gateway {
namespace {

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

TEST(GatewayAuth, HashPasswordIsBcrypt2bCost10) {
    auto hash = hash_password("correct horse battery staple");
    ASSERT_TRUE(hash.has_value());
    EXPECT_EQ(hash->rfind("$2b$10$", 0), 0u) << *hash;
    EXPECT_EQ(hash->size(), 60u) << *hash;
    EXPECT_FALSE(contains(*hash, "correct horse"));
}

TEST(GatewayAuth, VerifyPasswordAcceptsOnlyTheRightPassword) {
    auto hash = hash_password("s3cret-passw0rd");
    ASSERT_TRUE(hash.has_value());
    EXPECT_TRUE(verify_password("s3cret-passw0rd", *hash));
    EXPECT_FALSE(verify_password("s3cret-passw0rd ", *hash));
    EXPECT_FALSE(verify_password("S3cret-passw0rd", *hash));
    EXPECT_FALSE(verify_password("", *hash));
}

TEST(GatewayAuth, SamePasswordGetsDifferentSalts) {
    auto a = hash_password("same password");
    auto b = hash_password("same password");
    ASSERT_TRUE(a && b);
    EXPECT_NE(*a, *b);
    EXPECT_NE(a->substr(0, 29), b->substr(0, 29)) << "the salts differ";
    EXPECT_TRUE(verify_password("same password", *a));
    EXPECT_TRUE(verify_password("same password", *b));
}

TEST(GatewayAuth, VerifyPasswordRejectsMalformedHashes) {
    EXPECT_FALSE(verify_password("anything", ""));
    EXPECT_FALSE(verify_password("anything", "*0"));
    EXPECT_FALSE(verify_password("anything", "$2b$10$tooshort"));
    EXPECT_FALSE(verify_password("anything", "plaintext"));
}

TEST(GatewayAuth, DecoyHashIsARealHashThatMatchesNoOrdinaryPassword) {
    const std::string& decoy = decoy_password_hash();
    EXPECT_EQ(decoy.rfind("$2b$", 0), 0u) << decoy;
    EXPECT_EQ(&decoy, &decoy_password_hash()) << "computed once";
    EXPECT_FALSE(verify_password("password123", decoy));
}

TEST(GatewayAuth, SessionTokensAre64HexDigitsAndUnique) {
    std::set<std::string> seen;
    for (int i = 0; i < 50; ++i) {
        std::string t = new_session_token();
        ASSERT_EQ(t.size(), 64u) << t;
        for (char c : t) ASSERT_TRUE(std::isxdigit(static_cast<unsigned char>(c)) && !std::isupper(static_cast<unsigned char>(c))) << t;
        seen.insert(t);
    }
    EXPECT_EQ(seen.size(), 50u);
}

TEST(GatewayAuth, CookieValueAmongSeveralCookies) {
    EXPECT_EQ(cookie_value("a=1; vellum_session=abc; b=2", kSessionCookie), "abc");
    EXPECT_EQ(cookie_value("vellum_session=abc", kSessionCookie), "abc");
    EXPECT_EQ(cookie_value("a=1; b=2; vellum_session=last", kSessionCookie), "last");
    EXPECT_EQ(cookie_value("a=1;vellum_session=nospace;b=2", kSessionCookie), "nospace");
    EXPECT_EQ(cookie_value("a=1;    vellum_session=spaces", kSessionCookie), "spaces");
    EXPECT_EQ(cookie_value("a=1; b=2", "b"), "2");
}

TEST(GatewayAuth, CookieValueMatchesTheWholeName) {
    EXPECT_EQ(cookie_value("xvellum_session=evil; vellum_session=good", kSessionCookie), "good");
    EXPECT_EQ(cookie_value("vellum_session_old=old; vellum_session=new", kSessionCookie), "new");
    EXPECT_FALSE(cookie_value("vellum_sessionx=1", kSessionCookie).has_value());
    EXPECT_FALSE(cookie_value("vellum=1", kSessionCookie).has_value());
}

TEST(GatewayAuth, CookieValueMissing) {
    EXPECT_FALSE(cookie_value("", kSessionCookie).has_value());
    EXPECT_FALSE(cookie_value("a=1; b=2", kSessionCookie).has_value());
    EXPECT_FALSE(cookie_value("vellum_session", kSessionCookie).has_value()) << "a name without = has no value";
    EXPECT_FALSE(cookie_value(";;; ", kSessionCookie).has_value());
}

TEST(GatewayAuth, CookieValueEdgeCases) {
    EXPECT_EQ(cookie_value("vellum_session=", kSessionCookie), "");
    EXPECT_EQ(cookie_value("vellum_session=a=b", kSessionCookie), "a=b");
    EXPECT_EQ(cookie_value("vellum_session=first; vellum_session=second", kSessionCookie), "first");
}

TEST(GatewayAuth, SessionCookieAttributes) {
    std::string c = session_cookie("tok123", 3600);
    EXPECT_EQ(c.rfind("vellum_session=tok123;", 0), 0u) << c;
    EXPECT_TRUE(contains(c, "; HttpOnly")) << c;
    EXPECT_TRUE(contains(c, "; SameSite=Lax")) << c;
    EXPECT_TRUE(contains(c, "; Path=/")) << c;
    EXPECT_TRUE(contains(c, "; Max-Age=3600")) << c;
    // Signing out: the same cookie, expired.
    EXPECT_TRUE(contains(session_cookie("", 0), "Max-Age=0"));
    // The cookie a browser sends back is found again.
    EXPECT_EQ(cookie_value("other=1; vellum_session=tok123", kSessionCookie), "tok123");
}

TEST(GatewayAuth, CheckEmail) {
    EXPECT_FALSE(check_email("ada@example.com").has_value());
    EXPECT_FALSE(check_email("a.b+c@sub.example.org").has_value());
    for (std::string bad : {std::string(""), std::string("ada"), std::string("@example.com"),
                            std::string("ada@example"), std::string("ada@example.com."), std::string("ada @example.com"),
                            std::string("ada@exa mple.com"), std::string("a\tb@example.com"),
                            std::string("a\x01" "b@example.com"), std::string("ab@example.com\r\nBcc: x@y.z"),
                            std::string("ab@example.com\xC2\x85")}) {
        auto e = check_email(bad);
        ASSERT_TRUE(e.has_value()) << "\"" << bad << "\" accepted";
        EXPECT_TRUE(contains(*e, "\"email\"")) << *e;
    }
    std::string domain = "@example.com";
    EXPECT_FALSE(check_email(std::string(255 - domain.size(), 'a') + domain).has_value()) << "255 characters is fine";
    auto e = check_email(std::string(256 - domain.size(), 'a') + domain);
    ASSERT_TRUE(e.has_value()) << "256 characters accepted";
    EXPECT_TRUE(contains(*e, "255"));
}

TEST(GatewayAuth, CheckPassword) {
    EXPECT_FALSE(check_password("12345678").has_value());
    EXPECT_FALSE(check_password(std::string(72, 'p')).has_value());
    for (std::string bad : {std::string(""), std::string("1234567"), std::string(73, 'p')}) {
        auto e = check_password(bad);
        ASSERT_TRUE(e.has_value()) << bad.size() << " characters accepted";
        EXPECT_TRUE(contains(*e, "\"password\"")) << *e;
        EXPECT_TRUE(contains(*e, "8 to 72")) << *e;
    }
}

TEST(GatewayAuth, CheckName) {
    EXPECT_FALSE(check_name("A").has_value());
    EXPECT_FALSE(check_name(std::string(255, 'n')).has_value());
    for (std::string bad : {std::string(""), std::string(256, 'n')}) {
        auto e = check_name(bad);
        ASSERT_TRUE(e.has_value()) << bad.size() << " characters accepted";
        EXPECT_TRUE(contains(*e, "\"name\"")) << *e;
    }
}

// Characters, not bytes: 64 emoji are 256 bytes and a fine name; 256 emoji
// are refused with the count of characters. Blank names and control
// characters are refused by name.
TEST(GatewayAuth, CheckNameCountsCharactersAndRefusesInvisibleNames) {
    std::string emoji = "\xF0\x9F\x98\x80";
    std::string sixty_four;
    for (int i = 0; i < 64; ++i) sixty_four += emoji;
    EXPECT_FALSE(check_name(sixty_four).has_value());
    std::string too_many;
    for (int i = 0; i < 256; ++i) too_many += emoji;
    auto long_name = check_name(too_many);
    ASSERT_TRUE(long_name.has_value());
    EXPECT_TRUE(contains(*long_name, "1 to 255 characters (it has 256)")) << *long_name;
    auto blank = check_name("   ");
    ASSERT_TRUE(blank.has_value());
    EXPECT_TRUE(contains(*blank, "must not be blank")) << *blank;
    for (std::string bad : {std::string("a\nb"), std::string("bell\x07"), std::string("c1\xC2\x85"), std::string("del\x7F")}) {
        auto e = check_name(bad);
        ASSERT_TRUE(e.has_value()) << bad << " accepted";
        EXPECT_TRUE(contains(*e, "must not contain control characters")) << *e;
    }
    EXPECT_FALSE(check_name("Zo\xC3\xAB \xE2\x80\xAE").has_value()) << "letters and format characters are fine";
}

}  // namespace
}  // namespace vellum::gateway
