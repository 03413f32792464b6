-- wrk script: the mixed workload. Out of every 20 requests, 19 GET the event page and 1 books a
-- seat on one of the same event's offers (a distinct passenger each time), so that bookings
-- keep changing what the page shows.
-- Usage: wrk ... -s mixed.lua http://127.0.0.1:PORT -- SLUG OFFER_ID[,OFFER_ID...] RUN_TAG
--
-- Each kind's statuses are counted apart (views answer 200, bookings 201). wrk measures the
-- latency of all requests together; each kind's own latencies are taken here with a monotonic
-- clock (LuaJIT's ffi): request() notes when it hands wrk a request, response() pairs each
-- answer with the oldest outstanding request of its kind in that wrk thread (the kind is told
-- by the answer's type: HTML a view, anything else a booking). Pairing in order is exact when answers
-- of one kind come back in the order they were asked, and close otherwise (same kind, same
-- cost); the overall figures are wrk's own.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } covoit_timespec;
  int clock_gettime(int clk_id, covoit_timespec *tp);
]]
local ts = ffi.new("covoit_timespec")
local function now_us()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000000 + tonumber(ts.tv_nsec) / 1000
end

local thread_no = 0
local threads = {}

function setup(thread)
  thread:set("tid", thread_no)
  thread_no = thread_no + 1
  table.insert(threads, thread)
end

local offers = {}
local page = "/"
local tag = "run"
local n = 0
local booked = 0
-- outstanding requests of each kind: start times, oldest first (head/tail indices)
local q = { view = {}, book = {} }
local head = { view = 1, book = 1 }
local tail = { view = 0, book = 0 }
statuses_view = {}
statuses_book = {}
lat_view = {}
lat_book = {}

function init(args)
  page = "/e/" .. (args[1] or error("mixed.lua: give SLUG OFFER_IDS TAG after --"))
  for id in string.gmatch(args[2] or "", "[^,]+") do
    table.insert(offers, id)
  end
  if #offers == 0 then
    error("mixed.lua: give the offer ids after the slug")
  end
  tag = args[3] or tag
  wrk.headers["Accept-Language"] = "en"
end

local function push(kind)
  tail[kind] = tail[kind] + 1
  q[kind][tail[kind]] = now_us()
end

local function pop(kind)
  local h = head[kind]
  if h > tail[kind] then return nil end
  local t = q[kind][h]
  q[kind][h] = nil
  head[kind] = h + 1
  return t
end

function request()
  n = n + 1
  if n % 20 == 0 then
    booked = booked + 1
    local offer = offers[(booked % #offers) + 1]
    local body = string.format(
      '{"passenger_name":"Passenger %d","passenger_email":"m-%s-%d-%d@bench.example","seats":1}',
      booked, tag, tid, booked)
    push("book")
    return wrk.format("POST", "/api/offers/" .. offer .. "/reservations",
      { ["Content-Type"] = "application/json" }, body)
  end
  push("view")
  return wrk.format("GET", page)
end

function response(status, headers, body)
  local ctype = headers["Content-Type"] or headers["content-type"] or ""
  local kind = string.find(ctype, "html", 1, true) and "view" or "book"
  local statuses = (kind == "view") and statuses_view or statuses_book
  statuses[status] = (statuses[status] or 0) + 1
  local started = pop(kind)
  if started then
    local lat = (kind == "view") and lat_view or lat_book
    lat[#lat + 1] = now_us() - started
  end
end

local function percentile(sorted, p)
  if #sorted == 0 then return 0 end
  local k = math.max(1, math.ceil(#sorted * p / 100))
  return sorted[k]
end

function done(summary, latency, requests)
  for _, kind in ipairs({ "view", "book" }) do
    local total, all = {}, {}
    for _, t in ipairs(threads) do
      for code, count in pairs(t:get("statuses_" .. kind)) do
        total[code] = (total[code] or 0) + count
      end
      for _, v in ipairs(t:get("lat_" .. kind)) do
        all[#all + 1] = v
      end
    end
    for code, count in pairs(total) do
      io.write(string.format("KIND %s STATUS %d %d\n", kind, code, count))
    end
    table.sort(all)
    io.write(string.format("KIND %s LATENCY_MS p50 %.2f p99 %.2f n %d\n", kind,
      percentile(all, 50) / 1000, percentile(all, 99) / 1000, #all))
  end
end
