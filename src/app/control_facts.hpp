#pragma once

#include <vector>

#include "base/result.hpp"
#include "domain/indicators.hpp"
#include "store/database.hpp"

// The indicators that rest on the control side of the system rather than on dossiers: each part
// fills its figures of domain::indicators::ControlFacts for a scope (a unit and its subtree, ids
// in `unit_ids`) and a window of days (both inclusive). A part that holds nothing for the scope
// leaves its optionals empty ("Chưa có dữ liệu"). Called by app/indicators.cpp for the scope and
// for each ranked child.
namespace motcua::app::internal {

// Indicators 1.1–1.2: publication decisions (issue #8; app/publication_facts.cpp).
[[nodiscard]] base::Status FillPublicationFacts(store::Transaction& tx,
                                                const std::vector<std::int64_t>& unit_ids,
                                                domain::indicators::Day from,
                                                domain::indicators::Day to,
                                                domain::indicators::ControlFacts& facts);

// Indicator 1.3: each desk's public posting complete against the catalogue in force (issue #8;
// app/posting_facts.cpp).
[[nodiscard]] base::Status FillPostingFacts(store::Transaction& tx,
                                            const std::vector<std::int64_t>& unit_ids,
                                            domain::indicators::Day from,
                                            domain::indicators::Day to,
                                            domain::indicators::ControlFacts& facts);

// Indicators 5.2–5.3: citizens' feedback (issue #9; app/feedback_facts.cpp).
[[nodiscard]] base::Status FillFeedbackFacts(store::Transaction& tx,
                                             const std::vector<std::int64_t>& unit_ids,
                                             domain::indicators::Day from,
                                             domain::indicators::Day to,
                                             domain::indicators::ControlFacts& facts);

// All of the above.
[[nodiscard]] base::Result<domain::indicators::ControlFacts> ControlFactsOf(
    store::Transaction& tx, const std::vector<std::int64_t>& unit_ids, domain::indicators::Day from,
    domain::indicators::Day to);

}  // namespace motcua::app::internal
