-- wrk script: a flood of legacy password grants (RFC 6749 section 4.3) at the token endpoint by
-- the demo-legacy client (HTTP Basic in PHX_LEGACY_BASIC), each for a user that does not exist,
-- so every request costs a full bcrypt hash and no real account is locked. No CSRF here.
-- Counts answers by status; done() prints "STATUS <code> <count>" lines for flood.sh.
local counter = 0
counts = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  local body = "grant_type=password&scope=api.read&username=flood-" .. counter .. "&password=wrong-" .. counter
  return wrk.format("POST", "/oauth2/token", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Authorization"] = "Basic " .. os.getenv("PHX_LEGACY_BASIC"),
  }, body)
end

function response(status, headers, body)
  local key = tostring(status)
  counts[key] = (counts[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for k, v in pairs(c) do
      total[k] = (total[k] or 0) + v
    end
  end
  for k, v in pairs(total) do
    io.write(string.format("STATUS %s %d\n", k, v))
  end
end
