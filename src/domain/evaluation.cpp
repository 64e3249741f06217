#include "domain/evaluation.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include <boost/json.hpp>

#include "calendar/civil_date.hpp"
#include "text/unicode.hpp"

namespace motcua::domain::evaluation {

namespace json = boost::json;

std::string_view SatisfactionName(Satisfaction s) {
    switch (s) {
        case Satisfaction::kVerySatisfied:
            return "very_satisfied";
        case Satisfaction::kSatisfied:
            return "satisfied";
        case Satisfaction::kDissatisfied:
            return "dissatisfied";
    }
    return "satisfied";
}

std::string_view SatisfactionLabel(Satisfaction s) {
    switch (s) {
        case Satisfaction::kVerySatisfied:
            return "Rất hài lòng";
        case Satisfaction::kSatisfied:
            return "Hài lòng";
        case Satisfaction::kDissatisfied:
            return "Không hài lòng";
    }
    return "Hài lòng";
}

base::Result<Satisfaction> ParseSatisfaction(std::string_view name) {
    for (Satisfaction s :
         {Satisfaction::kVerySatisfied, Satisfaction::kSatisfied, Satisfaction::kDissatisfied}) {
        if (SatisfactionName(s) == name) {
            return s;
        }
    }
    return base::InvalidArgument(
        "mức độ hài lòng phải là very_satisfied, satisfied hoặc dissatisfied");
}

std::string_view RatingChannelName(RatingChannel c) {
    switch (c) {
        case RatingChannel::kOnline:
            return "online";
        case RatingChannel::kPaper:
            return "paper";
        case RatingChannel::kDevice:
            return "device";
    }
    return "online";
}

std::string_view RatingChannelLabel(RatingChannel c) {
    switch (c) {
        case RatingChannel::kOnline:
            return "Trực tuyến";
        case RatingChannel::kPaper:
            return "Phiếu giấy";
        case RatingChannel::kDevice:
            return "Thiết bị đánh giá tại quầy";
    }
    return "Trực tuyến";
}

base::Result<RatingChannel> ParseRatingChannel(std::string_view name) {
    for (RatingChannel c :
         {RatingChannel::kOnline, RatingChannel::kPaper, RatingChannel::kDevice}) {
        if (RatingChannelName(c) == name) {
            return c;
        }
    }
    return base::InvalidArgument("kênh đánh giá phải là online, paper hoặc device");
}

base::Result<RatingAnswers> ValidateAnswers(RatingAnswers answers) {
    if (answers.contacts < 0 || answers.contacts > kMaxCount) {
        return base::InvalidArgument("số lần phải liên hệ phải từ 0 đến " +
                                     std::to_string(kMaxCount));
    }
    if (answers.bodies_contacted < 0 || answers.bodies_contacted > kMaxCount) {
        return base::InvalidArgument("số cơ quan phải liên hệ phải từ 0 đến " +
                                     std::to_string(kMaxCount));
    }
    if (!text::IsValidUtf8(answers.comment)) {
        return base::InvalidArgument("góp ý không phải văn bản UTF-8 hợp lệ");
    }
    auto nfc = text::Nfc(answers.comment);
    if (!nfc) {
        return base::InvalidArgument("góp ý không phải văn bản hợp lệ");
    }
    answers.comment = text::TrimAndCollapseSpaces(*nfc);
    if (text::CodePointCount(answers.comment) > static_cast<std::size_t>(kMaxCommentChars)) {
        return base::InvalidArgument("góp ý dài quá " + std::to_string(kMaxCommentChars) +
                                     " ký tự");
    }
    return answers;
}

// ---- the scoring table ------------------------------------------------------------------------

namespace {

base::Error Bad(std::string_view version, std::string_view what) {
    return base::InvalidArgument("bảng điểm đánh giá " + std::string(version) + ": " +
                                 std::string(what));
}

base::Status IntParam(const json::object& params, std::string_view key, ScoringTable& out, int min,
                      int max, int& target) {
    const json::value* p = params.if_contains(key);
    if (p == nullptr || !p->is_object()) {
        return Bad(out.id, "thiếu tham số " + std::string(key));
    }
    const json::value* value = p->as_object().if_contains("value");
    const json::value* source = p->as_object().if_contains("source");
    if (value == nullptr || source == nullptr || !source->is_string() ||
        source->as_string().empty()) {
        return Bad(out.id, "tham số " + std::string(key) + " cần value và source");
    }
    if (!value->is_int64() || value->as_int64() < min || value->as_int64() > max) {
        return Bad(out.id, "tham số " + std::string(key) + " phải là số nguyên từ " +
                               std::to_string(min) + " đến " + std::to_string(max));
    }
    target = static_cast<int>(value->as_int64());
    out.sources[std::string(key)] = std::string(source->as_string());
    return {};
}

base::Result<ScoringTable> ParseTable(const json::value& v) {
    if (!v.is_object()) {
        return Bad("?", "mỗi phiên bản phải là một đối tượng JSON");
    }
    const json::object& o = v.as_object();
    ScoringTable t;
    auto text = [&](std::string_view key) -> base::Result<std::string> {
        const json::value* f = o.if_contains(key);
        if (f == nullptr || !f->is_string() || f->as_string().empty()) {
            return Bad(t.id.empty() ? "?" : t.id, "thiếu trường " + std::string(key));
        }
        return std::string(f->as_string());
    };
    auto id = text("id");
    if (!id) {
        return std::move(id).error();
    }
    t.id = std::move(*id);
    auto title = text("title");
    if (!title) {
        return std::move(title).error();
    }
    t.title = std::move(*title);
    auto from = text("effective_from");
    if (!from) {
        return std::move(from).error();
    }
    const auto date = calendar::ParseIsoDate(*from);
    if (!date) {
        return Bad(t.id, "effective_from phải có dạng YYYY-MM-DD");
    }
    t.effective_from = std::chrono::sys_days{*date};
    const json::value* params = o.if_contains("params");
    if (params == nullptr || !params->is_object()) {
        return Bad(t.id, "thiếu params");
    }
    const json::object& p = params->as_object();
    struct Spec {
        std::string_view key;
        int min;
        int max;
        int ScoringTable::*field;
    };
    const std::array<Spec, 19> specs{{
        {"contacts_for_2", 0, kMaxCount, &ScoringTable::contacts_for_2},
        {"contacts_for_1", 0, kMaxCount, &ScoringTable::contacts_for_1},
        {"bodies_for_2", 0, kMaxCount, &ScoringTable::bodies_for_2},
        {"bodies_for_1", 0, kMaxCount, &ScoringTable::bodies_for_1},
        {"attitude_late_points", 0, 2, &ScoringTable::attitude_late_points},
        {"desk_full_percent_for_2", 0, 100, &ScoringTable::desk_full_percent_for_2},
        {"desk_received_percent_for_1", 0, 100, &ScoringTable::desk_received_percent_for_1},
        {"pakn_on_time_percent_for_2", 0, 100, &ScoringTable::pakn_on_time_percent_for_2},
        {"pakn_on_time_percent_for_1", 0, 100, &ScoringTable::pakn_on_time_percent_for_1},
        {"pakn_none_points", 0, 2, &ScoringTable::pakn_none_points},
        {"online_procedures_percent_for_2", 0, 100, &ScoringTable::online_procedures_percent_for_2},
        {"online_dossiers_percent_for_2", 0, 100, &ScoringTable::online_dossiers_percent_for_2},
        {"online_dossiers_percent_for_1", 0, 100, &ScoringTable::online_dossiers_percent_for_1},
        {"staff_full_tenths", 0, 100, &ScoringTable::staff_full_tenths},
        {"staff_partial_tenths", 0, 100, &ScoringTable::staff_partial_tenths},
        {"unit_excellent_tenths", 0, 180, &ScoringTable::unit_excellent_tenths},
        {"unit_good_tenths", 0, 180, &ScoringTable::unit_good_tenths},
        {"unit_fair_tenths", 0, 180, &ScoringTable::unit_fair_tenths},
        {"unit_average_tenths", 0, 180, &ScoringTable::unit_average_tenths},
    }};
    for (const Spec& s : specs) {
        if (base::Status st = IntParam(p, s.key, t, s.min, s.max, t.*(s.field)); !st) {
            return st.error();
        }
    }
    if (t.contacts_for_1 < t.contacts_for_2 || t.bodies_for_1 < t.bodies_for_2 ||
        t.pakn_on_time_percent_for_1 > t.pakn_on_time_percent_for_2 ||
        t.online_dossiers_percent_for_1 > t.online_dossiers_percent_for_2 ||
        t.staff_partial_tenths > t.staff_full_tenths ||
        !(t.unit_average_tenths <= t.unit_fair_tenths && t.unit_fair_tenths <= t.unit_good_tenths &&
          t.unit_good_tenths <= t.unit_excellent_tenths)) {
        return Bad(t.id, "các ngưỡng 1 điểm và 2 điểm, các mức xếp loại phải theo thứ tự");
    }
    return t;
}

}  // namespace

base::Result<std::shared_ptr<const ScoringBook>> ScoringBook::Parse(std::string_view text) {
    std::error_code ec;
    const json::value root = json::parse(text, ec);
    if (ec || !root.is_object()) {
        return base::InvalidArgument("bảng điểm đánh giá không phải JSON hợp lệ");
    }
    const json::value* versions = root.as_object().if_contains("versions");
    if (versions == nullptr || !versions->is_array() || versions->as_array().empty()) {
        return base::InvalidArgument("bảng điểm đánh giá cần ít nhất một phiên bản (versions)");
    }
    auto book = std::make_shared<ScoringBook>();
    for (const json::value& v : versions->as_array()) {
        auto table = ParseTable(v);
        if (!table) {
            return std::move(table).error();
        }
        for (const ScoringTable& other : book->tables_) {
            if (other.id == table->id || other.effective_from == table->effective_from) {
                return Bad(table->id, "trùng mã hoặc ngày hiệu lực với " + other.id);
            }
        }
        book->tables_.push_back(std::move(*table));
    }
    std::sort(book->tables_.begin(), book->tables_.end(),
              [](const ScoringTable& a, const ScoringTable& b) {
                  return a.effective_from < b.effective_from;
              });
    return std::shared_ptr<const ScoringBook>(std::move(book));
}

std::shared_ptr<const ScoringBook> ScoringBook::Embedded() {
    static const std::shared_ptr<const ScoringBook> book = [] {
        auto parsed = Parse(EmbeddedEvaluationData());
        if (!parsed) {
            // The embedded file is checked by the tests; a broken build must not start.
            std::abort();
        }
        return *parsed;
    }();
    return book;
}

base::Result<const ScoringTable*> ScoringBook::InForce(std::chrono::sys_days day) const {
    const ScoringTable* found = nullptr;
    for (const ScoringTable& t : tables_) {
        if (t.effective_from <= day) {
            found = &t;
        }
    }
    if (found == nullptr) {
        return base::NotFound("không có bảng điểm đánh giá nào có hiệu lực vào ngày " +
                              calendar::FormatIsoDate(day));
    }
    return found;
}

// ---- per dossier ------------------------------------------------------------------------------

namespace {

int TimingPoints(Timing t) {
    switch (t) {
        case Timing::kEarly:
            return 2;
        case Timing::kOnTime:
            return 1;
        case Timing::kLate:
        case Timing::kPending:
            return 0;
    }
    return 0;
}

int CountPoints(int n, int for_2, int for_1) {
    if (n <= for_2) {
        return 2;
    }
    if (n <= for_1) {
        return 1;
    }
    return 0;
}

// num / den ≥ percent / 100, exactly (den > 0).
bool AtLeast(std::int64_t num, std::int64_t den, int percent) {
    return num * 100 >= static_cast<std::int64_t>(percent) * den;
}

}  // namespace

std::optional<DossierScores> ScoreDossier(const DossierInput& in, const ScoringTable& t) {
    if (in.state != DossierState::kReturned) {
        return std::nullopt;
    }
    const Timing overall = in.late ? Timing::kLate : in.timing;
    DossierScores s;
    s.time = TimingPoints(overall);

    int worst = 2;
    for (const StepTiming& step : in.steps) {
        if (step.timing == Timing::kPending) {
            continue;
        }
        s.steps_known = true;
        worst = std::min(worst, TimingPoints(step.timing));
    }
    s.steps = s.steps_known ? worst : s.time;

    int contacts = in.supplement_requests;
    if (in.rating) {
        contacts = std::max(contacts, in.rating->contacts);
    }
    s.contacts = CountPoints(contacts, t.contacts_for_2, t.contacts_for_1);

    const int bodies =
        in.rating ? in.rating->bodies_contacted : (in.channel == Channel::kOnline ? 0 : 1);
    s.bodies = CountPoints(bodies, t.bodies_for_2, t.bodies_for_1);

    if (in.rating && in.rating->complaint) {
        s.attitude = 0;
    } else if (overall == Timing::kEarly) {
        s.attitude = 2;
    } else if (overall == Timing::kOnTime) {
        s.attitude = 1;
    } else {
        s.attitude = t.attitude_late_points;
    }
    return s;
}

// ---- aggregation ------------------------------------------------------------------------------

std::string_view StaffBandName(StaffBand b) {
    switch (b) {
        case StaffBand::kFull:
            return "full";
        case StaffBand::kPartial:
            return "partial";
        case StaffBand::kBelow:
            return "below";
    }
    return "below";
}

std::string_view StaffBandLabel(StaffBand b) {
    switch (b) {
        case StaffBand::kFull:
            return "Hoàn thành 100% nhiệm vụ";
        case StaffBand::kPartial:
            return "Hoàn thành từ 70% đến dưới 100% nhiệm vụ";
        case StaffBand::kBelow:
            return "Hoàn thành dưới 70% nhiệm vụ";
    }
    return "";
}

std::string_view UnitBandName(UnitBand b) {
    switch (b) {
        case UnitBand::kExcellent:
            return "excellent";
        case UnitBand::kGood:
            return "good";
        case UnitBand::kFair:
            return "fair";
        case UnitBand::kAverage:
            return "average";
        case UnitBand::kWeak:
            return "weak";
    }
    return "weak";
}

std::string_view UnitBandLabel(UnitBand b) {
    switch (b) {
        case UnitBand::kExcellent:
            return "Xuất sắc";
        case UnitBand::kGood:
            return "Tốt";
        case UnitBand::kFair:
            return "Khá";
        case UnitBand::kAverage:
            return "Trung bình";
        case UnitBand::kWeak:
            return "Yếu";
    }
    return "";
}

std::optional<int> AverageTenths(std::int64_t sum, std::int64_t count) {
    if (count <= 0) {
        return std::nullopt;
    }
    // round(10·sum / count), half up, for sum ≥ 0: floor((20·sum + count) / (2·count)).
    return static_cast<int>((20 * sum + count) / (2 * count));
}

std::string FormatTenths(int tenths) {
    const int whole = tenths / 10;
    const int frac = tenths % 10;
    return std::to_string(whole) + "," + std::to_string(frac < 0 ? -frac : frac);
}

std::optional<int> DossierAverages::TotalTenths() const {
    if (dossiers == 0) {
        return std::nullopt;
    }
    return time.value_or(0) + steps.value_or(0) + contacts.value_or(0) + bodies.value_or(0) +
           attitude.value_or(0);
}

DossierAverages Average(const std::vector<DossierScores>& scores) {
    DossierAverages a;
    a.dossiers = static_cast<int>(scores.size());
    std::int64_t time = 0;
    std::int64_t steps = 0;
    std::int64_t contacts = 0;
    std::int64_t bodies = 0;
    std::int64_t attitude = 0;
    for (const DossierScores& s : scores) {
        time += s.time;
        steps += s.steps;
        contacts += s.contacts;
        bodies += s.bodies;
        attitude += s.attitude;
    }
    const auto n = static_cast<std::int64_t>(scores.size());
    a.time = AverageTenths(time, n);
    a.steps = AverageTenths(steps, n);
    a.contacts = AverageTenths(contacts, n);
    a.bodies = AverageTenths(bodies, n);
    a.attitude = AverageTenths(attitude, n);
    return a;
}

std::optional<int> DeskIndex(const UnitFacts& f, const ScoringTable& t) {
    const bool full_known = f.listed_procedures && f.fully_at_desk_procedures;
    const bool received_known = f.eligible_procedures && f.received_at_desk_procedures;
    if (!full_known && !received_known) {
        return std::nullopt;
    }
    if (full_known && *f.listed_procedures > 0 &&
        AtLeast(*f.fully_at_desk_procedures, *f.listed_procedures, t.desk_full_percent_for_2)) {
        return 2;
    }
    if (received_known && *f.eligible_procedures > 0 &&
        AtLeast(*f.received_at_desk_procedures, *f.eligible_procedures,
                t.desk_received_percent_for_1)) {
        return 1;
    }
    return 0;
}

std::optional<int> PublicationIndex(const UnitFacts& f) {
    if (!f.published_posted || !f.published_electronic) {
        return std::nullopt;
    }
    return (*f.published_posted ? 1 : 0) + (*f.published_electronic ? 1 : 0);
}

int PaknIndex(const UnitFacts& f, const ScoringTable& t) {
    if (f.pakn_received <= 0) {
        return t.pakn_none_points;
    }
    const int on_time = std::clamp(f.pakn_on_time, 0, f.pakn_received);
    if (AtLeast(on_time, f.pakn_received, t.pakn_on_time_percent_for_2)) {
        return 2;
    }
    if (AtLeast(on_time, f.pakn_received, t.pakn_on_time_percent_for_1)) {
        return 1;
    }
    return 0;
}

int OnlineIndex(const UnitFacts& f, int dossiers, int online_dossiers, int late_online_dossiers,
                const ScoringTable& t) {
    if (dossiers <= 0) {
        return 0;
    }
    const bool procedures_ok = f.procedures > 0 && AtLeast(f.online_procedures, f.procedures,
                                                           t.online_procedures_percent_for_2);
    if (procedures_ok && AtLeast(online_dossiers, dossiers, t.online_dossiers_percent_for_2) &&
        late_online_dossiers == 0) {
        return 2;
    }
    if (AtLeast(online_dossiers, dossiers, t.online_dossiers_percent_for_1)) {
        return 1;
    }
    return 0;
}

StaffBand StaffBandOf(int total_tenths, const ScoringTable& t) {
    if (total_tenths >= t.staff_full_tenths) {
        return StaffBand::kFull;
    }
    if (total_tenths >= t.staff_partial_tenths) {
        return StaffBand::kPartial;
    }
    return StaffBand::kBelow;
}

UnitBand UnitBandOf(int total_tenths, const ScoringTable& t) {
    if (total_tenths >= t.unit_excellent_tenths) {
        return UnitBand::kExcellent;
    }
    if (total_tenths >= t.unit_good_tenths) {
        return UnitBand::kGood;
    }
    if (total_tenths >= t.unit_fair_tenths) {
        return UnitBand::kFair;
    }
    if (total_tenths >= t.unit_average_tenths) {
        return UnitBand::kAverage;
    }
    return UnitBand::kWeak;
}

UnitResult EvaluateUnit(const std::vector<DossierInput>& dossiers, const UnitFacts& facts,
                        const ScoringTable& table) {
    UnitResult r;
    std::vector<DossierScores> scored;
    std::map<std::int64_t, std::vector<DossierScores>> by_officer;
    int online = 0;
    int late_online = 0;
    for (const DossierInput& d : dossiers) {
        if (d.channel == Channel::kOnline) {
            ++online;
            if (d.late || d.timing == Timing::kLate) {
                ++late_online;
            }
        }
        const auto s = ScoreDossier(d, table);
        if (!s) {
            ++r.open_or_unscored;
            continue;
        }
        scored.push_back(*s);
        const std::set<std::int64_t> officers(d.officers.begin(), d.officers.end());
        for (std::int64_t officer : officers) {
            by_officer[officer].push_back(*s);
        }
    }
    r.averages = Average(scored);
    r.desk.points = DeskIndex(facts, table);
    r.publication.points = PublicationIndex(facts);
    r.pakn.points = PaknIndex(facts, table);
    r.online.points =
        OnlineIndex(facts, static_cast<int>(dossiers.size()), online, late_online, table);
    if (const auto five = r.averages.TotalTenths()) {
        const int total =
            *five + 10 * (r.desk.points.value_or(0) + r.publication.points.value_or(0) +
                          r.pakn.points.value_or(0) + r.online.points.value_or(0));
        r.total_tenths = total;
        r.band = UnitBandOf(total, table);
    }
    for (auto& [user_id, list] : by_officer) {
        OfficerResult o;
        o.user_id = user_id;
        o.averages = Average(list);
        o.total_tenths = o.averages.TotalTenths().value_or(0);
        o.band = StaffBandOf(o.total_tenths, table);
        r.officers.push_back(o);
    }
    return r;
}

}  // namespace motcua::domain::evaluation
