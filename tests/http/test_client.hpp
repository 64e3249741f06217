#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace motcua::http::testing {

// A parsed HTTP/1.1 response as the test client saw it.
struct Reply {
    int status = 0;
    std::string reason;
    std::multimap<std::string, std::string> headers;  // names lower-cased
    std::string body;

    // First value of a header (lower-case name), "" when absent.
    [[nodiscard]] std::string Header(std::string_view lower_name) const;
    [[nodiscard]] bool HasHeader(std::string_view lower_name) const;
};

// A blocking TCP client on raw POSIX sockets (no Beast in tests: the server file is the only
// Beast translation unit), so that tests can also send malformed bytes. Every read waits at
// most `timeout`. Test-only; not thread-safe.
class Client final {
public:
    // Connects to 127.0.0.1:port; check connected().
    explicit Client(int port, std::chrono::milliseconds timeout = std::chrono::seconds(10));
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    [[nodiscard]] bool connected() const { return fd_ >= 0; }
    // Sends all bytes; false on error.
    bool Send(std::string_view bytes);
    // Reads one response. `head`: the request was HEAD (no body follows the headers whatever
    // Content-Length says). nullopt on timeout, error, or a connection closed mid-response.
    [[nodiscard]] std::optional<Reply> Read(bool head = false);
    // True when the server closed the connection (a read returns end of file) within the
    // timeout; unread data before the end is skipped.
    [[nodiscard]] bool WaitClosed();
    // Send + Read.
    [[nodiscard]] std::optional<Reply> Exchange(std::string_view request, bool head = false);

private:
    bool Fill();  // reads more bytes into buffer_; false on EOF/error/timeout
    int fd_ = -1;
    std::string buffer_;
};

// "GET /path HTTP/1.1\r\nHost: test\r\n<extra>\r\n"; `extra` is full header lines with CRLF.
[[nodiscard]] std::string MakeRequest(std::string_view method, std::string_view target,
                                      std::string_view extra_headers = "",
                                      std::string_view body = "");

}  // namespace motcua::http::testing
