#include "app/control_facts.hpp"

// Indicators fed by public posting at the desks (issue #8): see app/control_facts.hpp.
namespace motcua::app::internal {

base::Status FillPostingFacts(store::Transaction& /*tx*/,
                              const std::vector<std::int64_t>& /*unit_ids*/,
                              domain::indicators::Day /*from*/, domain::indicators::Day /*to*/,
                              domain::indicators::ControlFacts& /*facts*/) {
    return {};  // not stored yet: the indicators show "Chưa có dữ liệu"
}

}  // namespace motcua::app::internal
