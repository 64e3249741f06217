// Plans from DOCX and to DOCX/XLSX (issue #7, engineer X; docs/plans.md "DOCX and XLSX"). The
// DOCX fixtures are built here with libzip; bad inputs (truncated, not a zip, no document part,
// zip bombs real and forged, encrypted or unknown compression, XXE, billion laughs, bad UTF-8,
// oversize) each get a clear Vietnamese error.

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <zip.h>

#include "domain/plan_import.hpp"
#include "domain/plan_test_support.hpp"
#include "render/docx_reader.hpp"
#include "render/plan_export.hpp"

namespace motcua::render {
namespace {

namespace pi = domain::plan_import;
using domain::plan_test::Calendar;
using domain::plan_test::ReadSeed;

// ---- building archives -----------------------------------------------------------------------

// A source of `size` zero bytes, never held in memory (for the 200 MB bomb).
struct Zeros {
    zip_uint64_t size = 0;
    zip_uint64_t offset = 0;
};

zip_int64_t ZerosCallback(void* user, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
    auto* z = static_cast<Zeros*>(user);
    switch (cmd) {
        case ZIP_SOURCE_OPEN:
            z->offset = 0;
            return 0;
        case ZIP_SOURCE_READ: {
            const zip_uint64_t n = std::min(len, z->size - z->offset);
            std::memset(data, 0, n);
            z->offset += n;
            return static_cast<zip_int64_t>(n);
        }
        case ZIP_SOURCE_CLOSE:
            return 0;
        case ZIP_SOURCE_STAT: {
            auto* st = static_cast<zip_stat_t*>(data);
            zip_stat_init(st);
            st->size = z->size;
            st->valid |= ZIP_STAT_SIZE;
            return sizeof(zip_stat_t);
        }
        case ZIP_SOURCE_ERROR:
            return 2 * sizeof(int);
        case ZIP_SOURCE_FREE:
            delete z;
            return 0;
        case ZIP_SOURCE_SUPPORTS:
            return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ,
                                                  ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                                  ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
        default:
            return -1;
    }
}

struct Entry {
    std::string name;
    std::string bytes;
    zip_uint64_t zeros = 0;  // > 0: this many zero bytes instead of `bytes`
};

std::string MakeZip(const std::vector<Entry>& entries) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* raw = zip_source_buffer_create(nullptr, 0, 0, &error);
    EXPECT_NE(raw, nullptr);
    zip_source_keep(raw);
    zip_t* za = zip_open_from_source(raw, ZIP_TRUNCATE, &error);
    EXPECT_NE(za, nullptr);
    for (const Entry& e : entries) {
        zip_source_t* src = nullptr;
        if (e.zeros > 0) {
            src = zip_source_function(za, ZerosCallback, new Zeros{e.zeros, 0});
        } else {
            src = zip_source_buffer(za, e.bytes.data(), e.bytes.size(), 0);
        }
        const zip_int64_t idx = zip_file_add(za, e.name.c_str(), src, ZIP_FL_ENC_UTF_8);
        EXPECT_GE(idx, 0);
        EXPECT_EQ(zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), ZIP_CM_DEFLATE, 1),
                  0);
    }
    EXPECT_EQ(zip_close(za), 0);
    zip_stat_t st;
    zip_stat_init(&st);
    EXPECT_EQ(zip_source_stat(raw, &st), 0);
    EXPECT_EQ(zip_source_open(raw), 0);
    std::string out(static_cast<std::size_t>(st.size), '\0');
    std::size_t done = 0;
    while (done < out.size()) {
        const zip_int64_t n = zip_source_read(raw, out.data() + done, out.size() - done);
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
    }
    zip_source_close(raw);
    zip_source_free(raw);
    zip_error_fini(&error);
    return out;
}

constexpr std::string_view kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";

std::string DocumentXml(std::string_view body) {
    return std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)") +
           R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )"
           R"(xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>)" +
           std::string(body) + "</w:body></w:document>";
}

std::string Docx(std::string_view body) {
    return MakeZip({{"[Content_Types].xml", std::string(kContentTypes), 0},
                    {"word/document.xml", DocumentXml(body), 0}});
}

std::string Esc(std::string_view s) {
    std::string out;
    for (const char c : s) {
        if (c == '<') {
            out += "&lt;";
        } else if (c == '>') {
            out += "&gt;";
        } else if (c == '&') {
            out += "&amp;";
        } else {
            out += c;
        }
    }
    return out;
}

std::string Para(std::string_view text) {
    return "<w:p><w:r><w:t xml:space=\"preserve\">" + Esc(text) + "</w:t></w:r></w:p>";
}

// A cell: its paragraphs split on '\n'; `props` goes into w:tcPr.
std::string Tc(std::string_view text, std::string_view props = {}) {
    std::string out = "<w:tc><w:tcPr>" + std::string(props) + "</w:tcPr>";
    std::size_t begin = 0;
    while (true) {
        const std::size_t end = text.find('\n', begin);
        out += Para(text.substr(begin, end == std::string_view::npos ? text.npos : end - begin));
        if (end == std::string_view::npos) break;
        begin = end + 1;
    }
    return out + "</w:tc>";
}

std::string Tr(const std::string& cells) {
    return "<w:tr>" + cells + "</w:tr>";
}

std::string Tbl(const std::string& rows) {
    return "<w:tbl><w:tblPr/><w:tblGrid/>" + rows + "</w:tbl>";
}

// Patches a 16- or 32-bit little-endian field of every local header ("PK\3\4" + local_offset)
// and central-directory header ("PK\1\2" + central_offset).
void Patch(std::string& zip, std::size_t local_offset, std::size_t central_offset,
           std::uint32_t value, int bytes) {
    auto put = [&](std::size_t at) {
        for (int k = 0; k < bytes; ++k) {
            zip[at + static_cast<std::size_t>(k)] = static_cast<char>((value >> (8 * k)) & 0xFFU);
        }
    };
    for (std::size_t p = zip.find("PK\x03\x04"); p != std::string::npos;
         p = zip.find("PK\x03\x04", p + 4)) {
        put(p + local_offset);
    }
    for (std::size_t p = zip.find("PK\x01\x02"); p != std::string::npos;
         p = zip.find("PK\x01\x02", p + 4)) {
        put(p + central_offset);
    }
}

const std::string kHeaderRow = Tr(Tc("STT") + Tc("Nhiệm vụ") + Tc("Kết quả công việc") +
                                  Tc("Cơ quan thực hiện") + Tc("Thời hạn"));

// ---- reading -----------------------------------------------------------------------------------

TEST(DocxReader, ReadsAnS0LikeTableWithMergedCells) {
    const std::string restart = R"(<w:vMerge w:val="restart"/>)";
    const std::string cont = "<w:vMerge/>";
    const std::string body =
        Para("KẾ HOẠCH Kiểm soát thủ tục hành chính năm 2024") +
        Tbl(kHeaderRow +
            // A section row: the title spans four grid columns.
            Tr(Tc("I") + Tc("Hoàn thiện hệ thống văn bản", R"(<w:gridSpan w:val="4"/>)")) +
            // A task over two rows: number and content merged down.
            Tr(Tc("1", restart) + Tc("Ban hành các văn bản chỉ đạo, triển khai", restart) +
               Tc("Xây dựng, trình UBND huyện ban hành") + Tc("Văn phòng HĐND-UBND huyện") +
               Tc("Trong năm 2024")) +
            Tr(Tc("", cont) + Tc("", cont) + Tc("Ban hành các văn bản đôn đốc") +
               Tc("Phòng Tư pháp\nPhòng Nội vụ") +
               Tc("Thường xuyên trong năm\nBáo cáo trước ngày 30/6/2024")));
    auto text = ReadDocxText(Docx(body));
    ASSERT_TRUE(text) << text.error().message;
    const std::string ls(kCellLineBreak);
    EXPECT_EQ(*text,
              "KẾ HOẠCH Kiểm soát thủ tục hành chính năm 2024\n"
              "STT\tNhiệm vụ\tKết quả công việc\tCơ quan thực hiện\tThời hạn\n"
              "I\tHoàn thiện hệ thống văn bản\t\t\t\n"
              "1\tBan hành các văn bản chỉ đạo, triển khai\tXây dựng, trình UBND huyện ban "
              "hành\tVăn phòng HĐND-UBND huyện\tTrong năm 2024\n"
              "\t\tBan hành các văn bản đôn đốc\tPhòng Tư pháp" +
                  ls + "Phòng Nội vụ\tThường xuyên trong năm" + ls +
                  "Báo cáo trước ngày 30/6/2024");

    const pi::Plan plan = pi::Read(*text, 0, Calendar());
    EXPECT_EQ(plan.year, 2024);
    EXPECT_TRUE(plan.problems.empty());
    ASSERT_EQ(plan.sections.size(), 1U);
    EXPECT_EQ(plan.sections[0].title, "Hoàn thiện hệ thống văn bản");
    ASSERT_EQ(plan.sections[0].tasks.size(), 1U);
    const pi::Task& task = plan.sections[0].tasks[0];
    EXPECT_EQ(task.line, 4U);  // the 4th paragraph-or-row of the body
    ASSERT_EQ(task.deliverables.size(), 2U);
    const pi::Deliverable& second = task.deliverables[1];
    EXPECT_EQ(second.line, 5U);
    EXPECT_EQ(second.lead_units, (std::vector<std::string>{"Phòng Tư pháp", "Phòng Nội vụ"}));
    ASSERT_TRUE(second.deadline.has_value());
    EXPECT_EQ(second.deadline->phrase, "Thường xuyên trong năm\nBáo cáo trước ngày 30/6/2024");
    EXPECT_EQ(second.deadline->kind, domain::plan_deadline::Kind::kRecurring);
    EXPECT_EQ(second.deadline->due.size(), 2U);  // 28/6 and 31/12/2024
}

TEST(DocxReader, TrackedChangesFieldsBreaksTabsAndNestedTables) {
    const std::string body =
        // Deleted text is skipped, inserted text kept; a field shows its result only.
        "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
        "<w:r><w:t>Kế hoạch </w:t></w:r><w:del><w:r><w:delText>cũ </w:delText></w:r>"
        "</w:del><w:ins><w:r><w:t>mới</w:t></w:r></w:ins><w:r><w:tab/><w:t>số </w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText>"
        "</w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>7</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        "<w:fldSimple w:instr=\"DATE\"><w:r><w:t> (ngày)</w:t></w:r></w:fldSimple></w:p>"
        // A line break inside a body paragraph; a page break is a space.
        "<w:p><w:r><w:t>dòng một</w:t><w:br/><w:t>dòng hai</w:t><w:br w:type=\"page\"/>"
        "<w:t>tiếp</w:t></w:r></w:p>"
        // A text box's fallback copy is skipped.
        "<w:p><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:r><w:t>hộp</w:t></w:r>"
        "</mc:Choice><mc:Fallback><w:r><w:t>hộp</w:t></w:r></mc:Fallback></mc:AlternateContent>"
        "</w:p>" +
        // A nested table is flattened into its cell; w:gridBefore gives an empty first cell.
        Tbl(Tr("<w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" + Tc("a") + "<w:tc><w:tcPr/>" +
               Para("b") + Tbl(Tr(Tc("c1") + Tc("c2"))) + "</w:tc>"));
    auto text = ReadDocxText(Docx(body));
    ASSERT_TRUE(text) << text.error().message;
    const std::string ls(kCellLineBreak);
    EXPECT_EQ(*text, "Kế hoạch mới số 7 (ngày)\ndòng một" + ls + "dòng hai tiếp\nhộp\n\ta\tb" + ls +
                         "c1" + ls + "c2");
}

TEST(DocxReader, DecomposedTextComesOutNfc) {
    // "Quý" with a combining acute accent (U+0301).
    auto text = ReadDocxText(Docx(Para("Qu\x79\xCC\x81")));
    ASSERT_TRUE(text) << text.error().message;
    EXPECT_EQ(*text, "Quý");
}

// The S2 seed (Nhật Tân) as a Word file: its tab-separated lines become table rows (consecutive
// ones one table, HTML tags dropped), every other line a paragraph — so lines match one to one.
std::string S2AsDocx() {
    const std::string seed = ReadSeed("s2-nhat-tan-2024.txt");
    std::string body;
    std::string rows;
    std::size_t begin = 0;
    auto strip = [](std::string_view s) {
        std::string out;
        bool tag = false;
        for (const char c : s) {
            if (c == '<') {
                tag = true;
            } else if (c == '>') {
                tag = false;
            } else if (!tag) {
                out += c;
            }
        }
        return out;
    };
    while (begin <= seed.size()) {
        std::size_t end = seed.find('\n', begin);
        if (end == std::string::npos) end = seed.size();
        const std::string_view line(seed.data() + begin, end - begin);
        if (line.find('\t') != std::string_view::npos) {
            std::string cells;
            std::size_t b = 0;
            while (true) {
                const std::size_t e = line.find('\t', b);
                cells += Tc(strip(line.substr(b, e == std::string_view::npos ? line.npos : e - b)));
                if (e == std::string_view::npos) break;
                b = e + 1;
            }
            rows += Tr(cells);
        } else {
            if (!rows.empty()) body += Tbl(rows);
            rows.clear();
            body += Para(line);
        }
        begin = end + 1;
    }
    if (!rows.empty()) body += Tbl(rows);
    return Docx(body);
}

void ExpectSameShape(const pi::Plan& a, const pi::Plan& b) {
    EXPECT_EQ(a.year, b.year);
    EXPECT_EQ(a.decision_number, b.decision_number);
    EXPECT_EQ(a.decision_date, b.decision_date);
    EXPECT_EQ(a.TaskCount(), b.TaskCount());
    EXPECT_EQ(a.DeliverableCount(), b.DeliverableCount());
    ASSERT_EQ(a.sections.size(), b.sections.size());
    for (std::size_t s = 0; s < a.sections.size(); ++s) {
        SCOPED_TRACE("section " + a.sections[s].number);
        EXPECT_EQ(a.sections[s].number, b.sections[s].number);
        ASSERT_EQ(a.sections[s].tasks.size(), b.sections[s].tasks.size());
        for (std::size_t t = 0; t < a.sections[s].tasks.size(); ++t) {
            const pi::Task& x = a.sections[s].tasks[t];
            const pi::Task& y = b.sections[s].tasks[t];
            SCOPED_TRACE("task " + x.number);
            EXPECT_EQ(x.number, y.number);
            EXPECT_EQ(x.group, y.group);
            EXPECT_EQ(x.content, y.content);
            ASSERT_EQ(x.deliverables.size(), y.deliverables.size());
            for (std::size_t d = 0; d < x.deliverables.size(); ++d) {
                EXPECT_EQ(x.deliverables[d].product, y.deliverables[d].product);
                EXPECT_EQ(x.deliverables[d].lead_units, y.deliverables[d].lead_units);
                EXPECT_EQ(x.deliverables[d].cooperating_units, y.deliverables[d].cooperating_units);
                ASSERT_EQ(x.deliverables[d].deadline.has_value(),
                          y.deliverables[d].deadline.has_value());
                if (x.deliverables[d].deadline) {
                    EXPECT_EQ(x.deliverables[d].deadline->phrase,
                              y.deliverables[d].deadline->phrase);
                    EXPECT_EQ(x.deliverables[d].deadline->due, y.deliverables[d].deadline->due);
                }
            }
        }
    }
}

TEST(DocxReader, S2AsDocxImportsLikeItsTsv) {
    const pi::Plan tsv = pi::Read(ReadSeed("s2-nhat-tan-2024.txt"), 0, Calendar());
    auto text = ReadDocxText(S2AsDocx());
    ASSERT_TRUE(text) << text.error().message;
    const pi::Plan docx = pi::Read(*text, 0, Calendar());
    EXPECT_EQ(docx.format, pi::Format::kTabs);
    // docs/plans.md: S2 has 8 sections, 18 tasks, one deliverable each, no problem.
    EXPECT_EQ(docx.sections.size(), 8U);
    EXPECT_EQ(docx.TaskCount(), 18U);
    EXPECT_EQ(docx.DeliverableCount(), 18U);
    EXPECT_TRUE(docx.problems.empty());
    ExpectSameShape(tsv, docx);
    // Lines are paragraphs-or-rows, which here are the seed's lines.
    EXPECT_EQ(tsv.sections[1].line, docx.sections[1].line);
    EXPECT_EQ(tsv.sections[1].tasks[2].line, docx.sections[1].tasks[2].line);
}

// ---- bad input
// -----------------------------------------------------------------------------------

TEST(DocxReader, RefusesWhatIsNotADocx) {
    auto not_zip = ReadDocxText("Kế hoạch\tkhông phải DOCX");
    ASSERT_FALSE(not_zip);
    EXPECT_EQ(not_zip.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_NE(not_zip.error().message.find("không phải tệp nén ZIP"), std::string::npos);

    auto ole = ReadDocxText(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "rest");
    ASSERT_FALSE(ole);
    EXPECT_NE(ole.error().message.find("mật khẩu"), std::string::npos);

    const std::string whole = S2AsDocx();
    auto truncated = ReadDocxText(whole.substr(0, whole.size() / 2));
    ASSERT_FALSE(truncated);
    EXPECT_EQ(truncated.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_NE(truncated.error().message.find("bị hỏng"), std::string::npos)
        << truncated.error().message;

    auto missing = ReadDocxText(MakeZip({{"word/other.xml", DocumentXml(Para("x")), 0}}));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, base::ErrorCode::kNotFound);
    EXPECT_NE(missing.error().message.find("word/document.xml"), std::string::npos);

    auto big = ReadDocxText("PK\x03\x04" + std::string(5U * 1024 * 1024, 'x'));
    ASSERT_FALSE(big);
    EXPECT_EQ(big.error().code, base::ErrorCode::kResourceExhausted);
    EXPECT_NE(big.error().message.find("5 MB"), std::string::npos);
}

TEST(DocxReader, RefusesAZipBombBeforeInflating) {
    // 200 MB of zeros deflate to ~200 KB: refused on the declared size.
    const std::string bomb = MakeZip({{"word/document.xml", {}, zip_uint64_t{200} * 1024 * 1024}});
    ASSERT_LT(bomb.size(), 1024U * 1024U);
    auto big = ReadDocxText(bomb);
    ASSERT_FALSE(big);
    EXPECT_EQ(big.error().code, base::ErrorCode::kResourceExhausted);
    EXPECT_NE(big.error().message.find("zip bomb"), std::string::npos) << big.error().message;

    // 10 MB of zeros: under 50 MB, but compressed more than 100:1.
    auto ratio = ReadDocxText(MakeZip({{"word/document.xml", {}, zip_uint64_t{10} * 1024 * 1024}}));
    ASSERT_FALSE(ratio);
    EXPECT_EQ(ratio.error().code, base::ErrorCode::kResourceExhausted);
    EXPECT_NE(ratio.error().message.find("tỉ lệ"), std::string::npos) << ratio.error().message;
}

TEST(DocxReader, StopsInflatingWhenTheHeaderLies) {
    // 2 MB of zeros whose headers claim 1,000 bytes (uncompressed size: local +22, central +24).
    std::string forged = MakeZip({{"word/document.xml", {}, zip_uint64_t{2} * 1024 * 1024}});
    Patch(forged, 22, 24, 1000, 4);
    auto r = ReadDocxText(forged);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("word/document.xml"), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().code, base::ErrorCode::kResourceExhausted) << r.error().message;
    EXPECT_NE(r.error().message.find("nhiều hơn 1000 byte đã khai báo"), std::string::npos)
        << r.error().message;
}

TEST(DocxReader, RefusesEncryptedAndUnknownCompression) {
    // General-purpose flag bit 0 (encrypted): local +6, central +8.
    std::string encrypted = Docx(Para("x"));
    Patch(encrypted, 6, 8, 1, 2);
    auto e = ReadDocxText(encrypted);
    ASSERT_FALSE(e);
    EXPECT_EQ(e.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_NE(e.error().message.find("mã hóa"), std::string::npos) << e.error().message;

    // Compression method 14 (LZMA): local +8, central +10.
    std::string lzma = Docx(Para("x"));
    Patch(lzma, 8, 10, 14, 2);
    auto l = ReadDocxText(lzma);
    ASSERT_FALSE(l);
    EXPECT_EQ(l.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_NE(l.error().message.find("không hỗ trợ"), std::string::npos) << l.error().message;
}

TEST(DocxReader, RefusesDtdsEntitiesAndBadXml) {
    auto with_dtd = [](std::string_view doctype) {
        std::string xml = DocumentXml(Para("&xxe;"));
        xml.insert(xml.find("<w:document"), doctype);
        return MakeZip({{"word/document.xml", xml, 0}});
    };
    // XXE: an external entity is never fetched; the DOCTYPE alone is refused.
    auto xxe = ReadDocxText(
        with_dtd(R"(<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>)"));
    ASSERT_FALSE(xxe);
    EXPECT_EQ(xxe.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_NE(xxe.error().message.find("DTD"), std::string::npos) << xxe.error().message;
    // Billion laughs.
    std::string laughs = "<!DOCTYPE w:document [<!ENTITY lol \"lol\">";
    for (int k = 1; k <= 9; ++k) {
        laughs += "<!ENTITY lol" + std::to_string(k) + " \"";
        for (int j = 0; j < 10; ++j)
            laughs += "&lol" + (k == 1 ? std::string() : std::to_string(k - 1)) + ";";
        laughs += "\">";
    }
    laughs += "<!ENTITY xxe \"&lol9;\">]>";
    auto bomb = ReadDocxText(with_dtd(laughs));
    ASSERT_FALSE(bomb);
    EXPECT_NE(bomb.error().message.find("DTD"), std::string::npos) << bomb.error().message;

    auto bad_utf8 = ReadDocxText(Docx(Para("Quy\xC3")));
    ASSERT_FALSE(bad_utf8);
    EXPECT_EQ(bad_utf8.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_NE(bad_utf8.error().message.find("không phải XML hợp lệ"), std::string::npos);

    auto unclosed = ReadDocxText(MakeZip({{"word/document.xml", "<w:document><w:body>", 0}}));
    ASSERT_FALSE(unclosed);
    EXPECT_NE(unclosed.error().message.find("dòng 1"), std::string::npos)
        << unclosed.error().message;

    std::string wide;  // 20 cells spanning 63 columns each: more than 1,024 cells in a row
    for (int k = 0; k < 20; ++k) wide += Tc("x", R"(<w:gridSpan w:val="63"/>)");
    auto too_wide = ReadDocxText(Docx(Tbl(Tr(wide))));
    ASSERT_FALSE(too_wide);
    EXPECT_EQ(too_wide.error().code, base::ErrorCode::kResourceExhausted);
    EXPECT_NE(too_wide.error().message.find("1024 ô"), std::string::npos)
        << too_wide.error().message;

    std::string deep;
    for (int k = 0; k < 300; ++k) deep += "<w:sdt>";
    auto too_deep = ReadDocxText(Docx(deep));
    ASSERT_FALSE(too_deep);
    EXPECT_EQ(too_deep.error().code, base::ErrorCode::kResourceExhausted);
}

// ---- export ----------------------------------------------------------------------------------

class PlanExportRoundTrip : public ::testing::TestWithParam<const char*> {};

TEST_P(PlanExportRoundTrip, DocxReadsBackToTheSamePlan) {
    const pi::Plan plan = pi::Read(ReadSeed(GetParam()), 0, Calendar());
    ASSERT_GT(plan.TaskCount(), 0U);
    auto docx = RenderPlanDocx(plan);
    ASSERT_TRUE(docx) << docx.error().message;
    auto xml = ReadZipEntry(*docx, "word/document.xml");
    ASSERT_TRUE(xml);
    EXPECT_NE(xml->find(R"(w:orient="landscape")"), std::string::npos);
    EXPECT_NE(xml->find("<w:tblHeader/>"), std::string::npos);
    EXPECT_NE(xml->find(R"(<w:gridSpan w:val="5"/>)"), std::string::npos);  // section rows
    auto text = ReadDocxText(*docx);
    ASSERT_TRUE(text) << text.error().message;
    const pi::Plan back = pi::Read(*text, 0, Calendar());
    EXPECT_TRUE(back.problems.empty())
        << back.problems.front().line << ": " << back.problems.front().reason;
    ExpectSameShape(plan, back);
}

INSTANTIATE_TEST_SUITE_P(Seeds, PlanExportRoundTrip,
                         ::testing::Values("s0-bo-trach-2024.txt", "s1-thua-thien-hue-2024.txt",
                                           "s2-nhat-tan-2024.txt"));

TEST(PlanExport, XlsxHoldsTheCells) {
    const pi::Plan plan = pi::Read(ReadSeed("s2-nhat-tan-2024.txt"), 0, Calendar());
    auto xlsx = RenderPlanXlsx(plan, {.issuing_unit = "ỦY BAN NHÂN DÂN XÃ NHẬT TÂN"});
    ASSERT_TRUE(xlsx) << xlsx.error().message;
    auto strings = ReadZipEntry(*xlsx, "xl/sharedStrings.xml");
    ASSERT_TRUE(strings) << strings.error().message;
    for (const char* s :
         {"TT", "Nội dung", "Sản phẩm", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn",
          "ỦY BAN NHÂN DÂN XÃ NHẬT TÂN", "KẾ HOẠCH kiểm soát thủ tục hành chính năm 2024",
          "(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 18/01/2024)", "Trong tháng 01/2024",
          "Văn phòng Thống kê", "Công bố, công khai thủ tục hành chính"}) {
        EXPECT_NE(strings->find(s), std::string::npos) << s;
    }
    auto sheet = ReadZipEntry(*xlsx, "xl/worksheets/sheet1.xml");
    ASSERT_TRUE(sheet);
    EXPECT_NE(sheet->find(R"(ySplit="4")"), std::string::npos);  // frozen below the header
    EXPECT_NE(sheet->find(R"(<mergeCell ref="B5:F5"/>)"), std::string::npos);  // section I
    EXPECT_NE(sheet->find(R"(orientation="landscape")"), std::string::npos);
    auto workbook = ReadZipEntry(*xlsx, "xl/workbook.xml");
    ASSERT_TRUE(workbook);
    EXPECT_NE(workbook->find("Kế hoạch"), std::string::npos);
}

TEST(PlanExport, MultiRowTasksAreMergedDown) {
    // S0 §I.1 has two deliverables: one row each, number and content merged.
    const pi::Plan plan = pi::Read(ReadSeed("s0-bo-trach-2024.txt"), 0, Calendar());
    auto xlsx = RenderPlanXlsx(plan);
    ASSERT_TRUE(xlsx) << xlsx.error().message;
    auto sheet = ReadZipEntry(*xlsx, "xl/worksheets/sheet1.xml");
    ASSERT_TRUE(sheet);
    EXPECT_NE(sheet->find(R"(<mergeCell ref="A6:A7"/>)"), std::string::npos);
    EXPECT_NE(sheet->find(R"(<mergeCell ref="B6:B7"/>)"), std::string::npos);
    auto docx = RenderPlanDocx(plan);
    ASSERT_TRUE(docx);
    auto xml = ReadZipEntry(*docx, "word/document.xml");
    ASSERT_TRUE(xml);
    EXPECT_NE(xml->find(R"(<w:vMerge w:val="restart"/>)"), std::string::npos);
}

TEST(PlanExport, RefusesTextThatIsNotUtf8) {
    pi::Plan plan;
    plan.sections.push_back({1, "I", "Mục \xFF", {}});
    auto docx = RenderPlanDocx(plan);
    ASSERT_FALSE(docx);
    EXPECT_EQ(docx.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_FALSE(RenderPlanXlsx(plan));
}

}  // namespace
}  // namespace motcua::render
