// /ke-hoach and /ke-hoach/{id} (issue #7; docs/plans.md "Pages"): a control officer previews the
// S2 seed (Nhật Tân's 2024 plan) for commune 19753 through the form — counts, unmatched names,
// nothing stored —, previews it again as a Word file, imports it, reports progress with evidence
// on a deliverable (late → done), resolves an unmatched name and an import problem, and issues
// the plan; bad input comes back with its message; a post without the CSRF token changes
// nothing; an officer outside the plan gets 403. The fake clock reads 27/11/2026.
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "app/auth.hpp"
#include "app/plans.hpp"
#include "render/plan_export.hpp"
#include "web/web_test_fixture.hpp"

namespace motcua::web::webtest {
namespace {

std::string ReadSeed(const std::string& name) {
    std::ifstream in(std::string(MOTCUA_SEED_DIR) + "/" + name, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string Base64(std::string_view bytes) {
    constexpr std::string_view kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16U) |
                           (static_cast<unsigned char>(bytes[i + 1]) << 8U) |
                           static_cast<unsigned char>(bytes[i + 2]);
        for (unsigned shift : {18U, 12U, 6U, 0U}) {
            out.push_back(kAlphabet[(n >> shift) & 63U]);
        }
    }
    if (i < bytes.size()) {
        unsigned n = static_cast<unsigned char>(bytes[i]) << 16U;
        if (i + 1 < bytes.size()) {
            n |= static_cast<unsigned char>(bytes[i + 1]) << 8U;
        }
        out.push_back(kAlphabet[(n >> 18U) & 63U]);
        out.push_back(kAlphabet[(n >> 12U) & 63U]);
        out.push_back(i + 1 < bytes.size() ? kAlphabet[(n >> 6U) & 63U] : '=');
        out.push_back('=');
    }
    return out;
}

class PlanPages : public WebRoutes {
protected:
    std::int64_t Count(std::string_view table) {
        auto tx = db_->Begin(store::TxMode::kRead);
        EXPECT_TRUE(tx);
        auto row = (*tx)->QueryOne("SELECT COUNT(*) FROM " + std::string(table), {});
        EXPECT_TRUE(row && *row);
        return (row && *row) ? (*row)->Int(0) : -1;
    }
    static bool Has(const http::Response& r, std::string_view text) {
        return r.body.find(text) != std::string::npos;
    }
    static std::string Match(const std::string& body, const std::string& pattern) {
        std::smatch m;
        if (!std::regex_search(body, m, std::regex(pattern))) {
            ADD_FAILURE() << "no match for " << pattern;
            return {};
        }
        return m[1];
    }
};

TEST_F(PlanPages, ImportPreviewProgressResolveAndIssueThroughTheForms) {
    const auto anonymous = Get("/ke-hoach");
    EXPECT_EQ(anonymous.status, 303);
    EXPECT_NE(anonymous.Header("Location").value_or("").find("/dang-nhap"), std::string::npos);

    const std::string control = SignIn("kiemsoat");
    auto list = Get("/ke-hoach", control);
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_TRUE(Has(list, "Chưa có kế hoạch nào bạn được xem."));
    EXPECT_TRUE(Has(list, R"(<script src="/static/plan_import.js)") || Has(list, "plan_import.js"));
    EXPECT_FALSE(Has(list, "<script>"));
    const std::string csrf = CsrfOf(list.body);
    ASSERT_FALSE(csrf.empty());
    const std::string s2 = ReadSeed("s2-nhat-tan-2024.txt");
    ASSERT_GT(s2.size(), 10000U);
    const std::string s2_form = "&unit=19753&text=" + UrlEncode(s2);

    // Without the CSRF token: refused, nothing stored.
    EXPECT_EQ(Post("/ke-hoach", "action=import" + s2_form, control).status, 403);
    EXPECT_EQ(Count("plans"), 0);

    // The preview: counts, the unmatched names once each with their count; nothing stored.
    const auto preview = Post("/ke-hoach", "_csrf=" + csrf + "&action=preview" + s2_form, control);
    ASSERT_EQ(preview.status, 200) << preview.body;
    EXPECT_TRUE(Has(preview, "Xem trước: chưa lưu gì"));
    EXPECT_TRUE(Has(preview, R"(<span data-count="sections">8 mục</span>)"));
    EXPECT_TRUE(Has(preview, R"(<span data-count="tasks">18 nhiệm vụ</span>)"));
    EXPECT_TRUE(Has(preview, R"(<span data-count="problems">0 lỗi</span>)"));
    EXPECT_TRUE(Has(preview, "12/QĐ-UBND"));
    EXPECT_TRUE(Has(preview, "Mục VIII."));
    EXPECT_TRUE(Has(preview, R"(<ul class="plan-unmatched">)"));
    EXPECT_TRUE(Has(preview, " ô)</small></li>"));
    EXPECT_EQ(Count("plans"), 0);
    // A problem is shown with its line: a row with missing cells.
    const auto short_row = Post(
        "/ke-hoach",
        "_csrf=" + csrf + "&action=preview&unit=19753&text=" + UrlEncode(s2 + "\n9\tThiếu ô\n"),
        control);
    ASSERT_EQ(short_row.status, 200) << short_row.body;
    EXPECT_TRUE(Has(short_row, R"(<span data-count="problems">1 lỗi</span>)"));
    EXPECT_TRUE(std::regex_search(short_row.body, std::regex(R"(<li>Dòng \d+: dòng có 2 ô)")))
        << short_row.body.substr(short_row.body.find("plan-problems"), 400);

    // Bad input: the form again with the message and the values kept.
    const auto no_unit = Post("/ke-hoach",
                              "_csrf=" + csrf + "&action=preview&unit=KHONGCO&title=Gi%E1%BB%AF" +
                                  "&text=" + UrlEncode(s2),
                              control);
    EXPECT_EQ(no_unit.status, 422);
    EXPECT_TRUE(Has(no_unit, "Không có đơn vị mã KHONGCO."));
    EXPECT_TRUE(Has(no_unit, R"(value="Giữ")"));
    const auto empty = Post("/ke-hoach", "_csrf=" + csrf + "&action=import&unit=19753", control);
    EXPECT_EQ(empty.status, 422);
    EXPECT_TRUE(Has(empty, "Hãy chọn tệp kế hoạch"));
    const auto no_table =
        Post("/ke-hoach",
             "_csrf=" + csrf + "&action=import&unit=19753&year=2024&text=Kh%C3%B4ng+b%E1%BA%A3ng",
             control);
    EXPECT_EQ(no_table.status, 422);
    EXPECT_TRUE(Has(no_table, "Không đọc được kế hoạch"));
    const auto broken_docx = Post(
        "/ke-hoach",
        "_csrf=" + csrf + "&action=preview&unit=19753&docx=" + UrlEncode(Base64("PK\x03\x04xx")),
        control);
    EXPECT_EQ(broken_docx.status, 422);
    EXPECT_TRUE(Has(broken_docx, "Chưa thực hiện được"));
    const auto bad_base64 =
        Post("/ke-hoach", "_csrf=" + csrf + "&action=preview&unit=19753&docx=%25%25", control);
    EXPECT_EQ(bad_base64.status, 422);
    // A desk officer may not import the commune's plan.
    const std::string desk = SignIn("motcua");
    const std::string desk_csrf = CsrfOf(Get("/ke-hoach", desk).body);
    EXPECT_EQ(Post("/ke-hoach", "_csrf=" + desk_csrf + "&action=import" + s2_form, desk).status,
              403);
    EXPECT_EQ(Count("plans"), 0);

    // The import.
    const auto imported = Post("/ke-hoach", "_csrf=" + csrf + "&action=import" + s2_form, control);
    ASSERT_EQ(imported.status, 303) << imported.body;
    const std::string location(imported.Header("Location").value_or(""));
    const std::string path = Match(location, R"(^(/ke-hoach/\d+)\?da-nhap=1$)");
    const std::int64_t id = std::stoll(path.substr(std::string("/ke-hoach/").size()));
    EXPECT_EQ(Count("plans"), 1);
    // Importing the same decision again is refused with the message.
    const auto again = Post("/ke-hoach", "_csrf=" + csrf + "&action=import" + s2_form, control);
    EXPECT_EQ(again.status, 409);
    EXPECT_TRUE(Has(again, "Đơn vị đã có kế hoạch theo Quyết định số 12/QĐ-UBND"));

    auto page = Get(location, control);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(Has(page, "Đã nhập kế hoạch."));
    EXPECT_TRUE(Has(page, "Ủy ban nhân dân") || Has(page, "(19753)"));
    EXPECT_TRUE(Has(page, "Dự thảo"));
    EXPECT_TRUE(Has(page, "Quyết định</dt><dd>Số 12/QĐ-UBND ngày 18/1/2024"));
    EXPECT_TRUE(Has(page, "/api/v1/plans/" + std::to_string(id) + "/export?format=docx"));
    EXPECT_TRUE(Has(page, "Lập kế hoạch của đơn vị từ kế hoạch này"));
    EXPECT_FALSE(Has(page, "<script>"));
    // 2024's deadlines have all passed on 27/11/2026: the commune's deliverables are late.
    EXPECT_TRUE(Has(page, R"(data-status="late")"));
    EXPECT_FALSE(Has(page, R"(data-status="done")"));

    // Progress with evidence on the first deliverable assigned to the commune.
    const std::string deliverable = Match(page.body, R"re(name="deliverable" value="(\d+)")re");
    const std::string version = Match(page.body, R"re(name="version" value="(\d+)")re");
    const auto bad_percent = Post(path + "/tien-do",
                                  "_csrf=" + csrf + "&deliverable=" + deliverable +
                                      "&unit=19753&status=in_progress&percent=150",
                                  control);
    EXPECT_EQ(bad_percent.status, 422);
    EXPECT_TRUE(Has(bad_percent, "Tỷ lệ hoàn thành phải là số từ 0 đến 100."));
    const auto bad_status =
        Post(path + "/tien-do",
             "_csrf=" + csrf + "&deliverable=" + deliverable + "&unit=19753&status=xong", control);
    EXPECT_EQ(bad_status.status, 422);
    EXPECT_EQ(Count("plan_progress"), 0);
    const auto done = Post(path + "/tien-do",
                           "_csrf=" + csrf + "&deliverable=" + deliverable +
                               "&unit=19753&status=done&evidence_number=15%2FBC-UBND"
                               "&evidence_date=2024-03-20&note=%C4%90%C3%A3+ban+h%C3%A0nh",
                           control);
    ASSERT_EQ(done.status, 303) << done.body;
    EXPECT_EQ(done.Header("Location").value_or(""), path + "?da-luu=1#sp-" + deliverable);
    EXPECT_EQ(Count("plan_progress"), 1);
    page = Get(path, control);
    EXPECT_TRUE(Has(page, R"(data-status="done")"));
    EXPECT_TRUE(Has(page, "văn bản số 15/BC-UBND ngày 20/3/2024"));
    EXPECT_TRUE(Has(page, R"(<strong data-count="done">1</strong>)"));

    // An unmatched name resolved to the commune's one-stop desk.
    ASSERT_TRUE(Has(page, R"(<h2 id="ten-chua-khop">)"));
    const std::string name = Match(page.body, R"re(name="name" value="(\d+)")re");
    const std::int64_t resolved_before = Count("plan_assignments");
    const auto stale =
        Post(path + "/ten-don-vi", "_csrf=" + csrf + "&name=" + name + "&units=19753&version=999",
             control);
    EXPECT_EQ(stale.status, 409);
    const auto resolved =
        Post(path + "/ten-don-vi",
             "_csrf=" + csrf + "&name=" + name + "&units=19753&version=" + version, control);
    ASSERT_EQ(resolved.status, 303) << resolved.body;
    EXPECT_GE(Count("plan_assignments"), resolved_before);

    // Issued: the structure is read-only (API), progress goes on.
    page = Get(path, control);
    const std::string v2 = Match(page.body, R"re(name="version" value="(\d+)")re");
    const std::string leader = SignIn("lanhdao");
    const std::string leader_csrf = CsrfOf(Get(path, leader).body);
    const auto issued = Post(path + "/ban-hanh", "_csrf=" + leader_csrf + "&version=" + v2, leader);
    ASSERT_EQ(issued.status, 303) << issued.body;
    page = Get(path, control);
    EXPECT_TRUE(Has(page, "Đã ban hành"));
    EXPECT_FALSE(Has(page, "Ban hành kế hoạch</button>"));
    const auto twice = Post(path + "/ban-hanh", "_csrf=" + csrf + "&version=" + v2, control);
    EXPECT_EQ(twice.status, 409);

    // The plan list shows it; an officer outside the plan may not open it.
    list = Get("/ke-hoach", control);
    EXPECT_TRUE(Has(list, "Kế hoạch kiểm soát TTHC năm 2024"));
    EXPECT_TRUE(Has(list, "plan-state-issued"));
    EXPECT_EQ(Get(path, desk).status, 403);
    EXPECT_EQ(Get("/ke-hoach/999999", control).status, 404);
}

TEST_F(PlanPages, AWordFilePreviewsLikeItsText) {
    const std::string control = SignIn("kiemsoat");
    const std::string csrf = CsrfOf(Get("/ke-hoach", control).body);
    const std::string s2 = ReadSeed("s2-nhat-tan-2024.txt");
    // The Word file: S2 imported, exported by render::RenderPlanDocx.
    const auto imported = Post(
        "/ke-hoach", "_csrf=" + csrf + "&action=import&unit=19753&text=" + UrlEncode(s2), control);
    ASSERT_EQ(imported.status, 303) << imported.body;
    auto actor = app::ActorFromSession(ctx_, control.substr(control.find('=') + 1), {});
    ASSERT_TRUE(actor && actor->SignedIn());
    const std::string location(imported.Header("Location").value_or(""));
    const std::int64_t id = std::stoll(Match(location, R"(^/ke-hoach/(\d+)\?)"));
    auto plan = app::LoadPlanAsImport(ctx_, *actor, id);
    ASSERT_TRUE(plan) << plan.error().message;
    auto docx = render::RenderPlanDocx(*plan);
    ASSERT_TRUE(docx);
    const auto preview = Post("/ke-hoach",
                              "_csrf=" + csrf + "&action=preview&unit=19753&file_name=s2.docx" +
                                  "&docx=" + UrlEncode(Base64(*docx)),
                              control);
    ASSERT_EQ(preview.status, 200) << preview.body;
    EXPECT_TRUE(Has(preview, R"(<span data-count="sections">8 mục</span>)"));
    EXPECT_TRUE(Has(preview, R"(<span data-count="tasks">18 nhiệm vụ</span>)"));
    EXPECT_TRUE(Has(preview, "Đơn vị đã có kế hoạch theo quyết định này"));
    EXPECT_TRUE(Has(preview, "s2.docx"));
}

}  // namespace
}  // namespace motcua::web::webtest
