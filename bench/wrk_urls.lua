-- wrk: cycle through the request paths listed (one per line) in the file named by the
-- BENCH_PATHS environment variable, each thread from its own offset, so consecutive requests ask
-- different URLs; report as wrk_report.lua does (one JSON line, latencies in microseconds).
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end
local counter = 0
local threads = {}

setup = function(thread)
  thread:set("offset", #threads * 7919)
  threads[#threads + 1] = thread
end

init = function(args)
  counter = offset or 0
end

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "bytes": %d, "errors": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration / 1e6, summary.bytes, errors,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
