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

}  // namespace motcua::render::detail
