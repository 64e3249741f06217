#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/unit.hpp"

// Unit names in TTHC-control plans (issue #7; docs/plans.md "Unit names"). Pure.
//
// A plan's lead and cooperating cells name units as people write them: "Sở Tư pháp", "Văn phòng
// HĐND-UBND huyện", "UBND các xã, thị trấn", "Các sở, ban, ngành cấp tỉnh". MatchCell() reads
// one cell against the organisation tree around the plan's issuing unit:
//   - matching ignores case, diacritics, punctuation and "và"; abbreviations are expanded (UBND,
//     HĐND, VP, TP, HCC, NN, TT&TT);
//   - a unit's name loses its place suffix ("Sở Tư pháp thành phố Huế" reads "Sở Tư pháp"), and
//     a trailing level word of the plan's name ("tỉnh", "huyện", "xã", "thành phố", "cấp tỉnh")
//     only restricts the level of the unit meant;
//   - "UBND", "UBND xã" mean the administrative unit itself (the issuing unit when its level
//     fits); among several units with the same name the one nearest the issuing unit wins, and a
//     tie is no match;
//   - collective names expand to sets: the agencies of the issuing unit ("Các sở, ban, ngành cấp
//     tỉnh", "Các phòng, ban, đơn vị", "Các cơ quan chuyên môn thuộc UBND tỉnh"), the communes of
//     its subtree ("UBND các xã, thị trấn", "UBND cấp xã"), its districts ("UBND cấp huyện"), the
//     one-stop desks of a level ("Bộ phận một cửa cấp huyện, cấp xã"), every agency and
//     administrative unit ("Các cơ quan, đơn vị liên quan");
//   - whatever else is left is unmatched, as written, for a person to resolve. A collective that
//     expands to no unit (no districts after the 2025 reform) is unmatched too.
namespace motcua::domain::plan_units {

struct NameMatch {
    std::string name;                    // as written (trimmed)
    std::vector<std::int64_t> unit_ids;  // sorted, unique, non-empty
    bool collective = false;
};

struct CellMatch {
    std::vector<NameMatch> matched;      // in the cell's order
    std::vector<std::string> unmatched;  // as written, in the cell's order, unique

    // The union of the matched units, sorted.
    [[nodiscard]] std::vector<std::int64_t> UnitIds() const;
};

// Matches the names of `cell` (a lead or cooperating cell of a plan, as written) against `units`
// (the organisation tree: every unit with its parent) around `issuing_unit_id`. An unknown issuing
// unit leaves every name unmatched. Never fails.
[[nodiscard]] CellMatch MatchCell(std::string_view cell, const std::vector<Unit>& units,
                                  std::int64_t issuing_unit_id);

// The folded reading used for matching: lower-case ASCII without diacritics, abbreviations
// expanded, punctuation and "và" dropped, words joined by one space ("Văn phòng HĐND-UBND" →
// "van phong hoi dong nhan dan uy ban nhan dan").
[[nodiscard]] std::string NormaliseName(std::string_view name);

}  // namespace motcua::domain::plan_units
