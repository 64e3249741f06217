#include "web/charts.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "text/markup.hpp"

namespace motcua::web::charts {

namespace {

constexpr std::string_view kBarColour = "#1d70b8";
constexpr std::string_view kPointColour = "#d4351c";
constexpr std::string_view kAlertColour = "#d4351c";
constexpr std::string_view kAxisColour = "#6f777b";

// Pixels with two decimals ("123.45").
std::string Px(double value) {
    return fmt::format("{:.2f}", value);
}

std::string Percent(std::int64_t hundredths) {
    const std::int64_t v = hundredths < 0 ? -hundredths : hundredths;
    return fmt::format("{}{},{:02}%", hundredths < 0 ? "-" : "", v / 100, v % 100);
}

// A stable id for the <title> from the chart's title.
std::string IdOf(const std::string& title) {
    std::uint32_t hash = 2166136261U;
    for (const unsigned char c : title) {
        hash = (hash ^ c) * 16777619U;
    }
    return fmt::format("chart-{}", hash);
}

std::string SvgOpen(int width, int height, const std::string& title) {
    const std::string id = IdOf(title);
    return fmt::format(
        R"(<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{0}" height="{1}" )"
        R"(viewBox="0 0 {0} {1}" role="img" aria-labelledby="{2}" font-size="11" )"
        R"(font-family="sans-serif"><title id="{2}">{3}</title>)",
        width, height, id, XmlEscape(title));
}

}  // namespace

std::string XmlEscape(std::string_view text) {
    return text::EscapeMarkup(text);
}

std::string TrendChart(const std::string& title, const std::string& bar_name,
                       const std::string& point_name, const std::vector<MonthValue>& months) {
    constexpr int kLeft = 44;
    constexpr int kSlot = 52;
    constexpr int kBarWidth = 30;
    const int width = kLeft + kSlot * static_cast<int>(std::max<std::size_t>(months.size(), 1)) + 8;
    const int bottom = kPlotTop + kPlotHeight;
    const int height = bottom + 52;
    std::string svg = SvgOpen(width, height, title);
    // Axis and grid at 0, 50, 90 (the 2.1 target) and 100%.
    for (const int pct : {0, 50, 90, 100}) {
        const double y = bottom - kPlotHeight * pct / 100.0;
        svg +=
            fmt::format(R"(<line class="chart-grid" x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" )"
                        R"(stroke-width="{}"{}/>)",
                        kLeft, width - 4, Px(y), Px(y), kAxisColour, pct == 0 ? "1" : "0.5",
                        pct == 90 ? R"( stroke-dasharray="4 3")" : "");
        svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="end" fill="{}">{}%</text>)",
                           kLeft - 4, Px(y + 4), kAxisColour, pct);
    }
    std::string points;
    std::string dots;
    for (std::size_t i = 0; i < months.size(); ++i) {
        const MonthValue& m = months[i];
        const double x = kLeft + kSlot * static_cast<double>(i) + (kSlot - kBarWidth) / 2.0;
        const double h = m.bar ? kPlotHeight * static_cast<double>(*m.bar) / 10000.0 : 0.0;
        const std::string shown = m.bar ? Percent(*m.bar) : std::string("Chưa có dữ liệu");
        svg +=
            fmt::format(R"(<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}" fill="{}" )"
                        R"(data-value="{}"><title>{}: {} {}</title></rect>)",
                        Px(x), Px(bottom - h), kBarWidth, Px(h), kBarColour,
                        m.bar ? std::to_string(*m.bar) : std::string(), XmlEscape(m.label),
                        XmlEscape(bar_name), shown);
        svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>)",
                           Px(x + kBarWidth / 2.0), bottom + 14, kAxisColour, XmlEscape(m.label));
        if (m.point) {
            const double cx = x + kBarWidth / 2.0;
            const double cy = bottom - kPlotHeight * static_cast<double>(*m.point) / 10000.0;
            if (!points.empty()) {
                points += ' ';
            }
            points += fmt::format("{},{}", Px(cx), Px(cy));
            dots += fmt::format(
                R"(<circle class="chart-point" cx="{}" cy="{}" r="4" fill="{}" data-value="{}">)"
                R"(<title>{}: {} {}</title></circle>)",
                Px(cx), Px(cy), kPointColour, *m.point, XmlEscape(m.label), XmlEscape(point_name),
                Percent(*m.point));
        }
    }
    if (!points.empty()) {
        svg += fmt::format(R"(<polyline class="chart-line" points="{}" fill="none" stroke="{}" )"
                           R"(stroke-width="2"/>)",
                           points, kPointColour);
    }
    svg += dots;
    // Legend.
    const int ly = bottom + 34;
    svg += fmt::format(
        R"(<rect x="{}" y="{}" width="12" height="10" fill="{}"/><text x="{}" y="{}">{}</text>)",
        kLeft, ly - 9, kBarColour, kLeft + 16, ly, XmlEscape(bar_name));
    svg += fmt::format(R"(<circle cx="{}" cy="{}" r="4" fill="{}"/><text x="{}" y="{}">{}</text>)",
                       kLeft + 286, ly - 4, kPointColour, kLeft + 294, ly, XmlEscape(point_name));
    svg += "</svg>";
    return svg;
}

std::string HorizontalBars(const std::string& title, const std::vector<Bar>& bars,
                           std::int64_t max_value, std::optional<std::int64_t> marker) {
    constexpr int kLeft = 230;
    constexpr int kRow = 26;
    std::int64_t largest = max_value;
    if (largest <= 0) {
        for (const Bar& b : bars) {
            largest = std::max(largest, b.value);
        }
    }
    const int width = kLeft + kPlotWidth + 90;
    const int height =
        kPlotTop + kRow * static_cast<int>(std::max<std::size_t>(bars.size(), 1)) + 8;
    std::string svg = SvgOpen(width, height, title);
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const Bar& b = bars[i];
        const double y = kPlotTop + kRow * static_cast<double>(i);
        const double w = largest > 0 ? kPlotWidth *
                                           static_cast<double>(std::max<std::int64_t>(b.value, 0)) /
                                           static_cast<double>(largest)
                                     : 0.0;
        std::string label = b.label;
        if (label.size() > 60) {  // keep whole UTF-8 sequences
            std::size_t cut = 57;
            while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0U) == 0x80U) {
                --cut;
            }
            label = label.substr(0, cut) + "…";
        }
        svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="end">{}</text>)", kLeft - 6,
                           Px(y + 14), XmlEscape(label));
        svg += fmt::format(
            R"(<rect class="chart-hbar" x="{}" y="{}" width="{}" height="16" fill="{}" )"
            R"(data-value="{}"><title>{}: {}</title></rect>)",
            kLeft, Px(y + 3), Px(w), b.alert ? kAlertColour : kBarColour, b.value,
            XmlEscape(b.label), XmlEscape(b.text));
        svg += fmt::format(R"(<text x="{}" y="{}">{}</text>)", Px(kLeft + w + 6), Px(y + 14),
                           XmlEscape(b.text));
    }
    if (marker && largest > 0) {
        const double x =
            kLeft + kPlotWidth * static_cast<double>(*marker) / static_cast<double>(largest);
        svg +=
            fmt::format(R"(<line class="chart-marker" x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" )"
                        R"(stroke-dasharray="4 3"/>)",
                        Px(x), Px(x), kPlotTop - 6, height - 4, kAxisColour);
    }
    svg += "</svg>";
    return svg;
}

}  // namespace motcua::web::charts
