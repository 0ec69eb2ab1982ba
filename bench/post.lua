-- wrk script: POSTs the same JSON body (from $BODY_FILE) on every request, with
-- `Authorization: Bearer $TOKEN` when TOKEN is set.
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
