// What each form says: the top block, the shared pieces, and the bodies of the receipt (Form 01),
// the supplement request (Form 02) and the refusal (Form 03). The wording follows the annex of
// Circular 01/2018/TT-VPCP and the field lists of REGULATIONS.md §2.9.

#include <string>
#include <string_view>
#include <utility>

#include "render/document.hpp"

namespace motcua::render::detail {
namespace {

constexpr std::string_view kReplacement = "\uFFFD";

// Length of the well-formed UTF-8 sequence starting at text[i] (Unicode Table 3-7), 0 if none.
std::size_t SequenceLength(std::string_view text, std::size_t i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) return 1;
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;  // no surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
    } else {
        return 0;
    }
    if (i + length > text.size()) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        const auto b = static_cast<unsigned char>(text[i + k]);
        if (b < (k == 1 ? low : 0x80) || b > (k == 1 ? high : 0xBF)) return 0;
    }
    return length;
}

Cell TextCell(std::string text, Align align = Align::kLeft, bool bold = false) {
    return Cell{.runs = {Run{.text = std::move(text), .bold = bold}}, .align = align};
}

// The count column of the components table: empty for zero, "01" otherwise.
Cell CountCell(int n) {
    return TextCell(n > 0 ? TwoDigits(n) : std::string(), Align::kCenter);
}

// Phone and e-mail on one line.
Paragraph PhoneEmail(const FormData& form) {
    Paragraph p;
    p.runs = {Run{.text = "Số điện thoại: " + OrBlank(form.applicant_phone)},
              Run{.text = "    Email: " + OrBlank(form.applicant_email)}};
    p.align = Align::kLeft;
    return p;
}

// "Ông/Bà: NAME" and the applicant lines common to Forms 01 and 03.
void AddApplicant(const FormData& form, Document& doc) {
    doc.blocks.emplace_back(
        Labeled(form.applicant_is_organisation ? "Tổ chức" : "Ông/Bà", form.applicant_name, true));
    if (!form.applicant_id_number.empty()) {
        doc.blocks.emplace_back(Labeled("Số định danh cá nhân/Hộ chiếu", form.applicant_id_number));
    }
    doc.blocks.emplace_back(Labeled("Địa chỉ", form.applicant_address));
    doc.blocks.emplace_back(PhoneEmail(form));
    if (!form.owner_name.empty()) {
        Paragraph p = Labeled("Chủ hồ sơ", form.owner_name, true);
        p.runs.push_back(Run{.text = "; địa chỉ: " + OrBlank(form.owner_address)});
        doc.blocks.emplace_back(std::move(p));
    }
}

// A numbered line "(n) label: value" of the receipt.
Paragraph Numbered(int n, std::string_view label, std::string_view value, bool bold = false) {
    Paragraph p = Labeled("(" + std::to_string(n) + ") " + std::string(label), value, bold);
    p.space_before = 2;
    return p;
}

Signatures SubmitterAndOfficer(const FormData& form, std::string_view officer_default) {
    return Signatures{
        .boxes = {
            SignatureBox{.caption = "NGƯỜI NỘP HỒ SƠ",
                         .hint = "(Ký và ghi rõ họ tên)",
                         .name = Clean(form.applicant_name)},
            SignatureBox{.caption = form.officer_title.empty() ? std::string(officer_default)
                                                               : Clean(form.officer_title),
                         .hint = "(Ký và ghi rõ họ tên)",
                         .name = Clean(form.officer_name)},
        }};
}

}  // namespace

bool IsUtf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = SequenceLength(text, i);
        if (length == 0) return false;
        i += length;
    }
    return true;
}

std::string Clean(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = SequenceLength(text, i);
        const char c = text[i];
        if (length == 0) {
            out.append(kReplacement);
            ++i;
            continue;
        }
        if (c == '\r') {
            out.push_back('\n');
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else if (length == 1 && (static_cast<unsigned char>(c) < 0x20 || c == '\x7f') &&
                   c != '\n' && c != '\t') {
            out.push_back(' ');
        } else {
            out.append(text.substr(i, length));
        }
        i += length;
    }
    return out;
}

std::string OrBlank(std::string_view value) {
    return value.empty() ? std::string(kBlank) : Clean(value);
}

Paragraph Labeled(std::string_view label, std::string_view value, bool bold) {
    Paragraph p;
    p.runs = {Run{.text = std::string(label) + ": "},
              Run{.text = OrBlank(value), .bold = bold && !value.empty()}};
    p.align = Align::kLeft;
    return p;
}

Paragraph Plain(std::string_view text, Align align, bool italic) {
    Paragraph p;
    p.runs = {Run{.text = Clean(text), .italic = italic}};
    p.align = align;
    return p;
}

std::string SentenceUnit(const FormData& form) {
    if (!form.receiving_unit.empty()) return Clean(form.receiving_unit);
    if (!form.issuing_unit.empty()) return Clean(form.issuing_unit);
    return "Bộ phận Tiếp nhận và Trả kết quả";
}

std::string TwoDigits(int n) {
    return n < 10 && n >= 0 ? "0" + std::to_string(n) : std::to_string(n);
}

Table ComponentsTable(const std::vector<ComponentLine>& components) {
    Table t;
    t.widths = {7, 43, 12, 24, 14};
    t.header = {{TextCell("STT", Align::kCenter), TextCell("Tên giấy tờ", Align::kCenter),
                 TextCell("Bản chính", Align::kCenter),
                 TextCell("Bản sao chứng thực", Align::kCenter),
                 TextCell("Bản photo", Align::kCenter)}};
    int stt = 0;
    for (const ComponentLine& c : components) {
        Cell name = TextCell(Clean(c.name));
        if (!c.note.empty()) name.runs.push_back(Run{.text = "\n" + Clean(c.note), .italic = true});
        t.rows.push_back({TextCell(std::to_string(++stt), Align::kCenter), std::move(name),
                          CountCell(c.originals), CountCell(c.certified_copies),
                          CountCell(c.copies)});
    }
    if (components.empty()) {
        t.rows.push_back({TextCell("1", Align::kCenter), TextCell(std::string(kBlank)),
                          TextCell(""), TextCell(""), TextCell("")});
    }
    return t;
}

void AddReasons(std::string_view reasons, Document& doc) {
    const std::string text = Clean(reasons);
    if (text.empty()) {
        Paragraph p = Plain(std::string(kBlank) + std::string(kBlank));
        p.indent = 14;
        doc.blocks.emplace_back(std::move(p));
        return;
    }
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) {
            Paragraph p = Plain(text.substr(start, end - start));
            p.indent = 14;
            doc.blocks.emplace_back(std::move(p));
        }
        start = end + 1;
    }
}

Document BuildDocument(const FormData& form) {
    Document doc;
    doc.paper = form.paper;
    doc.form_number = form.number.empty() ? std::string() : "Mẫu số " + Clean(form.number);
    doc.legal_note = Clean(form.legal_note);
    doc.parent_unit = Clean(form.parent_unit);
    doc.issuing_unit = Clean(form.issuing_unit);
    doc.place_date = Clean(form.place_date);
    doc.dossier_code = Clean(form.dossier_code);
    doc.qr_payload = form.qr_payload;  // encoded byte for byte
    doc.title = form.title.empty() ? DefaultTitle(form.kind) : Clean(form.title);
    doc.pdf_title = doc.dossier_code.empty() ? doc.title : doc.title + " – " + doc.dossier_code;
    switch (form.kind) {
        case FormKind::kReceipt:
            AddReceiptBody(form, doc);
            break;
        case FormKind::kSupplementRequest:
            AddSupplementBody(form, doc);
            break;
        case FormKind::kRefusal:
            AddRefusalBody(form, doc);
            break;
        case FormKind::kApology:
            AddApologyBody(form, doc);
            break;
        case FormKind::kStopNotice:
            AddStopNoticeBody(form, doc);
            break;
        case FormKind::kProcessControl:
            AddProcessControlBody(form, doc);
            break;
        case FormKind::kRegister:
            AddRegisterBody(form, doc);
            break;
    }
    return doc;
}

void AddReceiptBody(const FormData& form, Document& doc) {
    doc.blocks.emplace_back(Plain(SentenceUnit(form) + " tiếp nhận hồ sơ của:"));
    AddApplicant(form, doc);
    doc.blocks.emplace_back(Labeled("Hình thức nộp", form.channel_label));
    doc.blocks.emplace_back(Labeled("Nội dung yêu cầu giải quyết", form.procedure_name, true));

    Paragraph components = Numbered(1, "Thành phần hồ sơ nộp gồm", "");
    components.runs.pop_back();
    components.keep_with_next = true;
    doc.blocks.emplace_back(std::move(components));
    doc.blocks.emplace_back(ComponentsTable(form.components));
    doc.blocks.emplace_back(Numbered(2, "Số lượng hồ sơ", TwoDigits(form.sets) + " bộ"));
    doc.blocks.emplace_back(
        Numbered(3, "Thời gian giải quyết hồ sơ theo quy định", form.processing_time));
    doc.blocks.emplace_back(Numbered(4, "Thời gian nhận hồ sơ", form.received_at));
    doc.blocks.emplace_back(
        Numbered(5, "Thời gian trả kết quả giải quyết hồ sơ", form.appointment_at, true));
    Paragraph early = Plain(
        "Trường hợp có kết quả trước thời hạn, ông/bà sẽ được thông báo qua tin nhắn, thư điện tử "
        "hoặc ứng dụng nhắn tin.",
        Align::kJustify, true);
    early.indent = 14;
    doc.blocks.emplace_back(std::move(early));
    if (!form.lookup_note.empty()) {
        Paragraph lookup = Plain(form.lookup_note, Align::kJustify, true);
        lookup.indent = 14;
        doc.blocks.emplace_back(std::move(lookup));
    }
    doc.blocks.emplace_back(Numbered(6, "Đăng ký nhận kết quả tại", form.return_place));
    doc.blocks.emplace_back(SubmitterAndOfficer(form, "NGƯỜI TIẾP NHẬN HỒ SƠ"));
}

void AddSupplementBody(const FormData& form, Document& doc) {
    doc.blocks.emplace_back(Labeled("Hồ sơ của", form.applicant_name, true));
    doc.blocks.emplace_back(Labeled("Nội dung yêu cầu giải quyết", form.procedure_name, true));
    doc.blocks.emplace_back(Labeled("Địa chỉ", form.applicant_address));
    doc.blocks.emplace_back(PhoneEmail(form));
    if (!form.received_at.empty()) {
        doc.blocks.emplace_back(Labeled("Thời gian nộp hồ sơ", form.received_at));
    }
    Paragraph ask = Plain("Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:");
    ask.space_before = 4;
    ask.keep_with_next = true;
    doc.blocks.emplace_back(std::move(ask));
    doc.blocks.emplace_back(ComponentsTable(form.components));
    Paragraph reason = Plain("Lý do:");
    reason.space_before = 4;
    reason.keep_with_next = true;
    doc.blocks.emplace_back(std::move(reason));
    AddReasons(form.reasons, doc);
    if (!form.lookup_note.empty()) {
        doc.blocks.emplace_back(Plain(form.lookup_note, Align::kJustify, true));
    }
    doc.blocks.emplace_back(
        Plain("Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên "
              "hệ với " +
              OrBlank(form.officer_name) + ", số điện thoại " + OrBlank(form.officer_phone) +
              " để được hướng dẫn."));
    doc.blocks.emplace_back(Signatures{
        .boxes = {SignatureBox{},
                  SignatureBox{.caption = form.officer_title.empty() ? "NGƯỜI HƯỚNG DẪN"
                                                                     : Clean(form.officer_title),
                               .hint = "(Ký và ghi rõ họ tên)",
                               .name = Clean(form.officer_name)}}});
}

void AddRefusalBody(const FormData& form, Document& doc) {
    doc.blocks.emplace_back(Plain(SentenceUnit(form) + " tiếp nhận hồ sơ của:"));
    AddApplicant(form, doc);
    doc.blocks.emplace_back(Labeled("Nội dung yêu cầu giải quyết", form.procedure_name, true));
    if (!form.received_at.empty()) {
        doc.blocks.emplace_back(Labeled("Thời gian nộp hồ sơ", form.received_at));
    }
    Paragraph because = Plain("Sau khi xem xét, đối chiếu thành phần hồ sơ, " + SentenceUnit(form) +
                              " không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:");
    because.space_before = 4;
    because.keep_with_next = true;
    doc.blocks.emplace_back(std::move(because));
    AddReasons(form.reasons, doc);
    doc.blocks.emplace_back(Plain("Xin thông báo để ông/bà được biết và thực hiện./."));
    if (!form.lookup_note.empty()) {
        doc.blocks.emplace_back(Plain(form.lookup_note, Align::kJustify, true));
    }
    doc.blocks.emplace_back(SubmitterAndOfficer(form, "NGƯỜI TIẾP NHẬN HỒ SƠ"));
}

}  // namespace motcua::render::detail
