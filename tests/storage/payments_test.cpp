// Contract of store::payments (payments.hpp; issue #5), on every backend.
#include "store/payments.hpp"

#include "storage_test_support.hpp"
#include "store/dossiers.hpp"
#include "store/units.hpp"
#include "store/users.hpp"

namespace motcua::store::testing {
namespace {

using base::ErrorCode;
using payments::Method;
using payments::Payment;
using payments::Status;

class PaymentsTest : public StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto province, units::Insert(*tx, MakeUnit("46", domain::UnitType::kProvince,
                                                                  std::nullopt, D(2025, 7, 1))));
        ASSIGN_OR_FAIL(auto user, users::Insert(*tx, MakeUser("congdan")));
        user_ = user.id;
        for (const char* code : {"46-261127-0001", "46-261127-0002"}) {
            domain::Dossier d;
            d.code = code;
            d.rule_set_id = "nd118-2025";
            d.procedure_code = "1.002010";
            d.procedure_name = "Đăng ký hoạt động của tổ chức hành nghề luật sư";
            d.receiving_unit_id = province.id;
            d.settling_unit_id = province.id;
            d.current_unit_id = province.id;
            d.applicant.name = "Nguyễn Văn An";
            d.fee_amount = 25'000;
            d.created_at = At(1'780'000'000);
            d.updated_at = d.created_at;
            d.version = 1;
            ASSIGN_OR_FAIL(auto id, dossiers::Insert(*tx, d));
            dossiers_.push_back(id);
        }
        ASSERT_TRUE(IsOk(tx->Commit()));
    }

    Payment Pending(std::int64_t dossier, std::string order_ref) const {
        Payment p;
        p.dossier_id = dossier;
        p.order_ref = std::move(order_ref);
        p.amount = 25'000;
        p.status = Status::kPending;
        p.method = Method::kOnline;
        p.provider = "sandbox";
        p.created_by = user_;
        p.created_at = At(1'780'000'100);
        p.updated_at = p.created_at;
        return p;
    }

    std::int64_t user_ = 0;
    std::vector<std::int64_t> dossiers_;
};
INSTANTIATE_TEST_SUITE_P(Backends, PaymentsTest, ::testing::ValuesIn(Backends()), BackendName);

TEST_P(PaymentsTest, InsertSettleAndRead) {
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto a, payments::Insert(*tx, Pending(dossiers_[0], "TTA")));
        EXPECT_GT(a.id, 0);
        ASSIGN_OR_FAIL(auto b, payments::Insert(*tx, Pending(dossiers_[0], "TTB")));
        EXPECT_GT(b.id, a.id);
        ASSIGN_OR_FAIL(auto pending, payments::CountPending(*tx, dossiers_[0]));
        EXPECT_EQ(pending, 2);
        ASSIGN_OR_FAIL(auto moved, payments::Settle(*tx, a.id, Status::kPaid, "SBX1",
                                                    At(1'780'000'200), At(1'780'000'201)));
        EXPECT_TRUE(moved);
        // Settled payments do not move again.
        ASSIGN_OR_FAIL(auto again, payments::Settle(*tx, a.id, Status::kFailed, "SBX2",
                                                    std::nullopt, At(1'780'000'202)));
        EXPECT_FALSE(again);
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto a, payments::GetByOrderRef(*tx, "TTA"));
    ASSERT_TRUE(a);
    EXPECT_EQ(a->status, Status::kPaid);
    EXPECT_EQ(a->provider_txn.value_or(""), "SBX1");
    EXPECT_EQ(a->paid_at, At(1'780'000'200));
    EXPECT_EQ(a->updated_at, At(1'780'000'201));
    EXPECT_EQ(a->created_by, user_);
    EXPECT_EQ(a->method, Method::kOnline);
    ASSIGN_OR_FAIL(auto none, payments::GetByOrderRef(*tx, "TTZ"));
    EXPECT_FALSE(none);
    ASSIGN_OR_FAIL(auto all, payments::ForDossier(*tx, dossiers_[0]));
    ASSERT_EQ(all.size(), 2U);
    EXPECT_EQ(all[0].order_ref, "TTA");
    EXPECT_EQ(all[1].status, Status::kPending);
    ASSIGN_OR_FAIL(auto paid, payments::PaidPayment(*tx, dossiers_[0]));
    ASSERT_TRUE(paid);
    EXPECT_EQ(paid->order_ref, "TTA");
    ASSIGN_OR_FAIL(auto online, payments::PaidOnline(*tx, dossiers_[0]));
    EXPECT_TRUE(online);
    ASSIGN_OR_FAIL(auto other, payments::PaidOnline(*tx, dossiers_[1]));
    EXPECT_FALSE(other);
}

TEST_P(PaymentsTest, DeskPaymentIsPaidButNotOnline) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    Payment p = Pending(dossiers_[1], "QDESK");
    p.status = Status::kPaid;
    p.method = Method::kCash;
    p.provider = "desk";
    p.paid_at = p.created_at;
    ASSERT_TRUE(IsOk(payments::Insert(*tx, p)));
    ASSIGN_OR_FAIL(auto online, payments::PaidOnline(*tx, dossiers_[1]));
    EXPECT_FALSE(online);
    ASSIGN_OR_FAIL(auto paid, payments::PaidPayment(*tx, dossiers_[1]));
    ASSERT_TRUE(paid);
    EXPECT_EQ(paid->method, Method::kCash);
}

TEST_P(PaymentsTest, OrderRefIsUnique) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSERT_TRUE(IsOk(payments::Insert(*tx, Pending(dossiers_[0], "TTSAME"))));
    EXPECT_TRUE(
        HasCode(payments::Insert(*tx, Pending(dossiers_[1], "TTSAME")), ErrorCode::kAlreadyExists));
}

TEST_P(PaymentsTest, AtMostOnePaidPaymentPerDossier) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    Payment first = Pending(dossiers_[0], "TT1");
    first.status = Status::kPaid;
    first.provider_txn = "SBX1";
    ASSERT_TRUE(IsOk(payments::Insert(*tx, first)));
    Payment second = Pending(dossiers_[0], "TT2");
    second.status = Status::kPaid;
    second.provider_txn = "SBX2";
    EXPECT_TRUE(HasCode(payments::Insert(*tx, second), ErrorCode::kAlreadyExists));
}

TEST_P(PaymentsTest, SettlingASecondPaymentPaidIsRefused) {
    std::int64_t second_id = 0;
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto a, payments::Insert(*tx, Pending(dossiers_[0], "TT1")));
        ASSIGN_OR_FAIL(auto b, payments::Insert(*tx, Pending(dossiers_[0], "TT2")));
        second_id = b.id;
        ASSIGN_OR_FAIL(auto moved, payments::Settle(*tx, a.id, Status::kPaid, "SBX1",
                                                    At(1'780'000'200), At(1'780'000'200)));
        EXPECT_TRUE(moved);
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    EXPECT_TRUE(HasCode(payments::Settle(*tx, second_id, Status::kPaid, "SBX2", At(1'780'000'300),
                                         At(1'780'000'300)),
                        ErrorCode::kAlreadyExists));
}

TEST_P(PaymentsTest, ProviderTransactionSettlesOnePayment) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(auto a, payments::Insert(*tx, Pending(dossiers_[0], "TT1")));
    ASSIGN_OR_FAIL(auto b, payments::Insert(*tx, Pending(dossiers_[1], "TT2")));
    ASSIGN_OR_FAIL(auto moved, payments::Settle(*tx, a.id, Status::kFailed, "SBXSAME", std::nullopt,
                                                At(1'780'000'200)));
    EXPECT_TRUE(moved);
    EXPECT_TRUE(HasCode(
        payments::Settle(*tx, b.id, Status::kFailed, "SBXSAME", std::nullopt, At(1'780'000'200)),
        ErrorCode::kAlreadyExists));
}

TEST_P(PaymentsTest, CallbacksAreKeptWithUnsafeBytesEscaped) {
    std::int64_t payment_id = 0;
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto p, payments::Insert(*tx, Pending(dossiers_[0], "TT1")));
        payment_id = p.id;
        payments::Callback forged;
        forged.order_ref = "TT1";
        forged.provider_txn = std::string("\xff\xfe", 2);  // not UTF-8
        forged.outcome = "rejected: bad signature";
        forged.response_code = "97";
        forged.received_at = At(1'780'000'300);
        forged.remote_ip = "203.0.113.7";
        forged.raw_params = "order_ref=TT1&x=" + std::string(5000, 'a');
        ASSERT_TRUE(IsOk(payments::LogCallback(*tx, forged)));
        payments::Callback applied = forged;
        applied.payment_id = p.id;
        applied.provider_txn = "SBX1";
        applied.verified = true;
        applied.outcome = "applied";
        applied.response_code = "00";
        applied.raw_params = "order_ref=TT1";
        ASSIGN_OR_FAIL(auto id, payments::LogCallback(*tx, applied));
        EXPECT_GT(id, 0);
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto log, payments::CallbacksFor(*tx, "TT1"));
    ASSERT_EQ(log.size(), 2U);
    EXPECT_FALSE(log[0].verified);
    EXPECT_FALSE(log[0].payment_id);
    EXPECT_EQ(log[0].provider_txn, "\\xFF\\xFE");
    EXPECT_EQ(log[0].raw_params.size(), 4096U);
    EXPECT_EQ(log[0].remote_ip, "203.0.113.7");
    EXPECT_EQ(log[0].received_at, At(1'780'000'300));
    EXPECT_TRUE(log[1].verified);
    EXPECT_EQ(log[1].payment_id, payment_id);
    ASSIGN_OR_FAIL(auto first, payments::AppliedCallback(*tx, payment_id, "SBX1"));
    ASSERT_TRUE(first);
    EXPECT_EQ(first->response_code, "00");
    ASSIGN_OR_FAIL(auto none, payments::AppliedCallback(*tx, payment_id, "SBX2"));
    EXPECT_FALSE(none);
}

}  // namespace
}  // namespace motcua::store::testing
