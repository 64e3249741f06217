// Public posting of the procedures (issue #8; docs/control.md "Public posting"):
//   /don-vi/{code}                           the public page of a unit (no account)
//   /cong-khai                               the desks of the officer's scope and their status
//   /cong-khai/bo-phan/{desk}                one desk: the check's warnings, print links, history,
//                                            the form recording a posting (POST)
//   /cong-khai/bo-phan/{desk}/niem-yet       the posting sheet (A4 list; ?kieu=bang: board)
//   /cong-khai/bo-phan/{desk}/niem-yet.pdf   the same as PDF (render/pdf_writer)
// Thin pages over app/posting.hpp. QR codes on the sheets (docs/control.md "Posting sheets"): the
// A4 list carries one per procedure (its public page /thu-tuc/{code}), the board one for the
// whole sheet (the desk's public page /don-vi/{desk}, which lists and links every procedure); the
// address is printed beside each code.
#include <map>

#include "app/posting.hpp"
#include "calendar/civil_date.hpp"
#include "render/pdf_writer.hpp"
#include "render/qr.hpp"
#include "web/assets.hpp"
#include "web/pages.hpp"
#include "web/site.hpp"

namespace motcua::web {

namespace {

using http::Request;
using http::Response;
namespace ps = app::posting;

constexpr std::string_view kListPath = "/cong-khai";

std::string DeskPath(std::string_view code) {
    return "/cong-khai/bo-phan/" + UrlEncode(code);
}

bool Board(const Request& req) {
    return req.Query("kieu").value_or("") == "bang";
}

std::string DocumentsText(const domain::Procedure& p) {
    return p.documents.empty() ? std::string("Chưa có thông tin")
                               : std::to_string(p.documents.size()) + " thành phần";
}

// The absolute address the sheets print and encode (http::Request::PublicOrigin).
std::string PublicBase(const app::AppContext& ctx, const Request& req) {
    return req.PublicOrigin(ctx.public_base_url);
}

std::string ProcedureUrl(const std::string& base, const std::string& code) {
    return base + "/thu-tuc/" + UrlEncode(code);
}

std::string UnitUrl(const std::string& base, const std::string& code) {
    return base + "/don-vi/" + UrlEncode(code);
}

// Inline SVG of a QR code of `url` (the CSP allows inline SVG markup, not inline scripts or
// styles), or false when it cannot be encoded.
Data QrData(const std::string& url, std::string_view label) {
    auto svg = render::detail::QrSvgOf(url, label);
    return svg ? Data(*svg) : Data(false);
}

// Procedures grouped by field (the sheet is sorted by field already).
// On the A4 list (not the board), each row carries the QR code of its page.
DataList Groups(const std::string& base, const std::vector<domain::Procedure>& procedures,
                bool row_qr) {
    DataList groups;
    Data group;
    DataList items;
    std::string field;
    int number = 0;
    bool open = false;
    auto close = [&] {
        if (open) {
            group.set("items", items);
            groups.push_back(group);
        }
    };
    for (const domain::Procedure& p : procedures) {
        if (!open || p.field != field) {
            close();
            group = Data();
            items = DataList();
            field = p.field;
            group.set("field", p.field.empty() ? std::string("Lĩnh vực khác") : p.field);
            open = true;
        }
        Data item;
        item.set("number", std::to_string(++number));
        item.set("code", p.code);
        item.set("name", p.name);
        item.set("processing_time", ProcessingTimeText(p));
        item.set("fees", p.fees.empty() ? std::string("Không") : p.fees);
        item.set("documents", DocumentsText(p));
        item.set("online_level", std::string(domain::OnlineLevelLabel(p.online_level)));
        item.set("href", "/thu-tuc/" + UrlEncode(p.code));
        const std::string url = ProcedureUrl(base, p.code);
        item.set("url", url);
        item.set("qr_svg", row_qr ? QrData(url, "Mã QR trang thủ tục " + p.code) : Data(false));
        items.push_back(item);
    }
    close();
    return groups;
}

Data CheckData(const ps::DeskCheck& c) {
    Data data;
    data.set("code", c.desk.code);
    data.set("name", c.desk.name);
    data.set("href", DeskPath(c.desk.code));
    data.set("received", GroupDigits(static_cast<std::int64_t>(c.received.size())));
    data.set("posted_current", GroupDigits(c.posted_current));
    data.set("complete", c.Complete());
    data.set("never_posted", !c.latest);
    data.set("posted_on", c.latest ? Data(FormatDate(c.latest->posted_on)) : Data(false));
    data.set("officer", c.latest ? OptionalText(c.latest->officer_name) : Data(false));
    std::map<ps::Finding, int> counts;
    DataList findings;
    for (const ps::CheckItem& f : c.findings) {
        ++counts[f.finding];
        Data item;
        item.set("label", std::string(ps::FindingLabel(f.finding)));
        item.set("code", f.code);
        item.set("name", OptionalText(f.name));
        item.set("posted_from", f.posted_from ? Data(FormatDate(*f.posted_from)) : Data(false));
        item.set("in_force_from",
                 f.in_force_from ? Data(FormatDate(*f.in_force_from)) : Data(false));
        findings.push_back(item);
    }
    data.set("missing", std::to_string(counts[ps::Finding::kMissing]));
    data.set("outdated", std::to_string(counts[ps::Finding::kOutdated]));
    data.set("not_in_force", std::to_string(counts[ps::Finding::kNotInForce]));
    data.set("has_findings", !findings.empty());
    data.set("findings", findings);
    return data;
}

Response ListPage(const Site& site, const Request& req, const app::Actor& actor) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    auto desks = ps::ListDesks(site.Context(), actor, req.Query("unit").value_or(""));
    if (!desks) {
        return site.ForError(desks.error(), req, actor);
    }
    DataList rows;
    for (const ps::DeskCheck& c : *desks) {
        rows.push_back(CheckData(c));
    }
    Data data;
    data.set("desks", rows);
    data.set("has_desks", !rows.empty());
    Chrome chrome = site.MakeChrome(req, actor, "Niêm yết thủ tục hành chính", Section::kNone);
    return site.Page(200, "posting_desks", chrome, data);
}

Response DeskPage(const Site& site, const Request& req, const app::Actor& actor, int status,
                  const std::string& error) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    auto view = ps::GetDesk(site.Context(), actor, req.path_params.at("desk"));
    if (!view) {
        return site.ForError(view.error(), req, actor);
    }
    Data data = CheckData(view->check);
    DataList history;
    for (const auto& p : view->history) {
        Data item;
        item.set("posted_on", FormatDate(p.posted_on));
        item.set("officer", p.officer_name);
        item.set("layout", p.layout == "board"    ? std::string("Bảng lớn")
                           : p.layout == "screen" ? std::string("Màn hình điện tử")
                                                  : std::string("Danh sách A4"));
        item.set("count", GroupDigits(p.item_count));
        item.set("note", OptionalText(p.note));
        history.push_back(item);
    }
    data.set("history", history);
    data.set("has_history", !history.empty());
    const std::string path = DeskPath(view->check.desk.code);
    data.set("action", path);
    data.set("sheet_href", path + "/niem-yet");
    data.set("board_href", path + "/niem-yet?kieu=bang");
    data.set("pdf_href", path + "/niem-yet.pdf");
    data.set("board_pdf_href", path + "/niem-yet.pdf?kieu=bang");
    data.set("today", calendar::FormatIsoDate(view->check.day));
    data.set("csrf", actor.csrf_token);
    data.set("error", error.empty() ? Data(false) : Data(error));
    Chrome chrome =
        site.MakeChrome(req, actor, "Niêm yết — " + view->check.desk.name, Section::kNone);
    if (req.Query("da-ghi").has_value()) {
        chrome.flash = "Đã ghi nhận lần niêm yết.";
    }
    return site.Page(status, "posting_desk", chrome, data);
}

Response DeskGet(const Site& site, const Request& req, const app::Actor& actor) {
    return DeskPage(site, req, actor, 200, "");
}

Response DeskPost(const Site& site, const Request& req, const app::Actor& actor, const Form& form) {
    ps::NewPosting input;
    if (const std::string day = form.Get("posted_on"); !day.empty()) {
        const auto ymd = calendar::ParseIsoDate(day);
        if (!ymd) {
            return DeskPage(site, req, actor, 422, "Ngày niêm yết không hợp lệ (năm-tháng-ngày).");
        }
        input.posted_on = std::chrono::sys_days{*ymd};
    }
    if (const std::string layout = form.Get("layout"); !layout.empty()) {
        input.layout = layout;
    }
    input.note = form.Get("note");
    auto stored = ps::RecordPosting(site.Context(), actor, req.path_params.at("desk"), input);
    if (!stored) {
        const auto code = stored.error().code;
        if (code == base::ErrorCode::kInvalidArgument ||
            code == base::ErrorCode::kFailedPrecondition) {
            return DeskPage(site, req, actor, 422, Sentence(stored.error().message));
        }
        return site.ForError(stored.error(), req, actor);
    }
    return Redirect(DeskPath(req.path_params.at("desk")) + "?da-ghi=1");
}

Response SheetPage(const Site& site, const Request& req, const app::Actor& actor) {
    auto sheet = ps::PostingSheet(site.Context(), req.path_params.at("desk"));
    if (!sheet) {
        return site.ForError(sheet.error(), req, actor);
    }
    const bool board = Board(req);
    Data data;
    data.set("desk_name", sheet->desk.name);
    data.set("parent_name", OptionalText(sheet->parent_name));
    data.set("day", FormatDate(sheet->day));
    data.set("count", GroupDigits(static_cast<std::int64_t>(sheet->procedures.size())));
    const std::string base = PublicBase(site.Context(), req);
    data.set("groups", Groups(base, sheet->procedures, !board));
    const std::string unit_url = UnitUrl(base, sheet->desk.code);
    data.set("sheet_url", board ? Data(unit_url) : Data(false));
    data.set("sheet_qr_svg",
             board ? QrData(unit_url, "Mã QR trang công khai của bộ phận") : Data(false));
    data.set("has_items", !sheet->procedures.empty());
    data.set("board", board);
    data.set("print_css", StaticUrl("posting_print.css"));
    const std::string path = DeskPath(sheet->desk.code);
    data.set("pdf_href", path + "/niem-yet.pdf" + (board ? "?kieu=bang" : ""));
    data.set("other_href", path + "/niem-yet" + (board ? "" : "?kieu=bang"));
    data.set("other_label", board ? "Danh sách A4" : "Bảng lớn theo lĩnh vực");
    data.set("public_href", "/don-vi/" + UrlEncode(sheet->desk.code));
    Chrome chrome =
        site.MakeChrome(req, actor, "Niêm yết TTHC — " + sheet->desk.name, Section::kNone);
    chrome.print = true;
    return site.Page(200, "posting_sheet", chrome, data);
}

namespace rd = render::detail;

rd::Cell TextCell(std::string text, bool bold = false, rd::Align align = rd::Align::kLeft) {
    return rd::Cell{{rd::Run{std::move(text), bold, false}}, align, {}, {}, {}};
}

// The QR code of `url` with the address printed under it.
rd::Cell QrCell(const std::string& url) {
    return rd::Cell{{rd::Run{url, false, true}}, rd::Align::kLeft, {}, {}, url};
}

Response SheetPdf(const Site& site, const Request& req, const app::Actor& actor) {
    auto sheet = ps::PostingSheet(site.Context(), req.path_params.at("desk"));
    if (!sheet) {
        return site.ForError(sheet.error(), req, actor);
    }
    const bool board = Board(req);
    const std::string base = PublicBase(site.Context(), req);
    rd::Document doc;
    doc.paper = board ? render::Paper::kA4Landscape : render::Paper::kA4Portrait;
    doc.parent_unit = sheet->parent_name;
    doc.issuing_unit = sheet->desk.name;
    doc.title = "DANH MỤC THỦ TỤC HÀNH CHÍNH TIẾP NHẬN TẠI BỘ PHẬN";
    doc.subtitle = "Niêm yết ngày " + FormatDate(sheet->day) + " — " +
                   std::to_string(sheet->procedures.size()) + " thủ tục";
    doc.pdf_title = "Niêm yết TTHC — " + sheet->desk.name;
    if (board) {  // one code for the board: the desk's public page lists every procedure
        rd::Table link;
        link.widths = {3.2, 15.6};
        link.size = 11;
        link.rows.push_back(
            {QrCell(UnitUrl(base, sheet->desk.code)),
             TextCell("Quét mã QR để xem danh mục thủ tục tiếp nhận tại bộ phận, từng thủ tục "
                      "với trình tự, thành phần hồ sơ, biểu mẫu và nộp hồ sơ trực tuyến.",
                      true)});
        doc.blocks.emplace_back(std::move(link));
    }
    if (sheet->procedures.empty()) {
        doc.blocks.emplace_back(rd::Paragraph{
            {rd::Run{"Bộ phận không tiếp nhận thủ tục nào đang có hiệu lực.", false, true}}});
    }
    std::string field;
    bool first = true;
    rd::Table table;
    int number = 0;
    auto flush = [&] {
        if (!table.rows.empty()) {
            doc.blocks.emplace_back(std::move(table));
            table = rd::Table{};
        }
    };
    for (const domain::Procedure& p : sheet->procedures) {
        if (first || p.field != field) {
            flush();
            field = p.field;
            first = false;
            rd::Paragraph heading{
                {rd::Run{"Lĩnh vực: " + (p.field.empty() ? "khác" : p.field), true, false}}};
            heading.align = rd::Align::kLeft;
            heading.size = board ? 16 : 0;
            heading.space_before = 8;
            heading.keep_with_next = true;
            doc.blocks.emplace_back(std::move(heading));
            if (board) {
                table.widths = {1.2, 2.6, 9, 3, 3};
                table.header = {{TextCell("STT"), TextCell("Mã"), TextCell("Tên thủ tục"),
                                 TextCell("Thời hạn"), TextCell("Phí, lệ phí")}};
                table.size = 14;
            } else {
                table.widths = {1.3, 2.6, 6.6, 2.2, 2.4, 2.0, 2.2, 2.5};
                table.size = 9;
                table.header = {{TextCell("STT"), TextCell("Mã"), TextCell("Tên thủ tục"),
                                 TextCell("Thời hạn"), TextCell("Phí, lệ phí"), TextCell("Hồ sơ"),
                                 TextCell("Trực tuyến"), TextCell("Mã QR")}};
            }
        }
        const std::string url = ProcedureUrl(base, p.code);
        rd::Cell name = TextCell(p.name, board);
        if (!board) {
            name.runs.push_back(rd::Run{"\n" + url, false, true});
        }
        std::vector<rd::Cell> row{TextCell(std::to_string(++number), false, rd::Align::kCenter),
                                  TextCell(p.code), std::move(name)};
        row.push_back(TextCell(ProcessingTimeText(p)));
        row.push_back(TextCell(p.fees.empty() ? std::string("Không") : p.fees));
        if (!board) {
            row.push_back(TextCell(DocumentsText(p)));
            row.push_back(TextCell(std::string(domain::OnlineLevelLabel(p.online_level))));
            rd::Cell qr = TextCell("");
            qr.qr = url;
            row.push_back(std::move(qr));
        }
        table.rows.push_back(std::move(row));
    }
    flush();
    doc.blocks.emplace_back(
        rd::Paragraph{{rd::Run{"Tra cứu chi tiết, biểu mẫu và nộp hồ sơ trực tuyến: " + base +
                                   "/thu-tuc/<mã thủ tục>; phản ánh, kiến nghị: " + base +
                                   "/phan-anh-kien-nghi?don-vi=" + sheet->desk.code,
                               false, true}}});
    auto pdf = rd::WritePdf(doc);
    if (!pdf) {
        return site.ForError(pdf.error(), req, actor);
    }
    Response r;
    r.content_type = "application/pdf";
    r.body = std::move(*pdf);
    r.AddHeader("Content-Disposition",
                std::string("inline; filename=\"niem-yet-") + (board ? "bang" : "a4") + ".pdf\"");
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

Response UnitPublicPage(const Site& site, const Request& req, const app::Actor& actor) {
    const std::string q(req.Query("q").value_or(""));
    auto unit = ps::GetPublicUnit(site.Context(), req.path_params.at("code"), q);
    if (!unit) {
        return site.ForError(unit.error(), req, actor);
    }
    Data data;
    data.set("code", unit->unit.code);
    data.set("name", unit->unit.name);
    data.set("type_label", std::string(domain::UnitTypeLabel(unit->unit.type)));
    data.set("parent_name", OptionalText(unit->parent_name));
    data.set("parent_href", unit->parent_code.empty()
                                ? Data(false)
                                : Data("/don-vi/" + UrlEncode(unit->parent_code)));
    data.set("closed", unit->unit.valid_to.has_value());
    DataList desks;
    for (const domain::Unit& d : unit->desks) {
        Data item;
        item.set("name", d.name);
        item.set("href", "/don-vi/" + UrlEncode(d.code));
        item.set("same", d.id == unit->unit.id);
        item.set("sheet_href", DeskPath(d.code) + "/niem-yet");
        desks.push_back(item);
    }
    data.set("desks", desks);
    data.set("has_desks", !desks.empty());
    DataList items;
    for (const domain::Procedure& p : unit->procedures) {
        Data item;
        item.set("code", p.code);
        item.set("name", p.name);
        item.set("field", OptionalText(p.field));
        item.set("processing_time", ProcessingTimeText(p));
        item.set("online_level", std::string(domain::OnlineLevelLabel(p.online_level)));
        item.set("href", "/thu-tuc/" + UrlEncode(p.code));
        items.push_back(item);
    }
    data.set("items", items);
    data.set("has_items", !items.empty());
    data.set("q", q);
    data.set("total", GroupDigits(unit->received_total));
    data.set("shown", GroupDigits(static_cast<std::int64_t>(unit->procedures.size())));
    data.set("filtered", !q.empty());
    data.set("feedback_href", "/phan-anh-kien-nghi?don-vi=" + UrlEncode(unit->unit.code));
    data.set("indicators_href", "/cong-khai/chi-so-766?unit=" + UrlEncode(unit->unit.code));
    data.set("action", "/don-vi/" + UrlEncode(unit->unit.code));
    Chrome chrome = site.MakeChrome(req, actor, unit->unit.name, Section::kNone);
    Response r = site.Page(200, "unit_public", chrome, data);
    return r;
}

}  // namespace

void RegisterPostingPages(http::Router& router, const SitePtr& site) {
    AddPage(router, site, "/don-vi/{code}", UnitPublicPage,
            "Trang công khai của đơn vị: bộ phận một cửa, các TTHC tiếp nhận, địa chỉ phản ánh "
            "kiến nghị (HTML, công khai)",
            "public");
    AddPage(router, site, std::string(kListPath), ListPage,
            "Các bộ phận một cửa trong phạm vi và tình trạng niêm yết TTHC (HTML)", "session");
    AddPage(router, site, "/cong-khai/bo-phan/{desk}", DeskGet,
            "Niêm yết tại một bộ phận: cảnh báo, bản in, lịch sử, ghi nhận niêm yết (HTML)",
            "session");
    AddForm(router, site, "/cong-khai/bo-phan/{desk}", DeskPost, Audience::kSignedIn,
            "Ghi nhận một lần niêm yết tại bộ phận (biểu mẫu)");
    AddPage(router, site, "/cong-khai/bo-phan/{desk}/niem-yet", SheetPage,
            "Bản niêm yết TTHC để in: danh sách A4, hoặc bảng lớn theo lĩnh vực với ?kieu=bang "
            "(HTML, công khai)",
            "public");
    AddPage(router, site, "/cong-khai/bo-phan/{desk}/niem-yet.pdf", SheetPdf,
            "Bản niêm yết TTHC dạng PDF (A4 dọc; ?kieu=bang: A4 ngang, chữ lớn) (công khai)",
            "public");
}

}  // namespace motcua::web
