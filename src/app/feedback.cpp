#include "app/feedback.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <span>
#include <tuple>

#include "app/audit_util.hpp"
#include "app/catalogue.hpp"
#include "app/crypto.hpp"
#include "app/documents.hpp"
#include "app/dossier_access.hpp"
#include "app/notify.hpp"
#include "app/rate_limits.hpp"
#include "app/report_scope.hpp"
#include "calendar/civil_date.hpp"
#include "calendar/instant.hpp"
#include "store/documents.hpp"
#include "store/dossiers.hpp"
#include "store/units.hpp"
#include "store/users.hpp"

namespace motcua::app {

namespace {

using domain::Role;
using std::chrono::sys_days;
using std::chrono::sys_seconds;
namespace sf = store::feedback;

constexpr std::chrono::seconds kThrottleWindow{15 * 60};
constexpr std::chrono::seconds kDuplicateWindow{10 * 60};
constexpr int kDueSoonWorkingDays = 2;

// Shared by the server processes through the database (app/rate_limits.hpp).
constexpr limits::Limit kSubmitLimit{"feedback_submit", kMaxFeedbackSubmissionsPerWindow,
                                     kThrottleWindow};
constexpr limits::Limit kFollowLimit{"feedback_follow", 10, kThrottleWindow};

// Counts a wrong code or key after its transaction (rolled back by the error it returned).
void RecordFollowFailure(AppContext& ctx, bool failed, const std::string& ip, sys_seconds now) {
    if (failed) {
        static_cast<void>(limits::HitAlone(ctx, kFollowLimit, ip, now));
    }
}

base::Error NoSuchFeedback() {
    return base::NotFound("Không tìm thấy phản ánh, kiến nghị với mã và mã theo dõi này.");
}
base::Error NotVisible() {
    return base::NotFound("Không tìm thấy phản ánh, kiến nghị này.");
}

// Code points of UTF-8 text (the API has already checked it is valid).
std::size_t Chars(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    }));
}

std::string Trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) {
        return {};
    }
    const auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

base::Status CheckLength(std::string_view text, std::size_t max, std::string_view what) {
    if (Chars(text) > max) {
        return base::InvalidArgument(std::string(what) + " dài quá " + std::to_string(max) +
                                     " ký tự.");
    }
    return {};
}

// True if the actor holds one of `roles` on `unit_id`, or covers it (leaders, control officers).
base::Result<bool> HoldsAnyOn(store::Transaction& tx, const Actor& actor,
                              std::span<const Role> roles, std::int64_t unit_id) {
    if (!actor.SignedIn() || !actor.user->active) {
        return false;
    }
    for (const domain::RoleGrant& grant : actor.user->roles) {
        if (!grant.unit_id || std::find(roles.begin(), roles.end(), grant.role) == roles.end()) {
            continue;
        }
        if (*grant.unit_id == unit_id) {
            return true;
        }
        if (domain::RoleCoversSubtree(grant.role)) {
            auto inside = store::units::IsInSubtree(tx, unit_id, *grant.unit_id);
            if (!inside) {
                return std::move(inside).error();
            }
            if (*inside) {
                return true;
            }
        }
    }
    return false;
}

constexpr std::array kHandlers{Role::kDeskOfficer, Role::kControlOfficer};
constexpr std::array kReaders{Role::kDeskOfficer, Role::kSpecialist, Role::kLeader,
                              Role::kControlOfficer};

base::Result<bool> MayHandle(store::Transaction& tx, const Actor& actor, const sf::Record& r) {
    return HoldsAnyOn(tx, actor, kHandlers, r.feedback.handling_unit_id);
}

base::Result<bool> MayRead(store::Transaction& tx, const Actor& actor, const sf::Record& r) {
    for (std::int64_t unit : {r.feedback.handling_unit_id, r.feedback.receiving_unit_id}) {
        auto ok = HoldsAnyOn(tx, actor, kReaders, unit);
        if (!ok || *ok) {
            return ok;
        }
    }
    return false;
}

base::Result<FeedbackDeadlinesView> DeadlinesView(const fbk::Feedback& f, sys_seconds now) {
    auto cal = internal::CalendarFor(f.handling_unit_id);
    if (!cal) {
        return std::move(cal).error();
    }
    auto d = fbk::DeadlinesOf(f, FeedbackRulesAt(f.submitted_at), **cal);
    if (!d) {
        return std::move(d).error();
    }
    FeedbackDeadlinesView v;
    v.deadlines = *d;
    switch (f.state) {
        case fbk::State::kReceived:
            v.due_at = std::max(d->forward_by.value_or(sys_seconds{}),
                                std::max(d->supplement_request_by.value_or(sys_seconds{}),
                                         d->refuse_by.value_or(sys_seconds{})));
            break;
        case fbk::State::kInHandling:
            v.due_at = d->answer_by;
            break;
        case fbk::State::kAnswered:
            v.due_at = d->publish_by;
            break;
        default:
            break;
    }
    if (v.due_at) {
        v.overdue = *v.due_at < now;
        auto soon = (*cal)->AddWorkingDays(now, std::int64_t{kDueSoonWorkingDays} * 1000);
        if (!soon) {
            return std::move(soon).error();
        }
        v.due_soon = !v.overdue && *v.due_at <= *soon;
    }
    return v;
}

std::string UnitName(store::Transaction& tx, std::int64_t id, std::string* code = nullptr) {
    auto unit = store::units::Get(tx, id);
    if (!unit || !*unit) {
        return {};
    }
    if (code != nullptr) {
        *code = (*unit)->code;
    }
    return (*unit)->name;
}

base::Result<sf::Record> RecordByCode(store::Transaction& tx, std::string_view code) {
    if (code.empty() || code.size() > 64) {
        return NotVisible();
    }
    auto found = sf::GetByCode(tx, code);
    if (!found) {
        return std::move(found).error();
    }
    if (!*found) {
        return NotVisible();
    }
    return std::move(**found);
}

// The record for its sender: code + key, throttled per address on failures (`failed` set: the
// caller records it with RecordFollowFailure once its transaction has ended).
base::Result<sf::Record> SenderRecord(store::Transaction& tx, std::string_view code,
                                      std::string_view key, const std::string& ip, sys_seconds now,
                                      bool& failed) {
    auto exhausted = limits::Exhausted(tx, kFollowLimit, ip, now);
    if (!exhausted) {
        return std::move(exhausted).error();
    }
    if (*exhausted) {
        return base::Error{base::ErrorCode::kResourceExhausted,
                           "Tra cứu sai quá nhiều lần; vui lòng thử lại sau 15 phút."};
    }
    if (code.empty() || code.size() > 64 || key.empty() || key.size() > 32) {
        failed = true;
        return NoSuchFeedback();
    }
    auto found = sf::GetByCode(tx, code);
    if (!found) {
        return std::move(found).error();
    }
    if (!*found || !ConstantTimeEquals((*found)->follow_key, key)) {
        failed = true;
        return NoSuchFeedback();
    }
    return std::move(**found);
}

base::Result<FeedbackFollowView> FollowViewOf(store::Transaction& tx, const sf::Record& r) {
    FeedbackFollowView v;
    v.code = r.code;
    v.title = r.submission.title;
    v.state = r.feedback.state;
    v.submitted_at = r.feedback.submitted_at;
    v.handling_unit = UnitName(tx, r.feedback.handling_unit_id);
    if (r.feedback.state == fbk::State::kRefused) {
        v.note = r.refusal_reason;
    } else if (r.feedback.state == fbk::State::kAwaitingSupplement) {
        auto events = sf::Events(tx, r.id);
        if (!events) {
            return std::move(events).error();
        }
        for (const sf::Event& e : *events) {
            if (e.action == fbk::ActionName(fbk::ActionKind::kRequestSupplement)) {
                v.note = e.text;
            }
        }
    }
    auto p = sf::GetPublication(tx, r.id);
    if (!p) {
        return std::move(p).error();
    }
    v.publication = std::move(*p);
    v.rating = r.rating;
    v.may_rate = !r.rating && (r.feedback.state == fbk::State::kAnswered ||
                               r.feedback.state == fbk::State::kPublished);
    return v;
}

// Applies `action` to `r` and writes the row, the event and the audit entry.
base::Result<sf::Record> ApplyAndSave(store::Transaction& tx, const Actor& actor, sf::Record r,
                                      const fbk::Action& action, sys_seconds now) {
    const fbk::State from = r.feedback.state;
    const std::int64_t unit = r.feedback.handling_unit_id;
    auto next = fbk::Apply(r.feedback, action);
    if (!next) {
        return std::move(next).error();
    }
    r.feedback = std::move(*next);
    switch (action.kind) {
        case fbk::ActionKind::kAnswer:
            r.answer = action.text;
            break;
        case fbk::ActionKind::kRefuse:
            r.refusal_reason = action.text;
            break;
        case fbk::ActionKind::kSupplement:
            if (!action.text.empty()) {
                r.submission.content += "\n\n[Bổ sung]\n" + action.text;
                if (base::Status s = CheckLength(r.submission.content,
                                                 kMaxFeedbackContentChars + kMaxFeedbackTextChars,
                                                 "Nội dung sau khi bổ sung");
                    !s) {
                    return s.error();
                }
            }
            break;
        default:
            break;
    }
    r.updated_at = now;
    auto version = sf::Save(tx, r);
    if (!version) {
        return std::move(version).error();
    }
    r.version = *version;
    sf::Event e;
    e.at = now;
    if (actor.SignedIn()) {
        e.actor_id = actor.user->id;
    }
    e.unit_id = unit;
    e.action = std::string(fbk::ActionName(action.kind));
    e.from_state = std::string(fbk::StateName(from));
    e.to_state = std::string(fbk::StateName(r.feedback.state));
    e.text = action.kind == fbk::ActionKind::kSupplement ? std::string() : action.text;
    if (action.kind == fbk::ActionKind::kForward) {
        e.to_unit_id = action.to_unit_id;
    }
    if (auto appended = sf::AppendEvent(tx, r.id, e); !appended) {
        return std::move(appended).error();
    }
    if (action.kind == fbk::ActionKind::kPublish) {
        sf::Publication p;
        p.feedback_id = r.id;
        p.code = r.code;
        p.title = fbk::Redact(r.submission.title, r.submission);
        p.question = fbk::Redact(r.submission.content, r.submission);
        p.answer = fbk::Redact(r.answer, r.submission);
        p.subject = r.feedback.subject;
        p.handling_unit_id = r.feedback.handling_unit_id;
        p.published_at = now;
        if (base::Status s = sf::Publish(tx, p); !s) {
            return s.error();
        }
    }
    std::string detail = "{\"from\":" + JsonQuote(fbk::StateName(from)) +
                         ",\"to\":" + JsonQuote(fbk::StateName(r.feedback.state)) +
                         ",\"version\":" + std::to_string(r.version);
    if (action.kind == fbk::ActionKind::kForward) {
        detail += ",\"to_unit_id\":" + std::to_string(action.to_unit_id);
    }
    detail += "}";
    if (base::Status s = Audit(tx, actor, now, "feedback." + e.action, "feedback", r.code, detail);
        !s) {
        return s.error();
    }
    return r;
}

base::Result<std::vector<std::int64_t>> ScopeUnits(store::Transaction& tx, const Actor& actor) {
    if (!actor.SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    std::set<std::int64_t> ids;
    for (const domain::RoleGrant& grant : actor.user->roles) {
        if (!grant.unit_id ||
            std::find(kReaders.begin(), kReaders.end(), grant.role) == kReaders.end()) {
            continue;
        }
        if (!domain::RoleCoversSubtree(grant.role)) {
            ids.insert(*grant.unit_id);
            continue;
        }
        auto root = store::units::Get(tx, *grant.unit_id);
        if (!root) {
            return std::move(root).error();
        }
        if (!*root) {
            continue;
        }
        auto units = internal::Subtree(tx, **root);
        if (!units) {
            return std::move(units).error();
        }
        for (const domain::Unit& u : *units) {
            ids.insert(u.id);
        }
    }
    if (ids.empty()) {
        return base::Error{base::ErrorCode::kPermissionDenied,
                           "Chỉ cán bộ, công chức của đơn vị mới xem được danh sách phản ánh, "
                           "kiến nghị."};
    }
    return std::vector<std::int64_t>(ids.begin(), ids.end());
}

bool ValidEmail(std::string_view e) {
    const auto at = e.find('@');
    return at != std::string_view::npos && at > 0 && at + 1 < e.size() &&
           e.find_first_of(" \t\r\n<>\"") == std::string_view::npos &&
           e.find('@', at + 1) == std::string_view::npos;
}

// Stores a checked file (its sniffed `media_type`) as attachment `position` of feedback `id`.
base::Result<sf::Attachment> StoreAttachment(store::Transaction& tx, const AppContext& ctx,
                                             std::int64_t id, int position,
                                             const FeedbackUpload& upload,
                                             const std::string& media_type, sys_seconds now) {
    auto sha = StoreFile(ctx.files_dir, upload.bytes);
    if (!sha) {
        return std::move(sha).error();
    }
    if (auto f = store::documents::InsertFile(
            tx, *sha, static_cast<std::int64_t>(upload.bytes.size()), media_type, now);
        !f) {
        return std::move(f).error();
    }
    sf::Attachment a;
    a.position = position;
    a.sha256 = *sha;
    a.file_name = SanitiseFileName(upload.file_name);
    a.media_type = media_type;
    a.size = static_cast<std::int64_t>(upload.bytes.size());
    a.created_at = now;
    if (base::Status s = sf::AddAttachment(tx, id, a); !s) {
        return s.error();
    }
    return a;
}

}  // namespace

const fbk::Rules& FeedbackRules() {
    static const fbk::Rules rules{};
    return rules;
}

namespace {

std::mutex& RuleBookMutex() {
    static std::mutex m;
    return m;
}
std::shared_ptr<const fbk::RuleBook>& RuleBookSlot() {
    static std::shared_ptr<const fbk::RuleBook> book = fbk::RuleBook::Embedded();
    return book;
}

}  // namespace

std::shared_ptr<const fbk::RuleBook> FeedbackRuleBook() {
    const std::lock_guard<std::mutex> lock(RuleBookMutex());
    return RuleBookSlot();
}

void SetFeedbackRuleBook(std::shared_ptr<const fbk::RuleBook> book) {
    const std::lock_guard<std::mutex> lock(RuleBookMutex());
    RuleBookSlot() = book ? std::move(book) : fbk::RuleBook::Embedded();
}

base::Status LoadFeedbackRules(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return base::InvalidArgument("Không đọc được tệp thời hạn phản ánh, kiến nghị: " + path);
    }
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto book = fbk::RuleBook::Parse(text);
    if (!book) {
        return std::move(book).error();
    }
    SetFeedbackRuleBook(std::move(*book));
    return {};
}

fbk::Rules FeedbackRulesAt(sys_seconds submitted_at) {
    const sys_days day =
        std::chrono::floor<std::chrono::days>(submitted_at + calendar::kVietnamOffset);
    return FeedbackRuleBook()->InForce(day).rules;
}

base::Result<FeedbackReceipt> SubmitFeedback(AppContext& ctx, const Actor& actor,
                                             const FeedbackIntake& in) {
    const sys_seconds now = ctx.clock->Now();
    const bool online = in.channel == fbk::Channel::kOnline;
    fbk::Submission s;
    s.title = Trim(in.title);
    s.content = Trim(in.content);
    s.sender_name = Trim(in.sender_name);
    s.sender_address = Trim(in.sender_address);
    s.sender_phone = Trim(in.sender_phone);
    s.sender_email = Trim(in.sender_email);
    s.under_complaint_or_court = in.under_complaint_or_court;
    if (s.title.empty()) {
        return base::InvalidArgument("Vui lòng nhập tiêu đề phản ánh, kiến nghị.");
    }
    if (s.content.empty()) {
        return base::InvalidArgument("Vui lòng nhập nội dung phản ánh, kiến nghị.");
    }
    for (const auto& [text, max, what] :
         {std::tuple{std::string_view(s.title), kMaxFeedbackTitleChars, "Tiêu đề"},
          std::tuple{std::string_view(s.content), kMaxFeedbackContentChars, "Nội dung"},
          std::tuple{std::string_view(s.sender_name), std::size_t{200}, "Họ tên"},
          std::tuple{std::string_view(s.sender_address), std::size_t{500}, "Địa chỉ"},
          std::tuple{std::string_view(s.sender_phone), std::size_t{32}, "Số điện thoại"},
          std::tuple{std::string_view(s.sender_email), std::size_t{254}, "Thư điện tử"}}) {
        if (base::Status ok = CheckLength(text, max, what); !ok) {
            return ok.error();
        }
    }
    if (!s.sender_email.empty() && !ValidEmail(s.sender_email)) {
        return base::InvalidArgument("Địa chỉ thư điện tử không hợp lệ.");
    }
    if (in.idempotency_key.size() > 200) {
        return base::InvalidArgument("Idempotency-Key dài quá 200 ký tự.");
    }
    const std::string ikey = Trim(in.idempotency_key);
    if (in.attachments.size() > static_cast<std::size_t>(kMaxFeedbackAttachments)) {
        return base::InvalidArgument("Mỗi phản ánh, kiến nghị đính kèm tối đa " +
                                     std::to_string(kMaxFeedbackAttachments) + " tệp.");
    }
    std::vector<std::string> media_types;
    for (const FeedbackUpload& u : in.attachments) {
        auto type = CheckFeedbackUpload(u);
        if (!type) {
            return std::move(type).error();
        }
        media_types.push_back(std::move(*type));
    }
    bool follow_failed = false;
    auto receipt = InWriteTransaction<FeedbackReceipt>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<FeedbackReceipt> {
            if (online) {
                auto exhausted = limits::Exhausted(tx, kSubmitLimit, actor.ip, now);
                if (!exhausted) {
                    return std::move(exhausted).error();
                }
                if (*exhausted) {
                    return base::Error{base::ErrorCode::kResourceExhausted,
                                       "Đã gửi quá nhiều phản ánh, kiến nghị từ địa chỉ này; vui "
                                       "lòng thử lại sau 15 phút."};
                }
            }
            if (in.unit_code.empty()) {
                return base::InvalidArgument("Vui lòng chọn cơ quan, đơn vị nhận phản ánh.");
            }
            auto unit = store::units::GetByCode(tx, in.unit_code);
            if (!unit) {
                return std::move(unit).error();
            }
            if (!*unit || ((*unit)->valid_to && (*unit)->valid_to < TodayInVietnam(*ctx.clock))) {
                return base::InvalidArgument("Không có cơ quan, đơn vị mã \"" + in.unit_code +
                                             "\".");
            }
            const std::int64_t unit_id = (*unit)->id;
            if (!online) {
                if (!actor.SignedIn()) {
                    return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
                }
                auto allowed = HoldsAnyOn(tx, actor, kHandlers, unit_id);
                if (!allowed) {
                    return std::move(allowed).error();
                }
                if (!*allowed) {
                    return base::Error{
                        base::ErrorCode::kPermissionDenied,
                        "Chỉ công chức Bộ phận Một cửa hoặc kiểm soát TTHC của đơn vị mới nhập "
                        "được phản ánh, kiến nghị nhận tại quầy, qua bưu chính hoặc điện thoại."};
                }
            }
            const auto same = [&](const sf::Record& r) {
                return r.submission.title == s.title && r.submission.content == s.content &&
                       r.submission.sender_name == s.sender_name &&
                       r.feedback.receiving_unit_id == unit_id;
            };
            if (!ikey.empty()) {
                auto earlier = sf::GetByIdempotencyKey(tx, ikey);
                if (!earlier) {
                    return std::move(earlier).error();
                }
                if (*earlier) {
                    if (!same(**earlier)) {
                        return base::Error{base::ErrorCode::kAlreadyExists,
                                           "Idempotency-Key này đã được dùng cho một phản ánh, "
                                           "kiến nghị khác."};
                    }
                    return FeedbackReceipt{(*earlier)->code, (*earlier)->follow_key,
                                           (*earlier)->feedback.state, false};
                }
            }
            // A double click without a key: the same text and sender at the same unit lately.
            sf::Filter recent;
            recent.unit_ids = {unit_id};
            recent.submitted_from = now - kDuplicateWindow;
            recent.limit = 200;
            auto rows = sf::List(tx, recent);
            if (!rows) {
                return std::move(rows).error();
            }
            for (const sf::Record& r : *rows) {
                if (same(r) && r.feedback.channel == in.channel) {
                    return FeedbackReceipt{r.code, r.follow_key, r.feedback.state, false};
                }
            }
            // Raising an earlier feedback again: the sender proves it with its follow key.
            std::optional<std::int64_t> earlier_id;
            if (!in.reraises_code.empty() || !in.reraises_key.empty()) {
                auto earlier = SenderRecord(tx, in.reraises_code, in.reraises_key, actor.ip, now,
                                            follow_failed);
                if (!earlier) {
                    if (earlier.error().code == base::ErrorCode::kNotFound) {
                        return base::InvalidArgument(
                            "Mã phản ánh, kiến nghị trước hoặc mã theo dõi của nó không đúng.");
                    }
                    return std::move(earlier).error();
                }
                earlier_id = earlier->id;
            }
            const sys_days today = TodayInVietnam(*ctx.clock);
            // The dossiers' daily counters, under a prefix no desk code has.
            auto number = store::dossiers::NextCodeNumber(tx, "PAKN-" + (*unit)->code, today);
            if (!number) {
                return std::move(number).error();
            }
            if (*number > 9999) {
                return base::Error{base::ErrorCode::kResourceExhausted,
                                   "Đơn vị đã nhận quá 9.999 phản ánh, kiến nghị trong ngày."};
            }
            const std::chrono::year_month_day ymd{today};
            std::array<char, 16> date{};
            std::snprintf(date.data(), date.size(), "%02d%02u%02u",
                          static_cast<int>(ymd.year()) % 100, static_cast<unsigned>(ymd.month()),
                          static_cast<unsigned>(ymd.day()));
            std::array<char, 16> seq{};
            std::snprintf(seq.data(), seq.size(), "%04lld", static_cast<long long>(*number));
            sf::Record r;
            r.code = "PAKN-" + (*unit)->code + "-" + date.data() + "-" + seq.data();
            r.follow_key = RandomCode(8);
            r.feedback.channel = in.channel;
            r.feedback.receiving_unit_id = unit_id;
            r.feedback.handling_unit_id = unit_id;
            r.feedback.submitted_at = now;
            r.feedback.started_at = now;
            r.submission = s;
            if (!ikey.empty()) {
                r.idempotency_key = ikey;
            }
            if (!online) {
                r.entered_by = actor.user->id;
            }
            r.updated_at = now;
            auto id = sf::Insert(tx, r);
            if (!id) {
                return std::move(id).error();
            }
            sf::Event e;
            e.at = now;
            if (actor.SignedIn()) {
                e.actor_id = actor.user->id;
            }
            e.unit_id = unit_id;
            e.action = "submit";
            e.to_state = std::string(fbk::StateName(fbk::State::kReceived));
            e.text = std::string(fbk::ChannelName(in.channel));
            if (earlier_id) {
                e.text += " reraises " + in.reraises_code;
            }
            if (auto appended = sf::AppendEvent(tx, *id, e); !appended) {
                return std::move(appended).error();
            }
            if (earlier_id) {
                if (base::Status st = sf::AddReraise(tx, *id, *earlier_id, now); !st) {
                    return st.error();
                }
            }
            for (std::size_t i = 0; i < in.attachments.size(); ++i) {
                auto a = StoreAttachment(tx, ctx, *id, static_cast<int>(i), in.attachments[i],
                                         media_types[i], now);
                if (!a) {
                    return std::move(a).error();
                }
            }
            if (base::Status a =
                    Audit(tx, actor, now, "feedback.submit", "feedback", r.code,
                          "{\"channel\":" + JsonQuote(fbk::ChannelName(in.channel)) +
                              ",\"unit\":" + JsonQuote((*unit)->code) +
                              (earlier_id ? ",\"reraises\":" + JsonQuote(in.reraises_code)
                                          : std::string()) +
                              (in.attachments.empty()
                                   ? std::string()
                                   : ",\"attachments\":" + std::to_string(in.attachments.size())) +
                              "}");
                !a) {
                return a.error();
            }
            if (online) {  // counts every new online submission
                if (auto hit = limits::Hit(tx, kSubmitLimit, actor.ip, now); !hit) {
                    return std::move(hit).error();
                }
            }
            return FeedbackReceipt{r.code, r.follow_key, fbk::State::kReceived, true};
        });
    RecordFollowFailure(ctx, follow_failed, actor.ip, now);
    return receipt;
}

base::Result<std::string> CheckFeedbackUpload(const FeedbackUpload& upload) {
    const std::string name = SanitiseFileName(upload.file_name);
    if (upload.bytes.size() > kMaxFeedbackAttachmentBytes) {
        return base::Error{base::ErrorCode::kResourceExhausted,
                           "Tệp đính kèm “" + name + "” lớn quá 5 MB."};
    }
    const UploadCheck check = CheckUpload(upload.bytes, upload.declared_type);
    if (check.problem) {
        return base::Error{*check.problem == UploadProblem::kTooLarge
                               ? base::ErrorCode::kResourceExhausted
                               : base::ErrorCode::kInvalidArgument,
                           "Tệp đính kèm “" + name + "”: " + check.message};
    }
    return check.media_type;
}

base::Result<store::feedback::Attachment> AttachToFeedback(AppContext& ctx, const Actor& actor,
                                                           std::string_view code,
                                                           std::string_view key,
                                                           const FeedbackUpload& upload) {
    const sys_seconds now = ctx.clock->Now();
    auto media_type = CheckFeedbackUpload(upload);
    if (!media_type) {
        return std::move(media_type).error();
    }
    bool follow_failed = false;
    auto result = InWriteTransaction<sf::Attachment>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<sf::Attachment> {
            auto r = SenderRecord(tx, code, key, actor.ip, now, follow_failed);
            if (!r) {
                return std::move(r).error();
            }
            if (r->feedback.state != fbk::State::kReceived &&
                r->feedback.state != fbk::State::kAwaitingSupplement) {
                return base::Error{base::ErrorCode::kFailedPrecondition,
                                   "Chỉ đính kèm tệp khi phản ánh, kiến nghị đang chờ tiếp nhận "
                                   "hoặc chờ bổ sung."};
            }
            auto existing = sf::Attachments(tx, r->id);
            if (!existing) {
                return std::move(existing).error();
            }
            if (static_cast<int>(existing->size()) >= kMaxFeedbackAttachments) {
                return base::Error{base::ErrorCode::kFailedPrecondition,
                                   "Mỗi phản ánh, kiến nghị đính kèm tối đa " +
                                       std::to_string(kMaxFeedbackAttachments) + " tệp."};
            }
            auto a = StoreAttachment(tx, ctx, r->id, static_cast<int>(existing->size()), upload,
                                     *media_type, now);
            if (!a) {
                return std::move(a).error();
            }
            if (base::Status s = Audit(tx, actor, now, "feedback.attach", "feedback", r->code,
                                       "{\"sha256\":" + JsonQuote(a->sha256) + "}");
                !s) {
                return s.error();
            }
            return a;
        });
    RecordFollowFailure(ctx, follow_failed, actor.ip, now);
    return result;
}

base::Result<FeedbackFollowView> FollowFeedback(AppContext& ctx, std::string_view code,
                                                std::string_view key, const std::string& ip) {
    const sys_seconds now = ctx.clock->Now();
    bool follow_failed = false;
    auto result = InReadTransaction<FeedbackFollowView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<FeedbackFollowView> {
            auto r = SenderRecord(tx, code, key, ip, now, follow_failed);
            if (!r) {
                return std::move(r).error();
            }
            return FollowViewOf(tx, *r);
        });
    RecordFollowFailure(ctx, follow_failed, ip, now);
    return result;
}

base::Result<FeedbackFollowView> SenderAction(AppContext& ctx, const Actor& actor,
                                              std::string_view code, std::string_view key,
                                              fbk::ActionKind kind, const std::string& text) {
    if (kind != fbk::ActionKind::kSupplement && kind != fbk::ActionKind::kWithdraw) {
        return base::InvalidArgument(
            "Người gửi chỉ có thể bổ sung (supplement) hoặc rút "
            "(withdraw) phản ánh, kiến nghị.");
    }
    if (base::Status s = CheckLength(text, kMaxFeedbackTextChars, "Nội dung bổ sung"); !s) {
        return s.error();
    }
    const sys_seconds now = ctx.clock->Now();
    bool follow_failed = false;
    auto result = InWriteTransaction<FeedbackFollowView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<FeedbackFollowView> {
            auto r = SenderRecord(tx, code, key, actor.ip, now, follow_failed);
            if (!r) {
                return std::move(r).error();
            }
            fbk::Action action;
            action.kind = kind;
            action.at = now;
            action.text = Trim(text);
            auto saved = ApplyAndSave(tx, actor, std::move(*r), action, now);
            if (!saved) {
                return std::move(saved).error();
            }
            return FollowViewOf(tx, *saved);
        });
    RecordFollowFailure(ctx, follow_failed, actor.ip, now);
    return result;
}

base::Result<FeedbackFollowView> RateFeedbackAnswer(AppContext& ctx, const Actor& actor,
                                                    std::string_view code, std::string_view key,
                                                    bool satisfied, const std::string& comment) {
    const std::string text = Trim(comment);
    if (base::Status s = CheckLength(text, kMaxFeedbackRatingCommentChars, "Ý kiến"); !s) {
        return s.error();
    }
    const sys_seconds now = ctx.clock->Now();
    bool follow_failed = false;
    auto result = InWriteTransaction<FeedbackFollowView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<FeedbackFollowView> {
            auto r = SenderRecord(tx, code, key, actor.ip, now, follow_failed);
            if (!r) {
                return std::move(r).error();
            }
            const fbk::State state = r->feedback.state;
            if (state != fbk::State::kAnswered && state != fbk::State::kPublished) {
                return base::Error{
                    base::ErrorCode::kFailedPrecondition,
                    "Chỉ đánh giá được khi phản ánh, kiến nghị đã có câu trả lời (đang: " +
                        std::string(fbk::StateLabel(state)) + ")."};
            }
            if (r->rating) {
                return base::Error{base::ErrorCode::kAlreadyExists,
                                   "Câu trả lời này đã được đánh giá."};
            }
            const sf::Rating rating{satisfied, text, now};
            if (base::Status st = sf::Rate(tx, r->id, rating); !st) {
                return st.error();
            }
            sf::Event e;
            e.at = now;
            e.unit_id = r->feedback.handling_unit_id;
            e.action = "rate";
            e.from_state = std::string(fbk::StateName(state));
            e.to_state = e.from_state;
            e.text = satisfied ? "satisfied" : "not_satisfied";
            if (auto appended = sf::AppendEvent(tx, r->id, e); !appended) {
                return std::move(appended).error();
            }
            if (base::Status a =
                    Audit(tx, actor, now, "feedback.rate", "feedback", r->code,
                          std::string("{\"satisfied\":") + (satisfied ? "true" : "false") + "}");
                !a) {
                return a.error();
            }
            r->rating = rating;
            return FollowViewOf(tx, *r);
        });
    RecordFollowFailure(ctx, follow_failed, actor.ip, now);
    return result;
}

namespace {

base::Result<FeedbackView> ViewOf(store::Transaction& tx, const Actor& actor, sf::Record r,
                                  sys_seconds now) {
    FeedbackView v;
    auto handle = MayHandle(tx, actor, r);
    if (!handle) {
        return std::move(handle).error();
    }
    v.may_handle = *handle;
    v.receiving_unit = UnitName(tx, r.feedback.receiving_unit_id, &v.receiving_unit_code);
    v.handling_unit = UnitName(tx, r.feedback.handling_unit_id, &v.handling_unit_code);
    auto d = DeadlinesView(r.feedback, now);
    if (!d) {
        return std::move(d).error();
    }
    v.deadlines = *d;
    v.unmet_conditions = fbk::UnmetConditions(r.submission);
    auto events = sf::Events(tx, r.id);
    if (!events) {
        return std::move(events).error();
    }
    v.events = std::move(*events);
    auto attachments = sf::Attachments(tx, r.id);
    if (!attachments) {
        return std::move(attachments).error();
    }
    v.attachments = std::move(*attachments);
    auto p = sf::GetPublication(tx, r.id);
    if (!p) {
        return std::move(p).error();
    }
    v.publication = std::move(*p);
    if (v.may_handle) {
        for (fbk::ActionKind k : {fbk::ActionKind::kAccept, fbk::ActionKind::kRefuse,
                                  fbk::ActionKind::kRequestSupplement, fbk::ActionKind::kSupplement,
                                  fbk::ActionKind::kForward, fbk::ActionKind::kAnswer,
                                  fbk::ActionKind::kPublish, fbk::ActionKind::kWithdraw}) {
            fbk::Action probe;
            probe.kind = k;
            probe.at = now;
            probe.subject = fbk::Subject::kRegulation;
            probe.to_unit_id = r.feedback.handling_unit_id + 1;
            probe.text = "x";
            if (fbk::Apply(r.feedback, probe)) {
                v.allowed.push_back(k);
            }
        }
    }
    v.record = std::move(r);
    return v;
}

}  // namespace

base::Result<FeedbackView> GetFeedback(AppContext& ctx, const Actor& actor, std::string_view code) {
    if (!actor.SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    const sys_seconds now = ctx.clock->Now();
    return InReadTransaction<FeedbackView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<FeedbackView> {
            auto r = RecordByCode(tx, code);
            if (!r) {
                return std::move(r).error();
            }
            auto may = MayRead(tx, actor, *r);
            if (!may) {
                return std::move(may).error();
            }
            if (!*may) {
                return NotVisible();
            }
            return ViewOf(tx, actor, std::move(*r), now);
        });
}

base::Result<FeedbackFile> DownloadFeedbackAttachment(AppContext& ctx, const Actor& actor,
                                                      std::string_view code, int position) {
    if (!actor.SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    auto found = InReadTransaction<sf::Attachment>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<sf::Attachment> {
            auto r = RecordByCode(tx, code);
            if (!r) {
                return std::move(r).error();
            }
            auto may = MayRead(tx, actor, *r);
            if (!may) {
                return std::move(may).error();
            }
            if (!*may) {
                return NotVisible();
            }
            auto attachments = sf::Attachments(tx, r->id);
            if (!attachments) {
                return std::move(attachments).error();
            }
            for (sf::Attachment& a : *attachments) {
                if (a.position == position) {
                    return std::move(a);
                }
            }
            return base::NotFound("Không có tệp đính kèm này.");
        });
    if (!found) {
        return std::move(found).error();
    }
    auto bytes = ReadStoredFile(ctx.files_dir, found->sha256);
    if (!bytes) {
        return std::move(bytes).error();
    }
    return FeedbackFile{std::move(*found), std::move(*bytes)};
}

base::Result<FeedbackView> ActOnFeedback(AppContext& ctx, const Actor& actor, std::string_view code,
                                         const FeedbackActionRequest& request) {
    if (!actor.SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    if (request.expected_version <= 0) {
        return base::InvalidArgument(
            "Thiếu phiên bản (version hoặc If-Match) của phản ánh, kiến nghị.");
    }
    if (base::Status s = CheckLength(request.text, kMaxFeedbackTextChars, "Nội dung"); !s) {
        return s.error();
    }
    const sys_seconds now = ctx.clock->Now();
    return InWriteTransaction<FeedbackView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<FeedbackView> {
            auto r = RecordByCode(tx, code);
            if (!r) {
                return std::move(r).error();
            }
            auto may_read = MayRead(tx, actor, *r);
            if (!may_read) {
                return std::move(may_read).error();
            }
            if (!*may_read) {
                return NotVisible();
            }
            auto may = MayHandle(tx, actor, *r);
            if (!may) {
                return std::move(may).error();
            }
            if (!*may) {
                return base::Error{base::ErrorCode::kPermissionDenied,
                                   "Chỉ công chức Bộ phận Một cửa hoặc kiểm soát TTHC của đơn vị "
                                   "đang xử lý mới thao tác được trên phản ánh, kiến nghị này."};
            }
            if (r->version != request.expected_version) {
                return base::Error{base::ErrorCode::kAborted,
                                   "Phản ánh, kiến nghị đã bị thay đổi bởi người khác (phiên bản " +
                                       std::to_string(r->version) + "); vui lòng tải lại."};
            }
            fbk::Action action;
            action.kind = request.kind;
            action.at = now;
            action.subject = request.subject;
            action.text = Trim(request.text);
            if (request.kind == fbk::ActionKind::kForward) {
                if (request.to_unit_code.empty()) {
                    return base::InvalidArgument("Vui lòng chọn đơn vị có thẩm quyền để chuyển.");
                }
                auto to = store::units::GetByCode(tx, request.to_unit_code);
                if (!to) {
                    return std::move(to).error();
                }
                if (!*to) {
                    return base::InvalidArgument("Không có đơn vị mã \"" + request.to_unit_code +
                                                 "\".");
                }
                action.to_unit_id = (*to)->id;
            }
            if (request.kind == fbk::ActionKind::kAccept) {
                const auto unmet = fbk::UnmetConditions(r->submission);
                if (!unmet.empty()) {
                    std::string msg =
                        "Phản ánh, kiến nghị chưa đủ điều kiện tiếp nhận (Nghị định 20/2008 Điều "
                        "6–7): ";
                    for (std::size_t i = 0; i < unmet.size(); ++i) {
                        msg += (i == 0 ? "" : "; ") + unmet[i];
                    }
                    return base::Error{base::ErrorCode::kFailedPrecondition,
                                       msg + ". Hãy yêu cầu bổ sung hoặc từ chối có lý do."};
                }
            }
            auto saved = ApplyAndSave(tx, actor, std::move(*r), action, now);
            if (!saved) {
                return std::move(saved).error();
            }
            return ViewOf(tx, actor, std::move(*saved), now);
        });
}

std::optional<FeedbackBox> ParseFeedbackBox(std::string_view name) {
    if (name == "all") {
        return FeedbackBox::kAll;
    }
    if (name == "open") {
        return FeedbackBox::kOpen;
    }
    if (name == "due_soon") {
        return FeedbackBox::kDueSoon;
    }
    if (name == "overdue") {
        return FeedbackBox::kOverdue;
    }
    return std::nullopt;
}

base::Result<std::vector<FeedbackSummary>> ListFeedback(AppContext& ctx, const Actor& actor,
                                                        const FeedbackListQuery& q) {
    const sys_seconds now = ctx.clock->Now();
    return InReadTransaction<std::vector<FeedbackSummary>>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::vector<FeedbackSummary>> {
            auto units = ScopeUnits(tx, actor);
            if (!units) {
                return std::move(units).error();
            }
            sf::Filter f;
            f.unit_ids = std::move(*units);
            if (q.state) {
                f.states = {*q.state};
            }
            f.open_only = q.box != FeedbackBox::kAll;
            f.limit = q.box == FeedbackBox::kAll || q.box == FeedbackBox::kOpen ? q.limit : 2000;
            auto rows = sf::List(tx, f);
            if (!rows) {
                return std::move(rows).error();
            }
            std::map<std::int64_t, std::string> names;
            std::vector<FeedbackSummary> out;
            for (const sf::Record& r : *rows) {
                auto d = DeadlinesView(r.feedback, now);
                if (!d) {
                    return std::move(d).error();
                }
                if ((q.box == FeedbackBox::kOverdue && !d->overdue) ||
                    (q.box == FeedbackBox::kDueSoon && !d->due_soon)) {
                    continue;
                }
                FeedbackSummary s;
                s.id = r.id;
                s.code = r.code;
                s.title = r.submission.title;
                s.state = r.feedback.state;
                s.subject = r.feedback.subject;
                s.channel = r.feedback.channel;
                s.handling_unit_id = r.feedback.handling_unit_id;
                auto [it, fresh] = names.try_emplace(r.feedback.handling_unit_id);
                if (fresh) {
                    it->second = UnitName(tx, r.feedback.handling_unit_id);
                }
                s.handling_unit = it->second;
                s.submitted_at = r.feedback.submitted_at;
                s.deadlines = *d;
                s.version = r.version;
                out.push_back(std::move(s));
                if (static_cast<int>(out.size()) >= q.limit) {
                    break;
                }
            }
            return out;
        });
}

base::Result<std::vector<store::feedback::Publication>> ListPublishedAnswers(
    AppContext& ctx, std::string_view unit_code, int limit, int offset) {
    return InReadTransaction<std::vector<sf::Publication>>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::vector<sf::Publication>> {
            std::optional<std::int64_t> unit_id;
            if (!unit_code.empty()) {
                auto unit = store::units::GetByCode(tx, unit_code);
                if (!unit) {
                    return std::move(unit).error();
                }
                if (!*unit) {
                    return base::InvalidArgument("Không có đơn vị mã \"" + std::string(unit_code) +
                                                 "\".");
                }
                unit_id = (*unit)->id;
            }
            return sf::Publications(tx, unit_id, std::clamp(limit, 1, 100), std::max(offset, 0));
        });
}

namespace {

void Count(FeedbackCountRow& row, const sf::Record& r, std::optional<bool> on_time,
           sys_seconds from, sys_seconds end) {
    const fbk::Feedback& f = r.feedback;
    const bool received_in = f.submitted_at >= from && f.submitted_at < end;
    if (received_in) {
        ++row.received;
    } else {
        ++row.carried_over;
    }
    if (!on_time) {
        ++row.withdrawn;
        return;
    }
    const bool handled =
        (f.refused_at && *f.refused_at < end) || (f.answered_at && *f.answered_at < end);
    if (handled) {
        ++(*on_time ? row.handled_on_time : row.handled_late);
    } else {
        ++(*on_time ? row.in_progress_on_time : row.in_progress_overdue);
    }
    if (!received_in) {
        return;
    }
    ++row.satisfaction_base;
    const bool rated = r.rating && r.rating->at < end;
    const bool unsatisfied = rated && !r.rating->satisfied;
    const bool reraised = r.reraised_at && *r.reraised_at < end;
    const bool late = !*on_time;
    row.rated_satisfied += rated && r.rating->satisfied ? 1 : 0;
    row.rated_unsatisfied += unsatisfied ? 1 : 0;
    row.reraised += reraised ? 1 : 0;
    row.late += late ? 1 : 0;
    row.dissatisfied += unsatisfied || reraised || late ? 1 : 0;
}

}  // namespace

base::Result<FeedbackCountsReport> CountFeedbackIn(store::Transaction& tx,
                                                   const std::vector<std::int64_t>& unit_ids,
                                                   sys_days from, sys_days to) {
    if (to < from) {
        return base::InvalidArgument("Ngày cuối kỳ phải sau ngày đầu kỳ.");
    }
    const sys_seconds start = sys_seconds{from} - calendar::kVietnamOffset;
    const sys_seconds end = sys_seconds{to + std::chrono::days{1}} - calendar::kVietnamOffset;
    FeedbackCountsReport rep;
    rep.from = from;
    rep.to = to;
    std::map<fbk::State, int> states;
    std::map<std::int64_t, FeedbackCountRow> by_unit;
    if (!unit_ids.empty()) {
        sf::Filter f;
        f.unit_ids = unit_ids;
        f.submitted_to = end;
        f.limit = 1'000'000;
        auto rows = sf::List(tx, f);
        if (!rows) {
            return std::move(rows).error();
        }
        const std::set<std::int64_t> in_scope(unit_ids.begin(), unit_ids.end());
        for (const sf::Record& r : *rows) {
            const fbk::Feedback& fb = r.feedback;
            if (in_scope.count(fb.handling_unit_id) == 0) {
                continue;  // received here, handled elsewhere: counted there
            }
            // Finished before the period: not received or handled in it.
            // (A withdrawn one: its row is not written after the withdrawal.)
            const std::optional<sys_seconds> finished =
                fb.refused_at                        ? fb.refused_at
                : fb.answered_at                     ? fb.answered_at
                : fb.state == fbk::State::kWithdrawn ? std::optional<sys_seconds>(r.updated_at)
                                                     : std::nullopt;
            if (fb.submitted_at < start && finished && *finished < start) {
                continue;
            }
            auto cal = internal::CalendarFor(fb.handling_unit_id);
            if (!cal) {
                return std::move(cal).error();
            }
            auto judged = fbk::OnTime(fb, FeedbackRulesAt(fb.submitted_at), **cal,
                                      end);  // withdrawn: nullopt
            if (!judged) {
                return std::move(judged).error();
            }
            const std::optional<bool> on_time = *judged;
            FeedbackCountRow& by_subject = fb.subject == fbk::Subject::kRegulation ? rep.regulation
                                           : fb.subject == fbk::Subject::kConduct
                                               ? rep.conduct
                                               : rep.unclassified;
            Count(by_subject, r, on_time, start, end);
            Count(rep.total, r, on_time, start, end);
            Count(by_unit[fb.handling_unit_id], r, on_time, start, end);
            ++states[fb.state];
        }
    }
    for (fbk::State s : {fbk::State::kReceived, fbk::State::kAwaitingSupplement,
                         fbk::State::kInHandling, fbk::State::kRefused, fbk::State::kAnswered,
                         fbk::State::kPublished, fbk::State::kWithdrawn}) {
        rep.by_state.emplace_back(s, states[s]);
    }
    for (auto& [id, row] : by_unit) {
        rep.by_unit.emplace_back(id, row);
    }
    return rep;
}

namespace {

base::Result<FeedbackCountsReport> CountIn(store::Transaction& tx, const domain::Unit& root,
                                           sys_days from, sys_days to) {
    auto units = internal::Subtree(tx, root);
    if (!units) {
        return std::move(units).error();
    }
    std::vector<std::int64_t> ids;
    for (const domain::Unit& u : *units) {
        ids.push_back(u.id);
    }
    auto rep = CountFeedbackIn(tx, ids, from, to);
    if (rep) {
        rep->unit_id = root.id;
    }
    return rep;
}

}  // namespace

base::Result<FeedbackCountsReport> FeedbackCounts(AppContext& ctx, std::int64_t unit_id,
                                                  sys_days from, sys_days to) {
    return InReadTransaction<FeedbackCountsReport>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<FeedbackCountsReport> {
            auto unit = store::units::Get(tx, unit_id);
            if (!unit) {
                return std::move(unit).error();
            }
            if (!*unit) {
                return base::NotFound("Không có đơn vị số " + std::to_string(unit_id) + ".");
            }
            return CountIn(tx, **unit, from, to);
        });
}

base::Result<FeedbackCountsReport> FeedbackCountsFor(AppContext& ctx, const Actor& actor,
                                                     std::string_view unit_code, sys_days from,
                                                     sys_days to) {
    return InReadTransaction<FeedbackCountsReport>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<FeedbackCountsReport> {
            auto unit = store::units::GetByCode(tx, unit_code);
            if (!unit) {
                return std::move(unit).error();
            }
            if (!*unit) {
                return base::NotFound("Không có đơn vị mã \"" + std::string(unit_code) + "\".");
            }
            if (base::Status s = internal::MayReport(tx, actor, (*unit)->id); !s) {
                return s.error();
            }
            return CountIn(tx, **unit, from, to);
        });
}

}  // namespace motcua::app

namespace motcua::app {

namespace {

// The active leaders of `unit_id`, else of the nearest unit above it that has some.
base::Result<std::vector<std::int64_t>> LeadersFor(store::Transaction& tx, std::int64_t unit_id) {
    std::optional<std::int64_t> at = unit_id;
    for (int depth = 0; at && depth < 16; ++depth) {
        const std::array ids{*at};
        auto users = store::users::List(tx, ids);
        if (!users) {
            return std::move(users).error();
        }
        std::vector<std::int64_t> out;
        for (const domain::User& u : *users) {
            const bool leads =
                std::any_of(u.roles.begin(), u.roles.end(), [&](const domain::RoleGrant& g) {
                    return g.role == Role::kLeader && g.unit_id == at;
                });
            if (u.active && leads) {
                out.push_back(u.id);
            }
        }
        if (!out.empty()) {
            return out;
        }
        auto unit = store::units::Get(tx, *at);
        if (!unit) {
            return std::move(unit).error();
        }
        at = *unit ? (*unit)->parent_id : std::nullopt;
    }
    return std::vector<std::int64_t>{};
}

std::string_view StepOf(fbk::State state) {
    switch (state) {
        case fbk::State::kReceived:
            return "acceptance";
        case fbk::State::kInHandling:
            return "answer";
        case fbk::State::kAnswered:
            return "publication";
        default:
            return "";
    }
}

std::string_view StepLabel(std::string_view step) {
    return step == "acceptance" ? "tiếp nhận, phân loại"
           : step == "answer"   ? "trả lời"
                                : "công khai kết quả";
}

}  // namespace

base::Result<int> SweepFeedbackEscalations(AppContext& ctx) {
    const sys_seconds now = ctx.clock->Now();
    return InWriteTransaction<int>(*ctx.db, [&](store::Transaction& tx) -> base::Result<int> {
        sf::Filter open;
        open.open_only = true;
        open.limit = 1'000'000;
        auto rows = sf::List(tx, open);
        if (!rows) {
            return std::move(rows).error();
        }
        int queued = 0;
        for (const sf::Record& r : *rows) {
            const std::string_view step = StepOf(r.feedback.state);
            if (step.empty()) {
                continue;  // the sender's turn (awaiting a supplement)
            }
            auto d = DeadlinesView(r.feedback, now);
            if (!d) {
                return std::move(d).error();
            }
            if (!d->due_at || !d->overdue) {
                continue;
            }
            auto first =
                sf::MarkEscalated(tx, r.id, step, *d->due_at, r.feedback.handling_unit_id, now);
            if (!first) {
                return std::move(first).error();
            }
            if (!*first) {
                continue;  // already escalated for this step and deadline
            }
            auto leaders = LeadersFor(tx, r.feedback.handling_unit_id);
            if (!leaders) {
                return std::move(leaders).error();
            }
            const std::string message =
                "Phản ánh, kiến nghị " + r.code + " (\"" + r.submission.title +
                "\") đã quá hạn bước " + std::string(StepLabel(step)) + " (hạn " +
                calendar::FormatInstant(*d->due_at) +
                "); đơn vị xử lý: " + UnitName(tx, r.feedback.handling_unit_id) + ".";
            for (const std::int64_t user : *leaders) {
                if (base::Status st =
                        internal::NotifyAccount(tx, user, std::nullopt, "feedback_escalation",
                                                "Phản ánh, kiến nghị quá hạn xử lý", message, now);
                    !st) {
                    return st.error();
                }
                ++queued;
            }
        }
        return queued;
    });
}

}  // namespace motcua::app
