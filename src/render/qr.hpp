#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

// QR codes (libqrencode) as a plain module matrix, drawn by the PDF writer with cairo rectangles
// and by the HTML writer as SVG. Internal to render/.
namespace motcua::render::detail {

// Width of the light border around the symbol, in modules (ISO/IEC 18004 asks for 4).
inline constexpr int kQrQuietZone = 4;

// A square QR symbol including its quiet zone.
struct QrMatrix {
    int size = 0;            // modules per side, quiet zone included
    std::vector<bool> dark;  // size × size, row by row
    [[nodiscard]] bool At(int x, int y) const {
        return dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) +
                    static_cast<std::size_t>(x)];
    }
};

// The QR symbol of `payload` (8-bit mode, byte for byte, error correction level M, smallest
// version that fits). kInvalidArgument when the payload is empty or too long for a QR code
// (over about 2,300 bytes at level M); kInternal if libqrencode fails otherwise. Thread-safe.
[[nodiscard]] base::Result<QrMatrix> EncodeQr(std::string_view payload);

// The symbol as inline SVG markup (one path, crisp edges, white background, no style attribute
// or script, so the strict CSP of the pages allows it), sized by the surrounding CSS;
// `label` (escaped here) is its accessible name.
[[nodiscard]] std::string QrSvg(const QrMatrix& qr, std::string_view label);

// EncodeQr then QrSvg: the web pages' QR codes (the posting sheets).
[[nodiscard]] base::Result<std::string> QrSvgOf(std::string_view payload, std::string_view label);

}  // namespace motcua::render::detail
