-- wrk: every request from another reader, each with the cookies our site gives readers (a
-- csrftoken of its own, one in ten malformed) and an analytics cookie. A front cache that
-- varied on Cookie, or a page answering with Set-Cookie, would miss for each of them.
local n = 0

request = function()
  n = n + 1
  local token = string.format("%032d", n)
  if n % 10 == 0 then token = "bad!" .. n end
  wrk.headers["Cookie"] = "csrftoken=" .. token .. "; _ga=GA1.2." .. n .. ".1"
  return wrk.format()
end
