// Structured logs: one JSON object per line on stderr, filtered by level.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <string>

#include "support/log.hpp"

namespace vellum::gateway {
namespace {

class GatewayLog : public ::testing::Test {
protected:
    void TearDown() override { log::set_level("info"); }
};

TEST_F(GatewayLog, LevelsFilter) {
    log::set_level("warn");
    EXPECT_FALSE(log::enabled(log::Level::Debug));
    EXPECT_FALSE(log::enabled(log::Level::Info));
    EXPECT_TRUE(log::enabled(log::Level::Warn));
    EXPECT_TRUE(log::enabled(log::Level::Error));
    log::set_level("debug");
    EXPECT_TRUE(log::enabled(log::Level::Debug));
    log::set_level("error");
    EXPECT_FALSE(log::enabled(log::Level::Warn));
    EXPECT_TRUE(log::enabled(log::Level::Error));
    log::set_level("nonsense");
    EXPECT_TRUE(log::enabled(log::Level::Info)) << "an unknown level means info";
    EXPECT_FALSE(log::enabled(log::Level::Debug));
}

TEST_F(GatewayLog, WritesOneJsonObjectPerLine) {
    log::set_level("info");
    ::testing::internal::CaptureStderr();
    log::info("test_event", {{"text", std::string("line one\nline \"two\"")},
                             {"cstr", "c"},
                             {"count", int64_t{42}},
                             {"small", 7},
                             {"ratio", 0.5},
                             {"flag", true}});
    std::string out = ::testing::internal::GetCapturedStderr();
    ASSERT_FALSE(out.empty());
    EXPECT_EQ(out.back(), '\n');
    EXPECT_EQ(out.find('\n'), out.size() - 1) << "a newline in a value must not split the line: " << out;
    rapidjson::Document doc;
    doc.Parse(out.c_str(), out.size() - 1);
    ASSERT_FALSE(doc.HasParseError()) << out;
    ASSERT_TRUE(doc.IsObject());
    EXPECT_STREQ(doc["level"].GetString(), "info");
    EXPECT_STREQ(doc["event"].GetString(), "test_event");
    EXPECT_TRUE(doc["time"].IsString());
    EXPECT_STREQ(doc["text"].GetString(), "line one\nline \"two\"");
    EXPECT_STREQ(doc["cstr"].GetString(), "c");
    EXPECT_EQ(doc["count"].GetInt64(), 42);
    EXPECT_EQ(doc["small"].GetInt64(), 7);
    EXPECT_DOUBLE_EQ(doc["ratio"].GetDouble(), 0.5);
    EXPECT_TRUE(doc["flag"].GetBool());
}

TEST_F(GatewayLog, FilteredOutLevelsWriteNothing) {
    log::set_level("error");
    ::testing::internal::CaptureStderr();
    log::info("hidden");
    log::warn("hidden too");
    log::debug("hidden three");
    std::string out = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(out, "");
    ::testing::internal::CaptureStderr();
    log::error("shown");
    out = ::testing::internal::GetCapturedStderr();
    EXPECT_NE(out.find("\"event\":\"shown\""), std::string::npos) << out;
    EXPECT_NE(out.find("\"level\":\"error\""), std::string::npos) << out;
}

}  // namespace
}  // namespace vellum::gateway
