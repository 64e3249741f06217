// Contract of store::feedback (feedback.hpp; issue #9), on every backend.
#include "store/feedback.hpp"

#include "storage_test_support.hpp"
#include "store/documents.hpp"
#include "store/dossiers.hpp"
#include "store/rate_limits.hpp"
#include "store/units.hpp"
#include "store/users.hpp"

namespace motcua::store::testing {
namespace {

using base::ErrorCode;
namespace fb = domain::feedback;

class FeedbackStoreTest : public StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto province, units::Insert(*tx, MakeUnit("46", domain::UnitType::kProvince,
                                                                  std::nullopt, D(2025, 7, 1))));
        ASSIGN_OR_FAIL(auto agency, units::Insert(*tx, MakeUnit("46.STP", domain::UnitType::kAgency,
                                                                province.id, D(2025, 7, 1))));
        ASSIGN_OR_FAIL(auto officer, users::Insert(*tx, MakeUser("motcua")));
        province_ = province.id;
        agency_ = agency.id;
        officer_ = officer.id;
        ASSERT_TRUE(IsOk(tx->Commit()));
    }

    [[nodiscard]] feedback::Record Make(std::string code) const {
        feedback::Record r;
        r.code = std::move(code);
        r.follow_key = "AB12CD34";
        r.feedback.receiving_unit_id = province_;
        r.feedback.handling_unit_id = province_;
        r.feedback.channel = fb::Channel::kOnline;
        r.feedback.submitted_at = At(1'780'000'000);
        r.feedback.started_at = r.feedback.submitted_at;
        r.submission.title = "Thủ tục đăng ký khai sinh";
        r.submission.content = "Yêu cầu bản sao giấy tờ không có trong quy định.";
        r.submission.sender_name = "Nguyễn Văn An";
        r.submission.sender_phone = "0912345678";
        r.submission.sender_email = "an@example.vn";
        return r;
    }

    std::int64_t province_ = 0;
    std::int64_t agency_ = 0;
    std::int64_t officer_ = 0;
};

INSTANTIATE_TEST_SUITE_P(Backends, FeedbackStoreTest, ::testing::ValuesIn(Backends()), BackendName);

TEST_P(FeedbackStoreTest, InsertThenGetRoundTrips) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    feedback::Record r = Make("PAKN-46-260601-0001");
    r.idempotency_key = "k-1";
    r.entered_by = officer_;
    r.feedback.channel = fb::Channel::kPhone;
    r.submission.sender_address = "12 Lê Lợi, Huế";
    r.submission.under_complaint_or_court = true;
    ASSIGN_OR_FAIL(const std::int64_t id, feedback::Insert(*tx, r));
    ASSIGN_OR_FAIL(auto got, feedback::Get(*tx, id));
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->code, "PAKN-46-260601-0001");
    EXPECT_EQ(got->follow_key, "AB12CD34");
    EXPECT_EQ(got->feedback.state, fb::State::kReceived);
    EXPECT_EQ(got->feedback.subject, fb::Subject::kUnclassified);
    EXPECT_EQ(got->feedback.channel, fb::Channel::kPhone);
    EXPECT_EQ(got->feedback.submitted_at, At(1'780'000'000));
    EXPECT_EQ(got->submission.sender_name, "Nguyễn Văn An");
    EXPECT_EQ(got->submission.sender_address, "12 Lê Lợi, Huế");
    EXPECT_TRUE(got->submission.under_complaint_or_court);
    EXPECT_EQ(got->entered_by, officer_);
    EXPECT_EQ(got->version, 1);
    ASSIGN_OR_FAIL(auto by_code, feedback::GetByCode(*tx, "PAKN-46-260601-0001"));
    ASSERT_TRUE(by_code.has_value());
    EXPECT_EQ(by_code->id, id);
    ASSIGN_OR_FAIL(auto by_key, feedback::GetByIdempotencyKey(*tx, "k-1"));
    ASSERT_TRUE(by_key.has_value());
    EXPECT_EQ(by_key->id, id);
    ASSIGN_OR_FAIL(auto none, feedback::GetByCode(*tx, "PAKN-46-260601-9999"));
    EXPECT_FALSE(none.has_value());
}

TEST_P(FeedbackStoreTest, DuplicateCodeOrIdempotencyKeyOrUnknownUnitIsRefused) {
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        feedback::Record r = Make("PAKN-46-260601-0001");
        r.idempotency_key = "k-1";
        ASSERT_TRUE(IsOk(feedback::Insert(*tx, r)));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        auto dup = feedback::Insert(*tx, Make("PAKN-46-260601-0001"));
        ASSERT_FALSE(dup);
        EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
    }
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        feedback::Record r = Make("PAKN-46-260601-0002");
        r.idempotency_key = "k-1";
        auto dup = feedback::Insert(*tx, r);
        ASSERT_FALSE(dup);
        EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
    }
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        feedback::Record r = Make("PAKN-46-260601-0003");
        r.feedback.handling_unit_id = 999'999;
        auto bad = feedback::Insert(*tx, r);
        ASSERT_FALSE(bad);
        EXPECT_EQ(bad.error().code, ErrorCode::kFailedPrecondition);
    }
    // Two without a key are fine (the unique index ignores NULL).
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSERT_TRUE(IsOk(feedback::Insert(*tx, Make("PAKN-46-260601-0004"))));
    ASSERT_TRUE(IsOk(feedback::Insert(*tx, Make("PAKN-46-260601-0005"))));
}

// Feedback codes take their daily numbers from the dossiers' counters under "PAKN-<unit>": a
// unit's feedback and its desk's dossiers count apart.
TEST_P(FeedbackStoreTest, CodeNumbersCountPerPrefixAndDayApartFromDossiers) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(auto a, dossiers::NextCodeNumber(*tx, "PAKN-46", D(2026, 6, 1)));
    ASSIGN_OR_FAIL(auto b, dossiers::NextCodeNumber(*tx, "PAKN-46", D(2026, 6, 1)));
    ASSIGN_OR_FAIL(auto c, dossiers::NextCodeNumber(*tx, "PAKN-46", D(2026, 6, 2)));
    ASSIGN_OR_FAIL(auto d, dossiers::NextCodeNumber(*tx, "46", D(2026, 6, 1)));
    EXPECT_EQ(a, 1);
    EXPECT_EQ(b, 2);
    EXPECT_EQ(c, 1);
    EXPECT_EQ(d, 1);
}

TEST_P(FeedbackStoreTest, SaveWritesTheCycleAndRefusesAStaleVersion) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(const std::int64_t id, feedback::Insert(*tx, Make("PAKN-46-260601-0001")));
    ASSIGN_OR_FAIL(auto got, feedback::Get(*tx, id));
    feedback::Record r = std::move(*got);
    r.feedback.state = fb::State::kAnswered;
    r.feedback.subject = fb::Subject::kConduct;
    r.feedback.handling_unit_id = agency_;
    r.feedback.started_at = At(1'780'100'000);
    r.feedback.supplement_pauses = {{At(1'780'010'000), At(1'780'020'000)}};
    r.feedback.accepted_at = At(1'780'110'000);
    r.feedback.answered_at = At(1'780'200'000);
    r.feedback.forwards = 1;
    r.feedback.supplement_requests = 1;
    r.answer = "Đã chấn chỉnh cán bộ.";
    r.updated_at = At(1'780'200'000);
    ASSIGN_OR_FAIL(const std::int64_t v2, feedback::Save(*tx, r));
    EXPECT_EQ(v2, 2);
    ASSIGN_OR_FAIL(auto again, feedback::Get(*tx, id));
    EXPECT_EQ(again->feedback.state, fb::State::kAnswered);
    EXPECT_EQ(again->feedback.subject, fb::Subject::kConduct);
    EXPECT_EQ(again->feedback.handling_unit_id, agency_);
    EXPECT_EQ(again->feedback.receiving_unit_id, province_);
    ASSERT_EQ(again->feedback.supplement_pauses.size(), 1U);
    EXPECT_EQ(again->feedback.supplement_pauses[0].end, At(1'780'020'000));
    EXPECT_EQ(again->feedback.answered_at, At(1'780'200'000));
    EXPECT_EQ(again->feedback.forwards, 1);
    EXPECT_EQ(again->answer, "Đã chấn chỉnh cán bộ.");
    EXPECT_EQ(again->version, 2);

    auto stale = feedback::Save(*tx, r);  // still version 1
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::kAborted);
    r.id = 424'242;
    auto unknown = feedback::Save(*tx, r);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_P(FeedbackStoreTest, ListFiltersByUnitStateAndPeriod) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    feedback::Record a = Make("PAKN-46-260601-0001");
    feedback::Record b = Make("PAKN-46-260601-0002");
    b.feedback.handling_unit_id = agency_;
    b.feedback.submitted_at = At(1'780'500'000);
    feedback::Record c = Make("PAKN-46-260601-0003");
    c.feedback.receiving_unit_id = agency_;
    c.feedback.handling_unit_id = agency_;
    c.feedback.state = fb::State::kRefused;
    ASSERT_TRUE(IsOk(feedback::Insert(*tx, a)));
    ASSERT_TRUE(IsOk(feedback::Insert(*tx, b)));
    ASSERT_TRUE(IsOk(feedback::Insert(*tx, c)));

    ASSIGN_OR_FAIL(auto all, feedback::List(*tx, {}));
    ASSERT_EQ(all.size(), 3U);
    EXPECT_EQ(all[0].code, "PAKN-46-260601-0002");  // newest first

    feedback::Filter agency;
    agency.unit_ids = {agency_};
    ASSIGN_OR_FAIL(auto at_agency, feedback::List(*tx, agency));
    EXPECT_EQ(at_agency.size(), 2U);  // b handled there, c received there

    feedback::Filter open = agency;
    open.open_only = true;
    ASSIGN_OR_FAIL(auto open_rows, feedback::List(*tx, open));
    ASSERT_EQ(open_rows.size(), 1U);
    EXPECT_EQ(open_rows[0].code, "PAKN-46-260601-0002");

    feedback::Filter refused;
    refused.states = {fb::State::kRefused};
    ASSIGN_OR_FAIL(auto refused_rows, feedback::List(*tx, refused));
    ASSERT_EQ(refused_rows.size(), 1U);
    EXPECT_EQ(refused_rows[0].code, "PAKN-46-260601-0003");

    feedback::Filter period;
    period.submitted_from = At(1'780'000'000);
    period.submitted_to = At(1'780'500'000);
    ASSIGN_OR_FAIL(auto in_period, feedback::List(*tx, period));
    EXPECT_EQ(in_period.size(), 2U);
}

TEST_P(FeedbackStoreTest, EventsAreAppendOnly) {
    std::int64_t id = 0;
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(id, feedback::Insert(*tx, Make("PAKN-46-260601-0001")));
        feedback::Event submit;
        submit.at = At(1'780'000'000);
        submit.unit_id = province_;
        submit.action = "submit";
        submit.to_state = "received";
        feedback::Event forward;
        forward.at = At(1'780'100'000);
        forward.actor_id = officer_;
        forward.unit_id = province_;
        forward.action = "forward";
        forward.from_state = "received";
        forward.to_state = "received";
        forward.text = "Về Sở Tư pháp";
        forward.to_unit_id = agency_;
        ASSIGN_OR_FAIL(auto first, feedback::AppendEvent(*tx, id, submit));
        ASSIGN_OR_FAIL(auto second, feedback::AppendEvent(*tx, id, forward));
        EXPECT_EQ(first, 1);
        EXPECT_EQ(second, 2);
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(auto events, feedback::Events(*tx, id));
    ASSERT_EQ(events.size(), 2U);
    EXPECT_EQ(events[0].action, "submit");
    EXPECT_FALSE(events[0].actor_id.has_value());
    EXPECT_EQ(events[1].seq, 2);
    EXPECT_EQ(events[1].to_unit_id, agency_);
    EXPECT_EQ(events[1].actor_name, "Nguyễn Văn motcua");
    const std::array params{Value{id}};
    auto changed =
        tx->Execute("UPDATE feedback_events SET text = 'x' WHERE feedback_id = $1", params);
    ASSERT_FALSE(changed);
    EXPECT_EQ(changed.error().code, ErrorCode::kFailedPrecondition);
}

TEST_P(FeedbackStoreTest, AttachmentsReferenceStoredFiles) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(const std::int64_t id, feedback::Insert(*tx, Make("PAKN-46-260601-0001")));
    const std::string sha(64, 'a');
    ASSERT_TRUE(IsOk(documents::InsertFile(*tx, sha, 10, "application/pdf", At(1'780'000'000))));
    ASSERT_TRUE(IsOk(feedback::AddAttachment(
        *tx, id, {0, sha, "don.pdf", "application/pdf", 10, At(1'780'000'000)})));
    ASSIGN_OR_FAIL(auto listed, feedback::Attachments(*tx, id));
    ASSERT_EQ(listed.size(), 1U);
    EXPECT_EQ(listed[0].file_name, "don.pdf");
    EXPECT_EQ(listed[0].sha256, sha);
    auto unknown_file = feedback::AddAttachment(
        *tx, id, {1, std::string(64, 'b'), "x.pdf", "application/pdf", 10, At(1'780'000'000)});
    ASSERT_FALSE(unknown_file);
    EXPECT_EQ(unknown_file.error().code, ErrorCode::kFailedPrecondition);
}

TEST_P(FeedbackStoreTest, PublicationsHoldTheRedactedTextOnce) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(const std::int64_t id, feedback::Insert(*tx, Make("PAKN-46-260601-0001")));
    ASSIGN_OR_FAIL(const std::int64_t id2, feedback::Insert(*tx, Make("PAKN-46-260601-0002")));
    ASSIGN_OR_FAIL(auto none, feedback::GetPublication(*tx, id));
    EXPECT_FALSE(none.has_value());
    feedback::Publication p{id,
                            "PAKN-46-260601-0001",
                            "Tiêu đề",
                            "Câu hỏi [đã ẩn]",
                            "Trả lời",
                            fb::Subject::kRegulation,
                            agency_,
                            "",
                            At(1'780'300'000)};
    ASSERT_TRUE(IsOk(feedback::Publish(*tx, p)));
    feedback::Publication p2 = p;
    p2.feedback_id = id2;
    p2.code = "PAKN-46-260601-0002";
    p2.handling_unit_id = province_;
    p2.published_at = At(1'780'400'000);
    ASSERT_TRUE(IsOk(feedback::Publish(*tx, p2)));
    ASSIGN_OR_FAIL(auto got, feedback::GetPublication(*tx, id));
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->question, "Câu hỏi [đã ẩn]");
    EXPECT_EQ(got->subject, fb::Subject::kRegulation);
    EXPECT_FALSE(got->handling_unit_name.empty());
    ASSIGN_OR_FAIL(auto all, feedback::Publications(*tx, std::nullopt, 10, 0));
    ASSERT_EQ(all.size(), 2U);
    EXPECT_EQ(all[0].feedback_id, id2);  // newest first
    ASSIGN_OR_FAIL(auto at_agency, feedback::Publications(*tx, agency_, 10, 0));
    ASSERT_EQ(at_agency.size(), 1U);
    ASSIGN_OR_FAIL(auto page2, feedback::Publications(*tx, std::nullopt, 1, 1));
    ASSERT_EQ(page2.size(), 1U);
    EXPECT_EQ(page2[0].feedback_id, id);
    auto twice = feedback::Publish(*tx, p);
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().code, ErrorCode::kAlreadyExists);
}

// Migration 0016: the sender's rating (once), re-raised feedback, and escalations recorded once
// per (feedback, step, deadline).
TEST_P(FeedbackStoreTest, RatingReraiseAndEscalationsAreRecordedOnce) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(const std::int64_t first, feedback::Insert(*tx, Make("PAKN-46-260601-0001")));
    ASSIGN_OR_FAIL(const std::int64_t later, feedback::Insert(*tx, Make("PAKN-46-260601-0002")));
    ASSIGN_OR_FAIL(auto plain, feedback::Get(*tx, first));
    EXPECT_FALSE(plain->rating);
    EXPECT_FALSE(plain->reraised_at);
    EXPECT_FALSE(plain->reraises_code);

    ASSERT_TRUE(IsOk(feedback::Rate(*tx, first, {false, "Chưa thỏa đáng.", At(1'780'300'000)})));
    ASSERT_TRUE(IsOk(feedback::AddReraise(*tx, later, first, At(1'780'400'000))));

    ASSIGN_OR_FAIL(auto rated, feedback::Get(*tx, first));
    ASSERT_TRUE(rated->rating);
    EXPECT_FALSE(rated->rating->satisfied);
    EXPECT_EQ(rated->rating->comment, "Chưa thỏa đáng.");
    EXPECT_EQ(rated->rating->at, At(1'780'300'000));
    EXPECT_EQ(rated->reraised_at, At(1'780'400'000));
    ASSIGN_OR_FAIL(auto raising, feedback::Get(*tx, later));
    EXPECT_EQ(raising->reraises_code, "PAKN-46-260601-0001");
    feedback::Filter all;
    all.unit_ids = {province_};
    ASSIGN_OR_FAIL(auto listed, feedback::List(*tx, all));
    ASSERT_EQ(listed.size(), 2U);
    EXPECT_TRUE(listed[1].rating || listed[0].rating);

    ASSIGN_OR_FAIL(const bool once, feedback::MarkEscalated(*tx, first, "answer", At(1'780'500'000),
                                                            province_, At(1'780'500'100)));
    EXPECT_TRUE(once);
    ASSIGN_OR_FAIL(const bool twice,
                   feedback::MarkEscalated(*tx, first, "answer", At(1'780'500'000), province_,
                                           At(1'780'600'000)));
    EXPECT_FALSE(twice);
    ASSIGN_OR_FAIL(const bool other_step,
                   feedback::MarkEscalated(*tx, first, "publication", At(1'780'500'000), province_,
                                           At(1'780'600'000)));
    EXPECT_TRUE(other_step);
    ASSERT_TRUE(IsOk(tx->Commit()));

    // Rated once: a second rating is refused (and the first one stays).
    ASSIGN_OR_FAIL(auto tx2, db_->Begin(TxMode::kWrite));
    auto again = feedback::Rate(*tx2, first, {true, "", At(1'780'300'100)});
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
}

// Issue #9 (engineer N): the limiters' fixed-window counters (migration 0023) are shared by two
// server processes on one database: hits through two databases on the same storage count
// together, windows and purposes apart, and ended windows are pruned.
TEST_P(FeedbackStoreTest, RateLimitHitsFromTwoConnectionsCountTogether) {
    const auto window = rate_limits::WindowStart(At(1'780'000'123), std::chrono::minutes{15});
    EXPECT_EQ(window, At(1'780'000'123 - 1'780'000'123 % 900));
    ASSIGN_OR_FAIL(auto other, OpenAnother());
    for (int i = 1; i <= 3; ++i) {
        for (Database* db : {db_.get(), other.get()}) {
            ASSIGN_OR_FAIL(auto tx, db->Begin(TxMode::kWrite));
            ASSIGN_OR_FAIL(auto hits,
                           rate_limits::Hit(*tx, "feedback_follow", "192.0.2.7", window));
            ASSERT_TRUE(IsOk(tx->Commit()));
            EXPECT_EQ(hits, db == db_.get() ? 2 * i - 1 : 2 * i);
        }
    }
    {
        ASSIGN_OR_FAIL(auto tx, other->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto hits, rate_limits::Hit(*tx, "kiosk", "192.0.2.7", window));
        EXPECT_EQ(hits, 1);  // another purpose
        ASSIGN_OR_FAIL(auto next, rate_limits::Hit(*tx, "feedback_follow", "192.0.2.7",
                                                   window + std::chrono::minutes{15}));
        EXPECT_EQ(next, 1);  // the next window
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
        ASSIGN_OR_FAIL(auto hits, rate_limits::Hits(*tx, "feedback_follow", "192.0.2.7", window));
        EXPECT_EQ(hits, 6);
        ASSIGN_OR_FAIL(auto none, rate_limits::Hits(*tx, "feedback_follow", "192.0.2.8", window));
        EXPECT_EQ(none, 0);
    }
    {
        // A hit rolled back with its transaction is not counted.
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto hits, rate_limits::Hit(*tx, "feedback_follow", "192.0.2.7", window));
        EXPECT_EQ(hits, 7);
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(auto pruned, rate_limits::Prune(*tx, window + std::chrono::minutes{15}));
    EXPECT_EQ(pruned, 2);  // the first window's two purposes, not the next window
    ASSIGN_OR_FAIL(auto gone, rate_limits::Hits(*tx, "feedback_follow", "192.0.2.7", window));
    EXPECT_EQ(gone, 0);
    ASSIGN_OR_FAIL(auto kept, rate_limits::Hits(*tx, "feedback_follow", "192.0.2.7",
                                                window + std::chrono::minutes{15}));
    EXPECT_EQ(kept, 1);
    ASSERT_TRUE(IsOk(tx->Commit()));
}

}  // namespace
}  // namespace motcua::store::testing
