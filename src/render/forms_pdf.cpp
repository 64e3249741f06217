// RenderPdf and the input checks shared with the XLSX register.

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "render/document.hpp"
#include "render/forms.hpp"
#include "render/pdf_writer.hpp"

namespace motcua::render {
namespace detail {
namespace {

base::Status CheckText(std::string_view field, std::string_view value) {
    if (IsUtf8(value)) return {};
    return base::InvalidArgument("Trường " + std::string(field) + " không phải UTF-8 hợp lệ");
}

base::Status CheckCount(std::string_view field, int value) {
    if (value >= 0) return {};
    return base::InvalidArgument("Trường " + std::string(field) + " không được âm");
}

}  // namespace

base::Status Validate(const FormData& form) {
    using Field = std::pair<std::string_view, const std::string*>;
    const std::array<Field, 31> texts = {{
        {"number", &form.number},
        {"title", &form.title},
        {"legal_note", &form.legal_note},
        {"parent_unit", &form.parent_unit},
        {"issuing_unit", &form.issuing_unit},
        {"receiving_unit", &form.receiving_unit},
        {"place_date", &form.place_date},
        {"dossier_code", &form.dossier_code},
        {"applicant_name", &form.applicant_name},
        {"applicant_address", &form.applicant_address},
        {"applicant_phone", &form.applicant_phone},
        {"applicant_email", &form.applicant_email},
        {"applicant_id_number", &form.applicant_id_number},
        {"owner_name", &form.owner_name},
        {"owner_address", &form.owner_address},
        {"procedure_name", &form.procedure_name},
        {"channel_label", &form.channel_label},
        {"processing_time", &form.processing_time},
        {"received_at", &form.received_at},
        {"appointment_at", &form.appointment_at},
        {"new_appointment_at", &form.new_appointment_at},
        {"return_place", &form.return_place},
        {"lookup_note", &form.lookup_note},
        {"reasons", &form.reasons},
        {"settling_unit", &form.settling_unit},
        {"officer_name", &form.officer_name},
        {"officer_title", &form.officer_title},
        {"officer_phone", &form.officer_phone},
        {"leader_title", &form.leader_title},
        {"leader_name", &form.leader_name},
        {"register_period", &form.register_period},
    }};
    for (const auto& [field, value] : texts) {
        if (base::Status s = CheckText(field, *value); !s) return s;
    }
    if (form.sets < 1) return base::InvalidArgument("Số lượng hồ sơ (sets) phải từ 1 bộ trở lên");
    for (const ComponentLine& c : form.components) {
        for (const auto& [field, value] :
             {Field{"components.name", &c.name}, {"components.note", &c.note}}) {
            if (base::Status s = CheckText(field, *value); !s) return s;
        }
        for (const auto& [field, value] :
             {std::pair<std::string_view, int>{"components.originals", c.originals},
              {"components.certified_copies", c.certified_copies},
              {"components.copies", c.copies}}) {
            if (base::Status s = CheckCount(field, value); !s) return s;
        }
    }
    for (const HandOverRow& h : form.hand_overs) {
        for (const auto& [field, value] : {Field{"hand_overs.giver", &h.giver},
                                           {"hand_overs.receiver", &h.receiver},
                                           {"hand_overs.at", &h.at},
                                           {"hand_overs.result", &h.result},
                                           {"hand_overs.note", &h.note}}) {
            if (base::Status s = CheckText(field, *value); !s) return s;
        }
    }
    for (const RegisterRow& r : form.register_rows) {
        for (const auto& [field, value] :
             {Field{"register_rows.code", &r.code},
              {"register_rows.procedure", &r.procedure},
              {"register_rows.applicant", &r.applicant},
              {"register_rows.address_phone", &r.address_phone},
              {"register_rows.settling_unit", &r.settling_unit},
              {"register_rows.received_at", &r.received_at},
              {"register_rows.appointment_at", &r.appointment_at},
              {"register_rows.sent_at", &r.sent_at},
              {"register_rows.result_received_at", &r.result_received_at},
              {"register_rows.returned_at", &r.returned_at},
              {"register_rows.note", &r.note}}) {
            if (base::Status s = CheckText(field, *value); !s) return s;
        }
        if (base::Status s = CheckCount("register_rows.sets", r.sets); !s) return s;
    }
    return {};
}

}  // namespace detail

base::Result<std::string> RenderPdf(const FormData& form) {
    if (base::Status s = detail::Validate(form); !s) return s.error();
    return detail::WritePdf(detail::BuildDocument(form));
}

}  // namespace motcua::render
