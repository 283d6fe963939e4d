-- wrk script for benchmarks/wrk-login.sh: POST /login with the sample's demo credentials.
wrk.method = "POST"
wrk.path = "/login"
wrk.body = '{"username":"alice","password":"wonderland"}'
wrk.headers["Content-Type"] = "application/json"
