-- wrk script: POST each path of a file once, in order, split between the threads.
-- Usage: wrk ... -s paths.lua http://127.0.0.1:PORT -- PATHS_FILE
-- Made for one-shot links (POST /link/accept/<token>): once a thread has used its share of
-- the paths it goes on POSTing its last one (those answers are not 303 and are counted
-- apart), so the report counts the statuses and says whether the list ran out.
local thread_no = 0
local threads = {}

function setup(thread)
  thread:set("tid", thread_no)
  thread_no = thread_no + 1
  table.insert(threads, thread)
end

local paths = {}
local i = 0
statuses = {}
exhausted = 0

function init(args)
  local file = args[1] or error("paths.lua: give the file of paths after --")
  local all = {}
  for line in io.lines(file) do
    if line ~= "" then table.insert(all, line) end
  end
  -- thread k takes lines k, k+T, k+2T... (T read from the environment, default 2)
  local nthreads = tonumber(os.getenv("WRK_THREADS") or "2")
  for k = tid + 1, #all, nthreads do
    table.insert(paths, all[k])
  end
  if #paths == 0 then error("paths.lua: no paths for thread " .. tid) end
  wrk.method = "POST"
  wrk.headers["Accept-Language"] = "en"
end

function request()
  i = i + 1
  if i > #paths then
    exhausted = 1
    return wrk.format("POST", paths[#paths])
  end
  return wrk.format("POST", paths[i])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  local ran_out = 0
  for _, t in ipairs(threads) do
    for code, count in pairs(t:get("statuses")) do
      total[code] = (total[code] or 0) + count
    end
    if t:get("exhausted") == 1 then ran_out = 1 end
  end
  for code, count in pairs(total) do
    io.write(string.format("STATUS %d %d\n", code, count))
  end
  io.write(string.format("EXHAUSTED %d\n", ran_out))
end
