#include "app/ratings.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <utility>

#include "app/audit_util.hpp"
#include "app/dossier_access.hpp"
#include "app/indicators.hpp"
#include "calendar/civil_date.hpp"
#include "store/dossiers.hpp"
#include "store/procedures.hpp"
#include "store/units.hpp"
#include "store/users.hpp"

namespace motcua::app {

namespace {

namespace ev = domain::evaluation;
using domain::DossierState;
using domain::Role;

std::optional<domain::Timing> ParseTiming(std::string_view name) {
    for (domain::Timing t : {domain::Timing::kEarly, domain::Timing::kOnTime, domain::Timing::kLate,
                             domain::Timing::kPending}) {
        if (domain::TimingName(t) == name) {
            return t;
        }
    }
    return std::nullopt;
}

std::optional<std::int64_t> ParseUnitId(const std::string& text) {
    if (text.empty()) {
        return std::nullopt;
    }
    std::int64_t v = 0;
    for (char c : text) {
        if (c < '0' || c > '9' || v > (INT64_MAX - 9) / 10) {
            return std::nullopt;
        }
        v = v * 10 + (c - '0');
    }
    return v;
}

std::chrono::sys_days CivilDay(std::chrono::sys_seconds at) {
    return std::chrono::floor<std::chrono::days>(at + calendar::kVietnamOffset);
}

// The scoring table for a dossier: the version in force on the day its result was finished.
base::Result<const ev::ScoringTable*> TableFor(const domain::Dossier& d) {
    const auto day = CivilDay(d.finished_at.value_or(d.updated_at));
    return ev::ScoringBook::Embedded()->InForce(day);
}

base::Error NotVisible() {
    return base::Error{base::ErrorCode::kPermissionDenied, "Bạn không có quyền xem hồ sơ này."};
}

struct Loaded {
    domain::Dossier dossier;
    std::vector<domain::DossierEvent> events;
    std::optional<store::ratings::Rating> rating;
};

// The dossier with `code`, its events and rating, if the actor may see it.
base::Result<Loaded> LoadVisible(store::Transaction& tx, const Actor& actor,
                                 std::string_view code) {
    if (!actor.SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    auto d = store::dossiers::GetByCode(tx, code);
    if (!d) {
        return std::move(d).error();
    }
    if (!*d) {
        return base::NotFound("không có hồ sơ mã " + std::string(code));
    }
    auto visible = internal::MayView(tx, actor, **d);
    if (!visible) {
        return std::move(visible).error();
    }
    if (!*visible) {
        return NotVisible();
    }
    Loaded out;
    out.dossier = std::move(**d);
    auto events = store::dossiers::Events(tx, out.dossier.id);
    if (!events) {
        return std::move(events).error();
    }
    out.events = std::move(*events);
    auto rating = store::ratings::Get(tx, out.dossier.id);
    if (!rating) {
        return std::move(rating).error();
    }
    out.rating = std::move(*rating);
    return out;
}

bool IsOwner(const Actor& actor, const domain::Dossier& d) {
    return actor.SignedIn() && d.citizen_user_id && *d.citizen_user_id == actor.user->id;
}

base::Result<RatingView> View(store::Transaction& tx, const Actor& actor, const Loaded& l) {
    RatingView v;
    v.dossier_id = l.dossier.id;
    v.code = l.dossier.code;
    v.state = l.dossier.state;
    v.rating = l.rating;
    v.is_owner = IsOwner(actor, l.dossier);
    if (l.dossier.state == DossierState::kReturned) {
        auto table = TableFor(l.dossier);
        if (table) {
            v.scoring_table = (*table)->id;
            v.scores = ev::ScoreDossier(EvaluationInput(l.dossier, l.events, l.rating), **table);
        }
        if (!l.rating) {
            if (v.is_owner) {
                v.may_rate = true;
            } else {
                auto desk = internal::HoldsRoleOn(tx, actor, Role::kDeskOfficer,
                                                  l.dossier.receiving_unit_id);
                if (!desk) {
                    return std::move(desk).error();
                }
                v.may_rate = *desk;
            }
        }
    }
    return v;
}

std::string RatingAuditJson(const store::ratings::Rating& r, std::string_view code) {
    std::string officers;
    for (std::int64_t id : r.officer_ids) {
        officers += (officers.empty() ? "" : ",") + std::to_string(id);
    }
    return "{\"code\":" + JsonQuote(code) +
           ",\"channel\":" + JsonQuote(ev::RatingChannelName(r.channel)) +
           ",\"satisfaction\":" + JsonQuote(ev::SatisfactionName(r.answers.satisfaction)) +
           ",\"contacts\":" + std::to_string(r.answers.contacts) +
           ",\"bodies_contacted\":" + std::to_string(r.answers.bodies_contacted) +
           ",\"complaint\":" + (r.answers.complaint ? "true" : "false") + ",\"officers\":[" +
           officers + "]}";
}

// The unit and its subtree (breadth first).
base::Result<std::vector<std::int64_t>> Subtree(store::Transaction& tx, std::int64_t root) {
    std::vector<std::int64_t> out{root};
    std::set<std::int64_t> seen{root};
    std::deque<std::int64_t> queue{root};
    while (!queue.empty()) {
        const std::int64_t id = queue.front();
        queue.pop_front();
        auto children = store::units::Children(tx, id);
        if (!children) {
            return std::move(children).error();
        }
        for (const domain::Unit& c : *children) {
            if (seen.insert(c.id).second) {
                out.push_back(c.id);
                queue.push_back(c.id);
            }
        }
    }
    return out;
}

base::Status MayEvaluate(store::Transaction& tx, const Actor& actor, std::int64_t unit_id) {
    if (!actor.SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    for (Role role : {Role::kLeader, Role::kControlOfficer, Role::kAdmin}) {
        auto holds = internal::HoldsRoleOn(tx, actor, role, unit_id);
        if (!holds) {
            return std::move(holds).error();
        }
        if (*holds) {
            return {};
        }
    }
    return base::Error{base::ErrorCode::kPermissionDenied,
                       "Chỉ lãnh đạo, công chức kiểm soát TTHC hoặc quản trị có phạm vi bao gồm "
                       "đơn vị này mới xem được kết quả đánh giá."};
}

base::Status ValidateFacts(const ev::UnitFacts& f) {
    auto negative = [](const std::optional<int>& v) { return v && *v < 0; };
    if (negative(f.listed_procedures) || negative(f.fully_at_desk_procedures) ||
        negative(f.eligible_procedures) || negative(f.received_at_desk_procedures) ||
        f.pakn_received < 0 || f.pakn_on_time < 0) {
        return base::InvalidArgument("các số lượng không được âm");
    }
    if (f.listed_procedures.has_value() != f.fully_at_desk_procedures.has_value() ||
        f.eligible_procedures.has_value() != f.received_at_desk_procedures.has_value()) {
        return base::InvalidArgument(
            "nhập cả số thủ tục và số thủ tục giải quyết (tiếp nhận) tại Bộ phận Một cửa, hoặc bỏ "
            "trống cả hai");
    }
    if (f.listed_procedures && *f.fully_at_desk_procedures > *f.listed_procedures) {
        return base::InvalidArgument(
            "số thủ tục giải quyết trọn vẹn tại Bộ phận Một cửa không thể lớn hơn số thủ tục trong "
            "danh mục");
    }
    if (f.eligible_procedures && *f.received_at_desk_procedures > *f.eligible_procedures) {
        return base::InvalidArgument(
            "số thủ tục tiếp nhận tại Bộ phận Một cửa không thể lớn hơn số thủ tục đủ điều kiện");
    }
    if (f.pakn_on_time > f.pakn_received) {
        return base::InvalidArgument(
            "số phản ánh, kiến nghị xử lý đúng hạn không thể lớn hơn số đã tiếp nhận");
    }
    return {};
}

std::string FactsAuditJson(const store::ratings::UnitFactsRecord& r, std::string_view code) {
    auto opt = [](const std::optional<int>& v) {
        return v ? std::to_string(*v) : std::string("null");
    };
    auto opt_bool = [](const std::optional<bool>& v) {
        return v ? std::string(*v ? "true" : "false") : std::string("null");
    };
    const ev::UnitFacts& f = r.facts;
    return "{\"unit\":" + JsonQuote(code) +
           ",\"effective_from\":" + JsonQuote(calendar::FormatIsoDate(r.effective_from)) +
           ",\"listed_procedures\":" + opt(f.listed_procedures) +
           ",\"fully_at_desk_procedures\":" + opt(f.fully_at_desk_procedures) +
           ",\"eligible_procedures\":" + opt(f.eligible_procedures) +
           ",\"received_at_desk_procedures\":" + opt(f.received_at_desk_procedures) +
           ",\"published_posted\":" + opt_bool(f.published_posted) +
           ",\"published_electronic\":" + opt_bool(f.published_electronic) +
           ",\"pakn_received\":" + std::to_string(f.pakn_received) +
           ",\"pakn_on_time\":" + std::to_string(f.pakn_on_time) + "}";
}

}  // namespace

ev::DossierInput EvaluationInput(const domain::Dossier& d,
                                 const std::vector<domain::DossierEvent>& events,
                                 const std::optional<store::ratings::Rating>& rating) {
    ev::DossierInput in;
    in.dossier_id = d.id;
    in.code = d.code;
    in.receiving_unit_id = d.receiving_unit_id;
    in.settling_unit_id = d.settling_unit_id;
    in.state = d.state;
    in.channel = d.channel;
    in.timing = d.timing;
    in.late = d.late;
    in.supplement_requests = d.supplements_at_receipt + d.returns_after_appraisal;
    if (rating) {
        in.rating = rating->answers;
    }
    std::set<std::int64_t> officers;
    for (const domain::DossierEvent& e : events) {
        for (const auto& [name, value] : e.details) {
            std::optional<std::int64_t> unit;
            if (name == "step_timing") {
                unit = e.unit_id;
            } else if (name == "handover_timing" ||
                       (name == "timing" && e.action == domain::ActionKind::kAnswer)) {
                unit = ParseUnitId(e.Detail("from_unit"));
            }
            if (!unit) {
                continue;
            }
            if (auto t = ParseTiming(value)) {
                in.steps.push_back({*unit, *t});
            }
        }
        const bool system =
            e.action == domain::ActionKind::kWarn || e.action == domain::ActionKind::kMarkLate;
        if (e.actor_id && !system && (!d.citizen_user_id || *e.actor_id != *d.citizen_user_id)) {
            officers.insert(*e.actor_id);
        }
    }
    in.officers.assign(officers.begin(), officers.end());
    return in;
}

base::Result<RatingView> RateDossier(AppContext& ctx, const Actor& actor, std::string_view code,
                                     RatingRequest request) {
    auto answers = ev::ValidateAnswers(std::move(request.answers));
    if (!answers) {
        return std::move(answers).error();
    }
    const auto now = ctx.clock->Now();
    return InWriteTransaction<RatingView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<RatingView> {
            auto loaded = LoadVisible(tx, actor, code);
            if (!loaded) {
                return std::move(loaded).error();
            }
            const domain::Dossier& d = loaded->dossier;
            const bool owner = IsOwner(actor, d);
            const ev::RatingChannel channel = request.channel.value_or(
                owner ? ev::RatingChannel::kOnline : ev::RatingChannel::kPaper);
            if (channel == ev::RatingChannel::kOnline) {
                if (!owner) {
                    return base::Error{base::ErrorCode::kPermissionDenied,
                                       "Chỉ người nộp hồ sơ trực tuyến mới đánh giá trực tuyến "
                                       "được; cán bộ một cửa nhập phiếu giấy (paper) hoặc kết quả "
                                       "thiết bị đánh giá (device)."};
                }
            } else {
                auto desk =
                    internal::HoldsRoleOn(tx, actor, Role::kDeskOfficer, d.receiving_unit_id);
                if (!desk) {
                    return std::move(desk).error();
                }
                if (!*desk) {
                    return base::Error{base::ErrorCode::kPermissionDenied,
                                       "Chỉ cán bộ Bộ phận Một cửa nơi tiếp nhận hồ sơ mới nhập "
                                       "được phiếu đánh giá giấy hoặc từ thiết bị đánh giá."};
                }
            }
            if (d.state != DossierState::kReturned) {
                return base::Error{base::ErrorCode::kFailedPrecondition,
                                   "chỉ đánh giá được sau khi đã trả kết quả; hồ sơ " + d.code +
                                       " đang ở trạng "
                                       "thái \"" +
                                       std::string(domain::DossierStateLabel(d.state)) + "\""};
            }
            if (loaded->rating) {
                return base::Error{
                    base::ErrorCode::kAlreadyExists,
                    "hồ sơ " + d.code + " đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần"};
            }
            store::ratings::Rating r;
            r.dossier_id = d.id;
            r.rated_by_user_id = actor.user->id;
            r.channel = channel;
            r.answers = *answers;
            r.rated_at = now;
            r.settling_unit_id = d.settling_unit_id;
            r.receiving_unit_id = d.receiving_unit_id;
            r.officer_ids = EvaluationInput(d, loaded->events, std::nullopt).officers;
            if (base::Status s = store::ratings::Insert(tx, r); !s) {
                return s.error();
            }
            if (base::Status s = internal::RefreshIndicators(tx, d.id); !s) {
                return s.error();
            }
            if (base::Status s = Audit(tx, actor, now, "rating.create", "dossier",
                                       std::to_string(d.id), RatingAuditJson(r, d.code));
                !s) {
                return s.error();
            }
            loaded->rating = std::move(r);
            return View(tx, actor, *loaded);
        });
}

base::Result<RatingView> GetRating(AppContext& ctx, const Actor& actor, std::string_view code) {
    return InReadTransaction<RatingView>(*ctx.db,
                                         [&](store::Transaction& tx) -> base::Result<RatingView> {
                                             auto loaded = LoadVisible(tx, actor, code);
                                             if (!loaded) {
                                                 return std::move(loaded).error();
                                             }
                                             return View(tx, actor, *loaded);
                                         });
}

base::Result<Evaluation> Evaluate(AppContext& ctx, const Actor& actor,
                                  const EvaluationQuery& query) {
    if (query.to < query.from) {
        return base::InvalidArgument("ngày bắt đầu (from) phải trước hoặc bằng ngày kết thúc (to)");
    }
    if ((query.to - query.from).count() + 1 > kMaxEvaluationDays) {
        return base::InvalidArgument("kỳ đánh giá dài tối đa " +
                                     std::to_string(kMaxEvaluationDays) + " ngày");
    }
    auto table = ev::ScoringBook::Embedded()->InForce(query.to);
    if (!table) {
        return std::move(table).error();
    }
    return InReadTransaction<Evaluation>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<Evaluation> {
            if (!actor.SignedIn()) {
                return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
            }
            auto unit = store::units::GetByCode(tx, query.unit_code);
            if (!unit) {
                return std::move(unit).error();
            }
            if (!*unit) {
                return base::NotFound("không có đơn vị mã " + query.unit_code);
            }
            if (base::Status s = MayEvaluate(tx, actor, (*unit)->id); !s) {
                return s.error();
            }
            Evaluation out;
            out.unit = **unit;
            out.from = query.from;
            out.to = query.to;
            out.scoring_table = (*table)->id;
            auto units = Subtree(tx, out.unit.id);
            if (!units) {
                return std::move(units).error();
            }
            const auto begin = std::chrono::sys_seconds{query.from} - calendar::kVietnamOffset;
            const auto end = std::chrono::sys_seconds{query.to + std::chrono::days{1}} -
                             calendar::kVietnamOffset;
            auto ids = store::ratings::ReturnedDossiers(tx, *units, begin, end,
                                                        kMaxEvaluationDossiers + 1);
            if (!ids) {
                return std::move(ids).error();
            }
            if (static_cast<int>(ids->size()) > kMaxEvaluationDossiers) {
                return base::InvalidArgument(
                    "kỳ đánh giá có quá nhiều hồ sơ; hãy chọn kỳ ngắn hơn hoặc đơn vị nhỏ hơn");
            }
            auto ratings = store::ratings::ForDossiers(tx, *ids);
            if (!ratings) {
                return std::move(ratings).error();
            }
            std::map<std::int64_t, store::ratings::Rating> rating_of;
            for (store::ratings::Rating& r : *ratings) {
                rating_of.emplace(r.dossier_id, std::move(r));
            }
            std::vector<ev::DossierInput> inputs;
            std::set<std::string> procedures;
            for (std::int64_t id : *ids) {
                auto d = store::dossiers::Get(tx, id);
                if (!d) {
                    return std::move(d).error();
                }
                if (!*d) {
                    continue;
                }
                auto events = store::dossiers::Events(tx, id);
                if (!events) {
                    return std::move(events).error();
                }
                std::optional<store::ratings::Rating> rating;
                if (auto it = rating_of.find(id); it != rating_of.end()) {
                    rating = it->second;
                    ++out.rated;
                }
                if ((*d)->channel == domain::Channel::kOnline) {
                    ++out.online_dossiers;
                }
                procedures.insert((*d)->procedure_code);
                inputs.push_back(EvaluationInput(**d, *events, rating));
            }
            out.dossiers = static_cast<int>(inputs.size());

            ev::UnitFacts facts;
            auto recorded = store::ratings::UnitFactsOn(tx, out.unit.id, query.to);
            if (!recorded) {
                return std::move(recorded).error();
            }
            if (*recorded) {
                facts = (*recorded)->facts;
                out.facts_recorded = true;
            }
            // Index 9: the procedures the period's dossiers concern, and which are offered online.
            for (const std::string& code : procedures) {
                auto p = store::procedures::GetInForce(tx, code, query.to);
                if (!p) {
                    return std::move(p).error();
                }
                ++facts.procedures;
                if (*p && (*p)->online_level != domain::OnlineLevel::kNone) {
                    ++facts.online_procedures;
                }
            }
            out.result = ev::EvaluateUnit(inputs, facts, **table);
            for (const ev::OfficerResult& o : out.result.officers) {
                OfficerEvaluation oe;
                oe.result = o;
                auto user = store::users::Get(tx, o.user_id);
                if (!user) {
                    return std::move(user).error();
                }
                if (*user) {
                    oe.name = (*user)->display_name;
                    oe.username = (*user)->username;
                }
                out.officers.push_back(std::move(oe));
            }
            std::stable_sort(out.officers.begin(), out.officers.end(),
                             [](const OfficerEvaluation& a, const OfficerEvaluation& b) {
                                 return a.result.total_tenths > b.result.total_tenths;
                             });
            return out;
        });
}

base::Result<store::ratings::UnitFactsRecord> RecordUnitFacts(
    AppContext& ctx, const Actor& actor, std::string_view unit_code,
    store::ratings::UnitFactsRecord record) {
    if (base::Status s = ValidateFacts(record.facts); !s) {
        return s.error();
    }
    const auto now = ctx.clock->Now();
    return InWriteTransaction<store::ratings::UnitFactsRecord>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<store::ratings::UnitFactsRecord> {
            if (!actor.SignedIn()) {
                return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
            }
            auto unit = store::units::GetByCode(tx, unit_code);
            if (!unit) {
                return std::move(unit).error();
            }
            if (!*unit) {
                return base::NotFound("không có đơn vị mã " + std::string(unit_code));
            }
            bool allowed = false;
            for (Role role : {Role::kControlOfficer, Role::kAdmin}) {
                auto holds = internal::HoldsRoleOn(tx, actor, role, (*unit)->id);
                if (!holds) {
                    return std::move(holds).error();
                }
                allowed = allowed || *holds;
            }
            if (!allowed) {
                return base::Error{base::ErrorCode::kPermissionDenied,
                                   "Chỉ công chức kiểm soát TTHC hoặc quản trị có phạm vi bao gồm "
                                   "đơn vị này mới ghi nhận được số liệu đánh giá."};
            }
            record.unit_id = (*unit)->id;
            record.recorded_by_user_id = actor.user->id;
            record.recorded_at = now;
            record.facts.procedures = 0;
            record.facts.online_procedures = 0;
            if (base::Status s = store::ratings::PutUnitFacts(tx, record); !s) {
                return s.error();
            }
            if (base::Status s =
                    Audit(tx, actor, now, "evaluation_facts.put", "unit",
                          std::to_string(record.unit_id), FactsAuditJson(record, unit_code));
                !s) {
                return s.error();
            }
            return record;
        });
}

}  // namespace motcua::app
