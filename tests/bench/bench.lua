-- wrk script of the benchmark. Modes (after --):
--   fixed            the URL as given
--   seq FILE [N]     the names of FILE in order, each thread its share;
--                    with N, the thread stops after N responses
--   random FILE      names of FILE at random
--   slow10 NAME SLOW every 10th request asks for SLOW, the rest for NAME
--   clients N [FIRST] the URL as given, from one of N clients at random
--                    (X-Forwarded-For: 10.x.y.z, client FIRST (0) onwards)
--   fresh FILE [PAUSE_MS]
--                    the names of FILE in order, each thread its share,
--                    each name asked until it gets a 200: a refused name
--                    (503 busy, ...) is asked again later, so the names
--                    last as long as the pages do. The reply must name
--                    its name in an X-Domain header (the benchmark's nginx
--                    adds it). After a refusal a connection waits, as a
--                    person would: the reply's Retry-After (else 1 s), or
--                    PAUSE_MS (0: asks again at once). The thread stops
--                    when the names run out, before it would ask one twice.
-- At the end it prints one line: requests seconds rps p50_us p99_us
-- errors; then "LATENCY p50_us p90_us p99_us", "STATUS non2xx
-- timeouts" (replies of status 400 and above; requests without one) and,
-- for "fresh", "NAMES n": how far into FILE the threads got.

local mode, names, slow, base, clients, first = nil, {}, nil, nil, nil, 0
local counter, step, limit, responses = 0, 1, nil, 0
local again = {}
local pause_ms, pauses, pause_head, pause_tail = nil, {}, 1, 1

local threads = {}

function setup(thread)
	thread_count = (thread_count or 0) + 1
	thread:set("id", thread_count - 1)
	threads[#threads + 1] = thread
end

-- Only "seq FILE N" counts responses ("fresh" needs its own). Without a
-- response() function wrk
-- does not hand each body to Lua: that copy costs wrk more for pages
-- that differ (random names) than for one page over and over, which
-- would weigh on one side of a comparison only.
local function count_response(status, headers, body)
	responses = responses + 1
	if responses >= limit then
		wrk.thread:stop()
	end
end

-- "fresh": a name whose reply was not a 200 is asked again, and the
-- connection that had the refusal waits. wrk calls response() and then,
-- for the same connection, delay() before its next request, each once
-- per reply and in the same order, so a queue of pauses carries one to
-- the other (at the start, when every connection calls delay() once
-- before its first request, a pause may land on a neighbour: as many
-- pauses are taken as refusals were had).
local function retry_refused(status, headers, body)
	local pause = 0
	if status ~= 200 then
		if headers["X-Domain"] then again[#again + 1] = headers["X-Domain"] end
		pause = pause_ms or (tonumber(headers["Retry-After"] or "") or 1) * 1000
	end
	pauses[pause_tail] = pause
	pause_tail = pause_tail + 1
end

local function pause_after_refusal()
	if pause_head == pause_tail then return 0 end
	local p = pauses[pause_head]
	pauses[pause_head] = nil
	pause_head = pause_head + 1
	return p
end

function init(args)
	mode = args[1] or "fixed"
	if mode == "seq" or mode == "random" or mode == "fresh" then
		for line in io.lines(args[2]) do names[#names + 1] = line end
		limit = tonumber(args[3] or "")
		if limit then response = count_response end
		if mode == "fresh" then
			response = retry_refused
			delay = pause_after_refusal
			pause_ms = tonumber(args[3] or "")
			limit = nil
		end
	elseif mode == "slow10" then
		names[1] = args[2]
		slow = args[3]
	elseif mode == "clients" then
		clients = tonumber(args[2])
		first = tonumber(args[3] or "0")
	end
	counter = id or 0
	step = tonumber(os.getenv("BENCH_THREADS") or "1")
	math.randomseed(1000 + counter)
	base = wrk.path
end

local function path_for(name)
	return base .. "?domain=" .. name
end

function request()
	if mode == "seq" then
		local name = names[(counter % #names) + 1]
		counter = counter + step
		return wrk.format("GET", path_for(name))
	elseif mode == "random" then
		return wrk.format("GET", path_for(names[math.random(#names)]))
	elseif mode == "slow10" then
		counter = counter + 1
		return wrk.format("GET", path_for(counter % 10 == 0 and slow or names[1]))
	elseif mode == "fresh" then
		local name = table.remove(again)
		if not name then
			if counter >= #names then
				-- out of names: stop rather than ask one twice; the
				-- request made here goes nowhere that counts
				wrk.thread:stop()
				return wrk.format("GET", base)
			end
			name = names[counter + 1]
			counter = counter + step
			-- a global, for done(), which runs where init() did not
			names_used = math.min(counter, #names)
		end
		return wrk.format("GET", path_for(name))
	elseif mode == "clients" then
		local c = first + math.random(clients) - 1
		return wrk.format("GET", wrk.path, { ["X-Forwarded-For"] =
			string.format("10.%d.%d.%d", math.floor(c / 65536) % 256,
				      math.floor(c / 256) % 256, c % 256) })
	end
	return wrk.format("GET", wrk.path)
end


function done(summary, latency, requests)
	local secs = summary.duration / 1e6
	io.write(string.format("RESULT %d %.2f %.1f %d %d %d\n", summary.requests,
		secs, summary.requests / secs, latency:percentile(50),
		latency:percentile(99), summary.errors.status + summary.errors.connect +
		summary.errors.read + summary.errors.write + summary.errors.timeout))
	io.write(string.format("LATENCY %d %d %d\n", latency:percentile(50),
		latency:percentile(90), latency:percentile(99)))
	io.write(string.format("STATUS %d %d\n", summary.errors.status,
		summary.errors.timeout))
	local used
	for _, t in ipairs(threads) do
		local u = t:get("names_used")
		if u then used = math.max(used or 0, u) end
	end
	if used then io.write(string.format("NAMES %d\n", used)) end
end
