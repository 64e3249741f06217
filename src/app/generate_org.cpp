// The generated province (docs/generate.md "Organisation" and "Officers"): one province, its
// Public Administration Service Centre with a counter (quầy) per department, 20 departments with
// 5 divisions each, 100 communes and wards with a one-stop desk and 2 divisions each (542 units),
// and their officers.
#include <algorithm>
#include <array>
#include <cmath>

#include "app/generate_model.hpp"
#include "store/units.hpp"
#include "store/users.hpp"

namespace motcua::app::generate {

namespace {

using domain::UnitType;

constexpr std::string_view kProvinceName = "Tỉnh Thanh Bình";
constexpr int kCommunes = 100;
constexpr int kDivisionsPerDepartment = 5;

constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kDepartments{{
    {"SNV", "Sở Nội vụ"},
    {"STC", "Sở Tài chính"},
    {"STP", "Sở Tư pháp"},
    {"SXD", "Sở Xây dựng"},
    {"SNNMT", "Sở Nông nghiệp và Môi trường"},
    {"SCT", "Sở Công Thương"},
    {"SYT", "Sở Y tế"},
    {"SGDDT", "Sở Giáo dục và Đào tạo"},
    {"SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"},
    {"SKHCN", "Sở Khoa học và Công nghệ"},
    {"SDTTG", "Sở Dân tộc và Tôn giáo"},
    {"TTRA", "Thanh tra tỉnh"},
    {"CAT", "Công an tỉnh"},
    {"BQLKKT", "Ban Quản lý các khu kinh tế, công nghiệp"},
    {"VPUBND", "Văn phòng Ủy ban nhân dân tỉnh"},
    {"THUE", "Thuế tỉnh"},
    {"BHXH", "Bảo hiểm xã hội tỉnh"},
    {"KBNN", "Kho bạc Nhà nước khu vực"},
    {"CCTK", "Chi cục Thống kê tỉnh"},
    {"BCHQS", "Bộ Chỉ huy quân sự tỉnh"},
}};

constexpr std::array<std::string_view, 20> kPlacePrefix{
    "An",    "Bình",  "Phú",   "Tân",  "Hòa", "Thuận", "Phước", "Long",  "Hưng",  "Vĩnh",
    "Quảng", "Hương", "Thanh", "Đông", "Tây", "Nam",   "Bắc",   "Trung", "Phong", "Lộc"};
constexpr std::array<std::string_view, 10> kPlaceSuffix{"Hòa", "Thạnh", "Lợi", "Phú",  "Xuân",
                                                        "Mỹ",  "Điền",  "Sơn", "Thủy", "Khánh"};

constexpr std::array<std::string_view, 12> kFamily{
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô"};
constexpr std::array<std::string_view, 8> kMiddle{"Văn",  "Thị",  "Hữu",   "Đức",
                                                  "Minh", "Ngọc", "Thanh", "Quốc"};
constexpr std::array<std::string_view, 16> kGiven{"An",   "Bình", "Chi",  "Dũng",  "Hà",  "Hải",
                                                  "Hạnh", "Hoa",  "Hùng", "Hương", "Lan", "Linh",
                                                  "Long", "Mai",  "Nam",  "Sơn"};

// FNV-1a: a portable hash of a text (std::hash differs between library versions).
std::uint64_t Fnv(std::string_view text) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const char c : text) {
        h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    }
    return h;
}

std::string OfficerName(std::uint64_t k) {
    const std::uint64_t h = Mix(k ^ 0x6f66666963657273ULL);
    return std::string(kFamily[h % kFamily.size()]) + " " +
           std::string(kMiddle[(h >> 8U) % kMiddle.size()]) + " " +
           std::string(kGiven[(h >> 16U) % kGiven.size()]);
}

domain::Unit MakeUnit(std::string code, UnitType type, std::string name) {
    domain::Unit u;
    u.code = std::move(code);
    u.type = type;
    u.name = std::move(name);
    u.valid_from = std::chrono::sys_days{std::chrono::year{2025} / 7 / 1};
    return u;
}

// Stores the unit unless one with its code exists; either way sets its id.
base::Status Ensure(store::Transaction& tx, Org& org, int index) {
    GenUnit& g = org.units[static_cast<size_t>(index)];
    auto found = store::units::GetByCode(tx, g.unit.code);
    if (!found) {
        return found.error();
    }
    if (*found) {
        g.unit.id = (*found)->id;
        return {};
    }
    if (g.parent >= 0) {
        g.unit.parent_id = org.units[static_cast<size_t>(g.parent)].unit.id;
    }
    auto stored = store::units::Insert(tx, g.unit);
    if (!stored) {
        return stored.error();
    }
    g.unit.id = stored->id;
    return {};
}

int Add(Org& org, int parent, std::string code, UnitType type, std::string name) {
    GenUnit g;
    g.unit = MakeUnit(std::move(code), type, std::move(name));
    g.parent = parent;
    org.units.push_back(std::move(g));
    return static_cast<int>(org.units.size()) - 1;
}

std::string Lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    });
    return s;
}

// Officers of one role on one unit: username "<unit code>.<tag><n>" (lower case), no password
// (they cannot sign in: the generated data is for reports and benchmarks).
base::Result<std::vector<Officer>> EnsureOfficers(store::Transaction& tx, const domain::Unit& unit,
                                                  domain::Role role, std::string_view tag,
                                                  int count, std::chrono::sys_seconds now) {
    std::vector<Officer> out;
    for (int i = 1; i <= count; ++i) {
        const std::string username =
            "g" + Lower(unit.code) + "." + std::string(tag) + std::to_string(i);
        auto found = store::users::GetByUsername(tx, username);
        if (!found) {
            return std::move(found).error();
        }
        if (*found) {
            out.push_back(Officer{(*found)->id, (*found)->display_name});
            continue;
        }
        domain::User u;
        u.username = username;
        u.display_name = OfficerName(Fnv(username));
        u.password_hash = "!generated";
        u.roles = {domain::RoleGrant{role, unit.id}};
        u.created_at = now;
        auto stored = store::users::Insert(tx, u);
        if (!stored) {
            return std::move(stored).error();
        }
        out.push_back(Officer{stored->id, stored->display_name});
    }
    return out;
}

}  // namespace

size_t Rng::Pick(const std::vector<double>& cumulative) {
    const double x = Uniform() * cumulative.back();
    const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), x);
    return std::min(static_cast<size_t>(it - cumulative.begin()), cumulative.size() - 1);
}

std::uint64_t Mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30U)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27U)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31U);
}

std::vector<double> ZipfCumulative(size_t n, double s) {
    std::vector<double> out(n);
    double sum = 0;
    for (size_t i = 0; i < n; ++i) {
        sum += 1.0 / std::pow(static_cast<double>(i + 1), s);
        out[i] = sum;
    }
    return out;
}

base::Result<Org> BuildOrganisation(store::Transaction& tx, std::chrono::sys_seconds now) {
    Org org;
    const std::string p(kProvinceCode);
    org.province = Add(org, -1, p, UnitType::kProvince, std::string(kProvinceName));
    org.centre = Add(org, org.province, p + ".TTPVHCC", UnitType::kServiceCentre,
                     "Trung tâm Phục vụ hành chính công tỉnh Thanh Bình");
    for (const auto& [code, name] : kDepartments) {
        const int dept = Add(org, org.province, p + "." + std::string(code), UnitType::kAgency,
                             std::string(name));
        org.departments.push_back(dept);
        // The department's counter at the centre (quầy): walk-in and postal dossiers of its
        // procedures are received and numbered there.
        org.department_desk.push_back(Add(org, org.centre, p + ".TTPVHCC." + std::string(code),
                                          UnitType::kOneStopDesk,
                                          "Quầy tiếp nhận " + std::string(name)));
        for (int k = 1; k <= kDivisionsPerDepartment; ++k) {
            Add(org, dept, p + "." + std::string(code) + ".P" + std::to_string(k),
                UnitType::kAgency,
                "Phòng nghiệp vụ " + std::to_string(k) + " – " + std::string(name));
        }
    }
    for (int i = 0; i < kCommunes; ++i) {
        const bool ward = i % 3 == 0;
        std::string place(kPlacePrefix[static_cast<size_t>(i) % kPlacePrefix.size()]);
        place += ' ';
        place += kPlaceSuffix[static_cast<size_t>(i / 20 + i) % kPlaceSuffix.size()];
        const std::string c = p + std::to_string(1000 + i + 1).substr(1);  // 99001 … 99100
        const std::string named = (ward ? "Phường " : "Xã ") + place;
        const int commune = Add(org, org.province, c, UnitType::kCommune, named);
        org.communes.push_back(commune);
        std::string desk = "Bộ phận Một cửa ";
        desk += Lower(named.substr(0, 1));
        desk += named.substr(1);
        org.commune_desk.push_back(Add(org, commune, c + ".BPMC", UnitType::kOneStopDesk, desk));
        Add(org, commune, c + ".VHXH", UnitType::kAgency, "Phòng Văn hóa – Xã hội " + named);
        Add(org, commune, c + ".KT", UnitType::kAgency, "Phòng Kinh tế " + named);
    }
    // Wards are larger: a Zipf shape over communes (s = 0.7) in the order listed.
    org.commune_weights = ZipfCumulative(org.communes.size(), 0.7);
    for (int i = 0; i < static_cast<int>(org.units.size()); ++i) {
        if (base::Status s = Ensure(tx, org, i); !s) {
            return s.error();
        }
    }
    const auto staff = [&](int index, domain::Role role, std::string_view tag,
                           int count) -> base::Result<std::vector<Officer>> {
        auto officers =
            EnsureOfficers(tx, org.units[static_cast<size_t>(index)].unit, role, tag, count, now);
        if (officers) {
            org.officers += static_cast<std::int64_t>(officers->size());
        }
        return officers;
    };
    using domain::Role;
    struct Need {
        int unit;
        Role role;
        std::string_view tag;
        int count;
    };
    std::vector<Need> needs{{org.centre, Role::kDeskOfficer, "mc", 4},
                            {org.province, Role::kLeader, "ld", 1}};
    for (size_t i = 0; i < org.departments.size(); ++i) {
        needs.push_back({org.department_desk[i], Role::kDeskOfficer, "mc", 2});
        needs.push_back({org.departments[i], Role::kSpecialist, "cv", 3});
        needs.push_back({org.departments[i], Role::kLeader, "ld", 1});
    }
    for (size_t i = 0; i < org.communes.size(); ++i) {
        needs.push_back({org.commune_desk[i], Role::kDeskOfficer, "mc", 2});
        needs.push_back({org.communes[i], Role::kSpecialist, "cv", 2});
        needs.push_back({org.communes[i], Role::kLeader, "ld", 1});
    }
    for (const Need& n : needs) {
        auto officers = staff(n.unit, n.role, n.tag, n.count);
        if (!officers) {
            return std::move(officers).error();
        }
        GenUnit& g = org.units[static_cast<size_t>(n.unit)];
        auto& list = n.role == Role::kDeskOfficer  ? g.desk_officers
                     : n.role == Role::kSpecialist ? g.specialists
                                                   : g.leaders;
        list = std::move(*officers);
    }
    return org;
}

}  // namespace motcua::app::generate
