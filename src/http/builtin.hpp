#pragma once

#include <functional>

#include "base/result.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace motcua::http {

// Readiness probe: OK when the process can serve (database reachable, ...). On failure the
// error message names the failing check ("database: ..."); it is shown in the /healthz body
// and logged, so it must not contain secrets. May block; runs on a worker thread.
using HealthCheck = std::function<base::Status()>;

// Registers the built-in routes:
//   GET /healthz → 200 {"status":"ok"}, or 503 {"status":"unavailable","detail":"<message>"}
//                  when `health_check` fails or throws (an empty check always passes);
//   GET /metrics → 200 metrics.RenderPrometheus() as text/plain; version=0.0.4 (inline: it
//                  never blocks, so it answers even when the worker pool is saturated).
// `metrics` must outlive the router.
void RegisterBuiltinRoutes(Router& router, Metrics& metrics, HealthCheck health_check);

}  // namespace motcua::http
