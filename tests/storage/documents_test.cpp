// Contract of store::documents (documents.hpp, issue #5), on every backend.
#include "store/documents.hpp"

#include <array>

#include "storage_test_support.hpp"
#include "store/dossiers.hpp"
#include "store/units.hpp"
#include "store/users.hpp"

namespace motcua::store::testing {
namespace {

using base::ErrorCode;
using documents::Document;
using documents::Role;

const std::string kSha(64, 'a');
const std::string kOtherSha(64, 'b');

class DocumentsTest : public StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto province, units::Insert(*tx, MakeUnit("46", domain::UnitType::kProvince,
                                                                  std::nullopt, D(2025, 7, 1))));
        ASSIGN_OR_FAIL(
            auto user,
            users::Insert(*tx, MakeUser("dan@example.vn", {domain::RoleGrant{domain::Role::kCitizen,
                                                                             std::nullopt}})));
        user_ = user.id;
        domain::Dossier d;
        d.code = "46-261127-0001";
        d.rule_set_id = "nd309-2026";
        d.procedure_code = "1.002010";
        d.receiving_unit_id = province.id;
        d.settling_unit_id = province.id;
        d.current_unit_id = province.id;
        d.applicant.name = "Võ Thị Dân";
        d.applicant.id_number = "046190001234";
        d.created_at = At(1'780'000'000);
        d.updated_at = d.created_at;
        d.version = 1;
        ASSIGN_OR_FAIL(dossier_, dossiers::Insert(*tx, d));
        d.code = "46-261127-0002";
        ASSIGN_OR_FAIL(other_dossier_, dossiers::Insert(*tx, d));
        const std::array<Value, 2> params{Value{user_}, Value{province.id}};
        ASSIGN_OR_FAIL(auto draft, tx->QueryOne("INSERT INTO drafts (user_id, procedure_code, "
                                                "settling_unit_id, body, created_at, updated_at) "
                                                "VALUES ($1, '1.002010', $2, '{}', 1, 1) "
                                                "RETURNING id",
                                                params));
        ASSERT_TRUE(draft.has_value());
        draft_ = draft->Int(0);
        ASSERT_TRUE(IsOk(tx->Commit()));
    }

    Document Doc(Role role, std::string sha = kSha) const {
        Document d;
        d.dossier_id = dossier_;
        d.role = role;
        d.component_name = role == Role::kResult ? "Giấy phép" : "Tờ khai";
        d.file_sha256 = std::move(sha);
        d.file_name = "tệp.pdf";
        d.media_type = "application/pdf";
        d.size = 10;
        d.owner_user_id = user_;
        d.owner_id_number = "046190001234";
        d.uploaded_by = user_;
        d.created_at = At(1'780'000'100);
        return d;
    }

    std::int64_t user_ = 0;
    std::int64_t dossier_ = 0;
    std::int64_t other_dossier_ = 0;
    std::int64_t draft_ = 0;
};
INSTANTIATE_TEST_SUITE_P(Backends, DocumentsTest, ::testing::ValuesIn(Backends()), BackendName);

TEST_P(DocumentsTest, FilesAreRecordedOnceAndDocumentsReadBack) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(bool fresh, documents::InsertFile(*tx, kSha, 10, "application/pdf", At(1)));
    EXPECT_TRUE(fresh);
    ASSIGN_OR_FAIL(bool again, documents::InsertFile(*tx, kSha, 10, "application/pdf", At(2)));
    EXPECT_FALSE(again);
    Document result = Doc(Role::kResult);
    result.digitised = true;
    result.valid_until = D(2031, 12, 31);
    ASSIGN_OR_FAIL(auto id, documents::Insert(*tx, result));
    ASSIGN_OR_FAIL(auto got, documents::Get(*tx, id));
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->dossier_id, dossier_);
    EXPECT_EQ(got->role, Role::kResult);
    EXPECT_EQ(got->component_name, "Giấy phép");
    EXPECT_EQ(got->file_name, "tệp.pdf");
    EXPECT_TRUE(got->digitised);
    EXPECT_EQ(got->valid_until, D(2031, 12, 31));
    EXPECT_EQ(got->created_at, At(1'780'000'100));
    ASSIGN_OR_FAIL(auto none, documents::Get(*tx, id + 100));
    EXPECT_FALSE(none.has_value());
    ASSERT_TRUE(IsOk(tx->Commit()));
}

TEST_P(DocumentsTest, UnknownFileIsRefused) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    EXPECT_TRUE(HasCode(documents::Insert(*tx, Doc(Role::kComponent, kOtherSha)),
                        ErrorCode::kFailedPrecondition));
}

TEST_P(DocumentsTest, HoldingsStatsDigitisationAndDraftMove) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSERT_TRUE(IsOk(documents::InsertFile(*tx, kSha, 10, "application/pdf", At(1))));
    Document valid = Doc(Role::kResult);
    valid.digitised = true;
    valid.valid_until = D(2027, 1, 1);
    ASSIGN_OR_FAIL(auto valid_id, documents::Insert(*tx, valid));
    Document expired = valid;
    expired.valid_until = D(2026, 1, 1);
    ASSERT_TRUE(IsOk(documents::Insert(*tx, expired)));
    Document walk_in = valid;  // issued to the identity number only
    walk_in.owner_user_id.reset();
    walk_in.valid_until.reset();
    ASSIGN_OR_FAIL(auto walk_in_id, documents::Insert(*tx, walk_in));
    ASSIGN_OR_FAIL(auto component_id, documents::Insert(*tx, Doc(Role::kComponent)));

    ASSIGN_OR_FAIL(auto by_user, documents::Holdings(*tx, user_, "", D(2026, 11, 27)));
    ASSERT_EQ(by_user.size(), 1U);
    EXPECT_EQ(by_user[0].id, valid_id);
    ASSIGN_OR_FAIL(auto by_both, documents::Holdings(*tx, user_, "046190001234", D(2026, 11, 27)));
    ASSERT_EQ(by_both.size(), 2U);
    EXPECT_EQ(by_both[0].id, walk_in_id);  // newest first
    ASSIGN_OR_FAIL(auto nobody, documents::Holdings(*tx, std::nullopt, "", D(2026, 11, 27)));
    EXPECT_TRUE(nobody.empty());
    ASSIGN_OR_FAIL(auto later, documents::Holdings(*tx, user_, "", D(2027, 1, 2)));
    EXPECT_TRUE(later.empty());

    // A reused copy on the other dossier: counted there, not a holding itself.
    Document copy = Doc(Role::kComponent);
    copy.dossier_id = other_dossier_;
    copy.digitised = true;
    copy.reused_from = valid_id;
    ASSERT_TRUE(IsOk(documents::Insert(*tx, copy)));
    ASSIGN_OR_FAIL(auto still, documents::Holdings(*tx, user_, "", D(2026, 11, 27)));
    EXPECT_EQ(still.size(), 1U);
    ASSIGN_OR_FAIL(auto other_stats, documents::StatsFor(*tx, other_dossier_));
    EXPECT_TRUE(other_stats.HasReusedComponent());
    EXPECT_EQ(other_stats.digitised_components, 1);
    EXPECT_FALSE(other_stats.HasDigitisedResult());

    ASSIGN_OR_FAIL(auto changed, documents::MarkDigitised(*tx, component_id));
    EXPECT_TRUE(changed);
    ASSIGN_OR_FAIL(auto unchanged, documents::MarkDigitised(*tx, component_id));
    EXPECT_FALSE(unchanged);
    ASSIGN_OR_FAIL(auto stats, documents::StatsFor(*tx, dossier_));
    EXPECT_EQ(stats.components, 1);
    EXPECT_EQ(stats.digitised_components, 1);
    EXPECT_EQ(stats.results, 3);
    EXPECT_EQ(stats.digitised_results, 3);
    EXPECT_FALSE(stats.HasReusedComponent());

    Document draft_doc = Doc(Role::kComponent);
    draft_doc.dossier_id.reset();
    draft_doc.draft_id = draft_;
    ASSERT_TRUE(IsOk(documents::Insert(*tx, draft_doc)));
    ASSIGN_OR_FAIL(auto info, documents::GetDraftInfo(*tx, draft_));
    ASSERT_TRUE(info.has_value());
    EXPECT_EQ(info->user_id, user_);
    EXPECT_FALSE(info->submitted);
    ASSIGN_OR_FAIL(auto in_draft, documents::ListForDraft(*tx, draft_));
    EXPECT_EQ(in_draft.size(), 1U);
    ASSIGN_OR_FAIL(auto moved, documents::MoveDraftToDossier(*tx, draft_, other_dossier_));
    EXPECT_EQ(moved, 1);
    ASSIGN_OR_FAIL(auto left, documents::ListForDraft(*tx, draft_));
    EXPECT_TRUE(left.empty());
    ASSIGN_OR_FAIL(auto on_dossier, documents::ListForDossier(*tx, other_dossier_));
    EXPECT_EQ(on_dossier.size(), 2U);
    ASSERT_TRUE(IsOk(tx->Commit()));
    ASSIGN_OR_FAIL(auto read, db_->Begin(TxMode::kRead));
    EXPECT_TRUE(HasCode(documents::MarkDigitised(*read, 999'999), ErrorCode::kNotFound));
}

TEST_P(DocumentsTest, VerifiedIdNumberNeedsAnIdentityProvider) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(auto none, documents::VerifiedIdNumber(*tx, user_));
    EXPECT_EQ(none, "");
    const std::array<Value, 1> params{Value{user_}};
    ASSERT_TRUE(IsOk(tx->Execute(
        "INSERT INTO citizen_profiles (user_id, kind, id_number, verified_at, created_at) "
        "VALUES ($1, 'person', '046190001234', 5, 1)",
        params)));
    ASSIGN_OR_FAIL(auto declared, documents::VerifiedIdNumber(*tx, user_));
    EXPECT_EQ(declared, "");
    ASSERT_TRUE(IsOk(tx->Execute(
        "UPDATE citizen_profiles SET identity_provider = 'vneid' WHERE user_id = $1", params)));
    ASSIGN_OR_FAIL(auto vouched, documents::VerifiedIdNumber(*tx, user_));
    EXPECT_EQ(vouched, "046190001234");
    ASSERT_TRUE(IsOk(tx->Commit()));
}

}  // namespace
}  // namespace motcua::store::testing
