# A stub API server for scripts/golden/describe/check.sh: serves the objects the simulator dumped
# (discovery, GET and LIST with label/field selectors) so that the real kubectl can describe them.
import json, sys, urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer
D = sys.argv[2]
load = lambda n: json.load(open(D + n + '.json'))['items']
store = {('', 'pods'): load('allpods'), ('', 'events'): load('events'), ('', 'services'): load('services'), ('', 'endpoints'): load('endpoints'),
         ('', 'nodes'): load('nodes'), ('apps', 'replicasets'): load('replicasets.apps'), ('apps', 'deployments'): load('deployments.apps'),
         ('discovery.k8s.io', 'endpointslices'): load('endpointslices.discovery.k8s.io'), ('coordination.k8s.io', 'leases'): load('leases')}
KINDS = {'pods': ('Pod', True), 'events': ('Event', True), 'services': ('Service', True), 'endpoints': ('Endpoints', True), 'nodes': ('Node', False),
         'replicasets': ('ReplicaSet', True), 'deployments': ('Deployment', True), 'endpointslices': ('EndpointSlice', True), 'leases': ('Lease', True)}
def reslist(group, version):
    rs = [r for (g, r) in store if g == group]
    return {"kind": "APIResourceList", "groupVersion": (group + "/" if group else "") + version, "resources": [{"name": r, "singularName": KINDS[r][0].lower(), "namespaced": KINDS[r][1], "kind": KINDS[r][0], "verbs": ["get", "list"], "shortNames": {"pods": ["po"], "services": ["svc"], "deployments": ["deploy"], "replicasets": ["rs"], "nodes": ["no"], "endpoints": ["ep"], "events": ["ev"]}.get(r, [])} for r in rs]}
def get(o, path):
    for k in path.split('.'):
        o = o.get(k) if isinstance(o, dict) else None
    return o
def match(o, q):
    for kv in q.get('fieldSelector', [''])[0].split(','):
        if '!=' in kv:
            k, v = kv.split('!=', 1)
            if str(get(o, k) if get(o, k) is not None else '') == v: return False
        elif '=' in kv:
            k, v = kv.split('=', 1)
            if str(get(o, k) if get(o, k) is not None else '') != v: return False
    for kv in q.get('labelSelector', [''])[0].split(','):
        if '=' in kv:
            k, v = kv.split('=', 1)
            if (o['metadata'].get('labels') or {}).get(k) != v: return False
    return True
class H(BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def send(self, code, obj):
        b = json.dumps(obj).encode(); self.send_response(code)
        self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(b))); self.end_headers(); self.wfile.write(b)
    def do_GET(self):
        u = urllib.parse.urlparse(self.path); p = u.path; q = urllib.parse.parse_qs(u.query)
        if p == "/api": return self.send(200, {"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1:6443"}]})
        if p == "/apis": return self.send(200, {"kind": "APIGroupList", "apiVersion": "v1", "groups": [{"name": g, "versions": [{"groupVersion": g + "/v1", "version": "v1"}], "preferredVersion": {"groupVersion": g + "/v1", "version": "v1"}} for g in sorted({g for (g, r) in store if g})]})
        if p == "/api/v1": return self.send(200, reslist('', 'v1'))
        parts = p.strip('/').split('/')
        if parts[0] == 'apis' and len(parts) == 3: return self.send(200, reslist(parts[1], parts[2]))
        if parts[0] == 'api': group, rest = '', parts[2:]
        else: group, rest = parts[1], parts[3:]
        ns = None
        if rest and rest[0] == 'namespaces' and len(rest) >= 3: ns, rest = rest[1], rest[2:]
        res = rest[0] if rest else None
        items = [o for o in store.get((group, res), []) if ns is None or o['metadata'].get('namespace') == ns]
        if len(rest) == 2:
            for o in items:
                if o['metadata']['name'] == rest[1]: return self.send(200, o)
            return self.send(404, {"kind": "Status", "apiVersion": "v1", "status": "Failure", "message": "not found", "reason": "NotFound", "code": 404})
        if len(rest) == 1:
            return self.send(200, {"kind": KINDS[res][0] + "List", "apiVersion": (group + "/" if group else "") + "v1", "metadata": {"resourceVersion": "1"}, "items": [o for o in items if match(o, q)]})
        self.send(404, {"kind": "Status", "apiVersion": "v1", "status": "Failure", "message": "not found", "reason": "NotFound", "code": 404})
HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
