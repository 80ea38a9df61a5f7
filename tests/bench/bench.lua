-- wrk script of the benchmark. Modes (after --):
--   fixed            the URL as given
--   seq FILE [N]     the names of FILE in order, each thread its share;
--                    with N, the thread stops after N responses
--   random FILE      names of FILE at random
--   slow10 NAME SLOW every 10th request asks for SLOW, the rest for NAME
--   clients N        the URL as given, from one of N clients at random
--                    (X-Forwarded-For: 10.x.y.z)
-- At the end it prints one line: requests seconds rps p50_us p99_us.

local mode, names, slow, base, clients = nil, {}, nil, nil, nil
local counter, step, limit, responses = 0, 1, nil, 0

function setup(thread)
	thread_count = (thread_count or 0) + 1
	thread:set("id", thread_count - 1)
end

-- Only "seq FILE N" counts responses. Without a response() function wrk
-- does not hand each body to Lua: that copy costs wrk more for pages
-- that differ (random names) than for one page over and over, which
-- would weigh on one side of a comparison only.
local function count_response(status, headers, body)
	responses = responses + 1
	if responses >= limit then
		wrk.thread:stop()
	end
end

function init(args)
	mode = args[1] or "fixed"
	if mode == "seq" or mode == "random" then
		for line in io.lines(args[2]) do names[#names + 1] = line end
		limit = tonumber(args[3] or "")
		if limit then response = count_response end
	elseif mode == "slow10" then
		names[1] = args[2]
		slow = args[3]
	elseif mode == "clients" then
		clients = tonumber(args[2])
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
	elseif mode == "clients" then
		local c = math.random(clients) - 1
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
end
