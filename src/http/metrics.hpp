#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::http {

// One Prometheus label: name (a valid label name, chosen in code) and value (any UTF-8;
// escaped when rendered). Keep values bounded: route patterns, not raw paths.
struct Label {
    std::string_view name;
    std::string_view value;
};

// Process-wide counters, gauges and histograms, rendered in the Prometheus text exposition
// format (version 0.0.4). Thread-safe: every method may be called from any thread; updates to
// an existing series take a shared lock and atomics only.
//
// A metric name is bound to one kind on first use; using it later as another kind is a
// programming error: the update is dropped and logged once. Series are created on first use
// and never removed, so label values must come from a bounded set.
//
// Metrics the HTTP server maintains (docs/http.md):
//   motcua_http_requests_total{method,route,status}        counter
//   motcua_http_request_duration_seconds{route}            histogram
//   motcua_http_requests_in_flight                         gauge
//   motcua_http_errors_total{kind}                         counter
// and for other modules:
//   motcua_db_duration_seconds{query}                      histogram (ObserveDb)
class Metrics final {
public:
    // Default histogram buckets, in seconds: 0.5 ms … 10 s.
    static const std::vector<double>& DefaultBuckets();

    Metrics();
    ~Metrics();
    Metrics(const Metrics&) = delete;
    Metrics& operator=(const Metrics&) = delete;

    // Sets the # HELP text of a metric (optional; before or after first use).
    void Describe(std::string_view name, std::string_view help);
    // Declares a histogram with its own bucket upper bounds (sorted ascending, +Inf implied).
    // Must come before the first observation of `name`; otherwise DefaultBuckets() are used.
    void DefineHistogram(std::string_view name, std::vector<double> buckets);

    // Adds `amount` (≥ 0) to a counter.
    void IncrementCounter(std::string_view name, std::initializer_list<Label> labels = {},
                          double amount = 1);
    // Sets a gauge / adds a (possibly negative) delta to it.
    void SetGauge(std::string_view name, std::initializer_list<Label> labels, double value);
    void AddGauge(std::string_view name, std::initializer_list<Label> labels, double delta);
    // Records one observation in a histogram (seconds for durations).
    void Observe(std::string_view name, std::initializer_list<Label> labels, double value);

    // HTTP server helpers. `route` is the route pattern ("none" when no route matched).
    void ObserveRequest(std::string_view method, std::string_view route, int status,
                        double seconds);
    // One failure of `kind` (bad_request, body_too_large, header_too_large, timeout,
    // handler_exception, handler_timeout, server_error, connection_limit, io).
    void CountError(std::string_view kind);
    // Duration of a named database query → motcua_db_duration_seconds{query}.
    void ObserveDb(std::string_view query_name, double seconds);

    // Every metric in the Prometheus text format, families sorted by name, series by labels.
    [[nodiscard]] std::string RenderPrometheus() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace motcua::http
