-- wrk script: GET /api/places with queries such as people type them (prefixes, accents,
-- "st", postcodes, Belgian and Swiss towns), cycling over the list; the gazetteer answers.
-- Usage: wrk ... -s places.lua http://127.0.0.1:PORT
local queries = {
  "ly", "lyon", "saint-%C3%A9t", "st%20den", "69003", "mars", "par", "gen%C3%A8ve", "bruxel",
  "li%C3%A8ge", "4000", "esch", "aix%20en", "villeur", "974", "st", "bordeaux", "nant",
  "zurich", "ch",
}
local i = 0

function request()
  i = i + 1
  local q = queries[(i % #queries) + 1]
  return wrk.format("GET", "/api/places?q=" .. q .. "&lang=fr")
end
