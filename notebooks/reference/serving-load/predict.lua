-- wrk script: POST one customer to /predict (the seed project's payload fields).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = os.getenv("CHURN_BODY") or '{"aon":1200,"total_mou":2500.5,"total_data_usage":640.25}'

-- DELAY_MS > 0 makes each connection wait that long between requests, which caps the offered load
-- (16 connections with DELAY_MS=2 offer roughly 6,000-7,000 requests/s): latency at a target rate
-- rather than at saturation. wrk measures latency from the send, so the wait is not counted.
local pause = tonumber(os.getenv("DELAY_MS") or "0")
if pause > 0 then
  delay = function() return pause end
end

done = function(summary, latency, requests)
  io.write(string.format("p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
  io.write(string.format("errors: connect %d, read %d, write %d, status %d, timeout %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
end
