// libFuzzer target: the multipart/form-data reader of the public feedback form (issue #9,
// http/multipart.hpp) must never crash or read out of bounds, whatever the body. The input up to
// its first '\n' is the Content-Type, the rest the body. A success names every part, holds at most
// kMaxFormParts of them, each content a view inside the body; the reading is deterministic.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/multipart.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace h = motcua::http;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t eol = input.find('\n');
    const std::string_view type = eol == std::string_view::npos ? input : input.substr(0, eol);
    const std::string_view body =
        eol == std::string_view::npos ? std::string_view() : input.substr(eol + 1);
    (void)h::IsMultipartFormData(type);
    auto parts = h::ParseMultipart(type, body);
    if (parts) {
        if (parts->size() > h::kMaxFormParts) {
            std::abort();
        }
        for (const h::FormPart& p : *parts) {
            if (p.name.empty() || p.content.data() < body.data() ||
                p.content.data() + p.content.size() > body.data() + body.size()) {
                std::abort();
            }
        }
    } else if (parts.error().message.empty()) {
        std::abort();
    }
    auto again = h::ParseMultipart(type, body);
    if (again.ok() != parts.ok() || (again.ok() && again->size() != parts->size())) {
        std::abort();
    }
    return 0;
}
