// Form 06 / II.06a (issue #6): reporting windows and the classification of dossiers.
#include "domain/report06.hpp"

#include <random>

#include <gtest/gtest.h>

#include "calendar/civil_date.hpp"

namespace motcua::domain::report06 {
namespace {

using namespace std::chrono;

sys_days D(int y, unsigned m, unsigned d) {
    return sys_days{year{y} / month{m} / day{d}};
}

// An instant given in Vietnam time.
sys_seconds Vn(int y, unsigned m, unsigned d, int hh = 9, int mm = 0) {
    return sys_seconds{D(y, m, d)} + hours{hh} + minutes{mm} - calendar::kVietnamOffset;
}

Window W(std::string_view period, WindowRule rule = WindowRule::kReporting) {
    auto p = ParsePeriod(period);
    EXPECT_TRUE(p) << period;
    return Resolve(*p, rule);
}

TEST(Report06Period, ParsesEveryKindAndFormatsBack) {
    for (std::string_view text :
         {"2026-Q3", "2026-Q1", "2026-H1", "2026-9M", "2026", "2026-07", "2026-12", "2026-01"}) {
        auto p = ParsePeriod(text);
        ASSERT_TRUE(p) << text;
        EXPECT_EQ(FormatPeriod(*p), text);
    }
    EXPECT_EQ(ParsePeriod("2026-Q3")->kind, PeriodKind::kQuarter);
    EXPECT_EQ(ParsePeriod("2026-Q3")->index, 3);
    EXPECT_EQ(ParsePeriod("2026-07")->kind, PeriodKind::kMonth);
    EXPECT_EQ(ParsePeriod("2026-07")->index, 7);
    EXPECT_EQ(ParsePeriod("2026")->kind, PeriodKind::kYear);
}

TEST(Report06Period, RefusesMalformed) {
    for (std::string_view text :
         {"", "26", "2026-Q5", "2026-Q0", "2026-13", "2026-00", "2026-7", "2026-H2", "2026-Q",
          "1999", "2026-+7", "2026-071", "abcd", "2026 ", "2026-q3"}) {
        auto p = ParsePeriod(text);
        ASSERT_FALSE(p) << text;
        EXPECT_EQ(p.error().code, base::ErrorCode::kInvalidArgument);
        EXPECT_NE(p.error().message.find("kỳ báo cáo"), std::string::npos);
    }
    EXPECT_EQ(*ParseWindowRule("reporting"), WindowRule::kReporting);
    EXPECT_EQ(*ParseWindowRule("calendar"), WindowRule::kCalendar);
    EXPECT_FALSE(ParseWindowRule("fiscal"));
}

TEST(Report06Window, ReportingRule) {
    struct Case {
        std::string_view period;
        sys_days from, to;
    };
    for (const Case& c : {
             Case{"2026-Q1", D(2025, 12, 15), D(2026, 3, 14)},
             Case{"2026-Q2", D(2026, 3, 15), D(2026, 6, 14)},
             Case{"2026-Q3", D(2026, 6, 15), D(2026, 9, 14)},
             Case{"2026-Q4", D(2026, 9, 15), D(2026, 12, 14)},
             Case{"2026-H1", D(2025, 12, 15), D(2026, 6, 14)},
             Case{"2026-9M", D(2025, 12, 15), D(2026, 9, 14)},
             Case{"2026", D(2025, 12, 15), D(2026, 12, 14)},
             Case{"2026-01", D(2025, 12, 15), D(2026, 1, 14)},
             Case{"2026-07", D(2026, 6, 15), D(2026, 7, 14)},
         }) {
        const Window w = W(c.period);
        EXPECT_EQ(w.from, c.from) << c.period;
        EXPECT_EQ(w.to, c.to) << c.period;
    }
}

TEST(Report06Window, CalendarRule) {
    struct Case {
        std::string_view period;
        sys_days from, to;
    };
    for (const Case& c : {
             Case{"2026-Q1", D(2026, 1, 1), D(2026, 3, 31)},
             Case{"2026-Q3", D(2026, 7, 1), D(2026, 9, 30)},
             Case{"2026-Q4", D(2026, 10, 1), D(2026, 12, 31)},
             Case{"2026-H1", D(2026, 1, 1), D(2026, 6, 30)},
             Case{"2026-9M", D(2026, 1, 1), D(2026, 9, 30)},
             Case{"2026", D(2026, 1, 1), D(2026, 12, 31)},
             Case{"2026-02", D(2026, 2, 1), D(2026, 2, 28)},
             Case{"2028-02", D(2028, 2, 1), D(2028, 2, 29)},
         }) {
        const Window w = W(c.period, WindowRule::kCalendar);
        EXPECT_EQ(w.from, c.from) << c.period;
        EXPECT_EQ(w.to, c.to) << c.period;
    }
}

DossierFacts Received(sys_seconds at, Channel channel = Channel::kDirect) {
    DossierFacts d;
    d.received_at = at;
    d.channel = channel;
    d.due_at = at + days{30};
    d.field = "Hộ tịch";
    d.settling_unit_id = 1;
    return d;
}

TEST(Report06Classify, BoundaryInstantsInVietnamTime) {
    const Window w = W("2026-Q3");  // 15/6 – 14/9/2026
    // 23:59 Vietnam time on the last day counts; 00:00 of the next day does not.
    EXPECT_EQ(Classify(Received(Vn(2026, 9, 14, 23, 59)), w).received, Received::kDirectPostal);
    EXPECT_EQ(Classify(Received(Vn(2026, 9, 15, 0, 0)), w).received, Received::kNotCounted);
    // 00:00 of the first day is inside; 23:59 the day before is carried over.
    EXPECT_EQ(Classify(Received(Vn(2026, 6, 15, 0, 0)), w).received, Received::kDirectPostal);
    EXPECT_EQ(Classify(Received(Vn(2026, 6, 14, 23, 59)), w).received, Received::kCarriedOver);
    // 00:30 Vietnam time on 15/9 is still 14/9 in UTC: not counted.
    EXPECT_EQ(Classify(Received(Vn(2026, 9, 15, 0, 30)), w).received, Received::kNotCounted);

    // Settlement at 23:59 on the last day is within; at 00:00 the next day it is in progress.
    DossierFacts d = Received(Vn(2026, 7, 1));
    d.due_at = Vn(2026, 9, 30);
    d.timing = Timing::kEarly;
    d.finished_at = Vn(2026, 9, 14, 23, 59);
    EXPECT_EQ(Classify(d, w).outcome, Outcome::kEarly);
    d.finished_at = Vn(2026, 9, 15, 0, 0);
    EXPECT_EQ(Classify(d, w).outcome, Outcome::kWithin);
}

TEST(Report06Classify, ChannelsAndCarriedOver) {
    const Window w = W("2026-Q3");
    EXPECT_EQ(Classify(Received(Vn(2026, 7, 1), Channel::kOnline), w).received, Received::kOnline);
    EXPECT_EQ(Classify(Received(Vn(2026, 7, 1), Channel::kPostal), w).received,
              Received::kDirectPostal);
    EXPECT_EQ(Classify(Received(Vn(2026, 7, 1), Channel::kDirect), w).received,
              Received::kDirectPostal);

    // Received before the window and still open: carried over, whatever the channel.
    DossierFacts old = Received(Vn(2026, 5, 1), Channel::kOnline);
    EXPECT_EQ(Classify(old, w).received, Received::kCarriedOver);
    // Finished before the window: not counted at all.
    old.finished_at = Vn(2026, 6, 14, 23, 59);
    old.timing = Timing::kOnTime;
    EXPECT_EQ(Classify(old, w), Classification{});
    // Finished within the window: carried over and settled.
    old.finished_at = Vn(2026, 6, 15, 8, 0);
    EXPECT_EQ(Classify(old, w), (Classification{Received::kCarriedOver, Outcome::kOnTime}));

    // Never received (submitted online, refused or awaiting supplement at receipt).
    DossierFacts never;
    never.channel = Channel::kOnline;
    never.finished_at = Vn(2026, 7, 2);
    EXPECT_EQ(Classify(never, w), Classification{});
}

TEST(Report06Classify, SettledEarlyOnTimeLate) {
    const Window w = W("2026-Q3");
    DossierFacts d = Received(Vn(2026, 7, 1));
    d.finished_at = Vn(2026, 7, 10);
    d.timing = Timing::kEarly;
    EXPECT_EQ(Classify(d, w).outcome, Outcome::kEarly);
    d.timing = Timing::kOnTime;
    EXPECT_EQ(Classify(d, w).outcome, Outcome::kOnTime);
    d.timing = Timing::kLate;
    EXPECT_EQ(Classify(d, w).outcome, Outcome::kLate);
    // The late flag (e.g. two supplement requests) wins over an early finish.
    d.timing = Timing::kEarly;
    d.late = true;
    EXPECT_EQ(Classify(d, w).outcome, Outcome::kLate);
    // Finished without a timing (withdrawn, stopped): on time.
    d.late = false;
    d.timing = Timing::kPending;
    EXPECT_EQ(Classify(d, w).outcome, Outcome::kOnTime);
}

TEST(Report06Classify, InProgressWithinOrOverdue) {
    const Window w = W("2026-Q3");
    DossierFacts d = Received(Vn(2026, 9, 1));
    d.due_at = Vn(2026, 9, 20);
    EXPECT_EQ(Classify(d, w).outcome, Outcome::kWithin);
    d.due_at = Vn(2026, 9, 14, 17, 0);
    EXPECT_EQ(Classify(d, w).outcome, Outcome::kOverdue);
    // Flagged late while still open (more than one supplement request): overdue.
    d.due_at = Vn(2026, 10, 1);
    d.late = true;
    EXPECT_EQ(Classify(d, w).outcome, Outcome::kOverdue);
    // Finished after the window, late only after it: within at the window's end.
    d.finished_at = Vn(2026, 10, 5);
    d.timing = Timing::kLate;
    EXPECT_EQ(Classify(d, w).outcome, Outcome::kWithin);
    // Finished after the window but due within it: overdue at the window's end.
    d.due_at = Vn(2026, 9, 10);
    EXPECT_EQ(Classify(d, w).outcome, Outcome::kOverdue);
    // No deadline and not flagged: within.
    d = Received(Vn(2026, 9, 1));
    d.due_at.reset();
    EXPECT_EQ(Classify(d, w).outcome, Outcome::kWithin);
}

TEST(Report06Build, RowsByFieldAndUnitWithTotals) {
    const Window w = W("2026-Q3");
    std::vector<DossierFacts> ds;
    DossierFacts a = Received(Vn(2026, 7, 1), Channel::kOnline);  // online, early
    a.finished_at = Vn(2026, 7, 5);
    a.timing = Timing::kEarly;
    ds.push_back(a);
    DossierFacts b = Received(Vn(2026, 5, 1));  // carried over, in progress, overdue
    b.due_at = Vn(2026, 6, 1);
    b.field = "Đất đai";
    b.settling_unit_id = 2;
    ds.push_back(b);
    DossierFacts c = Received(Vn(2026, 8, 1), Channel::kPostal);  // postal, within
    c.due_at = Vn(2026, 9, 15, 0, 0);  // due at the window's end exactly: not yet overdue
    c.field = "";
    ds.push_back(c);
    DossierFacts never;  // not counted
    ds.push_back(never);

    auto r = Build(w, ds, {{2, "Sở Tài nguyên"}, {1, "UBND phường"}});
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->dossiers, 3);
    ASSERT_EQ(r->by_field.size(), 3U);
    // Byte order: "Hộ tịch" < "Lĩnh vực khác" < "Đất đai" (Đ is a two-byte letter).
    EXPECT_EQ(r->by_field[0].label, "Hộ tịch");
    EXPECT_EQ(r->by_field[0].cells, (Cells{1, 0, 0, 1, 0, 0, 0, 0}));
    EXPECT_EQ(r->by_field[1].label, std::string(kOtherField));
    EXPECT_EQ(r->by_field[1].cells, (Cells{0, 1, 0, 0, 0, 0, 1, 0}));
    EXPECT_EQ(r->by_field[2].label, "Đất đai");
    EXPECT_EQ(r->by_field[2].cells, (Cells{0, 0, 1, 0, 0, 0, 0, 1}));
    ASSERT_EQ(r->by_unit.size(), 2U);
    EXPECT_EQ(r->by_unit[0].label, "Sở Tài nguyên");
    EXPECT_EQ(r->by_unit[0].cells.Received(), 1);
    EXPECT_EQ(r->by_unit[1].label, "UBND phường");
    EXPECT_EQ(r->by_unit[1].cells.Received(), 2);
    EXPECT_EQ(r->total.label, std::string(kTotalLabel));
    EXPECT_EQ(r->total.cells, (Cells{1, 1, 1, 1, 0, 0, 1, 1}));
    EXPECT_EQ(r->total.cells.Received(), 3);
    EXPECT_EQ(r->total.cells.Settled(), 1);
    EXPECT_EQ(r->total.cells.InProgress(), 2);
}

TEST(Report06Build, InvariantViolationNamesTheRow) {
    Row row{"x", "Hộ tịch", Cells{2, 0, 0, 1, 0, 0, 0, 0}};
    auto s = CheckInvariant(row);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, base::ErrorCode::kInternal);
    EXPECT_NE(s.error().message.find("Hộ tịch"), std::string::npos);
    row.cells.within = 1;
    EXPECT_TRUE(CheckInvariant(row));
}

// Property: for random dossiers and every kind of window, col 3 = col 7 + col 11 in every row,
// the rows add up to the total, and counted dossiers are exactly those received before the end
// and not finished before the beginning.
TEST(Report06Build, InvariantHoldsOnRandomDossiers) {
    std::mt19937 rng(20260701);
    const sys_seconds lo = Vn(2025, 10, 1);
    std::uniform_int_distribution<std::int64_t> instant(0, 500LL * 86400);
    std::uniform_int_distribution<int> small(0, 9);
    const std::vector<std::string> fields = {"Hộ tịch", "Đất đai", "", "Xây dựng"};
    for (int round = 0; round < 20; ++round) {
        std::vector<DossierFacts> ds;
        for (int i = 0; i < 300; ++i) {
            DossierFacts d;
            if (small(rng) != 0) {
                d.received_at = lo + seconds{instant(rng)};
            }
            d.channel = static_cast<Channel>(1 + (small(rng) % 3));
            if (small(rng) < 6) {
                d.finished_at = (d.received_at ? *d.received_at : lo) + seconds{instant(rng) / 4};
                d.timing = static_cast<Timing>(small(rng) % 4);
            }
            if (small(rng) < 8) {
                d.due_at = (d.received_at ? *d.received_at : lo) + seconds{instant(rng) / 5};
            }
            d.late = small(rng) == 0;
            d.settling_unit_id = 1 + (small(rng) % 3);
            d.field = fields[static_cast<size_t>(small(rng)) % fields.size()];
            ds.push_back(d);
        }
        for (std::string_view period :
             {"2026-Q1", "2026-Q2", "2026-H1", "2026-9M", "2026", "2026-03", "2025-12"}) {
            for (WindowRule rule : {WindowRule::kReporting, WindowRule::kCalendar}) {
                const Window w = W(period, rule);
                auto r = Build(w, ds, {{1, "A"}, {2, "B"}});
                ASSERT_TRUE(r) << r.error().message;
                Cells fields_sum;
                Cells units_sum;
                for (const Row& row : r->by_field) {
                    EXPECT_TRUE(CheckInvariant(row));
                    fields_sum.Add(row.cells);
                }
                for (const Row& row : r->by_unit) {
                    units_sum.Add(row.cells);
                }
                EXPECT_EQ(fields_sum, r->total.cells);
                EXPECT_EQ(units_sum, r->total.cells);
                std::int64_t expected = 0;
                for (const DossierFacts& d : ds) {
                    if (d.received_at && *d.received_at < w.End() &&
                        !(d.finished_at && *d.finished_at < w.Begin())) {
                        ++expected;
                    }
                }
                EXPECT_EQ(r->total.cells.Received(), expected);
                EXPECT_EQ(r->dossiers, expected);
                EXPECT_EQ(r->total.cells.Received(),
                          r->total.cells.Settled() + r->total.cells.InProgress());
            }
        }
    }
}

}  // namespace
}  // namespace motcua::domain::report06
