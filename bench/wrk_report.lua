-- wrk reporter: one JSON line with the latency percentiles (microseconds) and counts.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "bytes": %d, "errors": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration / 1e6, summary.bytes, errors,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
