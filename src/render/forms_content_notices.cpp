// What the later forms say: the apology (Form 04), the stop notice (Form 05 of 2025), the
// process-control slip (Form 05 of 2018 / 06 of 2025) and the tracking register (06 / 07).

#include <string>
#include <utility>

#include "render/document.hpp"

namespace motcua::render::detail {
namespace {

Cell TextCell(std::string text, Align align = Align::kLeft) {
    return Cell{.runs = {Run{.text = std::move(text)}}, .align = align};
}

// "Kính gửi: Ông/Bà NAME" with the address and phone lines.
void AddAddressee(const FormData& form, Document& doc) {
    Paragraph to = Labeled(
        "Kính gửi", (form.applicant_is_organisation ? "" : "Ông/Bà ") + Clean(form.applicant_name),
        true);
    if (form.applicant_name.empty()) to = Labeled("Kính gửi", "");
    to.align = Align::kLeft;
    doc.blocks.emplace_back(std::move(to));
    doc.blocks.emplace_back(Labeled("Địa chỉ", form.applicant_address));
    doc.blocks.emplace_back(Labeled("Số điện thoại", form.applicant_phone));
}

// The unit settling the dossier, for sentences: settling_unit, else the receiving unit.
std::string SettlingUnit(const FormData& form) {
    return form.settling_unit.empty() ? SentenceUnit(form) : Clean(form.settling_unit);
}

// The leader's signature on the right.
Signatures LeaderSignature(const FormData& form) {
    return Signatures{
        .boxes = {SignatureBox{},
                  SignatureBox{.caption = form.leader_title.empty() ? "THỦ TRƯỞNG CƠ QUAN"
                                                                    : Clean(form.leader_title),
                               .hint = "(Ký, ghi rõ họ tên và đóng dấu)",
                               .name = Clean(form.leader_name)}}};
}

// "Vào <time>, <unit> đã tiếp nhận hồ sơ (mã ...) của ông/bà đề nghị giải quyết TTHC: <name>."
Paragraph ReceivedSentence(const FormData& form) {
    Paragraph p;
    std::string code;
    if (!form.dossier_code.empty()) code = " (mã hồ sơ " + Clean(form.dossier_code) + ")";
    p.runs = {Run{.text = "Vào " + OrBlank(form.received_at) + ", " + SentenceUnit(form) +
                          " đã tiếp nhận hồ sơ" + code +
                          " của ông/bà đề nghị giải quyết thủ tục hành chính: "},
              Run{.text = OrBlank(form.procedure_name), .bold = !form.procedure_name.empty()},
              Run{.text = "."}};
    p.space_before = 4;
    return p;
}

}  // namespace

void AddApologyBody(const FormData& form, Document& doc) {
    AddAddressee(form, doc);
    doc.blocks.emplace_back(ReceivedSentence(form));
    doc.blocks.emplace_back(
        Plain("Theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả, thời gian trả kết quả giải quyết hồ "
              "sơ là " +
              OrBlank(form.appointment_at) + "."));
    Paragraph late = Plain("Tuy nhiên, đến nay " + SettlingUnit(form) +
                           " chưa giải quyết xong hồ sơ của ông/bà. Lý do:");
    late.keep_with_next = true;
    doc.blocks.emplace_back(std::move(late));
    AddReasons(form.reasons, doc);
    Paragraph sorry;
    sorry.runs = {
        Run{.text = "Sự chậm trễ này đã gây phiền hà cho ông/bà. " + SettlingUnit(form) +
                    " xin lỗi ông/bà và đề nghị gia hạn thời gian giải quyết; kết quả "
                    "giải quyết hồ sơ sẽ được trả vào "},
        Run{.text = OrBlank(form.new_appointment_at), .bold = !form.new_appointment_at.empty()},
        Run{.text = "."}};
    doc.blocks.emplace_back(std::move(sorry));
    if (!form.return_place.empty()) {
        doc.blocks.emplace_back(Labeled("Địa điểm nhận kết quả", form.return_place));
    }
    doc.blocks.emplace_back(Plain("Xin trân trọng cảm ơn./."));
    doc.blocks.emplace_back(LeaderSignature(form));
}

void AddStopNoticeBody(const FormData& form, Document& doc) {
    AddAddressee(form, doc);
    doc.blocks.emplace_back(ReceivedSentence(form));
    Paragraph stop = Plain(SettlingUnit(form) +
                           " thông báo dừng giải quyết hồ sơ nêu trên. Lý do dừng giải quyết:");
    stop.keep_with_next = true;
    doc.blocks.emplace_back(std::move(stop));
    AddReasons(form.reasons, doc);
    if (!form.return_place.empty()) {
        doc.blocks.emplace_back(
            Labeled("Hồ sơ và giấy tờ bản chính (nếu có) được trả lại tại", form.return_place));
    }
    doc.blocks.emplace_back(Plain("Xin thông báo để ông/bà được biết./."));
    doc.blocks.emplace_back(LeaderSignature(form));
}

void AddProcessControlBody(const FormData& form, Document& doc) {
    doc.subtitle = "(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)";
    doc.blocks.emplace_back(Labeled(
        "Chủ hồ sơ", form.owner_name.empty() ? form.applicant_name : form.owner_name, true));
    doc.blocks.emplace_back(
        Labeled("Địa chỉ", form.owner_name.empty() ? form.applicant_address : form.owner_address));
    doc.blocks.emplace_back(Labeled("Số điện thoại", form.applicant_phone));
    doc.blocks.emplace_back(Labeled("Thủ tục hành chính", form.procedure_name, true));
    doc.blocks.emplace_back(Labeled("Thời gian nhận hồ sơ", form.received_at));
    doc.blocks.emplace_back(Labeled("Thời gian trả kết quả giải quyết hồ sơ", form.appointment_at));
    Paragraph unit = Labeled("Cơ quan (bộ phận) giải quyết hồ sơ", form.settling_unit);
    unit.keep_with_next = true;
    doc.blocks.emplace_back(std::move(unit));

    Table t;
    t.widths = {31, 33, 20, 16};
    t.header = {{TextCell("TÊN CƠ QUAN", Align::kCenter),
                 TextCell("THỜI GIAN GIAO, NHẬN HỒ SƠ", Align::kCenter),
                 TextCell("KẾT QUẢ GIẢI QUYẾT HỒ SƠ\n(Trước hạn/Đúng hạn/Quá hạn)", Align::kCenter),
                 TextCell("GHI CHÚ", Align::kCenter)}};
    for (const HandOverRow& row : form.hand_overs) {
        Cell when = TextCell(OrBlank(row.at), Align::kCenter);
        when.sign_left = "Người giao";
        when.sign_right = "Người nhận";
        t.rows.push_back(
            {TextCell("1. Giao: " + OrBlank(row.giver) + "\n2. Nhận: " + OrBlank(row.receiver)),
             std::move(when), TextCell(Clean(row.result), Align::kCenter),
             TextCell(Clean(row.note))});
    }
    if (form.hand_overs.empty()) {  // a blank slip: one empty row to fill in by hand
        Cell when = TextCell("… giờ … phút, ngày … /… /……", Align::kCenter);
        when.sign_left = "Người giao";
        when.sign_right = "Người nhận";
        t.rows.push_back(
            {TextCell("1. Giao: " + std::string(kBlank) + "\n2. Nhận: " + std::string(kBlank)),
             std::move(when), TextCell(""), TextCell("")});
    }
    Paragraph space;
    space.space_before = 4;
    doc.blocks.emplace_back(std::move(space));
    doc.blocks.emplace_back(std::move(t));
}

std::vector<std::string> RegisterCells(const RegisterRow& row, int stt) {
    return {std::to_string(stt),
            Clean(row.code),
            Clean(row.procedure),
            std::to_string(row.sets),
            Clean(row.applicant),
            Clean(row.address_phone),
            Clean(row.settling_unit),
            Clean(row.received_at),
            Clean(row.appointment_at),
            Clean(row.sent_at),
            Clean(row.result_received_at),
            Clean(row.returned_at),
            Clean(row.note)};
}

void AddRegisterBody(const FormData& form, Document& doc) {
    doc.subtitle = Clean(form.register_period);
    Table t;
    std::vector<Cell> header;
    std::vector<Cell> numbers;  // the column numbers row, as on printed registers
    for (const RegisterColumn& c : kRegisterColumns) {
        t.widths.push_back(c.width);
        header.push_back(TextCell(std::string(c.title), Align::kCenter));
        numbers.push_back(TextCell("(" + std::to_string(numbers.size() + 1) + ")", Align::kCenter));
    }
    t.header = {std::move(header), std::move(numbers)};
    int stt = 0;
    for (const RegisterRow& r : form.register_rows) {
        std::vector<std::string> texts = RegisterCells(r, ++stt);
        std::vector<Cell> cells;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            cells.push_back(TextCell(std::move(texts[i]),
                                     kRegisterColumns[i].centered ? Align::kCenter : Align::kLeft));
        }
        t.rows.push_back(std::move(cells));
    }
    doc.blocks.emplace_back(std::move(t));
}

}  // namespace motcua::render::detail
