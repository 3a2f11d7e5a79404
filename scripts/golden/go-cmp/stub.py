# A stub API server for scripts/golden/go-cmp/kubectl-record.sh: one PersistentVolumeClaim to get,
# and every PATCH of it answered with the Status in the JSON file given (the one our API
# server sends), so that the real kubectl prints its own rendering of that refusal.
import json, sys
from http.server import BaseHTTPRequestHandler, HTTPServer
CLAIM = json.load(open(sys.argv[2]))
STATUS = json.load(open(sys.argv[3]))
class H(BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def send(self, code, obj):
        b = json.dumps(obj).encode(); self.send_response(code)
        self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(b))); self.end_headers(); self.wfile.write(b)
    def do_GET(self):
        p = self.path.split("?")[0]
        if p == "/api": return self.send(200, {"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1:6443"}]})
        if p == "/apis": return self.send(200, {"kind": "APIGroupList", "apiVersion": "v1", "groups": []})
        if p == "/api/v1": return self.send(200, {"kind": "APIResourceList", "groupVersion": "v1", "resources": [
            {"name": "persistentvolumeclaims", "singularName": "persistentvolumeclaim", "namespaced": True, "kind": "PersistentVolumeClaim", "verbs": ["get", "list", "patch", "update"], "shortNames": ["pvc"]}]})
        if p == "/api/v1/namespaces/default/persistentvolumeclaims/" + CLAIM["metadata"]["name"]: return self.send(200, CLAIM)
        self.send(404, {"kind": "Status", "apiVersion": "v1", "status": "Failure", "code": 404, "reason": "NotFound", "message": "not found"})
    def do_PATCH(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send(STATUS["code"], STATUS)
HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
