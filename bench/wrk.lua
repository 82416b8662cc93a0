-- wrk script for bench/run.py: every connection GETs one path, each request with the next
-- client's cookies (READINESS_COOKIES: one "name=value; name=value" line per client), for as
-- long as wrk runs (-d); then one JSON line with the counts and the latency percentiles in
-- microseconds. Only a 200 counts as a success.

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  cookies, next_cookie, not_200 = {}, 0, 0
  for line in (os.getenv("READINESS_COOKIES") or ""):gmatch("[^\n]+") do
    cookies[#cookies + 1] = line
  end
end

function request()
  local headers = {}
  if #cookies > 0 then
    next_cookie = next_cookie % #cookies + 1
    headers["Cookie"] = cookies[next_cookie]
  end
  return wrk.format("GET", wrk.path, headers)
end

function response(status, headers, body)
  if status ~= 200 then not_200 = not_200 + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("not_200") end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.6f, "not_200": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "timeout": %d, "p50": %d, "p95": %d, "p99": %d, "max": %d}\n',
    summary.requests, summary.duration / 1e6, bad, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
