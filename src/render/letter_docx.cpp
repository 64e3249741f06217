// RenderLetterDocx: a letter as minimal WordprocessingML (one document part, no styles part:
// direct formatting), zipped in memory with libzip (deflated entries, fixed timestamps).

#include <ctime>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <zip.h>

#include "render/document.hpp"
#include "render/letters.hpp"
#include "text/markup.hpp"

namespace motcua::render {
namespace {

struct ArchiveDiscard {
    void operator()(zip_t* za) const { zip_discard(za); }
};
struct SourceFree {
    void operator()(zip_source_t* src) const { zip_source_free(src); }
};
using ArchivePtr = std::unique_ptr<zip_t, ArchiveDiscard>;
using SourcePtr = std::unique_ptr<zip_source_t, SourceFree>;

base::Error ZipError(std::string_view what, zip_error_t* error) {
    return base::Internal("libzip: " + std::string(what) + ": " + zip_error_strerror(error));
}

// 2026-01-01 00:00 local time: libzip stores local DOS time, so every entry reads 1/1/2026.
std::time_t FixedMtime() {
    std::tm tm{};
    tm.tm_year = 2026 - 1900;
    tm.tm_mon = 0;
    tm.tm_mday = 1;
    tm.tm_isdst = -1;
    return std::mktime(&tm);
}

// A zip archive of `files` (name, bytes), deflated, with fixed timestamps so equal input gives
// equal bytes. Built in an in-memory libzip source that outlives the archive (zip_source_keep)
// and is read back after zip_close.
base::Result<std::string> Zip(const std::vector<std::pair<std::string, std::string>>& files) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* raw = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (raw == nullptr) {
        base::Error e = ZipError("cannot create the buffer", &error);
        zip_error_fini(&error);
        return e;
    }
    zip_source_keep(raw);  // one reference for the archive, one for reading back
    const SourcePtr source(raw);
    ArchivePtr archive(zip_open_from_source(raw, ZIP_TRUNCATE, &error));
    if (archive == nullptr) {
        zip_source_free(raw);  // the archive's reference was not taken
        base::Error e = ZipError("cannot open the archive", &error);
        zip_error_fini(&error);
        return e;
    }
    zip_error_fini(&error);
    auto archive_error = [&](std::string_view what) {
        return base::Internal("libzip: " + std::string(what) + ": " + zip_strerror(archive.get()));
    };
    const std::time_t mtime = FixedMtime();
    for (const auto& [name, bytes] : files) {
        zip_source_t* entry = zip_source_buffer(archive.get(), bytes.data(), bytes.size(), 0);
        if (entry == nullptr) return archive_error("cannot wrap " + name);
        const zip_int64_t index =
            zip_file_add(archive.get(), name.c_str(), entry, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (index < 0) {
            zip_source_free(entry);  // not taken by the archive on failure
            return archive_error("cannot add " + name);
        }
        const auto idx = static_cast<zip_uint64_t>(index);
        if (zip_set_file_compression(archive.get(), idx, ZIP_CM_DEFLATE, 9) != 0) {
            return archive_error("cannot deflate " + name);
        }
        if (zip_file_set_mtime(archive.get(), idx, mtime, 0) != 0) {
            return archive_error("cannot date " + name);
        }
    }
    if (zip_close(archive.get()) != 0) return archive_error("cannot write the archive");
    (void)archive.release();  // zip_close freed it

    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_source_stat(raw, &st) != 0 || (st.valid & ZIP_STAT_SIZE) == 0) {
        return base::Internal(std::string("libzip: cannot size the archive: ") +
                              zip_error_strerror(zip_source_error(raw)));
    }
    if (zip_source_open(raw) != 0) {
        return base::Internal(std::string("libzip: cannot reopen the archive: ") +
                              zip_error_strerror(zip_source_error(raw)));
    }
    std::string out(static_cast<std::size_t>(st.size), '\0');
    std::size_t done = 0;
    while (done < out.size()) {
        const zip_int64_t n = zip_source_read(raw, out.data() + done, out.size() - done);
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
    }
    const bool read_ok = done == out.size();
    std::string read_error = read_ok ? "" : zip_error_strerror(zip_source_error(raw));
    zip_source_close(raw);
    if (!read_ok) return base::Internal("libzip: cannot read the archive back: " + read_error);
    return out;
}

std::string Escape(std::string_view text) {
    return text::EscapeMarkup(detail::Clean(text));
}

struct Style {
    bool bold = false;
    bool italic = false;
    std::string_view align = "both";  // left, center, right, both
    int size = 26;                    // half-points
};

// One paragraph; "\n" inside becomes a line break.
std::string P(std::string_view text, const Style& s = {}) {
    std::string rpr =
        "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
        "w:cs=\"Times New Roman\"/>";
    if (s.bold) rpr += "<w:b/>";
    if (s.italic) rpr += "<w:i/>";
    rpr += "<w:sz w:val=\"" + std::to_string(s.size) + "\"/></w:rPr>";
    std::string out = R"(<w:p><w:pPr><w:spacing w:before="60" w:after="60"/><w:jc w:val=")" +
                      std::string(s.align) + R"("/></w:pPr>)";
    std::string line;
    auto flush = [&](bool br) {
        out += "<w:r>" + rpr + "<w:t xml:space=\"preserve\">" + Escape(line) + "</w:t>" +
               (br ? "<w:br/>" : "") + "</w:r>";
        line.clear();
    };
    for (const char c : text) {
        if (c == '\n') {
            flush(true);
        } else {
            line.push_back(c);
        }
    }
    flush(false);
    return out + "</w:p>";
}

std::string Cell(std::string_view text, int width, bool header) {
    return R"(<w:tc><w:tcPr><w:tcW w:w=")" + std::to_string(width) +
           R"(" w:type="dxa"/></w:tcPr>)" +
           P(text, {.bold = header, .align = header ? "center" : "left", .size = 22}) + "</w:tc>";
}

std::string Table(const LetterSection& s) {
    constexpr int kTextWidth = 9356;  // dxa: A4 minus 3 cm + 2 cm margins
    std::vector<double> widths = s.table_widths;
    widths.resize(s.table_header.size(), 1);
    double total = 0;
    for (const double w : widths) total += w;
    std::vector<int> dxa;
    dxa.reserve(widths.size());
    for (const double w : widths) dxa.push_back(static_cast<int>(kTextWidth * w / total));
    std::string out =
        "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(kTextWidth) +
        "\" w:type=\"dxa\"/><w:tblBorders>"
        "<w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/>"
        "<w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/>"
        "<w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/>"
        "</w:tblBorders></w:tblPr><w:tblGrid>";
    for (const int w : dxa) out += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
    out += "</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>";
    for (std::size_t i = 0; i < s.table_header.size(); ++i) {
        out += Cell(s.table_header[i], dxa[i], true);
    }
    out += "</w:tr>";
    for (const auto& row : s.rows) {
        out += "<w:tr>";
        for (std::size_t i = 0; i < s.table_header.size(); ++i) {
            out += Cell(i < row.size() ? row[i] : std::string(), dxa[i], false);
        }
        out += "</w:tr>";
    }
    return out + "</w:tbl>";
}

// The top block as a borderless two-column table: the issuing unit left, the motto right.
std::string Heading(const Letter& l) {
    auto cell = [](const std::string& body) {
        return R"(<w:tc><w:tcPr><w:tcW w:w="4678" w:type="dxa"/></w:tcPr>)" + body + "</w:tc>";
    };
    const std::string left = P(l.parent_unit, {.align = "center", .size = 24}) +
                             P(l.issuing_unit, {.bold = true, .align = "center", .size = 24}) +
                             P(l.number, {.align = "center", .size = 24}) +
                             P(l.subject, {.italic = true, .align = "center", .size = 22});
    const std::string right =
        P("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {.bold = true, .align = "center", .size = 24}) +
        P("Độc lập - Tự do - Hạnh phúc", {.bold = true, .align = "center", .size = 26}) +
        P(l.place_date, {.italic = true, .align = "center", .size = 26});
    return "<w:tbl><w:tblPr><w:tblW w:w=\"9356\" w:type=\"dxa\"/></w:tblPr><w:tblGrid>"
           "<w:gridCol w:w=\"4678\"/><w:gridCol w:w=\"4678\"/></w:tblGrid><w:tr>" +
           cell(left) + cell(right) + "</w:tr></w:tbl>";
}

constexpr std::string_view kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
    R"(</Types>)";

constexpr std::string_view kRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
    R"(</Relationships>)";

}  // namespace

base::Result<std::string> RenderLetterDocx(const Letter& l) {
    if (base::Status s = detail::ValidateLetter(l); !s) return s.error();
    std::string body = Heading(l);
    body += P("Kính gửi: " + l.recipient, {.align = "center"});
    for (const std::string& p : l.intro) body += P(p);
    for (const LetterSection& s : l.sections) {
        body += P(s.heading, {.bold = true});
        for (const std::string& p : s.paragraphs) body += P(p);
        if (!s.table_header.empty()) body += Table(s);
    }
    for (const std::string& p : l.closing) body += P(p);
    body += P(l.signer_title, {.bold = true, .align = "right"});
    body += P("\n\n\n", {.align = "right"});
    body += P(l.signer_name, {.bold = true, .align = "right"});
    if (!l.recipients_note.empty())
        body += P(l.recipients_note, {.italic = true, .align = "left", .size = 22});
    const std::string document =
        R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
        R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)" +
        body +
        R"(<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>)"
        R"(<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="0" w:footer="0" w:gutter="0"/>)"
        R"(</w:sectPr></w:body></w:document>)";
    return Zip({{"[Content_Types].xml", std::string(kContentTypes)},
                {"_rels/.rels", std::string(kRels)},
                {"word/document.xml", document}});
}

}  // namespace motcua::render
