// Draws a Document on a Canvas: the top block, the title block, then the body blocks in order;
// renders twice when there are several pages, so that the footers can say "Trang i/n".

#include "render/pdf_writer.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "render/pango_util.hpp"
#include "render/pdf_canvas.hpp"
#include "render/qr.hpp"

namespace motcua::render::detail {
namespace {

constexpr double kLeftColumn = 0.42;  // share of the width taken by the issuing-unit block
constexpr double kQrSide = 0.15;      // QR side (quiet zone included) as a share of the width
constexpr double kMinModule = 1.2;    // pt: smallest QR module we print
constexpr std::string_view kMotto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
constexpr std::string_view kSlogan = "Độc lập - Tự do - Hạnh phúc";
constexpr std::string_view kQrHint = "Quét mã QR để tra cứu tình trạng giải quyết hồ sơ";

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

// Logical width of the last line of a layout, in pt.
double LastLineWidth(PangoLayout* layout) {
    PangoLayoutLine* last =
        pango_layout_get_line_readonly(layout, pango_layout_get_line_count(layout) - 1);
    PangoRectangle logical;
    pango_layout_line_get_extents(last, nullptr, &logical);
    return static_cast<double>(logical.width) / PANGO_SCALE;
}

// Lays out and draws one Document page after page.
class Writer final {
public:
    Writer(const Document& doc, cairo_t* cr, const QrMatrix* qr, int total_pages)
        : doc_(doc), qr_(qr), canvas_(cr, doc.paper, total_pages), g_(canvas_.Geometry()) {}

    void Write() {
        Heading();
        TitleBlock();
        for (std::size_t i = 0; i < doc_.blocks.size(); ++i) {
            const Block& block = doc_.blocks[i];
            if (const auto* p = std::get_if<Paragraph>(&block);
                p != nullptr && p->keep_with_next && i + 1 < doc_.blocks.size()) {
                const double need = p->space_before + LayoutHeight(ParagraphLayout(*p).get()) +
                                    MinHeight(doc_.blocks[i + 1]);
                if (canvas_.Y() + need > canvas_.Bottom()) canvas_.NewPage();
            }
            std::visit([this](const auto& b) { Draw(b); }, block);
        }
        canvas_.Footer();
    }

    [[nodiscard]] int PageCount() const { return canvas_.PageCount(); }

private:
    [[nodiscard]] double Left() const { return canvas_.Left(); }
    [[nodiscard]] double Width() const { return canvas_.Width(); }

    LayoutPtr Layout(const std::vector<Run>& runs, double width, const TextStyle& style) const {
        return canvas_.Layout(runs, width, style);
    }

    // Draws `layout` at the write position and moves below it (no page break: the top block).
    void Put(PangoLayout* layout, double x) {
        canvas_.Show(layout, x, canvas_.Y());
        canvas_.MoveDown(LayoutHeight(layout));
    }

    // The top block: form number, issuing unit (left), motto (right), place and date.
    void Heading() {
        if (!doc_.form_number.empty()) {
            Put(Layout(One(doc_.form_number, true), Width(),
                       {.size = g_.small_size + 1, .align = Align::kRight})
                    .get(),
                Left());
        }
        if (!doc_.legal_note.empty()) {
            const double width = Width() * 0.62;
            Put(Layout(One(doc_.legal_note, false, true), width,
                       {.size = g_.small_size, .align = Align::kRight})
                    .get(),
                Left() + Width() - width);
        }
        if (!doc_.form_number.empty() || !doc_.legal_note.empty()) {
            canvas_.MoveDown(g_.heading_size * 0.3);
        }
        const double top = canvas_.Y();
        const double left_width = Width() * kLeftColumn;
        const double right_width = Width() - left_width;
        const double right_x = Left() + left_width;
        double left_bottom = top;
        if (!doc_.parent_unit.empty() || !doc_.issuing_unit.empty()) {
            std::vector<Run> runs;
            if (!doc_.parent_unit.empty()) runs.push_back(Run{.text = doc_.parent_unit});
            if (!doc_.issuing_unit.empty()) {
                runs.push_back(
                    Run{.text = (runs.empty() ? "" : "\n") + doc_.issuing_unit, .bold = true});
            }
            const LayoutPtr unit =
                Layout(runs, left_width - 4, {.size = g_.heading_size, .align = Align::kCenter});
            canvas_.Show(unit.get(), Left() + 2, top);
            left_bottom = top + LayoutHeight(unit.get()) + 3;
            // The short rule under the unit: 40 % of its last line.
            canvas_.Rule(Left() + left_width / 2, left_bottom,
                         std::max(30.0, LastLineWidth(unit.get()) * 0.4));
            left_bottom += 2;
        }
        // The motto on one line: shrink the size when the column is too narrow.
        double motto_size = g_.heading_size;
        if (const double w = LayoutWidth(
                Layout(One(std::string(kMotto), true), right_width * 2, {.size = motto_size})
                    .get());
            w > right_width - 2) {
            motto_size *= (right_width - 2) / w;
        }
        const LayoutPtr motto = Layout(One(std::string(kMotto), true), right_width,
                                       {.size = motto_size, .align = Align::kCenter});
        const LayoutPtr slogan = Layout(One(std::string(kSlogan), true), right_width,
                                        {.size = motto_size + 1, .align = Align::kCenter});
        double right_y = top;
        canvas_.Show(motto.get(), right_x, right_y);
        right_y += LayoutHeight(motto.get());
        canvas_.Show(slogan.get(), right_x, right_y);
        right_y += LayoutHeight(slogan.get()) + 3;
        canvas_.Rule(right_x + right_width / 2, right_y, LastLineWidth(slogan.get()));
        right_y += 2;

        canvas_.MoveDown(std::max(left_bottom, right_y) + g_.heading_size * 0.4 - canvas_.Y());
        if (!doc_.place_date.empty()) {
            Put(Layout(One(doc_.place_date, false, true), right_width,
                       {.size = g_.heading_size + 0.5, .align = Align::kCenter})
                    .get(),
                right_x);
        }
    }

    // The title, the subtitle and "Mã hồ sơ: CODE", centred; with a QR code, the code sits at
    // the left of them and they are centred in the rest of the width.
    void TitleBlock() {
        canvas_.MoveDown(g_.body_size * 0.7);
        double side = 0;
        double module = 0;
        if (qr_ != nullptr) {
            module = std::max(kMinModule, Width() * kQrSide / qr_->size);
            side = module * qr_->size;
        }
        const double text_x = qr_ != nullptr ? Left() + side + 6 : Left();
        const double text_width = Left() + Width() - text_x;
        // The title on one line where it fits at 85 % of its size, wrapped otherwise.
        double title_size = g_.title_size;
        if (const double w = LayoutWidth(
                Layout(One(doc_.title, true), text_width * 2, {.size = title_size}).get());
            w > text_width) {
            title_size = std::max(title_size * 0.85, title_size * text_width / w * 0.999);
        }
        std::vector<LayoutPtr> lines;
        lines.push_back(Layout(One(doc_.title, true), text_width,
                               {.size = title_size, .align = Align::kCenter}));
        if (!doc_.subtitle.empty()) {
            lines.push_back(Layout(One(doc_.subtitle, false, true), text_width,
                                   {.size = g_.body_size, .align = Align::kCenter}));
        }
        if (!doc_.dossier_code.empty()) {
            lines.push_back(
                Layout({Run{.text = "Mã hồ sơ: "}, Run{.text = doc_.dossier_code, .bold = true}},
                       text_width, {.size = g_.body_size, .align = Align::kCenter}));
        }
        if (qr_ != nullptr) {
            lines.push_back(Layout(One(std::string(kQrHint), false, true), text_width,
                                   {.size = g_.small_size, .align = Align::kCenter}));
        }
        double text_height = 0;
        for (const LayoutPtr& line : lines) text_height += LayoutHeight(line.get());
        const double top = canvas_.Y();
        if (qr_ != nullptr) canvas_.DrawQr(*qr_, Left(), top, module);
        double y = top + std::max(0.0, (side - text_height) / 2);
        for (const LayoutPtr& line : lines) {
            canvas_.Show(line.get(), text_x, y);
            y += LayoutHeight(line.get());
        }
        canvas_.MoveDown(std::max(side, text_height) + g_.body_size * 0.5);
    }

    LayoutPtr ParagraphLayout(const Paragraph& p) const {
        return Layout(p.runs, Width() - p.indent,
                      {.size = p.size > 0 ? p.size : g_.body_size, .align = p.align});
    }

    void Draw(const Paragraph& p) {
        canvas_.MoveDown(p.space_before);
        if (p.runs.empty()) return;
        const LayoutPtr layout = ParagraphLayout(p);
        canvas_.Flow(layout.get(), Left() + p.indent);
        canvas_.MoveDown(g_.body_size * 0.15);
    }

    void Draw(const Table& t) { DrawTable(canvas_, t); }

    struct MeasuredBox {
        LayoutPtr caption;
        LayoutPtr hint;
        LayoutPtr name;
    };
    struct MeasuredSignatures {
        std::vector<MeasuredBox> boxes;
        double height = 0;  // of the tallest box with a caption
    };

    MeasuredSignatures MeasureSignatures(const Signatures& s) const {
        MeasuredSignatures out;
        const double column =
            Width() / static_cast<double>(std::max<std::size_t>(1, s.boxes.size()));
        for (const SignatureBox& box : s.boxes) {
            MeasuredBox m{.caption = Layout(One(box.caption, true), column,
                                            {.size = g_.body_size, .align = Align::kCenter}),
                          .hint = Layout(One(box.hint, false, true), column,
                                         {.size = g_.small_size + 1, .align = Align::kCenter}),
                          .name = Layout(One(box.name, true), column,
                                         {.size = g_.body_size, .align = Align::kCenter})};
            if (!box.caption.empty()) {
                out.height = std::max(out.height, LayoutHeight(m.caption.get()) +
                                                      LayoutHeight(m.hint.get()) + g_.sign_room +
                                                      LayoutHeight(m.name.get()));
            }
            out.boxes.push_back(std::move(m));
        }
        return out;
    }

    void Draw(const Signatures& s) {
        const MeasuredSignatures measured = MeasureSignatures(s);
        canvas_.MoveDown(g_.body_size * 0.4);
        if (canvas_.Y() + measured.height > canvas_.Bottom() && !canvas_.AtTop()) {
            canvas_.NewPage();
        }
        const double column =
            Width() / static_cast<double>(std::max<std::size_t>(1, measured.boxes.size()));
        const double top = canvas_.Y();
        for (std::size_t i = 0; i < measured.boxes.size(); ++i) {
            if (s.boxes[i].caption.empty()) continue;
            const double x = Left() + column * static_cast<double>(i);
            const MeasuredBox& m = measured.boxes[i];
            canvas_.Show(m.caption.get(), x, top);
            const double hint_y = top + LayoutHeight(m.caption.get());
            canvas_.Show(m.hint.get(), x, hint_y);
            canvas_.Show(m.name.get(), x, hint_y + LayoutHeight(m.hint.get()) + g_.sign_room);
        }
        canvas_.MoveDown(measured.height);
    }

    // Height a block needs at the least on the page it starts (keep_with_next).
    double MinHeight(const Block& block) const {
        if (const auto* p = std::get_if<Paragraph>(&block)) {
            if (p->runs.empty()) return p->space_before;
            const LayoutPtr layout = ParagraphLayout(*p);
            PangoRectangle logical;
            pango_layout_line_get_extents(pango_layout_get_line_readonly(layout.get(), 0), nullptr,
                                          &logical);
            return p->space_before + static_cast<double>(logical.height) / PANGO_SCALE;
        }
        if (const auto* t = std::get_if<Table>(&block)) return TableMinHeight(canvas_, *t);
        return g_.body_size * 0.4 + MeasureSignatures(std::get<Signatures>(block)).height;
    }

    const Document& doc_;
    const QrMatrix* qr_;
    Canvas canvas_;
    const PageGeometry& g_;
};

struct Pass {
    std::string bytes;
    int pages = 0;
};

// One rendering of `doc`; `total_pages` = 0 while the page count is not known yet.
base::Result<Pass> RenderPass(const Document& doc, const QrMatrix* qr, int total_pages) {
    Pass out;
    const PageGeometry g = GeometryFor(doc.paper);
    std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(
        cairo_pdf_surface_create_for_stream(&AppendBytes, &out.bytes, g.width, g.height));
    cairo_pdf_surface_restrict_to_version(surface.get(), CAIRO_PDF_VERSION_1_5);
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, doc.pdf_title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "motcua");
    // cairo stamps /CreationDate from the wall clock unless told otherwise; a value that is not
    // ISO 8601 drops it, so the same form always gives the same bytes.
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, "none");
    {
        const std::unique_ptr<cairo_t, CairoDeleter> cr(cairo_create(surface.get()));
        Writer writer(doc, cr.get(), qr, total_pages);
        writer.Write();
        out.pages = writer.PageCount();
        if (const cairo_status_t status = cairo_status(cr.get()); status != CAIRO_STATUS_SUCCESS) {
            return base::Internal(std::string("cairo: ") + cairo_status_to_string(status));
        }
    }
    cairo_surface_finish(surface.get());
    const cairo_status_t status = cairo_surface_status(surface.get());
    surface.reset();  // no more writes into out.bytes
    if (status != CAIRO_STATUS_SUCCESS) {
        return base::Internal(std::string("cairo PDF surface: ") + cairo_status_to_string(status));
    }
    return out;
}

}  // namespace

base::Result<std::string> WritePdf(const Document& doc) {
    if (const base::Status fonts = CheckFontFamily(kFontFamily); !fonts) return fonts.error();
    std::optional<QrMatrix> qr;
    if (!doc.qr_payload.empty()) {
        base::Result<QrMatrix> encoded = EncodeQr(doc.qr_payload);
        if (!encoded) return std::move(encoded).error();
        qr = std::move(encoded).value();
    }
    const QrMatrix* qr_ptr = qr ? &*qr : nullptr;
    base::Result<Pass> first = RenderPass(doc, qr_ptr, 0);
    if (!first) return std::move(first).error();
    if (first->pages <= 1) return std::move(first->bytes);
    base::Result<Pass> second = RenderPass(doc, qr_ptr, first->pages);  // now numbered i/n
    if (!second) return std::move(second).error();
    return std::move(second->bytes);
}

}  // namespace motcua::render::detail
