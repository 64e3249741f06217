// Online payment of fees through /api/v1 (issue #5): start → signed callback → paid; forged,
// replayed, tampered and unknown callbacks; a second transaction on a paid order; who may start
// and see payments; desk payments; bad input.
#include <array>
#include <thread>
#include <vector>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "app/payments.hpp"
#include "store/dossiers.hpp"
#include "store/payments.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;
using http::Method;

constexpr std::string_view kSecret = "bí mật thử nghiệm";
constexpr std::string_view kMerchant = "MOTCUA-HUE";
constexpr std::string_view kForm = "application/x-www-form-urlencoded";

json::value Body(const http::Response& r) {
    std::error_code ec;
    json::value v = json::parse(r.body, ec);
    EXPECT_FALSE(ec) << r.body;
    return v;
}

std::string Str(const json::value& v, std::string_view key) {
    const json::value* x = v.as_object().if_contains(key);
    return x != nullptr && x->is_string() ? std::string(x->as_string()) : std::string();
}

class PaymentApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        api.context().payment_gateway = &gateway;
        desk = api.SignIn("motcua");
        citizen = api.SignIn("congdan");
    }

    // A dossier received at the provincial centre for the Department of Justice, made the
    // online dossier of `owner` with `fee` VND (online submission is another engineer's work).
    std::string OwnedDossier(std::int64_t owner, std::int64_t fee = 25'000) {
        const auto r = api.Call(
            Method::kPost, "/api/v1/dossiers",
            R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","applicant":{"name":"Nguyễn Thị Hoa","id_number":"046190001234"}})",
            &desk);
        EXPECT_EQ(r.status, 201) << r.body;
        const std::string code = Str(Body(r), "code");
        auto tx = api.db().Begin(store::TxMode::kWrite);
        EXPECT_TRUE(tx);
        auto d = store::dossiers::GetByCode(**tx, code);
        EXPECT_TRUE(d && *d);
        domain::Dossier dossier = **d;
        dossier.citizen_user_id = owner;
        dossier.fee_amount = fee;
        const std::int64_t expected = dossier.version;
        dossier.version = expected + 1;
        EXPECT_TRUE(store::dossiers::Update(**tx, dossier, expected));
        const std::array<store::Value, 2> params{owner, dossier.id};
        EXPECT_TRUE(
            (*tx)->Execute("UPDATE dossiers SET citizen_user_id = $1 WHERE id = $2", params));
        EXPECT_TRUE((*tx)->Commit());
        return code;
    }

    // Starts a payment as `who`; returns the response.
    http::Response Start(const std::string& code, const Browser& who) {
        return api.Call(Method::kPost, "/api/v1/dossiers/" + code + "/payments", "", &who);
    }

    // The order reference of a started payment (asserts success).
    std::string StartOk(const std::string& code) {
        const auto r = Start(code, citizen);
        EXPECT_EQ(r.status, 201) << r.body;
        return Str(Body(r).at("payment"), "order_ref");
    }

    app::PaymentParams Ipn(const std::string& order_ref, std::int64_t amount,
                           std::string_view txn = "SBX0001", std::string_view result = "paid") {
        app::PaymentParams p{
            {"merchant", std::string(kMerchant)}, {"order_ref", order_ref},
            {"amount", std::to_string(amount)},   {"txn", std::string(txn)},
            {"result", std::string(result)},      {"paid_at", "2026-11-27T10:05:00+07:00"}};
        p["signature"] = app::SignPaymentParams(kSecret, p);
        return p;
    }

    http::Response Callback(const app::PaymentParams& params) {
        return CallbackRaw(app::EncodePaymentParams(params));
    }
    http::Response CallbackRaw(const std::string& body) {
        return api.Call(Method::kPost, "/api/v1/payments/callback", body, nullptr, false, kForm,
                        "203.0.113.7");
    }

    std::optional<store::payments::Payment> Stored(const std::string& order_ref) {
        auto tx = api.db().Begin(store::TxMode::kRead);
        EXPECT_TRUE(tx);
        auto p = store::payments::GetByOrderRef(**tx, order_ref);
        EXPECT_TRUE(p);
        return p ? *p : std::nullopt;
    }

    std::vector<store::payments::Callback> Logged(const std::string& order_ref) {
        auto tx = api.db().Begin(store::TxMode::kRead);
        EXPECT_TRUE(tx);
        auto c = store::payments::CallbacksFor(**tx, order_ref);
        EXPECT_TRUE(c);
        return c ? *c : std::vector<store::payments::Callback>{};
    }

    std::int64_t CountWhere(const std::string& sql) {
        auto tx = api.db().Begin(store::TxMode::kRead);
        EXPECT_TRUE(tx);
        auto rows = (*tx)->Query(sql, {});
        EXPECT_TRUE(rows && !rows->empty());
        return rows && !rows->empty() ? rows->front().Int(0) : -1;
    }

    ApiFixture api;
    app::SandboxGateway gateway{"http://sandbox.test", std::string(kMerchant),
                                std::string(kSecret)};
    Browser desk;
    Browser citizen;
};

TEST_F(PaymentApiTest, StartThenSignedCallbackMarksPaid) {
    const std::string code = OwnedDossier(citizen.user_id);
    const auto started = Start(code, citizen);
    ASSERT_EQ(started.status, 201) << started.body;
    const json::value body = Body(started);
    const std::string order_ref = Str(body.at("payment"), "order_ref");
    EXPECT_EQ(order_ref.size(), 18U);
    EXPECT_EQ(Str(body.at("payment"), "status"), "pending");
    EXPECT_EQ(body.at("payment").at("amount").as_int64(), 25'000);

    // The checkout address is the gateway's, signed, and returns to our result page.
    const std::string url = Str(body, "checkout_url");
    ASSERT_EQ(url.rfind("http://sandbox.test/pay?", 0), 0U) << url;
    auto params = app::DecodePaymentParams(url.substr(url.find('?') + 1));
    ASSERT_TRUE(params);
    EXPECT_TRUE(app::VerifyPaymentSignature(kSecret, *params));
    EXPECT_EQ(params->at("order_ref"), order_ref);
    EXPECT_EQ(params->at("amount"), "25000");
    EXPECT_EQ(params->at("return_url"), "http://127.0.0.1:8080/cong-dan/thanh-toan/ket-qua");
    EXPECT_NE(params->at("description").find(code), std::string::npos);
    (*params)["amount"] = "1";  // tampered by the browser
    EXPECT_FALSE(app::VerifyPaymentSignature(kSecret, *params));

    const auto confirmed = Callback(Ipn(order_ref, 25'000));
    ASSERT_EQ(confirmed.status, 200) << confirmed.body;
    EXPECT_EQ(Str(Body(confirmed), "RspCode"), "00");

    const auto stored = Stored(order_ref);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->status, store::payments::Status::kPaid);
    EXPECT_EQ(stored->provider_txn.value_or(""), "SBX0001");
    EXPECT_EQ(stored->provider, "sandbox");

    const auto listed =
        api.Call(Method::kGet, "/api/v1/dossiers/" + code + "/payments", "", &citizen);
    ASSERT_EQ(listed.status, 200) << listed.body;
    const json::value list = Body(listed);
    EXPECT_TRUE(list.at("paid").as_bool());
    EXPECT_FALSE(list.at("may_pay_online").as_bool());
    ASSERT_EQ(list.at("items").as_array().size(), 1U);
    EXPECT_EQ(Str(list.at("items").at(0), "status_label"), "Đã thanh toán");

    // Audit, notification for the applicant, the callback log, and the indicator's question.
    EXPECT_EQ(CountWhere("SELECT COUNT(*) FROM audit_log WHERE action = 'payment.paid' AND "
                         "entity_id = '" +
                         code + "'"),
              1);
    EXPECT_EQ(CountWhere("SELECT COUNT(*) FROM notifications WHERE kind = 'payment_confirmed' "
                         "AND recipient_user_id = " +
                         std::to_string(citizen.user_id)),
              1);
    const auto log = Logged(order_ref);
    ASSERT_EQ(log.size(), 1U);
    EXPECT_TRUE(log[0].verified);
    EXPECT_EQ(log[0].outcome, "applied");
    EXPECT_EQ(log[0].remote_ip, "203.0.113.7");
    auto tx = api.db().Begin(store::TxMode::kRead);
    ASSERT_TRUE(tx);
    auto online = store::payments::PaidOnline(**tx, stored->dossier_id);
    ASSERT_TRUE(online);
    EXPECT_TRUE(*online);

    // Paid: no new attempt.
    const auto again = Start(code, citizen);
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_NE(Str(Body(again), "detail").find("đã được thanh toán"), std::string::npos);
}

TEST_F(PaymentApiTest, ForgedSignatureLeavesPaymentPendingAndIsLogged) {
    const std::string order_ref = StartOk(OwnedDossier(citizen.user_id));

    app::PaymentParams forged = Ipn(order_ref, 25'000);
    forged["signature"] = std::string(64, 'a');
    const auto r1 = Callback(forged);
    EXPECT_EQ(r1.status, 401) << r1.body;
    EXPECT_EQ(r1.content_type, "application/problem+json");
    EXPECT_EQ(Str(Body(r1), "RspCode"), "97");

    // Signed with another secret, and without any signature.
    app::PaymentParams other = Ipn(order_ref, 25'000);
    other.erase("signature");
    other["signature"] = app::SignPaymentParams("another secret", other);
    EXPECT_EQ(Callback(other).status, 401);
    app::PaymentParams unsigned_params = Ipn(order_ref, 25'000);
    unsigned_params.erase("signature");
    EXPECT_EQ(Callback(unsigned_params).status, 401);
    // Signed, then the amount changed in transit.
    app::PaymentParams altered = Ipn(order_ref, 25'000);
    altered["amount"] = "1";
    EXPECT_EQ(Callback(altered).status, 401);
    // Another merchant's correctly signed message.
    app::PaymentParams merchant = Ipn(order_ref, 25'000);
    merchant["merchant"] = "KHAC";
    merchant["signature"] = app::SignPaymentParams(kSecret, merchant);
    EXPECT_EQ(Callback(merchant).status, 401);

    EXPECT_EQ(Stored(order_ref)->status, store::payments::Status::kPending);
    const auto log = Logged(order_ref);
    ASSERT_EQ(log.size(), 5U);
    for (const auto& c : log) {
        EXPECT_FALSE(c.verified);
        EXPECT_EQ(c.outcome, "rejected: bad signature");
        EXPECT_EQ(c.response_code, "97");
        EXPECT_FALSE(c.payment_id);
    }
    EXPECT_EQ(CountWhere("SELECT COUNT(*) FROM notifications WHERE kind = 'payment_confirmed'"), 0);
}

TEST_F(PaymentApiTest, ReplayedCallbackGetsTheSameAnswerAndWritesNothingTwice) {
    const std::string order_ref = StartOk(OwnedDossier(citizen.user_id));
    const auto ipn = Ipn(order_ref, 25'000, "SBX0042");
    const auto first = Callback(ipn);
    ASSERT_EQ(first.status, 200) << first.body;
    const std::int64_t audits = api.Count("audit_log");
    const std::int64_t notifications = api.Count("notifications");
    const auto second = Callback(ipn);
    EXPECT_EQ(second.status, first.status);
    EXPECT_EQ(second.body, first.body);
    const auto third = Callback(ipn);
    EXPECT_EQ(third.body, first.body);
    EXPECT_EQ(api.Count("audit_log"), audits);
    EXPECT_EQ(api.Count("notifications"), notifications);
    EXPECT_EQ(CountWhere("SELECT COUNT(*) FROM payments WHERE status = 'paid'"), 1);
    const auto log = Logged(order_ref);
    ASSERT_EQ(log.size(), 3U);
    EXPECT_EQ(log[0].outcome, "applied");
    EXPECT_EQ(log[1].outcome, "duplicate");
    EXPECT_EQ(log[2].outcome, "duplicate");
}

TEST_F(PaymentApiTest, TamperedAmountIsRefused) {
    const std::string order_ref = StartOk(OwnedDossier(citizen.user_id));
    const auto r = Callback(Ipn(order_ref, 1'000));  // signed, but not what was ordered
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(Str(Body(r), "RspCode"), "04");
    EXPECT_EQ(Stored(order_ref)->status, store::payments::Status::kPending);
    const auto log = Logged(order_ref);
    ASSERT_EQ(log.size(), 1U);
    EXPECT_TRUE(log[0].verified);
    EXPECT_EQ(log[0].outcome, "rejected: amount mismatch");
    // The right amount afterwards still goes through.
    EXPECT_EQ(Callback(Ipn(order_ref, 25'000)).status, 200);
    EXPECT_EQ(Stored(order_ref)->status, store::payments::Status::kPaid);
}

TEST_F(PaymentApiTest, UnknownOrderIsRefusedAndLogged) {
    const auto r = Callback(Ipn("TTKHONGCO123456789", 25'000));
    EXPECT_EQ(r.status, 404) << r.body;
    EXPECT_EQ(Str(Body(r), "RspCode"), "01");
    const auto log = Logged("TTKHONGCO123456789");
    ASSERT_EQ(log.size(), 1U);
    EXPECT_TRUE(log[0].verified);
    EXPECT_EQ(log[0].outcome, "rejected: unknown order");
}

TEST_F(PaymentApiTest, SecondTransactionOnAPaidOrderIsRefused) {
    const std::string order_ref = StartOk(OwnedDossier(citizen.user_id));
    ASSERT_EQ(Callback(Ipn(order_ref, 25'000, "SBX0001")).status, 200);
    const auto r = Callback(Ipn(order_ref, 25'000, "SBX0002"));
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(Str(Body(r), "RspCode"), "02");
    EXPECT_EQ(Stored(order_ref)->provider_txn.value_or(""), "SBX0001");
    // The same transaction reported with another result is no replay.
    EXPECT_EQ(Callback(Ipn(order_ref, 25'000, "SBX0001", "failed")).status, 409);
    // A late "failed" for the same order does not undo the payment either.
    EXPECT_EQ(Callback(Ipn(order_ref, 25'000, "SBX0003", "failed")).status, 409);
    EXPECT_EQ(Stored(order_ref)->status, store::payments::Status::kPaid);
    const auto log = Logged(order_ref);
    ASSERT_EQ(log.size(), 4U);
    EXPECT_EQ(log[1].outcome, "rejected: already settled");
    EXPECT_EQ(log[2].outcome, "rejected: already settled");
}

TEST_F(PaymentApiTest, TwoAttemptsPaidBothOnlyOneCounts) {
    const std::string code = OwnedDossier(citizen.user_id);
    const std::string first = StartOk(code);
    const std::string second = StartOk(code);
    ASSERT_NE(first, second);
    EXPECT_EQ(Callback(Ipn(first, 25'000, "SBX1")).status, 200);
    const auto r = Callback(Ipn(second, 25'000, "SBX2"));
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(Stored(second)->status, store::payments::Status::kPending);
    EXPECT_EQ(Logged(second).back().outcome, "rejected: dossier already paid");
}

TEST_F(PaymentApiTest, CancelledPaymentAllowsANewAttempt) {
    const std::string code = OwnedDossier(citizen.user_id);
    const std::string order_ref = StartOk(code);
    const auto r = Callback(Ipn(order_ref, 25'000, "SBX9", "cancelled"));
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Stored(order_ref)->status, store::payments::Status::kCancelled);
    EXPECT_FALSE(Stored(order_ref)->paid_at);
    EXPECT_EQ(Start(code, citizen).status, 201);
}

TEST_F(PaymentApiTest, OnlyTheApplicantStartsAndOnlyViewersSee) {
    const std::string code = OwnedDossier(citizen.user_id);
    api.AddUser("congdan2", "citizen", "");
    const Browser stranger = api.SignIn("congdan2");
    const std::int64_t before = api.Count("payments");

    const auto start = Start(code, stranger);
    EXPECT_EQ(start.status, 403) << start.body;
    const auto look =
        api.Call(Method::kGet, "/api/v1/dossiers/" + code + "/payments", "", &stranger);
    EXPECT_EQ(look.status, 403) << look.body;
    EXPECT_EQ(look.body.find("Nguyễn Thị Hoa"), std::string::npos);
    EXPECT_EQ(Start(code, desk).status, 403);  // staff do not pay online for the applicant
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/dossiers/" + code + "/payments").status, 401);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/dossiers/" + code + "/payments").status, 401);
    EXPECT_EQ(Start(code, citizen).status, 201);
    // Without the CSRF token the applicant is refused too.
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/dossiers/" + code + "/payments", "", &citizen, false)
                  .status,
              403);
    EXPECT_EQ(api.Count("payments"), before + 1);

    // Officers of the units involved see the payments.
    const auto officer =
        api.Call(Method::kGet, "/api/v1/dossiers/" + code + "/payments", "", &desk);
    EXPECT_EQ(officer.status, 200) << officer.body;
    // An unknown dossier.
    EXPECT_EQ(Start("KHONG-CO", citizen).status, 404);
}

TEST_F(PaymentApiTest, DossierWithoutFeeOrClosedIsRefused) {
    const std::string free = OwnedDossier(citizen.user_id, 0);
    const auto r = Start(free, citizen);
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_NE(Str(Body(r), "detail").find("không phải nộp phí"), std::string::npos);
    EXPECT_EQ(api.Count("payments"), 0);

    const std::string withdrawn = OwnedDossier(citizen.user_id);
    const auto w = api.Call(Method::kPost, "/api/v1/dossiers/" + withdrawn + "/actions",
                            R"({"action":"withdraw"})", &desk);
    ASSERT_EQ(w.status, 200) << w.body;
    const auto closed = Start(withdrawn, citizen);
    EXPECT_EQ(closed.status, 409) << closed.body;
    EXPECT_NE(Str(Body(closed), "detail").find("không thể thanh toán"), std::string::npos);

    api.context().payment_gateway = nullptr;
    const auto off = Start(OwnedDossier(citizen.user_id), citizen);
    EXPECT_EQ(off.status, 409) << off.body;
    EXPECT_NE(Str(Body(off), "detail").find("chưa được cấu hình"), std::string::npos);
}

TEST_F(PaymentApiTest, DeskRecordsCashPaymentOnce) {
    const std::string code = OwnedDossier(citizen.user_id);
    const std::string target = "/api/v1/dossiers/" + code + "/payments/desk";
    const Browser specialist = api.SignIn("chuyenvien");
    EXPECT_EQ(api.Call(Method::kPost, target, R"({"method":"cash"})", &specialist).status, 403);
    EXPECT_EQ(api.Call(Method::kPost, target, R"({"method":"cash"})", &citizen).status, 403);
    // Bad input.
    EXPECT_EQ(api.Call(Method::kPost, target, R"({"method":"online"})", &desk).status, 400);
    EXPECT_EQ(api.Call(Method::kPost, target, R"({"method":"cash","extra":1})", &desk).status, 400);
    EXPECT_EQ(api.Call(Method::kPost, target, R"({"method":5})", &desk).status, 400);
    EXPECT_EQ(api.Call(Method::kPost, target, R"({"method":"cash")", &desk).status, 400);
    EXPECT_EQ(api.Call(Method::kPost, target,
                       R"({"method":"cash","reference":")" + std::string(65, 'x') + "\"}", &desk)
                  .status,
              400);
    EXPECT_EQ(api.Count("payments"), 0);

    const auto r =
        api.Call(Method::kPost, target, R"({"method":"cash","reference":"BL-0001"})", &desk);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(Str(Body(r), "status"), "paid");
    EXPECT_EQ(Str(Body(r), "method"), "cash");
    const auto twice = api.Call(Method::kPost, target, R"({"method":"transfer"})", &desk);
    EXPECT_EQ(twice.status, 409) << twice.body;
    EXPECT_EQ(Start(code, citizen).status, 409);

    auto tx = api.db().Begin(store::TxMode::kRead);
    ASSERT_TRUE(tx);
    auto d = store::dossiers::GetByCode(**tx, code);
    ASSERT_TRUE(d && *d);
    auto online = store::payments::PaidOnline(**tx, (*d)->id);
    ASSERT_TRUE(online);
    EXPECT_FALSE(*online);  // paid, but not online
    EXPECT_EQ(CountWhere("SELECT COUNT(*) FROM audit_log WHERE action = 'payment.desk'"), 1);
}

TEST_F(PaymentApiTest, ConcurrentCallbacksSettleOnce) {
    const std::string code = OwnedDossier(citizen.user_id);
    const std::string replayed = StartOk(code);
    // The same callback delivered eight times at once: one applied, the rest duplicates, all
    // answered "00".
    const auto ipn = Ipn(replayed, 25'000, "SBX-SAME");
    std::vector<http::Response> answers(8);
    {
        std::vector<std::thread> threads;
        for (auto& answer : answers) {
            threads.emplace_back([&] { answer = Callback(ipn); });
        }
        for (auto& t : threads) {
            t.join();
        }
    }
    for (const auto& a : answers) {
        EXPECT_EQ(a.status, 200) << a.body;
        EXPECT_EQ(Str(Body(a), "RspCode"), "00");
    }
    int applied = 0;
    for (const auto& c : Logged(replayed)) {
        applied += c.outcome == "applied" ? 1 : 0;
    }
    EXPECT_EQ(applied, 1);
    EXPECT_EQ(CountWhere("SELECT COUNT(*) FROM audit_log WHERE action = 'payment.paid'"), 1);
    EXPECT_EQ(CountWhere("SELECT COUNT(*) FROM notifications WHERE kind = 'payment_confirmed'"), 1);

    // Different transactions for two attempts of another dossier at once: one wins.
    const std::string other = OwnedDossier(citizen.user_id);
    const std::string a = StartOk(other);
    const std::string b = StartOk(other);
    http::Response ra;
    http::Response rb;
    std::thread ta([&] { ra = Callback(Ipn(a, 25'000, "SBX-A")); });
    std::thread tb([&] { rb = Callback(Ipn(b, 25'000, "SBX-B")); });
    ta.join();
    tb.join();
    EXPECT_EQ((ra.status == 200 ? 1 : 0) + (rb.status == 200 ? 1 : 0), 1)
        << ra.body << " / " << rb.body;
    EXPECT_EQ((ra.status == 409 ? 1 : 0) + (rb.status == 409 ? 1 : 0), 1);
}

TEST_F(PaymentApiTest, MalformedCallbacksAreRefusedAndLogged) {
    const std::int64_t before = api.Count("payment_callbacks");
    const auto bad_escape = CallbackRaw("order_ref=%ZZ&amount=1");
    EXPECT_EQ(bad_escape.status, 400) << bad_escape.body;
    EXPECT_EQ(Str(Body(bad_escape), "RspCode"), "99");
    const auto repeated = CallbackRaw("order_ref=A&order_ref=B");
    EXPECT_EQ(repeated.status, 400);
    const auto binary = CallbackRaw(std::string("order_ref=%FF%FE\x01", 17));
    EXPECT_EQ(binary.status, 400);
    const auto empty = CallbackRaw("");
    EXPECT_EQ(empty.status, 401);  // no signature
    // Signed but incomplete.
    app::PaymentParams partial{{"merchant", std::string(kMerchant)}, {"order_ref", "X"}};
    partial["signature"] = app::SignPaymentParams(kSecret, partial);
    EXPECT_EQ(Callback(partial).status, 400);
    EXPECT_EQ(api.Count("payment_callbacks"), before + 5);
}

}  // namespace
}  // namespace motcua::testing
