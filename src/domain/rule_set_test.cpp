#include "domain/rule_set.hpp"

#include <chrono>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "calendar/instant.hpp"

namespace motcua::domain {
namespace {

using std::chrono::sys_days;
using std::chrono::year;

// One rule set as the data file writes it; tests break it in one place at a time.
std::string Set(std::string_view id, std::string_view from, std::string_view cutoff = "15:00") {
    return R"({"id": ")" + std::string(id) + R"(", "title": "Bộ quy tắc thử",
      "effective_from": ")" +
           std::string(from) + R"(", "decree": "Nghị định thử",
      "circular": "Thông tư thử", "code_scheme": "agency-yymmdd-nnnn",
      "params": {
        "transfer_cutoff": {"value": ")" +
           std::string(cutoff) + R"(", "source": "Điều 18.2"},
        "transfer_grace_hours": {"value": 1, "source": "[U]"},
        "appraisal_return_days": {"value": 3, "source": "Điều 19.4"},
        "max_supplements_at_receipt": {"value": 1, "source": "Điều 15.3"},
        "max_returns_after_appraisal": {"value": 1, "source": "NĐ 63 Điều 20.4"},
        "apology_lead_days": {"value": 1, "source": "Điều 19.9"},
        "max_new_appointments": {"value": 1, "source": "Điều 19.9"},
        "clock_start": {"value": "receipt", "source": "Điều 17"},
        "postal_clock_start": {"value": "handover", "source": "QĐ 45 Điều 7.4"},
        "late_after_supplements": {"value": 2, "source": "Chỉ số 2.1"}
      },
      "forms": [
        {"kind": "receipt", "number": "01", "title": "GIẤY TIẾP NHẬN", "paper": "A5"},
        {"kind": "apology", "number": "04", "title": "PHIẾU XIN LỖI", "paper": "A4"}
      ]})";
}

std::string Book(std::string_view sets) {
    return R"({"rule_sets": [)" + std::string(sets) + "]}";
}

// `text` with its first `from` replaced by `to` (the fixture must contain it).
std::string Replace(std::string text, std::string_view from, std::string_view to) {
    const size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) {
        text.replace(at, from.size(), to);
    }
    return text;
}

void ExpectRejected(const std::string& json, std::string_view message) {
    const auto book = RuleBook::Parse(json);
    ASSERT_FALSE(book.ok()) << "expected: " << message;
    EXPECT_EQ(book.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_EQ(book.error().message, message);
}

sys_days Day(int y, unsigned m, unsigned d) {
    return sys_days{year{y} / static_cast<int>(m) / static_cast<int>(d)};
}

TEST(RuleBook, EmbeddedBookParses) {
    const auto parsed = RuleBook::Parse(EmbeddedRuleSetData());
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    const auto book = RuleBook::Embedded();
    ASSERT_EQ(book->All().size(), 3U);
    EXPECT_EQ(book->All()[0].id, "nd61-2018");
    EXPECT_EQ(book->All()[1].id, "nd118-2025");
    EXPECT_EQ(book->All()[2].id, "nd309-2026");
    EXPECT_EQ(book->All()[0].effective_from, Day(2018, 6, 21));
    EXPECT_EQ(book->All()[1].effective_from, Day(2025, 7, 1));
    EXPECT_EQ(book->All()[2].effective_from, Day(2026, 8, 5));
    for (const RuleSet& set : book->All()) {
        EXPECT_EQ(set.transfer_cutoff_minutes, 15 * 60) << set.id;
        EXPECT_EQ(set.transfer_grace_milli_days, 125) << set.id;
        EXPECT_EQ(set.appraisal_return_milli_days, 3000) << set.id;
        EXPECT_EQ(set.max_supplements_at_receipt, 1) << set.id;
        EXPECT_EQ(set.max_returns_after_appraisal, 1) << set.id;
        EXPECT_EQ(set.apology_lead_milli_days, 1000) << set.id;
        EXPECT_EQ(set.max_new_appointments, 1) << set.id;
        EXPECT_EQ(set.late_after_supplements, 2) << set.id;
        // Every parameter keeps its source.
        EXPECT_EQ(set.sources.size(), 10U) << set.id;
        for (const auto& [param, source] : set.sources) {
            EXPECT_FALSE(source.empty()) << set.id << " " << param;
        }
        ASSERT_NE(set.Form(FormKind::kReceipt), nullptr) << set.id;
        EXPECT_EQ(set.Form(FormKind::kReceipt)->number, "01");
    }
    EXPECT_EQ(book->All()[0].clock_start, ClockStart::kReceipt);
    EXPECT_EQ(book->All()[1].clock_start, ClockStart::kReceipt);
    EXPECT_EQ(book->All()[2].clock_start, ClockStart::kCompetentAgency);
}

TEST(RuleBook, EmbeddedFormsDifferByCircular) {
    const auto book = RuleBook::Embedded();
    const RuleSet& old_rules = book->All()[0];
    const RuleSet& new_rules = book->All()[2];
    EXPECT_EQ(old_rules.forms.size(), 6U);
    EXPECT_EQ(new_rules.forms.size(), 7U);
    EXPECT_EQ(old_rules.Form(FormKind::kStopNotice), nullptr);
    ASSERT_NE(new_rules.Form(FormKind::kStopNotice), nullptr);
    EXPECT_EQ(new_rules.Form(FormKind::kStopNotice)->number, "05");
    EXPECT_EQ(old_rules.Form(FormKind::kProcessControl)->number, "05");
    EXPECT_EQ(new_rules.Form(FormKind::kProcessControl)->number, "06");
    EXPECT_EQ(old_rules.Form(FormKind::kApology)->title,
              "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ");
    EXPECT_EQ(new_rules.Form(FormKind::kApology)->title,
              "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT");
    EXPECT_EQ(old_rules.Form(FormKind::kReceipt)->paper, Paper::kA5);
    EXPECT_EQ(new_rules.Form(FormKind::kReceipt)->paper, Paper::kA4);
    EXPECT_EQ(new_rules.Form(FormKind::kRegister)->paper, Paper::kA4Landscape);
}

TEST(RuleBook, InForcePicksTheVersionOfTheDay) {
    const auto book = RuleBook::Embedded();
    const auto id = [&](sys_days day) {
        auto set = book->InForce(day);
        return set ? (*set)->id : "error: " + set.error().message;
    };
    EXPECT_EQ(id(Day(2024, 5, 1)), "nd61-2018");
    EXPECT_EQ(id(Day(2018, 6, 21)), "nd61-2018");
    EXPECT_EQ(id(Day(2025, 6, 30)), "nd61-2018");
    EXPECT_EQ(id(Day(2025, 7, 1)), "nd118-2025");
    EXPECT_EQ(id(Day(2026, 8, 4)), "nd118-2025");
    EXPECT_EQ(id(Day(2026, 8, 5)), "nd309-2026");
    EXPECT_EQ(id(Day(2030, 1, 1)), "nd309-2026");
    const auto before = book->InForce(Day(2018, 6, 20));
    ASSERT_FALSE(before.ok());
    EXPECT_EQ(before.error().code, base::ErrorCode::kNotFound);
    EXPECT_EQ(before.error().message, "không có bộ quy tắc nào có hiệu lực vào ngày 2018-06-20");
}

TEST(RuleBook, InForceAtUsesTheVietnamDay) {
    const auto book = RuleBook::Embedded();
    const auto at = [&](std::string_view text) {
        auto set = book->InForceAt(*calendar::ParseInstant(text));
        return set ? (*set)->id : "error";
    };
    EXPECT_EQ(at("2026-08-04T23:59"), "nd118-2025");
    EXPECT_EQ(at("2026-08-05T00:00"), "nd309-2026");
    // 17:00 UTC on 4/8 is midnight on 5/8 in Vietnam.
    EXPECT_EQ(at("2026-08-04T16:59:59Z"), "nd118-2025");
    EXPECT_EQ(at("2026-08-04T17:00Z"), "nd309-2026");
}

TEST(RuleBook, FindById) {
    const auto book = RuleBook::Embedded();
    ASSERT_TRUE(book->Find("nd118-2025").ok());
    EXPECT_EQ((*book->Find("nd118-2025"))->effective_from, Day(2025, 7, 1));
    const auto missing = book->Find("nd43-2011");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, base::ErrorCode::kNotFound);
    EXPECT_EQ(missing.error().message, "không có bộ quy tắc nd43-2011");
}

TEST(RuleBook, ParsesAMinimalBookAndSortsByDate) {
    const auto book = RuleBook::Parse(
        Book(Set("b-2025", "2025-07-01") + "," + Set("a-2018", "2018-06-21", "14:30")));
    ASSERT_TRUE(book.ok()) << book.error().message;
    ASSERT_EQ((*book)->All().size(), 2U);
    const RuleSet& first = (*book)->All()[0];
    EXPECT_EQ(first.id, "a-2018");
    EXPECT_EQ(first.transfer_cutoff_minutes, 14 * 60 + 30);
    EXPECT_EQ(first.title, "Bộ quy tắc thử");
    EXPECT_EQ(first.decree, "Nghị định thử");
    EXPECT_EQ(first.circular, "Thông tư thử");
    EXPECT_EQ(first.sources.at("apology_lead_days"), "Điều 19.9");
    EXPECT_EQ(first.sources.at("postal_clock_start"), "QĐ 45 Điều 7.4");
    EXPECT_EQ(first.Form(FormKind::kApology)->title, "PHIẾU XIN LỖI");
    EXPECT_EQ(first.Form(FormKind::kRefusal), nullptr);
    EXPECT_EQ((*book)->All()[1].id, "b-2025");
}

TEST(RuleBook, RejectsMalformedJson) {
    for (const std::string_view bad : {"", "{", "[]", R"({"rule_sets": {}})", R"({"sets": []})",
                                       "null", R"({"rule_sets": [})"}) {
        ExpectRejected(std::string(bad), "tệp bộ quy tắc phải là JSON có mảng rule_sets");
    }
    ExpectRejected(Book(""), "tệp bộ quy tắc không có bộ quy tắc nào");
    ExpectRejected(Book("42"), "bộ quy tắc phải là đối tượng JSON");
}

TEST(RuleBook, RejectsMissingSource) {
    const std::string set = Set("a-2018", "2018-06-21");
    ExpectRejected(Book(Replace(set, R"(, "source": "Điều 18.2")", "")),
                   "bộ quy tắc a-2018: tham số transfer_cutoff cần value và source");
    ExpectRejected(Book(Replace(set, R"("source": "Điều 19.4")", R"("source": "")")),
                   "bộ quy tắc a-2018: tham số appraisal_return_days cần value và source");
    ExpectRejected(Book(Replace(set, R"("source": "Chỉ số 2.1")", R"("source": 2)")),
                   "bộ quy tắc a-2018: tham số late_after_supplements cần value và source");
    ExpectRejected(Book(Replace(set, R"({"value": 1, "source": "[U]"})", R"({"source": "[U]"})")),
                   "bộ quy tắc a-2018: tham số transfer_grace_hours cần value và source");
}

TEST(RuleBook, RejectsDuplicateDateOrId) {
    ExpectRejected(Book(Set("a-2018", "2018-06-21") + "," + Set("b-2018", "2018-06-21")),
                   "bộ quy tắc b-2018: trùng mã hoặc ngày hiệu lực với a-2018");
    ExpectRejected(Book(Set("a-2018", "2018-06-21") + "," + Set("a-2018", "2025-07-01")),
                   "bộ quy tắc a-2018: trùng mã hoặc ngày hiệu lực với a-2018");
}

TEST(RuleBook, RejectsBadCutoff) {
    // "1::00" and "::::0" used to pass the character check; the second threw from std::stoi.
    for (const std::string_view bad : {"25:00", "12:60", "3pm", "15:0", "1500", "15.00", "15:000",
                                       "", "1::00", "::::0", "12:::", "-1:00", " 9:00"}) {
        ExpectRejected(Book(Set("a-2018", "2018-06-21", bad)),
                       "bộ quy tắc a-2018: transfer_cutoff phải có dạng HH:MM");
    }
    for (const std::string_view good : {"00:00", "23:59", "09:05"}) {
        EXPECT_TRUE(RuleBook::Parse(Book(Set("a-2018", "2018-06-21", good))).ok()) << good;
    }
    ExpectRejected(
        Book(Replace(Set("a-2018", "2018-06-21"), R"("value": "15:00")", R"("value": 15)")),
        "bộ quy tắc a-2018: tham số transfer_cutoff phải là chuỗi");
}

TEST(RuleBook, RejectsMissingFieldsAndParameters) {
    const std::string set = Set("a-2018", "2018-06-21");
    ExpectRejected(Book(Replace(set, R"("id": "a-2018", )", "")), "bộ quy tắc ?: thiếu trường id");
    ExpectRejected(Book(Replace(set, R"("title": "Bộ quy tắc thử",)", "")),
                   "bộ quy tắc a-2018: thiếu trường title");
    ExpectRejected(Book(Replace(set, R"("circular": "Thông tư thử")", R"("circular": "")")),
                   "bộ quy tắc a-2018: thiếu trường circular");
    ExpectRejected(Book(Replace(set, "agency-yymmdd-nnnn", "v2")),
                   "bộ quy tắc a-2018: không biết cách đánh mã hồ sơ v2");
    ExpectRejected(Book(Set("a-2018", "2018-02-30")),
                   "bộ quy tắc a-2018: ngày hiệu lực không hợp lệ: 2018-02-30");
    ExpectRejected(Book(Replace(set, R"("params": {)", R"("parameters": {)")),
                   "bộ quy tắc a-2018: thiếu params");
    ExpectRejected(
        Book(Replace(set, R"("late_after_supplements": {"value": 2, "source": "Chỉ số 2.1"})",
                     R"("late": {"value": 2, "source": "Chỉ số 2.1"})")),
        "bộ quy tắc a-2018: thiếu tham số late_after_supplements");
    ExpectRejected(
        Book(Replace(set, R"("value": 3,)", R"("value": 61,)")),
        "bộ quy tắc a-2018: tham số appraisal_return_days phải là số nguyên từ 0 đến 60");
    ExpectRejected(
        Book(Replace(set, R"("value": 3,)", R"("value": "3",)")),
        "bộ quy tắc a-2018: tham số appraisal_return_days phải là số nguyên từ 0 đến 60");
    ExpectRejected(
        Book(Replace(set, R"("value": 2, "source": "Chỉ số 2.1")",
                     R"("value": 0, "source": "Chỉ số 2.1")")),
        "bộ quy tắc a-2018: tham số late_after_supplements phải là số nguyên từ 1 đến 9");
    ExpectRejected(Book(Replace(set, R"("value": "receipt")", R"("value": "desk")")),
                   "bộ quy tắc a-2018: clock_start phải là receipt hoặc competent_agency");
}

TEST(RuleBook, RejectsBadForms) {
    const std::string set = Set("a-2018", "2018-06-21");
    const std::string receipt =
        R"({"kind": "receipt", "number": "01", "title": "GIẤY TIẾP NHẬN", "paper": "A5"},)";
    ExpectRejected(Book(Replace(set, receipt, "")),
                   "bộ quy tắc a-2018: thiếu mẫu giấy tiếp nhận (receipt)");
    ExpectRejected(Book(Replace(set, receipt, receipt + receipt)),
                   "bộ quy tắc a-2018: mẫu receipt khai báo hai lần");
    ExpectRejected(Book(Replace(set, R"("kind": "apology")", R"("kind": "receipt_slip")")),
                   "bộ quy tắc a-2018: loại mẫu không hợp lệ: receipt_slip");
    ExpectRejected(Book(Replace(set, R"("paper": "A5")", R"("paper": "Letter")")),
                   "bộ quy tắc a-2018: khổ giấy không hợp lệ: Letter");
    ExpectRejected(Book(Replace(set, R"("number": "04", )", "")),
                   "bộ quy tắc a-2018: mẫu cần kind, number, title, paper");
    ExpectRejected(Book(Replace(set, receipt, "7,")),
                   "bộ quy tắc a-2018: mẫu phải là đối tượng JSON");
    ExpectRejected(Book(Replace(set, R"("forms": [)", R"("forms": {"x": [)") + "}"),
                   "bộ quy tắc a-2018: thiếu danh sách mẫu (forms)");
}

TEST(FormKind, NamesRoundTrip) {
    for (const FormKind kind :
         {FormKind::kReceipt, FormKind::kSupplementRequest, FormKind::kRefusal, FormKind::kApology,
          FormKind::kStopNotice, FormKind::kProcessControl, FormKind::kRegister}) {
        const auto parsed = ParseFormKind(FormKindName(kind));
        ASSERT_TRUE(parsed.ok());
        EXPECT_EQ(*parsed, kind);
    }
    EXPECT_EQ(FormKindName(FormKind::kStopNotice), "stop_notice");
    EXPECT_FALSE(ParseFormKind("stop-notice").ok());
}

}  // namespace
}  // namespace motcua::domain
