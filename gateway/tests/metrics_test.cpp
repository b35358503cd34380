// /metrics text: histogram bounds and sums written as Prometheus clients
// write numbers, the shortest text that reads back as the same value.
#include <gtest/gtest.h>

#include <string>

#include "support/metrics.hpp"

namespace vellum::gateway {
namespace {

TEST(GatewayMetrics, HistogramBoundsAreWrittenShortest) {
    Histogram h;
    h.observe(0.002);
    h.observe(0.1);
    std::string out;
    h.render(out, "vellum_test_seconds", "");
    EXPECT_NE(out.find("vellum_test_seconds_bucket{le=\"0.0025\"} 1\n"), std::string::npos) << out;
    EXPECT_NE(out.find("le=\"0.001\"} 0\n"), std::string::npos) << out;
    EXPECT_NE(out.find("le=\"+Inf\"} 2\n"), std::string::npos) << out;
    // The bounds only: the sum, 0.1 + 0.002, is 0.10200000000000001 as a double.
    EXPECT_EQ(out.substr(0, out.find("_sum")).find("000000000"), std::string::npos) << out;

    Histogram exact;
    exact.observe(0.5);
    exact.observe(0.25);
    std::string sums;
    exact.render(sums, "vellum_test_seconds", "");
    EXPECT_NE(sums.find("vellum_test_seconds_sum 0.75\n"), std::string::npos) << sums;
}

TEST(GatewayMetrics, LabelsComeBeforeTheBound) {
    Histogram h;
    h.observe(1);
    std::string out;
    h.render(out, "vellum_x_seconds", "kind=\"ack\"");
    EXPECT_NE(out.find("vellum_x_seconds_bucket{kind=\"ack\",le=\"0.016\"} 0\n"), std::string::npos) << out;
}

}  // namespace
}  // namespace vellum::gateway
