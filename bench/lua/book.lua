-- wrk script: POST /api/offers/<id>/reservations with a distinct passenger on every request.
-- Usage: wrk ... -s book.lua http://127.0.0.1:PORT -- OFFER_ID[,OFFER_ID...] RUN_TAG
-- Each thread has its own Lua state: the thread number, a per-thread counter and the run tag
-- make every email unique, so no request meets the one-active-request-per-offer rule.
-- Requests cycle over the offers; a pending request holds no seat, so 1-seat requests on
-- 8-seat offers are never refused for lack of seats.
local thread_no = 0
local threads = {}

function setup(thread)
  thread:set("tid", thread_no)
  thread_no = thread_no + 1
  table.insert(threads, thread)
end

local offers = {}
local n = 0
local tag = "run"
statuses = {}

function init(args)
  for id in string.gmatch(args[1] or "", "[^,]+") do
    table.insert(offers, id)
  end
  if #offers == 0 then
    error("book.lua: give the offer ids after --")
  end
  tag = args[2] or tag
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept-Language"] = "en"
end

function request()
  n = n + 1
  local offer = offers[(n % #offers) + 1]
  local body = string.format(
    '{"passenger_name":"Passenger %d","passenger_email":"p-%s-%d-%d@bench.example","seats":1}',
    n, tag, tid, n)
  return wrk.format("POST", "/api/offers/" .. offer .. "/reservations", nil, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for code, count in pairs(s) do
      total[code] = (total[code] or 0) + count
    end
  end
  for code, count in pairs(total) do
    io.write(string.format("STATUS %d %d\n", code, count))
  end
end
