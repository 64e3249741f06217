// Contract of store::queue (queue.hpp; issue #9), on every backend: the desk's setup round-trips,
// sequences are per desk, prefix and day, "call next" hands each ticket to exactly one counter
// when many call at once (threads, each with its own connection), nothing is lost across a
// restart, a stale update is refused and the event log is append-only.
#include "store/queue.hpp"

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "storage_test_support.hpp"
#include "store/units.hpp"

namespace motcua::store::testing {
namespace {

namespace q = domain::queue;

class QueueStoreTest : public StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto province, units::Insert(*tx, MakeUnit("46", domain::UnitType::kProvince,
                                                                  std::nullopt, D(2025, 7, 1))));
        ASSIGN_OR_FAIL(auto desk,
                       units::Insert(*tx, MakeUnit("46.TTPVHCC", domain::UnitType::kServiceCentre,
                                                   province.id, D(2025, 7, 1))));
        desk_ = desk.id;
        std::vector<queue::Group> groups{{0, desk_, "HT", "A", "Hộ tịch", 1},
                                         {0, desk_, "DD", "B", "Đất đai", 2}};
        std::vector<queue::Counter> counters;
        for (int i = 1; i <= 4; ++i) {
            queue::Counter c;
            c.code = std::to_string(i);
            c.label = "Quầy " + std::to_string(i);
            c.position = i;
            c.groups =
                i == 4 ? std::vector<std::string>{"DD"} : std::vector<std::string>{"HT", "DD"};
            counters.push_back(c);
        }
        ASSERT_TRUE(IsOk(queue::ReplaceSetup(*tx, desk_, groups, counters)));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }

    // Issues one ticket of `group`/`prefix` in its own write.
    base::Result<queue::StoredTicket> Issue(Database& db, std::string group, std::string prefix,
                                            std::chrono::sys_seconds at) const {
        std::optional<base::Result<queue::StoredTicket>> out;
        const base::Status written = db.Write([&](Transaction& tx) -> base::Status {
            auto seq = queue::NextSequence(tx, desk_, prefix, kDay);
            if (!seq) {
                out.emplace(seq.error());
                return seq.error();
            }
            queue::StoredTicket t;
            t.desk_unit_id = desk_;
            t.day = kDay;
            t.prefix = prefix;
            t.sequence = *seq;
            auto number = q::TicketNumber(prefix, *seq);
            if (!number) {
                out.emplace(number.error());
                return number.error();
            }
            t.ticket.number = *number;
            t.ticket.service_group = group;
            t.ticket.issued_at = at;
            out.emplace(queue::Insert(tx, t, std::nullopt));
            if (!*out) {
                return out->error();
            }
            return {};
        });
        if (!written) {
            return written.error();
        }
        return std::move(*out);
    }

    base::Result<std::optional<queue::StoredTicket>> Call(Database& db, const std::string& counter,
                                                          std::chrono::sys_seconds at) const {
        std::optional<base::Result<std::optional<queue::StoredTicket>>> out;
        const base::Status written = db.Write([&](Transaction& tx) -> base::Status {
            out.emplace(queue::CallNext(tx, desk_, counter, at, std::nullopt));
            if (!*out) {
                return out->error();
            }
            return {};
        });
        if (!written) {
            return written.error();
        }
        return std::move(*out);
    }

    static constexpr std::chrono::sys_days kDay{std::chrono::year{2026} / 11 / 30};
    std::int64_t desk_ = 0;
};
INSTANTIATE_TEST_SUITE_P(Backends, QueueStoreTest, ::testing::ValuesIn(Backends()), BackendName);

TEST_P(QueueStoreTest, SetupRoundTripsAndKeepsSignedInOfficer) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(auto groups, queue::Groups(*tx, desk_));
    ASSERT_EQ(groups.size(), 2U);
    EXPECT_EQ(groups[0].code, "HT");
    EXPECT_EQ(groups[0].prefix, "A");
    EXPECT_EQ(groups[1].label, "Đất đai");
    ASSIGN_OR_FAIL(auto counters, queue::Counters(*tx, desk_));
    ASSERT_EQ(counters.size(), 4U);
    EXPECT_EQ(counters[3].groups, std::vector<std::string>{"DD"});
    EXPECT_EQ(counters[0].groups, (std::vector<std::string>{"DD", "HT"}));
    ASSIGN_OR_FAIL(auto signed_in, queue::SignIn(*tx, desk_, "2", std::nullopt, At(1)));
    EXPECT_TRUE(signed_in);
    ASSIGN_OR_FAIL(auto missing, queue::SignIn(*tx, desk_, "9", std::nullopt, At(1)));
    EXPECT_FALSE(missing);
    // A repeated prefix is refused, and nothing of the transaction is kept.
    std::vector<queue::Group> twice{{0, desk_, "HT", "A", "Hộ tịch", 1},
                                    {0, desk_, "DD", "A", "Đất đai", 2}};
    EXPECT_TRUE(
        HasCode(queue::ReplaceSetup(*tx, desk_, twice, {}), base::ErrorCode::kAlreadyExists));
}

TEST_P(QueueStoreTest, SequencesArePerPrefixAndDay) {
    ASSIGN_OR_FAIL(auto a1, Issue(*db_, "HT", "A", At(1'796'000'000)));
    ASSIGN_OR_FAIL(auto a2, Issue(*db_, "HT", "A", At(1'796'000'010)));
    ASSIGN_OR_FAIL(auto b1, Issue(*db_, "DD", "B", At(1'796'000'020)));
    EXPECT_EQ(a1.ticket.number, "A001");
    EXPECT_EQ(a2.ticket.number, "A002");
    EXPECT_EQ(b1.ticket.number, "B001");
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(auto next_day,
                   queue::NextSequence(*tx, desk_, "A", kDay + std::chrono::days{1}));
    EXPECT_EQ(next_day, 1);
    ASSIGN_OR_FAIL(auto ahead, queue::WaitingAhead(*tx, desk_, "HT", a2));
    EXPECT_EQ(ahead, 1);
    // The same number twice on a day is refused.
    queue::StoredTicket dup = a1;
    EXPECT_TRUE(HasCode(queue::Insert(*tx, dup, std::nullopt), base::ErrorCode::kAlreadyExists));
}

TEST_P(QueueStoreTest, CallNextTakesEarliestOfTheCounterGroups) {
    ASSIGN_OR_FAIL(auto a1, Issue(*db_, "HT", "A", At(1'796'000'000)));
    ASSIGN_OR_FAIL(auto b1, Issue(*db_, "DD", "B", At(1'796'000'005)));
    // Counter 4 serves only DD: it skips the earlier HT ticket.
    ASSIGN_OR_FAIL(auto first, Call(*db_, "4", At(1'796'000'100)));
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->ticket.id, b1.ticket.id);
    EXPECT_EQ(first->ticket.state, q::State::kCalled);
    EXPECT_EQ(first->ticket.counter, "4");
    EXPECT_EQ(first->ticket.first_called_at, At(1'796'000'100));
    EXPECT_EQ(first->version, 2);
    ASSIGN_OR_FAIL(auto none, Call(*db_, "4", At(1'796'000'110)));
    EXPECT_FALSE(none.has_value());
    ASSIGN_OR_FAIL(auto second, Call(*db_, "1", At(1'796'000'120)));
    ASSERT_TRUE(second.has_value());
    EXPECT_EQ(second->ticket.id, a1.ticket.id);
    // An unknown counter serves nothing.
    ASSIGN_OR_FAIL(auto unknown, Call(*db_, "9", At(1'796'000'130)));
    EXPECT_FALSE(unknown.has_value());

    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(auto events, queue::Events(*tx, a1.ticket.id));
    ASSERT_EQ(events.size(), 2U);
    EXPECT_EQ(events[0].action, "issue");
    EXPECT_EQ(events[1].action, "call");
    EXPECT_EQ(events[1].counter, "1");
    ASSIGN_OR_FAIL(auto version, queue::DeskVersion(*tx, desk_));
    EXPECT_EQ(version, events[1].id);
}

TEST_P(QueueStoreTest, UpdateIsCompareAndSetAndEventsAreAppendOnly) {
    ASSIGN_OR_FAIL(auto a1, Issue(*db_, "HT", "A", At(1'796'000'000)));
    ASSIGN_OR_FAIL(auto called, Call(*db_, "2", At(1'796'000'060)));
    ASSERT_TRUE(called.has_value());
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    q::Action start{q::ActionKind::kStart, At(1'796'000'090), "2"};
    ASSIGN_OR_FAIL(auto serving, q::Apply(called->ticket, start));
    queue::StoredTicket next = *called;
    next.ticket = serving;
    ASSIGN_OR_FAIL(auto stored,
                   queue::Update(*tx, next, called->version, "start", std::nullopt, ""));
    EXPECT_EQ(stored.version, called->version + 1);
    // The same move again from the old version is stale.
    EXPECT_TRUE(HasCode(queue::Update(*tx, next, called->version, "start", std::nullopt, ""),
                        base::ErrorCode::kAborted));
    ASSERT_TRUE(IsOk(tx->Commit()));

    ASSIGN_OR_FAIL(auto tx2, db_->Begin(TxMode::kWrite));
    const std::array<Value, 1> id{Value{a1.ticket.id}};
    EXPECT_TRUE(HasCode(tx2->Execute("DELETE FROM queue_ticket_events WHERE ticket_id = $1", id),
                        base::ErrorCode::kFailedPrecondition));
}

// N tickets, M counters calling at once, each in its own transactions: every ticket is called
// exactly once and none is lost; issuing concurrently draws distinct sequences.
TEST_P(QueueStoreTest, ManyCountersCallEachTicketExactlyOnce) {
    constexpr int kTickets = 120;
    constexpr int kIssuers = 4;
    std::vector<std::thread> issuers;
    std::mutex mutex;
    std::set<std::string> numbers;
    std::atomic<int> issue_errors{0};
    for (int i = 0; i < kIssuers; ++i) {
        issuers.emplace_back([&, i] {
            for (int k = 0; k < kTickets / kIssuers; ++k) {
                const bool ht = (k + i) % 3 != 0;
                auto t = Issue(*db_, ht ? "HT" : "DD", ht ? "A" : "B",
                               At(1'796'000'000 + (k * kIssuers) + i));
                if (!t) {
                    ++issue_errors;
                    continue;
                }
                const std::lock_guard lock(mutex);
                numbers.insert(t->ticket.number);
            }
        });
    }
    for (auto& t : issuers) {
        t.join();
    }
    ASSERT_EQ(issue_errors.load(), 0);
    ASSERT_EQ(numbers.size(), static_cast<std::size_t>(kTickets));

    // Each counter thread opens its own Database (another process or connection pool).
    std::vector<std::thread> counters;
    std::map<std::int64_t, int> called;  // ticket id → times called
    std::atomic<int> call_errors{0};
    for (int c = 1; c <= 4; ++c) {
        counters.emplace_back([&, c] {
            auto db = OpenAnother();
            if (!db) {
                ++call_errors;
                return;
            }
            for (int n = 0;; ++n) {
                auto ticket = Call(**db, std::to_string(c), At(1'796'001'000 + n));
                if (!ticket) {
                    if (ticket.error().code == base::ErrorCode::kAborted) {
                        continue;  // busy: try again
                    }
                    ++call_errors;
                    return;
                }
                if (!*ticket) {
                    return;
                }
                const std::lock_guard lock(mutex);
                ++called[(*ticket)->ticket.id];
            }
        });
    }
    for (auto& t : counters) {
        t.join();
    }
    EXPECT_EQ(call_errors.load(), 0);
    EXPECT_EQ(called.size(), static_cast<std::size_t>(kTickets));
    for (const auto& [id, times] : called) {
        EXPECT_EQ(times, 1) << "ticket " << id;
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto all, queue::ForDays(*tx, desk_, kDay, kDay));
    ASSERT_EQ(all.size(), static_cast<std::size_t>(kTickets));
    for (const auto& t : all) {
        EXPECT_EQ(t.ticket.state, q::State::kCalled) << t.ticket.number;
        ASSIGN_OR_FAIL(auto events, queue::Events(*tx, t.ticket.id));
        EXPECT_EQ(events.size(), 2U) << t.ticket.number;
    }
}

// Tickets are rows: closing and reopening the database keeps the queue and its sequences.
TEST_P(QueueStoreTest, QueueSurvivesRestart) {
    ASSIGN_OR_FAIL(auto a1, Issue(*db_, "HT", "A", At(1'796'000'000)));
    ASSIGN_OR_FAIL(auto a2, Issue(*db_, "HT", "A", At(1'796'000'010)));
    ASSIGN_OR_FAIL(auto called, Call(*db_, "1", At(1'796'000'100)));
    ASSERT_TRUE(called.has_value());
    db_.reset();
    ASSIGN_OR_FAIL(db_, OpenAnother());
    ASSIGN_OR_FAIL(auto a3, Issue(*db_, "HT", "A", At(1'796'000'200)));
    EXPECT_EQ(a3.ticket.number, "A003");
    ASSIGN_OR_FAIL(auto next, Call(*db_, "2", At(1'796'000'300)));
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(next->ticket.id, a2.ticket.id);
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto first, queue::Get(*tx, a1.ticket.id));
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->ticket.state, q::State::kCalled);
    EXPECT_EQ(first->ticket.counter, "1");
    ASSIGN_OR_FAIL(auto by_number, queue::GetByNumber(*tx, desk_, kDay, "A003"));
    ASSERT_TRUE(by_number.has_value());
    EXPECT_EQ(by_number->ticket.state, q::State::kWaiting);
}

}  // namespace
}  // namespace motcua::store::testing
