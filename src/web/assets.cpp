#include "web/assets.hpp"

#include <array>
#include <vector>

#include "web/embedded.hpp"

namespace motcua::web {

namespace {

std::string_view ContentTypeFor(std::string_view name) {
    struct Type {
        std::string_view extension;
        std::string_view content_type;
    };
    static constexpr std::array<Type, 7> kTypes = {{
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
    }};
    for (const Type& type : kTypes) {
        if (name.ends_with(type.extension)) {
            return type.content_type;
        }
    }
    return "application/octet-stream";
}

const std::vector<StaticAsset>& Assets() {
    static const std::vector<StaticAsset> assets = [] {
        std::vector<StaticAsset> out;
        for (const embedded::EmbeddedFile& file : embedded::StaticFiles()) {
            out.push_back({file.name, ContentTypeFor(file.name), file.bytes, file.hash});
        }
        return out;
    }();
    return assets;
}

// True when the If-None-Match list contains `etag` (or is "*").
bool MatchesEtag(std::string_view header, std::string_view etag) {
    while (!header.empty()) {
        const size_t comma = header.find(',');
        std::string_view item = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
        while (!item.empty() && item.front() == ' ') {
            item.remove_prefix(1);
        }
        while (!item.empty() && item.back() == ' ') {
            item.remove_suffix(1);
        }
        if (item.starts_with("W/")) {
            item.remove_prefix(2);
        }
        if (item == etag || item == "*") {
            return true;
        }
    }
    return false;
}

}  // namespace

const StaticAsset* FindStaticAsset(std::string_view name) {
    for (const StaticAsset& asset : Assets()) {
        if (asset.name == name) {
            return &asset;
        }
    }
    return nullptr;
}

std::string StaticUrl(std::string_view name) {
    const StaticAsset* asset = FindStaticAsset(name);
    std::string url = "/static/" + std::string(name);
    if (asset != nullptr) {
        url += "?v=" + std::string(asset->hash);
    }
    return url;
}

http::Response ServeStatic(const http::Request& request, std::string_view name) {
    http::Response response;
    const StaticAsset* asset = FindStaticAsset(name);
    if (asset == nullptr) {
        response.status = 404;
        response.content_type = "text/plain; charset=utf-8";
        response.body = "Không tìm thấy tệp.\n";
        return response;
    }
    const std::string etag = "\"" + std::string(asset->hash) + "\"";
    response.AddHeader("ETag", etag);
    const bool versioned = request.Query("v") == asset->hash;
    response.AddHeader("Cache-Control",
                       versioned ? "public, max-age=31536000, immutable" : "public, no-cache");
    if (const auto if_none_match = request.Header("if-none-match");
        if_none_match && MatchesEtag(*if_none_match, etag)) {
        response.status = 304;
        response.content_type.clear();
        return response;
    }
    response.content_type = std::string(asset->content_type);
    response.body = std::string(asset->body);
    return response;
}

}  // namespace motcua::web
