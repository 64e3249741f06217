// Public posting at the desks and the catalogue exchange document through /api/v1 (issue #8,
// engineer E): what a desk receives, recording postings and their check against the catalogue
// in force as versions change, bad input (unknown desk, unknown or stale versions, malformed
// JSON, duplicates, dates), access, indicator 1.3 worked by hand, the public unit list without
// personal data, and the exchange document's round trip, dry run and refusals.
#include <set>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "app/posting.hpp"
#include "calendar/instant.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;
using http::Method;

constexpr std::string_view kDesk = "/api/v1/posting/desks/19753.BPMC";

json::value Body(const http::Response& r) {
    std::error_code ec;
    json::value v = json::parse(r.body, ec);
    EXPECT_FALSE(ec) << r.body;
    return v;
}

std::int64_t Int(const json::value& v, std::string_view key) {
    return v.at(key).as_int64();
}

class PostingApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        desk = api.SignIn("motcuaxa");
        control = api.SignIn("kiemsoat");
    }

    json::value DeskState() {
        auto r = api.Call(Method::kGet, kDesk, "", &desk);
        EXPECT_EQ(r.status, 200) << r.body;
        return Body(r);
    }

    http::Response Post(std::string_view body) {
        return api.Call(Method::kPost, std::string(kDesk) + "/postings", body, &desk);
    }

    // The procedures in force today at the commune level, per the public catalogue search.
    std::int64_t CommuneTotal() {
        auto r = api.Call(Method::kGet, "/api/v1/procedures?level=commune&limit=1");
        EXPECT_EQ(r.status, 200) << r.body;
        return Int(Body(r), "total");
    }

    // Every version of the commune's procedures, from the exchange document.
    json::array CommuneVersions() {
        auto r = api.Call(Method::kGet, "/api/v1/export/catalogue?unit=19753");
        EXPECT_EQ(r.status, 200) << r.body;
        return Body(r).at("procedures").as_array();
    }

    http::Response Import(const std::string& doc, bool dry_run = false) {
        return api.Call(Method::kPost,
                        std::string("/api/v1/import/catalogue") + (dry_run ? "?dry_run=1" : ""),
                        doc, &control);
    }

    void At(std::string_view instant) { api.clock().Set(*calendar::ParseInstant(instant)); }

    ApiFixture api;
    Browser desk;
    Browser control;
};

TEST_F(PostingApiTest, DeskReceivesItsLevelsProceduresAndTheCheckFollowsTheCatalogue) {
    const std::int64_t commune = CommuneTotal();
    ASSERT_GT(commune, 10);

    // Never posted: no posting, not complete, everything received.
    json::value s = DeskState();
    EXPECT_TRUE(s.at("latest").is_null());
    EXPECT_FALSE(s.at("complete").as_bool());
    EXPECT_EQ(Int(s, "received"), commune);

    // The sheet and the public list hold exactly what the desk receives.
    auto sheet = api.Call(Method::kGet, std::string(kDesk) + "/sheet");
    ASSERT_EQ(sheet.status, 200) << sheet.body;
    EXPECT_EQ(static_cast<std::int64_t>(Body(sheet).at("items").as_array().size()), commune);
    auto unit = api.Call(Method::kGet, "/api/v1/units/19753/procedures");
    ASSERT_EQ(unit.status, 200) << unit.body;
    EXPECT_EQ(Int(Body(unit), "total"), commune);
    EXPECT_EQ(Body(unit).at("desks").as_array().at(0).at("code").as_string(), "19753.BPMC");

    // Record a posting of everything: complete, audited.
    const std::int64_t audits = api.Count("audit_log");
    auto posted = Post(R"({"layout":"board","note":"Bảng niêm yết tầng 1"})");
    ASSERT_EQ(posted.status, 201) << posted.body;
    EXPECT_EQ(Int(Body(posted), "item_count"), commune);
    EXPECT_EQ(api.Count("audit_log"), audits + 1);
    s = DeskState();
    EXPECT_TRUE(s.at("complete").as_bool()) << json::serialize(s);
    EXPECT_EQ(Int(s, "posted_current"), commune);
    EXPECT_EQ(s.at("latest").at("officer").as_string(), "Ngô Thị Xuân");

    // The catalogue changes: a new version of a commune procedure from today, and a new commune
    // procedure in force until tomorrow.
    json::array versions = CommuneVersions();
    json::object amended;
    for (const json::value& v : versions) {
        const auto& o = v.as_object();
        const json::value* levels = o.if_contains("levels");
        if (levels != nullptr && levels->as_array().size() == 1 &&
            levels->as_array()[0].as_string() == "commune" && !o.contains("effective_to")) {
            amended = o;
            break;
        }
    }
    ASSERT_FALSE(amended.empty());
    const std::string amended_code(amended.at("code").as_string());
    const std::string old_from(amended.at("effective_from").as_string());
    amended["effective_from"] = "2026-11-27";
    amended["fees"] = "Miễn phí (sửa đổi)";
    json::object fresh{{"code", "2.990001"},
                       {"name", "Thủ tục thử nghiệm cấp xã"},
                       {"field", "Hộ tịch"},
                       {"levels", json::array{"commune"}},
                       {"effective_from", "2026-11-01"},
                       {"effective_to", "2026-11-28"}};
    const std::string doc = json::serialize(json::object{
        {"format", "motcua-catalogue/1"}, {"procedures", json::array{amended, fresh}}});
    auto imported = Import(doc);
    ASSERT_EQ(imported.status, 201) << imported.body;
    EXPECT_EQ(Int(Body(imported), "created"), 2);

    s = DeskState();
    EXPECT_FALSE(s.at("complete").as_bool());
    EXPECT_EQ(Int(s, "missing"), 1);
    EXPECT_EQ(Int(s, "outdated"), 1);
    EXPECT_EQ(Int(s, "not_in_force"), 0);
    std::set<std::string> flagged;
    for (const json::value& f : s.at("findings").as_array()) {
        flagged.insert(std::string(f.at("finding").as_string()) + ":" +
                       std::string(f.at("code").as_string()));
    }
    EXPECT_EQ(flagged, (std::set<std::string>{"missing:2.990001", "outdated:" + amended_code}));

    // Posting the superseded version is refused, naming the item and the version in force.
    auto stale = Post(R"({"items":[{"code":")" + amended_code + R"(","effective_from":")" +
                      old_from + R"("}]})");
    EXPECT_EQ(stale.status, 400) << stale.body;
    EXPECT_NE(stale.body.find("đã được thay thế"), std::string::npos) << stale.body;

    // A new posting of everything: complete again.
    ASSERT_EQ(Post("{}").status, 201);
    EXPECT_TRUE(DeskState().at("complete").as_bool());

    // Two days later the new procedure is no longer in force: still on the board.
    At("2026-11-29T09:00:00+07:00");
    desk = api.SignIn("motcuaxa");  // the earlier session has expired
    s = DeskState();
    EXPECT_EQ(Int(s, "not_in_force"), 1) << json::serialize(s);
    EXPECT_EQ(Int(s, "missing"), 0);
    EXPECT_FALSE(s.at("complete").as_bool());
}

TEST_F(PostingApiTest, BadPostingsAreRefusedAndWriteNothing) {
    const std::int64_t before = api.Count("postings");
    struct Case {
        std::string target;
        std::string body;
        int status;
        std::string says;
    };
    const std::string p = std::string(kDesk) + "/postings";
    const std::vector<Case> cases = {
        {"/api/v1/posting/desks/99999.BPMC/postings", "{}", 404, "không có bộ phận"},
        {"/api/v1/posting/desks/19753/postings", "{}", 404, "không có bộ phận"},  // not a desk
        {p, R"({"items":[{"code":"1.999999","effective_from":"2025-07-01"}]})", 400,
         "không có thủ tục này"},
        {p, R"({"items":[{"code":"abc","effective_from":"2025-07-01"}]})", 400,
         "mã thủ tục không hợp lệ"},
        {p, "{\"items\":[", 400, "JSON"},
        {p, R"({"items":"all"})", 400, "items"},
        {p, R"({"items":[{"code":"2.000001"}]})", 400, "effective_from"},
        {p, R"({"posted_on":"2026-12-01"})", 400, "tương lai"},
        {p, R"({"posted_on":"2024-01-01"})", 400, "quá một năm"},
        {p, R"({"posted_on":"2026-02-30"})", 400, "posted_on"},
        {p, R"({"layout":"poster"})", 400, "layout"},
        {p, R"({"colour":"red"})", 400, "colour"},
        {p, R"({"items":[]})", 400, "không có thủ tục nào"},
    };
    for (const Case& c : cases) {
        auto r = api.Call(Method::kPost, c.target, c.body, &desk);
        EXPECT_EQ(r.status, c.status) << c.target << " " << c.body << " → " << r.body;
        EXPECT_NE(r.body.find(c.says), std::string::npos) << c.body << " → " << r.body;
        EXPECT_EQ(r.content_type.find("application/problem+json"), 0U) << r.content_type;
    }
    // Every bad item of one posting is named, and a code listed twice is refused.
    const json::array versions = CommuneVersions();
    std::string code;
    std::string from;
    for (const json::value& v : versions) {
        if (!v.as_object().contains("effective_to")) {
            code = v.at("code").as_string();
            from = v.at("effective_from").as_string();
            break;
        }
    }
    const std::string item = R"({"code":")" + code + R"(","effective_from":")" + from + R"("})";
    auto twice = Post(R"({"items":[)" + item + "," + item +
                      R"(,{"code":"1.999999","effective_from":"2025-07-01"},)"
                      R"({"code":")" +
                      code + R"(","effective_from":"2001-01-01"}]})");
    EXPECT_EQ(twice.status, 400) << twice.body;
    EXPECT_NE(twice.body.find("3 mục không hợp lệ"), std::string::npos) << twice.body;
    EXPECT_NE(twice.body.find("mục 2"), std::string::npos) << twice.body;
    EXPECT_NE(twice.body.find("mục 3"), std::string::npos) << twice.body;
    EXPECT_NE(twice.body.find("mục 4"), std::string::npos) << twice.body;
    // A procedure of another level is not received at a commune desk.
    auto province = api.Call(Method::kGet, "/api/v1/procedures?level=province&limit=100");
    std::string province_code;
    std::string province_from;
    const json::value province_list = Body(province);
    for (const json::value& v : province_list.at("items").as_array()) {
        bool commune = false;
        for (const json::value& l : v.at("levels").as_array()) {
            commune = commune || l.as_string() == "commune";
        }
        if (!commune) {
            province_code = v.at("code").as_string();
            province_from = v.at("effective_from").as_string();
            break;
        }
    }
    ASSERT_FALSE(province_code.empty());
    auto foreign = Post(R"({"items":[{"code":")" + province_code + R"(","effective_from":")" +
                        province_from + R"("}]})");
    EXPECT_EQ(foreign.status, 400) << foreign.body;
    EXPECT_NE(foreign.body.find("không thuộc danh mục tiếp nhận"), std::string::npos);
    EXPECT_EQ(api.Count("postings"), before);

    // A posting dated before the desk's latest one would never count: 409.
    ASSERT_EQ(Post(R"({"posted_on":"2026-11-20"})").status, 201);
    auto earlier = Post(R"({"posted_on":"2026-11-19"})");
    EXPECT_EQ(earlier.status, 409) << earlier.body;
    EXPECT_NE(earlier.body.find("20/11/2026"), std::string::npos) << earlier.body;
    EXPECT_EQ(api.Count("postings"), before + 1);
    // The same day again is a new posting (the board was redone).
    EXPECT_EQ(Post(R"({"posted_on":"2026-11-20"})").status, 201);
}

TEST_F(PostingApiTest, OnlyTheDesksOfficersAndThoseCoveringItSeeOrRecord) {
    EXPECT_EQ(api.Call(Method::kGet, kDesk).status, 401);
    const Browser citizen = api.SignIn("congdan");
    EXPECT_EQ(api.Call(Method::kGet, kDesk, "", &citizen).status, 403);
    const Browser province_desk = api.SignIn("motcua");  // the provincial centre's officer
    EXPECT_EQ(api.Call(Method::kGet, kDesk, "", &province_desk).status, 403);
    EXPECT_EQ(
        api.Call(Method::kPost, std::string(kDesk) + "/postings", "{}", &province_desk).status,
        403);
    EXPECT_EQ(api.Count("postings"), 0);
    EXPECT_EQ(api.Call(Method::kGet, kDesk, "", &control).status, 200);  // covers the province
    // The list: the officer's own desk; the control officer's every desk of the province.
    auto own = api.Call(Method::kGet, "/api/v1/posting/desks", "", &desk);
    ASSERT_EQ(own.status, 200) << own.body;
    ASSERT_EQ(Body(own).at("items").as_array().size(), 1U);
    EXPECT_EQ(Body(own).at("items").as_array()[0].at("desk").at("code").as_string(), "19753.BPMC");
    auto all = api.Call(Method::kGet, "/api/v1/posting/desks", "", &control);
    ASSERT_EQ(all.status, 200);
    EXPECT_EQ(Body(all).at("items").as_array().size(), 41U);  // 40 desks and the centre
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/posting/desks", "", &citizen).status, 403);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/posting/desks?unit=19774", "", &desk).status, 403);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/posting/desks?unit=nope", "", &control).status, 404);
}

TEST_F(PostingApiTest, IndicatorOneThreeByHand) {
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
    auto indicator = [&](std::string_view unit) {
        auto r = api.Call(Method::kGet,
                          "/api/v1/indicators?unit=" + std::string(unit) + "&period=2026-11", "",
                          &control);
        EXPECT_EQ(r.status, 200) << r.body;
        return find(Body(r), "1.3");
    };
    // Nothing posted anywhere: no data.
    json::object none = indicator("19753");
    EXPECT_TRUE(none.at("rate_percent").is_null()) << json::serialize(none);

    // The commune's procedures in force on 30/11 (the window's last day), and those holding every
    // part the catalogue records (name, steps, documents, processing time, implementing agency).
    std::int64_t in_force = 0;
    std::int64_t with_parts = 0;
    std::string left_out;  // one complete procedure the posting leaves out
    for (const json::value& v : CommuneVersions()) {
        const json::object& o = v.as_object();
        bool commune = false;
        for (const json::value& l : o.at("levels").as_array()) {
            commune = commune || l.as_string() == "commune";
        }
        const bool open = !o.contains("effective_to") ||
                          o.at("effective_to").as_string() >= std::string("2026-11-30");
        if (!commune || !open || o.at("effective_from").as_string() > std::string("2026-11-30")) {
            continue;
        }
        ++in_force;
        const bool parts = !o.at("steps").as_string().empty() &&
                           !o.at("documents").as_array().empty() &&
                           o.at("processing_milli").as_int64() > 0 &&
                           !o.at("implementing_units").as_string().empty();
        if (parts) {
            ++with_parts;
            if (left_out.empty()) {
                left_out = o.at("code").as_string();
            }
        }
    }
    ASSERT_EQ(in_force, CommuneTotal());
    ASSERT_GT(with_parts, 1);
    ASSERT_LT(with_parts, in_force);  // the demo data has gaps: the figure is not trivially 100%

    // Post everything but one complete procedure: it does not count; the rest count if complete.
    json::array items;
    const json::value sheet = Body(api.Call(Method::kGet, std::string(kDesk) + "/sheet"));
    for (const json::value& v : sheet.at("items").as_array()) {
        if (v.at("code").as_string() != left_out) {
            items.push_back(
                json::object{{"code", v.at("code")}, {"effective_from", v.at("effective_from")}});
        }
    }
    ASSERT_EQ(Post(json::serialize(json::object{{"items", items}})).status, 201);
    const json::object commune = indicator("19753");
    EXPECT_EQ(commune.at("numerator").as_int64(), with_parts - 1) << json::serialize(commune);
    EXPECT_EQ(commune.at("denominator").as_int64(), in_force) << json::serialize(commune);
    EXPECT_NE(json::serialize(commune).find("1 bộ phận một cửa"), std::string::npos);

    // The province: one desk of 41 posted. Every procedure received in the province is also
    // received by a desk that has not posted, so none counts; the denominator is every
    // procedure of the province's and the communes' levels.
    auto province_total = [&](std::string_view level) {
        auto r = api.Call(Method::kGet, "/api/v1/units/" + std::string(level) + "/procedures");
        return Int(Body(r), "total");
    };
    std::set<std::string> codes;
    for (std::string_view unit : {"46", "19753"}) {
        auto r = api.Call(Method::kGet, "/api/v1/units/" + std::string(unit) + "/procedures");
        const json::value list = Body(r);
        for (const json::value& v : list.at("items").as_array()) {
            codes.insert(std::string(v.at("code").as_string()));
        }
    }
    ASSERT_GT(province_total("46"), 0);
    const json::object province = indicator("46");
    EXPECT_EQ(province.at("numerator").as_int64(), 0) << json::serialize(province);
    EXPECT_EQ(province.at("denominator").as_int64(), static_cast<std::int64_t>(codes.size()));
    // A scope without desks (a department): no data.
    EXPECT_TRUE(indicator("46.SOTP").at("rate_percent").is_null());
}

// `motcua seed-demo`'s postings (app::posting::SeedDemoPostings): every desk of the province
// posted except Kim Long's, Phú Xuân's posting outdated by three procedures; indicator 1.3 of
// the province then has data and is not 100 %; a second run records nothing.
TEST_F(PostingApiTest, DemoPostingsGiveARealIndicatorOneThree) {
    auto made = app::posting::SeedDemoPostings(api.context());
    ASSERT_TRUE(made.ok()) << made.error().message;
    auto list = api.Call(Method::kGet, "/api/v1/posting/desks?unit=46", "", &control);
    ASSERT_EQ(list.status, 200) << list.body;
    const json::value listed = Body(list);
    const json::array& desks = listed.at("items").as_array();
    ASSERT_GT(desks.size(), 30U);
    EXPECT_EQ(*made, static_cast<int>(desks.size()) - 1);
    int complete = 0;
    for (const json::value& d : desks) {
        const std::string code(d.at("desk").at("code").as_string());
        const bool done = d.at("complete").as_bool();
        complete += done ? 1 : 0;
        if (code == app::posting::kDemoUnpostedDesk) {
            EXPECT_TRUE(d.at("latest").is_null()) << json::serialize(d);
            EXPECT_FALSE(done);
        } else if (code == app::posting::kDemoOutdatedDesk) {
            EXPECT_FALSE(done) << json::serialize(d);
        } else {
            EXPECT_TRUE(done) << json::serialize(d);
        }
    }
    EXPECT_EQ(complete, static_cast<int>(desks.size()) - 2);
    // The outdated desk: three procedures missing from a posting 75 days old.
    const json::value phu_xuan = DeskState();
    EXPECT_EQ(phu_xuan.at("findings").as_array().size(), 3U) << json::serialize(phu_xuan);
    for (const json::value& f : phu_xuan.at("findings").as_array()) {
        EXPECT_EQ(f.at("finding").as_string(), "missing");
    }
    EXPECT_EQ(phu_xuan.at("latest").at("posted_on").as_string(), "2026-09-13");

    auto r = api.Call(Method::kGet, "/api/v1/indicators?unit=46&period=2026-11", "", &control);
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value report = Body(r);
    json::object figure;
    for (const json::value& g : report.at("groups").as_array()) {
        for (const json::value& i : g.at("indicators").as_array()) {
            if (i.at("id").as_string() == "1.3") {
                figure = i.as_object();
            }
        }
    }
    ASSERT_FALSE(figure.empty());
    ASSERT_FALSE(figure.at("rate_percent").is_null()) << json::serialize(figure);
    EXPECT_GT(figure.at("numerator").as_int64(), 0) << json::serialize(figure);
    EXPECT_LT(figure.at("numerator").as_int64(), figure.at("denominator").as_int64());

    auto again = app::posting::SeedDemoPostings(api.context());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, 0);
}

TEST_F(PostingApiTest, PublicUnitListSearchesAndHoldsNoPersonalData) {
    auto all = api.Call(Method::kGet, "/api/v1/units/19753/procedures");
    ASSERT_EQ(all.status, 200);
    auto some = api.Call(Method::kGet, "/api/v1/units/19753/procedures?q=khai%20sinh");
    ASSERT_EQ(some.status, 200);
    const json::value s = Body(some);
    EXPECT_GT(s.at("items").as_array().size(), 0U);
    EXPECT_LT(s.at("items").as_array().size(), Body(all).at("items").as_array().size());
    for (const json::value& v : s.at("items").as_array()) {
        EXPECT_NE(json::serialize(v).find("khai sinh"), std::string::npos) << json::serialize(v);
    }
    EXPECT_EQ(s.at("feedback_href").as_string(), "/phan-anh-kien-nghi?don-vi=19753");
    // No officer, applicant or account data: no user names, e-mails or phone numbers.
    for (std::string_view personal : {"Ngô Thị Xuân", "Võ Thị Dân", "@", "username"}) {
        EXPECT_EQ(all.body.find(personal), std::string::npos) << personal;
    }
    // An agency receives through the province's centre.
    auto agency = api.Call(Method::kGet, "/api/v1/units/46.SOTP/procedures");
    ASSERT_EQ(agency.status, 200);
    EXPECT_EQ(Body(agency).at("desks").as_array().at(0).at("code").as_string(), "46.TTPVHCC");
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/units/nope/procedures").status, 404);
}

TEST_F(PostingApiTest, ExchangeDocumentRoundTripsEveryVersion) {
    auto exported = api.Call(Method::kGet, "/api/v1/export/catalogue");
    ASSERT_EQ(exported.status, 200);
    json::value doc = Body(exported);
    EXPECT_EQ(doc.at("format").as_string(), "motcua-catalogue/1");
    EXPECT_EQ(doc.at("exported_at").as_string(), "2026-11-27T03:00:00Z");
    EXPECT_TRUE(doc.at("unit").is_null());
    const std::size_t count = doc.at("procedures").as_array().size();
    ASSERT_GT(count, 100U);

    // Add a second version of one procedure, then export and import the whole document again:
    // every version is unchanged (the JSON Lines import refuses two versions of one code).
    json::object second = doc.at("procedures").as_array()[0].as_object();
    second["effective_from"] = "2026-12-01";
    second.erase("effective_to");
    auto added = Import(json::serialize(
        json::object{{"format", "motcua-catalogue/1"}, {"procedures", json::array{second}}}));
    ASSERT_EQ(added.status, 201) << added.body;
    exported = api.Call(Method::kGet, "/api/v1/export/catalogue");
    doc = Body(exported);
    ASSERT_EQ(doc.at("procedures").as_array().size(), count + 1);
    const std::int64_t rows = api.Count("procedures");
    auto again = Import(exported.body);
    ASSERT_EQ(again.status, 201) << again.body;
    EXPECT_EQ(Int(Body(again), "created"), 0);
    EXPECT_EQ(Int(Body(again), "unchanged"), static_cast<std::int64_t>(count + 1));
    EXPECT_EQ(api.Count("procedures"), rows);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/export/catalogue").body, exported.body);

    // The unit filter: only procedures of the unit's level.
    json::value commune = Body(api.Call(Method::kGet, "/api/v1/export/catalogue?unit=19753"));
    EXPECT_EQ(commune.at("unit").at("level").as_string(), "commune");
    EXPECT_LT(commune.at("procedures").as_array().size(), count);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/export/catalogue?unit=nope").status, 404);

    // Dry run: counted, nothing written.
    json::object fresh{{"code", "2.990002"},
                       {"name", "Thủ tục trao đổi mới"},
                       {"field", "Hộ tịch"},
                       {"levels", json::array{"commune"}},
                       {"effective_from", "2026-12-01"}};
    const std::string one = json::serialize(
        json::object{{"format", "motcua-catalogue/1"}, {"procedures", json::array{fresh}}});
    auto dry = Import(one, true);
    ASSERT_EQ(dry.status, 200) << dry.body;
    EXPECT_EQ(Int(Body(dry), "created"), 1);
    EXPECT_TRUE(Body(dry).at("dry_run").as_bool());
    EXPECT_EQ(api.Count("procedures"), rows);
}

TEST_F(PostingApiTest, BadExchangeDocumentsNameEveryBadEntryAndWriteNothing) {
    const std::int64_t rows = api.Count("procedures");
    struct Case {
        std::string body;
        std::string says;
    };
    const std::vector<Case> cases = {
        {"{\"format\":", "JSON"},
        {"[]", "đối tượng JSON"},
        {R"({"procedures":[]})", "format"},
        {R"({"format":"motcua-catalogue/2","procedures":[]})", "motcua-catalogue/1"},
        {R"({"format":"motcua-catalogue/1","procedures":{}})", "mảng"},
        {R"({"format":"motcua-catalogue/1","procedures":[]})", "rỗng"},
        {R"({"format":"motcua-catalogue/1","procedures":[],"extra":1})", "extra"},
    };
    for (const Case& c : cases) {
        auto r = Import(c.body);
        EXPECT_EQ(r.status, 400) << c.body << " → " << r.body;
        EXPECT_NE(r.body.find(c.says), std::string::npos) << c.body << " → " << r.body;
    }
    // Several bad entries: each named by its position and code; the good one not written.
    const std::string doc =
        R"({"format":"motcua-catalogue/1","procedures":[)"
        R"({"code":"2.990003","name":"Tốt","field":"Hộ tịch","levels":["commune"],"effective_from":"2026-12-01"},)"
        R"(7,)"
        R"({"code":"2.990004","name":"Thiếu ngày","field":"Hộ tịch","levels":["commune"]},)"
        R"({"code":"2.990005","name":"Cấp lạ","field":"Hộ tịch","levels":["galaxy"],"effective_from":"2026-12-01"},)"
        R"({"code":"2.990003","name":"Tốt","field":"Hộ tịch","levels":["commune"],"effective_from":"2026-12-01"}]})";
    auto r = Import(doc);
    EXPECT_EQ(r.status, 400) << r.body;
    for (std::string_view s : {"4 lỗi", "mục 2", "mục 3 (2.990004): thiếu khóa \\\"effective_from",
                               "mục 4 (2.990005)", "mục 5 (2.990003)"}) {
        EXPECT_NE(r.body.find(s), std::string::npos) << s << " in " << r.body;
    }
    // An existing version with other content is refused (edit it instead).
    json::object changed = Body(api.Call(Method::kGet, "/api/v1/export/catalogue"))
                               .at("procedures")
                               .as_array()[0]
                               .as_object();
    changed["name"] = "Tên khác hẳn";
    auto conflict = Import(json::serialize(
        json::object{{"format", "motcua-catalogue/1"}, {"procedures", json::array{changed}}}));
    EXPECT_EQ(conflict.status, 400) << conflict.body;
    EXPECT_NE(conflict.body.find("nội dung khác"), std::string::npos) << conflict.body;
    EXPECT_EQ(api.Count("procedures"), rows);
    // Who may import: TTHC control of a province; the desk officer may not, anonymous neither.
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/import/catalogue", doc, &desk).status, 403);
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/import/catalogue", doc).status, 401);
}

}  // namespace
}  // namespace motcua::testing
