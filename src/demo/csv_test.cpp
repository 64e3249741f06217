#include "demo/csv.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace motcua::demo {
namespace {

using Fields = std::vector<std::string>;

std::vector<CsvRecord> MustParse(std::string_view text) {
    auto records = ParseCsv(text, "t.csv");
    EXPECT_TRUE(records.ok()) << (records.ok() ? "" : records.error().message);
    return records.ok() ? std::move(records).value() : std::vector<CsvRecord>{};
}

void ExpectError(std::string_view text, std::string_view message) {
    const auto records = ParseCsv(text, "t.csv");
    ASSERT_FALSE(records.ok()) << text;
    EXPECT_EQ(records.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_EQ(records.error().message, message);
}

TEST(ParseCsv, SplitsPlainFields) {
    const auto records = MustParse("a,b,c\n1,,3\n");
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].fields, (Fields{"a", "b", "c"}));
    EXPECT_EQ(records[1].fields, (Fields{"1", "", "3"}));
    EXPECT_EQ(records[0].line, 1);
    EXPECT_EQ(records[1].line, 2);
}

TEST(ParseCsv, HandlesQuotesDoubledQuotesAndEmbeddedNewlines) {
    const auto records = MustParse(
        "code,name\n46.BQL,\"Ban Quản lý Khu kinh tế, công nghiệp\"\n"
        "x,\"Nói \"\"Xin chào\"\"\"\ny,\"hai\ndòng\"\nz,\"\"\n");
    ASSERT_EQ(records.size(), 5u);
    EXPECT_EQ(records[1].fields, (Fields{"46.BQL", "Ban Quản lý Khu kinh tế, công nghiệp"}));
    EXPECT_EQ(records[2].fields, (Fields{"x", "Nói \"Xin chào\""}));
    EXPECT_EQ(records[3].fields, (Fields{"y", "hai\ndòng"}));
    EXPECT_EQ(records[4].fields, (Fields{"z", ""}));
    EXPECT_EQ(records[3].line, 4);
    EXPECT_EQ(records[4].line, 6);  // the quoted newline moved it down one line
}

TEST(ParseCsv, AcceptsCrlfBomAndNoFinalNewline) {
    const auto records = MustParse(
        "\xEF\xBB\xBF"
        "a,b\r\n1,\"2\"\r\n\r\n3,4");
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[0].fields, (Fields{"a", "b"}));
    EXPECT_EQ(records[1].fields, (Fields{"1", "2"}));
    EXPECT_EQ(records[2].fields, (Fields{"3", "4"}));
    EXPECT_EQ(records[2].line, 4);  // the empty line is skipped but counted
}

TEST(ParseCsv, KeepsTrailingEmptyField) {
    const auto records = MustParse("a,\n");
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].fields, (Fields{"a", ""}));
}

TEST(ParseCsv, ReportsMalformedRecordsWithTheirLine) {
    ExpectError("a,b\nx,\"open\n\nmore",
                "t.csv:2: quoted field not closed before the end of the text");
    ExpectError("a,b\n1,2\nx,\"q\"tail\n", "t.csv:3: text after the closing quote of a field");
    ExpectError("a,b\nx,y\"z\n",
                "t.csv:2: quote inside an unquoted field (quote the whole field and double the "
                "quote)");
    ExpectError("a,b\rc,d\n", "t.csv:1: CR not followed by LF");
    ExpectError("a,b\n1,\xC3\x28\n", "t.csv:2: not valid UTF-8");
}

}  // namespace
}  // namespace motcua::demo
