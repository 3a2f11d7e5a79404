"""Random old/new spec pairs for the go-cmp differential test (seeded: the same file every run).

Each pair starts from one random claim spec or volume source and changes a few fields, so that
the diffs cover context records, folded runs, nested structs, maps, slices and quantities in
combinations no hand-written case does. Usage: python3 random-cases.py > cases-random.json
"""
import copy
import json
import random

rnd = random.Random(1033)

MODES = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"]
SIZES = ["1Gi", "2Gi", "8Gi", "500Mi", "1024Mi", "100M", "1000M", "1.5Gi", "3", "250m", "10Gi", "16Gi", "0", "1e3", "64Ki",
         "100000Gi", "0.5Gi", "-1Gi", "1.25", "12345678901234567890"]
NAMES = ["", "pv1", "pv-data", "pvc-0b1c5f2e-7d4a-4a53-9d3e-2f6c1b8e9a71", "pvc-0b1c5f2e-7d4a-4a53-9d3e-2f6c1b8e9a72",
         "pvc-9c2d6e1f-3b5a-4c64-8e4f-1a7d2c9f0b82", "a-very-long-volume-name-that-goes-on-and-on-past-sixty-four-bytes-of-text-0001",
         "a-very-long-volume-name-that-goes-on-and-on-past-sixty-four-bytes-of-text-0002"]
CLASSES = [None, "", "manual", "fast", "standard", "local-path"]
LABELS = ["tier", "zone", "app", "env"]
VALUES = ["gold", "silver", "a", "b", "web"]


def selector():
    s = {}
    if rnd.random() < 0.6:
        s["matchLabels"] = {k: rnd.choice(VALUES) for k in rnd.sample(LABELS, rnd.randint(1, 3))}
    if rnd.random() < 0.5:
        s["matchExpressions"] = [
            {"key": rnd.choice(LABELS), "operator": rnd.choice(["In", "NotIn", "Exists"]), "values": rnd.sample(VALUES, rnd.randint(0, 3))}
            for _ in range(rnd.randint(1, 2))
        ]
    return s


def resources():
    r = {"requests": {"storage": rnd.choice(SIZES)}}
    if rnd.random() < 0.2:
        r["limits"] = {"storage": rnd.choice(SIZES)}
    return r


GENERATORS = {
    "accessModes": lambda: rnd.sample(MODES, rnd.randint(1, 3)),
    "resources": resources,
    "volumeName": lambda: rnd.choice(NAMES),
    "storageClassName": lambda: rnd.choice(CLASSES),
    "volumeMode": lambda: rnd.choice(["Filesystem", "Block"]),
    "selector": selector,
    "dataSource": lambda: {"kind": "PersistentVolumeClaim", "name": rnd.choice(["src", "other"])},
    "volumeAttributesClassName": lambda: rnd.choice(["gold", "silver"]),
}


def claim():
    c = {"accessModes": GENERATORS["accessModes"](), "resources": resources()}
    for key, gen in GENERATORS.items():
        if key not in c and rnd.random() < 0.5:
            v = gen()
            if v is not None:
                c[key] = v
    return c


def mutate_claim(c):
    c = copy.deepcopy(c)
    for _ in range(rnd.randint(1, 3)):
        field = rnd.choice(list(GENERATORS))
        if field in c and rnd.random() < 0.3:
            del c[field]
            continue
        v = GENERATORS[field]()
        if v is None:
            c.pop(field, None)
        else:
            c[field] = v
    return c


def source():
    kind = rnd.choice(["hostPath", "nfs", "local", "csi"])
    if kind == "hostPath":
        return {"hostPath": {"path": rnd.choice(["/data", "/mnt/data", "/srv/volumes/application-one/data", "/srv/volumes/application-two/data-and-more"]), "type": rnd.choice(["", "Directory", "DirectoryOrCreate"])}}
    if kind == "nfs":
        return {"nfs": {"server": rnd.choice(["10.0.0.5", "nfs.example.com"]), "path": rnd.choice(["/exports", "/exports/a"]), "readOnly": rnd.random() < 0.3}}
    if kind == "local":
        s = {"local": {"path": rnd.choice(["/mnt/disks/ssd1", "/mnt/disks/ssd2"])}}
        if rnd.random() < 0.5:
            s["local"]["fsType"] = "ext4"
        return s
    s = {"csi": {"driver": rnd.choice(["hostpath.csi.k8s.io", "ebs.csi.aws.com"]), "volumeHandle": rnd.choice(["v1", "vol-0123456789abcdef0"])}}
    if rnd.random() < 0.5:
        s["csi"]["volumeAttributes"] = {k: rnd.choice(VALUES) for k in rnd.sample(LABELS, rnd.randint(1, 3))}
    if rnd.random() < 0.3:
        s["csi"]["nodePublishSecretRef"] = {"name": "s", "namespace": "default"}
    return s


def mutate_source(s):
    if rnd.random() < 0.3:
        return source()
    s = copy.deepcopy(s)
    (kind, body), = s.items()
    other = source()
    if kind in other:
        for k, v in other[kind].items():
            if rnd.random() < 0.6:
                body[k] = v
    else:
        body.clear()
        body.update(other[next(iter(other))])
        s = {next(iter(other)): body}
    return s


cases = []
for i in range(300):
    old = claim()
    cases.append({"name": f"random-pvc-{i:03}", "type": "pvc", "old": old, "new": mutate_claim(old)})
for i in range(100):
    old = source()
    cases.append({"name": f"random-pv-{i:03}", "type": "pv", "old": old, "new": mutate_source(old)})
print("[\n" + ",\n".join(json.dumps(c) for c in cases) + "\n]")
