// The document pages (issue #5, labels web;citizen): a dossier's documents for its owner and
// its officers and 404 for anyone else, the desk's "Đánh dấu đã số hóa" (CSRF-checked), the
// citizen's holdings and their reuse, and upload.js being served.
#include <array>
#include <filesystem>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "app/auth.hpp"
#include "app/documents.hpp"
#include "app/seed.hpp"
#include "domain/dossier.hpp"
#include "store/database.hpp"
#include "store/documents.hpp"
#include "store/dossiers.hpp"
#include "web/forms.hpp"
#include "web/web_test_fixture.hpp"

namespace motcua::web::webtest {
namespace {

using domain::DossierState;
using store::documents::Role;

std::string Pdf(std::string_view text, std::size_t padding = 0) {
    return "%PDF-1.7\n% " + std::string(text) + "\n" + std::string(padding, ' ') + "\n%%EOF\n";
}

bool Has(const std::string& haystack, std::string_view needle) {
    return haystack.find(needle) != std::string::npos;
}

class DocumentPages : public WebRoutes {
protected:
    void SetUp() override {
        WebRoutes::SetUp();
        ctx_.files_dir = dir_ / "files";
        auto seeded = app::SeedDemoDossiers(ctx_);
        ASSERT_TRUE(seeded) << seeded.error().message;
        citizen_ = SignIn("congdan");
        desk_ = SignIn("motcua");
    }

    // The actor behind a session cookie ("motcua_session=<token>").
    app::Actor ActorOf(const std::string& cookie) {
        auto actor = app::ActorFromSession(ctx_, cookie.substr(cookie.find('=') + 1), {});
        EXPECT_TRUE(actor && actor->SignedIn()) << cookie;
        return actor ? *actor : app::Actor();
    }

    // A demo dossier (received at motcua's desk) made congdan's online dossier in `state`.
    domain::Dossier OwnedDossier(DossierState state, int skip = 0) {
        const app::Actor owner = ActorOf(citizen_);
        auto tx = db_->Begin(store::TxMode::kWrite);
        EXPECT_TRUE(tx);
        const std::array<store::Value, 1> params{store::Value{std::int64_t{skip}}};
        auto row = (*tx)->QueryOne(
            "SELECT code FROM dossiers WHERE state IN ('received', 'processing') "
            "ORDER BY id LIMIT 1 OFFSET $1",
            params);
        EXPECT_TRUE(row && *row);
        auto found = store::dossiers::GetByCode(**tx, (*row)->Text(0));
        EXPECT_TRUE(found && *found);
        domain::Dossier dossier = **found;
        dossier.state = state;
        dossier.citizen_user_id = owner.user->id;
        dossier.version += 1;
        EXPECT_TRUE(store::dossiers::Update(**tx, dossier, dossier.version - 1));
        EXPECT_TRUE((*tx)->Commit());
        return dossier;
    }

    store::documents::Document Upload(const std::string& cookie, std::int64_t dossier_id, Role role,
                                      const std::string& component, const std::string& file_name,
                                      const std::string& bytes) {
        app::UploadRequest up;
        up.role = role;
        up.component_name = component;
        up.file_name = file_name;
        up.declared_type = "application/pdf";
        up.bytes = bytes;
        if (role == Role::kResult) {
            up.valid_until = std::chrono::sys_days{std::chrono::year{2031} / 12 / 31};
        }
        auto doc = app::UploadDossierDocument(ctx_, ActorOf(cookie), dossier_id, up);
        EXPECT_TRUE(doc) << (doc ? "" : doc.error().message);
        return doc ? *doc : store::documents::Document();
    }

    bool IsDigitised(std::int64_t document_id) {
        auto tx = db_->Begin(store::TxMode::kRead);
        auto doc = store::documents::Get(**tx, document_id);
        return doc && *doc && (*doc)->digitised;
    }

    std::string citizen_;
    std::string desk_;
};

TEST_F(DocumentPages, OwnerSeesTheirDocumentsAndOthersGetNotFound) {
    const domain::Dossier dossier = OwnedDossier(DossierState::kAwaitingSupplement);
    ASSERT_FALSE(dossier.components.empty());
    const std::string component = dossier.components.front().name;
    Upload(citizen_, dossier.id, Role::kComponent, component, "to-khai-dang-ky.pdf",
           Pdf("Tờ khai", std::size_t{5} << 19));  // 2,5 MB
    const std::string path = "/ho-so/" + dossier.code + "/tai-lieu";

    const auto page = Get(path, citizen_);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(Has(page.body, "to-khai-dang-ky.pdf"));
    EXPECT_TRUE(Has(page.body, "2,5 MB"));
    EXPECT_TRUE(Has(page.body, "Chờ kiểm tra"));  // the desk has not checked it yet
    EXPECT_FALSE(Has(page.body, "Đánh dấu đã số hóa"));
    // One upload control per component, with the markup upload.js reads.
    EXPECT_TRUE(Has(page.body, "data-upload-url=\"/api/v1/dossiers/" + dossier.code +
                                   "/documents?component=" + UrlEncode(component) + "\""));
    EXPECT_TRUE(Has(page.body, ">Tải lên<"));
    EXPECT_TRUE(Has(page.body, "/static/upload.js?v="));
    EXPECT_FALSE(Has(page.body, "Tải lên kết quả"));  // results are the officers'

    // Another citizen and an anonymous visitor learn nothing.
    const auto other = Get(path, SignIn("doanhnghiep"));
    EXPECT_EQ(other.status, 404);
    EXPECT_FALSE(Has(other.body, "to-khai-dang-ky.pdf"));
    EXPECT_FALSE(Has(other.body, dossier.applicant.name));
    EXPECT_EQ(Get(path).status, 303);

    // Once received, the citizen can no longer upload components.
    const domain::Dossier received = OwnedDossier(DossierState::kProcessing, 1);
    const auto closed = Get("/ho-so/" + received.code + "/tai-lieu", citizen_);
    ASSERT_EQ(closed.status, 200);
    EXPECT_FALSE(Has(closed.body, "data-upload-url"));
    EXPECT_FALSE(Has(closed.body, "upload.js"));
}

TEST_F(DocumentPages, TheDeskMarksAComponentDigitisedWithTheFormToken) {
    const domain::Dossier dossier = OwnedDossier(DossierState::kAwaitingSupplement);
    const auto doc = Upload(citizen_, dossier.id, Role::kComponent, dossier.components.front().name,
                            "ban-sao.pdf", Pdf("Bản sao"));
    ASSERT_FALSE(doc.digitised);
    const std::string path = "/ho-so/" + dossier.code + "/tai-lieu";

    // The officer's dossier page links here.
    EXPECT_TRUE(Has(Get("/ho-so/" + dossier.code, desk_).body, "href=\"" + path + "\""));
    const auto page = Get(path, desk_);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(Has(page.body, "ban-sao.pdf"));
    EXPECT_TRUE(Has(page.body, "Đánh dấu đã số hóa"));
    EXPECT_TRUE(Has(page.body, "action=\"" + path + "/so-hoa\""));
    const std::string csrf = CsrfOf(page.body);
    ASSERT_FALSE(csrf.empty());
    const std::string id = std::to_string(doc.id);

    // Without (or with a wrong) token: refused, nothing changes.
    EXPECT_EQ(Post(path + "/so-hoa", "document=" + id, desk_).status, 403);
    EXPECT_EQ(Post(path + "/so-hoa", "_csrf=x&document=" + id, desk_).status, 403);
    EXPECT_FALSE(IsDigitised(doc.id));
    // The citizen may not mark their own file digitised.
    const std::string citizen_csrf = CsrfOf(Get(path, citizen_).body);
    EXPECT_EQ(Post(path + "/so-hoa", "_csrf=" + citizen_csrf + "&document=" + id, citizen_).status,
              403);
    EXPECT_FALSE(IsDigitised(doc.id));
    // A malformed id: the page again with a Vietnamese message.
    const auto bad = Post(path + "/so-hoa", "_csrf=" + csrf + "&document=abc", desk_);
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(Has(bad.body, "Không rõ tài liệu cần đánh dấu."));

    const auto done = Post(path + "/so-hoa", "_csrf=" + csrf + "&document=" + id, desk_);
    ASSERT_EQ(done.status, 303) << done.body;
    EXPECT_EQ(done.Header("Location").value_or(""), path + "?so-hoa=1");
    EXPECT_TRUE(IsDigitised(doc.id));
    const auto after = Get(path + "?so-hoa=1", desk_);
    EXPECT_TRUE(Has(after.body, "Đã đánh dấu tài liệu là đã số hóa."));
    EXPECT_TRUE(Has(after.body, "<span class=\"badge\">Đã số hóa</span>"));
    EXPECT_FALSE(Has(after.body, "Đánh dấu đã số hóa<"));
}

TEST_F(DocumentPages, HoldingsListAResultThatTheCitizenReuses) {
    // An empty store first: the explanation of what appears here.
    const auto empty = Get("/cong-dan/kho-du-lieu", citizen_);
    ASSERT_EQ(empty.status, 200) << empty.body;
    EXPECT_TRUE(Has(empty.body, "Kho dữ liệu của tôi"));
    EXPECT_TRUE(Has(empty.body, "chưa có giấy tờ nào"));
    EXPECT_EQ(Get("/cong-dan/kho-du-lieu").status, 303);

    // The desk uploads the result of an approved dossier: it lands in the citizen's holdings.
    const domain::Dossier approved = OwnedDossier(DossierState::kApproved);
    const auto desk_page = Get("/ho-so/" + approved.code + "/tai-lieu", desk_);
    ASSERT_EQ(desk_page.status, 200);
    EXPECT_TRUE(Has(desk_page.body, "Tải lên kết quả"));
    EXPECT_TRUE(Has(desk_page.body, "data-upload-url=\"/api/v1/dossiers/" + approved.code +
                                        "/documents?role=result\""));
    const auto result = Upload(desk_, approved.id, Role::kResult, "Giấy phép thành lập",
                               "giay-phep.pdf", Pdf("Giấy phép"));
    const auto held = Get("/cong-dan/kho-du-lieu", citizen_);
    ASSERT_EQ(held.status, 200);
    EXPECT_TRUE(Has(held.body, "Giấy phép thành lập"));
    EXPECT_TRUE(Has(held.body, "giay-phep.pdf"));
    EXPECT_TRUE(Has(held.body, "31/12/2031"));
    EXPECT_TRUE(Has(held.body, ">" + approved.code + "<"));
    EXPECT_TRUE(Has(held.body, "href=\"/api/v1/documents/" + std::to_string(result.id) + "\""));
    // Another citizen's store stays empty.
    const std::string other = SignIn("doanhnghiep");
    const auto theirs = Get("/cong-dan/kho-du-lieu", other);
    EXPECT_FALSE(Has(theirs.body, "Giấy phép thành lập"));
    EXPECT_TRUE(Has(theirs.body, "chưa có giấy tờ nào"));

    // A new dossier of the citizen offers the result for reuse instead of an upload.
    const domain::Dossier next = OwnedDossier(DossierState::kReturnedForSupplement, 1);
    const std::string path = "/ho-so/" + next.code + "/tai-lieu";
    const auto page = Get(path, citizen_);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(Has(page.body, "Dùng lại giấy tờ đã số hóa"));
    const std::string csrf = CsrfOf(page.body);
    const std::string component = next.components.front().name;
    const std::string body = "_csrf=" + csrf + "&component=" + UrlEncode(component) +
                             "&document=" + std::to_string(result.id);
    // Someone else's holding: not found, nothing added.
    const std::string other_csrf = CsrfOf(Get("/cong-dan/kho-du-lieu", other).body);
    EXPECT_EQ(
        Post(path + "/dung-lai",
             "_csrf=" + other_csrf + "&component=x&document=" + std::to_string(result.id), other)
            .status,
        404);
    const auto missing = Post(path + "/dung-lai", "_csrf=" + csrf + "&document=1", citizen_);
    EXPECT_EQ(missing.status, 400);
    EXPECT_TRUE(Has(missing.body, "Chọn thành phần hồ sơ và giấy tờ cần dùng lại."));

    const auto reused = Post(path + "/dung-lai", body, citizen_);
    ASSERT_EQ(reused.status, 303) << reused.body;
    const auto after = Get(path + "?dung-lai=1", citizen_);
    EXPECT_TRUE(Has(after.body, "Đã dùng lại giấy tờ đã số hóa"));
    EXPECT_TRUE(Has(after.body, "<span class=\"badge\">Dùng lại</span>"));
    EXPECT_TRUE(Has(after.body, "giay-phep.pdf"));
}

TEST_F(DocumentPages, UploadScriptIsServed) {
    const auto script = Get("/static/upload.js");
    ASSERT_EQ(script.status, 200);
    EXPECT_TRUE(Has(script.content_type, "javascript"));
    EXPECT_TRUE(Has(script.body, "data-upload-url"));
    EXPECT_TRUE(Has(script.body, "X-CSRF-Token"));
    EXPECT_FALSE(Has(script.body, "innerHTML"));  // messages are text, never markup
}

}  // namespace
}  // namespace motcua::web::webtest
