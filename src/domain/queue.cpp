#include "domain/queue.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include <fmt/format.h>

namespace motcua::domain::queue {
namespace {

constexpr std::array<std::string_view, 5> kStates{"waiting", "called", "serving", "served",
                                                  "skipped"};
constexpr std::array<std::string_view, 7> kActions{"call", "recall",  "start",   "finish",
                                                   "skip", "requeue", "transfer"};

base::Error Illegal(std::string message) {
    return base::Error{base::ErrorCode::kFailedPrecondition, std::move(message)};
}

std::chrono::sys_seconds LastEvent(const Ticket& t) {
    std::chrono::sys_seconds last = t.issued_at;
    for (const auto& at : {t.called_at, t.serve_started_at, t.serve_ended_at})
        if (at && *at > last) last = *at;
    return last;
}

}  // namespace

std::string_view StateName(State state) {
    return kStates.at(static_cast<std::size_t>(state));
}
std::optional<State> ParseState(std::string_view name) {
    for (std::size_t i = 0; i < kStates.size(); ++i)
        if (kStates[i] == name) return static_cast<State>(i);
    return std::nullopt;
}
std::string_view ActionName(ActionKind kind) {
    return kActions.at(static_cast<std::size_t>(kind));
}
std::optional<ActionKind> ParseAction(std::string_view name) {
    for (std::size_t i = 0; i < kActions.size(); ++i)
        if (kActions[i] == name) return static_cast<ActionKind>(i);
    return std::nullopt;
}

base::Result<std::string> TicketNumber(std::string_view prefix, int sequence) {
    if (prefix.empty() || prefix.size() > 3 ||
        !std::all_of(prefix.begin(), prefix.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        return base::InvalidArgument("Ký hiệu nhóm dịch vụ phải gồm 1–3 chữ cái in hoa (A–Z)");
    if (sequence < 1) return base::InvalidArgument("Số thứ tự phải từ 1 trở lên");
    return fmt::format("{}{:03}", prefix, sequence);
}

base::Result<Ticket> Apply(const Ticket& t, const Action& a) {
    if (a.at < LastEvent(t))
        return base::InvalidArgument("Thời điểm thao tác trước thao tác gần nhất của số thứ tự");
    const bool needs_counter = a.kind == ActionKind::kCall || a.kind == ActionKind::kRecall ||
                               a.kind == ActionKind::kStart || a.kind == ActionKind::kFinish ||
                               a.kind == ActionKind::kSkip;
    if (needs_counter && a.counter.empty()) return base::InvalidArgument("Thiếu quầy thực hiện");
    const bool own = t.counter == a.counter;
    if (needs_counter && a.kind != ActionKind::kCall && !own)
        return base::InvalidArgument(
            fmt::format("Số {} đang được quầy {} phục vụ", t.number, t.counter));
    Ticket n = t;
    switch (a.kind) {
        case ActionKind::kCall:
            if (t.state != State::kWaiting)
                return Illegal(fmt::format("Số {} không còn chờ gọi", t.number));
            n.state = State::kCalled;
            n.called_at = a.at;
            if (!n.first_called_at) n.first_called_at = a.at;
            n.counter = a.counter;
            return n;
        case ActionKind::kRecall:
            if (t.state != State::kCalled)
                return Illegal(
                    fmt::format("Chỉ gọi lại được số đã gọi và chưa đến quầy ({})", t.number));
            n.called_at = a.at;
            ++n.recalls;
            return n;
        case ActionKind::kStart:
            if (t.state != State::kCalled)
                return Illegal(fmt::format("Số {} chưa được gọi", t.number));
            n.state = State::kServing;
            n.serve_started_at = a.at;
            return n;
        case ActionKind::kFinish:
            if (t.state != State::kServing)
                return Illegal(fmt::format("Số {} không đang được phục vụ", t.number));
            n.state = State::kServed;
            n.serve_ended_at = a.at;
            n.dossier_code = a.dossier_code;
            return n;
        case ActionKind::kSkip:
            if (t.state != State::kCalled)
                return Illegal(
                    fmt::format("Chỉ bỏ qua được số đã gọi và chưa đến quầy ({})", t.number));
            n.state = State::kSkipped;
            return n;
        case ActionKind::kRequeue:
            if (t.state != State::kSkipped)
                return Illegal(fmt::format("Chỉ xếp lại được số đã bị bỏ qua ({})", t.number));
            n.state = State::kWaiting;
            n.counter.clear();
            return n;
        case ActionKind::kTransfer:
            if (t.state != State::kCalled && t.state != State::kServing)
                return Illegal(
                    fmt::format("Chỉ chuyển được số đang gọi hoặc đang phục vụ ({})", t.number));
            if (a.service_group.empty())
                return base::InvalidArgument("Thiếu nhóm dịch vụ để chuyển đến");
            if (a.service_group == t.service_group && t.state == State::kCalled)
                return base::InvalidArgument("Số đã thuộc nhóm dịch vụ này");
            n.state = State::kWaiting;
            n.service_group = a.service_group;
            n.counter.clear();
            n.serve_started_at.reset();
            ++n.transfers;
            return n;
    }
    return base::InvalidArgument("Thao tác không hợp lệ");
}

std::optional<std::size_t> PickNext(std::span<const Ticket> tickets,
                                    std::span<const std::string> groups) {
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < tickets.size(); ++i) {
        const Ticket& t = tickets[i];
        if (t.state != State::kWaiting ||
            std::find(groups.begin(), groups.end(), t.service_group) == groups.end())
            continue;
        if (!best ||
            std::pair{t.issued_at, t.id} < std::pair{tickets[*best].issued_at, tickets[*best].id})
            best = i;
    }
    return best;
}

WaitingFigures Figures(std::span<const Ticket> tickets, std::chrono::seconds limit) {
    WaitingFigures f;
    std::vector<std::int64_t> waits;
    for (const Ticket& t : tickets) {
        if (!t.first_called_at) {
            if (t.state == State::kWaiting) ++f.waiting;
            continue;
        }
        const std::int64_t w = (*t.first_called_at - t.issued_at).count();
        waits.push_back(w);
        if (std::chrono::seconds{w} > limit) ++f.over_limit;
    }
    f.called = static_cast<std::int64_t>(waits.size());
    if (waits.empty()) return f;
    std::sort(waits.begin(), waits.end());
    std::int64_t sum = 0;
    for (const std::int64_t w : waits) sum += w;
    f.average_seconds = (2 * sum + f.called) / (2 * f.called);
    // Nearest rank: the ⌈0.9 n⌉-th smallest.
    const std::size_t rank = (9 * waits.size() + 9) / 10;
    f.p90_seconds = waits[rank - 1];
    f.over_limit_hundredths = (std::int64_t{20000} * f.over_limit + f.called) / (2 * f.called);
    return f;
}

}  // namespace motcua::domain::queue
