// Publication decisions through /api/v1/publication-decisions (issue #8; docs/control.md
// "Publication decisions"): a decision drafted, signed, applied to the catalogue (versions by
// effective date, re-applying refused), the days recorded, the deadline warnings and the
// violation list (JSON and XLSX), a decision signed just before Tết with working-day deadlines,
// indicators 1.1–1.2 through the indicator API, bad input and authorisation.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "calendar/instant.hpp"
#include "render/docx_reader.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;
using http::Method;

json::value Body(const http::Response& r) {
    std::error_code ec;
    json::value v = json::parse(r.body, ec);
    EXPECT_FALSE(ec) << r.body;
    return ec ? json::value(nullptr) : v;
}

bool HasWarning(const json::value& v, std::string_view rule, std::string_view code = "") {
    for (const json::value& w : v.at("warnings").as_array()) {
        if (w.at("rule").as_string() == rule &&
            (code.empty() ||
             (w.at("procedure_code").is_string() && w.at("procedure_code").as_string() == code))) {
            return true;
        }
    }
    return false;
}

// A new procedure's fields in the exchange format (docs/exchange.md).
constexpr std::string_view kNewProcedure =
    R"({"name":"Cấp giấy phép thử nghiệm công bố","field":"Luật sư","levels":["province"],)"
    R"("implementing_units":"Sở Tư pháp","processing_milli":5000,"online_level":"partial"})";

class PublicationDecisionApiTest : public ::testing::Test {
protected:
    void SetUp() override { At("2026-02-02T09:00:00+07:00"); }

    void At(std::string_view instant) {
        api.clock().Set(*calendar::ParseInstant(instant));
        control = api.SignIn("kiemsoat");
        leader = api.SignIn("lanhdao");
    }

    // A province decision implementing a law in force on `effective`: 1.002010 amended (a new
    // name), 1.999001 added, signed on `signed_on` (empty: not given).
    std::string DecisionBody(std::string_view number, std::string_view effective,
                             std::string_view signed_on = "") const {
        std::string body = R"({"issuing_unit":"46","number":")" + std::string(number) +
                           R"(","title":"Công bố TTHC lĩnh vực Luật sư","signer":"Nguyễn Văn A",)"
                           R"("signer_position":"Chủ tịch UBND",)";
        if (!signed_on.empty()) {
            body += R"("signed_on":")" + std::string(signed_on) + R"(",)";
        }
        body +=
            R"("legal_documents":[{"number":"15/2026/NQ-HĐND","title":"Nghị quyết",)"
            R"("level":"province","effective_on":")" +
            std::string(effective) +
            R"("}],"items":[{"procedure_code":"1.002010","change":"amended",)"
            R"J("procedure":{"name":"Đăng ký hoạt động của tổ chức hành nghề luật sư (sửa đổi)"}},)J"
            R"({"procedure_code":"1.999001","change":"added","procedure":)" +
            std::string(kNewProcedure) + "}]}";
        return body;
    }

    json::value Create(const std::string& body) {
        auto r = api.Call(Method::kPost, "/api/v1/publication-decisions", body, &control);
        EXPECT_EQ(r.status, 201) << r.body;
        return Body(r);
    }

    std::string Path(const json::value& d) const {
        return "/api/v1/publication-decisions/" + std::to_string(d.at("id").as_int64());
    }

    http::Response Act(const json::value& d, std::string_view action, std::string extra = "") {
        const std::string body =
            R"({"version":)" + std::to_string(d.at("version").as_int64()) + extra + "}";
        return api.Call(Method::kPost, Path(d) + "/" + std::string(action), body, &control);
    }

    json::value Catalogue(std::string_view code) {
        // A distinct target each time: the public response cache keys on it.
        auto r = api.Call(Method::kGet, "/api/v1/procedures/" + std::string(code) +
                                            "?n=" + std::to_string(++reads_));
        return r.status == 200 ? Body(r) : json::value(nullptr);
    }

    ApiFixture api;
    int reads_ = 0;
    Browser control;
    Browser leader;
};

TEST_F(PublicationDecisionApiTest, DraftSignApplyVersionsTheCatalogueByEffectiveDate) {
    // Law in force on Monday 2/3/2026; decision signed Monday 23/2 (5 working days before is
    // Monday 23/2 itself: on time).
    json::value d = Create(DecisionBody("10/QĐ-UBND", "2026-03-02", "2026-02-23"));
    EXPECT_EQ(d.at("state").as_string(), "draft");
    EXPECT_EQ(d.at("version").as_int64(), 1);
    EXPECT_EQ(d.at("items").as_array().size(), 2U);

    At("2026-02-23T10:00:00+07:00");
    auto signed_r = Act(d, "sign");
    ASSERT_EQ(signed_r.status, 200) << signed_r.body;
    d = Body(signed_r);
    EXPECT_EQ(d.at("state").as_string(), "signed");
    EXPECT_TRUE(d.at("check").at("on_time").as_bool()) << signed_r.body;
    EXPECT_EQ(d.at("check").at("latest").as_string(), "2026-02-23");
    // Database entry due 5 working days after Monday 23/2: Monday 2/3.
    EXPECT_EQ(d.at("database_due").as_string(), "2026-03-02");
    EXPECT_FALSE(HasWarning(d, "late_decision"));

    // Before applying, the catalogue has the old name today and nothing for the new code.
    const std::string old_name = std::string(Catalogue("1.002010").at("name").as_string());
    EXPECT_TRUE(Catalogue("1.999001").is_null());

    auto applied_r = Act(d, "apply");
    ASSERT_EQ(applied_r.status, 200) << applied_r.body;
    d = Body(applied_r);
    EXPECT_EQ(d.at("state").as_string(), "applied");
    EXPECT_EQ(d.at("applied_on").as_string(), "2026-02-23");

    // Re-applying is refused (409) and changes nothing.
    const std::int64_t audits = api.Count("audit_log");
    const std::int64_t versions = api.Count("procedures");
    auto again = Act(d, "apply");
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_EQ(again.content_type, "application/problem+json");
    EXPECT_EQ(api.Count("procedures"), versions);
    EXPECT_EQ(api.Count("audit_log"), audits);

    // The catalogue read on a day returns what was in force: before 2/3 the old version.
    EXPECT_EQ(Catalogue("1.002010").at("name").as_string(), old_name);
    EXPECT_TRUE(Catalogue("1.999001").is_null());
    auto history = api.Call(Method::kGet, "/api/v1/procedures/1.002010/versions?n=1");
    ASSERT_EQ(history.status, 200) << history.body;
    const json::value h = Body(history);
    const json::array& hv = h.at("items").as_array();
    ASSERT_GE(hv.size(), 2U);
    EXPECT_EQ(hv.back().at("effective_from").as_string(), "2026-03-02");
    EXPECT_EQ(hv[hv.size() - 2].at("effective_to").as_string(), "2026-03-01");

    At("2026-03-02T08:00:00+07:00");
    EXPECT_EQ(Catalogue("1.002010").at("name").as_string(),
              "Đăng ký hoạt động của tổ chức hành nghề luật sư (sửa đổi)");
    const json::value added = Catalogue("1.999001");
    ASSERT_FALSE(added.is_null());
    EXPECT_EQ(added.at("name").as_string(), "Cấp giấy phép thử nghiệm công bố");

    // Entered into the national database on 2/3 (on time) and the catalogue updated on 2/3.
    d = Body(api.Call(Method::kGet, Path(d), "", &control));
    auto entry = Act(d, "database-entry", R"(,"on":"2026-03-02")");
    ASSERT_EQ(entry.status, 200) << entry.body;
    d = Body(entry);
    auto update = Act(d, "catalogue-update", R"(,"on":"2026-03-02")");
    ASSERT_EQ(update.status, 200) << update.body;
    d = Body(update);
    EXPECT_EQ(d.at("items").at(0).at("database_entered_on").as_string(), "2026-03-02");
    EXPECT_TRUE(d.at("warnings").as_array().empty()) << update.body;
}

TEST_F(PublicationDecisionApiTest, AbolishedAndReplacedProceduresAreClosed) {
    const std::string body =
        R"({"issuing_unit":"46","number":"11/QĐ-UBND","signer":"A","signed_on":"2026-02-02",)"
        R"("legal_documents":[{"number":"1/2026/QĐ-UBND","effective_on":"2026-04-01"}],)"
        R"("items":[{"procedure_code":"1.002010","change":"abolished"},)"
        R"({"procedure_code":"1.999002","change":"replaced","replaced_code":"1.000055",)"
        R"("procedure":)" +
        std::string(kNewProcedure) + "}]}";
    json::value d = Create(body);
    d = Body(Act(d, "sign"));
    auto applied = Act(d, "apply");
    ASSERT_EQ(applied.status, 200) << applied.body;
    EXPECT_FALSE(Catalogue("1.002010").is_null());
    At("2026-04-01T08:00:00+07:00");
    EXPECT_TRUE(Catalogue("1.002010").is_null());
    EXPECT_TRUE(Catalogue("1.000055").is_null());
    EXPECT_FALSE(Catalogue("1.999002").is_null());
}

TEST_F(PublicationDecisionApiTest, SignedJustBeforeTetIsLateByWorkingDays) {
    // Law in force Wednesday 25/2/2026; decision signed Friday 13/2, the last working day before
    // Tết Bính Ngọ: by working days the latest day was Wednesday 11/2 (2 days late); by calendar
    // days (the decree's literal reading) 20/2, on time.
    At("2026-02-13T15:00:00+07:00");
    json::value d = Create(DecisionBody("12/QĐ-UBND", "2026-02-25", "2026-02-13"));
    EXPECT_TRUE(HasWarning(d, "late_decision")) << json::serialize(d);  // planned day
    d = Body(Act(d, "sign"));
    EXPECT_FALSE(d.at("check").at("on_time").as_bool());
    EXPECT_EQ(d.at("check").at("latest").as_string(), "2026-02-11");
    EXPECT_EQ(d.at("check").at("days_late").as_int64(), 2);
    // Database entry: 5 working days after 13/2, counted past the Tết holiday.
    EXPECT_EQ(d.at("database_due").as_string(), "2026-02-27");

    std::string calendar_days = DecisionBody("13/QĐ-UBND", "2026-02-25", "2026-02-13");
    calendar_days.insert(1, R"("convention":"calendar_days",)");
    json::value c = Create(calendar_days);
    c = Body(Act(c, "sign"));
    EXPECT_TRUE(c.at("check").at("on_time").as_bool());
    EXPECT_EQ(c.at("check").at("latest").as_string(), "2026-02-20");

    // On 3/3 nothing has been entered: the database entry is overdue and the catalogue was not
    // updated when the law took effect; the violation list shows both, and the late decision.
    At("2026-03-03T09:00:00+07:00");
    d = Body(api.Call(Method::kGet, Path(d), "", &control));
    EXPECT_TRUE(HasWarning(d, "database_overdue", "1.002010"));
    EXPECT_TRUE(HasWarning(d, "catalogue_not_updated", "1.999001"));
    auto list = api.Call(Method::kGet,
                         "/api/v1/publication-decisions/violations?unit=46&from=2026-02-01&to="
                         "2026-02-28",
                         "", &control);
    ASSERT_EQ(list.status, 200) << list.body;
    int late = 0;
    int overdue = 0;
    const json::value violations = Body(list);
    for (const json::value& x : violations.at("items").as_array()) {
        if (x.at("decision").at("number").as_string() != "12/QĐ-UBND") {
            continue;
        }
        late += x.at("rule").as_string() == "late_decision" ? 1 : 0;
        overdue += x.at("rule").as_string() == "database_overdue" ? 1 : 0;
    }
    EXPECT_EQ(late, 1);
    EXPECT_EQ(overdue, 2);

    auto xlsx = api.Call(
        Method::kGet, "/api/v1/publication-decisions/violations?unit=46&format=xlsx", "", &control);
    ASSERT_EQ(xlsx.status, 200) << xlsx.body;
    EXPECT_EQ(xlsx.body.substr(0, 2), "PK");

    // Entered late on 3/3: late_database instead of overdue.
    auto entry = Act(d, "database-entry", R"(,"on":"2026-03-03","procedures":["1.002010"])");
    ASSERT_EQ(entry.status, 200) << entry.body;
    d = Body(entry);
    EXPECT_TRUE(HasWarning(d, "late_database", "1.002010"));
    EXPECT_TRUE(HasWarning(d, "database_overdue", "1.999001"));
}

TEST_F(PublicationDecisionApiTest, ViolationListAsDocx) {
    // The Tết case again: the late decision and the overdue database entries as a Word table.
    At("2026-02-13T15:00:00+07:00");
    json::value d = Create(DecisionBody("12/QĐ-UBND", "2026-02-25", "2026-02-13"));
    d = Body(Act(d, "sign"));
    At("2026-03-03T09:00:00+07:00");
    auto docx = api.Call(Method::kGet,
                         "/api/v1/publication-decisions/violations?unit=46&from=2026-02-01&to="
                         "2026-02-28&format=docx",
                         "", &control);
    ASSERT_EQ(docx.status, 200) << docx.body;
    EXPECT_EQ(docx.content_type,
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    EXPECT_NE(docx.Header("Content-Disposition").value_or("").find("vi-pham-cong-bo-tthc.docx"),
              std::string::npos);
    auto xml = render::ReadZipEntry(docx.body, "word/document.xml");
    ASSERT_TRUE(xml) << xml.error().message;
    EXPECT_NE(xml->find(R"(w:orient="landscape")"), std::string::npos);
    EXPECT_NE(xml->find("<w:tblHeader/>"), std::string::npos);
    auto text = render::ReadDocxText(docx.body);
    ASSERT_TRUE(text) << text.error().message;
    for (const char* s :
         {"DANH SÁCH VI PHẠM THỜI HẠN CÔNG BỐ, CÔNG KHAI TTHC", "Thành phố Huế",
          "từ ngày 01/02/2026 đến ngày 28/02/2026", "Số quyết định", "Số ngày muộn", "12/QĐ-UBND",
          "13/02/2026", "Ban hành quyết định công bố muộn", "11/02/2026",
          "Chưa cập nhật CSDL quốc gia (quá hạn)", "1.002010", "1.999001"}) {
        EXPECT_NE(text->find(s), std::string::npos) << s << "\n" << *text;
    }
    EXPECT_EQ(text->find("Không có vi phạm"), std::string::npos);
    // One row per violation, as in the JSON list (the header row and the title lines aside).
    auto json_list = Body(
        api.Call(Method::kGet,
                 "/api/v1/publication-decisions/violations?unit=46&from=2026-02-01&to=2026-02-28",
                 "", &control));
    std::size_t rows = 0;
    for (std::size_t k = xml->find("<w:tr>"); k != std::string::npos;
         k = xml->find("<w:tr>", k + 1)) {
        ++rows;
    }
    EXPECT_EQ(rows, json_list.at("items").as_array().size() + 1) << "header + one per violation";

    // A period without decisions: the table says so.
    auto empty = api.Call(Method::kGet,
                          "/api/v1/publication-decisions/violations?unit=46&from=2025-01-01&to="
                          "2025-12-31&format=docx",
                          "", &control);
    ASSERT_EQ(empty.status, 200) << empty.body;
    auto empty_text = render::ReadDocxText(empty.body);
    ASSERT_TRUE(empty_text) << empty_text.error().message;
    EXPECT_NE(empty_text->find("Không có vi phạm"), std::string::npos) << *empty_text;
    EXPECT_EQ(empty_text->find("12/QĐ-UBND"), std::string::npos);

    // Unknown format, someone outside the unit.
    auto pdf = api.Call(Method::kGet, "/api/v1/publication-decisions/violations?unit=46&format=pdf",
                        "", &control);
    EXPECT_EQ(pdf.status, 400);
    EXPECT_NE(pdf.body.find("docx"), std::string::npos) << pdf.body;
    Browser desk = api.SignIn("motcua");
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/publication-decisions/violations?unit=46&format=docx",
                       "", &desk)
                  .status,
              403);
}

TEST_F(PublicationDecisionApiTest, TheConventionSettingAppliesFromItsDayOn) {
    // The administrator makes calendar days the default from Tuesday 10/2/2026. A decision that
    // does not choose takes the setting in force on its signature day: the Tết case (law in
    // force 25/2, signed 13/2) is then on time; a decision signed on 5/2 keeps working days; a
    // later change (back to working days from 20/2) alters neither.
    const std::string path = "/api/v1/settings/publication.day_convention";
    Browser admin = api.SignIn("quantri");
    auto got = api.Call(Method::kGet, path, "", &admin);
    ASSERT_EQ(got.status, 200) << got.body;
    json::value v = Body(got);
    EXPECT_EQ(v.at("value_today").as_string(), "working_days");
    EXPECT_EQ(v.at("default").as_string(), "working_days");
    EXPECT_EQ(v.at("version").as_int64(), 0);
    EXPECT_TRUE(v.at("next").is_null());

    // Refusals, each losing nothing.
    const std::int64_t audits = api.Count("audit_log");
    const auto put = [&](const std::string& body, const Browser* who) {
        return api.Call(Method::kPut, path, body, who);
    };
    EXPECT_EQ(api.Call(Method::kGet, path, "", &control).status, 403);
    EXPECT_EQ(api.Call(Method::kGet, path).status, 401);
    EXPECT_EQ(
        put(R"({"value":"calendar_days","valid_from":"2026-02-10","version":0})", &control).status,
        403);
    EXPECT_EQ(
        put(R"({"value":"calendar_days","valid_from":"2026-02-10","version":0})", &leader).status,
        403);
    auto bad_value = put(R"({"value":"lunar_days","valid_from":"2026-02-10","version":0})", &admin);
    EXPECT_EQ(bad_value.status, 400);
    EXPECT_NE(bad_value.body.find("lunar_days"), std::string::npos) << bad_value.body;
    auto backdated =
        put(R"({"value":"calendar_days","valid_from":"2026-02-02","version":0})", &admin);
    EXPECT_EQ(backdated.status, 400);
    EXPECT_NE(backdated.body.find("sau hôm nay"), std::string::npos) << backdated.body;
    EXPECT_EQ(
        put(R"({"value":"calendar_days","valid_from":"10/02/2026","version":0})", &admin).status,
        400);
    EXPECT_EQ(put(R"({"value":1,"valid_from":"2026-02-10","version":0})", &admin).status, 400);
    EXPECT_EQ(put(R"({"value":"calendar_days","valid_from":"2026-02-10"})", &admin).status, 400);
    EXPECT_EQ(put("{not json", &admin).status, 400);
    EXPECT_EQ(
        put(R"({"value":"calendar_days","valid_from":"2026-02-10","version":3})", &admin).status,
        409);
    EXPECT_EQ(api.Call(Method::kPut, "/api/v1/settings/no.such.key",
                       R"({"value":"x","valid_from":"2026-02-10","version":0})", &admin)
                  .status,
              404);
    EXPECT_EQ(api.Count("audit_log"), audits);
    EXPECT_EQ(Body(api.Call(Method::kGet, path, "", &admin)).at("version").as_int64(), 0);

    auto changed =
        put(R"({"value":"calendar_days","valid_from":"2026-02-10","version":0})", &admin);
    ASSERT_EQ(changed.status, 200) << changed.body;
    v = Body(changed);
    EXPECT_EQ(v.at("version").as_int64(), 1);
    EXPECT_EQ(v.at("value_today").as_string(), "working_days") << "not before its day";
    EXPECT_EQ(v.at("next").at("value").as_string(), "calendar_days");
    EXPECT_EQ(v.at("history").at(0).at("changed_by").as_string(), "quantri");
    EXPECT_EQ(api.Count("audit_log"), audits + 1);
    // The same version again is stale now.
    EXPECT_EQ(
        put(R"({"value":"working_days","valid_from":"2026-03-01","version":0})", &admin).status,
        409);

    // Signed on 5/2 (before the change), no convention chosen: working days.
    At("2026-02-05T09:00:00+07:00");
    json::value early = Create(DecisionBody("21/QĐ-UBND", "2026-02-25", "2026-02-05"));
    EXPECT_EQ(early.at("convention_source").as_string(), "setting");
    early = Body(Act(early, "sign"));
    EXPECT_EQ(early.at("convention").as_string(), "working_days");

    // Signed on 13/2, no convention: calendar days, on time (due 20/2).
    At("2026-02-13T15:00:00+07:00");
    json::value d = Create(DecisionBody("22/QĐ-UBND", "2026-02-25", "2026-02-13"));
    EXPECT_EQ(d.at("convention").as_string(), "calendar_days");
    d = Body(Act(d, "sign"));
    EXPECT_EQ(d.at("convention").as_string(), "calendar_days");
    EXPECT_EQ(d.at("convention_source").as_string(), "setting");
    EXPECT_TRUE(d.at("check").at("on_time").as_bool());
    EXPECT_EQ(d.at("check").at("latest").as_string(), "2026-02-20");
    // The same day with an explicit choice: the decision's own (late by working days).
    std::string explicit_body = DecisionBody("23/QĐ-UBND", "2026-02-25", "2026-02-13");
    explicit_body.insert(1, R"("convention":"working_days",)");
    json::value own = Body(Act(Create(explicit_body), "sign"));
    EXPECT_EQ(own.at("convention_source").as_string(), "decision");
    EXPECT_FALSE(own.at("check").at("on_time").as_bool());

    // Back to working days from 20/2: the decisions signed before keep theirs.
    admin = api.SignIn("quantri");
    ASSERT_EQ(
        put(R"({"value":"working_days","valid_from":"2026-02-20","version":1})", &admin).status,
        200);
    At("2026-03-03T09:00:00+07:00");
    d = Body(api.Call(Method::kGet, Path(d), "", &control));
    EXPECT_EQ(d.at("convention").as_string(), "calendar_days");
    EXPECT_TRUE(d.at("check").at("on_time").as_bool());
    early = Body(api.Call(Method::kGet, Path(early), "", &control));
    EXPECT_EQ(early.at("convention").as_string(), "working_days");
    // A draft planned after 20/2 takes the new value.
    json::value later = Create(DecisionBody("24/QĐ-UBND", "2026-04-01", "2026-03-03"));
    EXPECT_EQ(later.at("convention").as_string(), "working_days");
    admin = api.SignIn("quantri");
    auto today = api.Call(Method::kGet, path, "", &admin);
    ASSERT_EQ(today.status, 200) << today.body;
    v = Body(today);
    EXPECT_EQ(v.at("value_today").as_string(), "working_days");
    EXPECT_EQ(v.at("history").as_array().size(), 2U);
}

TEST_F(PublicationDecisionApiTest, IndicatorsOneOneAndOneTwoFromStoredDecisions) {
    // A scope without decisions: "Chưa có dữ liệu" (no rate).
    auto before = api.Call(
        Method::kGet, "/api/v1/indicators?unit=46&period=2026-02&window=calendar", "", &leader);
    ASSERT_EQ(before.status, 200) << before.body;
    auto find = [](const json::value& report, std::string_view id) -> json::object {
        for (const json::value& g : report.at("groups").as_array()) {
            for (const json::value& i : g.at("indicators").as_array()) {
                if (i.at("id").as_string() == id) {
                    return i.as_object();
                }
            }
        }
        ADD_FAILURE() << "no indicator " << id;
        return {};
    };
    const json::value empty = Body(before);
    EXPECT_TRUE(find(empty, "1.1").at("rate_percent").is_null())
        << json::serialize(find(empty, "1.1"));
    EXPECT_NE(json::serialize(find(empty, "1.1")).find("Chưa có dữ liệu"), std::string::npos);

    // February 2026: decision A (1.002010, 1.999001) on time and entered on time; decision B
    // (1.002010 again, 1.000058) late before Tết. 1.1 counts each procedure once and late if any
    // decision naming it was: only 1.999001 is on time → 1/3. 1.2: 1.002010 and 1.999001 entered
    // on time in February; 1.000058 entered in March after its deadline (27/2) → 2/3.
    At("2026-02-23T10:00:00+07:00");
    json::value a = Create(DecisionBody("20/QĐ-UBND", "2026-03-02", "2026-02-23"));
    a = Body(Act(a, "sign"));
    a = Body(Act(a, "database-entry", R"(,"on":"2026-02-23")"));
    const std::string b_body =
        R"({"issuing_unit":"46","number":"21/QĐ-UBND","signer":"A","signed_on":"2026-02-13",)"
        R"("legal_documents":[{"number":"2/2026/NQ-HĐND","effective_on":"2026-02-25"}],)"
        R"("items":[{"procedure_code":"1.002010","change":"amended"},)"
        R"({"procedure_code":"1.000058","change":"amended"}]})";
    json::value b = Create(b_body);
    b = Body(Act(b, "sign"));
    ASSERT_FALSE(b.at("check").at("on_time").as_bool());
    b = Body(Act(b, "database-entry", R"(,"on":"2026-02-23")"));  // due 27/2: on time
    At("2026-03-05T10:00:00+07:00");
    b = Body(Act(b, "database-entry", R"(,"on":"2026-03-05","procedures":["1.000058"])"));

    auto r = api.Call(Method::kGet, "/api/v1/indicators?unit=46&period=2026-02&window=calendar", "",
                      &leader);
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value report = Body(r);
    const json::object one = find(report, "1.1");
    EXPECT_EQ(one.at("numerator").as_int64(), 1) << json::serialize(one);
    EXPECT_EQ(one.at("denominator").as_int64(), 3) << json::serialize(one);
    const json::object two = find(report, "1.2");
    // Entered in February: 1.002010 (twice, on time), 1.999001 (on time); 1.000058 entered in
    // March, its deadline 27/2 passed in February → counted late.
    EXPECT_EQ(two.at("numerator").as_int64(), 2) << json::serialize(two);
    EXPECT_EQ(two.at("denominator").as_int64(), 3) << json::serialize(two);

    // A month with decisions stored but none counted: a zero denominator, no rate.
    auto june = api.Call(Method::kGet, "/api/v1/indicators?unit=46&period=2025-06&window=calendar",
                         "", &leader);
    ASSERT_EQ(june.status, 200) << june.body;
    const json::object j = find(Body(june), "1.1");
    EXPECT_EQ(j.at("denominator").as_int64(), 0);
    EXPECT_TRUE(j.at("rate_percent").is_null());
}

TEST_F(PublicationDecisionApiTest, BadInputIsRefusedAndLosesNothing) {
    const std::int64_t before = api.Count("publication_decisions");
    auto post = [this](const std::string& body) {
        return api.Call(Method::kPost, "/api/v1/publication-decisions", body, &control);
    };
    // Malformed JSON, wrong types, missing parts.
    for (const std::string& body : {
             std::string("{not json"),
             std::string("[]"),
             std::string(R"({"issuing_unit":46})"),
             DecisionBody("1", "2026-03-02").replace(1, 0, R"("convention":5,)"),
             std::string(R"({"issuing_unit":"46","number":"x","legal_documents":[],"items":[]})"),
             DecisionBody("x", "2026-13-45"),
             DecisionBody("x", "2026-03-02").replace(1, 0, R"("issuer":"commune",)"),
         }) {
        auto r = post(body);
        EXPECT_EQ(r.status, 400) << body << " → " << r.body;
        EXPECT_EQ(r.content_type, "application/problem+json");
    }
    // An amended item naming an unknown procedure: 404 naming the item.
    std::string unknown = DecisionBody("30/QĐ-UBND", "2026-03-02");
    unknown.replace(unknown.find("1.002010"), 8, "1.888888");
    auto r = post(unknown);
    EXPECT_EQ(r.status, 404) << r.body;
    EXPECT_NE(r.body.find("Mục 1 (1.888888)"), std::string::npos) << r.body;
    // An added item with invalid fields names the item.
    std::string bad_fields = DecisionBody("31/QĐ-UBND", "2026-03-02");
    bad_fields.replace(bad_fields.find(R"("levels":["province"])"), 21, R"("levels":["planet"])");
    r = post(bad_fields);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_NE(r.body.find("Mục 2 (1.999001)"), std::string::npos) << r.body;
    EXPECT_EQ(api.Count("publication_decisions"), before);

    // Duplicate number: 409.
    json::value d = Create(DecisionBody("32/QĐ-UBND", "2026-03-02"));
    r = post(DecisionBody("32/QĐ-UBND", "2026-03-02"));
    EXPECT_EQ(r.status, 409) << r.body;

    // Stale version on edit (body and If-Match): 409.
    auto edit = api.Call(Method::kPut, Path(d),
                         DecisionBody("32/QĐ-UBND", "2026-03-09").replace(1, 0, R"("version":1,)"),
                         &control);
    ASSERT_EQ(edit.status, 200) << edit.body;
    EXPECT_EQ(Body(edit).at("legal_documents").at(0).at("effective_on").as_string(), "2026-03-09");
    auto stale = api.Call(Method::kPut, Path(d),
                          DecisionBody("32/QĐ-UBND", "2026-03-16").replace(1, 0, R"("version":1,)"),
                          &control);
    EXPECT_EQ(stale.status, 409) << stale.body;
    api.SetHeader("if-match", "\"v1\"");
    stale = api.Call(Method::kPut, Path(d), DecisionBody("32/QĐ-UBND", "2026-03-16"), &control);
    api.ClearHeaders();
    EXPECT_EQ(stale.status, 409) << stale.body;

    // Applying a draft: 409; signing without a version: 400.
    d = Body(api.Call(Method::kGet, Path(d), "", &control));
    EXPECT_EQ(Act(d, "apply").status, 409);
    EXPECT_EQ(api.Call(Method::kPost, Path(d) + "/sign", "{}", &control).status, 400);
    // A day recorded on a draft: 409.
    EXPECT_EQ(Act(d, "database-entry", R"(,"on":"2026-02-02")").status, 409);
}

TEST_F(PublicationDecisionApiTest, OnlyControlOfficersAndLeadersOfTheIssuingUnit) {
    json::value d = Create(DecisionBody("40/QĐ-UBND", "2026-03-02"));
    for (const char* name : {"motcua", "chuyenvien", "congdan", "lanhdaostp"}) {
        const Browser other = api.SignIn(name);
        auto r = api.Call(Method::kPost, "/api/v1/publication-decisions",
                          DecisionBody(std::string("41-") + name, "2026-03-02"), &other);
        EXPECT_EQ(r.status, 403) << name << " " << r.body;
        EXPECT_EQ(api.Call(Method::kGet, Path(d), "", &other).status, 404) << name;
    }
    // The leader of the issuing unit reads and signs.
    auto got = api.Call(Method::kGet, Path(d), "", &leader);
    ASSERT_EQ(got.status, 200) << got.body;
    auto signed_r = api.Call(Method::kPost, Path(d) + "/sign", R"({"version":1})", &leader);
    EXPECT_EQ(signed_r.status, 200) << signed_r.body;
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/publication-decisions").status, 401);
}

}  // namespace
}  // namespace motcua::testing
