#include "http/metrics.hpp"

#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace motcua::http {
namespace {

bool Contains(const std::string& text, std::string_view needle) {
    return text.find(needle) != std::string::npos;
}

TEST(MetricsTest, CountersAreRenderedWithLabels) {
    Metrics metrics;
    metrics.ObserveRequest("GET", "/api/v1/procedures/{code}", 200, 0.002);
    metrics.ObserveRequest("GET", "/api/v1/procedures/{code}", 200, 0.004);
    metrics.ObserveRequest("POST", "/api/v1/procedures", 400, 0.001);
    std::string text = metrics.RenderPrometheus();
    EXPECT_TRUE(Contains(text, "# TYPE motcua_http_requests_total counter\n"));
    EXPECT_TRUE(Contains(text, "# HELP motcua_http_requests_total "));
    EXPECT_TRUE(Contains(text,
                         "motcua_http_requests_total{method=\"GET\",route=\"/api/v1/"
                         "procedures/{code}\",status=\"200\"} 2\n"));
    EXPECT_TRUE(Contains(text,
                         "motcua_http_requests_total{method=\"POST\",route=\"/api/v1/"
                         "procedures\",status=\"400\"} 1\n"));
}

TEST(MetricsTest, HistogramBucketsAreCumulative) {
    Metrics metrics;
    metrics.ObserveRequest("GET", "/r", 200, 0.002);  // ≤ 0.0025
    metrics.ObserveRequest("GET", "/r", 200, 0.004);  // ≤ 0.005
    metrics.ObserveRequest("GET", "/r", 200, 100.0);  // +Inf only
    std::string text = metrics.RenderPrometheus();
    EXPECT_TRUE(Contains(text, "# TYPE motcua_http_request_duration_seconds histogram\n"));
    EXPECT_TRUE(Contains(
        text, "motcua_http_request_duration_seconds_bucket{route=\"/r\",le=\"0.001\"} 0\n"));
    EXPECT_TRUE(Contains(
        text, "motcua_http_request_duration_seconds_bucket{route=\"/r\",le=\"0.0025\"} 1\n"));
    EXPECT_TRUE(Contains(
        text, "motcua_http_request_duration_seconds_bucket{route=\"/r\",le=\"0.005\"} 2\n"));
    EXPECT_TRUE(
        Contains(text, "motcua_http_request_duration_seconds_bucket{route=\"/r\",le=\"10\"} 2\n"));
    EXPECT_TRUE(Contains(
        text, "motcua_http_request_duration_seconds_bucket{route=\"/r\",le=\"+Inf\"} 3\n"));
    EXPECT_TRUE(Contains(text, "motcua_http_request_duration_seconds_count{route=\"/r\"} 3\n"));
    EXPECT_TRUE(Contains(text, "motcua_http_request_duration_seconds_sum{route=\"/r\"} 100.006"));
}

TEST(MetricsTest, DbTimingsAndErrors) {
    Metrics metrics;
    metrics.ObserveDb("procedures.by_code", 0.0003);
    metrics.CountError("handler_exception");
    metrics.CountError("handler_exception");
    std::string text = metrics.RenderPrometheus();
    EXPECT_TRUE(Contains(text, "# TYPE motcua_db_duration_seconds histogram\n"));
    EXPECT_TRUE(Contains(
        text, "motcua_db_duration_seconds_bucket{query=\"procedures.by_code\",le=\"0.0005\"} 1\n"));
    EXPECT_TRUE(Contains(text, "motcua_http_errors_total{kind=\"handler_exception\"} 2\n"));
}

TEST(MetricsTest, GaugesCustomBucketsAndNoLabels) {
    Metrics metrics;
    metrics.DefineHistogram("motcua_report_rows", {10, 100});
    metrics.Observe("motcua_report_rows", {}, 50);
    metrics.SetGauge("motcua_queue_depth", {}, 7);
    metrics.AddGauge("motcua_queue_depth", {}, -2);
    metrics.Describe("motcua_queue_depth", "Items waiting.");
    std::string text = metrics.RenderPrometheus();
    EXPECT_TRUE(Contains(text, "motcua_report_rows_bucket{le=\"10\"} 0\n"));
    EXPECT_TRUE(Contains(text, "motcua_report_rows_bucket{le=\"100\"} 1\n"));
    EXPECT_TRUE(Contains(text, "motcua_report_rows_count 1\n"));
    EXPECT_TRUE(Contains(text, "# HELP motcua_queue_depth Items waiting.\n"));
    EXPECT_TRUE(Contains(text, "# TYPE motcua_queue_depth gauge\nmotcua_queue_depth 5\n"));
}

TEST(MetricsTest, LabelValuesAreEscaped) {
    Metrics metrics;
    metrics.IncrementCounter("motcua_test_total", {{"value", "a\"b\\c\nd"}});
    EXPECT_TRUE(
        Contains(metrics.RenderPrometheus(), "motcua_test_total{value=\"a\\\"b\\\\c\\nd\"} 1\n"));
}

TEST(MetricsTest, KindMismatchIsDropped) {
    Metrics metrics;
    metrics.IncrementCounter("motcua_thing", {}, 3);
    metrics.Observe("motcua_thing", {}, 1.0);  // dropped (logged once)
    std::string text = metrics.RenderPrometheus();
    EXPECT_TRUE(Contains(text, "motcua_thing 3\n"));
    EXPECT_FALSE(Contains(text, "motcua_thing_bucket"));
}

TEST(MetricsTest, ConcurrentUpdatesAreNotLost) {
    Metrics metrics;
    constexpr int kThreads = 4;
    constexpr int kPerThread = 20000;
    std::vector<std::thread> threads;
    threads.reserve(kThreads);
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&metrics, t] {
            std::string route = "/r" + std::to_string(t % 2);
            for (int i = 0; i < kPerThread; ++i) {
                metrics.ObserveRequest("GET", route, 200, 0.001);
                metrics.IncrementCounter("motcua_shared_total");
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    std::string text = metrics.RenderPrometheus();
    EXPECT_TRUE(Contains(text, "motcua_shared_total 80000\n"));
    EXPECT_TRUE(Contains(
        text, "motcua_http_requests_total{method=\"GET\",route=\"/r0\",status=\"200\"} 40000\n"));
    EXPECT_TRUE(
        Contains(text, "motcua_http_request_duration_seconds_count{route=\"/r1\"} 40000\n"));
}

}  // namespace
}  // namespace motcua::http
