// libFuzzer target: the DOCX reader of plans (issue #7, render/docx_reader.hpp) must never crash,
// hang or read out of bounds, whatever the archive or XML. The first byte picks what the rest is:
// even, a whole .docx (libzip over the buffer, every guard on); odd, the document part itself
// (expat), so the fuzzer reaches the XML without having to forge a zip. A text that comes out is
// valid UTF-8 and within the text limit; the reading is deterministic.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "render/docx_reader.hpp"
#include "text/unicode.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace r = motcua::render;
    if (size == 0) {
        return 0;
    }
    const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
    r::ZipLimits limits;
    limits.max_entry_bytes = 4U * 1024 * 1024;  // keep each run small
    limits.max_text_bytes = 1U * 1024 * 1024;
    const bool whole = (data[0] & 1U) == 0;
    auto text = whole ? r::ReadDocxText(rest, limits) : r::ReadDocumentXml(rest, limits);
    if (text) {
        if (!motcua::text::IsValidUtf8(*text) || text->size() > limits.max_text_bytes) {
            std::abort();
        }
    } else if (text.error().message.empty()) {
        std::abort();
    }
    auto again = whole ? r::ReadDocxText(rest, limits) : r::ReadDocumentXml(rest, limits);
    if (again.ok() != text.ok() || (again.ok() && *again != *text)) {
        std::abort();
    }
    return 0;
}
