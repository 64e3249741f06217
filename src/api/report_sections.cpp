// The sections of the periodic report beside form 06 (docs/reports.md): the PAKN form (issue
// #9) and the plans' progress (issue #7), as JSON; printed by `motcua report` too.
#include <boost/json.hpp>

#include "api/route_util.hpp"
#include "app/reports.hpp"

namespace motcua::api {

namespace json = boost::json;

json::object FeedbackFormJson(const app::FeedbackForm& form) {
    const auto row = [](const app::FeedbackFormRow& r) {
        const app::FeedbackCountRow& c = r.counts;
        return json::object{{"label", r.label},
                            {"received", json::object{{"total", c.received + c.carried_over},
                                                      {"in_period", c.received},
                                                      {"carried_over", c.carried_over}}},
                            {"handled", json::object{{"total", c.Handled()},
                                                     {"on_time", c.handled_on_time},
                                                     {"late", c.handled_late}}},
                            {"withdrawn", c.withdrawn},
                            {"in_progress", json::object{{"total", c.InProgress()},
                                                         {"within", c.in_progress_on_time},
                                                         {"overdue", c.in_progress_overdue}}}};
    };
    json::array by_subject;
    for (const app::FeedbackFormRow& r : form.by_subject) {
        by_subject.push_back(row(r));
    }
    json::array by_unit;
    for (const app::FeedbackFormRow& r : form.by_unit) {
        by_unit.push_back(row(r));
    }
    return json::object{{"title", "Tình hình, kết quả tiếp nhận, xử lý phản ánh, kiến nghị"},
                        {"by_subject", std::move(by_subject)},
                        {"by_unit", std::move(by_unit)},
                        {"total", row({"Tổng cộng", form.total})}};
}

json::object PlanProgressJson(const app::PlanProgressSection& section) {
    const auto row = [](const app::PlanProgressRow& r) {
        return json::object{{"title", r.title},
                            {"due", r.due},
                            {"done", r.done},
                            {"done_late", r.done_late},
                            {"in_progress", r.in_progress},
                            {"overdue", r.overdue}};
    };
    json::array plans;
    for (const app::PlanProgressRow& r : section.plans) {
        json::object o = row(r);
        o["plan_id"] = r.plan_id;
        o["status"] = r.status;
        plans.push_back(std::move(o));
    }
    return json::object{{"title", "Tiến độ thực hiện kế hoạch kiểm soát TTHC"},
                        {"plans", std::move(plans)},
                        {"total", row(section.total)}};
}

}  // namespace motcua::api
