#include "http/multipart.hpp"

#include <algorithm>
#include <cctype>

namespace motcua::http {

namespace {

std::string Lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// The value of parameter `name` in a header value ("form-data; name=\"x\"; filename=\"y\""),
// quotes removed (a backslash escapes the next character); nullopt when absent.
std::optional<std::string> HeaderParam(std::string_view value, std::string_view name) {
    std::size_t at = value.find(';');
    while (at != std::string_view::npos) {
        std::size_t p = at + 1;
        while (p < value.size() && (value[p] == ' ' || value[p] == '\t')) {
            ++p;
        }
        const std::size_t eq = value.find('=', p);
        if (eq == std::string_view::npos) {
            return std::nullopt;
        }
        const std::string key = Lower(value.substr(p, eq - p));
        std::string v;
        std::size_t q = eq + 1;
        if (q < value.size() && value[q] == '"') {
            ++q;
            while (q < value.size() && value[q] != '"') {
                if (value[q] == '\\' && q + 1 < value.size()) {
                    ++q;
                }
                v += value[q++];
            }
            at = value.find(';', q);
        } else {
            at = value.find(';', q);
            v = std::string(value.substr(q, at == std::string_view::npos ? at : at - q));
            while (!v.empty() && v.back() == ' ') {
                v.pop_back();
            }
        }
        if (key == name) {
            return v;
        }
    }
    return std::nullopt;
}

}  // namespace

bool IsMultipartFormData(std::string_view content_type) {
    return Lower(content_type.substr(0, content_type.find(';'))) == "multipart/form-data";
}

base::Result<std::vector<FormPart>> ParseMultipart(std::string_view content_type,
                                                   std::string_view body) {
    const base::Error bad =
        base::InvalidArgument("Biểu mẫu gửi kèm tệp không đúng định dạng multipart/form-data.");
    const auto boundary = HeaderParam(content_type, "boundary");
    if (!boundary || boundary->empty() || boundary->size() > 70) {
        return bad;
    }
    const std::string delimiter = "--" + *boundary;
    const std::string separator = "\r\n" + delimiter;
    if (!body.starts_with(delimiter)) {
        return bad;
    }
    std::vector<FormPart> out;
    std::size_t pos = delimiter.size();
    for (std::size_t parts = 0;; ++parts) {
        if (body.substr(pos, 2) == "--") {
            return out;  // the close delimiter
        }
        if (body.substr(pos, 2) != "\r\n" || parts >= kMaxFormParts) {
            return bad;
        }
        pos += 2;
        const std::size_t headers_end = body.find("\r\n\r\n", pos);
        if (headers_end == std::string_view::npos) {
            return bad;
        }
        FormPart part;
        std::string_view headers = body.substr(pos, headers_end - pos);
        while (!headers.empty()) {
            const std::size_t eol = headers.find("\r\n");
            const std::string_view line = headers.substr(0, eol);
            headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
            const std::size_t colon = line.find(':');
            if (colon == std::string_view::npos) {
                return bad;
            }
            const std::string header = Lower(line.substr(0, colon));
            std::string_view value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') {
                value.remove_prefix(1);
            }
            if (header == "content-disposition") {
                if (Lower(value.substr(0, value.find(';'))) != "form-data") {
                    return bad;
                }
                part.name = HeaderParam(value, "name").value_or("");
                part.file_name = HeaderParam(value, "filename");
            } else if (header == "content-type") {
                part.content_type = std::string(value);
            }
        }
        const std::size_t content_start = headers_end + 4;
        const std::size_t next = body.find(separator, content_start);
        if (next == std::string_view::npos || part.name.empty()) {
            return bad;
        }
        part.content = body.substr(content_start, next - content_start);
        out.push_back(std::move(part));
        pos = next + separator.size();
    }
}

}  // namespace motcua::http
