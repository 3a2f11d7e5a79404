# A stub API server for scripts/golden/go-sort/check.sh: lists pods whose label k comes from a JSON file.
import json, sys, os
from http.server import BaseHTTPRequestHandler, HTTPServer
KEYS = json.load(open(sys.argv[2]))
class H(BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def send(self, code, obj):
        b = json.dumps(obj).encode(); self.send_response(code)
        self.send_header("Content-Type","application/json"); self.send_header("Content-Length",str(len(b))); self.end_headers(); self.wfile.write(b)
    def do_GET(self):
        p = self.path.split("?")[0]
        if p == "/api": return self.send(200, {"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1:6443"}]})
        if p == "/apis": return self.send(200, {"kind":"APIGroupList","apiVersion":"v1","groups":[]})
        if p == "/api/v1": return self.send(200, {"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"pods","singularName":"pod","namespaced":True,"kind":"Pod","verbs":["get","list"],"shortNames":["po"]}]})
        if p == "/api/v1/namespaces/default/pods":
            keys = json.load(open(sys.argv[2]))
            rows = []
            for i, k in enumerate(keys):
                name = "p%03d" % i
                obj = {"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":name,"namespace":"default","labels":{"k":str(k)}}}
                rows.append({"cells":[name],"object":obj})
            return self.send(200, {"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"1"},"columnDefinitions":[{"name":"Name","type":"string","format":"name","description":"","priority":0}],"rows":rows})
        self.send(404, {"kind":"Status","apiVersion":"v1","status":"Failure","code":404})
HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
