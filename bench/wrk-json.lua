-- wrk script for the harness: an optional request body (WRK_BODY_FILE,
-- WRK_CONTENT_TYPE) and one JSON line with the summary at the end.
-- No per-request Lua callbacks, so wrk runs at full speed.
local body_file = os.getenv("WRK_BODY_FILE")
if body_file and body_file ~= "" then
	local f = assert(io.open(body_file, "rb"))
	wrk.body = f:read("*a")
	f:close()
	wrk.method = "POST"
	wrk.headers["Content-Type"] = os.getenv("WRK_CONTENT_TYPE") or "application/octet-stream"
end

done = function(summary, latency, requests)
	local e = summary.errors
	io.write(string.format(
		'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
		'"errors_connect":%d,"errors_read":%d,"errors_write":%d,' ..
		'"errors_status":%d,"errors_timeout":%d,' ..
		'"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
		summary.requests, summary.duration, summary.bytes,
		e.connect, e.read, e.write, e.status, e.timeout,
		latency:percentile(50), latency:percentile(90), latency:percentile(99),
		latency.max, latency.mean))
end
