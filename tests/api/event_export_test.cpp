// `motcua export events` (issue #6): the event log as CSV, one line per event with the dossier
// facts, RFC 4180 quoting, every event exactly once across pages; and the facts recorded from
// outside systems (synced to the National Portal, population data, result pushed to the store).
#include "app/event_export.hpp"

#include <sstream>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "demo/csv.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;
using http::Method;

TEST(EventExport, EveryEventOnceWithQuotedReasons) {
    ApiFixture api;
    const Browser desk = api.SignIn("motcua");
    std::vector<std::string> codes;
    for (int i = 0; i < 3; ++i) {
        const auto r = api.Call(
            Method::kPost, "/api/v1/dossiers",
            R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","applicant":{"name":"Lê Văn )" +
                std::to_string(i) + R"("}})",
            &desk);
        ASSERT_EQ(r.status, 201) << r.body;
        std::error_code ec;
        codes.emplace_back(json::parse(r.body, ec).at("code").as_string());
    }
    // A reason with a comma, quotes and a line break must survive the CSV.
    const std::string reason = "Thiếu \\\"giấy\\\", sai\\nđịa chỉ";
    ASSERT_EQ(api.Call(Method::kPost, "/api/v1/dossiers/" + codes[0] + "/actions",
                       R"({"action":"withdraw","reason":")" + reason + R"("})", &desk)
                  .status,
              200);
    ASSERT_EQ(api.Call(Method::kPost, "/api/v1/dossiers/" + codes[1] + "/actions",
                       R"({"action":"transfer"})", &desk)
                  .status,
              200);

    std::ostringstream out;
    auto written = app::WriteEventsCsv(api.db(), out);
    ASSERT_TRUE(written) << written.error().message;
    EXPECT_EQ(*written, api.Count("dossier_events"));
    auto records = demo::ParseCsv(out.str(), "export");
    ASSERT_TRUE(records) << records.error().message;
    ASSERT_EQ(static_cast<std::int64_t>(records->size()), *written + 1);
    const std::vector<std::string>& header = (*records)[0].fields;
    ASSERT_EQ(header.size(), 16U);
    EXPECT_EQ(header[0], "dossier_id");
    EXPECT_EQ(header[15], "details");
    int withdrawals = 0;
    for (size_t i = 1; i < records->size(); ++i) {
        const auto& f = (*records)[i].fields;
        ASSERT_EQ(f.size(), 16U) << "line " << (*records)[i].line;
        EXPECT_EQ(f[4], "46.SOTP");
        EXPECT_EQ(f[5], "direct");
        EXPECT_EQ(f[7].substr(f[7].size() - 6), "+07:00") << f[7];
        if (f[8] == "withdraw") {
            ++withdrawals;
            EXPECT_EQ(f[1], codes[0]);
            EXPECT_EQ(f[14], "Thiếu \"giấy\", sai\nđịa chỉ");
        }
        // No applicant data in the export.
        EXPECT_EQ((*records)[i].fields[1].find("Lê Văn"), std::string::npos);
    }
    EXPECT_EQ(withdrawals, 1);
    EXPECT_EQ(out.str().find("Lê Văn"), std::string::npos) << "no applicant names";
    // Small pages give the same file (the cursor neither skips nor repeats an event).
    for (int page : {1, 2, 3}) {
        std::ostringstream paged;
        auto again = app::WriteEventsCsv(api.db(), paged, page);
        ASSERT_TRUE(again);
        EXPECT_EQ(paged.str(), out.str()) << "page size " << page;
    }
}

TEST(DossierFacts, RecordedByStaffAuditedAndNeverGuessed) {
    ApiFixture api;
    const Browser desk = api.SignIn("motcua");
    const auto r = api.Call(
        Method::kPost, "/api/v1/dossiers",
        R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","applicant":{"name":"Lê Văn An"}})",
        &desk);
    ASSERT_EQ(r.status, 201) << r.body;
    std::error_code ec;
    const std::string code(json::parse(r.body, ec).at("code").as_string());
    const std::string target = "/api/v1/dossiers/" + code + "/facts";
    auto facts = [&]() {
        const auto got = api.Call(Method::kGet, target, "", &desk);
        EXPECT_EQ(got.status, 200) << got.body;
        std::error_code parse_error;
        return json::parse(got.body, parse_error);
    };
    // Unknown until recorded: null, not false.
    EXPECT_TRUE(facts().at("synced_at").is_null());
    EXPECT_TRUE(facts().at("pushed_to_store_at").is_null());

    const std::int64_t audits = api.Count("audit_log");
    ASSERT_EQ(api.Call(Method::kPut, target, R"({"synced_to_portal":true})", &desk).status, 200);
    const std::string first(facts().at("synced_at").as_string());
    EXPECT_EQ(api.Count("audit_log"), audits + 1);
    // Recording it again keeps the first instant; the other facts stay unknown.
    api.clock().Advance(std::chrono::minutes(10));
    ASSERT_EQ(
        api.Call(Method::kPut, target, R"({"synced_to_portal":true,"population_data":true})", &desk)
            .status,
        200);
    EXPECT_EQ(std::string(facts().at("synced_at").as_string()), first);
    EXPECT_FALSE(facts().at("population_data_at").is_null());
    EXPECT_TRUE(facts().at("pushed_to_store_at").is_null());
    ASSERT_EQ(api.Call(Method::kPut, target, R"({"population_data":false})", &desk).status, 200);
    EXPECT_TRUE(facts().at("population_data_at").is_null());

    // Bad input changes nothing.
    const Browser other = api.SignIn("motcuaxa");  // (signing in is audited: before `before`)
    const std::int64_t before = api.Count("audit_log");
    EXPECT_EQ(api.Call(Method::kPut, target, "{}", &desk).status, 400);
    EXPECT_EQ(api.Call(Method::kPut, target, R"({"synced_to_portal":"yes"})", &desk).status, 400);
    EXPECT_EQ(api.Call(Method::kPut, target, R"({"synced":true})", &desk).status, 400);
    EXPECT_EQ(api.Call(Method::kPut, target, "{oops", &desk).status, 400);
    EXPECT_EQ(api.Call(Method::kPut, "/api/v1/dossiers/46.X-000000-0001/facts",
                       R"({"synced_to_portal":true})", &desk)
                  .status,
              404);
    // A desk of another commune may not.
    EXPECT_EQ(api.Call(Method::kPut, target, R"({"synced_to_portal":false})", &other).status, 403);
    EXPECT_EQ(api.Count("audit_log"), before);
    EXPECT_EQ(std::string(facts().at("synced_at").as_string()), first);
}

}  // namespace
}  // namespace motcua::testing
