// Contract of store::procedures (procedures.hpp), on every backend.
#include "store/procedures.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "storage_test_support.hpp"

namespace motcua::store::testing {
namespace {

using base::ErrorCode;
using domain::Procedure;

class ProceduresTest : public StoreTest {
protected:
    void Add(const Procedure& p, std::string_view key) {
        auto tx = db_->Begin(TxMode::kWrite);
        ASSERT_TRUE(IsOk(tx));
        ASSERT_TRUE(IsOk(procedures::Insert(**tx, p, key))) << p.code;
        ASSERT_TRUE(IsOk((*tx)->Commit()));
    }

    // The codes matching `terms` on 2025-07-01.
    std::vector<std::string> Codes(const std::string& terms) {
        procedures::SearchQuery query;
        query.folded_terms = terms;
        query.day = D(2025, 7, 1);
        query.limit = 100;
        auto tx = db_->Begin(TxMode::kRead);
        EXPECT_TRUE(IsOk(tx));
        if (!tx) {
            return {};
        }
        auto page = procedures::Search(**tx, query);
        EXPECT_TRUE(IsOk(page)) << terms;
        std::vector<std::string> codes;
        if (page) {
            for (const Procedure& p : page->items) {
                codes.push_back(p.code);
            }
            EXPECT_EQ(page->total, static_cast<std::int64_t>(codes.size())) << terms;
        }
        return codes;
    }

    void AddSearchCatalogue() {
        Add(MakeProcedure("1.000001", "Đăng ký khai sinh", "Hộ tịch", D(2020, 1, 1)),
            "dang ky khai sinh 1 000001 ho tich");
        Add(MakeProcedure("1.000002", "Đăng ký kết hôn", "Hộ tịch", D(2020, 1, 1)),
            "dang ky ket hon 1 000002 ho tich");
        Add(MakeProcedure("1.000003", "Đăng ký khai tử", "Hộ tịch", D(2020, 1, 1)),
            "dang ky khai tu 1 000003 ho tich");
        Add(MakeProcedure("2.000001", "Cấp giấy phép xây dựng", "Xây dựng", D(2020, 1, 1)),
            "cap giay phep xay dung 2 000001 xay dung");
    }
};
INSTANTIATE_TEST_SUITE_P(Backends, ProceduresTest, ::testing::ValuesIn(Backends()), BackendName);

TEST_P(ProceduresTest, InsertRoundTripsEveryField) {
    Procedure p = MakeProcedure("1.001234", "Đăng ký khai sinh", "Hộ tịch", D(2024, 7, 1));
    p.levels = {"commune", "district"};
    p.processing_milli = 1500;
    p.time_unit = domain::TimeUnit::kHours;
    p.fees = "8.000 đồng/bản";
    p.fee_amount = 8000;
    p.online_level = domain::OnlineLevel::kPartial;
    p.documents = {{"Tờ khai đăng ký khai sinh", "Mẫu số 01, bản chính"},
                   {"Giấy chứng sinh \"bản gốc\"", ""}};
    p.legal_basis = "Luật Hộ tịch 2014";
    p.publication_decision = "2628/QĐ-BTP";
    p.steps = "Bước 1…\nBước 2…";
    p.conditions = "Không";
    p.result = "Giấy khai sinh";
    p.source_url = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html";
    p.effective_to = D(2030, 12, 31);
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto stored, procedures::Insert(*tx, p, "dang ky khai sinh"));
        EXPECT_EQ(stored.version, 1);
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto loaded, procedures::GetInForce(*tx, "1.001234", D(2025, 1, 1)));
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->code, p.code);
    EXPECT_EQ(loaded->name, p.name);
    EXPECT_EQ(loaded->field, p.field);
    EXPECT_EQ(loaded->levels, p.levels);
    EXPECT_EQ(loaded->implementing_units, p.implementing_units);
    EXPECT_EQ(loaded->processing_milli, 1500);
    EXPECT_EQ(loaded->time_unit, domain::TimeUnit::kHours);
    EXPECT_EQ(loaded->fees, p.fees);
    EXPECT_EQ(loaded->fee_amount, 8000);
    EXPECT_EQ(loaded->online_level, domain::OnlineLevel::kPartial);
    EXPECT_EQ(loaded->documents, p.documents);
    EXPECT_EQ(loaded->legal_basis, p.legal_basis);
    EXPECT_EQ(loaded->publication_decision, p.publication_decision);
    EXPECT_EQ(loaded->steps, p.steps);
    EXPECT_EQ(loaded->conditions, p.conditions);
    EXPECT_EQ(loaded->result, p.result);
    EXPECT_EQ(loaded->source_url, p.source_url);
    EXPECT_EQ(loaded->effective_from, D(2024, 7, 1));
    EXPECT_EQ(loaded->effective_to, D(2030, 12, 31));
    EXPECT_EQ(loaded->version, 1);
}

TEST_P(ProceduresTest, DuplicateVersionIsAlreadyExists) {
    Add(MakeProcedure("1.000001", "A", "Hộ tịch", D(2020, 1, 1)), "a");
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    EXPECT_TRUE(HasCode(
        procedures::Insert(*tx, MakeProcedure("1.000001", "B", "Hộ tịch", D(2020, 1, 1)), "b"),
        ErrorCode::kAlreadyExists));
}

TEST_P(ProceduresTest, TheVersionInForceDependsOnTheDay) {
    Add(MakeProcedure("1.000001", "Phiên bản 2020", "Hộ tịch", D(2020, 1, 1)), "a");
    Procedure v2 = MakeProcedure("1.000001", "Phiên bản 2024", "Hộ tịch", D(2024, 7, 1));
    v2.effective_to = D(2025, 12, 31);
    Add(v2, "b");
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    const auto name_on = [&](std::chrono::sys_days day) -> std::string {
        auto p = procedures::GetInForce(*tx, "1.000001", day);
        EXPECT_TRUE(IsOk(p));
        return p && *p ? (*p)->name : "-";
    };
    EXPECT_EQ(name_on(D(2019, 12, 31)), "-");
    EXPECT_EQ(name_on(D(2020, 1, 1)), "Phiên bản 2020");
    EXPECT_EQ(name_on(D(2024, 6, 30)), "Phiên bản 2020");
    EXPECT_EQ(name_on(D(2024, 7, 1)), "Phiên bản 2024");
    EXPECT_EQ(name_on(D(2025, 12, 31)), "Phiên bản 2024");
    // After the latest version ends, the earlier (superseded) one does not come back.
    EXPECT_EQ(name_on(D(2026, 1, 1)), "-");
    ASSIGN_OR_FAIL(auto other, procedures::GetInForce(*tx, "9.999999", D(2025, 1, 1)));
    EXPECT_FALSE(other.has_value());

    ASSIGN_OR_FAIL(auto history, procedures::History(*tx, "1.000001"));
    ASSERT_EQ(history.size(), 2U);
    EXPECT_EQ(history[0].name, "Phiên bản 2020");
    EXPECT_EQ(history[1].name, "Phiên bản 2024");
    ASSIGN_OR_FAIL(auto none, procedures::History(*tx, "9.999999"));
    EXPECT_TRUE(none.empty());
}

TEST_P(ProceduresTest, UpdateChecksTheVersionAndReindexesTheKey) {
    Procedure p = MakeProcedure("1.000001", "Đăng ký khai sinh", "Hộ tịch", D(2020, 1, 1));
    Add(p, "dang ky khai sinh");
    p.version = 1;
    p.name = "Đăng ký khai sinh có yếu tố nước ngoài";
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto updated,
                       procedures::Update(*tx, p, "dang ky khai sinh co yeu to nuoc ngoai"));
        EXPECT_EQ(updated.version, 2);
        EXPECT_EQ(updated.name, p.name);
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    EXPECT_EQ(Codes("nuoc ngoai"), std::vector<std::string>{"1.000001"});
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        Procedure stale = p;  // version 1 again
        stale.name = "Cũ";
        EXPECT_TRUE(HasCode(procedures::Update(*tx, stale, "cu"), ErrorCode::kAborted));
        Procedure ghost = p;
        ghost.effective_from = D(2021, 1, 1);
        EXPECT_TRUE(HasCode(procedures::Update(*tx, ghost, "x"), ErrorCode::kNotFound));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    EXPECT_TRUE(Codes("cu").empty());
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto loaded, procedures::GetInForce(*tx, "1.000001", D(2025, 1, 1)));
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->name, "Đăng ký khai sinh có yếu tố nước ngoài");
    EXPECT_EQ(loaded->version, 2);
}

TEST_P(ProceduresTest, SearchMatchesEveryTermAsAWordPrefix) {
    AddSearchCatalogue();
    EXPECT_EQ(Codes("dang ky khai sinh"), std::vector<std::string>{"1.000001"});
    EXPECT_EQ(Codes("khai sinh"), std::vector<std::string>{"1.000001"});
    EXPECT_EQ(Codes("khai sin"), std::vector<std::string>{"1.000001"});
    EXPECT_EQ(Codes("sinh khai"), std::vector<std::string>{"1.000001"});  // order-free
    EXPECT_EQ(Codes("KHAI   Sinh"), std::vector<std::string>{"1.000001"});
    EXPECT_EQ(Codes("khai"), (std::vector<std::string>{"1.000001", "1.000003"}));
    EXPECT_EQ(Codes("dang ky"), (std::vector<std::string>{"1.000001", "1.000002", "1.000003"}));
    EXPECT_EQ(Codes("1.000002"), std::vector<std::string>{"1.000002"});  // the code's words
    EXPECT_EQ(Codes("xay"), std::vector<std::string>{"2.000001"});
    // Not a word prefix, or a word that is not there.
    EXPECT_TRUE(Codes("ai sinh").empty());
    EXPECT_TRUE(Codes("inh").empty());
    EXPECT_TRUE(Codes("khai sinh xay").empty());
    EXPECT_TRUE(Codes("nhap").empty());
    // Characters that mean something to FTS5 or LIKE are plain text.
    EXPECT_TRUE(Codes("\"khai\" OR sinh*").empty());  // "or" is a term like any other
    EXPECT_EQ(Codes("%").size(), 4U);                 // no word at all: every procedure
    EXPECT_TRUE(Codes("k_ai").empty());
    EXPECT_EQ(Codes("").size(), 4U);
}

TEST_P(ProceduresTest, SearchFiltersByFieldLevelAndDay) {
    AddSearchCatalogue();
    Procedure provincial = MakeProcedure("1.000009", "Khai sinh tỉnh", "Hộ tịch", D(2020, 1, 1));
    provincial.levels = {"province"};
    Add(provincial, "khai sinh tinh");
    Add(MakeProcedure("1.000010", "Khai sinh mới", "Hộ tịch", D(2026, 1, 1)), "khai sinh moi");

    procedures::SearchQuery query;
    query.day = D(2025, 7, 1);
    query.folded_terms = "khai";
    query.field = "Hộ tịch";
    query.level = "province";
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto page, procedures::Search(*tx, query));
    ASSERT_EQ(page.items.size(), 1U);
    EXPECT_EQ(page.items[0].code, "1.000009");
    EXPECT_EQ(page.total, 1);

    query.level = "commune";
    ASSIGN_OR_FAIL(auto commune, procedures::Search(*tx, query));
    EXPECT_EQ(commune.total, 2);  // 1.000001, 1.000003; 1.000010 is not in force yet

    query.day = D(2026, 1, 1);
    ASSIGN_OR_FAIL(auto later, procedures::Search(*tx, query));
    EXPECT_EQ(later.total, 3);

    query.field = "Xây dựng";
    ASSIGN_OR_FAIL(auto none, procedures::Search(*tx, query));
    EXPECT_EQ(none.total, 0);
    EXPECT_TRUE(none.items.empty());
    EXPECT_EQ(none.next_cursor, std::nullopt);

    query.limit = 0;
    EXPECT_TRUE(HasCode(procedures::Search(*tx, query), ErrorCode::kInvalidArgument));
}

TEST_P(ProceduresTest, SearchPagesWithACursorAndATotal) {
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        for (int i = 1; i <= 25; ++i) {
            char code[16];
            std::snprintf(code, sizeof(code), "1.%06d", i);
            ASSERT_TRUE(IsOk(procedures::Insert(
                *tx,
                MakeProcedure(code, "Thủ tục số " + std::to_string(i), "Hộ tịch", D(2020, 1, 1)),
                "thu tuc so " + std::to_string(i))));
        }
        ASSERT_TRUE(IsOk(procedures::Insert(
            *tx, MakeProcedure("3.000001", "Khác", "Hộ tịch", D(2020, 1, 1)), "khac")));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    procedures::SearchQuery query;
    query.day = D(2025, 7, 1);
    query.folded_terms = "thu tuc";
    query.limit = 10;
    std::vector<std::string> seen;
    std::vector<size_t> sizes;
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    for (int guard = 0; guard < 5; ++guard) {
        ASSIGN_OR_FAIL(auto page, procedures::Search(*tx, query));
        EXPECT_EQ(page.total, 25);
        sizes.push_back(page.items.size());
        for (const Procedure& p : page.items) {
            seen.push_back(p.code);
        }
        if (!page.next_cursor) {
            break;
        }
        EXPECT_EQ(*page.next_cursor, page.items.back().code);
        query.after = page.next_cursor;
    }
    EXPECT_EQ(sizes, (std::vector<size_t>{10, 10, 5}));
    ASSERT_EQ(seen.size(), 25U);
    EXPECT_EQ(seen.front(), "1.000001");
    EXPECT_EQ(seen.back(), "1.000025");
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 25U);

    // Exactly one page: no cursor.
    query.after.reset();
    query.limit = 25;
    ASSIGN_OR_FAIL(auto whole, procedures::Search(*tx, query));
    EXPECT_EQ(whole.items.size(), 25U);
    EXPECT_EQ(whole.next_cursor, std::nullopt);
}

TEST_P(ProceduresTest, FieldsCountsTheVersionsInForce) {
    AddSearchCatalogue();
    Add(MakeProcedure("1.000020", "Sau này", "Đất đai", D(2027, 1, 1)), "sau nay");
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto fields, procedures::Fields(*tx, D(2025, 7, 1)));
    const std::vector<std::pair<std::string, std::int64_t>> expected = {{"Hộ tịch", 3},
                                                                        {"Xây dựng", 1}};
    EXPECT_EQ(fields, expected);
    ASSIGN_OR_FAIL(auto later, procedures::Fields(*tx, D(2027, 1, 1)));
    ASSERT_EQ(later.size(), 3U);
    EXPECT_EQ(later[0], (std::pair<std::string, std::int64_t>{"Hộ tịch", 3}));
    EXPECT_EQ(later[1], (std::pair<std::string, std::int64_t>{"Xây dựng", 1}));
    EXPECT_EQ(later[2], (std::pair<std::string, std::int64_t>{"Đất đai", 1}));  // byte order
}

}  // namespace
}  // namespace motcua::store::testing
