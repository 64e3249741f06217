#include "demo/demo_data.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "text/unicode.hpp"

namespace motcua::demo {
namespace {

using std::chrono::sys_days;
using std::chrono::year;

constexpr std::string_view kHeader = "code,type,name,parent_code,valid_from,valid_to\n";

void ExpectUnitsError(std::string_view csv, std::string_view message) {
    const auto units = ParseDemoUnits(csv);
    ASSERT_FALSE(units.ok()) << csv;
    EXPECT_EQ(units.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_EQ(units.error().message, message);
}

void ExpectProceduresError(std::string_view jsonl, std::string_view message) {
    const auto procedures = ParseDemoProcedures(jsonl);
    ASSERT_FALSE(procedures.ok()) << jsonl;
    EXPECT_EQ(procedures.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_EQ(procedures.error().message, message);
}

// --- The embedded data set ---

TEST(EmbeddedDemoUnits, ParsesCompletelyIntoAValidTree) {
    const auto units = ParseDemoUnits(EmbeddedDemoUnits());
    ASSERT_TRUE(units.ok()) << units.error().message;
    std::map<std::string, const DemoUnit*> by_code;
    std::map<domain::UnitType, int> count;
    for (const DemoUnit& demo : *units) {
        domain::Unit check = demo.unit;
        if (!demo.parent_code.empty()) {
            check.parent_id = 1;
        }
        EXPECT_TRUE(domain::ValidateUnit(check).ok()) << demo.unit.code;
        EXPECT_TRUE(by_code.emplace(demo.unit.code, &demo).second)
            << "duplicate " << demo.unit.code;
        EXPECT_EQ(*text::Nfc(demo.unit.name), demo.unit.name);
        EXPECT_EQ(demo.unit.valid_from, sys_days{year{2025} / 7 / 1});
        EXPECT_FALSE(demo.unit.valid_to.has_value());
        ++count[demo.unit.type];
    }
    for (const DemoUnit& demo : *units) {
        if (demo.unit.type == domain::UnitType::kProvince) {
            EXPECT_TRUE(demo.parent_code.empty());
            continue;
        }
        const auto parent = by_code.find(demo.parent_code);
        ASSERT_NE(parent, by_code.end()) << demo.unit.code << " → " << demo.parent_code;
        if (demo.unit.type == domain::UnitType::kOneStopDesk) {
            EXPECT_EQ(parent->second->unit.type, domain::UnitType::kCommune) << demo.unit.code;
            EXPECT_EQ(demo.unit.code, demo.parent_code + ".BPMC");
        } else {
            EXPECT_EQ(parent->second->unit.type, domain::UnitType::kProvince) << demo.unit.code;
        }
    }
    // Thành phố Huế: 40 communes and wards after 1/7/2025 (GSO letter 1027/CTK-CSCL).
    EXPECT_EQ(count[domain::UnitType::kProvince], 1);
    EXPECT_EQ(count[domain::UnitType::kCommune], 40);
    EXPECT_EQ(count[domain::UnitType::kOneStopDesk], 40);
    EXPECT_EQ(count[domain::UnitType::kServiceCentre], 1);
    EXPECT_GE(count[domain::UnitType::kAgency], 15);
    EXPECT_EQ(count[domain::UnitType::kDistrict], 0);
    ASSERT_TRUE(by_code.count("46"));
    EXPECT_EQ(by_code.at("46")->unit.name, "Thành phố Huế");
    ASSERT_TRUE(by_code.count("19753"));
    EXPECT_EQ(by_code.at("19753")->unit.name, "Phường Phú Xuân");
    ASSERT_TRUE(by_code.count("46.SOTP"));
    EXPECT_EQ(by_code.at("46.SOTP")->unit.name, "Sở Tư pháp thành phố Huế");
}

TEST(EmbeddedDemoProcedures, ParsesCompletelyAndValidly) {
    const auto procedures = ParseDemoProcedures(EmbeddedDemoProcedures());
    ASSERT_TRUE(procedures.ok()) << procedures.error().message;
    EXPECT_GE(procedures->size(), 300u);
    EXPECT_LE(procedures->size(), 500u);
    std::set<std::string> codes;
    std::set<std::string> fields;
    for (const domain::Procedure& p : *procedures) {
        EXPECT_TRUE(domain::ValidateProcedure(p).ok()) << p.code;
        EXPECT_TRUE(codes.insert(p.code).second) << "duplicate " << p.code;
        fields.insert(p.field);
        EXPECT_FALSE(p.levels.empty()) << p.code;
        const bool local =
            std::find(p.levels.begin(), p.levels.end(), "province") != p.levels.end() ||
            std::find(p.levels.begin(), p.levels.end(), "commune") != p.levels.end();
        EXPECT_TRUE(local) << p.code << " is neither a province nor a commune procedure";
        EXPECT_EQ(p.effective_from, sys_days{year{2025} / 7 / 1});
        EXPECT_EQ(p.source_url.rfind("https://dichvucong.gov.vn/", 0), 0u) << p.code;
    }
    // Sorted by code (deterministic file).
    EXPECT_TRUE(std::is_sorted(
        procedures->begin(), procedures->end(),
        [](const domain::Procedure& a, const domain::Procedure& b) { return a.code < b.code; }));
    for (const std::string_view field :
         {"Hộ tịch", "Chứng thực", "Đất đai", "Hoạt động xây dựng", "Nuôi con nuôi",
          "Lý lịch tư pháp", "Thành lập và hoạt động của doanh nghiệp"}) {
        EXPECT_TRUE(fields.count(std::string(field))) << field;
    }
}

TEST(EmbeddedDemoProcedures, ContainsBirthRegistration) {
    const auto procedures = ParseDemoProcedures(EmbeddedDemoProcedures());
    ASSERT_TRUE(procedures.ok());
    const auto it =
        std::find_if(procedures->begin(), procedures->end(), [](const domain::Procedure& p) {
            return text::SearchKey(p.name).find("dang ky khai sinh") != std::string::npos;
        });
    ASSERT_NE(it, procedures->end());
    const auto exact =
        std::find_if(procedures->begin(), procedures->end(),
                     [](const domain::Procedure& p) { return p.code == "1.001193"; });
    ASSERT_NE(exact, procedures->end());
    EXPECT_EQ(exact->name, "Thủ tục đăng ký khai sinh");
    EXPECT_EQ(exact->field, "Hộ tịch");
    EXPECT_EQ(exact->levels, std::vector<std::string>{"commune"});
    EXPECT_EQ(exact->publication_decision, "163/QĐ-BTP");
    EXPECT_EQ(exact->online_level, domain::OnlineLevel::kPartial);
    EXPECT_EQ(exact->result, "Giấy khai sinh");
    EXPECT_FALSE(exact->documents.empty());
}

TEST(EmbeddedDemoProcedures, HasParsedTimesAndFees) {
    const auto procedures = ParseDemoProcedures(EmbeddedDemoProcedures());
    ASSERT_TRUE(procedures.ok());
    const auto timed =
        std::count_if(procedures->begin(), procedures->end(),
                      [](const domain::Procedure& p) { return p.processing_milli > 0; });
    const auto paid = std::count_if(procedures->begin(), procedures->end(),
                                    [](const domain::Procedure& p) { return p.fee_amount > 0; });
    EXPECT_GT(timed, 250);
    EXPECT_GT(paid, 30);
}

// --- ParseDemoUnits on small inputs ---

TEST(ParseDemoUnits, ParsesRowsWithQuotesAndCrlf) {
    const std::string csv =
        "code,type,name,parent_code,valid_from,valid_to\r\n"
        "46,province,Thành phố Huế,,2025-07-01,\r\n"
        "46.BQL,agency,\"Ban Quản lý Khu kinh tế, công nghiệp\",46,2025-07-01,2030-12-31\r\n"
        "19753,commune,\"Phường \"\"Phú\"\" Xuân\",46,2025-07-01,\r\n";
    const auto units = ParseDemoUnits(csv);
    ASSERT_TRUE(units.ok()) << units.error().message;
    ASSERT_EQ(units->size(), 3u);
    EXPECT_EQ((*units)[0].unit.type, domain::UnitType::kProvince);
    EXPECT_EQ((*units)[0].parent_code, "");
    EXPECT_EQ((*units)[1].unit.name, "Ban Quản lý Khu kinh tế, công nghiệp");
    EXPECT_EQ((*units)[1].unit.valid_to, sys_days{year{2030} / 12 / 31});
    EXPECT_EQ((*units)[2].unit.name, "Phường \"Phú\" Xuân");
    EXPECT_EQ((*units)[2].parent_code, "46");
    EXPECT_FALSE((*units)[2].unit.parent_id.has_value());
}

TEST(ParseDemoUnits, NormalizesNamesToNfc) {
    const std::string csv =
        std::string(kHeader) + "46,province,Thành phô\u0301 Hue\u0302\u0301,,2025-07-01,\n";
    const auto units = ParseDemoUnits(csv);
    ASSERT_TRUE(units.ok()) << units.error().message;
    EXPECT_EQ((*units)[0].unit.name, "Thành phố Huế");
}

TEST(ParseDemoUnits, ReportsTheLineOfTheFirstBadRow) {
    ExpectUnitsError("",
                     "units.csv:1: the first line must be the header "
                     "\"code,type,name,parent_code,valid_from,valid_to\"");
    ExpectUnitsError("code,type,name\n",
                     "units.csv:1: the first line must be the header "
                     "\"code,type,name,parent_code,valid_from,valid_to\"");
    const std::string ok = std::string(kHeader) + "46,province,Huế,,2025-07-01,\n";
    ExpectUnitsError(ok + "1,commune,Xã A,46,2025-07-01\n",
                     "units.csv:3: expected 6 fields, found 5");
    ExpectUnitsError(ok + "1,ward,Xã A,46,2025-07-01,\n",
                     "units.csv:3: Loại đơn vị không hợp lệ: \"ward\"");
    ExpectUnitsError(ok + "1,commune,Xã A,46,2025-02-30,\n",
                     "units.csv:3: valid_from \"2025-02-30\" is not a date YYYY-MM-DD");
    ExpectUnitsError(ok + "1,commune,Xã A,46,2025-07-01,1/7/2030\n",
                     "units.csv:3: valid_to \"1/7/2030\" is not a date YYYY-MM-DD");
    ExpectUnitsError(ok + "1,commune,Xã A,46,2025-07-01,2025-06-30\n",
                     "units.csv:3: Ngày hết hiệu lực của đơn vị không được trước ngày bắt đầu "
                     "hiệu lực");
    ExpectUnitsError(ok + "1 2,commune,Xã A,46,2025-07-01,\n",
                     "units.csv:3: Mã đơn vị không hợp lệ: chỉ gồm chữ cái không dấu, chữ số và "
                     "các dấu . _ -");
    ExpectUnitsError(ok + "1,commune,,46,2025-07-01,\n",
                     "units.csv:3: Tên đơn vị không được để trống");
    ExpectUnitsError(ok + "1,commune,Xã A,,2025-07-01,\n",
                     "units.csv:3: Đơn vị cấp trên là bắt buộc đối với loại đơn vị \"Xã/Phường\"");
    ExpectUnitsError(ok + "47,province,Huế 2,46,2025-07-01,\n",
                     "units.csv:3: Đơn vị cấp tỉnh không có đơn vị cấp trên");
    ExpectUnitsError(ok + "1,commune,Xã A,99,2025-07-01,\n",
                     "units.csv:3: parent_code \"99\" names no earlier unit");
    ExpectUnitsError(
        ok + "1.BPMC,one_stop_desk,Một cửa,1,2025-07-01,\n1,commune,Xã A,46,2025-07-01,\n",
        "units.csv:3: parent_code \"1\" names no earlier unit");
    ExpectUnitsError(ok + "1,commune,Xã A,46,2025-07-01,\n1,commune,Xã B,46,2025-07-01,\n",
                     "units.csv:4: duplicate code \"1\"");
    ExpectUnitsError(ok + "1,commune,\"Xã A,46,2025-07-01,\n",
                     "units.csv:3: quoted field not closed before the end of the text");
    ExpectUnitsError(ok + "1,commune,Xã \"A\",46,2025-07-01,\n",
                     "units.csv:3: quote inside an unquoted field (quote the whole field and "
                     "double the quote)");
}

TEST(ParseDemoUnits, CountsLinesInsideQuotedFields) {
    const std::string csv = std::string(kHeader) +
                            "46,province,\"Thành phố\nHuế\",,2025-07-01,\n"
                            "1,commune,Xã A,46,2025-7-01,\n";
    ExpectUnitsError(csv, "units.csv:4: valid_from \"2025-7-01\" is not a date YYYY-MM-DD");
}

// --- ParseDemoProcedures on small inputs ---

constexpr std::string_view kMinimal =
    R"({"code":"1.001193","name":"Thủ tục đăng ký khai sinh","field":"Hộ tịch","levels":["commune"],"effective_from":"2025-07-01"})";

TEST(ParseDemoProcedures, ParsesAMinimalLineWithDefaults) {
    const auto procedures = ParseDemoProcedures(std::string(kMinimal) + "\n");
    ASSERT_TRUE(procedures.ok()) << procedures.error().message;
    ASSERT_EQ(procedures->size(), 1u);
    const domain::Procedure& p = procedures->front();
    EXPECT_EQ(p.code, "1.001193");
    EXPECT_EQ(p.time_unit, domain::TimeUnit::kWorkingDays);
    EXPECT_EQ(p.online_level, domain::OnlineLevel::kNone);
    EXPECT_EQ(p.processing_milli, 0);
    EXPECT_FALSE(p.effective_to.has_value());
}

TEST(ParseDemoProcedures, ParsesEveryField) {
    const std::string line =
        R"({"code":"2.000001","name":"Cấp giấy phép xây dựng","field":"Hoạt động xây dựng",)"
        R"("levels":["province","commune"],"implementing_units":"Sở Xây dựng",)"
        R"("processing_milli":15000,"time_unit":"days","fees":"150.000 đồng","fee_amount":150000,)"
        R"("online_level":"partial","documents":[{"name":"Đơn đề nghị","note":"1 bản chính"},)"
        R"({"name":"Bản vẽ"}],"legal_basis":"Luật Xây dựng","publication_decision":"1/QĐ-BXD",)"
        R"("steps":"Bước 1\nBước 2","conditions":"","result":"Giấy phép xây dựng",)"
        R"("source_url":"https://dichvucong.gov.vn/x","effective_from":"2025-07-01",)"
        R"("effective_to":"2026-12-31"})";
    const auto procedures = ParseDemoProcedures("\r\n" + line + "\r\n\n");
    ASSERT_TRUE(procedures.ok()) << procedures.error().message;
    const domain::Procedure& p = procedures->front();
    EXPECT_EQ(p.levels, (std::vector<std::string>{"province", "commune"}));
    EXPECT_EQ(p.processing_milli, 15000);
    EXPECT_EQ(p.time_unit, domain::TimeUnit::kDays);
    EXPECT_EQ(p.fee_amount, 150000);
    EXPECT_EQ(p.online_level, domain::OnlineLevel::kPartial);
    ASSERT_EQ(p.documents.size(), 2u);
    EXPECT_EQ(p.documents[0], (domain::RequiredDocument{"Đơn đề nghị", "1 bản chính"}));
    EXPECT_EQ(p.documents[1], (domain::RequiredDocument{"Bản vẽ", ""}));
    EXPECT_EQ(p.steps, "Bước 1\nBước 2");
    EXPECT_EQ(p.effective_to, sys_days{year{2026} / 12 / 31});
}

TEST(ParseDemoProcedures, ReportsTheLineOfTheFirstBadLine) {
    const std::string ok = std::string(kMinimal) + "\n\n";  // lines 1-2, the bad one is line 3
    const auto with = [](std::string_view extra) {
        return R"({"code":"1.000002","name":"Thủ tục","field":"Hộ tịch","levels":["commune"],)"
               R"("effective_from":"2025-07-01")" +
               std::string(extra) + "}\n";
    };
    // Invalid JSON: the message after the prefix is Boost.JSON's.
    for (const std::string& bad : {std::string("{\"code\":\n"), std::string("not json\n"),
                                   with(R"(,"x":"\xC3\x28")"), with(",")}) {
        const auto procedures = ParseDemoProcedures(ok + bad);
        ASSERT_FALSE(procedures.ok()) << bad;
        EXPECT_EQ(procedures.error().message.rfind("procedures.jsonl:3: invalid JSON: ", 0), 0u)
            << procedures.error().message;
    }
    ExpectProceduresError(ok + "[1,2]\n", "procedures.jsonl:3: each line must be a JSON object");
    ExpectProceduresError(ok + R"({"code":"1.000002"})" + "\n",
                          "procedures.jsonl:3: missing key \"name\"");
    ExpectProceduresError(ok + with(R"(,"nam":"x")"), "procedures.jsonl:3: unknown key \"nam\"");
    ExpectProceduresError(ok + with(R"(,"fees":5)"),
                          "procedures.jsonl:3: \"fees\" must be a string");
    ExpectProceduresError(ok + with(R"(,"fee_amount":"5")"),
                          "procedures.jsonl:3: \"fee_amount\" must be an integer");
    ExpectProceduresError(ok + with(R"(,"processing_milli":1.5)"),
                          "procedures.jsonl:3: \"processing_milli\" must be an integer");
    ExpectProceduresError(ok + with(R"(,"time_unit":"weeks")"),
                          "procedures.jsonl:3: Đơn vị thời hạn giải quyết không hợp lệ: \"weeks\"");
    ExpectProceduresError(ok + with(R"(,"online_level":"level4")"),
                          "procedures.jsonl:3: Mức độ dịch vụ công trực tuyến không hợp lệ: "
                          "\"level4\"");
    ExpectProceduresError(ok + with(R"(,"effective_to":"31/12/2026")"),
                          "procedures.jsonl:3: \"effective_to\" is not a date YYYY-MM-DD: "
                          "\"31/12/2026\"");
    ExpectProceduresError(ok + with(R"(,"documents":[{"note":"1 bản"}])"),
                          R"(procedures.jsonl:3: missing key "name" in "documents")");
    ExpectProceduresError(ok + with(R"(,"documents":["Tờ khai"])"),
                          "procedures.jsonl:3: \"documents\" must be an array of objects");
    ExpectProceduresError(ok + with(R"(,"processing_milli":-1000)"),
                          "procedures.jsonl:3: Thời hạn giải quyết không được là số âm");
    ExpectProceduresError(ok + R"({"code":"1.001193","name":"Khác","field":"Hộ tịch",)"
                               R"("levels":["commune"],"effective_from":"2025-07-01"})",
                          "procedures.jsonl:3: duplicate code \"1.001193\"");
    ExpectProceduresError(ok + R"({"code":"1.2","name":"Khác","field":"Hộ tịch",)"
                               R"("levels":["commune"],"effective_from":"2025-07-01"})",
                          "procedures.jsonl:3: Mã thủ tục không hợp lệ: \"1.2\" (dạng đúng: "
                          "1.001193)");
    ExpectProceduresError(ok + R"({"code":"1.000002","name":"Khác","field":"Hộ tịch",)"
                               R"("levels":["Cấp xã"],"effective_from":"2025-07-01"})",
                          "procedures.jsonl:3: Cấp thực hiện không hợp lệ: \"Cấp xã\"");
}

}  // namespace
}  // namespace motcua::demo
