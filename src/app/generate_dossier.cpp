// One generated dossier's story (docs/generate.md "Dossier stories"), played through the real
// state machine so that states, timestamps, deadlines and the event log are exactly what the
// app would have written for the same actions at the same instants.
#include <algorithm>
#include <array>

#include "app/dossier_access.hpp"
#include "app/generate_model.hpp"
#include "domain/dossier_machine.hpp"
#include "domain/rule_set.hpp"

namespace motcua::app::generate {

namespace {

using domain::ActionKind;
using domain::DossierState;
using std::chrono::seconds;
using std::chrono::sys_seconds;

constexpr std::array<std::string_view, 16> kFamily{
    "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Lê",  "Phạm", "Hoàng", "Huỳnh",
    "Phan",   "Vũ",     "Võ",     "Đặng", "Bùi", "Đỗ",   "Hồ",    "Ngô"};
constexpr std::array<std::string_view, 8> kMiddle{"Văn",  "Thị",  "Hữu",   "Đức",
                                                  "Minh", "Ngọc", "Thanh", "Quốc"};
constexpr std::array<std::string_view, 24> kGiven{
    "An",    "Bình",   "Chi",  "Dũng", "Hà",   "Hải",  "Hạnh",  "Hoa",
    "Hùng",  "Hương",  "Lan",  "Linh", "Long", "Mai",  "Nam",   "Nga",
    "Phong", "Phương", "Quân", "Sơn",  "Tâm",  "Thảo", "Trang", "Tuấn"};
constexpr std::array<std::string_view, 8> kCompany{"Thành Công", "Phú Thịnh",  "An Phát",
                                                   "Hưng Long",  "Minh Khang", "Đại Việt",
                                                   "Sông Hương", "Bình An"};

constexpr seconds kHour{3600};

std::string Digits(std::uint64_t value, int width) {
    std::string out(static_cast<size_t>(width), '0');
    for (int i = width - 1; i >= 0; --i) {
        out[static_cast<size_t>(i)] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return out;
}

// The deadline sweep (app::SweepDeadlines) runs every 15 minutes.
sys_seconds Tick(sys_seconds t) {
    constexpr std::int64_t kStep = 900;
    const std::int64_t s = t.time_since_epoch().count();
    return sys_seconds{seconds{(s + kStep - 1) / kStep * kStep}};
}

class Player final {
public:
    Player(Rng& rng, const Org& org, const GenProcedure& proc, const calendar::WorkingCalendar& cal,
           const DossierPlan& plan, sys_seconds cutoff)
        : rng_(rng), org_(org), proc_(proc), cal_(cal), plan_(plan), cutoff_(cutoff) {}

    base::Result<Outcome> Run();

private:
    const GenUnit& Unit(int index) const { return org_.units[static_cast<size_t>(index)]; }
    static const Officer& OneOf(const std::vector<Officer>& list, std::uint64_t salt) {
        return list[salt % list.size()];
    }

    sys_seconds Work(sys_seconds from, double working_seconds) const {
        auto t = cal_.AddWorkingTime(
            from, seconds{static_cast<std::int64_t>(std::max(0.0, working_seconds))});
        return t ? *t : from;
    }
    double Day() const { return static_cast<double>(cal_.WorkingDayLength().count()); }
    double Left(sys_seconds from, sys_seconds to) const {
        auto w = cal_.WorkingTimeBetween(from, to);
        return w ? static_cast<double>(w->count()) : 0.0;
    }

    // Fills the actor of `a` as the app would (app/dossier_access.cpp ActionUnit).
    void Sign(domain::Action& a, bool by_applicant) const;
    // Runs the sweep up to `until`, then applies `a` (at no earlier than the last event). False
    // if the story stops here (cut-off reached, or the machine refused the action).
    bool Act(domain::Action a, bool by_applicant = false);
    bool Do(ActionKind kind, sys_seconds at, bool by_applicant = false) {
        domain::Action a;
        a.kind = kind;
        a.at = at;
        return Act(std::move(a), by_applicant);
    }
    void Sweep(sys_seconds until);
    void Apply(const domain::Action& a);
    bool Processing(double q);
    void Extras(Outcome& out);

    Rng& rng_;
    const Org& org_;
    const GenProcedure& proc_;
    const calendar::WorkingCalendar& cal_;
    const DossierPlan& plan_;
    sys_seconds cutoff_;
    domain::ActionContext ctx_;
    domain::Dossier d_;
    std::vector<domain::DossierEvent> events_;
    std::int64_t refused_ = 0;
    bool stopped_ = false;
    std::uint64_t salt_ = 0;
    const Officer* specialist_ = nullptr;
};

void Player::Sign(domain::Action& a, bool by_applicant) const {
    if (by_applicant) {
        a.actor_id = plan_.citizen_user_id;
        a.actor_name = d_.applicant.name;
        a.actor_unit_id = d_.receiving_unit_id;
        a.by_applicant = true;
        return;
    }
    const domain::Role role = domain::ActionRole(a.kind);
    const Officer* who = nullptr;
    switch (role) {
        case domain::Role::kDeskOfficer:
            who = &OneOf(Unit(plan_.desk).desk_officers, salt_);
            break;
        case domain::Role::kSpecialist:
            who = specialist_;
            break;
        case domain::Role::kLeader:
            who = &OneOf(Unit(plan_.settling).leaders, salt_);
            break;
        default:
            a.actor_name = "Hệ thống";
            return;
    }
    a.actor_id = who->id;
    a.actor_name = who->name;
    a.actor_unit_id = internal::ActionUnit(d_, a);
}

void Player::Apply(const domain::Action& a) {
    auto t = domain::Apply(d_, a, ctx_);
    if (!t) {
        return;  // the sweep found nothing to do
    }
    d_ = std::move(t->dossier);
    t->event.seq = static_cast<std::int64_t>(events_.size()) + 1;
    events_.push_back(std::move(t->event));
}

void Player::Sweep(sys_seconds until) {
    until = std::min(until, cutoff_);
    if (!d_.due_at || d_.finished_at) {
        return;
    }
    if (!d_.warned_at && domain::ClockRunning(d_)) {
        const sys_seconds w = Tick(std::max(d_.updated_at, *d_.due_at - 4 * kHour));
        if (w < until) {
            domain::Action a;
            a.kind = ActionKind::kWarn;
            a.at = w;
            a.actor_name = "Hệ thống";
            Apply(a);
        }
    }
    if (!d_.late && d_.due_at && d_.state != DossierState::kReturnedForSupplement) {
        const sys_seconds m = Tick(std::max(d_.updated_at, *d_.due_at + seconds{1}));
        if (m < until) {
            domain::Action a;
            a.kind = ActionKind::kMarkLate;
            a.at = m;
            a.actor_name = "Hệ thống";
            Apply(a);
        }
    }
}

bool Player::Act(domain::Action a, bool by_applicant) {
    if (stopped_) {
        return false;
    }
    a.at = std::max(a.at, d_.updated_at);
    Sweep(a.at);
    a.at = std::max(a.at, d_.updated_at);
    if (a.at >= cutoff_) {
        stopped_ = true;
        return false;
    }
    Sign(a, by_applicant);
    auto t = domain::Apply(d_, a, ctx_);
    if (!t) {
        ++refused_;
        stopped_ = true;
        return false;
    }
    d_ = std::move(t->dossier);
    t->event.seq = static_cast<std::int64_t>(events_.size()) + 1;
    events_.push_back(std::move(t->event));
    return true;
}

// From the agency's receipt to the result: appraisal, optional pause or return for supplement,
// approval, the result, and the return. The result comes at q × the working time left (q > 1:
// late), or with q = 0 on the deadline's own civil day (on time).
bool Player::Processing(double q) {
    sys_seconds start = d_.updated_at;
    const double on_day = rng_.Uniform();
    const auto finish_from = [&](sys_seconds from) {
        const double left = d_.due_at ? std::max(Left(from, *d_.due_at), 60.0) : Day();
        if (q > 0 || !d_.due_at) {
            return Work(from, q * left);
        }
        // Within the working hours of the due day before the deadline.
        const sys_seconds midnight =
            std::chrono::floor<std::chrono::days>(*d_.due_at + 7 * kHour) - 7 * kHour;
        const double that_day = Left(std::max(midnight, from), *d_.due_at);
        return Work(from, std::max(0.0, left - on_day * 0.9 * that_day));
    };
    sys_seconds finish = finish_from(start);
    if (rng_.Chance(0.05)) {  // returned for supplement after appraisal, within 3 working days
        domain::Action a;
        a.kind = ActionKind::kRequestSupplement;
        a.at = Work(start, rng_.Range(0.1, 2.5) * Day());
        a.reason = "Giấy tờ chứng minh đủ điều kiện chưa hợp lệ, đề nghị bổ sung";
        if (!Act(a)) {
            return false;
        }
        const bool online = d_.channel == domain::Channel::kOnline;
        if (!Do(ActionKind::kSupplement, Work(d_.updated_at, rng_.Range(0.5, 8) * Day()), online)) {
            return false;
        }
        start = d_.updated_at;
        finish = finish_from(start);
    }
    if (rng_.Chance(0.02)) {  // paused (e.g. waiting for an expert opinion), then resumed
        domain::Action a;
        a.kind = ActionKind::kPause;
        a.at = Work(start, 0.3 * Left(start, finish));
        a.reason = "Chờ kết quả xác minh của cơ quan liên quan";
        if (!Act(a) || !Do(ActionKind::kResume, Work(d_.updated_at, rng_.Range(1, 10) * Day()))) {
            return false;
        }
        start = d_.updated_at;
        finish = finish_from(start);
    }
    const double span = Left(start, finish);
    if (!Do(ActionKind::kCompleteStep, Work(start, rng_.Range(0.4, 0.65) * span)) ||
        !Do(ActionKind::kApprove, Work(start, rng_.Range(0.7, 0.95) * span))) {
        return false;
    }
    domain::Action result;
    result.kind = ActionKind::kRecordResult;
    result.at = finish;
    result.result_summary = "Văn bản số " + std::to_string(rng_.Between(1, 9999)) + "/QĐ";
    if (!Act(result)) {
        return false;
    }
    domain::Action ret;
    ret.kind = ActionKind::kReturnResult;
    const double r = rng_.Uniform();
    ret.at = Work(finish, (r < 0.85 ? rng_.Range(0, 1) : rng_.Range(1, 3)) * Day());
    const double m = rng_.Uniform();
    switch (d_.channel) {
        case domain::Channel::kOnline:
            ret.return_method = m < 0.6 ? "online" : m < 0.7 ? "postal" : "direct";
            break;
        case domain::Channel::kPostal:
            ret.return_method = m < 0.8 ? "postal" : "direct";
            break;
        case domain::Channel::kDirect:
            ret.return_method = m < 0.95 ? "direct" : "postal";
            break;
    }
    return Act(ret);
}

base::Result<Outcome> Player::Run() {
    const domain::Procedure& p = proc_.procedure;
    salt_ = rng_.Next();
    specialist_ = &OneOf(Unit(plan_.settling).specialists, salt_ >> 8U);
    auto rules = domain::RuleBook::Embedded()->InForceAt(plan_.start);
    if (!rules) {
        return std::move(rules).error();
    }
    ctx_.rules = *rules;
    ctx_.calendar = &cal_;
    ctx_.process = proc_.process.get();
    ctx_.resolve_unit = [](std::string_view) { return std::optional<std::int64_t>{}; };

    domain::Dossier draft;
    draft.code = plan_.code;
    draft.rule_set_id = (*rules)->id;
    draft.procedure_code = p.code;
    draft.procedure_name = p.name;
    draft.process_id = proc_.process->id;
    draft.receiving_unit_id = Unit(plan_.desk).unit.id;
    draft.settling_unit_id = Unit(plan_.settling).unit.id;
    // Home of a commune desk is its commune; of the centre's counters, the province.
    const int desk_parent = Unit(plan_.desk).parent;
    const bool commune_desk =
        desk_parent >= 0 && Unit(desk_parent).unit.type == domain::UnitType::kCommune;
    draft.boundary_free = commune_desk && desk_parent != plan_.settling;
    draft.channel = plan_.channel;
    draft.applicant = MakeApplicant(plan_.applicant);
    for (const domain::RequiredDocument& doc : p.documents) {
        draft.components.push_back(domain::Component{doc.name, 1, 0, 0, true, doc.note});
    }
    draft.fee_amount = p.fee_amount;
    draft.processing_milli = p.processing_milli;
    draft.time_unit = static_cast<int>(p.time_unit);
    constexpr std::string_view kAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    for (int i = 0; i < 8; ++i) {
        draft.lookup_secret.push_back(kAlphabet[rng_.Next() % kAlphabet.size()]);
    }
    draft.citizen_user_id = plan_.citizen_user_id;

    const bool online = plan_.channel == domain::Channel::kOnline;
    const double fate = rng_.Uniform();
    const bool refuse = fate < 0.01;
    const bool withdraw = fate >= 0.01 && fate < 0.02;
    const bool incomplete = fate >= 0.02 && fate < 0.12;

    domain::Action open;
    open.kind = online ? ActionKind::kSubmit : ActionKind::kReceive;
    open.at = plan_.start;
    if (!online) {
        open.completeness = refuse       ? domain::Completeness::kRefuse
                            : incomplete ? domain::Completeness::kIncomplete
                                         : domain::Completeness::kComplete;
    }
    {
        d_ = draft;  // Sign reads the receiving unit from d_
        Sign(open, online);
        if (open.completeness == domain::Completeness::kRefuse) {
            open.reason = "Hồ sơ không thuộc phạm vi giải quyết của thủ tục";
        } else if (open.completeness == domain::Completeness::kIncomplete) {
            open.reason = "Thiếu giấy tờ chứng minh đủ điều kiện";
        }
        auto t = domain::Open(std::move(draft), open, ctx_);
        if (!t) {
            return std::move(t).error();
        }
        d_ = std::move(t->dossier);
        t->event.seq = 1;
        events_.push_back(std::move(t->event));
    }
    [&] {
        if (online) {
            if (withdraw && rng_.Chance(0.5)) {  // withdrawn before the desk's check
                Do(ActionKind::kWithdraw,
                   plan_.start + seconds{rng_.Between(600, std::int64_t{2} * 86400)}, true);
                return;
            }
            domain::Action check;
            check.kind = ActionKind::kReceive;
            check.at = Work(plan_.start, rng_.Range(600, 6 * 3600));
            check.completeness = refuse       ? domain::Completeness::kRefuse
                                 : incomplete ? domain::Completeness::kIncomplete
                                              : domain::Completeness::kComplete;
            check.reason = refuse ? "Hồ sơ không thuộc phạm vi giải quyết của thủ tục"
                           : incomplete ? "Thiếu giấy tờ chứng minh đủ điều kiện"
                                        : "";
            if (!Act(check)) {
                return;
            }
        }
        if (d_.state == DossierState::kAwaitingSupplement) {
            if (!Do(ActionKind::kSupplement, Work(d_.updated_at, rng_.Range(0.1, 5) * Day()),
                    online)) {
                return;
            }
            if (online) {  // the desk checks the supplemented dossier again
                domain::Action check;
                check.kind = ActionKind::kReceive;
                check.at = Work(d_.updated_at, rng_.Range(600, 4 * 3600));
                if (!Act(check)) {
                    return;
                }
            }
        }
        if (d_.state != DossierState::kReceived) {
            return;  // refused at receipt
        }
        if (withdraw) {  // withdrawn after receipt, before the transfer
            Do(ActionKind::kWithdraw, Work(d_.updated_at, rng_.Range(600, 3 * 3600)), online);
            return;
        }
        // Short deadlines (immediate results, 1 day) leave little time before the appraisal:
        // the hand-over and the assignment take at most a tenth of what is left each.
        const auto budget = [&](double wanted) {
            return d_.due_at ? std::min(wanted, 0.1 * Left(d_.updated_at, *d_.due_at)) : wanted;
        };
        const double window =
            d_.transfer_due_at ? Left(d_.updated_at, *d_.transfer_due_at) : 3600.0;
        if (!Do(ActionKind::kTransfer,
                Work(d_.updated_at, budget(rng_.Range(300, std::max(600.0, 0.9 * window)))))) {
            return;
        }
        domain::Action assign;
        assign.kind = ActionKind::kAssign;
        assign.at = Work(d_.updated_at, budget(rng_.Range(300, 2 * 3600)));
        assign.assignee_id = specialist_->id;
        if (!Act(assign)) {
            return;
        }
        // ~6% late in all: missed deadlines here, plus the dossiers made late by a second
        // supplement request; ~25% on the deadline's day; the rest early.
        const double r = rng_.Uniform();
        const double q = r < 0.055  ? rng_.Range(1.05, 1.8)
                         : r < 0.30 ? 0.0
                                    : rng_.Range(0.15, 0.95);
        Processing(q);
    }();
    Sweep(cutoff_);
    Outcome out;
    Extras(out);
    out.dossier = std::move(d_);
    out.dossier.version = static_cast<std::int64_t>(events_.size());
    out.events = std::move(events_);
    out.refused_actions = refused_;
    return out;
}

// Payment, rating and outside facts of a played dossier.
void Player::Extras(Outcome& out) {
    const bool online = d_.channel == domain::Channel::kOnline;
    if (d_.fee_amount > 0 && d_.received_at) {
        store::payments::Payment pay;
        pay.order_ref = "GEN-" + d_.code;
        pay.amount = d_.fee_amount;
        pay.status = store::payments::Status::kPaid;
        const bool gateway = online && rng_.Chance(0.7);
        pay.method = gateway ? store::payments::Method::kOnline : store::payments::Method::kCash;
        pay.provider = gateway ? "sandbox" : "desk";
        const sys_seconds at =
            gateway ? *d_.submitted_at + seconds{rng_.Between(120, 1800)} : *d_.received_at;
        if (gateway) {
            pay.provider_txn = "SBX" + d_.code;
            pay.created_by = plan_.citizen_user_id;
        } else {
            pay.created_by = OneOf(Unit(plan_.desk).desk_officers, salt_).id;
        }
        pay.created_at = at;
        pay.paid_at = at;
        pay.updated_at = at;
        if (at < cutoff_) {
            out.payment = std::move(pay);
        }
    }
    if (d_.state == DossierState::kReturned && d_.returned_at && rng_.Chance(0.3)) {
        store::ratings::Rating r;
        r.rated_at = *d_.returned_at + seconds{rng_.Between(600, std::int64_t{3} * 86400)};
        using domain::evaluation::Satisfaction;
        const double s = rng_.Uniform();
        r.answers.satisfaction = d_.late ? (s < 0.4   ? Satisfaction::kDissatisfied
                                            : s < 0.8 ? Satisfaction::kSatisfied
                                                      : Satisfaction::kVerySatisfied)
                                         : (s < 0.05   ? Satisfaction::kDissatisfied
                                            : s < 0.55 ? Satisfaction::kSatisfied
                                                       : Satisfaction::kVerySatisfied);
        r.answers.contacts = online ? (rng_.Chance(0.8) ? 0 : 1) : (rng_.Chance(0.7) ? 1 : 2);
        r.answers.bodies_contacted = online ? 0 : (rng_.Chance(0.9) ? 1 : 2);
        r.answers.complaint = rng_.Chance(d_.late ? 0.05 : 0.01);
        if (online) {
            r.channel = domain::evaluation::RatingChannel::kOnline;
            r.rated_by_user_id = plan_.citizen_user_id;
        } else if (rng_.Chance(0.7)) {
            r.channel = domain::evaluation::RatingChannel::kDevice;
        } else {
            r.channel = domain::evaluation::RatingChannel::kPaper;
            r.rated_by_user_id = OneOf(Unit(plan_.desk).desk_officers, salt_).id;
        }
        r.settling_unit_id = d_.settling_unit_id;
        r.receiving_unit_id = d_.receiving_unit_id;
        for (const domain::DossierEvent& e : events_) {
            if (e.actor_id && e.actor_id != plan_.citizen_user_id) {
                r.officer_ids.push_back(*e.actor_id);
            }
        }
        std::sort(r.officer_ids.begin(), r.officer_ids.end());
        r.officer_ids.erase(std::unique(r.officer_ids.begin(), r.officer_ids.end()),
                            r.officer_ids.end());
        if (r.rated_at < cutoff_) {
            out.rating = std::move(r);
        }
    }
    if (d_.received_at) {
        store::dossier_facts::Facts f;
        const auto before_cutoff = [&](sys_seconds t) -> std::optional<sys_seconds> {
            return t < cutoff_ ? std::optional<sys_seconds>{t} : std::nullopt;
        };
        if (rng_.Chance(0.95)) {
            f.synced_at = before_cutoff(*d_.received_at + seconds{rng_.Between(60, 86400)});
        }
        if (rng_.Chance(0.6)) {
            f.population_data_at = d_.received_at;
        }
        if (d_.result_kind == "issued" && d_.finished_at && rng_.Chance(0.4)) {
            f.pushed_to_store_at = before_cutoff(*d_.finished_at + kHour);
        }
        f.updated_at = std::max({f.synced_at.value_or(sys_seconds{}),
                                 f.population_data_at.value_or(sys_seconds{}),
                                 f.pushed_to_store_at.value_or(sys_seconds{})});
        if (f.updated_at != sys_seconds{}) {
            out.facts = f;
        }
    }
}

}  // namespace

domain::Applicant MakeApplicant(std::int64_t k) {
    const std::uint64_t h = Mix(static_cast<std::uint64_t>(k) ^ 0x6170706c6963616eULL);
    domain::Applicant a;
    if (h % 100 < 12) {
        a.kind = domain::ApplicantKind::kOrganisation;
        a.name = "Công ty TNHH " + std::string(kCompany[(h >> 8U) % kCompany.size()]) + " " +
                 std::to_string(k + 1);
        a.id_number = "39" + Digits(static_cast<std::uint64_t>(k), 8);
    } else {
        a.kind = domain::ApplicantKind::kPerson;
        const bool woman = (h >> 7U) % 2 == 0;
        a.name = std::string(kFamily[(h >> 8U) % kFamily.size()]) + " " +
                 std::string(woman ? "Thị" : kMiddle[(h >> 16U) % kMiddle.size()]) + " " +
                 std::string(kGiven[(h >> 24U) % kGiven.size()]);
        const std::uint64_t born = 1950 + (h >> 32U) % 56;  // 1950–2005
        const std::uint64_t century = (born >= 2000 ? 2 : 0) + (woman ? 1 : 0);
        a.id_number = "099" + Digits(century, 1) + Digits(born % 100, 2) +
                      Digits(static_cast<std::uint64_t>(k) % 1'000'000, 6);
    }
    a.phone = "09" + Digits((h >> 20U) % 100'000'000, 8);
    a.address = "Tỉnh Thanh Bình";
    return a;
}

base::Result<Outcome> Play(Rng& rng, const Org& org, const Catalogue& catalogue,
                           const calendar::WorkingCalendar& calendar, const DossierPlan& plan,
                           sys_seconds cutoff) {
    Player player(rng, org, catalogue.procedures[static_cast<size_t>(plan.procedure)], calendar,
                  plan, cutoff);
    return player.Run();
}

}  // namespace motcua::app::generate
