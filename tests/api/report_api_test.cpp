// Form 06 / II.06a through /api/v1/reports/tthc-settlement (issue #6): dossiers driven through
// the real actions with the fake clock placed before and inside the window; exact cells in both
// window rules; who may see the report; bad input.
#include <array>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "app/correction_letters.hpp"
#include "calendar/instant.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;
using http::Method;

json::value Body(const http::Response& r) {
    std::error_code ec;
    json::value v = json::parse(r.body, ec);
    EXPECT_FALSE(ec) << r.body;
    return v;
}

std::string Str(const json::value& v, std::string_view key) {
    const json::value& x = v.at(key);
    return x.is_string() ? std::string(x.as_string()) : std::string();
}

// Sở Tư pháp: 7 working days, province level.
constexpr std::string_view kIntake =
    R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","channel":"direct",)"
    R"("applicant":{"name":"Nguyễn Văn An","id_number":"046090001234","phone":"0912345678",)"
    R"("address":"12 Lê Lợi, Huế"}})";

// Cells as [online, direct_postal, carried_over, early, on_time, late, within, overdue], with
// the totals checked against them.
void ExpectRow(const json::value& row, std::array<std::int64_t, 8> c) {
    const auto& rec = row.at("received");
    const auto& set = row.at("settled");
    const auto& prog = row.at("in_progress");
    EXPECT_EQ(rec.at("online").as_int64(), c[0]) << json::serialize(row);
    EXPECT_EQ(rec.at("direct_postal").as_int64(), c[1]) << json::serialize(row);
    EXPECT_EQ(rec.at("carried_over").as_int64(), c[2]) << json::serialize(row);
    EXPECT_EQ(rec.at("total").as_int64(), c[0] + c[1] + c[2]);
    EXPECT_EQ(set.at("early").as_int64(), c[3]) << json::serialize(row);
    EXPECT_EQ(set.at("on_time").as_int64(), c[4]) << json::serialize(row);
    EXPECT_EQ(set.at("late").as_int64(), c[5]) << json::serialize(row);
    EXPECT_EQ(set.at("total").as_int64(), c[3] + c[4] + c[5]);
    EXPECT_EQ(prog.at("within").as_int64(), c[6]) << json::serialize(row);
    EXPECT_EQ(prog.at("overdue").as_int64(), c[7]) << json::serialize(row);
    EXPECT_EQ(prog.at("total").as_int64(), c[6] + c[7]);
}

class ReportApiTest : public ::testing::Test {
protected:
    // Places the clock at a Vietnam-time instant and signs everyone in again.
    void At(std::string_view instant) {
        api.clock().Set(*calendar::ParseInstant(instant));
        desk = api.SignIn("motcua");
        specialist = api.SignIn("chuyenvien");
        leader = api.SignIn("lanhdaostp");
    }

    std::string Receive() {
        const auto r = api.Call(Method::kPost, "/api/v1/dossiers", kIntake, &desk);
        EXPECT_EQ(r.status, 201) << r.body;
        return Str(Body(r), "code");
    }

    void Act(const Browser& who, const std::string& code, const std::string& body) {
        const auto r = api.Call(Method::kPost, "/api/v1/dossiers/" + code + "/actions", body, &who);
        ASSERT_EQ(r.status, 200) << r.body;
    }

    void Transfer(const std::string& code) {
        Act(desk, code, R"({"action":"transfer","version":1})");
    }

    // From processing to result_ready at the clock's current instant.
    void Settle(const std::string& code) {
        Act(specialist, code, R"({"action":"complete_step","version":2})");
        Act(leader, code, R"({"action":"approve","version":3})");
        Act(specialist, code,
            R"({"action":"record_result","version":4,"result_summary":"Giấy đăng ký số 1"})");
    }

    http::Response Report(const Browser* who, const std::string& query) {
        return api.Call(Method::kGet, "/api/v1/reports/tthc-settlement?" + query, "", who);
    }

    ApiFixture api;
    Browser desk;
    Browser specialist;
    Browser leader;
};

TEST_F(ReportApiTest, QuarterCellsInBothWindowRules) {
    // Before the reporting window of 2026-Q1 (15/12/2025 – 14/3/2026).
    At("2025-12-08T09:00:00+07:00");
    const std::string carried = Receive();  // open throughout: carried over, overdue
    Transfer(carried);
    const std::string before = Receive();  // settled before the window: not counted
    Transfer(before);
    At("2025-12-10T09:00:00+07:00");
    Settle(before);

    At("2026-01-05T09:00:00+07:00");  // due 7 working days later (14/1)
    const std::string early = Receive();
    Transfer(early);
    const std::string open = Receive();  // still open at the end: overdue
    Transfer(open);
    const std::string late = Receive();
    Transfer(late);
    At("2026-01-07T09:00:00+07:00");
    Settle(early);
    At("2026-02-02T09:00:00+07:00");
    Settle(late);

    At("2026-03-13T09:00:00+07:00");  // due after 14/3 but before 31/3
    const std::string recent = Receive();
    Transfer(recent);
    At("2026-03-20T09:00:00+07:00");  // after the reporting window, inside the calendar one
    const std::string outside = Receive();

    const Browser boss = api.SignIn("lanhdao");
    auto r = Report(&boss, "unit=46&period=2026-Q1");
    ASSERT_EQ(r.status, 200) << r.body;
    json::value body = Body(r);
    EXPECT_EQ(Str(body, "period"), "2026-Q1");
    EXPECT_EQ(Str(body, "window"), "reporting");
    EXPECT_EQ(Str(body, "from"), "2025-12-15");
    EXPECT_EQ(Str(body, "to"), "2026-03-14");
    EXPECT_EQ(Str(body.at("unit"), "code"), "46");
    // Received: 4 new (early, open, late, recent) + 1 carried over; settled: early + late;
    // in progress: carried and open overdue, recent within.
    ExpectRow(body.at("total"), {0, 4, 1, 1, 0, 1, 1, 2});
    ASSERT_EQ(body.at("rows").as_array().size(), 1U);
    EXPECT_EQ(Str(body.at("rows").at(0), "label"), "Luật sư");
    ExpectRow(body.at("rows").at(0), {0, 4, 1, 1, 0, 1, 1, 2});
    ASSERT_EQ(body.at("by_unit").as_array().size(), 1U);
    EXPECT_EQ(Str(body.at("by_unit").at(0), "label"), "Sở Tư pháp thành phố Huế");
    ExpectRow(body.at("by_unit").at(0), {0, 4, 1, 1, 0, 1, 1, 2});

    // Calendar window 1/1 – 31/3/2026: `outside` is new, `recent` and `outside` are overdue by
    // 31/3 only if due before it (recent: yes; outside: due 31/3 09:00, yes).
    r = Report(&boss, "unit=46&period=2026-Q1&window=calendar");
    ASSERT_EQ(r.status, 200) << r.body;
    body = Body(r);
    EXPECT_EQ(Str(body, "from"), "2026-01-01");
    EXPECT_EQ(Str(body, "to"), "2026-03-31");
    EXPECT_EQ(Str(body, "window"), "calendar");
    ExpectRow(body.at("total"), {0, 5, 1, 1, 0, 1, 0, 4});

    // The department's own report (the settling unit itself), month of January (15/12–14/1).
    r = Report(&boss, "unit=46.SOTP&period=2026-01");
    ASSERT_EQ(r.status, 200) << r.body;
    body = Body(r);
    EXPECT_EQ(Str(body, "from"), "2025-12-15");
    EXPECT_EQ(Str(body, "to"), "2026-01-14");
    // carried over: carried; new: early, open, late; settled: early; in progress at 14/1 24:00:
    // carried (due 17/12: overdue), open and late (due 14/1 09:00: overdue).
    ExpectRow(body.at("total"), {0, 3, 1, 1, 0, 0, 0, 3});
    (void)outside;
}

TEST_F(ReportApiTest, OnlyLeadersControlOfficersAndAdminsInScope) {
    api.AddUser("xa_kiemsoat", "control_officer", "19753");
    for (const char* name : {"lanhdao", "kiemsoat", "quantri"}) {
        const Browser who = api.SignIn(name);
        EXPECT_EQ(Report(&who, "unit=46&period=2026-Q4").status, 200) << name;
    }
    for (const char* name : {"congdan", "motcua", "chuyenvien", "xa_kiemsoat"}) {
        const Browser who = api.SignIn(name);
        const auto r = Report(&who, "unit=46&period=2026-Q4");
        EXPECT_EQ(r.status, 403) << name << r.body;
        EXPECT_NE(r.body.find("báo cáo"), std::string::npos) << r.body;
        EXPECT_EQ(r.body.find("rows"), std::string::npos) << r.body;
    }
    // The commune's control officer may report on the commune.
    const Browser xa = api.SignIn("xa_kiemsoat");
    EXPECT_EQ(Report(&xa, "unit=19753&period=2026-Q4").status, 200);
    EXPECT_EQ(Report(nullptr, "unit=46&period=2026-Q4").status, 401);
}

TEST_F(ReportApiTest, BadInputIsAClearVietnameseProblem) {
    const Browser boss = api.SignIn("lanhdao");
    struct Case {
        std::string query;
        int status;
        std::string_view words;
    };
    for (const Case& c : {Case{"period=2026-Q3", 400, "unit"}, Case{"unit=46", 400, "period"},
                          Case{"unit=46&period=2026-Q5", 400, "kỳ báo cáo"},
                          Case{"unit=46&period=Q3-2026", 400, "kỳ báo cáo"},
                          Case{"unit=46&period=2026-Q3&window=fiscal", 400, "quy tắc kỳ"},
                          Case{"unit=KHONGCO&period=2026-Q3", 404, "không có đơn vị"}}) {
        const auto r = Report(&boss, c.query);
        EXPECT_EQ(r.status, c.status) << c.query << r.body;
        EXPECT_NE(r.body.find(c.words), std::string::npos) << c.query << r.body;
        EXPECT_EQ(r.content_type, "application/problem+json") << c.query;
    }
}

// Exports (engineer R): the same report as the XLSX and PDF form, as an attachment.
std::string HeaderOf(const http::Response& r, std::string_view name) {
    for (const auto& [key, value] : r.headers) {
        if (key == name) return value;
    }
    return {};
}

TEST_F(ReportApiTest, XlsxAndPdfDownloads) {
    At("2026-08-03T09:00:00+07:00");
    Transfer(Receive());
    const Browser boss = api.SignIn("lanhdao");
    auto r = Report(&boss, "unit=46&period=2026-Q3&format=xlsx");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_EQ(r.body.rfind("PK", 0), 0U);
    EXPECT_EQ(HeaderOf(r, "Content-Disposition"),
              "attachment; filename=\"bao-cao-06-46-2026-Q3.xlsx\"");
    EXPECT_EQ(HeaderOf(r, "Cache-Control"), "no-store");

    r = Report(&boss, "unit=46.SOTP&period=2026-07&window=calendar&format=pdf");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.content_type, "application/pdf");
    EXPECT_EQ(r.body.rfind("%PDF-", 0), 0U);
    EXPECT_EQ(HeaderOf(r, "Content-Disposition"),
              "attachment; filename=\"bao-cao-06-46.SOTP-2026-07.pdf\"");

    // format=json is the default JSON.
    r = Report(&boss, "unit=46&period=2026-Q3&format=json");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Str(Body(r), "period"), "2026-Q3");
}

TEST_F(ReportApiTest, ExportsAreCheckedLikeTheReport) {
    const Browser boss = api.SignIn("lanhdao");
    for (const char* format : {"docx", "XLSX", "", "xlsx%00"}) {
        const auto r = Report(&boss, "unit=46&period=2026-Q3&format=" + std::string(format));
        EXPECT_EQ(r.status, 400) << format << r.body;
        EXPECT_EQ(r.content_type, "application/problem+json") << format;
        EXPECT_NE(r.body.find("Định dạng báo cáo"), std::string::npos) << r.body;
    }
    // No file for someone outside the report's audience, nor for a bad period.
    const Browser desk_officer = api.SignIn("motcua");
    auto r = Report(&desk_officer, "unit=46&period=2026-Q3&format=xlsx");
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(r.content_type, "application/problem+json");
    EXPECT_EQ(Report(nullptr, "unit=46&period=2026-Q3&format=pdf").status, 401);
    r = Report(&boss, "unit=46&period=2026-Q9&format=pdf");
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_NE(r.body.find("kỳ báo cáo"), std::string::npos) << r.body;
}

// The quarterly correction letter (engineer R): overdue dossiers at the period's end, results
// not digitised, online share; DOCX and PDF.
TEST_F(ReportApiTest, CorrectionLetterListsOverdueAndUndigitised) {
    At("2026-07-01T09:00:00+07:00");  // due 7 working days later (10/7)
    const std::string overdue = Receive();
    Transfer(overdue);
    const std::string settled = Receive();
    Transfer(settled);
    At("2026-07-06T09:00:00+07:00");
    Settle(settled);  // finished early, no result document digitised
    At("2026-09-20T09:00:00+07:00");

    auto letter = app::CorrectionLetterAsSystem(api.context(), {"46", "2026-Q3"});
    ASSERT_TRUE(letter) << letter.error().message;
    EXPECT_EQ(letter->overdue_count, 1);
    ASSERT_EQ(letter->overdue.size(), 1U);
    EXPECT_EQ(letter->overdue[0].code, overdue);
    EXPECT_EQ(letter->overdue[0].settling_unit, "Sở Tư pháp thành phố Huế");
    EXPECT_EQ(letter->settled_with_result, 1);
    EXPECT_EQ(letter->undigitised_count, 1);
    ASSERT_EQ(letter->undigitised.size(), 1U);
    EXPECT_EQ(letter->undigitised[0].code, settled);
    EXPECT_EQ(letter->total.direct_postal, 2);
    EXPECT_EQ(letter->total.online, 0);

    const auto today = std::chrono::sys_days{std::chrono::year{2026} / 9 / 20};
    const render::Letter text = app::LetterOf(*letter, today);
    EXPECT_EQ(text.recipient, "Thành phố Huế");
    ASSERT_EQ(text.sections.size(), 4U);
    EXPECT_EQ(text.sections[0].rows.at(0).at(1), overdue);
    EXPECT_NE(text.sections[0].paragraphs[0].find("quá hạn: 1 hồ sơ"), std::string::npos)
        << text.sections[0].paragraphs[0];
    EXPECT_NE(text.sections[2].paragraphs[0].find("trực tuyến: 0 (0,0%)"), std::string::npos)
        << text.sections[2].paragraphs[0];
    EXPECT_NE(text.subject.find("Quý III/2026"), std::string::npos);

    auto docx = app::ExportCorrectionLetter(*letter, app::LetterFormat::kDocx, today);
    ASSERT_TRUE(docx) << docx.error().message;
    EXPECT_EQ(docx->filename, "van-ban-don-doc-46-2026-Q3.docx");
    EXPECT_EQ(docx->bytes.rfind("PK", 0), 0U);
    auto pdf = app::ExportCorrectionLetter(*letter, app::LetterFormat::kPdf, today);
    ASSERT_TRUE(pdf) << pdf.error().message;
    EXPECT_EQ(pdf->bytes.rfind("%PDF-", 0), 0U);

    // Bad input: a clear error, nothing built.
    EXPECT_FALSE(app::ParseLetterFormat("xlsx"));
    auto bad = app::CorrectionLetterAsSystem(api.context(), {"46", "2026-Q9"});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, base::ErrorCode::kInvalidArgument);
    bad = app::CorrectionLetterAsSystem(api.context(), {"KHONGCO", "2026-Q3"});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, base::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace motcua::testing

namespace motcua::testing {
namespace {

// Issue #6: the Decision 766 indicators read from the incremental aggregates over the same kind
// of scenario; an outside fact recorded through the API moves indicator 1.4 at once.
TEST_F(ReportApiTest, IndicatorsOfAQuarterFromTheAggregates) {
    At("2025-12-08T09:00:00+07:00");
    const std::string carried = Receive();
    Transfer(carried);
    At("2026-01-05T09:00:00+07:00");
    const std::string early = Receive();
    Transfer(early);
    const std::string open = Receive();
    Transfer(open);
    At("2026-01-07T09:00:00+07:00");
    Settle(early);

    const Browser boss = api.SignIn("lanhdao");
    auto indicators = [&](const std::string& query) {
        return api.Call(Method::kGet, "/api/v1/indicators?" + query, "", &boss);
    };
    auto value = [](const json::value& body, std::string_view id) -> json::value {
        for (const auto& g : body.at("groups").as_array())
            for (const auto& v : g.at("indicators").as_array())
                if (v.at("id").as_string() == id) return v;
        ADD_FAILURE() << "no indicator " << id;
        return nullptr;
    };
    auto r = indicators("unit=46&period=2026-Q1&window=reporting");
    ASSERT_EQ(r.status, 200) << r.body;
    json::value body = Body(r);
    EXPECT_EQ(Str(body, "from"), "2025-12-15");
    EXPECT_EQ(Str(body, "to"), "2026-03-14");
    const auto& d = body.at("dossiers");
    EXPECT_EQ(d.at("received").as_int64(), 3);
    EXPECT_EQ(d.at("carried_over").as_int64(), 1);
    EXPECT_EQ(d.at("settled").at("early").as_int64(), 1);
    EXPECT_EQ(d.at("in_progress").at("overdue").as_int64(), 2);
    EXPECT_EQ(d.at("facts_unknown").as_int64(), 2);
    // 2.1: (1 early + 0 within) / 3 handled = 33.33% → 6.67 of 20 points.
    json::value v21 = value(body, "2.1");
    EXPECT_EQ(v21.at("numerator").as_int64(), 1);
    EXPECT_EQ(v21.at("denominator").as_int64(), 3);
    EXPECT_DOUBLE_EQ(v21.at("rate_percent").as_double(), 33.33);
    EXPECT_DOUBLE_EQ(v21.at("points").as_double(), 6.67);
    // Publication and feedback have no data yet: no rate, a note, no points.
    EXPECT_TRUE(value(body, "1.1").at("rate_percent").is_null());
    EXPECT_TRUE(value(body, "5.2").as_object().contains("note"));
    // Issue #9: no feedback in the scope — 5.2 has a zero denominator, hence no rate.
    EXPECT_EQ(value(body, "5.2").at("denominator").as_int64(), 0);
    EXPECT_TRUE(value(body, "5.2").at("rate_percent").is_null());
    EXPECT_DOUBLE_EQ(value(body, "1.4").at("rate_percent").as_double(), 0.0);
    // The province's direct children, ranked: the department of justice first.
    ASSERT_FALSE(body.at("children").as_array().empty());
    const auto& first = body.at("children").at(0);
    EXPECT_EQ(first.at("rank").as_int64(), 1);
    EXPECT_EQ(Str(first.at("unit"), "code"), "46.SOTP");
    EXPECT_EQ(first.at("points").as_double(), body.at("points").as_double());

    // One dossier synced to the National Portal: 1.4 = 1/2 at once.
    const auto put = api.Call(Method::kPut, "/api/v1/dossiers/" + early + "/facts",
                              R"({"synced_to_portal":true})", &specialist);
    ASSERT_EQ(put.status, 200) << put.body;
    body = Body(indicators("unit=46&period=2026-Q1&window=reporting"));
    EXPECT_DOUBLE_EQ(value(body, "1.4").at("rate_percent").as_double(), 50.0);
    EXPECT_EQ(body.at("dossiers").at("facts_unknown").as_int64(), 1);

    // Filters: the procedure all the dossiers follow, its field, another procedure; a date range.
    r = indicators("unit=46&period=2026-Q1&window=reporting&procedure=1.002010");
    ASSERT_EQ(r.status, 200) << r.body;
    body = Body(r);
    EXPECT_EQ(body.at("dossiers").at("received").as_int64(), 3);
    EXPECT_EQ(Str(body, "procedure"), "1.002010");
    r = indicators("unit=46&period=2026-Q1&window=reporting&field=Lu%E1%BA%ADt%20s%C6%B0");
    ASSERT_EQ(r.status, 200) << r.body;
    body = Body(r);
    EXPECT_EQ(body.at("dossiers").at("received").as_int64(), 3) << json::serialize(body);
    r = indicators("unit=46&period=2026-Q1&window=reporting&procedure=1.002055");
    ASSERT_EQ(r.status, 200) << r.body;
    body = Body(r);
    EXPECT_EQ(body.at("dossiers").at("received").as_int64(), 0);
    EXPECT_TRUE(value(body, "2.1").at("rate_percent").is_null());
    r = indicators("unit=46&from=2026-01-01&to=2026-01-06");
    ASSERT_EQ(r.status, 200) << r.body;
    body = Body(r);
    EXPECT_EQ(Str(body, "period"), "2026-01-01..2026-01-06");
    EXPECT_EQ(body.at("dossiers").at("received_in_period").as_int64(), 2);
    EXPECT_EQ(body.at("dossiers").at("carried_over").as_int64(), 1);

    for (const auto& [query, status] :
         std::vector<std::pair<std::string, int>>{{"period=2026-Q1", 400},
                                                  {"unit=46&from=2026-01-01", 400},
                                                  {"unit=46&from=2026-02-01&to=2026-01-01", 400},
                                                  {"unit=46&from=2020-01-01&to=2026-01-01", 400},
                                                  {"unit=46&from=2026-02-30&to=2026-03-01", 400},
                                                  {"unit=46&period=2026&procedure=9.999999", 404},
                                                  {"unit=46&period=2026&field=Kh%C3%B4ng", 404},
                                                  {"unit=46", 400},
                                                  {"unit=46&period=2026-13", 400},
                                                  {"unit=46&period=2026&window=x", 400},
                                                  {"unit=KHONGCO&period=2026", 404}}) {
        const auto bad = indicators(query);
        EXPECT_EQ(bad.status, status) << query << bad.body;
        EXPECT_NE(bad.body.find("detail"), std::string::npos);
    }
    const Browser desk_officer = api.SignIn("motcua");
    EXPECT_EQ(
        api.Call(Method::kGet, "/api/v1/indicators?unit=46&period=2026", "", &desk_officer).status,
        403);
    (void)open;
    (void)carried;
}

}  // namespace
}  // namespace motcua::testing

namespace motcua::testing {
namespace {

// Issue #6: the correction letter through the API, as DOCX and PDF.
TEST_F(ReportApiTest, CorrectionLetterDownloads) {
    At("2026-07-06T09:00:00+07:00");
    const std::string code = Receive();
    Transfer(code);
    api.clock().Set(*calendar::ParseInstant("2026-10-20T09:00:00+07:00"));
    const Browser boss = api.SignIn("lanhdao");
    auto r = api.Call(
        Method::kGet,
        "/api/v1/reports/correction-letter?unit=46.SOTP&period=2026-Q3&window=calendar", "", &boss);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.body.substr(0, 2), "PK");  // a zip container (DOCX)
    EXPECT_NE(r.content_type.find("wordprocessingml"), std::string::npos);
    r = api.Call(Method::kGet,
                 "/api/v1/reports/correction-letter?unit=46.SOTP&period=2026-Q3&format=pdf", "",
                 &boss);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.body.substr(0, 5), "%PDF-");
    EXPECT_EQ(api.Call(Method::kGet,
                       "/api/v1/reports/correction-letter?unit=46.SOTP&period=2026-Q3&format=odt",
                       "", &boss)
                  .status,
              400);
    EXPECT_EQ(
        api.Call(Method::kGet, "/api/v1/reports/correction-letter?unit=46.SOTP", "", &boss).status,
        400);
    const Browser desk_officer = api.SignIn("motcua");
    EXPECT_EQ(
        api.Call(Method::kGet, "/api/v1/reports/correction-letter?unit=46.SOTP&period=2026-Q3", "",
                 &desk_officer)
            .status,
        403);
}

}  // namespace
}  // namespace motcua::testing
