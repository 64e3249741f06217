#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.hpp"

// Reading plans from Word files (issue #7; docs/plans.md "DOCX and XLSX"). Bytes in, plan text
// out: the text is what domain::plan_import::Read reads, so a DOCX is imported exactly like the
// tab-separated seeds. No dependency on domain/.
//
// The text has one line per body paragraph and one line per table row, in document order, so a
// problem's `line` N is the N-th paragraph-or-table-row of the document body (a table row counts
// one line, whatever its height). In a table row the cells are separated by tabs; a cell's
// paragraphs and line breaks (w:br, w:cr) are joined by U+2028 LINE SEPARATOR, which
// plan_import::Read reads as a line break inside the cell (units and deadline clauses) and as a
// space elsewhere. Tabs inside a paragraph or cell (w:tab) become spaces, so only cells make
// columns. Merged cells: a cell spanning N grid columns (w:gridSpan) gives its text and N-1 empty
// cells; a vertically merged cell (w:vMerge without "restart") is empty below its first row, so a
// task over several rows reads as one task with one deliverable per row. Nested tables are
// flattened into the cell holding them (each nested cell's paragraphs are lines of that cell).
// Tracked changes: deletions (w:del, w:moveFrom) are skipped, insertions kept; fields show their
// result (w:instrText is skipped); text boxes' fallback copies (mc:Fallback) are skipped. The
// text is NFC.
namespace motcua::render {

// U+2028 LINE SEPARATOR: a line break inside a table cell in the text of ReadDocxText.
inline constexpr std::string_view kCellLineBreak = "\u2028";

struct ZipLimits {
    std::uint64_t max_archive_bytes = 5ULL * 1024 * 1024;  // the .docx file itself
    std::uint64_t max_entry_bytes = 50ULL * 1024 * 1024;   // one inflated entry
    std::uint64_t max_ratio = 100;                         // inflated : compressed
    std::uint64_t ratio_floor_bytes = 1ULL * 1024 * 1024;  // ratio checked above this size
    std::uint64_t max_text_bytes = 5ULL * 1024 * 1024;     // the text ReadDocxText returns
};

// True when `bytes` starts like a zip archive ("PK\x03\x04"): how the CLI picks the reader.
[[nodiscard]] bool LooksLikeZip(std::string_view bytes);

// One entry of a zip archive held in memory, inflated with every guard of `limits`: the archive
// is at most max_archive_bytes; the entry is stored or deflated and not encrypted; its declared
// size is at most max_entry_bytes and, above ratio_floor_bytes, at most max_ratio times its
// compressed size — all checked before inflating — and inflating stops as soon as the bytes read
// exceed the declared size or the limit (a lying header). Errors (Vietnamese messages):
// kInvalidArgument (not a zip, damaged, encrypted, unsupported compression), kNotFound (no such
// entry), kResourceExhausted (a limit).
[[nodiscard]] base::Result<std::string> ReadZipEntry(std::string_view archive,
                                                     const std::string& name,
                                                     const ZipLimits& limits = {});

// The plan text of a .docx held in memory (see above). Besides ReadZipEntry's errors:
// kNotFound when word/document.xml is missing; kInvalidArgument when the XML is not well-formed,
// is not UTF-8, or has a document type declaration (DTDs and entities are refused outright: no
// XXE, no "billion laughs"; nothing is ever fetched), or an encrypted Word file (an OLE container,
// not a zip); kResourceExhausted when the text exceeds max_text_bytes or the elements nest deeper
// than 256.
[[nodiscard]] base::Result<std::string> ReadDocxText(std::string_view docx,
                                                     const ZipLimits& limits = {});

// The plan text of a document part (word/document.xml) already out of its archive: what
// ReadDocxText does after unzipping, with the same XML errors (used by the fuzz target).
[[nodiscard]] base::Result<std::string> ReadDocumentXml(std::string_view xml,
                                                        const ZipLimits& limits = {});

}  // namespace motcua::render
