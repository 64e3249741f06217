#include "domain/feedback.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <utility>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "calendar/civil_date.hpp"

namespace motcua::domain::feedback {
namespace {

using std::chrono::seconds;
using std::chrono::sys_seconds;

base::Error Illegal(std::string message) {
    return base::Error{base::ErrorCode::kFailedPrecondition, std::move(message)};
}

struct Named {
    std::string_view name;
    std::string_view label;
};
constexpr std::array<Named, 3> kSubjects{{{"unclassified", "Chưa phân loại"},
                                          {"regulation", "Về quy định hành chính"},
                                          {"conduct", "Về hành vi hành chính"}}};
constexpr std::array<std::string_view, 4> kChannels{"online", "desk", "post", "phone"};
constexpr std::array<Named, 7> kStates{{{"received", "Chờ tiếp nhận"},
                                        {"awaiting_supplement", "Chờ bổ sung thông tin"},
                                        {"in_handling", "Đang xử lý"},
                                        {"refused", "Không tiếp nhận"},
                                        {"answered", "Đã có kết quả, chờ công khai"},
                                        {"published", "Đã công khai kết quả"},
                                        {"withdrawn", "Đã rút"}}};
constexpr std::array<std::string_view, 8> kActions{"accept",     "refuse",  "request_supplement",
                                                   "supplement", "forward", "answer",
                                                   "publish",    "withdraw"};

template <typename E, std::size_t N>
std::optional<E> Find(const std::array<std::string_view, N>& names, std::string_view name) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == name) return static_cast<E>(i);
    return std::nullopt;
}
template <typename E, std::size_t N>
std::optional<E> Find(const std::array<Named, N>& names, std::string_view name) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i].name == name) return static_cast<E>(i);
    return std::nullopt;
}

// The code point starting at text[i] (0 for an invalid byte) and its length.
std::pair<char32_t, std::size_t> Decode(std::string_view text, std::size_t i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) return {b, 1};
    std::size_t len = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > text.size()) return {0, 1};
    char32_t cp = b & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    return {cp, len};
}

std::size_t CountCodePoints(std::string_view text) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < text.size(); i += Decode(text, i).second) ++n;
    return n;
}

// Vietnamese letters with diacritics (Latin-1 Supplement, Latin Extended-A/B, Latin Extended
// Additional's Vietnamese block).
bool HasVietnameseLetter(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto [cp, len] = Decode(text, i);
        if ((cp >= 0xC0 && cp <= 0x1B0) || (cp >= 0x1EA0 && cp <= 0x1EF9)) return true;
        i += len;
    }
    return false;
}

bool Blank(std::string_view s) {
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool IsEmailLocal(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '%' || c == '+' || c == '-';
}
bool IsEmailDomain(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-';
}
bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

constexpr std::string_view kHidden = "[đã ẩn]";

void ReplaceAll(std::string& text, std::string_view what) {
    if (what.size() < 2) return;
    for (std::size_t at = text.find(what); at != std::string::npos;
         at = text.find(what, at + kHidden.size()))
        text.replace(at, what.size(), kHidden);
}

}  // namespace

std::string_view SubjectName(Subject subject) {
    return kSubjects.at(static_cast<std::size_t>(subject)).name;
}
std::string_view SubjectLabel(Subject subject) {
    return kSubjects.at(static_cast<std::size_t>(subject)).label;
}
std::optional<Subject> ParseSubject(std::string_view name) {
    return Find<Subject>(kSubjects, name);
}
std::string_view ChannelName(Channel channel) {
    return kChannels.at(static_cast<std::size_t>(channel));
}
std::optional<Channel> ParseChannel(std::string_view name) {
    return Find<Channel>(kChannels, name);
}
std::string_view StateName(State state) {
    return kStates.at(static_cast<std::size_t>(state)).name;
}
std::string_view StateLabel(State state) {
    return kStates.at(static_cast<std::size_t>(state)).label;
}
std::optional<State> ParseState(std::string_view name) {
    return Find<State>(kStates, name);
}
bool IsTerminal(State state) {
    return state == State::kRefused || state == State::kPublished || state == State::kWithdrawn;
}
std::string_view ActionName(ActionKind kind) {
    return kActions.at(static_cast<std::size_t>(kind));
}
std::optional<ActionKind> ParseAction(std::string_view name) {
    return Find<ActionKind>(kActions, name);
}

std::vector<std::string> UnmetConditions(const Submission& s) {
    std::vector<std::string> unmet;
    if (Blank(s.content) || CountCodePoints(s.content) < 20)
        unmet.emplace_back("Nội dung phản ánh, kiến nghị không rõ ràng (cần ít nhất 20 ký tự)");
    else if (!HasVietnameseLetter(s.content) && !HasVietnameseLetter(s.title))
        unmet.emplace_back("Phản ánh, kiến nghị phải được viết bằng tiếng Việt");
    if (Blank(s.sender_name)) unmet.emplace_back("Thiếu họ và tên người phản ánh, kiến nghị");
    if (Blank(s.sender_address) && Blank(s.sender_phone) && Blank(s.sender_email))
        unmet.emplace_back("Thiếu địa chỉ, số điện thoại hoặc thư điện tử để liên hệ");
    if (s.under_complaint_or_court)
        unmet.emplace_back(
            "Nội dung đang được giải quyết theo thủ tục khiếu nại, tố cáo hoặc tố tụng tại Tòa án");
    return unmet;
}

base::Result<Feedback> Apply(const Feedback& f, const Action& a) {
    if (IsTerminal(f.state))
        return Illegal(fmt::format("Phản ánh, kiến nghị đã ở trạng thái «{}», không thể thay đổi",
                                   StateLabel(f.state)));
    if (a.at < f.submitted_at)
        return base::InvalidArgument("Thời điểm thao tác trước thời điểm tiếp nhận");
    Feedback n = f;
    const bool waiting_check = f.state == State::kReceived;
    switch (a.kind) {
        case ActionKind::kAccept:
            if (!waiting_check)
                return Illegal("Chỉ tiếp nhận được phản ánh, kiến nghị đang chờ tiếp nhận");
            if (a.subject == Subject::kUnclassified)
                return base::InvalidArgument(
                    "Phải phân loại: về quy định hành chính hoặc về hành vi hành chính");
            n.subject = a.subject;
            n.state = State::kInHandling;
            n.accepted_at = a.at;
            return n;
        case ActionKind::kRefuse:
            if (!waiting_check && f.state != State::kAwaitingSupplement)
                return Illegal(
                    "Chỉ từ chối tiếp nhận được trước khi phản ánh, kiến nghị được tiếp nhận");
            if (Blank(a.text)) return base::InvalidArgument("Từ chối tiếp nhận phải nêu rõ lý do");
            n.state = State::kRefused;
            n.refused_at = a.at;
            if (f.supplement_requested_at)
                n.supplement_pauses.push_back({*f.supplement_requested_at, a.at});
            n.supplement_requested_at.reset();
            return n;
        case ActionKind::kRequestSupplement:
            if (!waiting_check)
                return Illegal(
                    "Chỉ yêu cầu bổ sung được khi phản ánh, kiến nghị đang chờ tiếp nhận");
            if (Blank(a.text))
                return base::InvalidArgument("Yêu cầu bổ sung phải nêu rõ thông tin cần bổ sung");
            n.state = State::kAwaitingSupplement;
            n.supplement_requested_at = a.at;
            ++n.supplement_requests;
            return n;
        case ActionKind::kSupplement:
            if (f.state != State::kAwaitingSupplement || !f.supplement_requested_at)
                return Illegal("Phản ánh, kiến nghị không ở trạng thái chờ bổ sung");
            n.state = State::kReceived;
            n.supplement_pauses.push_back({*f.supplement_requested_at, a.at});
            n.supplement_requested_at.reset();
            return n;
        case ActionKind::kForward:
            if (!waiting_check && f.state != State::kInHandling)
                return Illegal(
                    "Chỉ chuyển được phản ánh, kiến nghị đang chờ tiếp nhận hoặc đang xử lý");
            if (a.to_unit_id <= 0)
                return base::InvalidArgument("Phải chọn cơ quan có thẩm quyền để chuyển đến");
            if (a.to_unit_id == f.handling_unit_id)
                return base::InvalidArgument(
                    "Không thể chuyển phản ánh, kiến nghị cho chính đơn vị đang xử lý");
            // The competent unit starts afresh: its own acceptance check, its own clock.
            n.handling_unit_id = a.to_unit_id;
            n.state = State::kReceived;
            n.started_at = a.at;
            n.accepted_at.reset();
            n.supplement_pauses.clear();
            ++n.forwards;
            return n;
        case ActionKind::kAnswer:
            if (f.state != State::kInHandling)
                return Illegal("Chỉ trả lời được phản ánh, kiến nghị đã tiếp nhận và đang xử lý");
            if (Blank(a.text))
                return base::InvalidArgument("Nội dung kết quả xử lý không được để trống");
            n.state = State::kAnswered;
            n.answered_at = a.at;
            return n;
        case ActionKind::kPublish:
            if (f.state != State::kAnswered)
                return Illegal("Chỉ công khai được phản ánh, kiến nghị đã có kết quả xử lý");
            n.state = State::kPublished;
            n.published_at = a.at;
            return n;
        case ActionKind::kWithdraw:
            if (f.state == State::kAnswered)
                return Illegal("Phản ánh, kiến nghị đã có kết quả xử lý, không thể rút");
            n.state = State::kWithdrawn;
            return n;
    }
    return base::InvalidArgument("Thao tác không hợp lệ");
}

base::Result<Deadlines> DeadlinesOf(const Feedback& f, const Rules& rules,
                                    const calendar::WorkingCalendar& cal) {
    Deadlines d;
    const auto add = [&](sys_seconds from, int working_days,
                         std::optional<sys_seconds>& out) -> base::Result<bool> {
        auto due = cal.AddWorkingDays(from, std::int64_t{working_days} * 1000, f.supplement_pauses);
        if (!due) return due.error();
        out = *due;
        return true;
    };
    switch (f.state) {
        case State::kReceived:
        case State::kAwaitingSupplement: {
            for (const auto& [days, slot] :
                 {std::pair{rules.refuse_within, &d.refuse_by},
                  std::pair{rules.supplement_request_within, &d.supplement_request_by},
                  std::pair{rules.forward_within, &d.forward_by}}) {
                if (auto ok = add(f.started_at, days, *slot); !ok) return ok.error();
            }
            if (auto ok = add(f.started_at, rules.answer_within, d.answer_by); !ok)
                return ok.error();
            break;
        }
        case State::kInHandling:
            if (auto ok = add(f.started_at, rules.answer_within, d.answer_by); !ok)
                return ok.error();
            break;
        case State::kAnswered:
            if (auto ok = add(*f.answered_at, rules.publish_within, d.publish_by); !ok)
                return ok.error();
            break;
        default:
            break;
    }
    return d;
}

base::Result<std::optional<bool>> OnTime(const Feedback& f, const Rules& rules,
                                         const calendar::WorkingCalendar& cal,
                                         sys_seconds period_end) {
    if (f.state == State::kWithdrawn) return std::optional<bool>{};
    const auto due = [&](int working_days) {
        return cal.AddWorkingDays(f.started_at, std::int64_t{working_days} * 1000,
                                  f.supplement_pauses);
    };
    if (f.refused_at && *f.refused_at <= period_end) {
        auto by = due(rules.refuse_within);
        if (!by) return by.error();
        return std::optional<bool>{*f.refused_at <= *by};
    }
    auto by = due(rules.answer_within);
    if (!by) return by.error();
    if (f.answered_at && *f.answered_at <= period_end)
        return std::optional<bool>{*f.answered_at <= *by};
    // In progress at the period's end: within time while the answer's deadline has not passed.
    return std::optional<bool>{period_end <= *by};
}

std::string Redact(std::string_view text, const Submission& sender) {
    std::string out(text);
    for (const std::string* what :
         {&sender.sender_email, &sender.sender_phone, &sender.sender_address, &sender.sender_name})
        if (!Blank(*what)) ReplaceAll(out, *what);
    // E-mail addresses.
    for (std::size_t at = out.find('@'); at != std::string::npos; at = out.find('@', at + 1)) {
        std::size_t begin = at;
        while (begin > 0 && IsEmailLocal(out[begin - 1])) --begin;
        std::size_t end = at + 1;
        while (end < out.size() && IsEmailDomain(out[end])) ++end;
        while (end > at + 1 && (out[end - 1] == '.' || out[end - 1] == '-')) --end;
        const std::string_view domain(out.data() + at + 1, end - at - 1);
        if (begin < at && domain.find('.') != std::string_view::npos) {
            out.replace(begin, end - begin, kHidden);
            at = begin + kHidden.size() - 1;
        }
    }
    // Runs of 9 or more digits, with single spaces, dots or hyphens between digits.
    for (std::size_t i = 0; i < out.size();) {
        if (!IsDigit(out[i]) || (i > 0 && IsDigit(out[i - 1]))) {
            ++i;
            continue;
        }
        std::size_t end = i;
        std::size_t digits = 0;
        std::size_t j = i;
        while (j < out.size()) {
            if (IsDigit(out[j])) {
                ++digits;
                end = ++j;
            } else if ((out[j] == ' ' || out[j] == '.' || out[j] == '-') && j + 1 < out.size() &&
                       IsDigit(out[j + 1])) {
                ++j;
            } else {
                break;
            }
        }
        // A leading '+' of an international number goes too.
        const std::size_t begin = i > 0 && out[i - 1] == '+' ? i - 1 : i;
        if (digits >= 9) {
            out.replace(begin, end - begin, kHidden);
            i = begin + kHidden.size();
        } else {
            i = end;
        }
    }
    return out;
}

// ---- The rules file (data/rules/feedback.json)

namespace {

base::Error BadRules(std::string_view id, std::string_view what) {
    return base::InvalidArgument("thời hạn phản ánh, kiến nghị, phiên bản " + std::string(id) +
                                 ": " + std::string(what));
}

base::Result<RulesVersion> ParseVersion(const boost::json::value& v) {
    if (!v.is_object()) {
        return BadRules("?", "mỗi phiên bản phải là một đối tượng JSON");
    }
    const boost::json::object& o = v.as_object();
    RulesVersion out;
    auto text = [&](std::string_view key) -> base::Result<std::string> {
        const boost::json::value* f = o.if_contains(key);
        if (f == nullptr || !f->is_string() || f->as_string().empty()) {
            return BadRules(out.id.empty() ? "?" : out.id, "thiếu trường " + std::string(key));
        }
        return std::string(f->as_string());
    };
    for (auto [key, field] : {std::pair{"id", &out.id}, std::pair{"title", &out.title},
                              std::pair{"source", &out.source}}) {
        auto t = text(key);
        if (!t) {
            return std::move(t).error();
        }
        *field = std::move(*t);
    }
    auto from = text("effective_from");
    if (!from) {
        return std::move(from).error();
    }
    const auto date = calendar::ParseIsoDate(*from);
    if (!date) {
        return BadRules(out.id, "effective_from phải có dạng YYYY-MM-DD");
    }
    out.effective_from = std::chrono::sys_days{*date};
    for (auto [key, field] :
         {std::pair{"refuse_within", &out.rules.refuse_within},
          std::pair{"supplement_request_within", &out.rules.supplement_request_within},
          std::pair{"forward_within", &out.rules.forward_within},
          std::pair{"answer_within", &out.rules.answer_within},
          std::pair{"publish_within", &out.rules.publish_within}}) {
        const boost::json::value* f = o.if_contains(key);
        if (f == nullptr || !f->is_int64() || f->as_int64() < 1 || f->as_int64() > 60) {
            return BadRules(out.id, std::string(key) + " phải là số ngày làm việc từ 1 đến 60");
        }
        *field = static_cast<int>(f->as_int64());
    }
    return out;
}

}  // namespace

base::Result<std::shared_ptr<const RuleBook>> RuleBook::Parse(std::string_view text) {
    std::error_code ec;
    const boost::json::value root = boost::json::parse(text, ec);
    if (ec || !root.is_object()) {
        return base::InvalidArgument("tệp thời hạn phản ánh, kiến nghị không phải JSON hợp lệ");
    }
    const boost::json::value* versions = root.as_object().if_contains("versions");
    if (versions == nullptr || !versions->is_array() || versions->as_array().empty()) {
        return base::InvalidArgument(
            "tệp thời hạn phản ánh, kiến nghị cần ít nhất một phiên bản (versions)");
    }
    auto book = std::make_shared<RuleBook>();
    for (const boost::json::value& v : versions->as_array()) {
        auto version = ParseVersion(v);
        if (!version) {
            return std::move(version).error();
        }
        for (const RulesVersion& other : book->versions_) {
            if (other.id == version->id || other.effective_from == version->effective_from) {
                return BadRules(version->id, "trùng mã hoặc ngày hiệu lực với " + other.id);
            }
        }
        book->versions_.push_back(std::move(*version));
    }
    std::sort(book->versions_.begin(), book->versions_.end(),
              [](const RulesVersion& a, const RulesVersion& b) {
                  return a.effective_from < b.effective_from;
              });
    return std::shared_ptr<const RuleBook>(std::move(book));
}

std::shared_ptr<const RuleBook> RuleBook::Embedded() {
    static const std::shared_ptr<const RuleBook> book = [] {
        auto parsed = Parse(EmbeddedRulesData());
        if (!parsed) {
            std::abort();  // the embedded file is checked by the tests
        }
        return *parsed;
    }();
    return book;
}

const RulesVersion& RuleBook::InForce(std::chrono::sys_days day) const {
    const RulesVersion* found = &versions_.front();
    for (const RulesVersion& v : versions_) {
        if (v.effective_from <= day) {
            found = &v;
        }
    }
    return *found;
}

}  // namespace motcua::domain::feedback
