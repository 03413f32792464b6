-- wrk script: POST /api/events/<slug>/needs, a distinct passenger joining the waiting list on
-- every request (one seat, to the event).
-- Usage: wrk ... -s need.lua http://127.0.0.1:PORT -- SLUG RUN_TAG
-- As in book.lua, the thread number, a per-thread counter and the run tag make every email
-- unique, so no request meets the one-active-need-per-person rule; the statuses are counted.
local thread_no = 0
local threads = {}

function setup(thread)
  thread:set("tid", thread_no)
  thread_no = thread_no + 1
  table.insert(threads, thread)
end

local path = "/"
local n = 0
local tag = "run"
statuses = {}

function init(args)
  path = "/api/events/" .. (args[1] or error("need.lua: give SLUG RUN_TAG after --")) .. "/needs"
  tag = args[2] or tag
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept-Language"] = "en"
end

function request()
  n = n + 1
  local body = string.format(
    '{"name":"Waiting %d","email":"w-%s-%d-%d@bench.example","direction":"to_event","place":"Villeurbanne","seats":1}',
    n, tag, tid, n)
  return wrk.format("POST", path, nil, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for code, count in pairs(t:get("statuses")) do
      total[code] = (total[code] or 0) + count
    end
  end
  for code, count in pairs(total) do
    io.write(string.format("STATUS %d %d\n", code, count))
  end
end
