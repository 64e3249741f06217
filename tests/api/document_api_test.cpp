// Documents through /api/v1 (issue #5): upload and download, content-addressed storage and
// deduplication, size and type checks, path-like names, access of other citizens and officers,
// digitisation, holdings and reuse (labels citizen, dossier).
#include <array>
#include <filesystem>
#include <random>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "app/crypto.hpp"
#include "app/documents.hpp"
#include "store/documents.hpp"
#include "store/dossiers.hpp"
#include "store/users.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;
using http::Method;
namespace fs = std::filesystem;

constexpr std::string_view kPdfType = "application/pdf";

json::value Body(const http::Response& r) {
    std::error_code ec;
    json::value v = json::parse(r.body, ec);
    EXPECT_FALSE(ec) << r.body;
    return v;
}

std::string Pdf(std::string_view text) {
    return "%PDF-1.7\n% " + std::string(text) + "\n%%EOF\n";
}
std::string Png() {
    return std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(32, '\1');
}

class DocumentApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device random;
        files_ = fs::temp_directory_path() / ("motcua-files-" + std::to_string(random()));
        api.context().files_dir = files_;
        desk = api.SignIn("motcua");
        specialist = api.SignIn("chuyenvien");
        citizen = api.SignIn("congdan");
        other_citizen = api.SignIn("doanhnghiep");
        commune_desk = api.SignIn("motcuaxa");
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(files_, ec);
    }

    // A dossier received at the provincial centre for the Department of Justice; with
    // `citizen_owner` it is made the citizen's online dossier in `state`.
    std::string NewDossier(std::optional<domain::DossierState> state = std::nullopt,
                           bool citizen_owner = true, std::string id_number = "046090001234") {
        const auto r = api.Call(
            Method::kPost, "/api/v1/dossiers",
            R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","applicant":{"name":"Võ Thị Dân","id_number":")" +
                id_number + R"("}})",
            &desk);
        EXPECT_EQ(r.status, 201) << r.body;
        const std::string code(Body(r).at("code").as_string());
        if (state) {
            auto tx = api.db().Begin(store::TxMode::kWrite);
            auto d = store::dossiers::GetByCode(**tx, code);
            EXPECT_TRUE(d && *d);
            domain::Dossier dossier = **d;
            dossier.state = *state;
            if (citizen_owner) {
                dossier.citizen_user_id = citizen.user_id;
            }
            dossier.version += 1;
            EXPECT_TRUE(store::dossiers::Update(**tx, dossier, dossier.version - 1));
            EXPECT_TRUE((*tx)->Commit());
        }
        return code;
    }

    http::Response Upload(const Browser& who, const std::string& code, std::string_view bytes,
                          std::string_view type = kPdfType,
                          std::string query = "component=Tờ+khai&name=to-khai.pdf") {
        return api.Call(Method::kPost, "/api/v1/dossiers/" + code + "/documents?" + query, bytes,
                        &who, true, type);
    }

    std::int64_t DossierId(const std::string& code) {
        auto tx = api.db().Begin(store::TxMode::kRead);
        auto d = store::dossiers::GetByCode(**tx, code);
        return d && *d ? (*d)->id : 0;
    }

    // Regular files in the store, outside tmp/.
    std::vector<fs::path> StoredFiles() {
        std::vector<fs::path> out;
        if (!fs::exists(files_)) {
            return out;
        }
        for (const auto& e : fs::recursive_directory_iterator(files_)) {
            if (e.is_regular_file() && e.path().parent_path().filename() != "tmp") {
                out.push_back(e.path());
            }
        }
        return out;
    }

    std::int64_t AuditCount(std::string_view action) {
        auto tx = api.db().Begin(store::TxMode::kRead);
        const std::array<store::Value, 1> params{std::string(action)};
        auto row = (*tx)->QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = $1", params);
        return row && *row ? (**row).Int(0) : -1;
    }

    ApiFixture api;
    fs::path files_;
    Browser desk;
    Browser specialist;
    Browser citizen;
    Browser other_citizen;
    Browser commune_desk;
};

TEST_F(DocumentApiTest, UploadAndDownloadRoundTrip) {
    const std::string code = NewDossier(domain::DossierState::kAwaitingSupplement);
    const std::string bytes = Pdf("Tờ khai đăng ký");
    const auto up = Upload(citizen, code, bytes);
    ASSERT_EQ(up.status, 201) << up.body;
    const json::value doc = Body(up);
    EXPECT_EQ(doc.at("sha256").as_string(), app::Sha256Hex(bytes));
    EXPECT_EQ(doc.at("size").as_int64(), static_cast<std::int64_t>(bytes.size()));
    EXPECT_EQ(doc.at("media_type").as_string(), "application/pdf");
    EXPECT_EQ(doc.at("component").as_string(), "Tờ khai");
    EXPECT_FALSE(doc.at("digitised").as_bool());  // the desk has not checked it yet
    EXPECT_EQ(AuditCount("document.upload"), 1);
    EXPECT_TRUE(fs::exists(app::StoredFilePath(files_, app::Sha256Hex(bytes))));

    const std::string id = std::to_string(doc.at("id").as_int64());
    for (const Browser* who : {&citizen, &desk, &specialist}) {
        const auto got = api.Call(Method::kGet, "/api/v1/documents/" + id, "", who);
        ASSERT_EQ(got.status, 200) << got.body;
        EXPECT_EQ(got.body, bytes);
        EXPECT_EQ(app::Sha256Hex(got.body), app::Sha256Hex(bytes));
        EXPECT_EQ(got.content_type, "application/pdf");
        EXPECT_EQ(got.Header("Content-Disposition").value_or(""),
                  "attachment; filename*=UTF-8''to-khai.pdf");
        EXPECT_EQ(got.Header("X-Content-Type-Options").value_or(""), "nosniff");
    }
    const auto list = api.Call(Method::kGet, "/api/v1/dossiers/" + code + "/documents", "", &desk);
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(Body(list).at("items").as_array().size(), 1U);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/documents/" + id).status, 401);
}

TEST_F(DocumentApiTest, IdenticalBytesAreStoredOnce) {
    const std::string code = NewDossier(domain::DossierState::kAwaitingSupplement);
    const std::string bytes = Pdf("same");
    ASSERT_EQ(Upload(citizen, code, bytes).status, 201);
    ASSERT_EQ(Upload(desk, code, bytes, kPdfType, "component=Bản+sao&name=copy.pdf").status, 201);
    EXPECT_EQ(api.Count("documents"), 2);
    EXPECT_EQ(api.Count("files"), 1);
    EXPECT_EQ(StoredFiles().size(), 1U);
}

TEST_F(DocumentApiTest, OversizeEmptyAndMislabelledFilesAreRefused) {
    const std::string code = NewDossier(domain::DossierState::kAwaitingSupplement);
    auto r = Upload(citizen, code, Pdf("x") + std::string(app::kMaxUploadBytes, ' '));
    EXPECT_EQ(r.status, 413) << r.body.substr(0, 200);
    EXPECT_EQ(r.content_type, "application/problem+json");
    r = Upload(citizen, code, "");
    EXPECT_EQ(r.status, 400) << r.body;
    // A PNG declared as a PDF, and an executable declared as a PDF or as itself.
    r = Upload(citizen, code, Png());
    EXPECT_EQ(r.status, 415) << r.body;
    EXPECT_NE(Body(r).at("detail").as_string().find("không khớp"), json::string::npos);
    const std::string exe = std::string("MZ\x90\0\3\0\0\0", 8) + std::string(64, '\0');
    EXPECT_EQ(Upload(citizen, code, exe).status, 415);
    EXPECT_EQ(Upload(citizen, code, exe, "application/x-msdownload").status, 415);
    // A PDF declared as a PNG.
    EXPECT_EQ(Upload(citizen, code, Pdf("x"), "image/png").status, 415);
    // A missing component name.
    EXPECT_EQ(Upload(citizen, code, Pdf("x"), kPdfType, "name=a.pdf").status, 400);
    EXPECT_EQ(api.Count("documents"), 0);
    EXPECT_EQ(api.Count("files"), 0);
    EXPECT_TRUE(StoredFiles().empty());
    // The PNG declared as what it is.
    EXPECT_EQ(Upload(citizen, code, Png(), "image/png").status, 201);
}

TEST_F(DocumentApiTest, PathLikeNamesAreDisplayTextOnly) {
    const std::string code = NewDossier(domain::DossierState::kAwaitingSupplement);
    const std::string bytes = Pdf("passwd");
    const auto r = Upload(citizen, code, bytes, kPdfType, "component=Giấy&name=../../etc/passwd");
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(Body(r).at("file_name").as_string(), "passwd");
    const auto stored = StoredFiles();
    ASSERT_EQ(stored.size(), 1U);
    EXPECT_EQ(stored[0], app::StoredFilePath(files_, app::Sha256Hex(bytes)));
    EXPECT_EQ(stored[0].filename().string().size(), 64U);
    EXPECT_FALSE(fs::exists(files_.parent_path() / "etc" / "passwd"));
}

TEST_F(DocumentApiTest, OthersCannotListDownloadOrUpload) {
    const std::string code = NewDossier(domain::DossierState::kAwaitingSupplement);
    const auto up = Upload(citizen, code, Pdf("private"));
    ASSERT_EQ(up.status, 201);
    const std::string id = std::to_string(Body(up).at("id").as_int64());
    for (const Browser* who : {&other_citizen, &commune_desk}) {
        EXPECT_EQ(api.Call(Method::kGet, "/api/v1/dossiers/" + code + "/documents", "", who).status,
                  404);
        const auto got = api.Call(Method::kGet, "/api/v1/documents/" + id, "", who);
        EXPECT_EQ(got.status, 404);
        EXPECT_EQ(got.body.find("private"), std::string::npos);
        EXPECT_EQ(Upload(*who, code, Pdf("intruder")).status, 404);
        EXPECT_EQ(api.Call(Method::kPost, "/api/v1/documents/" + id + "/digitised", "", who).status,
                  404);
    }
    // An unknown id looks the same as one the caller may not see.
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/documents/999999", "", &other_citizen).body,
              api.Call(Method::kGet, "/api/v1/documents/" + id, "", &other_citizen).body);
    // The specialist may see the dossier but not add components to it.
    EXPECT_EQ(Upload(specialist, code, Pdf("x")).status, 403);
    EXPECT_EQ(api.Count("documents"), 1);
}

TEST_F(DocumentApiTest, DeskDigitisesComponents) {
    const std::string code = NewDossier(domain::DossierState::kAwaitingSupplement);
    const auto up = Upload(citizen, code, Pdf("giấy phép"));
    ASSERT_EQ(up.status, 201);
    const std::string id = std::to_string(Body(up).at("id").as_int64());
    const std::string target = "/api/v1/documents/" + id + "/digitised";
    EXPECT_EQ(api.Call(Method::kPost, target, "", &specialist).status, 403);
    EXPECT_EQ(api.Call(Method::kPost, target, "", &citizen).status, 403);
    auto r = api.Call(Method::kPost, target, "", &desk);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(Body(r).at("digitised").as_bool());
    EXPECT_EQ(api.Call(Method::kPost, target, "", &desk).status, 200);  // idempotent
    EXPECT_EQ(AuditCount("document.digitise"), 1);
    // A paper component scanned at the desk is digitised from the start.
    const std::string walk_in = NewDossier();
    r = Upload(desk, walk_in, Pdf("scan"));
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_TRUE(Body(r).at("digitised").as_bool());
    // The citizen may not add to a dossier that is being processed.
    const std::string processing = NewDossier(domain::DossierState::kProcessing);
    EXPECT_EQ(Upload(citizen, processing, Pdf("late")).status, 409);
}

TEST_F(DocumentApiTest, ResultsLandInHoldingsAndAreReused) {
    const std::string earlier = NewDossier(domain::DossierState::kApproved);
    const std::string result_query =
        "role=result&component=Giấy+phép&name=giay-phep.pdf&valid_until=2031-12-31";
    // Before approval and by the citizen: refused.
    const std::string open = NewDossier(domain::DossierState::kAwaitingSupplement);
    EXPECT_EQ(Upload(specialist, open, Pdf("r"), kPdfType, result_query).status, 409);
    EXPECT_EQ(Upload(citizen, earlier, Pdf("r"), kPdfType, result_query).status, 403);
    const std::string bytes = Pdf("Giấy phép số 12");
    auto r = Upload(specialist, earlier, bytes, kPdfType, result_query);
    ASSERT_EQ(r.status, 201) << r.body;
    const json::value result = Body(r);
    EXPECT_TRUE(result.at("digitised").as_bool());
    EXPECT_EQ(result.at("valid_until").as_string(), "2031-12-31");
    const std::int64_t holding = result.at("id").as_int64();

    r = api.Call(Method::kGet, "/api/v1/me/documents", "", &citizen);
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value holdings = Body(r);
    const auto& items = holdings.at("items").as_array();
    ASSERT_EQ(items.size(), 1U);
    EXPECT_EQ(items[0].at("id").as_int64(), holding);
    r = api.Call(Method::kGet, "/api/v1/me/documents", "", &other_citizen);
    EXPECT_TRUE(Body(r).at("items").as_array().empty());

    const std::string reuse_body =
        R"({"component":"Giấy phép hoạt động","document_id":)" + std::to_string(holding) + "}";
    const std::string reuse = "/api/v1/dossiers/" + open + "/documents/reuse";
    // Someone else's holding, bad JSON, unknown fields.
    EXPECT_EQ(api.Call(Method::kPost, reuse, reuse_body, &other_citizen).status, 404);
    EXPECT_EQ(api.Call(Method::kPost, reuse, "{", &citizen).status, 400);
    EXPECT_EQ(api.Call(Method::kPost, reuse, R"({"component":"x","document_id":1,"x":1})", &citizen)
                  .status,
              400);
    EXPECT_EQ(
        api.Call(Method::kPost, reuse, R"({"component":"x","document_id":"1"})", &citizen).status,
        400);
    const std::int64_t files_before = api.Count("files");
    r = api.Call(Method::kPost, reuse, reuse_body, &citizen);
    ASSERT_EQ(r.status, 201) << r.body;
    const json::value copy = Body(r);
    EXPECT_EQ(copy.at("reused_from").as_int64(), holding);
    EXPECT_EQ(copy.at("sha256").as_string(), app::Sha256Hex(bytes));
    EXPECT_TRUE(copy.at("digitised").as_bool());
    EXPECT_EQ(api.Count("files"), files_before);
    EXPECT_EQ(AuditCount("document.reuse"), 1);
    // The reused copy downloads the same bytes.
    r = api.Call(Method::kGet, "/api/v1/documents/" + std::to_string(copy.at("id").as_int64()), "",
                 &citizen);
    EXPECT_EQ(r.body, bytes);
    // Counted for the indicators.
    auto tx = api.db().Begin(store::TxMode::kRead);
    auto stats = store::documents::StatsFor(**tx, DossierId(open));
    ASSERT_TRUE(stats);
    EXPECT_TRUE(stats->HasReusedComponent());
    EXPECT_EQ(stats->digitised_components, 1);
    auto earlier_stats = store::documents::StatsFor(**tx, DossierId(earlier));
    ASSERT_TRUE(earlier_stats);
    EXPECT_TRUE(earlier_stats->HasDigitisedResult());
    EXPECT_FALSE(earlier_stats->HasReusedComponent());
}

TEST_F(DocumentApiTest, ExpiredResultsAreNoLongerHoldings) {
    const std::string earlier = NewDossier(domain::DossierState::kResultReady);
    ASSERT_EQ(Upload(specialist, earlier, Pdf("old"), kPdfType,
                     "role=result&component=Kết+quả&valid_until=2026-01-31")
                  .status,
              201);
    const auto r = api.Call(Method::kGet, "/api/v1/me/documents", "", &citizen);
    EXPECT_TRUE(Body(r).at("items").as_array().empty()) << r.body;
}

TEST_F(DocumentApiTest, WalkInResultsReachOnlyAVerifiedIdentity) {
    const std::string walk_in = NewDossier(domain::DossierState::kApproved, false, "046188009999");
    auto r =
        Upload(desk, walk_in, Pdf("walk-in result"), kPdfType, "role=result&component=Kết+quả");
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string id = std::to_string(Body(r).at("id").as_int64());
    auto profile = [&](std::string_view provider) {
        auto tx = api.db().Begin(store::TxMode::kWrite);
        const std::array<store::Value, 2> params{std::int64_t{citizen.user_id},
                                                 std::string(provider)};
        ASSERT_TRUE((*tx)->Execute(
            "INSERT INTO citizen_profiles (user_id, kind, id_number, identity_provider, "
            "verified_at, created_at) VALUES ($1, 'person', '046188009999', $2, 1, 1) "
            "ON CONFLICT (user_id) DO UPDATE SET id_number = '046188009999', "
            "identity_provider = $2, verified_at = 1",
            params));
        ASSERT_TRUE((*tx)->Commit());
    };
    // A number merely declared at sign-up is not enough.
    profile("self");
    r = api.Call(Method::kGet, "/api/v1/me/documents", "", &citizen);
    EXPECT_TRUE(Body(r).at("items").as_array().empty()) << r.body;
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/documents/" + id, "", &citizen).status, 404);
    profile("vneid");
    r = api.Call(Method::kGet, "/api/v1/me/documents", "", &citizen);
    ASSERT_EQ(Body(r).at("items").as_array().size(), 1U) << r.body;
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/documents/" + id, "", &citizen).status, 200);
}

TEST_F(DocumentApiTest, DraftDocumentsBelongToTheDraftOwnerAndMoveAtSubmission) {
    std::int64_t draft = 0;
    {
        auto tx = api.db().Begin(store::TxMode::kWrite);
        const std::array<store::Value, 2> params{std::int64_t{citizen.user_id},
                                                 std::int64_t{api.UnitId("46.SOTP")}};
        auto row = (*tx)->QueryOne(
            "INSERT INTO drafts (user_id, procedure_code, settling_unit_id, body, created_at, "
            "updated_at) VALUES ($1, '1.002010', $2, '{}', 1, 1) RETURNING id",
            params);
        ASSERT_TRUE(row && *row);
        draft = (**row).Int(0);
        ASSERT_TRUE((*tx)->Commit());
    }
    const std::string base = "/api/v1/drafts/" + std::to_string(draft) + "/documents";
    auto r = api.Call(Method::kPost, base + "?component=Tờ+khai&name=a.pdf", Pdf("draft"), &citizen,
                      true, kPdfType);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(
        api.Call(Method::kPost, base + "?component=x", Pdf("x"), &other_citizen, true, kPdfType)
            .status,
        404);
    EXPECT_EQ(api.Call(Method::kGet, base, "", &other_citizen).status, 404);
    EXPECT_EQ(api.Call(Method::kGet, base, "", &desk).status, 404);
    r = api.Call(Method::kGet, base, "", &citizen);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(Body(r).at("items").as_array().size(), 1U);
    // At submission the documents move to the dossier.
    const std::string code = NewDossier(domain::DossierState::kSubmitted);
    {
        auto tx = api.db().Begin(store::TxMode::kWrite);
        auto moved = store::documents::MoveDraftToDossier(**tx, draft, DossierId(code));
        ASSERT_TRUE(moved);
        EXPECT_EQ(*moved, 1);
        ASSERT_TRUE((*tx)->Commit());
    }
    r = api.Call(Method::kGet, "/api/v1/dossiers/" + code + "/documents", "", &desk);
    EXPECT_EQ(Body(r).at("items").as_array().size(), 1U) << r.body;
}

}  // namespace
}  // namespace motcua::testing
