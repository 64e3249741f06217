// ReadZipEntry / ReadDocxText: a .docx held in memory (libzip over a buffer, every size checked
// before and while inflating) and its document part read by expat (SAX, no DTD, no entities).

#include "render/docx_reader.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <expat.h>
#include <zip.h>

#include "text/unicode.hpp"

namespace motcua::render {
namespace {

constexpr std::string_view kZipMagic = "PK\x03\x04";
constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
constexpr std::size_t kMaxDepth = 256;
constexpr std::size_t kMaxCells = 1024;  // cells in one table row, spans included

base::Error Exhausted(std::string message) {
    return base::Error{base::ErrorCode::kResourceExhausted, std::move(message)};
}

std::string Mb(std::uint64_t bytes) {
    return std::to_string(bytes / (std::uint64_t{1024} * 1024)) + " MB";
}

struct ArchiveDiscard {
    void operator()(zip_t* za) const { zip_discard(za); }
};
struct FileClose {
    void operator()(zip_file_t* f) const { zip_fclose(f); }
};

// ---- the document part -------------------------------------------------------------------------

constexpr std::string_view kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
constexpr std::string_view kMc = "http://schemas.openxmlformats.org/markup-compatibility/2006";

struct Name {
    std::string_view ns;
    std::string_view local;
    [[nodiscard]] bool W(std::string_view l) const {
        return local == l && (ns == kW || ns == kWStrict);
    }
};

Name Split(const XML_Char* qualified) {
    const std::string_view q(qualified);
    const std::size_t bar = q.find('|');
    if (bar == std::string_view::npos) return {{}, q};
    return {q.substr(0, bar), q.substr(bar + 1)};
}

// The value of the attribute w:<local> (namespaced or not), or nullptr.
const XML_Char* Attribute(const XML_Char** atts, std::string_view local) {
    for (std::size_t k = 0; atts[k] != nullptr; k += 2) {
        const Name n = Split(atts[k]);
        if (n.local == local && (n.ns.empty() || n.ns == kW || n.ns == kWStrict)) {
            return atts[k + 1];
        }
    }
    return nullptr;
}

std::size_t Count(const XML_Char* value, std::size_t fallback) {
    if (value == nullptr) return fallback;
    std::size_t n = 0;
    for (const char* c = value; *c != '\0'; ++c) {
        if (*c < '0' || *c > '9') return fallback;
        n = n * 10 + static_cast<std::size_t>(*c - '0');
        if (n > 64) return 64;  // Word's limit is 63 columns
    }
    return n == 0 ? fallback : n;
}

class DocumentReader {
public:
    DocumentReader(XML_Parser parser, std::uint64_t max_text)
        : parser_(parser), max_text_(max_text) {}

    void Start(const XML_Char* qualified, const XML_Char** atts) {
        if (++depth_ > kMaxDepth) {
            Fail(Exhausted("word/document.xml lồng quá " + std::to_string(kMaxDepth) + " cấp"));
            return;
        }
        const Name n = Split(qualified);
        bool skips = false;
        if (n.W("del") || n.W("moveFrom") || n.W("instrText") || n.W("delText") ||
            n.W("delInstrText") || n.W("sym") || n.W("tabs") ||
            (n.local == "Fallback" && n.ns == kMc)) {
            skips = true;
        }
        skip_stack_.push_back(skips);
        if (skips) ++skip_;
        if (skip_ > 0) return;
        if (n.W("t")) {
            in_text_ = true;
        } else if ((n.W("tab") || n.W("ptab")) && paragraph_depth_ > 0) {
            paragraph_ += ' ';
        } else if (n.W("br") || n.W("cr")) {
            const XML_Char* type = Attribute(atts, "type");
            const bool page = type != nullptr && std::string_view(type) != "textWrapping";
            paragraph_ += page ? std::string_view(" ") : kCellLineBreak;
        } else if (n.W("noBreakHyphen")) {
            paragraph_ += '-';
        } else if (n.W("p")) {
            ++paragraph_depth_;
        } else if (n.W("tbl")) {
            ++table_depth_;
        } else if (table_depth_ == 1 && n.W("tr")) {
            cells_.clear();
            grid_after_ = 0;
        } else if (table_depth_ == 1 && (n.W("gridBefore") || n.W("gridAfter"))) {
            const std::size_t k = Count(Attribute(atts, "val"), 0);
            if (n.W("gridBefore")) {
                cells_.insert(cells_.end(), k, std::string());
                CheckCells();
            } else {
                grid_after_ = k;
            }
        } else if (table_depth_ == 1 && n.W("tc")) {
            cell_.clear();
            span_ = 1;
            continued_ = false;
        } else if (table_depth_ == 1 && n.W("gridSpan")) {
            span_ = Count(Attribute(atts, "val"), 1);
        } else if (table_depth_ == 1 && n.W("vMerge")) {
            const XML_Char* val = Attribute(atts, "val");
            continued_ = val == nullptr || std::string_view(val) == "continue";
        }
    }

    void End(const XML_Char* qualified) {
        --depth_;
        const bool skipped = !skip_stack_.empty() && skip_stack_.back();
        if (!skip_stack_.empty()) skip_stack_.pop_back();
        if (skipped) {
            --skip_;
            return;
        }
        if (skip_ > 0) return;
        const Name n = Split(qualified);
        if (n.W("t")) {
            in_text_ = false;
        } else if (n.W("p")) {
            EndParagraph();
        } else if (n.W("tbl")) {
            if (table_depth_ > 0) --table_depth_;
        } else if (table_depth_ == 1 && n.W("tc")) {
            cells_.push_back(continued_ ? std::string() : std::move(cell_));
            cells_.insert(cells_.end(), span_ - 1, std::string());
            cell_.clear();
            CheckCells();
        } else if (table_depth_ == 1 && n.W("tr")) {
            cells_.insert(cells_.end(), grid_after_, std::string());
            std::string line;
            for (std::size_t k = 0; k < cells_.size(); ++k) {
                if (k > 0) line += '\t';
                line += cells_[k];
            }
            Emit(line);
            cells_.clear();
        }
    }

    void Text(const XML_Char* s, int len) {
        if (skip_ > 0 || !in_text_ || len <= 0) return;
        for (int k = 0; k < len; ++k) {
            const char c = s[k];
            // Tabs and line ends in a w:t are white space: only cells make columns, only
            // paragraphs and rows make lines.
            paragraph_ += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
        }
        if (paragraph_.size() > max_text_) TooLong();
    }

    [[nodiscard]] bool Failed() const { return error_.has_value(); }
    [[nodiscard]] const base::Error& error() const { return *error_; }
    [[nodiscard]] std::string Take() { return std::move(text_); }

private:
    // Word allows 63 columns; spans and empty cells must not multiply memory.
    void CheckCells() {
        if (cells_.size() > kMaxCells) {
            Fail(Exhausted("một hàng của bảng có hơn " + std::to_string(kMaxCells) + " ô"));
        }
    }

    void EndParagraph() {
        if (paragraph_depth_ > 0) --paragraph_depth_;
        if (paragraph_depth_ > 0) {
            paragraph_ += ' ';  // a paragraph in a text box inside a paragraph
            return;
        }
        std::string p = std::move(paragraph_);
        paragraph_.clear();
        if (table_depth_ > 0) {
            // A cell's paragraphs (and a nested table's) are lines of the cell.
            if (p.find_first_not_of(' ') == std::string::npos) return;
            if (!cell_.empty()) cell_ += kCellLineBreak;
            cell_ += p;
            if (cell_.size() > max_text_) TooLong();
            return;
        }
        Emit(p);
    }

    void Emit(std::string_view line) {
        if (!first_line_) text_ += '\n';
        first_line_ = false;
        text_ += line;
        if (text_.size() > max_text_) TooLong();
    }

    void TooLong() {
        Fail(Exhausted("văn bản trong tệp DOCX dài hơn " + Mb(max_text_) + ": không nhập"));
    }

    void Fail(base::Error e) {
        if (!error_) error_ = std::move(e);
        XML_StopParser(parser_, XML_FALSE);
    }

    XML_Parser parser_;
    std::uint64_t max_text_;
    std::optional<base::Error> error_;
    std::string text_;
    bool first_line_ = true;
    std::size_t depth_ = 0;
    std::vector<bool> skip_stack_;
    std::size_t skip_ = 0;
    bool in_text_ = false;
    std::size_t paragraph_depth_ = 0;
    std::string paragraph_;
    std::size_t table_depth_ = 0;
    std::vector<std::string> cells_;
    std::string cell_;
    std::size_t span_ = 1;
    std::size_t grid_after_ = 0;
    bool continued_ = false;

public:
    void RefuseDtd() {
        Fail(base::InvalidArgument(
            "word/document.xml có khai báo DTD hoặc thực thể (<!DOCTYPE …>, <!ENTITY …>): tệp "
            "DOCX hợp lệ không có, không đọc"));
    }
};

void XMLCALL OnStart(void* data, const XML_Char* name, const XML_Char** atts) {
    static_cast<DocumentReader*>(data)->Start(name, atts);
}
void XMLCALL OnEnd(void* data, const XML_Char* name) {
    static_cast<DocumentReader*>(data)->End(name);
}
void XMLCALL OnText(void* data, const XML_Char* s, int len) {
    static_cast<DocumentReader*>(data)->Text(s, len);
}
void XMLCALL OnDoctype(void* data, const XML_Char* /*name*/, const XML_Char* /*sysid*/,
                       const XML_Char* /*pubid*/, int /*has_internal_subset*/) {
    static_cast<DocumentReader*>(data)->RefuseDtd();
}
void XMLCALL OnEntity(void* data, const XML_Char* /*name*/, int /*parameter*/,
                      const XML_Char* /*value*/, int /*length*/, const XML_Char* /*base*/,
                      const XML_Char* /*sysid*/, const XML_Char* /*pubid*/,
                      const XML_Char* /*notation*/) {
    static_cast<DocumentReader*>(data)->RefuseDtd();
}

struct ParserFree {
    void operator()(XML_Parser p) const { XML_ParserFree(p); }
};

base::Result<std::string> ParseDocument(std::string_view xml, std::uint64_t max_text) {
    // The encoding is forced to UTF-8 whatever the declaration says; ill-formed UTF-8 is a
    // well-formedness error. Namespaces are reported as "uri|local".
    const std::unique_ptr<std::remove_pointer_t<XML_Parser>, ParserFree> parser(
        XML_ParserCreateNS("UTF-8", '|'));
    if (parser == nullptr) return base::Internal("expat: cannot create a parser");
    DocumentReader reader(parser.get(), max_text);
    XML_SetUserData(parser.get(), &reader);
    XML_SetElementHandler(parser.get(), OnStart, OnEnd);
    XML_SetCharacterDataHandler(parser.get(), OnText);
    XML_SetStartDoctypeDeclHandler(parser.get(), OnDoctype);
    XML_SetEntityDeclHandler(parser.get(), OnEntity);
    XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);
    // No external entity handler is set: expat then never loads anything.
    constexpr std::size_t kChunk = 1U << 20U;
    std::size_t done = 0;
    XML_Status status = XML_STATUS_OK;
    do {
        const std::size_t n = std::min(kChunk, xml.size() - done);
        const bool last = done + n == xml.size();
        status = XML_Parse(parser.get(), xml.data() + done, static_cast<int>(n), last ? 1 : 0);
        done += n;
    } while (status == XML_STATUS_OK && done < xml.size());
    if (reader.Failed()) return reader.error();
    if (status != XML_STATUS_OK) {
        return base::InvalidArgument("word/document.xml không phải XML hợp lệ (dòng " +
                                     std::to_string(XML_GetCurrentLineNumber(parser.get())) +
                                     ", cột " +
                                     std::to_string(XML_GetCurrentColumnNumber(parser.get())) +
                                     "): " + XML_ErrorString(XML_GetErrorCode(parser.get())));
    }
    std::string text = reader.Take();
    auto nfc = text::Nfc(text);
    if (!nfc) return base::InvalidArgument("văn bản trong tệp DOCX không phải UTF-8 hợp lệ");
    if (nfc->size() > max_text) {
        return Exhausted("văn bản trong tệp DOCX dài hơn " + Mb(max_text) + ": không nhập");
    }
    return std::move(nfc).value();
}

}  // namespace

bool LooksLikeZip(std::string_view bytes) {
    return bytes.substr(0, kZipMagic.size()) == kZipMagic;
}

base::Result<std::string> ReadZipEntry(std::string_view archive, const std::string& name,
                                       const ZipLimits& limits) {
    if (archive.size() > limits.max_archive_bytes) {
        return Exhausted("tệp lớn hơn " + Mb(limits.max_archive_bytes) + " (" +
                         std::to_string(archive.size()) + " byte): không đọc");
    }
    if (archive.substr(0, kOleMagic.size()) == kOleMagic) {
        return base::InvalidArgument(
            "tệp là tệp Word được đặt mật khẩu (mã hóa) hoặc tệp .doc cũ, không phải .docx: hãy "
            "lưu lại thành .docx không đặt mật khẩu");
    }
    if (!LooksLikeZip(archive)) {
        return base::InvalidArgument("tệp không phải tệp DOCX/XLSX (không phải tệp nén ZIP)");
    }
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(archive.data(), archive.size(), 0, &error);
    if (source == nullptr) {
        zip_error_fini(&error);
        return base::Internal("libzip: cannot wrap the buffer");
    }
    const std::unique_ptr<zip_t, ArchiveDiscard> za(
        zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error));
    if (za == nullptr) {
        zip_source_free(source);
        const std::string why = zip_error_strerror(&error);
        zip_error_fini(&error);
        return base::InvalidArgument("tệp nén ZIP bị hỏng hoặc không đầy đủ (" + why + ")");
    }
    zip_error_fini(&error);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(za.get(), name.c_str(), 0, &st) != 0) {
        return base::NotFound("tệp nén không có phần " + name);
    }
    constexpr zip_uint64_t kNeed = ZIP_STAT_INDEX | ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE |
                                   ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD;
    if ((st.valid & kNeed) != kNeed) {
        return base::InvalidArgument("tệp nén ZIP bị hỏng: không đọc được kích thước của " + name);
    }
    if (st.encryption_method != ZIP_EM_NONE) {
        return base::InvalidArgument("phần " + name + " được mã hóa: không đọc");
    }
    if (st.comp_method != ZIP_CM_STORE && st.comp_method != ZIP_CM_DEFLATE) {
        return base::InvalidArgument("phần " + name + " nén theo cách không hỗ trợ (mã " +
                                     std::to_string(st.comp_method) +
                                     "; chỉ hỗ trợ store và deflate)");
    }
    if (st.size > limits.max_entry_bytes) {
        return Exhausted("phần " + name + " giải nén ra " + std::to_string(st.size) +
                         " byte, quá " + Mb(limits.max_entry_bytes) +
                         ": không giải nén (zip bomb?)");
    }
    if (st.size > limits.ratio_floor_bytes &&
        (st.comp_size == 0 || st.size / st.comp_size > limits.max_ratio)) {
        return Exhausted("phần " + name + " nén với tỉ lệ quá " + std::to_string(limits.max_ratio) +
                         ":1 (" + std::to_string(st.size) + " / " + std::to_string(st.comp_size) +
                         " byte): không giải nén (zip bomb?)");
    }
    const std::unique_ptr<zip_file_t, FileClose> file(zip_fopen_index(za.get(), st.index, 0));
    if (file == nullptr) {
        return base::InvalidArgument("không mở được phần " + name + ": " + zip_strerror(za.get()));
    }
    // Never trust the header: stop as soon as more than it declared (or the limit) comes out.
    const std::uint64_t cap = std::min<std::uint64_t>(st.size, limits.max_entry_bytes);
    std::string out;
    out.reserve(static_cast<std::size_t>(cap));
    std::array<char, std::size_t{64} * 1024> buffer{};
    while (true) {
        const zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
        if (n < 0) {
            return base::InvalidArgument(
                "phần " + name + " bị hỏng, không giải nén được: " + zip_file_strerror(file.get()));
        }
        if (n == 0) break;
        out.append(buffer.data(), static_cast<std::size_t>(n));
        if (out.size() > cap) {
            return Exhausted("phần " + name + " giải nén ra nhiều hơn " + std::to_string(cap) +
                             " byte đã khai báo: dừng giải nén (zip bomb?)");
        }
    }
    if (out.size() != st.size) {
        return base::InvalidArgument("phần " + name + " bị cắt cụt: " + std::to_string(out.size()) +
                                     " / " + std::to_string(st.size) + " byte");
    }
    return out;
}

base::Result<std::string> ReadDocxText(std::string_view docx, const ZipLimits& limits) {
    auto xml = ReadZipEntry(docx, "word/document.xml", limits);
    if (!xml) {
        if (xml.error().code == base::ErrorCode::kNotFound) {
            return base::NotFound(
                "tệp nén không có word/document.xml: không phải tệp Word (.docx)");
        }
        return xml.error();
    }
    return ParseDocument(*xml, limits.max_text_bytes);
}

base::Result<std::string> ReadDocumentXml(std::string_view xml, const ZipLimits& limits) {
    if (xml.size() > limits.max_entry_bytes) {
        return Exhausted("word/document.xml lớn hơn " + Mb(limits.max_entry_bytes) + ": không đọc");
    }
    return ParseDocument(xml, limits.max_text_bytes);
}

}  // namespace motcua::render
