#pragma once

#include <string>
#include <vector>

#include "base/result.hpp"

// Printed one-stop forms (REGULATIONS.md §2.9): the receipt and appointment slip, the supplement
// request, the refusal, the apology, the stop notice, the process-control slip and the tracking
// register, as PDF (cairo + pango, Noto Serif), as a printable HTML page and (the register) as
// XLSX. The module takes plain data: callers turn dossiers into FormData, render/ knows nothing
// of domain/, app/ or store/. docs/render.md.
//
// Text fields are UTF-8 and should be NFC (the store keeps NFC); they are printed as given, so
// dates and times arrive already formatted ("08 giờ 30 phút, ngày 12/3/2026"). An empty field
// prints as a dotted blank to fill in by hand where the form has a line for it.
namespace motcua::render {

// Paper and orientation. Circular 01/2018 prints Forms 01–05 on A5 and the register on A4;
// offices often print the slips on A4 portrait and registers on A4 landscape.
enum class Paper { kA4Portrait, kA5Portrait, kA4Landscape };

// Which form: the body wording and fields printed follow the kind; the number and title printed
// come from FormData (they differ between form sets, see StandardHeading).
enum class FormKind {
    kReceipt,            // Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Form 01)
    kSupplementRequest,  // Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Form 02)
    kRefusal,            // Phiếu từ chối tiếp nhận giải quyết hồ sơ (Form 03)
    kApology,  // Phiếu xin lỗi và hẹn lại ngày trả kết quả / Văn bản xin lỗi (Form 04)
    kStopNotice,      // Thông báo dừng giải quyết hồ sơ (Form 05 of 2025)
    kProcessControl,  // Phiếu kiểm soát quá trình giải quyết hồ sơ (Form 05 / 06)
    kRegister,        // Sổ theo dõi hồ sơ (Form 06 / 07)
};

// The instrument whose annex defines the form set.
enum class FormSet {
    kCircular01Of2018,  // Circular 01/2018/TT-VPCP: dossiers received before 1/7/2025
    kCircular03Of2025,  // Circular 03/2025/TT-VPCP: the current set (Decree 118/2025)
};

// One dossier component (thành phần hồ sơ): a line of the components table of Forms 01 and 02.
struct ComponentLine {
    std::string name{};        // the paper's name, as published for the procedure
    int originals = 0;         // "Bản chính": number of originals (>= 0)
    int certified_copies = 0;  // "Bản sao chứng thực": number of certified copies (>= 0)
    int copies = 0;            // "Bản photo": number of plain copies (>= 0)
    std::string note{};        // printed in italics under the name; empty = none
};

// One hand-over between two units on the process-control slip (a row of its 4-column table).
struct HandOverRow {
    std::string giver{};  // unit (and person) handing the dossier over: "Bộ phận Một cửa"
    std::string receiver{};  // unit (and person) receiving it: "Phòng Kinh tế"
    std::string at{};        // time of the hand-over: "8 giờ 30 phút, ngày 12/3/2026"
    std::string result{};    // "Trước hạn", "Đúng hạn" or "Quá hạn"; empty while open
    std::string note{};      // free remark; empty = none
};

// One dossier in the tracking register (columns of Form 06 of 2018 / Form 07 of 2025).
struct RegisterRow {
    std::string code{};                // dossier code (mã hồ sơ)
    std::string procedure{};           // TTHC name
    std::string applicant{};           // name of the person or organisation
    std::string address_phone{};       // address and phone, as one text
    std::string settling_unit{};       // lead agency settling the dossier
    std::string received_at{};         // date (and time) received
    std::string appointment_at{};      // appointment date for the result
    std::string sent_at{};             // date sent to the settling agency
    std::string result_received_at{};  // date the result came back from the agency
    std::string returned_at{};         // date the result was returned to the applicant
    std::string note{};                // remarks
    int sets = 1;                      // number of sets (bộ) received (>= 0)
};

// Everything a form prints. Fields a kind does not use are ignored. Every member of these structs
// has a default initializer, so designated initializers may leave any out under -Wextra.
struct FormData {
    FormKind kind = FormKind::kReceipt;  // which form (body wording and fields)
    std::string number{};  // form number as printed after "Mẫu số ": "01".."07"; empty = none
    std::string title{};   // centred bold title; empty = the 2025 set's title for `kind`
    std::string legal_note{};  // small italic line under the number: "(Ban hành kèm theo ...)"
    Paper paper = Paper::kA4Portrait;  // paper size and orientation
    std::string parent_unit{};  // first line of the issuing-unit block: "UBND TỈNH THỪA THIÊN HUẾ"
    std::string issuing_unit{};  // second line, bold: "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
    std::string receiving_unit{};  // the unit's name in sentences ("Trung tâm Phục vụ hành chính
                                   // công tỉnh ..."); empty = issuing_unit
    std::string place_date{};      // italic, under the motto: "Huế, ngày 12 tháng 3 năm 2026"
    std::string dossier_code{};    // "H46.10-260312-0001"; empty = no code line
    std::string qr_payload{};      // tracking URL encoded as a QR code by the code; empty = no QR
    std::string applicant_name{};  // the submitter (người nộp hồ sơ), printed bold
    bool applicant_is_organisation = false;  // "Tổ chức:" instead of "Ông/Bà:"
    std::string applicant_address{};         // the submitter's address
    std::string applicant_phone{};           // the submitter's phone
    std::string applicant_email{};           // the submitter's e-mail
    std::string applicant_id_number{};       // personal identification / passport number
    std::string owner_name{};                // dossier owner when not the submitter; empty = same
    std::string owner_address{};             // the owner's address (printed only with owner_name)
    std::string procedure_name{};            // the requested matter (TTHC)
    std::string channel_label{};  // "Trực tiếp", "Trực tuyến", "Bưu chính công ích"
    std::vector<ComponentLine> components{};  // Form 01: received; Form 02: to add or complete
    int sets = 1;                             // number of dossier sets (>= 1)
    std::string processing_time{};            // statutory settlement time: "05 ngày làm việc"
    std::string received_at{};                // "08 giờ 30 phút, ngày 12/3/2026"
    std::string appointment_at{};             // appointment for the result, same format
    std::string new_appointment_at{};         // apology: the new appointment, same format
    std::string return_place{};   // where the result (or, stopping, the papers) are collected
    std::string lookup_note{};    // "Tra cứu tại ... bằng mã hồ sơ ..."; empty = none
    std::string reasons{};        // supplement / refusal / delay / stop reasons; "\n" = new
                                  // paragraph
    std::string settling_unit{};  // agency handling the dossier
    std::string officer_name{};   // signatory on the right (receiving or guiding officer)
    std::string officer_title{};  // caption over the officer's signature; empty = the form's
                                  // own ("NGƯỜI TIẾP NHẬN HỒ SƠ", "NGƯỜI HƯỚNG DẪN")
    std::string officer_phone{};  // supplement request: the officer's phone for questions
    std::string leader_title{};   // apology / stop notice signatory: "GIÁM ĐỐC"; empty =
                                  // "THỦ TRƯỞNG CƠ QUAN"
    std::string leader_name{};    // the leader's name under the signature
    std::vector<HandOverRow> hand_overs{};     // process-control slip, in order
    std::vector<RegisterRow> register_rows{};  // register, in order (STT is 1, 2, ...)
    std::string register_period{};  // register: italic line under the title ("Tháng 3/2026")
};

// Number, title, legal note and paper a form set prescribes for a kind.
struct FormHeading {
    std::string number{};      // "01".."07"
    std::string title{};       // e.g. "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
    std::string legal_note{};  // "(Ban hành kèm theo Thông tư số ...)"
    Paper paper = Paper::kA4Portrait;
};

// The heading `set` prescribes for `kind` (copy it into FormData). Paper: A5 for the 2018 slips,
// A4 portrait for the 2025 ones (their size is not known, offices print A4), A4 landscape for
// registers. kNotFound for kStopNotice under the 2018 set, which has no such form.
[[nodiscard]] base::Result<FormHeading> StandardHeading(FormKind kind, FormSet set);

// The PDF bytes of `form` (PDF 1.5, fonts embedded as subsets, one or more pages of `paper`;
// tables continue on new pages with their header repeated, pages numbered "Trang i/n" when
// there are several). kInvalidArgument for text that is not UTF-8 (naming the field), negative
// counts or sets < 1, a QR payload too long for a QR code; kInternal when fontconfig does not
// resolve Noto Serif (fonts-noto-core) or cairo fails. The same form always gives the same bytes
// (no creation date is stamped). Thread-safe.
[[nodiscard]] base::Result<std::string> RenderPdf(const FormData& form);

// A complete printable HTML page of `form` (UTF-8, <html lang="vi">, self-contained CSS with an
// @page rule for the paper size, every text escaped, the QR code as inline SVG; a payload too
// long for a QR code is left out). Bytes that are not UTF-8 are replaced by U+FFFD. Pure and
// thread-safe.
[[nodiscard]] std::string RenderHtml(const FormData& form);

// The register as XLSX bytes: a sheet "Sổ theo dõi" with the title merged across the columns,
// the unit and period line, the header row and one row per dossier (A4 landscape print setup,
// header repeated on printed pages). kInvalidArgument unless kind is kRegister, or for text that
// is not UTF-8; kInternal when libxlsxwriter or the temporary file fails. Thread-safe.
[[nodiscard]] base::Result<std::string> RenderRegisterXlsx(const FormData& form);

}  // namespace motcua::render
