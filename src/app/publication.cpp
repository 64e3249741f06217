#include "app/publication.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "app/dossier_access.hpp"
#include "app/report_scope.hpp"
#include "calendar/working_time.hpp"
#include "store/aggregates.hpp"
#include "store/publication.hpp"
#include "store/units.hpp"

namespace motcua::app {

namespace {

namespace ind = domain::indicators;
namespace r06 = domain::report06;
namespace pub = store::publication;
using std::chrono::sys_seconds;

base::Result<r06::Period> ParseMonth(const std::string& month) {
    if (month.empty()) {
        return base::InvalidArgument("thiếu tháng (dạng YYYY-MM, ví dụ 2026-10)");
    }
    auto period = r06::ParsePeriod(month);
    if (!period || period->kind != r06::PeriodKind::kMonth) {
        return base::InvalidArgument("tháng “" + month +
                                     "” không hợp lệ (dạng YYYY-MM, ví dụ 2026-10)");
    }
    return *period;
}

// The unit by code, authorised for `actor` when given; its subtree's ids.
struct Scoped {
    domain::Unit unit;
    std::vector<domain::Unit> units;
    std::vector<std::int64_t> ids;
};
base::Result<Scoped> ScopedUnit(store::Transaction& tx, const Actor* actor,
                                const std::string& unit_code) {
    if (actor != nullptr && !actor->SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    if (unit_code.empty()) {
        return base::InvalidArgument("thiếu mã đơn vị (unit)");
    }
    auto unit = store::units::GetByCode(tx, unit_code);
    if (!unit) {
        return std::move(unit).error();
    }
    if (!*unit) {
        return base::NotFound("không có đơn vị mã " + unit_code);
    }
    if (actor != nullptr) {
        if (base::Status s = internal::MayReport(tx, *actor, (*unit)->id); !s) {
            return s.error();
        }
    }
    auto units = internal::Subtree(tx, **unit);
    if (!units) {
        return std::move(units).error();
    }
    Scoped out{std::move(**unit), std::move(*units), {}};
    for (const domain::Unit& u : out.units) {
        out.ids.push_back(u.id);
    }
    return out;
}

r06::Period MonthBefore(r06::Period p, int months) {
    int index = p.year * 12 + (p.index - 1) - months;
    return r06::Period{r06::PeriodKind::kMonth, index / 12, index % 12 + 1};
}

// RFC 4180 field.
std::string CsvField(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(text);
    }
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
    return out;
}

void CsvLine(std::string& out, std::initializer_list<std::string> fields) {
    bool first = true;
    for (const std::string& f : fields) {
        if (!first) {
            out += ',';
        }
        first = false;
        out += CsvField(f);
    }
    out += "\r\n";
}

void CardLines(std::string& out, const domain::Unit& unit, const std::string& rank,
               const ind::Scorecard& card) {
    CsvLine(out, {unit.name, unit.code, rank, "", "Tổng điểm", "", "", "",
                  FormatHundredths(card.points_hundredths), "100", ""});
    for (const ind::Group& g : card.groups) {
        for (const ind::Value& v : g.values) {
            CsvLine(out,
                    {unit.name, unit.code, rank, v.id, v.label, std::to_string(v.numerator),
                     std::to_string(v.denominator),
                     v.rate_hundredths ? FormatHundredths(*v.rate_hundredths) : std::string(),
                     FormatHundredths(v.points_hundredths), std::to_string(v.max_points),
                     v.rate_hundredths ? v.note : (v.note.empty() ? "Chưa có dữ liệu" : v.note)});
        }
    }
}

}  // namespace

std::string FormatHundredths(std::int64_t value) {
    const bool negative = value < 0;
    const std::int64_t v = negative ? -value : value;
    std::string out = (negative ? "-" : "") + std::to_string(v / 100) + ",";
    const std::int64_t frac = v % 100;
    out += static_cast<char>('0' + frac / 10);
    out += static_cast<char>('0' + frac % 10);
    return out;
}

base::Result<IndicatorTrend> MonthlyTrend(AppContext& ctx, const Actor& actor,
                                          const std::string& unit_code, const std::string& month) {
    auto last = ParseMonth(month);
    if (!last) {
        return std::move(last).error();
    }
    return InReadTransaction<IndicatorTrend>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<IndicatorTrend> {
            auto scoped = ScopedUnit(tx, &actor, unit_code);
            if (!scoped) {
                return std::move(scoped).error();
            }
            IndicatorTrend trend;
            trend.unit = scoped->unit;
            for (int back = 11; back >= 0; --back) {
                const r06::Period p = MonthBefore(*last, back);
                const r06::Window w = r06::Resolve(p, r06::WindowRule::kCalendar);
                auto by_unit = store::aggregates::SumsByUnit(tx, scoped->ids, ind::ToDay(w.from),
                                                             ind::ToDay(w.to));
                if (!by_unit) {
                    return std::move(by_unit).error();
                }
                ind::Sums sums;
                for (const auto& [id, s] : *by_unit) {
                    sums.Add(s);
                }
                const r06::Cells c = ind::CellsFrom(sums);
                MonthPoint m;
                m.year = p.year;
                m.month = p.index;
                m.on_time = c.early + c.on_time + c.within;
                m.handled = c.Received();
                m.on_time_rate = ind::Rate(m.on_time, m.handled);
                m.online = sums.In(ind::Metric::kOnlineWithEResult);
                m.received = sums.In(ind::Metric::kReceivedOnline) +
                             sums.In(ind::Metric::kReceivedDirect) +
                             sums.In(ind::Metric::kReceivedPostal);
                m.online_rate = ind::Rate(m.online, m.received);
                trend.months.push_back(m);
            }
            return trend;
        });
}

base::Result<BacklogReport> Backlog(AppContext& ctx, const Actor& actor,
                                    const std::string& unit_code) {
    const sys_seconds now = ctx.clock->Now();
    return InReadTransaction<BacklogReport>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<BacklogReport> {
            auto scoped = ScopedUnit(tx, &actor, unit_code);
            if (!scoped) {
                return std::move(scoped).error();
            }
            auto open = pub::OpenDossiers(tx, scoped->ids);
            if (!open) {
                return std::move(open).error();
            }
            BacklogReport out;
            out.unit = scoped->unit;
            for (const pub::OpenDossier& d : *open) {
                if (!d.due_at || *d.due_at >= now) {
                    if (d.late) {
                        ++out.overdue_1_5;
                    } else {
                        ++out.not_due;
                    }
                    continue;
                }
                auto cal = internal::CalendarFor(d.settling_unit_id);
                if (!cal) {
                    return std::move(cal).error();
                }
                auto worked = (*cal)->WorkingTimeBetween(*d.due_at, now);
                if (!worked) {
                    return std::move(worked).error();
                }
                const std::int64_t day = (*cal)->WorkingDayLength().count();
                const std::int64_t days =
                    std::max<std::int64_t>(1, day > 0 ? (worked->count() + day - 1) / day : 1);
                if (days <= 5) {
                    ++out.overdue_1_5;
                } else if (days <= 10) {
                    ++out.overdue_6_10;
                } else {
                    ++out.overdue_more;
                }
            }
            return out;
        });
}

base::Result<Publication> MonthlyPublication(AppContext& ctx, const std::string& unit_code,
                                             const std::string& month) {
    auto period = ParseMonth(month);
    if (!period) {
        return std::move(period).error();
    }
    const r06::Window window = r06::Resolve(*period, r06::WindowRule::kCalendar);
    if (window.End() > ctx.clock->Now()) {
        return base::InvalidArgument("tháng " + month +
                                     " chưa kết thúc: chỉ công khai kết quả của tháng đã qua");
    }
    auto indicators =
        IndicatorsAsSystem(ctx, IndicatorQuery{unit_code, month, r06::WindowRule::kCalendar});
    if (!indicators) {
        return std::move(indicators).error();
    }
    return InReadTransaction<Publication>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<Publication> {
            auto scoped = ScopedUnit(tx, nullptr, unit_code);
            if (!scoped) {
                return std::move(scoped).error();
            }
            Publication out;
            out.month = r06::FormatPeriod(*period);
            out.window = window;
            out.indicators = std::move(*indicators);
            auto candidates = pub::LateCandidates(tx, scoped->ids, window.Begin(), window.End());
            if (!candidates) {
                return std::move(candidates).error();
            }
            const sys_seconds end = window.End();
            std::map<std::int64_t, LateUnit> by_unit;
            std::map<std::int64_t, std::int64_t> by_officer;
            for (const pub::LateCandidate& d : *candidates) {
                const bool finished_inside = d.finished_at && *d.finished_at < end;
                bool late = false;
                if (finished_inside) {
                    late = d.late || d.timing == "late";
                } else {
                    late = (d.due_at && *d.due_at < end) || (!d.finished_at && d.late);
                }
                if (!late) {
                    continue;
                }
                ++out.late_dossiers;
                LateUnit& lu = by_unit[d.settling_unit_id];
                lu.codes.push_back(d.code);
                std::vector<std::int64_t> officers;
                if (d.assignee_id) {
                    officers.push_back(*d.assignee_id);
                } else {
                    auto acting =
                        pub::StaffActingAfter(tx, d.id, d.due_at.value_or(window.Begin()));
                    if (!acting) {
                        return std::move(acting).error();
                    }
                    officers = std::move(*acting);
                }
                for (const std::int64_t id : officers) {
                    ++by_officer[id];
                }
            }
            for (auto& [unit_id, lu] : by_unit) {
                auto it =
                    std::find_if(scoped->units.begin(), scoped->units.end(),
                                 [id = unit_id](const domain::Unit& u) { return u.id == id; });
                if (it != scoped->units.end()) {
                    lu.unit = *it;
                }
                std::sort(lu.codes.begin(), lu.codes.end());
                out.late_units.push_back(std::move(lu));
            }
            std::stable_sort(out.late_units.begin(), out.late_units.end(),
                             [](const LateUnit& a, const LateUnit& b) {
                                 return a.codes.size() > b.codes.size();
                             });
            std::map<std::int64_t, std::string> unit_names;
            for (const auto& [user_id, count] : by_officer) {
                auto officer = pub::OfficerOf(tx, user_id);
                if (!officer) {
                    return std::move(officer).error();
                }
                if (!*officer) {
                    continue;
                }
                LateOfficer lo{user_id, (*officer)->name, "", count};
                if (const auto unit_id = (*officer)->unit_id) {
                    if (!unit_names.contains(*unit_id)) {
                        auto unit = store::units::Get(tx, *unit_id);
                        if (!unit) {
                            return std::move(unit).error();
                        }
                        unit_names[*unit_id] = *unit ? (*unit)->name : std::string();
                    }
                    lo.unit_name = unit_names[*unit_id];
                }
                out.late_officers.push_back(std::move(lo));
            }
            std::stable_sort(
                out.late_officers.begin(), out.late_officers.end(),
                [](const LateOfficer& a, const LateOfficer& b) { return a.count > b.count; });
            return out;
        });
}

std::string PublicationCsv(const Publication& p) {
    std::string out = "\xEF\xBB\xBF";  // UTF-8 byte-order mark: Excel reads Vietnamese right
    CsvLine(out, {"Công khai kết quả đánh giá Bộ chỉ số theo Quyết định 766/QĐ-TTg", p.month,
                  p.indicators.unit.name});
    out += "\r\n";
    CsvLine(out, {"Đơn vị", "Mã đơn vị", "Hạng", "Chỉ số", "Tên chỉ số", "Tử số", "Mẫu số",
                  "Tỷ lệ (%)", "Điểm", "Tối đa", "Ghi chú"});
    CardLines(out, p.indicators.unit, "", p.indicators.card);
    for (const UnitScorecard& c : p.indicators.children) {
        CardLines(out, c.unit, std::to_string(c.rank), c.card);
    }
    out += "\r\n";
    CsvLine(out,
            {"Cơ quan, đơn vị để xảy ra chậm trễ", "Mã đơn vị", "Số hồ sơ chậm trễ", "Mã hồ sơ"});
    for (const LateUnit& u : p.late_units) {
        std::string codes;
        for (const std::string& c : u.codes) {
            codes += (codes.empty() ? "" : " ") + c;
        }
        CsvLine(out, {u.unit.name, u.unit.code, std::to_string(u.codes.size()), codes});
    }
    out += "\r\n";
    CsvLine(out,
            {"Cán bộ, công chức, viên chức để xảy ra chậm trễ", "Đơn vị", "Số hồ sơ chậm trễ"});
    for (const LateOfficer& o : p.late_officers) {
        CsvLine(out, {o.name, o.unit_name, std::to_string(o.count)});
    }
    return out;
}

}  // namespace motcua::app
