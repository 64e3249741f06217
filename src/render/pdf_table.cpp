// Ruled tables in the PDF: cells wrapped to their column, rows kept whole, header rows repeated
// on every page the table spans.

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "render/pdf_canvas.hpp"

namespace motcua::render::detail {
namespace {

constexpr double kCellPadX = 3;
constexpr double kCellPadY = 2;
constexpr double kSignRoomShare = 0.6;  // of the paper's signature room, under cell captions
constexpr double kMinQrModule = 1.2;    // pt: smallest QR module we print (as pdf_writer.cpp)

struct Column {
    double x = 0;
    double width = 0;
};

// A table cell laid out for drawing.
struct MeasuredCell {
    LayoutPtr text;
    LayoutPtr sign_left;   // null without signature captions
    LayoutPtr sign_right;  // idem
    std::optional<QrMatrix> qr;
    double qr_module = 0;  // pt
    double qr_side = 0;    // pt, with the space under it; 0 without a QR code
    double text_height = 0;
};

struct MeasuredRow {
    std::vector<MeasuredCell> cells;
    double height = 0;
};

std::vector<Column> Columns(const Canvas& canvas, const Table& t) {
    double total = 0;
    for (const double w : t.widths) total += w;
    std::vector<Column> columns;
    double x = canvas.Left();
    for (const double w : t.widths) {
        columns.push_back(Column{.x = x, .width = canvas.Width() * w / total});
        x += columns.back().width;
    }
    return columns;
}

double FontSize(const Canvas& canvas, const Table& t) {
    return t.size > 0 ? t.size : canvas.Geometry().table_size;
}

MeasuredRow Measure(const Canvas& canvas, const std::vector<Cell>& row,
                    const std::vector<Column>& columns, double size, bool header) {
    MeasuredRow m;
    const Cell empty;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const Cell& cell = i < row.size() ? row[i] : empty;
        const double width = columns[i].width - 2 * kCellPadX;
        MeasuredCell mc;
        mc.text = canvas.Layout(
            cell.runs, width,
            {.size = size, .align = header ? Align::kCenter : cell.align, .bold = header});
        mc.text_height = LayoutHeight(mc.text.get());
        if (!cell.qr.empty()) {
            if (base::Result<QrMatrix> qr = EncodeQr(cell.qr); qr) {
                mc.qr_module = std::max(kMinQrModule, width / qr->size);
                mc.qr_side = mc.qr_module * qr->size + 2;
                mc.qr = std::move(qr).value();
            }
        }
        double height = mc.qr_side + mc.text_height;
        if (!cell.sign_left.empty() || !cell.sign_right.empty()) {
            const TextStyle caption{.size = size, .align = Align::kCenter, .italic = true};
            mc.sign_left = canvas.Layout(One(cell.sign_left), width / 2, caption);
            mc.sign_right = canvas.Layout(One(cell.sign_right), width / 2, caption);
            height +=
                3 + std::max(LayoutHeight(mc.sign_left.get()), LayoutHeight(mc.sign_right.get())) +
                canvas.Geometry().sign_room * kSignRoomShare;
        }
        m.height = std::max(m.height, height + 2 * kCellPadY);
        m.cells.push_back(std::move(mc));
    }
    return m;
}

void DrawRow(Canvas& canvas, const MeasuredRow& m, const std::vector<Column>& columns,
             bool header) {
    const double y = canvas.Y();
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const Column& c = columns[i];
        const MeasuredCell& mc = m.cells[i];
        canvas.Frame(c.x, y, c.width, m.height);
        const double text_y = header ? y + (m.height - mc.text_height) / 2 : y + kCellPadY;
        if (mc.qr) canvas.DrawQr(*mc.qr, c.x + kCellPadX, text_y, mc.qr_module);
        canvas.Show(mc.text.get(), c.x + kCellPadX, text_y + mc.qr_side);
        if (mc.sign_left != nullptr) {
            const double half = (c.width - 2 * kCellPadX) / 2;
            const double sign_y = text_y + mc.qr_side + mc.text_height + 3;
            canvas.Show(mc.sign_left.get(), c.x + kCellPadX, sign_y);
            canvas.Show(mc.sign_right.get(), c.x + kCellPadX + half, sign_y);
        }
    }
    canvas.MoveDown(m.height);
}

}  // namespace

void DrawTable(Canvas& canvas, const Table& table) {
    if (table.widths.empty()) return;
    const double size = FontSize(canvas, table);
    const std::vector<Column> columns = Columns(canvas, table);
    std::vector<MeasuredRow> header;
    double header_height = 0;
    for (const auto& row : table.header) {
        header.push_back(Measure(canvas, row, columns, size, true));
        header_height += header.back().height;
    }
    auto draw_header = [&] {
        for (const MeasuredRow& m : header) DrawRow(canvas, m, columns, true);
    };
    canvas.MoveDown(2);
    bool rows_on_page = false;
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        const MeasuredRow m = Measure(canvas, table.rows[i], columns, size, false);
        if (i == 0) {  // the header never stays alone at the foot of a page
            if (canvas.Y() + header_height + m.height > canvas.Bottom() && !canvas.AtTop()) {
                canvas.NewPage();
            }
            draw_header();
        } else if (canvas.Y() + m.height > canvas.Bottom() && rows_on_page) {
            canvas.NewPage();
            draw_header();
            rows_on_page = false;
        }
        DrawRow(canvas, m, columns, false);  // a row taller than a page runs over its foot
        rows_on_page = true;
    }
    if (table.rows.empty()) draw_header();
    canvas.MoveDown(canvas.Geometry().body_size * 0.3);
}

double TableMinHeight(const Canvas& canvas, const Table& table) {
    if (table.widths.empty()) return 0;
    const double size = FontSize(canvas, table);
    const std::vector<Column> columns = Columns(canvas, table);
    double height = 2;
    for (const auto& row : table.header) {
        height += Measure(canvas, row, columns, size, true).height;
    }
    if (!table.rows.empty()) {
        height += Measure(canvas, table.rows.front(), columns, size, false).height;
    }
    return height;
}

}  // namespace motcua::render::detail
