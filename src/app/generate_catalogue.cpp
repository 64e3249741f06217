// The generated catalogue (docs/generate.md "Procedures"): 2,000 procedures over 40 fields, each
// field owned by a department, with levels, deadlines, fees and online levels drawn from fixed
// distributions, and the default internal process of each.
#include <array>

#include "app/generate_model.hpp"
#include "store/dossiers.hpp"
#include "store/procedures.hpp"
#include "text/unicode.hpp"

namespace motcua::app::generate {

namespace {

struct Field {
    std::string_view name;
    int department;        // index into the departments (generate_org.cpp kDepartments)
    double commune_share;  // share of its procedures implemented at commune level
};

// Department indexes: 0 SNV, 1 STC, 2 STP, 3 SXD, 4 SNNMT, 5 SCT, 6 SYT, 7 SGDDT, 8 SVHTTDL,
// 9 SKHCN, 10 SDTTG.
constexpr std::array<Field, 40> kFields{{
    {"Hộ tịch", 2, 0.8},
    {"Chứng thực", 2, 0.8},
    {"Lý lịch tư pháp", 2, 0.0},
    {"Luật sư", 2, 0.0},
    {"Công chứng", 2, 0.0},
    {"Nuôi con nuôi", 2, 0.4},
    {"Đất đai", 4, 0.5},
    {"Môi trường", 4, 0.2},
    {"Tài nguyên nước", 4, 0.1},
    {"Trồng trọt", 4, 0.3},
    {"Chăn nuôi và thú y", 4, 0.3},
    {"Thủy sản", 4, 0.2},
    {"Lâm nghiệp", 4, 0.3},
    {"Hoạt động xây dựng", 3, 0.4},
    {"Đường bộ", 3, 0.1},
    {"Nhà ở", 3, 0.2},
    {"Thành lập và hoạt động của hộ kinh doanh", 1, 0.9},
    {"Đầu tư", 1, 0.0},
    {"Quản lý công sản", 1, 0.2},
    {"Lao động", 0, 0.2},
    {"Việc làm", 0, 0.1},
    {"Bảo trợ xã hội", 6, 0.7},
    {"Người có công", 0, 0.6},
    {"Thi đua, khen thưởng", 0, 0.3},
    {"Công chức, viên chức", 0, 0.1},
    {"Khám bệnh, chữa bệnh", 6, 0.0},
    {"Dược phẩm", 6, 0.0},
    {"An toàn thực phẩm", 6, 0.4},
    {"Giáo dục và Đào tạo", 7, 0.4},
    {"Văn hóa", 8, 0.4},
    {"Thể dục thể thao", 8, 0.2},
    {"Du lịch", 8, 0.1},
    {"Báo chí, xuất bản", 8, 0.0},
    {"Khoa học và công nghệ", 9, 0.0},
    {"Viễn thông và Internet", 9, 0.1},
    {"Tín ngưỡng, tôn giáo", 10, 0.5},
    {"Công tác dân tộc", 10, 0.3},
    {"Điện lực", 5, 0.1},
    {"Hóa chất", 5, 0.0},
    {"Lưu thông hàng hóa", 5, 0.3},
}};

constexpr std::array<std::string_view, 10> kVerbs{
    "Cấp",      "Cấp lại",   "Gia hạn",   "Điều chỉnh", "Đăng ký",
    "Xác nhận", "Công nhận", "Thẩm định", "Phê duyệt",  "Thông báo"};
constexpr std::array<std::string_view, 6> kObjects{
    "giấy phép", "giấy chứng nhận", "chứng chỉ", "văn bản chấp thuận", "quyết định", "hồ sơ"};

// Processing time in working days and its weight (per cent).
constexpr std::array<std::pair<int, int>, 10> kDeadlines{
    {{0, 3}, {1, 10}, {2, 8}, {3, 15}, {5, 20}, {7, 10}, {10, 12}, {15, 10}, {20, 7}, {30, 5}}};
constexpr std::array<std::int64_t, 7> kFees{10'000,  20'000,  50'000,   100'000,
                                            200'000, 500'000, 1'000'000};

std::string Money(std::int64_t vnd) {
    std::string digits = std::to_string(vnd);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
        digits.insert(static_cast<size_t>(i), ".");
    }
    return digits + " đồng/hồ sơ";
}

domain::Procedure MakeProcedure(Rng& rng, int index, const Field& field, bool commune) {
    domain::Procedure p;
    const std::string number = std::to_string(100'000 + index + 1);  // 100001 … 102000
    p.code = "9.9" + number.substr(1);
    const std::string_view verb = kVerbs[static_cast<size_t>(rng.Between(0, kVerbs.size() - 1))];
    const std::string_view object =
        kObjects[static_cast<size_t>(rng.Between(0, kObjects.size() - 1))];
    p.name = std::string(verb) + " " + std::string(object) + " lĩnh vực " +
             std::string(field.name) + " (thủ tục số " + std::to_string(index + 1) + ")";
    if (auto nfc = text::Nfc(p.name)) {
        p.name = std::move(*nfc);
    }
    p.field = std::string(field.name);
    p.levels = {commune ? "commune" : "province"};
    p.implementing_units = commune ? "Ủy ban nhân dân cấp xã" : "Sở, ngành cấp tỉnh";
    int roll = static_cast<int>(rng.Between(0, 99));
    for (const auto& [days, weight] : kDeadlines) {
        if (roll < weight) {
            p.processing_milli = static_cast<std::int64_t>(days) * 1000;
            break;
        }
        roll -= weight;
    }
    p.time_unit = domain::TimeUnit::kWorkingDays;
    if (rng.Chance(0.35)) {
        p.fee_amount = kFees[static_cast<size_t>(rng.Between(0, kFees.size() - 1))];
        p.fees = Money(p.fee_amount);
    } else {
        p.fees = "Không";
    }
    const double online = rng.Uniform();
    p.online_level = online < 0.45   ? domain::OnlineLevel::kFull
                     : online < 0.75 ? domain::OnlineLevel::kPartial
                                     : domain::OnlineLevel::kNone;
    p.documents = {{"Tờ khai theo mẫu", "01 bản chính"},
                   {"Giấy tờ chứng minh đủ điều kiện", "01 bản sao"}};
    p.legal_basis = "Dữ liệu tổng hợp (motcua generate)";
    p.publication_decision = "1/QĐ-UBND";
    p.result = "Văn bản giải quyết thủ tục hành chính";
    p.effective_from = std::chrono::sys_days{std::chrono::year{2025} / 7 / 1};
    return p;
}

// Fisher–Yates with our Rng: the Zipf rank order of a list.
void Shuffle(Rng& rng, std::vector<int>& list) {
    for (size_t i = list.size(); i > 1; --i) {
        const auto j = static_cast<size_t>(rng.Between(0, static_cast<std::int64_t>(i) - 1));
        std::swap(list[i - 1], list[j]);
    }
}

}  // namespace

base::Result<Catalogue> BuildCatalogue(store::Transaction& tx, const Org& org,
                                       std::chrono::sys_seconds now) {
    Catalogue cat;
    Rng rng(0x6361'7461'6c6fULL);  // fixed: the catalogue does not depend on the seed
    int index = 0;
    for (size_t f = 0; f < kFields.size(); ++f) {
        const Field& field = kFields[f];
        const int count = 50 + (static_cast<int>(f % 5) - 2) * 10;  // 30..70, 2,000 in all
        for (int k = 0; k < count; ++k, ++index) {
            GenProcedure g;
            g.commune_level = rng.Chance(field.commune_share);
            g.department = org.departments[static_cast<size_t>(field.department)];
            g.procedure = MakeProcedure(rng, index, field, g.commune_level);
            cat.procedures.push_back(std::move(g));
        }
    }
    for (size_t i = 0; i < cat.procedures.size(); ++i) {
        GenProcedure& g = cat.procedures[i];
        auto stored =
            store::procedures::GetInForce(tx, g.procedure.code, g.procedure.effective_from);
        if (!stored) {
            return std::move(stored).error();
        }
        if (!*stored) {
            const std::string key = text::SearchKey(g.procedure.name + " " + g.procedure.code +
                                                    " " + g.procedure.field);
            auto inserted = store::procedures::Insert(tx, g.procedure, key);
            if (!inserted) {
                return std::move(inserted).error();
            }
        }
        auto process = store::dossiers::LatestProcess(tx, g.procedure.code, std::nullopt);
        if (!process) {
            return std::move(process).error();
        }
        if (*process) {
            g.process = std::make_shared<const domain::Process>(std::move(**process));
        } else {
            domain::Process p = domain::DefaultProcess(g.procedure);
            p.version = 0;
            auto inserted = store::dossiers::InsertProcess(tx, std::move(p), std::nullopt, now);
            if (!inserted) {
                return std::move(inserted).error();
            }
            g.process = std::make_shared<const domain::Process>(std::move(*inserted));
        }
        const bool online = g.procedure.online_level != domain::OnlineLevel::kNone;
        const int idx = static_cast<int>(i);
        (g.commune_level ? cat.commune_all : cat.province_all).push_back(idx);
        if (online) {
            (g.commune_level ? cat.commune_online : cat.province_online).push_back(idx);
        }
    }
    for (auto* list :
         {&cat.commune_all, &cat.commune_online, &cat.province_all, &cat.province_online}) {
        Shuffle(rng, *list);
    }
    return cat;
}

}  // namespace motcua::app::generate
