#include "render/qr.hpp"

#include <cerrno>
#include <memory>
#include <string>

#include <qrencode.h>

namespace motcua::render::detail {
namespace {

struct QrDeleter {
    void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

base::Result<QrMatrix> EncodeQr(std::string_view payload) {
    if (payload.empty()) return base::InvalidArgument("QR payload is empty");
    errno = 0;
    const std::unique_ptr<QRcode, QrDeleter> code(
        QRcode_encodeData(static_cast<int>(payload.size()),
                          reinterpret_cast<const unsigned char*>(payload.data()), 0, QR_ECLEVEL_M));
    if (code == nullptr) {
        if (errno == ERANGE) {
            return base::InvalidArgument("QR payload of " + std::to_string(payload.size()) +
                                         " bytes is too long for a QR code");
        }
        return base::Internal("libqrencode failed to encode the QR payload");
    }
    QrMatrix m;
    const int inner = code->width;
    m.size = inner + 2 * kQrQuietZone;
    m.dark.assign(static_cast<std::size_t>(m.size) * static_cast<std::size_t>(m.size), false);
    for (int y = 0; y < inner; ++y) {
        for (int x = 0; x < inner; ++x) {
            const bool dark =
                (code->data[static_cast<std::size_t>(y) * static_cast<std::size_t>(inner) +
                            static_cast<std::size_t>(x)] &
                 1U) != 0;
            m.dark[static_cast<std::size_t>(y + kQrQuietZone) * static_cast<std::size_t>(m.size) +
                   static_cast<std::size_t>(x + kQrQuietZone)] = dark;
        }
    }
    return m;
}

std::string QrSvg(const QrMatrix& qr, std::string_view label) {
    std::string escaped;
    for (const char c : label) {
        switch (c) {
            case '&':
                escaped += "&amp;";
                break;
            case '<':
                escaped += "&lt;";
                break;
            case '>':
                escaped += "&gt;";
                break;
            case '"':
                escaped += "&quot;";
                break;
            default:
                escaped.push_back(c);
        }
    }
    const std::string n = std::to_string(qr.size);
    std::string out = R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 )" + n + " " + n +
                      R"(" shape-rendering="crispEdges" role="img" aria-label=")" + escaped +
                      R"(">)";
    out += R"(<rect width=")" + n + R"(" height=")" + n + R"(" fill="#fff"/><path fill="#000" d=")";
    for (int y = 0; y < qr.size; ++y) {
        for (int x = 0; x < qr.size;) {
            if (!qr.At(x, y)) {
                ++x;
                continue;
            }
            int end = x;
            while (end < qr.size && qr.At(end, y)) ++end;
            out += "M" + std::to_string(x) + " " + std::to_string(y) + "h" +
                   std::to_string(end - x) + "v1h-" + std::to_string(end - x) + "z";
            x = end;
        }
    }
    out += "\"/></svg>";
    return out;
}

base::Result<std::string> QrSvgOf(std::string_view payload, std::string_view label) {
    base::Result<QrMatrix> qr = EncodeQr(payload);
    if (!qr) return std::move(qr).error();
    return QrSvg(*qr, label);
}

}  // namespace motcua::render::detail
