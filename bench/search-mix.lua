-- wrk script: cycles through the request paths in the file named by WRK_PATHS, with the header in
-- WRK_AUTH, and prints the latency percentiles the benchmark records (p50, p95, p99). WRK_PAUSE_MS, when
-- set, makes each client pause a random 0..WRK_PAUSE_MS ms between its requests, as people do (wrk's delay).
local paths = {}
local index = 0

function init(args)
  for line in io.lines(os.getenv("WRK_PATHS")) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  wrk.headers["Authorization"] = os.getenv("WRK_AUTH")
  -- each thread starts somewhere else in the mix, so threads do not send the same search at once
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000))
  index = math.random(#paths)
end

local pause = tonumber(os.getenv("WRK_PAUSE_MS") or "0")

function delay()
  if pause > 0 then return math.random(0, pause) end
  return 0
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end

function done(summary, latency, requests)
  io.write(string.format("requests=%d errors=%d throughput=%.0f req/s\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency_ms p50=%.2f p95=%.2f p99=%.2f max=%.2f\n", latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
