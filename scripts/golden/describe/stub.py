# A stub API server for scripts/golden/describe/check.sh: serves the objects the simulator dumped
# (one `kubectl get RESOURCE[.GROUP] -A -o json` per file PREFIX<resource>[.<group>].json) with their
# discovery, GET and LIST (label and field selectors), so that the real kubectl can describe them.
import glob, json, os, sys, urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer

PREFIX = sys.argv[2]
store = {}   # (group, resource) -> items
kinds = {}   # (group, resource) -> (kind, namespaced)
for path in glob.glob(PREFIX + '*.json'):
    name = os.path.basename(path)[len(os.path.basename(PREFIX)):-len('.json')]
    resource, _, group = name.partition('.')
    items = json.load(open(path)).get('items', [])
    store[(group, resource)] = items
    kind = items[0]['kind'] if items else resource.capitalize()
    kinds[(group, resource)] = (kind, any('namespace' in o['metadata'] for o in items) or resource not in ('nodes', 'persistentvolumes', 'storageclasses', 'clusterroles', 'clusterrolebindings', 'namespaces', 'priorityclasses', 'ingressclasses', 'certificatesigningrequests'))

SHORT = {'pods': ['po'], 'services': ['svc'], 'deployments': ['deploy'], 'replicasets': ['rs'], 'daemonsets': ['ds'], 'nodes': ['no'],
         'endpoints': ['ep'], 'events': ['ev'], 'configmaps': ['cm'], 'serviceaccounts': ['sa'], 'networkpolicies': ['netpol'],
         'persistentvolumes': ['pv'], 'persistentvolumeclaims': ['pvc'], 'ingresses': ['ing'], 'cronjobs': ['cj'], 'horizontalpodautoscalers': ['hpa'],
         'statefulsets': ['sts'], 'resourcequotas': ['quota'], 'limitranges': ['limits'], 'poddisruptionbudgets': ['pdb'], 'priorityclasses': ['pc'], 'namespaces': ['ns'], 'storageclasses': ['sc'], 'certificatesigningrequests': ['csr']}

def reslist(group, version):
    return {"kind": "APIResourceList", "groupVersion": (group + "/" if group else "") + version,
            "resources": [{"name": r, "singularName": kinds[(g, r)][0].lower(), "namespaced": kinds[(g, r)][1], "kind": kinds[(g, r)][0], "verbs": ["get", "list"], "shortNames": SHORT.get(r, [])} for (g, r) in store if g == group]}

def field(o, path):
    for k in path.split('.'):
        o = o.get(k) if isinstance(o, dict) else None
    return '' if o is None else str(o)

def match(o, q):
    for kv in q.get('fieldSelector', [''])[0].split(','):
        if '!=' in kv:
            k, v = kv.split('!=', 1)
            if field(o, k) == v: return False
        elif '=' in kv:
            k, v = kv.split('=', 1)
            if field(o, k) != v: return False
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
    def notfound(self):
        self.send(404, {"kind": "Status", "apiVersion": "v1", "status": "Failure", "message": "not found", "reason": "NotFound", "code": 404})
    def do_GET(self):
        u = urllib.parse.urlparse(self.path); p = u.path; q = urllib.parse.parse_qs(u.query)
        if p == "/api": return self.send(200, {"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1:6443"}]})
        if p == "/apis":
            groups = sorted({g for (g, r) in store if g})
            return self.send(200, {"kind": "APIGroupList", "apiVersion": "v1", "groups": [{"name": g, "versions": [{"groupVersion": g + "/v1", "version": "v1"}], "preferredVersion": {"groupVersion": g + "/v1", "version": "v1"}} for g in groups]})
        if p == "/api/v1": return self.send(200, reslist('', 'v1'))
        parts = p.strip('/').split('/')
        if parts[0] == 'apis' and len(parts) == 3: return self.send(200, reslist(parts[1], parts[2]))
        group, rest = ('', parts[2:]) if parts[0] == 'api' else (parts[1], parts[3:])
        ns = None
        if len(rest) >= 3 and rest[0] == 'namespaces': ns, rest = rest[1], rest[2:]
        if not rest or (group, rest[0]) not in store: return self.notfound()
        items = [o for o in store[(group, rest[0])] if ns is None or o['metadata'].get('namespace') == ns]
        if len(rest) == 2:
            found = [o for o in items if o['metadata']['name'] == rest[1]]
            return self.send(200, found[0]) if found else self.notfound()
        kind = kinds[(group, rest[0])][0]
        return self.send(200, {"kind": kind + "List", "apiVersion": (group + "/" if group else "") + "v1", "metadata": {"resourceVersion": "1"}, "items": [o for o in items if match(o, q)]})
HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
