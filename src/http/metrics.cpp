#include "http/metrics.hpp"

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <utility>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace motcua::http {
namespace {

constexpr std::string_view kRequestsTotal = "motcua_http_requests_total";
constexpr std::string_view kRequestDuration = "motcua_http_request_duration_seconds";
constexpr std::string_view kErrorsTotal = "motcua_http_errors_total";
constexpr std::string_view kDbDuration = "motcua_db_duration_seconds";

enum class Kind { kCounter, kGauge, kHistogram };

std::string_view KindName(Kind kind) {
    switch (kind) {
        case Kind::kCounter:
            return "counter";
        case Kind::kGauge:
            return "gauge";
        case Kind::kHistogram:
            return "histogram";
    }
    return "untyped";
}

struct Series {
    explicit Series(const std::vector<double>& histogram_bounds)
        : bounds(histogram_bounds), buckets(histogram_bounds.size() + 1) {}
    // The family's bucket bounds (empty unless a histogram); fixed once the family exists.
    const std::vector<double>& bounds;
    std::atomic<double> value{0};  // counter, gauge
    // histogram: per-bucket (not cumulative) counts, the last one for +Inf
    std::vector<std::atomic<std::uint64_t>> buckets;
    std::atomic<double> sum{0};
};

struct Family {
    Kind kind = Kind::kCounter;
    std::vector<double> bounds;                             // histogram bucket upper bounds
    std::map<std::string, std::unique_ptr<Series>> series;  // rendered labels → series
    std::atomic<bool> kind_mismatch_logged{false};
};

void AppendEscaped(std::string& out, std::string_view value) {
    for (char c : value) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '"':
                out += "\\\"";
                break;
            case '\n':
                out += "\\n";
                break;
            default:
                out += c;
        }
    }
}

// `a="x",b="y"` — the series key and its rendering inside {}.
std::string LabelKey(std::initializer_list<Label> labels) {
    std::string key;
    for (const Label& label : labels) {
        if (!key.empty()) {
            key += ',';
        }
        key += label.name;
        key += "=\"";
        AppendEscaped(key, label.value);
        key += '"';
    }
    return key;
}

std::string FormatNumber(double value) {
    return fmt::format("{}", value);
}

}  // namespace

struct Metrics::Impl {
    mutable std::shared_mutex mutex;
    std::map<std::string, Family, std::less<>> families;
    std::map<std::string, std::string, std::less<>> help;
    std::map<std::string, std::vector<double>, std::less<>> bucket_definitions;

    // The series for (name, labels), created on first use; nullptr when `name` has another
    // kind. The pointer stays valid for the Metrics' lifetime.
    Series* Find(std::string_view name, Kind kind, std::initializer_list<Label> labels) {
        std::string key = LabelKey(labels);
        {
            std::shared_lock lock(mutex);
            auto family = families.find(name);
            if (family != families.end()) {
                if (family->second.kind != kind) {
                    ReportMismatch(family->second, name, kind);
                    return nullptr;
                }
                auto series = family->second.series.find(key);
                if (series != family->second.series.end()) {
                    return series->second.get();
                }
            }
        }
        std::unique_lock lock(mutex);
        auto family = families.find(name);
        if (family == families.end()) {
            family = families.try_emplace(std::string(name)).first;
            family->second.kind = kind;
            if (kind == Kind::kHistogram) {
                auto defined = bucket_definitions.find(name);
                family->second.bounds = defined != bucket_definitions.end()
                                            ? defined->second
                                            : Metrics::DefaultBuckets();
            }
        } else if (family->second.kind != kind) {
            ReportMismatch(family->second, name, kind);
            return nullptr;
        }
        auto& slot = family->second.series[key];
        if (!slot) {
            slot = std::make_unique<Series>(family->second.bounds);
        }
        return slot.get();
    }

    static void ReportMismatch(Family& family, std::string_view name, Kind wanted) {
        if (!family.kind_mismatch_logged.exchange(true)) {
            spdlog::error("metric {} is a {}, not a {}: update dropped", name,
                          KindName(family.kind), KindName(wanted));
        }
    }
};

const std::vector<double>& Metrics::DefaultBuckets() {
    static const std::vector<double> buckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                0.1,    0.25,  0.5,    1,     2.5,  5,     10};
    return buckets;
}

Metrics::Metrics() : impl_(std::make_unique<Impl>()) {
    Describe(kRequestsTotal, "HTTP requests answered, by method, route pattern and status.");
    Describe(kRequestDuration, "Time from the first byte of a request to its response written.");
    Describe("motcua_http_requests_in_flight", "Requests being read, handled or written.");
    Describe(kErrorsTotal, "HTTP-level failures by kind (protocol errors, limits, timeouts, 5xx).");
    Describe(kDbDuration, "Database query durations by query name.");
}

Metrics::~Metrics() = default;

void Metrics::Describe(std::string_view name, std::string_view help) {
    std::unique_lock lock(impl_->mutex);
    impl_->help.insert_or_assign(std::string(name), std::string(help));
}

void Metrics::DefineHistogram(std::string_view name, std::vector<double> buckets) {
    std::unique_lock lock(impl_->mutex);
    impl_->bucket_definitions.insert_or_assign(std::string(name), std::move(buckets));
}

void Metrics::IncrementCounter(std::string_view name, std::initializer_list<Label> labels,
                               double amount) {
    if (Series* series = impl_->Find(name, Kind::kCounter, labels)) {
        series->value.fetch_add(amount, std::memory_order_relaxed);
    }
}

void Metrics::SetGauge(std::string_view name, std::initializer_list<Label> labels, double value) {
    if (Series* series = impl_->Find(name, Kind::kGauge, labels)) {
        series->value.store(value, std::memory_order_relaxed);
    }
}

void Metrics::AddGauge(std::string_view name, std::initializer_list<Label> labels, double delta) {
    if (Series* series = impl_->Find(name, Kind::kGauge, labels)) {
        series->value.fetch_add(delta, std::memory_order_relaxed);
    }
}

void Metrics::Observe(std::string_view name, std::initializer_list<Label> labels, double value) {
    Series* series = impl_->Find(name, Kind::kHistogram, labels);
    if (series == nullptr) {
        return;
    }
    size_t bucket = 0;
    while (bucket < series->bounds.size() && value > series->bounds[bucket]) {
        ++bucket;
    }
    series->buckets[bucket].fetch_add(1, std::memory_order_relaxed);
    series->sum.fetch_add(value, std::memory_order_relaxed);
}

void Metrics::ObserveRequest(std::string_view method, std::string_view route, int status,
                             double seconds) {
    std::string status_text = std::to_string(status);
    IncrementCounter(kRequestsTotal,
                     {{"method", method}, {"route", route}, {"status", status_text}});
    Observe(kRequestDuration, {{"route", route}}, seconds);
}

void Metrics::CountError(std::string_view kind) {
    IncrementCounter(kErrorsTotal, {{"kind", kind}});
}

void Metrics::ObserveDb(std::string_view query_name, double seconds) {
    Observe(kDbDuration, {{"query", query_name}}, seconds);
}

std::string Metrics::RenderPrometheus() const {
    std::shared_lock lock(impl_->mutex);
    std::string out;
    for (const auto& [name, family] : impl_->families) {
        auto help = impl_->help.find(name);
        if (help != impl_->help.end()) {
            out += fmt::format("# HELP {} {}\n", name, help->second);
        }
        out += fmt::format("# TYPE {} {}\n", name, KindName(family.kind));
        for (const auto& [labels, series] : family.series) {
            if (family.kind != Kind::kHistogram) {
                out += labels.empty() ? name : fmt::format("{}{{{}}}", name, labels);
                out += ' ';
                out += FormatNumber(series->value.load(std::memory_order_relaxed));
                out += '\n';
                continue;
            }
            std::string prefix = labels.empty() ? std::string() : labels + ",";
            std::uint64_t cumulative = 0;
            for (size_t i = 0; i <= family.bounds.size(); ++i) {
                cumulative += series->buckets[i].load(std::memory_order_relaxed);
                std::string bound =
                    i < family.bounds.size() ? FormatNumber(family.bounds[i]) : "+Inf";
                out +=
                    fmt::format("{}_bucket{{{}le=\"{}\"}} {}\n", name, prefix, bound, cumulative);
            }
            std::string braces = labels.empty() ? std::string() : "{" + labels + "}";
            out += fmt::format("{}_sum{} {}\n", name, braces,
                               FormatNumber(series->sum.load(std::memory_order_relaxed)));
            out += fmt::format("{}_count{} {}\n", name, braces, cumulative);
        }
    }
    return out;
}

}  // namespace motcua::http
