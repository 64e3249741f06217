#include "app/correction_letters.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "app/report_scope.hpp"
#include "calendar/civil_date.hpp"
#include "store/documents.hpp"
#include "store/dossiers.hpp"
#include "store/payments.hpp"
#include "store/units.hpp"

namespace motcua::app {

namespace {

namespace r06 = domain::report06;

std::string Date(std::optional<std::chrono::sys_seconds> t) {
    if (!t) {
        return "—";
    }
    const std::chrono::year_month_day ymd{
        std::chrono::floor<std::chrono::days>(*t + calendar::kVietnamOffset)};
    return std::to_string(static_cast<unsigned>(ymd.day())) + "/" +
           std::to_string(static_cast<unsigned>(ymd.month())) + "/" +
           std::to_string(static_cast<int>(ymd.year()));
}

base::Result<CorrectionLetterData> Run(AppContext& ctx, const Actor* actor,
                                       const SettlementReportQuery& query) {
    return internal::ReadInReportScope<CorrectionLetterData>(
        ctx, actor, query,
        [&](store::Transaction& tx, const r06::Window& window,
            const internal::ReportScope& scope) -> base::Result<CorrectionLetterData> {
            const domain::Unit* unit = &scope.unit;
            const std::vector<domain::Unit>* units = &scope.units;
            std::vector<std::int64_t> ids;
            std::map<std::int64_t, std::string> names;
            for (const domain::Unit& u : *units) {
                ids.push_back(u.id);
                names[u.id] = u.name;
            }
            auto facts = internal::CappedReportFacts(tx, ids, window, "văn bản");
            if (!facts) {
                return std::move(facts).error();
            }
            CorrectionLetterData out;
            out.unit = *unit;
            out.window = window;
            auto line = [&](std::int64_t id) -> base::Result<LetterDossier> {
                auto d = store::dossiers::Get(tx, id);
                if (!d) {
                    return std::move(d).error();
                }
                if (!*d) {
                    return base::Internal("dossier vanished during the letter");
                }
                return LetterDossier{(*d)->code, (*d)->procedure_name,
                                     names[(*d)->settling_unit_id], (*d)->received_at,
                                     (*d)->due_at ? (*d)->due_at : (*d)->appointment_at};
            };
            for (const store::dossiers::ReportFact& f : *facts) {
                r06::DossierFacts d;
                d.received_at = f.received_at;
                d.channel = f.channel;
                d.finished_at = f.finished_at;
                d.timing = f.timing;
                d.late = f.late;
                d.due_at = f.due_at ? f.due_at : f.appointment_at;
                d.settling_unit_id = f.settling_unit_id;
                const r06::Classification c = r06::Classify(d, window);
                out.total.Add(c);
                if (c.outcome == r06::Outcome::kOverdue) {
                    ++out.overdue_count;
                    if (out.overdue.size() < kLetterListLimit) {
                        auto l = line(f.id);
                        if (!l) {
                            return std::move(l).error();
                        }
                        out.overdue.push_back(std::move(*l));
                    }
                }
                const bool settled = c.outcome == r06::Outcome::kEarly ||
                                     c.outcome == r06::Outcome::kOnTime ||
                                     c.outcome == r06::Outcome::kLate;
                if (settled && f.timing != domain::Timing::kPending) {
                    ++out.settled_with_result;
                    auto stats = store::documents::StatsFor(tx, f.id);
                    if (!stats) {
                        return std::move(stats).error();
                    }
                    if (!stats->HasDigitisedResult()) {
                        ++out.undigitised_count;
                        if (out.undigitised.size() < kLetterListLimit) {
                            auto l = line(f.id);
                            if (!l) {
                                return std::move(l).error();
                            }
                            out.undigitised.push_back(std::move(*l));
                        }
                    }
                }
                if (c.received == r06::Received::kOnline ||
                    c.received == r06::Received::kDirectPostal) {
                    auto dossier = store::dossiers::Get(tx, f.id);
                    if (!dossier) {
                        return std::move(dossier).error();
                    }
                    if (*dossier && (*dossier)->fee_amount > 0) {
                        ++out.fee_dossiers;
                        auto paid = store::payments::PaidOnline(tx, f.id);
                        if (!paid) {
                            return std::move(paid).error();
                        }
                        out.paid_online += *paid ? 1 : 0;
                    }
                }
            }
            std::stable_sort(
                out.overdue.begin(), out.overdue.end(),
                [](const LetterDossier& a, const LetterDossier& b) { return a.due_at < b.due_at; });
            return out;
        });
}

std::string Percent(std::int64_t part, std::int64_t whole) {
    if (whole == 0) {
        return "—";
    }
    const std::int64_t tenths = (part * 1000 + whole / 2) / whole;
    return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + "%";
}

render::LetterSection DossierTable(std::string heading, std::vector<std::string> paragraphs,
                                   const std::vector<LetterDossier>& list, bool with_due) {
    render::LetterSection s{.heading = std::move(heading), .paragraphs = std::move(paragraphs)};
    if (list.empty()) {
        return s;
    }
    s.table_header = {"STT",
                      "Mã hồ sơ",
                      "Thủ tục hành chính",
                      "Đơn vị giải quyết",
                      "Ngày tiếp nhận",
                      with_due ? "Hạn giải quyết" : "Ghi chú"};
    s.table_widths = {1, 4, 6, 4, 2.5, 2.5};
    int n = 0;
    for (const LetterDossier& d : list) {
        s.rows.push_back({std::to_string(++n), d.code, d.procedure_name, d.settling_unit,
                          Date(d.received_at),
                          with_due ? Date(d.due_at) : std::string("Chưa số hóa kết quả")});
    }
    return s;
}

}  // namespace

base::Result<CorrectionLetterData> CorrectionLetter(AppContext& ctx, const Actor& actor,
                                                    const SettlementReportQuery& query) {
    return Run(ctx, &actor, query);
}

base::Result<CorrectionLetterData> CorrectionLetterAsSystem(AppContext& ctx,
                                                            const SettlementReportQuery& query) {
    return Run(ctx, nullptr, query);
}

render::Letter LetterOf(const CorrectionLetterData& data, std::chrono::sys_days today) {
    const std::string period = PeriodLabel(data.window.period);
    const std::string span = PeriodLine(data.window).substr(std::string("Kỳ báo cáo: ").size());
    render::Letter l;
    l.parent_unit = "ỦY BAN NHÂN DÂN";
    l.issuing_unit = "BỘ PHẬN KIỂM SOÁT THỦ TỤC HÀNH CHÍNH";
    l.number = "Số: ……/KSTT";
    l.subject =
        "V/v đôn đốc, chấn chỉnh việc giải quyết hồ sơ, số hóa kết quả, cung cấp dịch "
        "vụ công trực tuyến và thanh toán trực tuyến " +
        period;
    const std::chrono::year_month_day ymd{today};
    l.place_date = "…………, ngày " + std::to_string(static_cast<unsigned>(ymd.day())) + " tháng " +
                   std::to_string(static_cast<unsigned>(ymd.month())) + " năm " +
                   std::to_string(static_cast<int>(ymd.year()));
    l.recipient = data.unit.name;
    l.intro = {"Qua theo dõi trên Hệ thống thông tin giải quyết thủ tục hành chính trong kỳ " +
               span + ", tình hình tiếp nhận, giải quyết hồ sơ thủ tục hành chính của " +
               data.unit.name +
               " và các đơn vị trực thuộc còn những tồn tại cần đôn đốc, chấn chỉnh như sau:"};
    const r06::Cells& t = data.total;
    l.sections.push_back(DossierTable(
        "1. Hồ sơ giải quyết chậm trễ, tồn đọng",
        {"Tổng số hồ sơ nhận giải quyết: " + std::to_string(t.Received()) + "; đã giải quyết: " +
             std::to_string(t.Settled()) + " (quá hạn: " + std::to_string(t.late) +
             "); đang giải quyết: " + std::to_string(t.InProgress()) +
             ", trong đó quá hạn: " + std::to_string(data.overdue_count) + " hồ sơ.",
         data.overdue_count == 0
             ? "Không có hồ sơ quá hạn tồn đọng tại thời điểm cuối kỳ."
             : "Danh sách hồ sơ quá hạn chưa giải quyết xong tại thời điểm cuối kỳ" +
                   std::string(data.overdue_count > static_cast<std::int64_t>(data.overdue.size())
                                   ? " (" + std::to_string(data.overdue.size()) + " hồ sơ đầu)"
                                   : "") +
                   ":"},
        data.overdue, true));
    l.sections.push_back(DossierTable(
        "2. Số hóa kết quả giải quyết thủ tục hành chính",
        {"Số hồ sơ đã giải quyết có kết quả trong kỳ: " + std::to_string(data.settled_with_result) +
         "; chưa số hóa kết quả: " + std::to_string(data.undigitised_count) + " (" +
         Percent(data.undigitised_count, data.settled_with_result) + ")."},
        data.undigitised, false));
    const std::int64_t fresh = t.online + t.direct_postal;
    l.sections.push_back(render::LetterSection{
        .heading = "3. Cung cấp dịch vụ công trực tuyến",
        .paragraphs = {
            "Hồ sơ tiếp nhận mới trong kỳ: " + std::to_string(fresh) +
            ", trong đó trực tuyến: " + std::to_string(t.online) + " (" + Percent(t.online, fresh) +
            "); trực tiếp, dịch vụ bưu chính: " + std::to_string(t.direct_postal) + "."}});
    l.sections.push_back(render::LetterSection{
        .heading = "4. Thanh toán trực tuyến",
        .paragraphs = {
            "Hồ sơ tiếp nhận mới trong kỳ có phí, lệ phí: " + std::to_string(data.fee_dossiers) +
            ", trong đó thanh toán trực tuyến: " + std::to_string(data.paid_online) + " (" +
            Percent(data.paid_online, data.fee_dossiers) + ")."}});
    l.closing = {
        "Đề nghị " + data.unit.name +
        " chỉ đạo khẩn trương giải quyết dứt điểm các hồ sơ quá hạn, thực hiện xin lỗi tổ "
        "chức, cá nhân theo quy định; số hóa đầy đủ kết quả giải quyết thủ tục hành chính; "
        "tăng cường hướng dẫn tổ chức, cá nhân nộp hồ sơ và thanh toán trực tuyến; báo cáo "
        "kết quả khắc phục trong kỳ báo cáo tiếp theo."};
    l.signer_title = "THỦ TRƯỞNG ĐƠN VỊ";
    l.recipients_note = "Nơi nhận: Như trên; Lưu: VT, KSTT.";
    return l;
}

base::Result<LetterFormat> ParseLetterFormat(std::string_view name) {
    if (name == "docx") return LetterFormat::kDocx;
    if (name == "pdf") return LetterFormat::kPdf;
    return base::InvalidArgument("Định dạng văn bản '" + std::string(name.substr(0, 16)) +
                                 "' không được hỗ trợ; hãy dùng docx hoặc pdf.");
}

base::Result<ReportFile> ExportCorrectionLetter(const CorrectionLetterData& data,
                                                LetterFormat format, std::chrono::sys_days today) {
    const render::Letter letter = LetterOf(data, today);
    const std::string stem =
        "van-ban-don-doc-" + data.unit.code + "-" + r06::FormatPeriod(data.window.period);
    auto bytes = format == LetterFormat::kDocx ? render::RenderLetterDocx(letter)
                                               : render::RenderLetterPdf(letter);
    if (!bytes) {
        return std::move(bytes).error();
    }
    ReportFile file;
    file.bytes = std::move(*bytes);
    if (format == LetterFormat::kDocx) {
        file.content_type =
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        file.filename = stem + ".docx";
    } else {
        file.content_type = "application/pdf";
        file.filename = stem + ".pdf";
    }
    return file;
}

}  // namespace motcua::app
