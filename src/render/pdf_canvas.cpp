#include "render/pdf_canvas.hpp"

#include <utility>

namespace motcua::render::detail {
namespace {

constexpr double kRuleWidth = 0.6;  // pt: the short rules of the top block
constexpr double kGridWidth = 0.5;  // pt: table lines

}  // namespace

std::vector<Run> One(std::string text, bool bold, bool italic) {
    return {Run{.text = std::move(text), .bold = bold, .italic = italic}};
}

Canvas::Canvas(cairo_t* cr, Paper paper, int total_pages)
    : cr_(cr),
      g_(GeometryFor(paper)),
      total_pages_(total_pages),
      context_(pango_cairo_create_context(cr)),
      y_(g_.margin_top) {
    pango_context_set_round_glyph_positions(context_.get(), FALSE);
    cairo_set_source_rgb(cr_, 0, 0, 0);
}

LayoutPtr Canvas::Layout(const std::vector<Run>& runs, double width, const TextStyle& style) const {
    return MakeLayout(context_.get(), runs, width, style);
}

void Canvas::Show(PangoLayout* layout, double x, double y) {
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout);
}

void Canvas::Flow(PangoLayout* layout, double x) {
    PangoLayoutIter* iter = pango_layout_get_iter(layout);
    double origin = y_;  // page position of the layout's top
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(iter, nullptr, &logical);
        const double line_top = origin + static_cast<double>(logical.y) / PANGO_SCALE;
        const double line_height = static_cast<double>(logical.height) / PANGO_SCALE;
        if (line_top + line_height > Bottom() && line_top > Top() + 0.5) {
            NewPage();
            origin = y_ - static_cast<double>(logical.y) / PANGO_SCALE;
        }
        const double baseline =
            origin + static_cast<double>(pango_layout_iter_get_baseline(iter)) / PANGO_SCALE;
        cairo_move_to(cr_, x + static_cast<double>(logical.x) / PANGO_SCALE, baseline);
        pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(iter));
        y_ = origin + static_cast<double>(logical.y + logical.height) / PANGO_SCALE;
    } while (pango_layout_iter_next_line(iter) != FALSE);
    pango_layout_iter_free(iter);
}

void Canvas::Rule(double center_x, double y, double length) {
    cairo_set_line_width(cr_, kRuleWidth);
    cairo_move_to(cr_, center_x - length / 2, y);
    cairo_line_to(cr_, center_x + length / 2, y);
    cairo_stroke(cr_);
}

void Canvas::Frame(double x, double y, double width, double height) {
    cairo_set_line_width(cr_, kGridWidth);
    cairo_rectangle(cr_, x, y, width, height);
    cairo_stroke(cr_);
}

void Canvas::DrawQr(const QrMatrix& qr, double x, double y, double module) {
    const double side = module * qr.size;
    cairo_save(cr_);
    cairo_set_source_rgb(cr_, 1, 1, 1);  // the quiet zone stays light on any background
    cairo_rectangle(cr_, x, y, side, side);
    cairo_fill(cr_);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    for (int row = 0; row < qr.size; ++row) {
        for (int col = 0; col < qr.size;) {
            if (!qr.At(col, row)) {
                ++col;
                continue;
            }
            int end = col;
            while (end < qr.size && qr.At(end, row)) ++end;
            cairo_rectangle(cr_, x + col * module, y + row * module, (end - col) * module, module);
            col = end;
        }
    }
    cairo_fill(cr_);  // one path: no seams between neighbouring modules
    cairo_restore(cr_);
}

void Canvas::Footer() {
    if (total_pages_ <= 1) return;
    const LayoutPtr footer =
        Layout(One("Trang " + std::to_string(page_) + "/" + std::to_string(total_pages_)), Width(),
               {.size = g_.small_size, .align = Align::kCenter});
    Show(footer.get(), Left(), Bottom() + (g_.margin_bottom - LayoutHeight(footer.get())) / 2);
}

void Canvas::NewPage() {
    Footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = Top();
}

}  // namespace motcua::render::detail
