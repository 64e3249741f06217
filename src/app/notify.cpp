#include "app/notify.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "app/dossier_forms.hpp"
#include "store/units.hpp"
#include "store/users.hpp"

namespace motcua::app {

namespace {

using domain::ActionKind;
using domain::DossierState;

std::string Iso(std::chrono::sys_seconds t) {
    const auto days = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{days};
    const std::chrono::hh_mm_ss hms{t - days};
    std::array<char, 96> buf{};
    std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02uT%02lld:%02lld:%02lldZ",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<long long>(hms.hours().count()),
                  static_cast<long long>(hms.minutes().count()),
                  static_cast<long long>(hms.seconds().count()));
    return buf.data();
}

// What the applicant is told about an event, or "" when the event is internal.
std::string Announcement(const domain::Dossier& d, const domain::DossierEvent& e,
                         const std::string& unit_name) {
    const std::string by = e.actor_name.empty() ? unit_name : e.actor_name + " (" + unit_name + ")";
    const std::string when = FormInstant(e.at);
    std::string text;
    switch (e.action) {
        case ActionKind::kSubmit:
            text = "đã được gửi trực tuyến đến " + unit_name + " lúc " + when +
                   "; hồ sơ đang chờ kiểm tra tính đầy đủ.";
            break;
        case ActionKind::kSupplement:
            if (d.state == DossierState::kSubmitted) {
                text = "đã được bổ sung lúc " + when + "; đang chờ " + unit_name + " kiểm tra lại.";
            }
            break;
        case ActionKind::kReceive:
            if (e.to == DossierState::kAwaitingSupplement) {
                text = "cần bổ sung, hoàn thiện theo yêu cầu của " + by + " lúc " + when + ": " +
                       (e.reason.empty() ? "xem phiếu yêu cầu bổ sung" : e.reason) + ".";
            } else if (e.to == DossierState::kRefused) {
                text = "bị từ chối tiếp nhận bởi " + by + " lúc " + when + ". Lý do: " + e.reason +
                       ".";
            } else {
                text = "đã được tiếp nhận bởi " + by + " lúc " + when + ".";
                if (d.appointment_at) {
                    text += " Ngày hẹn trả kết quả: " + FormInstant(*d.appointment_at) + ".";
                }
            }
            break;
        case ActionKind::kRequestSupplement:
            text = "được trả lại để bổ sung sau thẩm định bởi " + by + " lúc " + when +
                   ". Lý do: " + e.reason +
                   ". Thời hạn giải quyết được tính lại từ khi nhận đủ hồ sơ bổ sung.";
            break;
        case ActionKind::kApologize:
            text = "chậm so với hẹn; " + unit_name + " xin lỗi và hẹn lại" +
                   (d.appointment_at ? " ngày " + FormInstant(*d.appointment_at) : "") + ".";
            break;
        case ActionKind::kRecordResult:
            text = "đã có kết quả giải quyết (" + when + "), sẵn sàng trả tại " + unit_name + ".";
            break;
        case ActionKind::kReturnResult:
            text = "đã được trả kết quả lúc " + when + " (" +
                   std::string(domain::TimingLabel(d.timing)) +
                   "). Mời ông/bà đánh giá mức độ hài lòng với việc giải quyết.";
            break;
        case ActionKind::kStop:
            text = "đã được dừng giải quyết theo đề nghị lúc " + when + ".";
            break;
        case ActionKind::kWithdraw:
            text = "đã được rút lúc " + when + ".";
            break;
        default:
            break;
    }
    if (text.empty()) {
        return text;
    }
    return "Hồ sơ " + d.code + " (" + d.procedure_name + ") " + text;
}

}  // namespace

namespace internal {

base::Status NotifyApplicant(store::Transaction& tx, const domain::Dossier& d,
                             const domain::DossierEvent& e) {
    // Most events (steps, assignments, warnings) say nothing to the applicant: decided before any
    // read, since this runs inside every action's write transaction.
    if (Announcement(d, e, "").empty() ||
        (!d.citizen_user_id && d.applicant.email.empty() && d.applicant.phone.empty())) {
        return {};
    }
    store::outbox::Message m;
    if (d.citizen_user_id) {
        auto user = store::users::Get(tx, *d.citizen_user_id);
        if (!user) {
            return user.error();
        }
        if (*user) {
            m.recipient_user_id = (*user)->id;
            m.channel = (*user)->email.empty() ? "sms" : "email";
            m.destination = (*user)->email.empty() ? (*user)->phone : (*user)->email;
        }
    }
    if (m.destination.empty()) {
        m.channel = d.applicant.email.empty() ? "sms" : "email";
        m.destination = d.applicant.email.empty() ? d.applicant.phone : d.applicant.email;
    }
    if (m.destination.empty() && !m.recipient_user_id) {
        return {};
    }
    if (m.destination.empty()) {
        m.channel = "inbox";  // an account without contact: shown in the portal only
    }
    auto unit = store::units::Get(tx, e.unit_id != 0 ? e.unit_id : d.receiving_unit_id);
    if (!unit) {
        return unit.error();
    }
    const std::string unit_name = *unit ? (*unit)->name : std::string("cơ quan giải quyết");
    m.message = Announcement(d, e, unit_name);
    if (m.message.empty()) {
        return {};
    }
    m.dossier_id = d.id;
    m.kind = "dossier_" + std::string(domain::ActionKindName(e.action));
    m.subject = "Hồ sơ " + d.code;
    m.created_at = e.at;
    auto queued = store::outbox::Enqueue(tx, m);
    if (!queued) {
        return queued.error();
    }
    return {};
}

base::Status NotifyAccount(store::Transaction& tx, std::int64_t user_id,
                           std::optional<std::int64_t> dossier_id, std::string kind,
                           std::string subject, std::string message, std::chrono::sys_seconds at) {
    auto user = store::users::Get(tx, user_id);
    if (!user) {
        return user.error();
    }
    store::outbox::Message m;
    m.recipient_user_id = user_id;
    if (*user) {
        m.channel = (*user)->email.empty() ? "sms" : "email";
        m.destination = (*user)->email.empty() ? (*user)->phone : (*user)->email;
    }
    if (m.destination.empty()) {
        m.channel = "inbox";
    }
    m.dossier_id = dossier_id;
    m.kind = std::move(kind);
    m.subject = std::move(subject);
    m.message = std::move(message);
    m.created_at = at;
    auto queued = store::outbox::Enqueue(tx, m);
    if (!queued) {
        return queued.error();
    }
    return {};
}

}  // namespace internal

base::Status LogSender::Send(const store::outbox::Message& m) {
    spdlog::info("notification #{} {} to {} ({}): {} — {}", m.id, m.channel, m.destination, m.kind,
                 m.subject, m.message);
    return {};
}

base::Status FileSender::Send(const store::outbox::Message& m) {
    boost::json::object o;
    o["id"] = m.id;
    o["kind"] = m.kind;
    o["channel"] = m.channel;
    o["to"] = m.destination;
    o["subject"] = m.subject;
    o["message"] = m.message;
    if (m.dossier_id) {
        o["dossier_id"] = *m.dossier_id;
    }
    o["created_at"] = Iso(m.created_at);
    const std::lock_guard<std::mutex> lock(mutex_);
    std::ofstream out(path_, std::ios::app | std::ios::binary);
    if (!out) {
        return base::Error{base::ErrorCode::kInternal, "không ghi được tệp thông báo " + path_};
    }
    out << boost::json::serialize(o) << '\n';
    out.flush();
    if (!out) {
        return base::Error{base::ErrorCode::kInternal, "không ghi được tệp thông báo " + path_};
    }
    return {};
}

base::Result<std::unique_ptr<NotificationSender>> MakeSender(std::string_view spec) {
    if (spec == "log" || spec.empty()) {
        return std::unique_ptr<NotificationSender>(std::make_unique<LogSender>());
    }
    if (spec.starts_with("file:") && spec.size() > 5) {
        return std::unique_ptr<NotificationSender>(
            std::make_unique<FileSender>(std::string(spec.substr(5))));
    }
    return base::InvalidArgument("bộ gửi thông báo phải là \"log\" hoặc \"file:ĐƯỜNG_DẪN\"");
}

base::Result<int> DeliverNotifications(AppContext& ctx, NotificationSender& sender, int limit) {
    const auto now = ctx.clock->Now();
    auto due = InReadTransaction<std::vector<store::outbox::Message>>(
        *ctx.db, [&](store::Transaction& tx) { return store::outbox::Due(tx, now, limit); });
    if (!due) {
        return std::move(due).error();
    }
    int sent = 0;
    for (const store::outbox::Message& m : *due) {
        const base::Status s = sender.Send(m);
        auto recorded =
            InWriteTransaction<bool>(*ctx.db, [&](store::Transaction& tx) -> base::Result<bool> {
                if (s) {
                    if (base::Status ok = store::outbox::MarkSent(tx, m.id, now); !ok) {
                        return ok.error();
                    }
                    return true;
                }
                const int exponent = std::min(m.attempts, 6);
                const auto wait = std::min<std::chrono::seconds>(
                    std::chrono::minutes{1} * (1 << exponent), std::chrono::hours{1});
                if (base::Status ok =
                        store::outbox::MarkFailed(tx, m.id, now + wait, s.error().message);
                    !ok) {
                    return ok.error();
                }
                return false;
            });
        if (!recorded) {
            return std::move(recorded).error();
        }
        sent += *recorded ? 1 : 0;
    }
    return sent;
}

base::Result<std::vector<store::outbox::Message>> MyNotifications(AppContext& ctx,
                                                                  const Actor& actor, int limit) {
    if (!actor.SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    return InReadTransaction<std::vector<store::outbox::Message>>(
        *ctx.db,
        [&](store::Transaction& tx) { return store::outbox::ForUser(tx, actor.user->id, limit); });
}

}  // namespace motcua::app
