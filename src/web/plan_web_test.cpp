// /ke-hoach and /ke-hoach/{id} (issue #7; docs/plans.md "Pages"): a control officer previews the
// S2 seed (Nhật Tân's 2024 plan) for commune 19753 through the form — counts, unmatched names,
// nothing stored —, previews it again as a Word file, imports it, reports progress with evidence
// on a deliverable (late → done), resolves an unmatched name and an import problem, and issues
// the plan; bad input comes back with its message; a post without the CSRF token changes
// nothing; an officer outside the plan gets 403. The fake clock reads 27/11/2026.
#include <filesystem>
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

// Files in the documents' file store (not its tmp directory).
std::size_t StoredFiles(const std::filesystem::path& dir) {
    std::size_t n = 0;
    std::error_code ec;
    if (!std::filesystem::exists(dir, ec)) {
        return 0;
    }
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
        if (e.is_regular_file() && e.path().parent_path().filename() != "tmp") {
            ++n;
        }
    }
    return n;
}

// Session 8: evidence files on the progress form (listed, downloadable by the plan's readers,
// 404 for others; oversize and mislabelled files refused with nothing stored), the per-unit
// dashboard page, and editing a draft plan's deliverables and tasks (refused once issued).
TEST_F(PlanPages, EvidenceFilesUnitDashboardAndDraftEdits) {
    ctx_.files_dir = dir_ / "files";
    const std::string control = SignIn("kiemsoat");
    const std::string csrf = CsrfOf(Get("/ke-hoach", control).body);
    const std::string s2 = ReadSeed("s2-nhat-tan-2024.txt");
    const auto imported = Post(
        "/ke-hoach", "_csrf=" + csrf + "&action=import&unit=19753&text=" + UrlEncode(s2), control);
    ASSERT_EQ(imported.status, 303) << imported.body;
    const std::string path =
        Match(std::string(imported.Header("Location").value_or("")), R"(^(/ke-hoach/\d+)\?)");
    auto page = Get(path, control);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(Has(page, "plan_evidence.js"));
    EXPECT_TRUE(Has(page, R"(type="file" id="files-)"));
    const std::string deliverable = Match(page.body, R"re(name="deliverable" value="(\d+)")re");

    // A progress report with a PDF attached.
    const std::string pdf = "%PDF-1.4\n% báo cáo kết quả rà soát\n1 0 obj <<>> endobj\n%%EOF\n";
    const std::string form = "_csrf=" + csrf + "&deliverable=" + deliverable +
                             "&unit=19753&status=in_progress&percent=50";
    const auto with_file = Post(path + "/tien-do",
                                form + "&evidence_data=" + UrlEncode(Base64(pdf)) +
                                    "&evidence_name=" + UrlEncode("Báo cáo rà soát.pdf") +
                                    "&evidence_type=application%2Fpdf",
                                control);
    ASSERT_EQ(with_file.status, 303) << with_file.body;
    EXPECT_EQ(Count("plan_evidence"), 1);
    EXPECT_EQ(Count("plan_progress"), 1);
    EXPECT_EQ(StoredFiles(ctx_.files_dir), 1U);
    page = Get(path, control);
    const std::string href =
        Match(page.body, "<a href=\"(" + path + R"re(/minh-chung/\d+)" data-evidence-file>)re");
    EXPECT_TRUE(Has(page, "Báo cáo rà soát.pdf</a>"));
    EXPECT_TRUE(Has(page, "Các lần báo cáo tiến độ"));

    // Downloadable by the plan's readers: its control officer and the assigned commune's staff.
    const auto got = Get(href, control);
    ASSERT_EQ(got.status, 200) << got.body;
    EXPECT_EQ(got.body, pdf);
    EXPECT_EQ(got.content_type, "application/pdf");
    EXPECT_NE(got.Header("Content-Disposition").value_or("").find("attachment"), std::string::npos);
    const std::string commune = SignIn("chuyenvienxa");
    EXPECT_EQ(Get(href, commune).status, 200);
    // Refused for others (404, as for an unknown file), under another plan's path, anonymous.
    const std::string desk = SignIn("motcua");
    EXPECT_EQ(Get(href, desk).status, 404);
    const std::string file_id = href.substr(href.rfind('/') + 1);
    EXPECT_EQ(Get("/ke-hoach/999999/minh-chung/" + file_id, control).status, 404);
    EXPECT_EQ(Get(path + "/minh-chung/999999", control).status, 404);
    EXPECT_EQ(Get(href).status, 303);

    // Oversize (10 MB + 1 byte): refused with a Vietnamese message, nothing stored.
    std::string big = "%PDF-1.4\n";
    big.resize((std::size_t{10} << 20) + 1, 'x');
    const auto oversize = Post(path + "/tien-do",
                               form + "&evidence_data=" + UrlEncode(Base64(big)) +
                                   "&evidence_name=lon.pdf&evidence_type=application%2Fpdf",
                               control);
    EXPECT_EQ(oversize.status, 413);
    EXPECT_TRUE(Has(oversize, "Tệp minh chứng lon.pdf: Tệp vượt quá dung lượng cho phép (10 MB)."))
        << oversize.body.substr(0, 2000);
    // A PNG declared as a PDF, and a broken base64: refused too.
    const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + "0000IHDR";
    const auto mislabelled = Post(path + "/tien-do",
                                  form + "&evidence_data=" + UrlEncode(Base64(png)) +
                                      "&evidence_name=anh.pdf&evidence_type=application%2Fpdf",
                                  control);
    EXPECT_EQ(mislabelled.status, 422);
    EXPECT_TRUE(Has(mislabelled, "không khớp với nội dung tệp"));
    EXPECT_EQ(
        Post(path + "/tien-do",
             form + "&evidence_data=%25%25&evidence_name=a.pdf&evidence_type=application%2Fpdf",
             control)
            .status,
        422);
    EXPECT_EQ(Count("plan_evidence"), 1);
    EXPECT_EQ(Count("plan_progress"), 1);
    EXPECT_EQ(StoredFiles(ctx_.files_dir), 1U);

    // The unit's dashboard, linked from the plan's per-unit counts: late ones first.
    EXPECT_TRUE(Has(page, "/ke-hoach/don-vi?unit=19753&amp;nam=2024"));
    EXPECT_TRUE(Has(Get("/ke-hoach", control), "/ke-hoach/don-vi"));
    const auto unit = Get("/ke-hoach/don-vi?unit=19753&nam=2024", commune);
    ASSERT_EQ(unit.status, 200) << unit.body;
    EXPECT_TRUE(Has(unit, R"(<strong data-count="in_progress">1</strong>)"));
    const std::string late = Match(unit.body, R"re(<strong data-count="late">(\d+)</strong>)re");
    EXPECT_GT(std::stoi(late), 0);
    const std::size_t first_row = unit.body.find("<tr data-status=");
    ASSERT_NE(first_row, std::string::npos);
    EXPECT_EQ(unit.body.substr(first_row, 22), R"(<tr data-status="late")");
    EXPECT_TRUE(Has(unit, path + "#sp-" + deliverable));
    EXPECT_TRUE(Has(unit, "quá hạn"));
    const auto other_year = Get("/ke-hoach/don-vi?unit=19753&nam=2023", commune);
    ASSERT_EQ(other_year.status, 200);
    EXPECT_TRUE(Has(other_year, "Đơn vị chưa được giao sản phẩm nào trong năm 2023."));
    EXPECT_EQ(Get("/ke-hoach/don-vi?unit=KHONGCO", commune).status, 422);
    EXPECT_EQ(Get("/ke-hoach/don-vi?unit=19753&nam=abc", commune).status, 422);
    EXPECT_EQ(Get("/ke-hoach/don-vi?unit=46.SOTP", commune).status, 403);
    EXPECT_EQ(Get("/ke-hoach/don-vi", commune).status, 200);
    EXPECT_EQ(Get("/ke-hoach/don-vi?unit=19753").status, 303);

    // A draft: its manager edits a deliverable and adds a task from the page.
    ASSERT_TRUE(Has(page, "Sửa sản phẩm"));
    ASSERT_TRUE(Has(page, "Thêm nhiệm vụ"));
    std::string version = Match(page.body, R"re(name="version" value="(\d+)")re");
    const auto stale = Post(path + "/san-pham",
                            "_csrf=" + csrf + "&deliverable_id=" + deliverable +
                                "&product=X&deadline=Qu%C3%BD+II%2F2024&version=999",
                            control);
    EXPECT_EQ(stale.status, 409);
    const auto edited = Post(path + "/san-pham",
                             "_csrf=" + csrf + "&deliverable_id=" + deliverable +
                                 "&product=" + UrlEncode("Báo cáo đã sửa") +
                                 "&deadline=" + UrlEncode("Quý II/2024") + "&version=" + version,
                             control);
    ASSERT_EQ(edited.status, 303) << edited.body;
    page = Get(path, control);
    EXPECT_TRUE(Has(page, "<strong>Sản phẩm:</strong> Báo cáo đã sửa"));
    EXPECT_TRUE(Has(page, "Quý II/2024 <small>(hạn: 28/6/2024)</small>"))
        << page.body.substr(page.body.find("Báo cáo đã sửa"), 600);
    version = Match(page.body, R"re(name="version" value="(\d+)")re");
    const auto no_content = Post(
        path + "/nhiem-vu", "_csrf=" + csrf + "&section=IX&content=&version=" + version, control);
    EXPECT_EQ(no_content.status, 422);
    const auto added =
        Post(path + "/nhiem-vu",
             "_csrf=" + csrf + "&section=IX&section_title=" + UrlEncode("Nhiệm vụ của xã") +
                 "&number=1&content=" + UrlEncode("Rà soát quy trình nội bộ") +
                 "&product=" + UrlEncode("Báo cáo rà soát") + "&lead=" + UrlEncode("UBND xã") +
                 "&deadline=" + UrlEncode("Tháng 6/2024") + "&version=" + version,
             control);
    ASSERT_EQ(added.status, 303) << added.body;
    page = Get(path, control);
    EXPECT_TRUE(Has(page, "IX. Nhiệm vụ của xã"));
    EXPECT_TRUE(Has(page, "1. Rà soát quy trình nội bộ"));
    // The commune's specialist reads the plan but does not manage it: no edit forms.
    EXPECT_FALSE(Has(Get(path, commune), "Sửa sản phẩm</summary>"));

    // Issued: the forms are gone and a post is refused (409) with the message.
    version = Match(page.body, R"re(name="version" value="(\d+)")re");
    const std::string leader = SignIn("lanhdao");
    const std::string leader_csrf = CsrfOf(Get(path, leader).body);
    ASSERT_EQ(
        Post(path + "/ban-hanh", "_csrf=" + leader_csrf + "&version=" + version, leader).status,
        303);
    page = Get(path, control);
    EXPECT_FALSE(Has(page, "Sửa sản phẩm</summary>"));
    EXPECT_FALSE(Has(page, "Thêm nhiệm vụ</summary>"));
    version = Match(page.body, R"re(name="version" value="(\d+)")re");
    const auto refused =
        Post(path + "/san-pham",
             "_csrf=" + csrf + "&deliverable_id=" + deliverable + "&product=Y&version=" + version,
             control);
    EXPECT_EQ(refused.status, 409);
    EXPECT_TRUE(Has(refused, "Kế hoạch đã ban hành"));
    EXPECT_EQ(Post(path + "/nhiem-vu",
                   "_csrf=" + csrf + "&section=X&content=Th%C3%AAm&version=" + version, control)
                  .status,
              409);
    EXPECT_FALSE(Has(Get(path, control), "<strong>Sản phẩm:</strong> Y<"));
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
