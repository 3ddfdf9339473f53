-- wrk script: a flood of password sign-ins on the login page (POST /login), each with a wrong
-- password for a user that does not exist (so every request costs a full bcrypt hash, as the
-- timing-attack protection hashes anyway, and no real account is locked).
-- The login form needs a session cookie and its CSRF token: each wrk thread first loads /login
-- (GET) until it holds PHX_SESSIONS sessions, taken from the Set-Cookie header and the form's
-- hidden _csrf input, then posts to them in turn.
-- Counts answers by status; done() prints "STATUS <code> <count>" lines for flood.sh.
local sessions = {}
local wanted = tonumber(os.getenv("PHX_SESSIONS") or "8")
local next_session = 1
local counter = 0
counts = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function request()
  if #sessions < wanted then
    return wrk.format("GET", "/login", { ["Accept"] = "text/html" }, nil)
  end
  local s = sessions[next_session]
  next_session = (next_session % #sessions) + 1
  counter = counter + 1
  local body = "username=flood-" .. counter .. "&password=wrong-password-" .. counter .. "&_csrf=" .. s.csrf
  return wrk.format("POST", "/login", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "PHOENIXSESSION=" .. s.cookie,
    ["Accept"] = "text/html",
  }, body)
end

function response(status, headers, body)
  local cookie = headers["Set-Cookie"] or headers["set-cookie"]
  if status == 200 and cookie and #sessions < wanted then
    local id = string.match(cookie, "PHOENIXSESSION=([^;]+)")
    local csrf = body and string.match(body, 'name="_csrf" value="([^"]+)"')
    if id and csrf then
      table.insert(sessions, { cookie = id, csrf = csrf })
    end
    counts["page"] = (counts["page"] or 0) + 1
    return
  end
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
