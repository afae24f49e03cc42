-- wrk script of `make bench` (bench/load.py sets the BENCH_* variables).
--
-- A throughput figure counts only if every answer was the whole page, so each answer is
-- checked: status 200 and at least BENCH_MIN_BYTES of body (90% of what the warm-up request
-- got). A redirect or an error page is fast and small, and would otherwise pass for speed.
-- With BENCH_BEACON set, BENCH_BEACON_EVERY pages (GET) are followed by one view-count
-- beacon (POST), whose good answer is 204 with no body.

local host = os.getenv("BENCH_HOST")
local proto = os.getenv("BENCH_PROTO") or ""
local min_bytes = tonumber(os.getenv("BENCH_MIN_BYTES") or "0")
local beacon = os.getenv("BENCH_BEACON") or ""
-- Pages per beacon: 1 as every reading is reported, 10 with VIEW_COUNT_SAMPLE=10.
local every = tonumber(os.getenv("BENCH_BEACON_EVERY") or "1")

wrk.headers["Host"] = host
wrk.headers["User-Agent"] = os.getenv("BENCH_USER_AGENT")
-- What nginx tells gunicorn on every request; without it production redirects to https.
if proto ~= "" then
   wrk.headers["X-Forwarded-Proto"] = proto
end

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   bad = 0
   beacons = 0
   turn = 0
   page = wrk.format("GET", wrk.path)
   if beacon ~= "" then
      post = wrk.format("POST", beacon, nil, "")  -- an empty body: Content-Length: 0
   end
end

function request()
   turn = turn + 1
   if post and turn % (every + 1) == 0 then
      return post
   end
   return page
end

function response(status, headers, body)
   local size = body and #body or 0
   if post and status == 204 and size == 0 then
      beacons = beacons + 1
   elseif status ~= 200 or size < min_bytes then
      bad = bad + 1
   end
end

-- One line that bench/load.py parses: counts summed over the threads, times in microseconds.
function done(summary, latency, requests)
   local total_bad, total_beacons = 0, 0
   for _, thread in ipairs(threads) do
      total_bad = total_bad + thread:get("bad")
      total_beacons = total_beacons + thread:get("beacons")
   end
   local errors = summary.errors
   io.write(string.format(
      "bench-summary requests=%d duration_us=%d p50_us=%d p99_us=%d bad=%d beacons=%d " ..
      "timeouts=%d socket_errors=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
      total_bad, total_beacons, errors.timeout, errors.connect + errors.read + errors.write))
end
