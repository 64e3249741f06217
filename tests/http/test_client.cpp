#include "test_client.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace motcua::http::testing {

std::string Reply::Header(std::string_view lower_name) const {
    auto it = headers.find(std::string(lower_name));
    return it == headers.end() ? std::string() : it->second;
}

bool Reply::HasHeader(std::string_view lower_name) const {
    return headers.contains(std::string(lower_name));
}

Client::Client(int port, std::chrono::milliseconds timeout) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return;
    }
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    // NOLINTNEXTLINE: the sockets API takes a sockaddr*.
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return;
    }
    fd_ = fd;
}

Client::~Client() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

bool Client::Send(std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n <= 0) {
            return false;
        }
        bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
}

bool Client::Fill() {
    std::array<char, 16384> chunk{};
    ssize_t n = ::recv(fd_, chunk.data(), chunk.size(), 0);
    if (n <= 0) {
        return false;
    }
    buffer_.append(chunk.data(), static_cast<size_t>(n));
    return true;
}

std::optional<Reply> Client::Read(bool head) {
    if (fd_ < 0) {
        return std::nullopt;
    }
    size_t end = 0;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
        if (!Fill()) {
            return std::nullopt;
        }
    }
    std::string_view text(buffer_.data(), end);
    Reply reply;
    size_t line_end = text.find("\r\n");
    std::string_view status_line = text.substr(0, line_end);
    // "HTTP/1.1 200 OK"
    if (status_line.size() < 12 || !status_line.starts_with("HTTP/1.")) {
        return std::nullopt;
    }
    std::from_chars(status_line.data() + 9, status_line.data() + 12, reply.status);
    reply.reason = std::string(status_line.substr(std::min<size_t>(13, status_line.size())));
    std::string_view rest = line_end == std::string_view::npos ? "" : text.substr(line_end + 2);
    while (!rest.empty()) {
        size_t eol = rest.find("\r\n");
        std::string_view line = rest.substr(0, eol);
        rest = eol == std::string_view::npos ? "" : rest.substr(eol + 2);
        size_t colon = line.find(':');
        if (colon == std::string_view::npos) {
            continue;
        }
        std::string name(line.substr(0, colon));
        std::transform(name.begin(), name.end(), name.begin(), [](char c) {
            return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        });
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') {
            value.remove_prefix(1);
        }
        reply.headers.emplace(std::move(name), std::string(value));
    }
    buffer_.erase(0, end + 4);
    bool no_body = head || reply.status < 200 || reply.status == 204 || reply.status == 304;
    if (no_body) {
        return reply;
    }
    if (reply.HasHeader("content-length")) {
        size_t length = std::stoul(reply.Header("content-length"));
        while (buffer_.size() < length) {
            if (!Fill()) {
                return std::nullopt;
            }
        }
        reply.body = buffer_.substr(0, length);
        buffer_.erase(0, length);
        return reply;
    }
    // No length: the body runs to the end of the connection.
    while (Fill()) {
    }
    reply.body = std::move(buffer_);
    buffer_.clear();
    return reply;
}

bool Client::WaitClosed() {
    std::array<char, 16384> chunk{};
    while (true) {
        ssize_t n = ::recv(fd_, chunk.data(), chunk.size(), 0);
        if (n == 0) {
            return true;
        }
        if (n < 0) {
            return errno == ECONNRESET;
        }
    }
}

std::optional<Reply> Client::Exchange(std::string_view request, bool head) {
    if (!Send(request)) {
        return std::nullopt;
    }
    return Read(head);
}

std::string MakeRequest(std::string_view method, std::string_view target,
                        std::string_view extra_headers, std::string_view body) {
    std::string request;
    request += method;
    request += ' ';
    request += target;
    request += " HTTP/1.1\r\nHost: test\r\n";
    request += extra_headers;
    if (!body.empty()) {
        request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    request += "\r\n";
    request += body;
    return request;
}

}  // namespace motcua::http::testing
