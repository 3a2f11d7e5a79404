/**
 * The golden cases: files every case needs (described by their fields, so the recorder can make
 * them with the real openssl and the test with the simulated PKI) and the command lines to run.
 */

/** A certificate as kubeadm (Go) writes them: the fields the simulated certificate carries. */
export interface CertSpec {
  file: string;
  keyFile: string;
  commonName: string;
  organizations: string[];
  isCA: boolean;
  usages: ('server' | 'client')[];
  dnsNames: string[];
  ipAddresses: string[];
  days: number;
}

export const CA: CertSpec = { file: 'ca.crt', keyFile: 'ca.key', commonName: 'kubernetes', organizations: [], isCA: true, usages: [], dnsNames: ['kubernetes'], ipAddresses: [], days: 3650 };

export const APISERVER: CertSpec = {
  file: 'apiserver.crt',
  keyFile: 'apiserver.key',
  commonName: 'kube-apiserver',
  organizations: [],
  isCA: false,
  usages: ['server'],
  dnsNames: ['cka01', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'],
  ipAddresses: ['10.96.0.1', '192.168.6.171'],
  days: 365,
};

export const ADMIN: CertSpec = { file: 'admin.crt', keyFile: 'admin.key', commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'], isCA: false, usages: ['client'], dnsNames: [], ipAddresses: [], days: 365 };

export const FRONT_PROXY_CA: CertSpec = { file: 'front-proxy-ca.crt', keyFile: 'front-proxy-ca.key', commonName: 'front-proxy-ca', organizations: [], isCA: true, usages: [], dnsNames: ['front-proxy-ca'], ipAddresses: [], days: 3650 };

/** Both usages and an IPv6 address, like kubeadm's etcd server certificate. */
export const ETCD_SERVER: CertSpec = { file: 'etcd-server.crt', keyFile: 'etcd-server.key', commonName: 'cka01', organizations: [], isCA: false, usages: ['server', 'client'], dnsNames: ['cka01', 'localhost'], ipAddresses: ['192.168.6.171', '127.0.0.1', '::1'], days: 365 };

export const CERTS = [CA, APISERVER, ADMIN, FRONT_PROXY_CA, ETCD_SERVER];

/** Run in this order in one directory holding the files above (jane.* are made by the commands). */
export const CASES: { name: string; command: string }[] = [
  { name: 'x509-text-ca', command: 'openssl x509 -in ca.crt -noout -text' },
  { name: 'x509-text-apiserver', command: 'openssl x509 -in apiserver.crt -noout -text' },
  { name: 'x509-text-admin', command: 'openssl x509 -in admin.crt -noout -text' },
  { name: 'x509-text-etcd-server', command: 'openssl x509 -in etcd-server.crt -noout -text | sed -n "/X509v3 extensions/,/Signature Algorithm/p"' },
  { name: 'x509-fields', command: 'openssl x509 -in apiserver.crt -noout -subject -issuer -dates -serial' },
  { name: 'x509-admin-subject', command: 'openssl x509 -in admin.crt -noout -subject -enddate' },
  { name: 'x509-nameopt', command: 'for n in RFC2253 compat oneline multiline; do openssl x509 -in admin.crt -noout -subject -issuer -nameopt $n; done' },
  { name: 'x509-nameopt-bad', command: 'openssl x509 -in admin.crt -noout -subject -nameopt bogus' },
  { name: 'x509-fingerprint', command: 'openssl x509 -in apiserver.crt -noout -fingerprint -sha256' },
  { name: 'x509-ext-san', command: 'openssl x509 -in apiserver.crt -noout -ext subjectAltName' },
  { name: 'x509-ext-usage', command: 'openssl x509 -in apiserver.crt -noout -ext keyUsage,extendedKeyUsage' },
  { name: 'x509-checkend-ok', command: 'openssl x509 -in apiserver.crt -noout -checkend 86400' },
  { name: 'x509-checkend-expire', command: 'openssl x509 -in apiserver.crt -noout -checkend 999999999' },
  { name: 'ca-hash', command: "openssl x509 -pubkey -in ca.crt | openssl rsa -pubin -outform der 2>/dev/null | openssl dgst -sha256 -hex | sed 's/^.* //'" },
  { name: 'pubkey-header', command: 'openssl x509 -pubkey -noout -in ca.crt | head -1' },
  { name: 'rsa-writing', command: 'openssl x509 -pubkey -noout -in ca.crt | openssl rsa -pubin -outform der > /dev/null' },
  { name: 'genrsa', command: 'openssl genrsa -out jane.key 2048' },
  { name: 'req-new', command: 'openssl req -new -key jane.key -subj "/CN=jane/O=dev" -out jane.csr' },
  { name: 'req-subject', command: 'openssl req -in jane.csr -noout -subject' },
  { name: 'req-text', command: 'openssl req -in jane.csr -noout -text' },
  { name: 'x509-req-sign', command: 'openssl x509 -req -in jane.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out jane.crt -days 365' },
  { name: 'x509-req-no-srl', command: 'openssl x509 -req -in jane.csr -CA admin.crt -CAkey admin.key -out other.crt 2>/dev/null; ls admin.srl other.crt' },
  { name: 'x509-req-srl-next', command: 'openssl x509 -req -in jane.csr -CA ca.crt -CAkey ca.key -out jane2.crt 2>/dev/null; test "$(openssl x509 -in jane2.crt -noout -serial)" = "serial=$(cat ca.srl)" && echo recorded' },
  { name: 'req-x509-own-ca', command: 'openssl req -x509 -new -key jane.key -subj "/CN=myca" -days 3650 -out myca.crt; openssl x509 -in myca.crt -noout -text | sed -n "/Issuer/p;/Subject:/p;/X509v3 extensions/,/Signature Algorithm/p"' },
  { name: 'req-x509-default-days', command: 'openssl req -x509 -key jane.key -subj "/CN=myca" | openssl x509 -noout -checkend 2591000; openssl req -x509 -key jane.key -subj "/CN=myca" | openssl x509 -noout -checkend 2593000' },
  { name: 'x509-req-key-mismatch', command: 'openssl x509 -req -in jane.csr -CA myca.crt -CAkey admin.key -out mismatch.crt; echo $?; ls mismatch.crt' },
  { name: 'x509-short-serial', command: "for n in 664544061 4164544061; do openssl x509 -req -in jane.csr -CA ca.crt -CAkey ca.key -set_serial $n 2>/dev/null | openssl x509 -noout -text -serial | sed -n '4p;$p'; done" },
  // The server certificate flow of the Kubernetes docs (tasks/administer-cluster/certificates): a csr.conf with sections.
  { name: 'conf-req', command: "printf '[ req ]\\ndefault_bits = 2048\\nprompt = no\\ndefault_md = sha256\\nreq_extensions = req_ext\\ndistinguished_name = dn\\n\\n[ dn ]\\nC = CN\\nST = Beijing\\nO = cka\\nOU = lab\\nCN = 192.168.6.171\\n\\n[ req_ext ]\\nsubjectAltName = @alt_names\\n\\n[ alt_names ]\\nDNS.1 = kubernetes\\nDNS.2 = kubernetes.default\\nIP.1 = 192.168.6.171\\nIP.2 = 10.96.0.1\\n\\n[ v3_ext ]\\nauthorityKeyIdentifier=keyid,issuer:always\\nbasicConstraints=CA:FALSE\\nkeyUsage=keyEncipherment,dataEncipherment\\nextendedKeyUsage=serverAuth,clientAuth\\nsubjectAltName=@alt_names\\n' > csr.conf; openssl genrsa -out server.key 2048; openssl req -new -key server.key -out server.csr -config csr.conf; openssl req -noout -text -in server.csr | grep -v '^  *[0-9a-f][0-9a-f]:'" },
  { name: 'conf-x509-sign', command: 'openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 10000 -extensions v3_ext -extfile csr.conf -sha256' },
  { name: 'conf-x509-text', command: 'openssl x509 -noout -text -in server.crt | sed -n "/Issuer/p;/Subject:/p;/X509v3 extensions/,/Signature Algorithm/p"' },
  { name: 'extfile-default-key-ids', command: "printf 'extendedKeyUsage=clientAuth\\n' > client.cnf; openssl x509 -req -in jane.csr -CA ca.crt -CAkey ca.key -extfile client.cnf 2>/dev/null | openssl x509 -noout -text | sed -n '/X509v3 extensions/,/Signature Algorithm/p'" },
  { name: 'x509-text-jane', command: 'openssl x509 -in jane.crt -noout -text' },
  { name: 'x509-jane-subject', command: 'openssl x509 -in jane.crt -noout -subject -issuer' },
  { name: 'x509-jane-no-ext', command: 'openssl x509 -in jane.crt -noout -ext subjectAltName' },
  { name: 'modulus-match', command: 'test "$(openssl x509 -noout -modulus -in jane.crt)" = "$(openssl rsa -noout -modulus -in jane.key)" && echo match' },
  { name: 'rand-hex', command: 'openssl rand -hex 16 | tr -d "0-9a-f"; openssl rand -hex 16 | wc -c' },
  { name: 'dgst-file', command: 'printf abc > abc.txt; openssl dgst -sha256 abc.txt; openssl dgst -md5 abc.txt; openssl dgst -sha1 -r abc.txt' },
  { name: 'dgst-stdin', command: 'printf abc | openssl dgst -sha256' },
  { name: 'verify-ok', command: 'openssl verify -CAfile ca.crt apiserver.crt admin.crt jane.crt' },
  { name: 'verify-stdin', command: 'cat apiserver.crt | openssl verify -CAfile ca.crt' },
  { name: 'verify-wrong-ca', command: 'openssl verify -CAfile front-proxy-ca.crt apiserver.crt' },
  { name: 'verify-self-signed', command: 'openssl verify front-proxy-ca.crt' },
  { name: 'verify-missing-cafile', command: 'openssl verify -CAfile nosuch.crt apiserver.crt' },
  { name: 'req-prompts', command: "printf 'US\\n\\n\\nacme\\n\\njane\\n\\n\\n\\n' | openssl req -new -key jane.key -out prompted.csr; openssl req -in prompted.csr -noout -subject" },
  { name: 'req-subj-attributes', command: 'openssl req -new -key jane.key -subj "/C=CN/ST=Beijing/O=dev/OU=ops/CN=jane" | openssl req -noout -subject' },
  { name: 'req-addext', command: 'openssl req -new -key jane.key -subj "/CN=web" -addext "subjectAltName=DNS:web.local,IP:10.0.0.5" -addext "keyUsage=critical,digitalSignature" | openssl req -noout -text | sed -n "/Attributes/,/Signature Algorithm/p"' },
  { name: 'req-subj-unknown', command: 'openssl req -new -key jane.key -subj "/CN=jane/XX=1/O=" | openssl req -noout -subject' },
  { name: 'err-missing-file', command: 'openssl x509 -in nosuch.crt -noout -text' },
  { name: 'err-not-a-cert', command: 'echo hello > bad.crt; openssl x509 -in bad.crt -noout -subject' },
  { name: 'err-key-as-cert', command: 'openssl x509 -in jane.key -noout -subject 2>&1 | head -1' },
  { name: 'err-invalid-command', command: 'openssl foo' },
  { name: 'err-needs-value', command: 'openssl x509 -in' },
  { name: 'err-req-unknown', command: 'openssl req -in jane.csr -noout -nosuchopt' },
  { name: 'err-dgst-missing', command: 'openssl dgst -sha256 nosuch' },
  { name: 'err-rand-extra', command: 'openssl rand -hex 16 17' },
];
