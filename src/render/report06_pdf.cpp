// RenderSettlementPdf: form 06/VPCP/KSTT (II.06a) on A4 landscape with cairo and pango: the top
// block, the title, the table with its merged three-row header (repeated on every page it spans)
// and the signature block. Rendered twice when there are several pages, for "Trang i/n".

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "render/pango_util.hpp"
#include "render/pdf_canvas.hpp"
#include "render/reports.hpp"

namespace motcua::render {
namespace {

using detail::Align;
using detail::Canvas;
using detail::LayoutHeight;
using detail::LayoutPtr;
using detail::One;

constexpr double kPadX = 2.5;
constexpr double kPadY = 2;
constexpr double kTableSize = 9;
constexpr double kLeftShare = 0.45;  // width of the top-left block

struct SurfaceDeleter {
    void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct CairoDeleter {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};

cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

std::string Number(std::int64_t n) {
    return std::to_string(n);
}

class Writer final {
public:
    Writer(const SettlementSheet& sheet, cairo_t* cr, int total_pages)
        : s_(sheet), canvas_(cr, Paper::kA4Landscape, total_pages) {}

    // Form 06, then each annex from a new page, each with the header block and signatures.
    void Write() {
        std::vector<AnnexTable> tables{detail::MainTable(s_)};
        tables.insert(tables.end(), s_.annexes.begin(), s_.annexes.end());
        for (std::size_t i = 0; i < tables.size(); ++i) {
            if (i > 0) canvas_.NewPage();
            Use(tables[i]);
            Heading();
            Table();
            Signatures();
        }
        canvas_.Footer();
    }

    [[nodiscard]] int PageCount() const { return canvas_.PageCount(); }

private:
    [[nodiscard]] const detail::PageGeometry& G() const { return canvas_.Geometry(); }

    void Use(const AnnexTable& t) {
        t_ = &t;
        x_.assign(static_cast<std::size_t>(t.columns) + 1, 0);
        w_.assign(static_cast<std::size_t>(t.columns), 0);
        double total = 0;
        for (const double w : t.widths) total += w;
        double x = canvas_.Left();
        for (std::size_t i = 0; i < w_.size(); ++i) {
            x_[i] = x;
            w_[i] = canvas_.Width() * t.widths[i] / total;
            x += w_[i];
        }
        x_[w_.size()] = x;
    }

    LayoutPtr Text(const std::string& text, double width, double size, Align align,
                   bool bold = false, bool italic = false) const {
        return canvas_.Layout(One(detail::Clean(text), bold, italic), width,
                              {.size = size, .align = align});
    }

    void Heading() {
        const double top = canvas_.Y();
        const double left_width = canvas_.Width() * kLeftShare;
        const double right_x = canvas_.Left() + left_width;
        const double right_width = canvas_.Width() - left_width;
        const double size = G().heading_size;

        double y = top;
        const LayoutPtr unit =
            canvas_.Layout({detail::Run{.text = "Đơn vị báo cáo: "},
                            detail::Run{.text = detail::Clean(s_.reporting_unit), .bold = true}},
                           left_width - 6, {.size = size, .align = Align::kLeft});
        canvas_.Show(unit.get(), canvas_.Left(), y);
        y += LayoutHeight(unit.get());
        if (!s_.receiving_unit.empty()) {
            const LayoutPtr receiving = Text("Đơn vị nhận báo cáo: " + s_.receiving_unit,
                                             left_width - 6, size, Align::kLeft);
            canvas_.Show(receiving.get(), canvas_.Left(), y);
            y += LayoutHeight(receiving.get());
        }

        double ry = top;
        for (LayoutPtr& l : std::array<LayoutPtr, 3>{
                 Text(t_->form_code, right_width, size, Align::kRight, true),
                 Text(t_->legal_note ? *t_->legal_note : s_.legal_note, right_width,
                      G().small_size + 1, Align::kRight, false, true),
                 Text(s_.period_line, right_width, size, Align::kRight, false, true)}) {
            canvas_.Show(l.get(), right_x, ry);
            ry += LayoutHeight(l.get());
        }
        canvas_.MoveDown(std::max(y, ry) - canvas_.Y() + G().body_size * 0.8);

        const LayoutPtr title =
            Text(t_->title, canvas_.Width(), G().title_size, Align::kCenter, true);
        canvas_.Show(title.get(), canvas_.Left(), canvas_.Y());
        canvas_.MoveDown(LayoutHeight(title.get()) + 2);
        const LayoutPtr measure =
            Text(t_->measure, canvas_.Width(), G().small_size + 1.5, Align::kRight, false, true);
        canvas_.Show(measure.get(), canvas_.Left(), canvas_.Y());
        canvas_.MoveDown(LayoutHeight(measure.get()) + 2);
    }

    [[nodiscard]] double SpanWidth(int col, int cols) const {
        const auto first = static_cast<std::size_t>(col);
        return x_[first + static_cast<std::size_t>(cols)] - x_[first];
    }

    struct HeaderLayout {
        std::vector<LayoutPtr> cells;  // in the table's header order
        std::array<double, 3> heights{};
        std::vector<LayoutPtr> numbers;
        double numbers_height = 0;
        [[nodiscard]] double Total() const {
            return heights[0] + heights[1] + heights[2] + numbers_height;
        }
    };

    HeaderLayout MeasureHeader() const {
        HeaderLayout h;
        const std::vector<AnnexHeaderCell>& header = t_->header;
        for (const AnnexHeaderCell& c : header) {
            h.cells.push_back(Text(c.text, SpanWidth(c.col, c.cols) - 2 * kPadX, kTableSize,
                                   Align::kCenter, true));
        }
        for (std::size_t i = 0; i < header.size(); ++i) {  // single-row cells first
            const AnnexHeaderCell& c = header[i];
            if (c.rows == 1) {
                h.heights[c.row] =
                    std::max(h.heights[c.row], LayoutHeight(h.cells[i].get()) + 2 * kPadY);
            }
        }
        for (std::size_t i = 0; i < header.size(); ++i) {  // then the tall ones
            const AnnexHeaderCell& c = header[i];
            double spanned = 0;
            for (int r = c.row; r < c.row + c.rows; ++r) spanned += h.heights[r];
            const double need = LayoutHeight(h.cells[i].get()) + 2 * kPadY;
            if (need > spanned) h.heights[c.row + c.rows - 1] += need - spanned;
        }
        for (int c = 0; c < t_->columns; ++c) {
            h.numbers.push_back(Text(detail::SettlementColumnNumber(c), w_[c] - 2 * kPadX,
                                     kTableSize - 1, Align::kCenter, false, true));
            h.numbers_height =
                std::max(h.numbers_height, LayoutHeight(h.numbers.back().get()) + 2 * kPadY);
        }
        return h;
    }

    void DrawHeader(const HeaderLayout& h) {
        const double top = canvas_.Y();
        const int header_rows = t_->header_rows;
        std::array<double, 4> row_y{};
        row_y[0] = top;
        for (int r = 0; r < 3; ++r) row_y[r + 1] = row_y[r] + (r < header_rows ? h.heights[r] : 0);
        for (std::size_t i = 0; i < t_->header.size(); ++i) {
            const AnnexHeaderCell& c = t_->header[i];
            const double y = row_y[c.row];
            const double height = row_y[c.row + c.rows] - y;
            canvas_.Frame(x_[c.col], y, SpanWidth(c.col, c.cols), height);
            canvas_.Show(h.cells[i].get(), x_[c.col] + kPadX,
                         y + (height - LayoutHeight(h.cells[i].get())) / 2);
        }
        const double ny = row_y[header_rows];
        for (int c = 0; c < t_->columns; ++c) {
            canvas_.Frame(x_[c], ny, w_[c], h.numbers_height);
            canvas_.Show(h.numbers[c].get(), x_[c] + kPadX, ny + kPadY);
        }
        canvas_.MoveDown(h.Total());
    }

    void Table() {
        const HeaderLayout header = MeasureHeader();
        bool first = true;
        bool rows_on_page = false;
        for (const AnnexRow& row : t_->rows) {
            const bool bold = row.kind != SettlementRow::Kind::kLine;
            std::vector<LayoutPtr> cells;
            cells.push_back(Text(row.stt, w_[0] - 2 * kPadX, kTableSize, Align::kCenter, bold));
            cells.push_back(Text(row.label, w_[1] - 2 * kPadX, kTableSize, Align::kLeft, bold));
            for (std::size_t i = 0; i + 2 < w_.size(); ++i) {
                const std::string text =
                    row.kind == SettlementRow::Kind::kSection || i >= row.cells.size()
                        ? ""
                        : Number(row.cells[i]);
                cells.push_back(
                    Text(text, w_[i + 2] - 2 * kPadX, kTableSize, Align::kCenter, bold));
            }
            double height = 0;
            for (const LayoutPtr& l : cells) height = std::max(height, LayoutHeight(l.get()));
            height += 2 * kPadY;
            if (first) {
                if (canvas_.Y() + header.Total() + height > canvas_.Bottom() && !canvas_.AtTop()) {
                    canvas_.NewPage();
                }
                DrawHeader(header);
                first = false;
            } else if (canvas_.Y() + height > canvas_.Bottom() && rows_on_page) {
                canvas_.NewPage();
                DrawHeader(header);
                rows_on_page = false;
            }
            const double y = canvas_.Y();
            for (std::size_t c = 0; c < w_.size(); ++c) {
                canvas_.Frame(x_[c], y, w_[c], height);
                canvas_.Show(cells[c].get(), x_[c] + kPadX, y + kPadY);
            }
            canvas_.MoveDown(height);
            rows_on_page = true;
        }
        if (first) DrawHeader(header);
        canvas_.MoveDown(G().body_size * 0.6);
    }

    void Signatures() {
        const double half = canvas_.Width() / 2;
        const double size = G().body_size;
        const LayoutPtr date = Text(s_.place_date, half, size, Align::kCenter, false, true);
        const std::array<LayoutPtr, 2> captions = {
            Text(std::string(kSettlementMaker), half, size, Align::kCenter, true),
            Text(std::string(kSettlementHead), half, size, Align::kCenter, true)};
        const std::array<LayoutPtr, 2> names = {
            Text(s_.maker_name, half, size, Align::kCenter, true),
            Text(s_.head_name, half, size, Align::kCenter, true)};
        const double need = LayoutHeight(date.get()) + LayoutHeight(captions[0].get()) +
                            G().sign_room + LayoutHeight(names[0].get());
        if (canvas_.Y() + need > canvas_.Bottom() && !canvas_.AtTop()) canvas_.NewPage();
        double y = canvas_.Y();
        if (!s_.place_date.empty()) {
            canvas_.Show(date.get(), canvas_.Left() + half, y);
            y += LayoutHeight(date.get());
        }
        for (int i = 0; i < 2; ++i) {
            const double x = canvas_.Left() + half * i;
            canvas_.Show(captions[i].get(), x, y);
            canvas_.Show(names[i].get(), x, y + LayoutHeight(captions[i].get()) + G().sign_room);
        }
        canvas_.MoveDown(y - canvas_.Y() + LayoutHeight(captions[0].get()) + G().sign_room +
                         LayoutHeight(names[0].get()));
    }

    const SettlementSheet& s_;
    Canvas canvas_;
    const AnnexTable* t_ = nullptr;
    std::vector<double> x_;  // column edges of the current table
    std::vector<double> w_;
};

struct Pass {
    std::string bytes;
    int pages = 0;
};

base::Result<Pass> RenderPass(const SettlementSheet& sheet, int total_pages) {
    Pass out;
    const detail::PageGeometry g = detail::GeometryFor(Paper::kA4Landscape);
    std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(
        cairo_pdf_surface_create_for_stream(&AppendBytes, &out.bytes, g.width, g.height));
    cairo_pdf_surface_restrict_to_version(surface.get(), CAIRO_PDF_VERSION_1_5);
    const std::string title = std::string(kSettlementTitle) + " – " + sheet.reporting_unit;
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "motcua");
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, "none");
    {
        const std::unique_ptr<cairo_t, CairoDeleter> cr(cairo_create(surface.get()));
        Writer writer(sheet, cr.get(), total_pages);
        writer.Write();
        out.pages = writer.PageCount();
        if (const cairo_status_t status = cairo_status(cr.get()); status != CAIRO_STATUS_SUCCESS) {
            return base::Internal(std::string("cairo: ") + cairo_status_to_string(status));
        }
    }
    cairo_surface_finish(surface.get());
    const cairo_status_t status = cairo_surface_status(surface.get());
    surface.reset();
    if (status != CAIRO_STATUS_SUCCESS) {
        return base::Internal(std::string("cairo PDF surface: ") + cairo_status_to_string(status));
    }
    return out;
}

}  // namespace

base::Result<std::string> RenderSettlementPdf(const SettlementSheet& sheet) {
    if (base::Status s = detail::ValidateSettlementSheet(sheet); !s) return s.error();
    if (const base::Status fonts = detail::CheckFontFamily(detail::kFontFamily); !fonts) {
        return fonts.error();
    }
    base::Result<Pass> first = RenderPass(sheet, 0);
    if (!first) return std::move(first).error();
    if (first->pages <= 1) return std::move(first->bytes);
    base::Result<Pass> second = RenderPass(sheet, first->pages);
    if (!second) return std::move(second).error();
    return std::move(second->bytes);
}

}  // namespace motcua::render
