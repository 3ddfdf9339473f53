-- wrk script: client-credentials token requests (RFC 6749 section 4.4) with HTTP Basic auth.
wrk.method = "POST"
wrk.body = "grant_type=client_credentials&scope=" .. (os.getenv("PHX_SCOPE") or "api.read")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. os.getenv("PHX_BASIC")
