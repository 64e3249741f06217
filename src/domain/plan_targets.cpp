#include "domain/plan_targets.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <utility>

#include <boost/json.hpp>

#include "text/unicode.hpp"

namespace motcua::domain::plan_targets {

namespace {

namespace json = boost::json;

struct MetricInfo {
    Metric metric;
    std::string_view name;
    std::string_view label;
    Measure measure;
};

constexpr std::array<MetricInfo, kMetricCount> kMetrics{{
    {Metric::kFullProcessOnlineServices, "full_process_online_services",
     "Tỷ lệ dịch vụ công trực tuyến toàn trình trên tổng số dịch vụ công trực tuyến",
     Measure::kPercent},
    {Metric::kOnlineDossierShare, "online_dossier_share",
     "Tỷ lệ hồ sơ trực tuyến của các dịch vụ công trực tuyến", Measure::kPercent},
    {Metric::kOnlinePaymentShare, "online_payment_share",
     "Tỷ lệ thanh toán trực tuyến trên hồ sơ có phí, lệ phí", Measure::kPercent},
    {Metric::kResultsDigitised, "results_digitised", "Tỷ lệ kết quả giải quyết TTHC được số hóa",
     Measure::kPercent},
    {Metric::kComponentsDigitised, "components_digitised", "Tỷ lệ hồ sơ, giấy tờ được số hóa",
     Measure::kPercent},
    {Metric::kDataReuse, "data_reuse", "Tỷ lệ hồ sơ có khai thác, sử dụng lại dữ liệu số hóa",
     Measure::kPercent},
    {Metric::kSatisfaction, "satisfaction", "Tỷ lệ hài lòng của người dân, doanh nghiệp",
     Measure::kPercent},
    {Metric::kWaitingMinutes, "waiting_minutes",
     "Thời gian chờ đợi trung bình một lượt giao dịch (phút)", Measure::kMinutes},
    {Metric::kDeskProductivity, "desk_productivity",
     "Năng suất tiếp nhận hồ sơ của một nhân sự Bộ phận Một cửa (hồ sơ/năm)",
     Measure::kDossiersPerYear},
}};

const MetricInfo& Info(Metric m) {
    return kMetrics[static_cast<std::size_t>(m)];
}

constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kAreas{{
    {"urban", "đô thị"},
    {"rural", "nông thôn"},
    {"remote", "vùng sâu, vùng xa, đặc biệt khó khăn"},
}};

constexpr std::size_t kMaxKey = 64;
constexpr std::size_t kMaxText = 2000;

bool IsKeyChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
}

base::Error Bad(std::string message) {
    return base::InvalidArgument(std::move(message));
}

// Every key of `o` must be in `allowed`.
base::Status OnlyKeys(const json::object& o, std::initializer_list<std::string_view> allowed,
                      std::string_view where) {
    for (const auto& kv : o) {
        bool known = false;
        for (std::string_view a : allowed) {
            known = known || kv.key() == a;
        }
        if (!known) {
            return Bad("trường không được hỗ trợ '" + std::string(kv.key()) + "' trong " +
                       std::string(where));
        }
    }
    return {};
}

// A string field (NFC); empty when absent and not `required`.
base::Result<std::string> TextField(const json::object& o, std::string_view key,
                                    std::string_view where, bool required) {
    const json::value* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) {
        if (required) {
            return Bad("thiếu trường '" + std::string(key) + "' trong " + std::string(where));
        }
        return std::string();
    }
    if (!v->is_string()) {
        return Bad("trường '" + std::string(key) + "' trong " + std::string(where) +
                   " phải là chuỗi");
    }
    auto nfc = text::Nfc(std::string_view(v->as_string()));
    if (!nfc) {
        return Bad("trường '" + std::string(key) + "' không phải văn bản UTF-8 hợp lệ");
    }
    if (nfc->size() > kMaxText) {
        return Bad("trường '" + std::string(key) + "' trong " + std::string(where) + " dài quá " +
                   std::to_string(kMaxText) + " byte");
    }
    return std::move(*nfc);
}

// The value of a target in its measure's units (percent → hundredths).
base::Result<std::int64_t> ValueOf(const json::value* v, Measure measure, std::string_view where) {
    if (v == nullptr || !v->is_number()) {
        return Bad("giá trị chỉ tiêu (value) của " + std::string(where) + " phải là một số");
    }
    const double x = v->is_double()  ? v->as_double()
                     : v->is_int64() ? static_cast<double>(v->as_int64())
                                     : static_cast<double>(v->as_uint64());
    if (!std::isfinite(x)) {
        return Bad("giá trị chỉ tiêu (value) của " + std::string(where) + " không hợp lệ");
    }
    if (measure == Measure::kPercent) {
        const double h = x * 100.0;
        const double r = std::round(h);
        if (std::fabs(h - r) > 1e-6) {
            return Bad("giá trị chỉ tiêu (value) của " + std::string(where) +
                       " có quá 2 chữ số thập phân");
        }
        return static_cast<std::int64_t>(r);
    }
    if (std::round(x) != x || std::fabs(x) > 1e9) {
        return Bad("giá trị chỉ tiêu (value) của " + std::string(where) + " phải là số nguyên");
    }
    return static_cast<std::int64_t>(x);
}

base::Result<Target> ParseTarget(const json::value& v, std::size_t index) {
    const std::string where = "chỉ tiêu thứ " + std::to_string(index + 1);
    if (!v.is_object()) {
        return Bad(where + " phải là một đối tượng JSON");
    }
    const json::object& o = v.as_object();
    if (auto s = OnlyKeys(o, {"metric", "area", "comparator", "value", "source"}, where); !s) {
        return s.error();
    }
    auto metric_name = TextField(o, "metric", where, true);
    if (!metric_name) {
        return std::move(metric_name).error();
    }
    auto metric = ParseMetric(*metric_name);
    if (!metric) {
        return Bad("chỉ tiêu không được hỗ trợ '" + *metric_name + "' (" + where + ")");
    }
    Target t;
    t.metric = *metric;
    auto area = TextField(o, "area", where, false);
    if (!area) {
        return std::move(area).error();
    }
    t.area = std::move(*area);
    auto comparator = TextField(o, "comparator", where, true);
    if (!comparator) {
        return std::move(comparator).error();
    }
    auto c = ParseComparator(*comparator);
    if (!c) {
        return Bad("phép so sánh không hợp lệ '" + *comparator + "' (" + where +
                   "): dùng \">=\" hoặc \"<=\"");
    }
    t.comparator = *c;
    auto value = ValueOf(o.if_contains("value"), MeasureOf(t.metric), where);
    if (!value) {
        return std::move(value).error();
    }
    t.value = *value;
    if (const json::value* src = o.if_contains("source"); src != nullptr && !src->is_null()) {
        if (!src->is_object()) {
            return Bad("nguồn (source) của " + where + " phải là một đối tượng JSON");
        }
        const json::object& so = src->as_object();
        if (auto s = OnlyKeys(so, {"document", "section", "wording"}, "nguồn của " + where); !s) {
            return s.error();
        }
        for (auto [key, out] :
             {std::pair{"document", &t.source.document}, std::pair{"section", &t.source.section},
              std::pair{"wording", &t.source.wording}}) {
            auto text = TextField(so, key, "nguồn của " + where, false);
            if (!text) {
                return std::move(text).error();
            }
            *out = std::move(*text);
        }
    }
    return t;
}

json::value ValueJson(const Target& t) {
    if (MeasureOf(t.metric) == Measure::kPercent) {
        if (t.value % 100 == 0) {
            return t.value / 100;
        }
        return static_cast<double>(t.value) / 100.0;
    }
    return t.value;
}

}  // namespace

std::string_view MetricName(Metric metric) {
    return Info(metric).name;
}

std::string_view MetricLabel(Metric metric) {
    return Info(metric).label;
}

std::optional<Metric> ParseMetric(std::string_view name) {
    for (const MetricInfo& m : kMetrics) {
        if (m.name == name) {
            return m.metric;
        }
    }
    return std::nullopt;
}

const std::vector<Metric>& AllMetrics() {
    static const std::vector<Metric> all = [] {
        std::vector<Metric> out;
        out.reserve(kMetrics.size());
        for (const MetricInfo& m : kMetrics) {
            out.push_back(m.metric);
        }
        return out;
    }();
    return all;
}

Measure MeasureOf(Metric metric) {
    return Info(metric).measure;
}

bool HasFailureList(Metric metric) {
    return metric != Metric::kWaitingMinutes && metric != Metric::kDeskProductivity;
}

std::string_view ComparatorName(Comparator c) {
    return c == Comparator::kAtLeast ? ">=" : "<=";
}

std::string_view ComparatorSymbol(Comparator c) {
    return c == Comparator::kAtLeast ? "≥" : "≤";
}

std::optional<Comparator> ParseComparator(std::string_view text) {
    if (text == ">=" || text == "≥" || text == "at_least") {
        return Comparator::kAtLeast;
    }
    if (text == "<=" || text == "≤" || text == "at_most") {
        return Comparator::kAtMost;
    }
    return std::nullopt;
}

bool IsArea(std::string_view area) {
    for (const auto& [name, label] : kAreas) {
        if (name == area) {
            return true;
        }
    }
    return false;
}

std::string_view AreaLabel(std::string_view area) {
    for (const auto& [name, label] : kAreas) {
        if (name == area) {
            return label;
        }
    }
    return "mọi vùng";
}

base::Status Validate(const Plan& p) {
    if (p.key.empty() || p.key.size() > kMaxKey ||
        !std::all_of(p.key.begin(), p.key.end(), IsKeyChar)) {
        return Bad("mã kế hoạch (plan) phải gồm 1–64 ký tự chữ không dấu, số, '.', '_' hoặc '-'");
    }
    if (p.title.empty()) {
        return Bad("thiếu tên kế hoạch (title)");
    }
    if (p.year < 2000 || p.year > 2100) {
        return Bad("năm của kế hoạch (year) phải từ 2000 đến 2100");
    }
    if (p.issuing_unit_code.empty()) {
        return Bad("thiếu mã đơn vị ban hành kế hoạch (issuing_unit)");
    }
    if (p.targets.empty()) {
        return Bad("kế hoạch chưa có chỉ tiêu nào (targets)");
    }
    std::set<std::pair<Metric, std::string>> seen;
    for (const Target& t : p.targets) {
        const std::string name(MetricName(t.metric));
        if (!t.area.empty() && !IsArea(t.area)) {
            return Bad("vùng không hợp lệ '" + t.area + "' của chỉ tiêu " + name +
                       ": dùng urban, rural hoặc remote");
        }
        if (!seen.insert({t.metric, t.area}).second) {
            return Bad("chỉ tiêu " + name + (t.area.empty() ? "" : " (vùng " + t.area + ")") +
                       " bị trùng");
        }
        switch (MeasureOf(t.metric)) {
            case Measure::kPercent:
                if (t.value < 0 || t.value > 10000) {
                    return Bad("giá trị chỉ tiêu " + name + " phải từ 0 đến 100 (%)");
                }
                break;
            case Measure::kMinutes:
                if (t.value < 0 || t.value > 1440) {
                    return Bad("giá trị chỉ tiêu " + name + " phải từ 0 đến 1440 (phút)");
                }
                break;
            case Measure::kDossiersPerYear:
                if (t.value < 1 || t.value > 100000) {
                    return Bad("giá trị chỉ tiêu " + name + " phải từ 1 đến 100000 (hồ sơ/năm)");
                }
                break;
        }
    }
    std::set<std::string> units;
    for (const UnitArea& a : p.areas) {
        if (a.unit_code.empty()) {
            return Bad("thiếu mã đơn vị (unit) trong danh sách vùng (unit_areas)");
        }
        if (!IsArea(a.area)) {
            return Bad("vùng không hợp lệ '" + a.area + "' của đơn vị " + a.unit_code +
                       ": dùng urban, rural hoặc remote");
        }
        if (!units.insert(a.unit_code).second) {
            return Bad("đơn vị " + a.unit_code + " được khai báo vùng hai lần");
        }
    }
    return {};
}

base::Result<Plan> ParsePlan(std::string_view text) {
    std::error_code ec;
    json::value root = json::parse(text, ec);
    if (ec) {
        return Bad("nội dung không phải JSON hợp lệ");
    }
    if (!root.is_object()) {
        return Bad("kế hoạch phải là một đối tượng JSON");
    }
    const json::object& o = root.as_object();
    if (auto s = OnlyKeys(o, {"plan", "title", "year", "issuing_unit", "targets", "unit_areas"},
                          "kế hoạch");
        !s) {
        return s.error();
    }
    Plan p;
    for (auto [key, out] : {std::pair{"plan", &p.key}, std::pair{"title", &p.title},
                            std::pair{"issuing_unit", &p.issuing_unit_code}}) {
        auto value = TextField(o, key, "kế hoạch", true);
        if (!value) {
            return std::move(value).error();
        }
        *out = std::move(*value);
    }
    const json::value* year = o.if_contains("year");
    if (year == nullptr || !year->is_int64()) {
        return Bad("năm của kế hoạch (year) phải là số nguyên");
    }
    if (year->as_int64() < 2000 || year->as_int64() > 2100) {
        return Bad("năm của kế hoạch (year) phải từ 2000 đến 2100");
    }
    p.year = static_cast<int>(year->as_int64());
    const json::value* targets = o.if_contains("targets");
    if (targets == nullptr || !targets->is_array()) {
        return Bad("danh sách chỉ tiêu (targets) phải là một mảng JSON");
    }
    if (targets->as_array().size() > 100) {
        return Bad("kế hoạch có quá 100 chỉ tiêu");
    }
    for (std::size_t i = 0; i < targets->as_array().size(); ++i) {
        auto t = ParseTarget(targets->as_array()[i], i);
        if (!t) {
            return std::move(t).error();
        }
        p.targets.push_back(std::move(*t));
    }
    if (const json::value* areas = o.if_contains("unit_areas");
        areas != nullptr && !areas->is_null()) {
        if (!areas->is_array() || areas->as_array().size() > 5000) {
            return Bad(
                "danh sách vùng của đơn vị (unit_areas) phải là một mảng JSON (tối đa "
                "5000 phần tử)");
        }
        for (const json::value& a : areas->as_array()) {
            if (!a.is_object()) {
                return Bad("mỗi phần tử của unit_areas phải là một đối tượng JSON");
            }
            if (auto s = OnlyKeys(a.as_object(), {"unit", "area"}, "unit_areas"); !s) {
                return s.error();
            }
            auto unit = TextField(a.as_object(), "unit", "unit_areas", true);
            if (!unit) {
                return std::move(unit).error();
            }
            auto area = TextField(a.as_object(), "area", "unit_areas", true);
            if (!area) {
                return std::move(area).error();
            }
            p.areas.push_back(UnitArea{std::move(*unit), std::move(*area)});
        }
    }
    if (auto s = Validate(p); !s) {
        return s.error();
    }
    return p;
}

std::string ToJson(const Plan& p) {
    json::array targets;
    for (const Target& t : p.targets) {
        json::object o{{"metric", MetricName(t.metric)},
                       {"comparator", ComparatorName(t.comparator)},
                       {"value", ValueJson(t)},
                       {"source", json::object{{"document", t.source.document},
                                               {"section", t.source.section},
                                               {"wording", t.source.wording}}}};
        if (!t.area.empty()) {
            o["area"] = t.area;
        }
        targets.push_back(std::move(o));
    }
    json::array areas;
    for (const UnitArea& a : p.areas) {
        areas.push_back(json::object{{"unit", a.unit_code}, {"area", a.area}});
    }
    return json::serialize(json::object{{"plan", p.key},
                                        {"title", p.title},
                                        {"year", p.year},
                                        {"issuing_unit", p.issuing_unit_code},
                                        {"targets", std::move(targets)},
                                        {"unit_areas", std::move(areas)}});
}

std::string AreaOf(const Plan& plan, std::string_view unit_code) {
    for (const UnitArea& a : plan.areas) {
        if (a.unit_code == unit_code) {
            return a.area;
        }
    }
    return std::string(kDefaultArea);
}

const Target* TargetFor(const Plan& plan, Metric metric, std::string_view area) {
    const Target* general = nullptr;
    for (const Target& t : plan.targets) {
        if (t.metric != metric) {
            continue;
        }
        if (t.area == area) {
            return &t;
        }
        if (t.area.empty()) {
            general = &t;
        }
    }
    return general;
}

std::string_view VerdictName(Verdict v) {
    switch (v) {
        case Verdict::kPass:
            return "pass";
        case Verdict::kFail:
            return "fail";
        case Verdict::kNoData:
            return "no_data";
    }
    return "no_data";
}

std::int64_t RoundedRatio(std::int64_t numerator, std::int64_t denominator, std::int64_t scale) {
    // Half-up: (2 n s + d) / (2 d), exact in integers.
    return (2 * numerator * scale + denominator) / (2 * denominator);
}

Outcome Evaluate(const Target& target, const Measurement& m) {
    if (!m.available || m.denominator <= 0 || m.numerator < 0) {
        return Outcome{Verdict::kNoData, std::nullopt};
    }
    const std::int64_t scale = MeasureOf(target.metric) == Measure::kPercent ? 10000 : 1;
    const std::int64_t value = RoundedRatio(m.numerator, m.denominator, scale);
    const bool pass =
        target.comparator == Comparator::kAtLeast ? value >= target.value : value <= target.value;
    return Outcome{pass ? Verdict::kPass : Verdict::kFail, value};
}

}  // namespace motcua::domain::plan_targets
