#pragma once

#include <string>
#include <vector>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "render/document.hpp"
#include "render/pango_util.hpp"
#include "render/qr.hpp"

// The page the PDF writer draws on: geometry, a write position that moves down the page, page
// breaks with "Trang i/n" footers, and the drawing primitives. Internal to render/.
namespace motcua::render::detail {

// `text` as a single run.
[[nodiscard]] std::vector<Run> One(std::string text, bool bold = false, bool italic = false);

// Draws on a cairo context (a PDF surface of the paper's size), page after page. Not
// thread-safe; one per rendering.
class Canvas final {
public:
    // `total_pages` = 0 while the page count is not known (no footers then).
    Canvas(cairo_t* cr, Paper paper, int total_pages);

    [[nodiscard]] const PageGeometry& Geometry() const { return g_; }
    [[nodiscard]] double Top() const { return g_.margin_top; }
    [[nodiscard]] double Bottom() const { return g_.height - g_.margin_bottom; }
    [[nodiscard]] double Left() const { return g_.margin_left; }
    [[nodiscard]] double Width() const { return g_.width - g_.margin_left - g_.margin_right; }
    // The write position (pt from the top of the page) and whether it is still at the top.
    [[nodiscard]] double Y() const { return y_; }
    [[nodiscard]] bool AtTop() const { return y_ <= Top() + 0.5; }
    void MoveDown(double dy) { y_ += dy; }
    [[nodiscard]] int PageCount() const { return page_; }

    // A layout in this canvas's pango context (see MakeLayout).
    [[nodiscard]] LayoutPtr Layout(const std::vector<Run>& runs, double width,
                                   const TextStyle& style) const;
    // Draws `layout` with its top left corner at (x, y); the write position does not move.
    void Show(PangoLayout* layout, double x, double y);
    // Draws `layout` line by line from the write position, starting a new page where a line
    // does not fit, and moves the write position below it.
    void Flow(PangoLayout* layout, double x);
    // A horizontal rule `length` long centred on `center_x`.
    void Rule(double center_x, double y, double length);
    // The outline of a rectangle (table grid).
    void Frame(double x, double y, double width, double height);
    // The QR symbol with its top left corner at (x, y), `module` pt per module.
    void DrawQr(const QrMatrix& qr, double x, double y, double module);
    // Ends the page (with its footer) and starts the next one at the top.
    void NewPage();
    // The footer "Trang i/n" of the current page, when there are several pages.
    void Footer();

private:
    cairo_t* cr_;
    PageGeometry g_;
    int total_pages_;
    ContextPtr context_;
    int page_ = 1;
    double y_ = 0;
};

// Draws a ruled table from the write position; rows that do not fit go to a new page, under
// the header rows drawn again (pdf_table.cpp).
void DrawTable(Canvas& canvas, const Table& table);

// Height the table needs on the page it starts: header rows and first row.
[[nodiscard]] double TableMinHeight(const Canvas& canvas, const Table& table);

}  // namespace motcua::render::detail
