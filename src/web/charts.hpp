#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// Server-rendered SVG charts for the indicator dashboard (issue #6; docs/indicators.md "Pages").
// No script and no style attribute (the CSP forbids both): colours are SVG presentation
// attributes. Every shape carries its value in data-value and an accessible <title>; each chart is
// shown next to a table with the same numbers. Pure: tested by parsing the SVG.
namespace motcua::web::charts {

// Plot geometry shared by the charts and their tests.
inline constexpr int kPlotHeight = 180;  // pixels for 100% (vertical charts)
inline constexpr int kPlotTop = 16;
inline constexpr int kPlotWidth = 400;  // pixels for the longest bar (horizontal charts)

struct MonthValue {
    std::string label;                  // "10/2026"
    std::optional<std::int64_t> bar;    // hundredths of a percent; empty: no data (height 0)
    std::optional<std::int64_t> point;  // hundredths of a percent; empty: no point
};

// Bars (class chart-bar, one per month, height = value × kPlotHeight / 100%) and a line with one
// point per month that has a value (class chart-point), a 0–100% axis; `bar_name` and
// `point_name` label the legend.
[[nodiscard]] std::string TrendChart(const std::string& title, const std::string& bar_name,
                                     const std::string& point_name,
                                     const std::vector<MonthValue>& months);

struct Bar {
    std::string label;
    std::int64_t value = 0;  // a count, or hundredths of a percent
    std::string text;        // the value as shown ("12", "85,34%")
    bool alert = false;      // drawn in the warning colour
};
// Horizontal bars (class chart-hbar), width = value × kPlotWidth / `max_value` (max_value ≤ 0:
// the largest value). `marker` (same unit as the values) draws a dashed threshold line.
[[nodiscard]] std::string HorizontalBars(const std::string& title, const std::vector<Bar>& bars,
                                         std::int64_t max_value,
                                         std::optional<std::int64_t> marker = std::nullopt);

// Text safe in XML content and attribute values.
[[nodiscard]] std::string XmlEscape(std::string_view text);

}  // namespace motcua::web::charts
