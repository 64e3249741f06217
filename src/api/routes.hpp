#pragma once

#include <string>

#include "api/request_auth.hpp"
#include "app/context.hpp"
#include "http/router.hpp"

namespace motcua::api {

// Registers every /api/v1 route (one explicit table, routes.cpp) with thin handlers: decode,
// call one use case (which authorises), encode. `ctx` must outlive the router.
void RegisterApiRoutes(http::Router& router, app::AppContext& ctx);

// The OpenAPI 3 description of every /api/ route of `router` (served at /api/v1/openapi.json).
[[nodiscard]] std::string OpenApiDocument(const http::Router& router);

}  // namespace motcua::api
