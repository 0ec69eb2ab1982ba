-- wrk script: a mix of reads (READER token) with MUTATE_PERCENT % mutations (EDITOR token of a
-- member organisation). Reads alternate between the small lookup of a random question of
-- READ_IDS and the filtered connection; mutations between addContribution and
-- updateLearningQuestion on a random question of EDIT_IDS. Bodies come from BODY_DIR, with
-- "__ID__" standing for the question's global ID. Every thread draws from its own fixed seed.

local function slurp(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local function split(s)
  local t = {}
  for x in string.gmatch(s or "", "[^,]+") do
    t[#t + 1] = x
  end
  return t
end

local dir = os.getenv("BODY_DIR")
local small = slurp(dir .. "/small_lookup.json")
local page = slurp(dir .. "/filtered_connection.json")
local add = slurp(dir .. "/add_contribution.json")
local update = slurp(dir .. "/update_question.json")
local read_ids = split(os.getenv("READ_IDS"))
local edit_ids = split(os.getenv("EDIT_IDS"))
local reader = "Bearer " .. os.getenv("READER_TOKEN")
local editor = "Bearer " .. os.getenv("EDITOR_TOKEN")
local percent = tonumber(os.getenv("MUTATE_PERCENT") or "10")

sent = 0
mutations = 0

local threads = {}
function setup(thread)
  thread:set("seed", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(seed * 7919)
end

local function with_id(body, ids)
  return (string.gsub(body, "__ID__", ids[math.random(#ids)]))
end

function request()
  sent = sent + 1
  local headers = { ["Content-Type"] = "application/json" }
  local body
  if math.random(100) <= percent then
    mutations = mutations + 1
    headers["Authorization"] = editor
    body = with_id(math.random(2) == 1 and add or update, edit_ids)
  else
    headers["Authorization"] = reader
    body = math.random(2) == 1 and with_id(small, read_ids) or page
  end
  return wrk.format("POST", nil, headers, body)
end

function done(summary, latency, requests)
  local total, writes = 0, 0
  for _, t in ipairs(threads) do
    total = total + t:get("sent")
    writes = writes + t:get("mutations")
  end
  io.write(string.format("mix: %d requests sent, %d mutations (%.1f %%)\n", total, writes, 100 * writes / math.max(total, 1)))
end
