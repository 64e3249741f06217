// Unit names of plans matched to the organisation tree (plan_units.hpp; issue #7): S1's cells
// against the demo tree (data/demo/units.csv, Thành phố Huế), and S0/S2's names against a small
// district tree.
#include "domain/plan_units.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "domain/plan_import.hpp"
#include "domain/plan_test_support.hpp"

namespace motcua::domain::plan_units {
namespace {

// data/demo/units.csv: code,type,name,parent_code,valid_from,valid_to (a quoted name may hold a
// comma).
std::vector<std::string> CsvFields(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (char c : line) {
        if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            out.emplace_back();
        } else {
            out.back().push_back(c);
        }
    }
    return out;
}

struct DemoTree {
    std::vector<Unit> units;
    std::map<std::string, std::int64_t> id;  // by code
    std::map<std::int64_t, std::string> code;
};

DemoTree LoadDemoTree() {
    DemoTree t;
    std::ifstream in(MOTCUA_DEMO_UNITS);
    std::string line;
    std::getline(in, line);  // header
    std::vector<std::pair<std::string, std::string>> parents;
    while (std::getline(in, line)) {
        if (line.empty()) {
            continue;
        }
        const auto f = CsvFields(line);
        Unit u;
        u.id = static_cast<std::int64_t>(t.units.size()) + 1;
        u.code = f.at(0);
        u.type = ParseUnitType(f.at(1)).value();
        u.name = f.at(2);
        t.id[u.code] = u.id;
        t.code[u.id] = u.code;
        parents.emplace_back(u.code, f.at(3));
        t.units.push_back(u);
    }
    for (std::size_t i = 0; i < t.units.size(); ++i) {
        if (!parents[i].second.empty()) {
            t.units[i].parent_id = t.id.at(parents[i].second);
        }
    }
    return t;
}

std::size_t CountOfType(const DemoTree& t, UnitType type, std::optional<std::int64_t> parent) {
    return static_cast<std::size_t>(std::count_if(
        t.units.begin(), t.units.end(),
        [&](const Unit& u) { return u.type == type && (!parent || u.parent_id == parent); }));
}

class DemoTreeTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { tree_ = new DemoTree(LoadDemoTree()); }
    static void TearDownTestSuite() {
        delete tree_;
        tree_ = nullptr;
    }
    static CellMatch Match(std::string_view cell) {
        return MatchCell(cell, tree_->units, tree_->id.at("46"));
    }
    static std::vector<std::string> Codes(const CellMatch& m) {
        std::vector<std::string> out;
        for (std::int64_t id : m.UnitIds()) {
            out.push_back(tree_->code.at(id));
        }
        std::sort(out.begin(), out.end());
        return out;
    }
    static DemoTree* tree_;
};
DemoTree* DemoTreeTest::tree_ = nullptr;

TEST_F(DemoTreeTest, SingleNamesIgnoreCaseDiacriticsAndPlaceSuffix) {
    ASSERT_GT(tree_->units.size(), 90U);
    EXPECT_EQ(Codes(Match("Sở Tư pháp")), std::vector<std::string>{"46.SOTP"});
    EXPECT_EQ(Codes(Match("SỞ TƯ PHÁP")), std::vector<std::string>{"46.SOTP"});
    EXPECT_EQ(Codes(Match("so tu phap")), std::vector<std::string>{"46.SOTP"});
    EXPECT_EQ(Codes(Match("Sở Tư pháp thành phố Huế")), std::vector<std::string>{"46.SOTP"});
    EXPECT_EQ(Codes(Match("Văn phòng UBND tỉnh")), std::vector<std::string>{"46.VPUBND"});
    EXPECT_EQ(Codes(Match("VP UBND TP")), std::vector<std::string>{"46.VPUBND"});
    EXPECT_EQ(Codes(Match("Trung tâm Phục vụ HCC tỉnh")), std::vector<std::string>{"46.TTPVHCC"});
    // The parenthesis names the part of the office meant: both are assigned.
    EXPECT_EQ(Codes(Match("Văn phòng UBND tỉnh (Trung tâm Phục vụ HCC tỉnh)")),
              (std::vector<std::string>{"46.TTPVHCC", "46.VPUBND"}));
    EXPECT_EQ(Codes(Match("UBND tỉnh")), std::vector<std::string>{"46"});
    // Written without separators (a PDF's line breaks lost).
    EXPECT_EQ(Codes(Match("Sở Nội vụ Sở Tư pháp Văn phòng UBND tỉnh")),
              (std::vector<std::string>{"46.SONV", "46.SOTP", "46.VPUBND"}));
    // "tỉnh" restricts the level: no commune's office is meant.
    const CellMatch none = Match("Sở Thông tin và Truyền thông");
    EXPECT_TRUE(none.matched.empty());
    EXPECT_EQ(none.unmatched, std::vector<std::string>{"Sở Thông tin và Truyền thông"});
}

TEST_F(DemoTreeTest, CollectiveNamesExpand) {
    const std::int64_t root = tree_->id.at("46");
    const std::size_t agencies = CountOfType(*tree_, UnitType::kAgency, root);
    const std::size_t communes = CountOfType(*tree_, UnitType::kCommune, std::nullopt);
    const std::size_t desks = CountOfType(*tree_, UnitType::kOneStopDesk, std::nullopt);
    ASSERT_EQ(agencies, 19U);
    ASSERT_EQ(communes, 40U);
    const CellMatch sbn = Match("Các sở, ban, ngành cấp tỉnh");
    ASSERT_EQ(sbn.matched.size(), 1U);
    EXPECT_TRUE(sbn.matched[0].collective);
    EXPECT_EQ(sbn.matched[0].name, "Các sở, ban, ngành cấp tỉnh");
    EXPECT_EQ(sbn.matched[0].unit_ids.size(), agencies);
    EXPECT_TRUE(sbn.unmatched.empty());
    EXPECT_EQ(Match("UBND cấp xã").UnitIds().size(), communes);
    EXPECT_EQ(Match("UBND các xã, phường").UnitIds().size(), communes);
    EXPECT_EQ(Match("Bộ phận Tiếp nhận và Trả kết quả của UBND cấp huyện, cấp xã").UnitIds().size(),
              desks);
    EXPECT_EQ(Match("Các cơ quan chuyên môn thuộc UBND tỉnh").UnitIds().size(), agencies);
    // No districts since the 2025 reform: the name waits for a person.
    const CellMatch s1 = Match("Các sở, ban, ngành cấp tỉnh; UBND cấp huyện; UBND cấp xã.");
    EXPECT_EQ(s1.UnitIds().size(), agencies + communes);
    EXPECT_EQ(s1.unmatched, std::vector<std::string>{"UBND cấp huyện"});
    const CellMatch related =
        Match("- Văn phòng UBND tỉnh; - Sở Tư pháp; - Các cơ quan, đơn vị liên quan.");
    ASSERT_EQ(related.matched.size(), 3U);
    EXPECT_EQ(related.matched[0].unit_ids, std::vector<std::int64_t>{tree_->id.at("46.VPUBND")});
    EXPECT_EQ(related.matched[1].unit_ids, std::vector<std::int64_t>{tree_->id.at("46.SOTP")});
    EXPECT_EQ(related.matched[2].unit_ids.size(), agencies + communes);
    EXPECT_TRUE(related.unmatched.empty());
}

// Every lead and cooperating cell of S1 (Thừa Thiên Huế 2024) against today's tree: what is left
// for a person is the names of units that no longer exist or lie outside the tree.
TEST_F(DemoTreeTest, EverySeedS1CellIsMatchedOrListed) {
    const auto plan = plan_import::Read(plan_test::ReadSeed("s1-thua-thien-hue-2024.txt"), 2024,
                                        plan_test::Calendar());
    std::set<std::string> unmatched;
    std::size_t cells = 0;
    std::size_t with_units = 0;
    for (const auto& s : plan.sections) {
        for (const auto& t : s.tasks) {
            for (const auto& d : t.deliverables) {
                for (const std::string* cell : {&d.lead_raw, &d.cooperating_raw}) {
                    if (cell->empty()) {
                        continue;
                    }
                    ++cells;
                    const CellMatch m = Match(*cell);
                    with_units += m.UnitIds().empty() ? 0 : 1;
                    unmatched.insert(m.unmatched.begin(), m.unmatched.end());
                }
            }
        }
    }
    EXPECT_GT(cells, 60U);
    EXPECT_GT(with_units, cells * 8 / 10);  // most cells name units of the tree
    const std::set<std::string> expected{
        "Các cơ quan",  // "Các cơ quan, tổ chức liên quan": bodies outside the tree
        "các cơ quan",
        "tổ chức liên quan",
        "tổ chức được nhà nước ủy quyền thực hiện dịch vụ công",
        "Các cơ quan báo chí Trung ương",
        "địa phương",
        "Sở Thông tin và Truyền thông",  // merged into Sở Khoa học và Công nghệ in 2025
        "UBND cấp huyện",                // no districts since 1/7/2025
        "UBND cấp huyện (Trung tâm HCC cấp huyện)",
        "UBND cấp huyện (Trung tâm Hành chính công cấp huyện)",
    };
    EXPECT_EQ(unmatched, expected);
}

// A district tree (S0 Bố Trạch; S2 a commune of it).
class DistrictTreeTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto add = [&](std::int64_t id, UnitType type, std::string name,
                       std::optional<std::int64_t> parent) {
            Unit u;
            u.id = id;
            u.code = "U" + std::to_string(id);
            u.type = type;
            u.name = std::move(name);
            u.parent_id = parent;
            units_.push_back(std::move(u));
        };
        add(1, UnitType::kProvince, "Tỉnh Quảng Bình", std::nullopt);
        add(2, UnitType::kDistrict, "Huyện Bố Trạch", 1);
        add(3, UnitType::kAgency, "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Bố Trạch",
            2);
        add(4, UnitType::kAgency, "Phòng Tư pháp huyện Bố Trạch", 2);
        add(5, UnitType::kAgency, "Phòng Tài chính - Kế hoạch huyện Bố Trạch", 2);
        add(6, UnitType::kAgency, "Phòng Văn hóa và Thông tin huyện Bố Trạch", 2);
        add(7, UnitType::kAgency, "Phòng Nội vụ huyện Bố Trạch", 2);
        add(8, UnitType::kCommune, "Thị trấn Hoàn Lão", 2);
        add(9, UnitType::kCommune, "Xã Đại Trạch", 2);
        add(10, UnitType::kCommune, "Xã Nam Trạch", 2);
        add(11, UnitType::kOneStopDesk, "Bộ phận Một cửa huyện Bố Trạch", 2);
        add(12, UnitType::kOneStopDesk, "Bộ phận Một cửa xã Đại Trạch", 9);
        add(13, UnitType::kDistrict, "Huyện Quảng Trạch", 1);
        add(14, UnitType::kAgency, "Phòng Tư pháp huyện Quảng Trạch", 13);
        add(15, UnitType::kCommune, "Xã Quảng Hưng", 13);
        add(16, UnitType::kAgency, "Sở Tư pháp tỉnh Quảng Bình", 1);
    }
    CellMatch Match(std::string_view cell, std::int64_t issuer = 2) const {
        return MatchCell(cell, units_, issuer);
    }
    std::vector<Unit> units_;
};

using Ids = std::vector<std::int64_t>;

TEST_F(DistrictTreeTest, S0Names) {
    EXPECT_EQ(Match("Văn phòng HĐND-UBND huyện").UnitIds(), Ids{3});
    EXPECT_EQ(Match("Văn phòng HĐND - UBND huyện.").UnitIds(), Ids{3});
    // The nearest of two "Phòng Tư pháp" wins: the district's own.
    EXPECT_EQ(Match("Phòng Tư pháp").UnitIds(), Ids{4});
    EXPECT_EQ(Match("Phòng Tư pháp", 13).UnitIds(), Ids{14});
    EXPECT_EQ(Match("UBND các xã, thị trấn").UnitIds(), (Ids{8, 9, 10}));
    EXPECT_EQ(Match("UBND huyện").UnitIds(), Ids{2});
    EXPECT_EQ(Match("UBND tỉnh").UnitIds(), Ids{1});
    EXPECT_EQ(Match("Sở Tư pháp").UnitIds(), Ids{16});
    EXPECT_EQ(Match("Bộ phận một cửa cấp huyện, cấp xã").UnitIds(), (Ids{11, 12}));
    EXPECT_EQ(Match("Bộ phận một cửa cấp huyện").UnitIds(), Ids{11});
    const CellMatch lead = Match(
        "Văn phòng HĐND-UBND huyện chủ trì, phối hợp với các phòng, ban, đơn vị, UBND các xã, "
        "thị trấn.");
    EXPECT_EQ(lead.UnitIds(), (Ids{3, 4, 5, 6, 7, 8, 9, 10}));
    EXPECT_TRUE(lead.unmatched.empty());
    const CellMatch press = Match(
        "Phòng Văn hoá và Thông tin, phòng Nội Vụ, Văn phòng HĐND - UBND huyện; Các cơ quan báo "
        "chí trên địa bàn.");
    EXPECT_EQ(press.UnitIds(), (Ids{3, 6, 7}));
    EXPECT_EQ(press.unmatched, std::vector<std::string>{"Các cơ quan báo chí trên địa bàn"});
    const CellMatch finance = Match(
        "Phòng Tài chính-Kế hoạch, UBND các xã, thị trấn phối hợp các cơ quan, đơn vị liên quan.");
    EXPECT_EQ(finance.UnitIds(), (Ids{3, 4, 5, 6, 7, 8, 9, 10}));
    EXPECT_TRUE(finance.unmatched.empty());
    // Communes of another district are not "các xã" of this one.
    const Ids lead_ids = lead.UnitIds();
    EXPECT_EQ(std::count(lead_ids.begin(), lead_ids.end(), 15), 0);
}

TEST_F(DistrictTreeTest, CommuneNamesAndUnknowns) {
    EXPECT_EQ(Match("UBND xã", 9).UnitIds(), Ids{9});
    EXPECT_EQ(Match("Bộ phận một cửa", 9).UnitIds(), Ids{12});
    EXPECT_EQ(Match("Theo dõi: Bộ phận Một cửa", 9).UnitIds(), Ids{12});
    // Two districts' offices are equally far from the province: no guess.
    EXPECT_TRUE(Match("Phòng Tư pháp", 1).UnitIds().empty());
    EXPECT_EQ(Match("Phòng Tư pháp", 1).unmatched, std::vector<std::string>{"Phòng Tư pháp"});
    const CellMatch unknown = Match("Công chức Tài chính kế toán", 9);
    EXPECT_EQ(unknown.unmatched, std::vector<std::string>{"Công chức Tài chính kế toán"});
    // An issuing unit outside the tree: nothing matches, nothing is dropped.
    const CellMatch outside = Match("Phòng Tư pháp; UBND các xã, thị trấn", 999);
    EXPECT_TRUE(outside.matched.empty());
    EXPECT_EQ(outside.unmatched.size(), 3U);
    EXPECT_EQ(NormaliseName("Văn phòng HĐND-UBND"), "van phong hoi dong nhan dan uy ban nhan dan");
    EXPECT_EQ(NormaliseName("Sở TT&TT"), "so thong tin truyen thong");
}

}  // namespace
}  // namespace motcua::domain::plan_units
