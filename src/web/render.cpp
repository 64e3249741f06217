#include "web/render.hpp"

#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "text/unicode.hpp"
#include "web/embedded.hpp"

namespace motcua::web {

namespace mustache = kainjow::mustache;

Renderer::Renderer(std::string template_dir) : template_dir_(std::move(template_dir)) {}

std::optional<std::string> Renderer::Source(std::string_view name) const {
    if (!template_dir_.empty()) {
        std::ifstream in(template_dir_ + "/" + std::string(name) + ".mustache", std::ios::binary);
        if (in) {
            std::ostringstream content;
            content << in.rdbuf();
            return content.str();
        }
    }
    for (const embedded::EmbeddedFile& file : embedded::Templates()) {
        if (file.name == name) {
            return std::string(file.bytes);
        }
    }
    return std::nullopt;
}

base::Result<std::string> Renderer::Render(std::string_view name, const Data& data,
                                           std::string_view body) const {
    auto source = Source(name);
    if (!source) {
        return base::Internal("web: no template named " + std::string(name));
    }
    std::optional<std::string> body_source;
    if (!body.empty()) {
        body_source = Source(body);
        if (!body_source) {
            return base::Internal("web: no template named " + std::string(body));
        }
    }
    Data root(data);
    for (const embedded::EmbeddedFile& file : embedded::Templates()) {
        const std::string partial_name(file.name);
        root.set(partial_name, mustache::partial([this, partial_name]() {
                     return Source(partial_name).value_or(std::string());
                 }));
    }
    if (body_source) {
        root.set("page_body", mustache::partial([&body_source]() { return *body_source; }));
    }
    mustache::mustache tmpl(*source);
    if (!tmpl.is_valid()) {
        return base::Internal("web: template " + std::string(name) + ": " + tmpl.error_message());
    }
    std::string out = tmpl.render(root);
    if (!tmpl.is_valid()) {
        return base::Internal("web: template " + std::string(name) + ": " + tmpl.error_message());
    }
    auto nfc = text::Nfc(out);
    if (!nfc) {
        // Only ill-formed UTF-8 in stored data gets here; the page is still served.
        spdlog::warn("web: page {} is not valid UTF-8; served without NFC", name);
        return out;
    }
    return std::move(*nfc);
}

base::Status Renderer::CheckAll() const {
    for (const embedded::EmbeddedFile& file : embedded::Templates()) {
        const auto source = Source(file.name);
        mustache::mustache tmpl(source.value_or(std::string()));
        if (!tmpl.is_valid()) {
            return base::Internal("web: template " + std::string(file.name) + ": " +
                                  tmpl.error_message());
        }
    }
    return {};
}

}  // namespace motcua::web
