#include <chrono>
#include <string>

#include "app/control_facts.hpp"
#include "app/feedback.hpp"

// Indicators fed by citizens' feedback (issue #9): see app/control_facts.hpp and
// docs/feedback.md "Counts". One query over the scope (app::CountFeedbackIn), each feedback judged
// by the step deadlines of the rules in force when it was submitted.
namespace motcua::app::internal {

base::Status FillFeedbackFacts(store::Transaction& tx, const std::vector<std::int64_t>& unit_ids,
                               domain::indicators::Day from, domain::indicators::Day to,
                               domain::indicators::ControlFacts& facts) {
    const auto day = [](domain::indicators::Day d) {
        return std::chrono::sys_days{std::chrono::days{d}};
    };
    auto counts = CountFeedbackIn(tx, unit_ids, day(from), day(to));
    if (!counts) {
        return counts.error();
    }
    const FeedbackCountRow& t = counts->total;
    // 5.2: handled on time + in progress within time, over received or handled in the window.
    facts.feedback_on_time = domain::indicators::ControlRatio{
        t.OnTime(), t.Considered(),
        "Đúng hạn " + std::to_string(t.OnTime()) + "/" + std::to_string(t.Considered()) +
            " phản ánh, kiến nghị (đã xử lý đúng hạn " + std::to_string(t.handled_on_time) +
            ", đang xử lý trong hạn " + std::to_string(t.in_progress_on_time) + ")."};
    // 5.3: received in the window less those rated not satisfied, raised again, or late.
    facts.feedback_satisfied = domain::indicators::ControlRatio{
        t.Satisfied(), t.satisfaction_base,
        "Tiếp nhận trong kỳ " + std::to_string(t.satisfaction_base) + "; không hài lòng " +
            std::to_string(t.rated_unsatisfied) + ", phản ánh lại " + std::to_string(t.reraised) +
            ", trễ hạn " + std::to_string(t.late) + "."};
    return {};
}

}  // namespace motcua::app::internal
