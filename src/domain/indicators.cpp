#include "domain/indicators.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include <boost/json.hpp>

#include "calendar/civil_date.hpp"

namespace motcua::domain::indicators {

namespace {

namespace json = boost::json;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

constexpr std::int64_t kSecondsPerDay = 86400;
constexpr std::int64_t kVietnamOffset = std::int64_t{7} * 3600;

constexpr std::array<std::string_view, kMetricCount> kMetricNames{"received_online",
                                                                  "received_direct",
                                                                  "received_postal",
                                                                  "finished_early",
                                                                  "finished_on_time",
                                                                  "finished_late",
                                                                  "overdue_from",
                                                                  "overdue_closed",
                                                                  "synced",
                                                                  "facts_unknown",
                                                                  "online_with_e_result",
                                                                  "fee_bearing",
                                                                  "paid_online",
                                                                  "reused",
                                                                  "store_linked",
                                                                  "population_data",
                                                                  "dissatisfied",
                                                                  "issued",
                                                                  "e_result",
                                                                  "digitised",
                                                                  "rated",
                                                                  "component_digitised"};

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) {
        --q;
    }
    return q;
}

// Rounds numerator / denominator half-up (both non-negative, denominator > 0).
std::int64_t DivRound(std::int64_t numerator, std::int64_t denominator) {
    return (2 * numerator + denominator) / (2 * denominator);
}

base::Error Bad(std::string_view where, std::string_view what) {
    return base::InvalidArgument("data/rules/indicators-766.json: " + std::string(where) + ": " +
                                 std::string(what));
}

base::Result<std::string> Str(const json::object& o, std::string_view key, std::string_view where) {
    const json::value* v = o.if_contains(key);
    if (v == nullptr || !v->is_string() || v->as_string().empty()) {
        return Bad(where, "thiếu chuỗi \"" + std::string(key) + "\"");
    }
    return std::string(v->as_string());
}

base::Result<int> Int(const json::object& o, std::string_view key, std::string_view where, int lo,
                      int hi) {
    const json::value* v = o.if_contains(key);
    if (v == nullptr || !v->is_int64() || v->as_int64() < lo || v->as_int64() > hi) {
        return Bad(where, "\"" + std::string(key) + "\" phải là số nguyên từ " +
                              std::to_string(lo) + " đến " + std::to_string(hi));
    }
    return static_cast<int>(v->as_int64());
}

base::Result<ItemRule> ParseItem(const json::value& v, const std::string& where) {
    if (!v.is_object()) {
        return Bad(where, "mỗi chỉ số phải là một đối tượng");
    }
    const json::object& o = v.as_object();
    ItemRule item;
    auto id = Str(o, "id", where);
    auto label = Str(o, "label", where);
    auto max = Int(o, "max", where, 0, 100);
    auto source = Str(o, "source", where);
    if (!id) return std::move(id).error();
    if (!label) return std::move(label).error();
    if (!max) return std::move(max).error();
    if (!source) return std::move(source).error();
    item.id = *id;
    item.label = *label;
    item.max_points = *max;
    item.source = *source;
    if (o.contains("threshold")) {
        auto threshold = Int(o, "threshold", where + " " + item.id, 1, 100);
        if (!threshold) return std::move(threshold).error();
        item.threshold_percent = *threshold;
    }
    return item;
}

base::Result<ScoringRules> ParseVersion(const json::value& v) {
    if (!v.is_object()) {
        return Bad("versions", "mỗi phiên bản phải là một đối tượng");
    }
    const json::object& o = v.as_object();
    ScoringRules rules;
    auto id = Str(o, "id", "versions");
    if (!id) return std::move(id).error();
    rules.id = *id;
    auto title = Str(o, "title", rules.id);
    auto from = Str(o, "effective_from", rules.id);
    if (!title) return std::move(title).error();
    if (!from) return std::move(from).error();
    rules.title = *title;
    auto day = calendar::ParseIsoDate(*from);
    if (!day) {
        return Bad(rules.id, "effective_from không phải ngày YYYY-MM-DD");
    }
    rules.effective_from = sys_days{*day};
    if (const json::value* flag = o.if_contains("online_share_times_sync_ratio")) {
        if (!flag->is_bool()) {
            return Bad(rules.id, "online_share_times_sync_ratio phải là true/false");
        }
        rules.online_share_times_sync_ratio = flag->as_bool();
    }
    const json::value* groups = o.if_contains("groups");
    if (groups == nullptr || !groups->is_array() || groups->as_array().empty()) {
        return Bad(rules.id, "thiếu danh sách nhóm \"groups\"");
    }
    int total = 0;
    std::set<std::string> ids;
    for (const json::value& g : groups->as_array()) {
        if (!g.is_object()) {
            return Bad(rules.id, "mỗi nhóm phải là một đối tượng");
        }
        const json::object& go = g.as_object();
        GroupRule group;
        auto gid = Str(go, "id", rules.id);
        if (!gid) return std::move(gid).error();
        group.id = *gid;
        const std::string where = rules.id + " nhóm " + group.id;
        auto glabel = Str(go, "label", where);
        auto gmax = Int(go, "max", where, 0, 100);
        if (!glabel) return std::move(glabel).error();
        if (!gmax) return std::move(gmax).error();
        group.label = *glabel;
        group.max_points = *gmax;
        const json::value* items = go.if_contains("items");
        if (items == nullptr || !items->is_array() || items->as_array().empty()) {
            return Bad(where, "thiếu danh sách chỉ số \"items\"");
        }
        int sum = 0;
        for (const json::value& i : items->as_array()) {
            auto item = ParseItem(i, where);
            if (!item) return std::move(item).error();
            if (!ids.insert(item->id).second) {
                return Bad(where, "chỉ số " + item->id + " bị lặp");
            }
            sum += item->max_points;
            group.items.push_back(std::move(*item));
        }
        if (sum != group.max_points) {
            return Bad(where, "tổng điểm các chỉ số (" + std::to_string(sum) +
                                  ") khác điểm tối đa của nhóm (" +
                                  std::to_string(group.max_points) + ")");
        }
        total += group.max_points;
        rules.groups.push_back(std::move(group));
    }
    if (total != 100) {
        return Bad(rules.id, "tổng điểm các nhóm phải là 100, đang là " + std::to_string(total));
    }
    return rules;
}

}  // namespace

std::string_view MetricName(Metric metric) {
    const auto i = static_cast<std::size_t>(metric);
    return i < kMetricNames.size() ? kMetricNames[i] : std::string_view("unknown");
}

Day VietnamDay(sys_seconds instant) {
    return static_cast<Day>(
        FloorDiv(instant.time_since_epoch().count() + kVietnamOffset, kSecondsPerDay));
}

Day ToDay(sys_days day) {
    return static_cast<Day>(day.time_since_epoch().count());
}

Contribution Contribute(const Inputs& d) {
    Contribution c;
    c.unit_id = d.settling_unit_id;
    c.procedure_code = d.procedure_code;
    ContributeItems(d, c.items);
    return c;
}

void ContributeItems(const Inputs& d, std::vector<Item>& items) {
    items.clear();
    if (!d.received_at) {
        return;  // never received complete: outside every count (docs/reports.md)
    }
    const Day r = VietnamDay(*d.received_at);
    auto add = [&items](Day day, Metric m) { items.push_back(Item{day, m}); };
    switch (d.channel) {
        case Channel::kOnline:
            add(r, Metric::kReceivedOnline);
            break;
        case Channel::kPostal:
            add(r, Metric::kReceivedPostal);
            break;
        case Channel::kDirect:
            add(r, Metric::kReceivedDirect);
            break;
    }
    if (!d.facts_known) {
        add(r, Metric::kFactsUnknown);
    } else if (d.synced) {
        add(r, Metric::kSynced);
    }
    if (d.channel == Channel::kOnline && !(d.result_issued && !d.digitised_result)) {
        add(r, Metric::kOnlineWithEResult);
    }
    if (d.fee_bearing) {
        add(r, Metric::kFeeBearing);
        if (d.paid_online) {
            add(r, Metric::kPaidOnline);
        }
    }
    if (d.reused) {
        add(r, Metric::kReused);
    }
    if (d.reused || d.pushed_to_store) {
        add(r, Metric::kStoreLinked);
    }
    if (d.population_data) {
        add(r, Metric::kPopulationData);
    }
    if (d.rated) {
        add(r, Metric::kRated);
    }
    if (d.dissatisfied) {
        add(r, Metric::kDissatisfied);
    }
    if (d.digitised_component) {
        add(r, Metric::kComponentDigitised);
    }
    // The day from which it counts as overdue while unfinished (never before its receipt).
    std::optional<Day> overdue_from;
    if (d.due_at) {
        overdue_from = std::max(VietnamDay(*d.due_at), r);
    }
    if (d.finished_at) {
        const Day f = std::max(VietnamDay(*d.finished_at), r);
        if (d.late || d.timing == Timing::kLate) {
            add(f, Metric::kFinishedLate);
        } else if (d.timing == Timing::kEarly) {
            add(f, Metric::kFinishedEarly);
        } else {
            add(f, Metric::kFinishedOnTime);
        }
        if (d.result_issued) {
            add(f, Metric::kIssued);
            if (d.digitised_result) {
                add(f, Metric::kEResult);
                if (d.digitised_component) {
                    add(f, Metric::kDigitised);
                }
            }
        }
        if (overdue_from) {
            add(*overdue_from, Metric::kOverdueFrom);
            add(std::max(*overdue_from, f), Metric::kOverdueClosed);
        }
    } else {
        if (d.late) {
            overdue_from = r;  // flagged late and still open: overdue in every window
        }
        if (overdue_from) {
            add(*overdue_from, Metric::kOverdueFrom);
        }
    }
    std::sort(items.begin(), items.end());
}

std::string EncodeItems(const std::vector<Item>& items) {
    std::string out;
    for (const Item& i : items) {
        if (!out.empty()) {
            out += ';';
        }
        out += std::to_string(i.day);
        out += ':';
        out += std::to_string(static_cast<int>(i.metric));
    }
    return out;
}

base::Result<std::vector<Item>> DecodeItems(std::string_view text) {
    std::vector<Item> out;
    while (!text.empty()) {
        const std::size_t end = std::min(text.find(';'), text.size());
        const std::string_view part = text.substr(0, end);
        text.remove_prefix(end == text.size() ? end : end + 1);
        const std::size_t colon = part.find(':');
        Day day = 0;
        int metric = -1;
        if (colon == std::string_view::npos ||
            std::from_chars(part.data(), part.data() + colon, day).ptr != part.data() + colon ||
            std::from_chars(part.data() + colon + 1, part.data() + part.size(), metric).ptr !=
                part.data() + part.size() ||
            metric < 0 || metric >= kMetricCount) {
            return base::Error{base::ErrorCode::kInternal,
                               "đóng góp chỉ số đã lưu bị hỏng: \"" + std::string(part) + "\""};
        }
        out.push_back(Item{day, static_cast<Metric>(metric)});
    }
    return out;
}

void Sums::Add(Metric metric, Day day, std::int64_t value, Day from, Day to) {
    const auto i = static_cast<std::size_t>(metric);
    if (day < from) {
        before[i] += value;
    } else if (day <= to) {
        in_window[i] += value;
    }
}

void Sums::Add(const Sums& other) {
    for (std::size_t i = 0; i < in_window.size(); ++i) {
        in_window[i] += other.in_window[i];
        before[i] += other.before[i];
    }
}

report06::Cells CellsFrom(const Sums& s) {
    using M = Metric;
    report06::Cells c;
    c.online = s.In(M::kReceivedOnline);
    c.direct_postal = s.In(M::kReceivedDirect) + s.In(M::kReceivedPostal);
    const std::int64_t received_before =
        s.Before(M::kReceivedOnline) + s.Before(M::kReceivedDirect) + s.Before(M::kReceivedPostal);
    const std::int64_t finished_before =
        s.Before(M::kFinishedEarly) + s.Before(M::kFinishedOnTime) + s.Before(M::kFinishedLate);
    c.carried_over = received_before - finished_before;
    c.early = s.In(M::kFinishedEarly);
    c.on_time = s.In(M::kFinishedOnTime);
    c.late = s.In(M::kFinishedLate);
    const std::int64_t open =
        received_before + c.online + c.direct_postal - finished_before - c.Settled();
    c.overdue = s.UpTo(M::kOverdueFrom) - s.UpTo(M::kOverdueClosed);
    c.within = open - c.overdue;
    return c;
}

// ---- Scoring ----

std::optional<std::int64_t> Rate(std::int64_t numerator, std::int64_t denominator) {
    if (denominator <= 0) {
        return std::nullopt;
    }
    return DivRound(std::clamp<std::int64_t>(numerator, 0, denominator) * 10000, denominator);
}

std::int64_t Points(std::int64_t rate_hundredths, const ItemRule& rule) {
    const std::int64_t rate = std::clamp<std::int64_t>(rate_hundredths, 0, 10000);
    if (rule.threshold_percent) {
        const std::int64_t theta = *rule.threshold_percent;
        if (rate >= theta * 100) {
            return static_cast<std::int64_t>(rule.max_points) * 100;
        }
        return DivRound(rate * rule.max_points, theta);
    }
    return DivRound(rate * rule.max_points, 100);
}

Scorecard Score(const ScoringRules& rules, const Sums& s, const CatalogueFacts& catalogue,
                const ControlFacts& control) {
    using M = Metric;
    Scorecard card;
    card.rules_id = rules.id;
    card.cells = CellsFrom(s);
    card.facts_unknown = s.In(M::kFactsUnknown);
    const std::int64_t received =
        s.In(M::kReceivedOnline) + s.In(M::kReceivedDirect) + s.In(M::kReceivedPostal);
    const report06::Cells& c = card.cells;
    const std::int64_t handled = c.Received();

    struct Raw {
        std::int64_t num = 0;
        std::int64_t den = 0;
        std::optional<std::int64_t> rate;  // overrides num/den when set
        std::string note;
        bool no_data = false;
    };
    auto ratio = [](std::int64_t num, std::int64_t den) { return Raw{num, den, {}, {}, false}; };
    auto missing = [](std::string note) { return Raw{0, 0, {}, std::move(note), true}; };
    auto controlled = [&](const std::optional<ControlRatio>& r, std::string note_if_missing) {
        return r ? Raw{r->numerator, r->denominator, {}, r->note, false}
                 : missing(std::move(note_if_missing));
    };

    auto raw_for = [&](const std::string& id) -> Raw {
        if (id == "1.1" || id == "1.2" || id == "1.3") {
            const std::optional<ControlRatio>& r = id == "1.1"   ? control.published_on_time
                                                   : id == "1.2" ? control.database_on_time
                                                                 : control.posted_complete;
            return controlled(r,
                              "Chưa có dữ liệu: quyết định công bố TTHC chưa được quản lý trên hệ "
                              "thống (kiểm soát quy định TTHC).");
        }
        if (id == "1.4") {
            Raw r = ratio(s.In(M::kSynced), received);
            if (card.facts_unknown > 0) {
                r.note = std::to_string(card.facts_unknown) +
                         " hồ sơ chưa có dữ liệu đồng bộ (tính là chưa đồng bộ).";
            }
            return r;
        }
        if (id == "2.1") {
            return ratio(c.early + c.on_time + c.within, handled);
        }
        if (id == "3.1") {
            return ratio(catalogue.online, catalogue.procedures);
        }
        if (id == "3.3") {
            Raw r = ratio(s.In(M::kOnlineWithEResult), received);
            if (rules.online_share_times_sync_ratio) {
                auto share = Rate(r.num, r.den);
                auto sync = Rate(s.In(M::kSynced), received);
                if (share && sync) {
                    r.rate = DivRound(*share * *sync, 10000);
                    r.note = "Nhân với tỷ lệ đồng bộ (chỉ số 1.4).";
                }
            }
            return r;
        }
        if (id == "3.5a") {
            return ratio(catalogue.fee_bearing_online, catalogue.fee_bearing);
        }
        if (id == "3.5b") {
            return ratio(catalogue.fee_paid_online_any, catalogue.fee_bearing);
        }
        if (id == "3.6") {
            return ratio(s.In(M::kPaidOnline), s.In(M::kFeeBearing));
        }
        if (id == "4.1") {
            return ratio(s.In(M::kEResult), s.In(M::kIssued));
        }
        if (id == "4.2") {
            return ratio(s.In(M::kDigitised), s.In(M::kIssued));
        }
        if (id == "4.2c") {
            return missing(
                "Chưa có dữ liệu: chứng thực bản sao điện tử chưa được ghi nhận trên "
                "hệ thống.");
        }
        if (id == "4.3") {
            return ratio(s.In(M::kReused), received);
        }
        if (id == "4.4") {
            return ratio(s.In(M::kStoreLinked), received);
        }
        if (id == "4.5b") {
            return ratio(s.In(M::kPopulationData), received);
        }
        if (id == "4.5a") {
            return missing(
                "Chưa có dữ liệu: kết nối CSDL dân cư theo từng TTHC chưa được ghi "
                "nhận.");
        }
        if (id == "5.2" || id == "5.3") {
            return controlled(
                id == "5.2" ? control.feedback_on_time : control.feedback_satisfied,
                "Chưa có dữ liệu: phản ánh, kiến nghị chưa được quản lý trên hệ thống.");
        }
        if (id == "5.4") {
            Raw r;
            r.den = handled;
            const std::int64_t overdue = c.late + c.overdue;
            const std::int64_t dissatisfied = s.In(M::kDissatisfied);
            r.num = std::max<std::int64_t>(0, handled - overdue - dissatisfied);
            auto overdue_share = Rate(overdue, handled);
            auto dissatisfied_share = Rate(dissatisfied, handled);
            if (overdue_share && dissatisfied_share) {
                r.rate = std::max<std::int64_t>(0, 10000 - *overdue_share - *dissatisfied_share);
            }
            return r;
        }
        return missing("Chỉ số chưa được hệ thống tính.");
    };

    for (const GroupRule& g : rules.groups) {
        Group group;
        group.id = g.id;
        group.label = g.label;
        group.max_points = g.max_points;
        for (const ItemRule& item : g.items) {
            Raw raw = raw_for(item.id);
            Value v;
            v.id = item.id;
            v.label = item.label;
            v.max_points = item.max_points;
            v.threshold_percent = item.threshold_percent;
            v.numerator = raw.num;
            v.denominator = raw.den;
            v.note = raw.note;
            if (!raw.no_data) {
                v.rate_hundredths = raw.rate ? raw.rate : Rate(raw.num, raw.den);
            }
            if (v.rate_hundredths) {
                v.points_hundredths = Points(*v.rate_hundredths, item);
            }
            group.points_hundredths += v.points_hundredths;
            group.values.push_back(std::move(v));
        }
        card.points_hundredths += group.points_hundredths;
        card.groups.push_back(std::move(group));
    }
    return card;
}

base::Result<std::shared_ptr<const RuleBook>> RuleBook::Parse(std::string_view text) {
    boost::system::error_code ec;
    json::value doc = json::parse(json::string_view(text.data(), text.size()), ec);
    if (ec || !doc.is_object()) {
        return Bad("tệp", "không phải JSON hợp lệ");
    }
    const json::value* versions = doc.as_object().if_contains("versions");
    if (versions == nullptr || !versions->is_array() || versions->as_array().empty()) {
        return Bad("tệp", "thiếu danh sách \"versions\"");
    }
    auto book = std::make_shared<RuleBook>();
    for (const json::value& v : versions->as_array()) {
        auto rules = ParseVersion(v);
        if (!rules) {
            return std::move(rules).error();
        }
        for (const ScoringRules& other : book->versions_) {
            if (other.id == rules->id || other.effective_from == rules->effective_from) {
                return Bad(rules->id, "trùng mã hoặc ngày hiệu lực với " + other.id);
            }
        }
        book->versions_.push_back(std::move(*rules));
    }
    std::sort(book->versions_.begin(), book->versions_.end(),
              [](const ScoringRules& a, const ScoringRules& b) {
                  return a.effective_from < b.effective_from;
              });
    return std::shared_ptr<const RuleBook>(std::move(book));
}

std::shared_ptr<const RuleBook> RuleBook::Embedded() {
    static const std::shared_ptr<const RuleBook> book = [] {
        auto parsed = Parse(EmbeddedIndicatorData());
        if (!parsed) {
            std::abort();  // the embedded file is checked by the tests
        }
        return *parsed;
    }();
    return book;
}

base::Result<const ScoringRules*> RuleBook::InForce(sys_days day) const {
    const ScoringRules* found = nullptr;
    for (const ScoringRules& r : versions_) {
        if (r.effective_from <= day) {
            found = &r;
        }
    }
    if (found == nullptr) {
        return base::NotFound("không có bộ chỉ số 766 nào có hiệu lực vào ngày " +
                              calendar::FormatIsoDate(day));
    }
    return found;
}

}  // namespace motcua::domain::indicators
