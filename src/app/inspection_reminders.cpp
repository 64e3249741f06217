// Reminders of inspections through the notification outbox (issue #7; docs/inspections.md
// "Reminders"): the server's minute sweep, like the plans' (app::SweepPlanReminders).
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "app/dossier_access.hpp"
#include "app/inspections.hpp"
#include "app/notify.hpp"
#include "calendar/civil_date.hpp"
#include "domain/inspection.hpp"
#include "store/inspections.hpp"
#include "store/plans.hpp"
#include "store/units.hpp"
#include "store/users.hpp"

namespace motcua::app {

namespace {

namespace ins = domain::inspection;
namespace si = store::inspections;
using std::chrono::sys_days;

// d/m/yyyy
std::string Day(sys_days d) {
    const std::chrono::year_month_day ymd{d};
    return std::to_string(static_cast<unsigned>(ymd.day())) + "/" +
           std::to_string(static_cast<unsigned>(ymd.month())) + "/" +
           std::to_string(static_cast<int>(ymd.year()));
}

struct Due {
    std::string kind;  // notice, report, remediation
    sys_days day;
    std::int64_t unit_id = 0;  // whose users are reminded
    std::string subject;
    std::string what;
};

// The inspection's deadlines still open, by the rules of docs/inspections.md.
std::vector<Due> DeadlinesOf(const calendar::WorkingCalendar& cal, const ins::Plan& plan,
                             const ins::Inspection& i) {
    std::vector<Due> out;
    const bool needs_notice = i.kind == ins::Kind::kScheduled || i.kind == ins::Kind::kSudden;
    if (needs_notice && i.state == ins::State::kPlanned && !i.notified_on) {
        if (auto by = ins::NoticeDeadline(cal, i)) {
            out.push_back(Due{"notice", *by, plan.inspecting_unit_id,
                              "Nhắc hạn gửi thông báo kiểm tra",
                              "gửi thông báo kiểm tra (S3 §II.2)"});
        }
    }
    if ((i.state == ins::State::kPlanned || i.state == ins::State::kNotified) &&
        !i.report_submitted_on) {
        if (auto by = ins::ReportDeadline(cal, i)) {
            out.push_back(Due{"report", *by, i.inspected_unit_id,
                              "Nhắc hạn gửi báo cáo phục vụ kiểm tra",
                              "gửi báo cáo của đơn vị được kiểm tra (S3 §VII.3)"});
        }
    }
    if (i.state == ins::State::kRemediationDue && i.remediation_due) {
        out.push_back(Due{"remediation", *i.remediation_due, i.inspected_unit_id,
                          "Nhắc hạn báo cáo khắc phục sau kiểm tra",
                          "gửi báo cáo kết quả khắc phục (S3 §II.2)"});
    }
    return out;
}

}  // namespace

base::Result<int> SweepInspectionReminders(AppContext& ctx, int days_before) {
    if (days_before < 0 || days_before > 60) {
        return base::InvalidArgument("Số ngày làm việc nhắc trước phải từ 0 đến 60.");
    }
    auto cal = internal::CalendarFor(0);
    if (!cal) {
        return std::move(cal).error();
    }
    const auto now = ctx.clock->Now();
    const sys_days today = std::chrono::floor<std::chrono::days>(now + calendar::kVietnamOffset);
    sys_days horizon = today;
    if (days_before > 0) {
        auto h = ins::WorkingDaysAfter(**cal, today, days_before);
        if (!h) {
            return std::move(h).error();
        }
        horizon = *h;
    }
    return InWriteTransaction<int>(*ctx.db, [&](store::Transaction& tx) -> base::Result<int> {
        auto plans = si::ListPlans(tx, std::nullopt);
        if (!plans) {
            return std::move(plans).error();
        }
        int queued = 0;
        for (const ins::Plan& plan : *plans) {
            auto list = si::PlanInspections(tx, plan.id);
            if (!list) {
                return std::move(list).error();
            }
            for (const ins::Inspection& i : *list) {
                for (const Due& due : DeadlinesOf(**cal, plan, i)) {
                    if (due.day > horizon) {
                        continue;
                    }
                    auto first =
                        store::plans::MarkInspectionReminded(tx, i.id, due.kind, due.day, now);
                    if (!first) {
                        return std::move(first).error();
                    }
                    if (!*first) {
                        continue;
                    }
                    auto unit = store::units::Get(tx, i.inspected_unit_id);
                    if (!unit) {
                        return std::move(unit).error();
                    }
                    const std::string inspected = *unit ? (*unit)->name : std::string();
                    const std::vector<std::int64_t> units{due.unit_id};
                    auto users = store::users::List(tx, units);
                    if (!users) {
                        return std::move(users).error();
                    }
                    const std::string message = "Cuộc kiểm tra " + inspected + " (" + plan.title +
                                                "): hạn " + due.what + " là ngày " + Day(due.day) +
                                                (due.day < today ? " — đã quá hạn." : ".");
                    for (const domain::User& u : *users) {
                        if (!u.active) {
                            continue;
                        }
                        if (base::Status st = internal::NotifyAccount(tx, u.id, std::nullopt,
                                                                      "inspection_reminder",
                                                                      due.subject, message, now);
                            !st) {
                            return st.error();
                        }
                        ++queued;
                    }
                }
            }
        }
        return queued;
    });
}

}  // namespace motcua::app
