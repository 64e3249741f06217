// The nine evaluation indices (REGULATIONS.md §2.10; Circular 01/2018/TT-VPCP Arts. 13–15):
// every index's boundaries, the averaging and its rounding, the bands, and the scoring table.
#include "domain/evaluation.hpp"

#include <gtest/gtest.h>

namespace motcua::domain::evaluation {
namespace {

const ScoringTable& Table() {
    static const ScoringTable* table = [] {
        auto t = ScoringBook::Embedded()->InForce(
            std::chrono::sys_days{std::chrono::year{2026} / 11 / 1});
        EXPECT_TRUE(static_cast<bool>(t));
        return *t;
    }();
    return *table;
}

DossierInput Returned(Timing timing) {
    DossierInput d;
    d.dossier_id = 1;
    d.state = DossierState::kReturned;
    d.timing = timing;
    d.channel = Channel::kDirect;
    return d;
}

RatingAnswers Answers(int contacts, int bodies, bool complaint) {
    RatingAnswers a;
    a.contacts = contacts;
    a.bodies_contacted = bodies;
    a.complaint = complaint;
    return a;
}

TEST(ScoringBookTest, EmbeddedTableHasEveryThresholdWithItsSource) {
    const auto book = ScoringBook::Embedded();
    ASSERT_EQ(book->All().size(), 1U);
    const ScoringTable& t = book->All().front();
    EXPECT_EQ(t.id, "tt01-2018");
    EXPECT_EQ(t.sources.size(), 19U);
    EXPECT_NE(t.sources.at("unit_excellent_tenths").find("TT 01/2018"), std::string::npos);
    EXPECT_EQ(t.staff_full_tenths, 50);
    EXPECT_EQ(t.staff_partial_tenths, 35);
    EXPECT_EQ(t.unit_excellent_tenths, 150);
    EXPECT_EQ(t.unit_average_tenths, 60);
    EXPECT_FALSE(book->InForce(std::chrono::sys_days{std::chrono::year{2018} / 6 / 20}));
    EXPECT_TRUE(book->InForce(std::chrono::sys_days{std::chrono::year{2018} / 6 / 21}));
}

TEST(ScoringBookTest, RejectsMissingSourceOutOfRangeAndDisorder) {
    const std::string base = std::string(EmbeddedEvaluationData());
    auto replace = [&](std::string_view from, std::string_view to) {
        std::string s = base;
        const size_t at = s.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        s.replace(at, from.size(), to);
        return s;
    };
    EXPECT_FALSE(ScoringBook::Parse("{"));
    EXPECT_FALSE(ScoringBook::Parse(R"({"versions":[]})"));
    const auto out_of_range = ScoringBook::Parse(
        replace(R"("pakn_none_points": {"value": 2)", R"("pakn_none_points": {"value": 3)"));
    ASSERT_FALSE(out_of_range);
    EXPECT_NE(out_of_range.error().message.find("pakn_none_points"), std::string::npos);
    const auto disorder = ScoringBook::Parse(
        replace(R"("unit_good_tenths": {"value": 120)", R"("unit_good_tenths": {"value": 160)"));
    ASSERT_FALSE(disorder);
    const auto no_source = ScoringBook::Parse(replace(R"("bodies_for_1": {"value": 1, "source")",
                                                      R"("bodies_for_1": {"value": 1, "sauce")"));
    ASSERT_FALSE(no_source);
    EXPECT_NE(no_source.error().message.find("bodies_for_1"), std::string::npos);
}

TEST(DossierIndexTest, OnlyReturnedDossiersAreScored) {
    for (DossierState s :
         {DossierState::kProcessing, DossierState::kResultReady, DossierState::kRefused,
          DossierState::kStopped, DossierState::kWithdrawn, DossierState::kSubmitted}) {
        DossierInput d = Returned(Timing::kEarly);
        d.state = s;
        EXPECT_FALSE(ScoreDossier(d, Table())) << DossierStateName(s);
    }
    EXPECT_TRUE(ScoreDossier(Returned(Timing::kEarly), Table()));
}

TEST(DossierIndexTest, Index1TotalTimeVersusRule) {
    EXPECT_EQ(ScoreDossier(Returned(Timing::kEarly), Table())->time, 2);
    EXPECT_EQ(ScoreDossier(Returned(Timing::kOnTime), Table())->time, 1);
    EXPECT_EQ(ScoreDossier(Returned(Timing::kLate), Table())->time, 0);
    DossierInput marked = Returned(Timing::kEarly);
    marked.late = true;  // e.g. a second supplement request: late in every count
    EXPECT_EQ(ScoreDossier(marked, Table())->time, 0);
}

TEST(DossierIndexTest, Index2WorstAgencyStepDecidesAndFallsBackToIndex1) {
    DossierInput d = Returned(Timing::kOnTime);
    auto s = ScoreDossier(d, Table());
    EXPECT_FALSE(s->steps_known);
    EXPECT_EQ(s->steps, 1);  // no step deadlines known: index 1's score

    d.steps = {{10, Timing::kEarly}, {11, Timing::kEarly}, {12, Timing::kPending}};
    s = ScoreDossier(d, Table());
    EXPECT_TRUE(s->steps_known);
    EXPECT_EQ(s->steps, 2);
    d.steps.push_back({11, Timing::kOnTime});
    EXPECT_EQ(ScoreDossier(d, Table())->steps, 1);
    d.steps.push_back({12, Timing::kLate});
    EXPECT_EQ(ScoreDossier(d, Table())->steps, 0);
}

TEST(DossierIndexTest, Index3ContactsZeroOneMore) {
    DossierInput d = Returned(Timing::kOnTime);
    EXPECT_EQ(ScoreDossier(d, Table())->contacts, 2);  // no rating, no supplement
    d.supplement_requests = 1;
    EXPECT_EQ(ScoreDossier(d, Table())->contacts, 1);
    d.supplement_requests = 2;
    EXPECT_EQ(ScoreDossier(d, Table())->contacts, 0);
    d.supplement_requests = 0;
    d.rating = Answers(0, 0, false);
    EXPECT_EQ(ScoreDossier(d, Table())->contacts, 2);
    d.rating = Answers(1, 0, false);
    EXPECT_EQ(ScoreDossier(d, Table())->contacts, 1);
    d.rating = Answers(2, 0, false);
    EXPECT_EQ(ScoreDossier(d, Table())->contacts, 0);
    // The larger of the answer and the recorded supplement requests.
    d.rating = Answers(0, 0, false);
    d.supplement_requests = 1;
    EXPECT_EQ(ScoreDossier(d, Table())->contacts, 1);
}

TEST(DossierIndexTest, Index4BodiesNoneDeskOnlyMore) {
    DossierInput d = Returned(Timing::kOnTime);
    EXPECT_EQ(ScoreDossier(d, Table())->bodies, 1);  // unrated walk-in: the desk only
    d.channel = Channel::kOnline;
    EXPECT_EQ(ScoreDossier(d, Table())->bodies, 2);  // unrated online: none
    d.rating = Answers(0, 0, false);
    EXPECT_EQ(ScoreDossier(d, Table())->bodies, 2);
    d.rating = Answers(0, 1, false);
    EXPECT_EQ(ScoreDossier(d, Table())->bodies, 1);
    d.rating = Answers(0, 2, false);
    EXPECT_EQ(ScoreDossier(d, Table())->bodies, 0);
}

TEST(DossierIndexTest, Index7AttitudeTimingAndComplaint) {
    DossierInput d = Returned(Timing::kEarly);
    EXPECT_EQ(ScoreDossier(d, Table())->attitude, 2);
    d.timing = Timing::kOnTime;
    EXPECT_EQ(ScoreDossier(d, Table())->attitude, 1);
    d.timing = Timing::kLate;
    EXPECT_EQ(ScoreDossier(d, Table())->attitude, 0);
    d.timing = Timing::kEarly;
    d.rating = Answers(0, 0, true);
    EXPECT_EQ(ScoreDossier(d, Table())->attitude, 0);
    d.rating = Answers(0, 0, false);
    EXPECT_EQ(ScoreDossier(d, Table())->attitude, 2);
    ScoringTable lenient = Table();
    lenient.attitude_late_points = 1;
    d.timing = Timing::kLate;
    EXPECT_EQ(ScoreDossier(d, lenient)->attitude, 1);
}

TEST(AverageTest, ZeroDossiersHaveNoScoreNotZero) {
    EXPECT_FALSE(AverageTenths(0, 0));
    const DossierAverages a = Average({});
    EXPECT_EQ(a.dossiers, 0);
    EXPECT_FALSE(a.time);
    EXPECT_FALSE(a.TotalTenths());
}

TEST(AverageTest, RoundsHalfUpToOneDecimal) {
    EXPECT_EQ(AverageTenths(2, 2), 10);  // 1.0
    EXPECT_EQ(AverageTenths(1, 3), 3);   // 0.333 → 0.3
    EXPECT_EQ(AverageTenths(2, 3), 7);   // 0.667 → 0.7
    EXPECT_EQ(AverageTenths(1, 8), 1);   // 0.125 → 0.1
    EXPECT_EQ(AverageTenths(3, 8), 4);   // 0.375 → 0.4
    EXPECT_EQ(AverageTenths(1, 20), 1);  // 0.05 → 0.1 (half up)
    EXPECT_EQ(AverageTenths(3, 20), 2);  // 0.15 → 0.2 (half up, not to even)
    EXPECT_EQ(AverageTenths(1, 40), 0);  // 0.025 → 0.0
    EXPECT_EQ(AverageTenths(0, 5), 0);
    EXPECT_EQ(AverageTenths(10, 5), 20);
    EXPECT_EQ(FormatTenths(45), "4,5");
    EXPECT_EQ(FormatTenths(150), "15,0");
    EXPECT_EQ(FormatTenths(3), "0,3");
}

TEST(AverageTest, AveragesEachIndexSeparately) {
    DossierScores a{2, 2, 2, 1, 2, true};
    DossierScores b{1, 0, 1, 1, 1, true};
    DossierScores c{0, 0, 0, 0, 0, true};
    const DossierAverages avg = Average({a, b, c});
    EXPECT_EQ(avg.dossiers, 3);
    EXPECT_EQ(avg.time, 10);      // 3/3
    EXPECT_EQ(avg.steps, 7);      // 2/3
    EXPECT_EQ(avg.contacts, 10);  // 3/3
    EXPECT_EQ(avg.bodies, 7);     // 2/3
    EXPECT_EQ(avg.attitude, 10);  // 3/3
    EXPECT_EQ(avg.TotalTenths(), 44);
}

TEST(UnitIndexTest, Index5DeskShares) {
    UnitFacts f;
    EXPECT_FALSE(DeskIndex(f, Table()));  // unknown
    f.listed_procedures = 10;
    f.fully_at_desk_procedures = 2;  // exactly 20%
    EXPECT_EQ(DeskIndex(f, Table()), 2);
    f.fully_at_desk_procedures = 1;  // 10%
    EXPECT_EQ(DeskIndex(f, Table()), 0);
    f.eligible_procedures = 8;
    f.received_at_desk_procedures = 8;  // 100% received at the desk
    EXPECT_EQ(DeskIndex(f, Table()), 1);
    f.received_at_desk_procedures = 7;
    EXPECT_EQ(DeskIndex(f, Table()), 0);
    f.listed_procedures = 0;  // an empty list shares nothing
    EXPECT_EQ(DeskIndex(f, Table()), 0);
}

TEST(UnitIndexTest, Index6Publication) {
    UnitFacts f;
    EXPECT_FALSE(PublicationIndex(f));
    f.published_posted = true;
    EXPECT_FALSE(PublicationIndex(f));  // the electronic side is unknown
    f.published_electronic = true;
    EXPECT_EQ(PublicationIndex(f), 2);
    f.published_electronic = false;
    EXPECT_EQ(PublicationIndex(f), 1);
    f.published_posted = false;
    EXPECT_EQ(PublicationIndex(f), 0);
}

TEST(UnitIndexTest, Index8PaknOnTimeShare) {
    UnitFacts f;
    EXPECT_EQ(PaknIndex(f, Table()), 2);  // no PAKN: the documented rule
    ScoringTable strict = Table();
    strict.pakn_none_points = 0;
    EXPECT_EQ(PaknIndex(f, strict), 0);
    f.pakn_received = 10;
    f.pakn_on_time = 10;
    EXPECT_EQ(PaknIndex(f, Table()), 2);
    f.pakn_on_time = 9;  // exactly 90%
    EXPECT_EQ(PaknIndex(f, Table()), 1);
    f.pakn_received = 100;
    f.pakn_on_time = 89;
    EXPECT_EQ(PaknIndex(f, Table()), 0);
}

TEST(UnitIndexTest, Index9OnlineService) {
    UnitFacts f;
    f.procedures = 10;
    f.online_procedures = 2;  // 20%
    EXPECT_EQ(OnlineIndex(f, 0, 0, 0, Table()), 0);
    EXPECT_EQ(OnlineIndex(f, 10, 3, 0, Table()), 2);  // 30% online, none late
    EXPECT_EQ(OnlineIndex(f, 10, 3, 1, Table()), 1);  // a late online dossier
    EXPECT_EQ(OnlineIndex(f, 100, 29, 0, Table()), 1);
    EXPECT_EQ(OnlineIndex(f, 100, 15, 0, Table()), 1);
    EXPECT_EQ(OnlineIndex(f, 100, 14, 0, Table()), 0);
    f.online_procedures = 1;  // 10% of procedures online
    EXPECT_EQ(OnlineIndex(f, 10, 10, 0, Table()), 1);
}

TEST(BandTest, StaffBands) {
    EXPECT_EQ(StaffBandOf(100, Table()), StaffBand::kFull);
    EXPECT_EQ(StaffBandOf(50, Table()), StaffBand::kFull);
    EXPECT_EQ(StaffBandOf(49, Table()), StaffBand::kPartial);
    EXPECT_EQ(StaffBandOf(35, Table()), StaffBand::kPartial);
    EXPECT_EQ(StaffBandOf(34, Table()), StaffBand::kBelow);
    EXPECT_EQ(StaffBandOf(0, Table()), StaffBand::kBelow);
}

TEST(BandTest, UnitBands) {
    EXPECT_EQ(UnitBandOf(180, Table()), UnitBand::kExcellent);
    EXPECT_EQ(UnitBandOf(150, Table()), UnitBand::kExcellent);
    EXPECT_EQ(UnitBandOf(149, Table()), UnitBand::kGood);
    EXPECT_EQ(UnitBandOf(120, Table()), UnitBand::kGood);
    EXPECT_EQ(UnitBandOf(119, Table()), UnitBand::kFair);
    EXPECT_EQ(UnitBandOf(90, Table()), UnitBand::kFair);
    EXPECT_EQ(UnitBandOf(89, Table()), UnitBand::kAverage);
    EXPECT_EQ(UnitBandOf(60, Table()), UnitBand::kAverage);
    EXPECT_EQ(UnitBandOf(59, Table()), UnitBand::kWeak);
    EXPECT_EQ(UnitBandLabel(UnitBand::kExcellent), "Xuất sắc");
}

TEST(EvaluateUnitTest, UnitTotalOfficersAndOpenDossiers) {
    // A: early, online, rated 0 contacts, 0 bodies → 2,2,2,2,2; officers 7 and 8.
    DossierInput a = Returned(Timing::kEarly);
    a.channel = Channel::kOnline;
    a.rating = Answers(0, 0, false);
    a.officers = {7, 8, 7};
    // B: on time, walk-in, unrated, one supplement → 1,1,1,1,1; officer 8.
    DossierInput b = Returned(Timing::kOnTime);
    b.supplement_requests = 1;
    b.officers = {8};
    // C: still processing: not scored, but counts for index 9.
    DossierInput c = Returned(Timing::kPending);
    c.state = DossierState::kProcessing;
    c.officers = {9};
    UnitFacts facts;
    facts.published_posted = true;
    facts.published_electronic = true;
    facts.procedures = 2;
    facts.online_procedures = 1;
    const UnitResult r = EvaluateUnit({a, b, c}, facts, Table());
    EXPECT_EQ(r.open_or_unscored, 1);
    EXPECT_EQ(r.averages.dossiers, 2);
    EXPECT_EQ(r.averages.time, 15);  // (2 + 1) / 2 = 1.5
    EXPECT_EQ(r.averages.TotalTenths(), 75);
    EXPECT_FALSE(r.desk.points);  // unknown: 0 in the total
    EXPECT_EQ(r.publication.points, 2);
    EXPECT_EQ(r.pakn.points, 2);    // no PAKN
    EXPECT_EQ(r.online.points, 2);  // 1 of 3 dossiers online (33%), 50% procedures, none late
    ASSERT_TRUE(r.total_tenths);
    EXPECT_EQ(*r.total_tenths, 75 + 60);
    EXPECT_EQ(r.band, UnitBand::kGood);
    ASSERT_EQ(r.officers.size(), 2U);  // officer 9 has no scored dossier
    EXPECT_EQ(r.officers[0].user_id, 7);
    EXPECT_EQ(r.officers[0].averages.dossiers, 1);  // counted once although listed twice
    EXPECT_EQ(r.officers[0].total_tenths, 100);
    EXPECT_EQ(r.officers[0].band, StaffBand::kFull);
    EXPECT_EQ(r.officers[1].user_id, 8);
    EXPECT_EQ(r.officers[1].total_tenths, 75);
    EXPECT_EQ(r.officers[1].band, StaffBand::kFull);
}

TEST(EvaluateUnitTest, NoScoredDossierMeansNoUnitScore) {
    DossierInput open = Returned(Timing::kPending);
    open.state = DossierState::kReceived;
    const UnitResult r = EvaluateUnit({open}, UnitFacts{}, Table());
    EXPECT_FALSE(r.total_tenths);
    EXPECT_FALSE(r.band);
    EXPECT_TRUE(r.officers.empty());
    EXPECT_FALSE(EvaluateUnit({}, UnitFacts{}, Table()).total_tenths);
}

TEST(RatingAnswersTest, ValidatesRangesLengthAndNormalises) {
    RatingAnswers a;
    a.contacts = -1;
    EXPECT_FALSE(ValidateAnswers(a));
    a.contacts = kMaxCount + 1;
    EXPECT_FALSE(ValidateAnswers(a));
    a.contacts = 0;
    a.bodies_contacted = 100;
    const auto bodies = ValidateAnswers(a);
    ASSERT_FALSE(bodies);
    EXPECT_NE(bodies.error().message.find("cơ quan"), std::string::npos);
    a.bodies_contacted = 1;
    // Decomposed marks and doubled spaces.
    a.comment = std::string("Ca\xcc\x81n bo\xcc\x82\xcc\xa3  nhi\xe1\xbb\x87t ti\xcc\x80nh");
    const auto ok = ValidateAnswers(a);
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_EQ(ok->comment, "Cán bộ nhiệt tình");
    a.comment = std::string(kMaxCommentChars, 'a');
    EXPECT_TRUE(ValidateAnswers(a));
    a.comment = std::string(kMaxCommentChars - 1, 'a') + "ệ";  // 2000 characters, more bytes
    EXPECT_TRUE(ValidateAnswers(a));
    a.comment += "a";
    EXPECT_FALSE(ValidateAnswers(a));
    a.comment = "\xff\xfe";
    EXPECT_FALSE(ValidateAnswers(a));
    EXPECT_FALSE(ParseSatisfaction("happy"));
    EXPECT_EQ(*ParseSatisfaction("very_satisfied"), Satisfaction::kVerySatisfied);
    EXPECT_FALSE(ParseRatingChannel("phone"));
    EXPECT_EQ(*ParseRatingChannel("device"), RatingChannel::kDevice);
}

}  // namespace
}  // namespace motcua::domain::evaluation
