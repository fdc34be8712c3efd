-- Print what the load run needs as one JSON line: throughput and the latency percentiles
-- (wrk's own --latency output has no 95th percentile).
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "errors": %d, "non_2xx": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    errors, summary.errors.status))
end
